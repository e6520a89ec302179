-- Currencies the filtered postings state pay in, most common first.
select pay_currency as currency, count(*) as postings
from filtered_postings(
    $date_from, $date_to, $sources, $countries, $work_modes, $employment_types, $seniorities, $role_families
)
where pay_currency is not null and pay_kind is not null
group by pay_currency
order by postings desc, currency
