-- Raw items stored before the rule in handoff/personal.py existed may carry Greenhouse metadata
-- fields that name a person (value_type 'user': a recruiter's name and e-mail) or hold an
-- e-mail address. They are removed here, as the spider and the loader now remove them.
update raw_postings
set item = json_merge_patch(item, json_object('extra', json_object('metadata', to_json(
    list_filter(
        cast(item -> '$.extra.metadata' as json[]),
        lambda m: coalesce(m ->> 'value_type', '') <> 'user'
            and not regexp_matches(cast(m -> 'value' as varchar),
                                   '[^\s@"''<>(),;:]+@[^\s@"''<>(),;:]+\.[A-Za-z]{2,}'))))))
where json_type(item, '$.extra.metadata') = 'ARRAY';
