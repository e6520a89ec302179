-- Pay of one pay type by seniority band among the filtered postings, for all skills ('all')
-- and each chosen skill; in USD when $currency is null, else among postings paying in it.
with paid as (
    select
        posting_id,
        seniority_band,
        case when $currency is null
            then coalesce((pay_usd_min + pay_usd_max) / 2, pay_usd_min, pay_usd_max)
            else coalesce((pay_min + pay_max) / 2, pay_min, pay_max)
        end as amount
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
    where pay_kind = $kind and pay_period = $period and seniority_band is not null
        and ($currency is null or pay_currency = $currency)
        and not ($stated_only and coalesce(pay_period_inferred, false))
    qualify row_number() over (
        partition by job_id order by pay_min is null, first_seen_at, posting_id
    ) = 1
),

with_skill as (
    select seniority_band, 'all' as skill, amount from paid
    union all
    select p.seniority_band, ps.skill, p.amount
    from paid as p
    inner join posting_skills as ps on p.posting_id = ps.posting_id
    where list_contains($skills, ps.skill)
)

select
    seniority_band,
    skill,
    count(amount) as postings,
    quantile_cont(amount, 0.25) as p25,
    quantile_cont(amount, 0.50) as median,
    quantile_cont(amount, 0.75) as p75
from with_skill
where amount is not null
group by seniority_band, skill
order by skill, seniority_band
