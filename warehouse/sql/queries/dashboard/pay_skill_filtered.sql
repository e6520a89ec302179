-- Percentiles of one pay type per chosen skill among the filtered postings (see pay_skill.sql).
-- Duplicate groups count once, preferring the copy that states pay, as postings_dedup does.
with paid as (
    select
        posting_id,
        pay_period_inferred,
        case when $currency is null
            then coalesce((pay_usd_min + pay_usd_max) / 2, pay_usd_min, pay_usd_max)
            else coalesce((pay_min + pay_max) / 2, pay_min, pay_max)
        end as amount
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
    where pay_kind = $kind and pay_period = $period
        and ($currency is null or pay_currency = $currency)
        and not ($stated_only and coalesce(pay_period_inferred, false))
    qualify row_number() over (
        partition by job_id order by pay_min is null, first_seen_at, posting_id
    ) = 1
)

select
    ps.skill,
    count(p.amount) as postings,
    count(p.amount) filter (where p.pay_period_inferred) as period_inferred,
    quantile_cont(p.amount, 0.10) as p10,
    quantile_cont(p.amount, 0.25) as p25,
    quantile_cont(p.amount, 0.50) as median,
    quantile_cont(p.amount, 0.75) as p75,
    quantile_cont(p.amount, 0.90) as p90
from paid as p
inner join posting_skills as ps on p.posting_id = ps.posting_id
where list_contains($skills, ps.skill) and p.amount is not null
group by ps.skill
order by median desc nulls last, ps.skill
