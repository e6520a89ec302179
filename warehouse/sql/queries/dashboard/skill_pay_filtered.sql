-- One skill's pay in USD by pay type among the filtered postings.
with paid as (
    select
        posting_id, pay_kind, pay_period,
        coalesce((pay_usd_min + pay_usd_max) / 2, pay_usd_min, pay_usd_max) as amount
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
    where pay_kind is not null and pay_period is not null
    qualify row_number() over (
        partition by job_id order by pay_min is null, first_seen_at, posting_id
    ) = 1
)

select
    p.pay_kind, p.pay_period, count(p.amount) as postings,
    quantile_cont(p.amount, 0.25) as p25,
    quantile_cont(p.amount, 0.50) as median,
    quantile_cont(p.amount, 0.75) as p75
from paid as p
inner join posting_skills as ps on p.posting_id = ps.posting_id
where ps.skill = $skill and p.amount is not null
group by p.pay_kind, p.pay_period
order by p.pay_kind, p.pay_period
