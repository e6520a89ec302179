-- Engineering postings: every role family but non_engineering. A posting loaded before role
-- families existed (NULL, 'unclassified' in the marts) counts as engineering until
-- `jobpulse rebuild` classifies it, so an upgraded warehouse keeps its figures meanwhile. Skill shares, pay and markets default to these, so a sales or design
-- posting never dilutes or pays into a skill's figures unless asked for.
create or replace macro is_engineering(role_family) as
    coalesce(role_family, '') <> 'non_engineering';

-- The two ways a market hires: 'contract' (contract or freelance work) and 'permanent'
-- (full- or part-time employment); internships and unstated types are neither.
create or replace macro hiring_market(employment_type) as
    case
        when employment_type in ('contract', 'freelance') then 'contract'
        when employment_type in ('full_time', 'part_time') then 'permanent'
    end;

-- The first day of the month the data is in now: partial until it ends, so never compared.
-- "Now" is the warehouse_clock's moment when one is set (a recorded corpus), else the time.
create or replace macro current_month() as
    cast(date_trunc('month', coalesce((select max(as_of) from warehouse_clock), now())
        at time zone 'UTC') as date);

-- The bucket of a pay value in the pay marts' counts (marts/045, marts_incremental/071): 64 per
-- doubling (log2 never decreases as the value grows), so a percentile's position is found among
-- a row's buckets, then among one bucket's values; zero and below share one bucket.
create or replace macro pay_bucket(value) as
    case when value > 0 then cast(floor(log2(value) * 64) as integer) else -100000 end;

-- The standard normal distribution, for movers' p-values and intervals. normal_cdf uses
-- Abramowitz & Stegun 7.1.26 for erf (absolute error under 1.5e-7); normal_quantile is
-- Acklam's rational approximation (relative error under 1.2e-9). DuckDB has neither built in.
create or replace macro normal_cdf(z) as
    0.5 * (1 + sign(z) * (1 - (
        0.254829592 * (1 / (1 + 0.3275911 * abs(z) / sqrt(2)))
        - 0.284496736 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 2)
        + 1.421413741 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 3)
        - 1.453152027 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 4)
        + 1.061405429 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 5)
    ) * exp(-(z * z) / 2)));

create or replace macro normal_quantile_tail(q) as
    -- Lower tail (q < 0.02425) of Acklam's approximation, with r = sqrt(-2 ln q).
    (((((-7.784894002430293e-03 * sqrt(-2 * ln(q)) - 3.223964580411365e-01) * sqrt(-2 * ln(q))
        - 2.400758277161838e+00) * sqrt(-2 * ln(q)) - 2.549732539343734e+00)
        * sqrt(-2 * ln(q)) + 4.374664141464968e+00) * sqrt(-2 * ln(q))
        + 2.938163982698783e+00)
    / ((((7.784695709041462e-03 * sqrt(-2 * ln(q)) + 3.224671290700398e-01) * sqrt(-2 * ln(q))
        + 2.445134137142996e+00) * sqrt(-2 * ln(q)) + 3.754408661907416e+00)
        * sqrt(-2 * ln(q)) + 1);

create or replace macro normal_quantile_central(q) as
    -- Central region of Acklam's approximation, with s = q - 0.5.
    (((((-3.969683028665376e+01 * pow(q - 0.5, 2) + 2.209460984245205e+02) * pow(q - 0.5, 2)
        - 2.759285104469687e+02) * pow(q - 0.5, 2) + 1.383577518672690e+02) * pow(q - 0.5, 2)
        - 3.066479806614716e+01) * pow(q - 0.5, 2) + 2.506628277459239e+00) * (q - 0.5)
    / (((((-5.447609879822406e+01 * pow(q - 0.5, 2) + 1.615858368580409e+02) * pow(q - 0.5, 2)
        - 1.556989798598866e+02) * pow(q - 0.5, 2) + 6.680131188771972e+01) * pow(q - 0.5, 2)
        - 1.328068155288572e+01) * pow(q - 0.5, 2) + 1);

create or replace macro normal_quantile(q) as
    case
        when q <= 0 or q >= 1 then null
        when q < 0.02425 then normal_quantile_tail(q)
        when q > 1 - 0.02425 then -normal_quantile_tail(1 - q)
        else normal_quantile_central(q)
    end;

-- 95% Wilson score interval of a proportion k/n (better than the normal one for small n).
create or replace macro wilson_low(k, n) as
    case when n = 0 then 0.0 else
        ((k / n) + 1.9208 / n - 1.96 * sqrt((k / n) * (1 - k / n) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n)
    end;

create or replace macro wilson_high(k, n) as
    case when n = 0 then 0.0 else
        ((k / n) + 1.9208 / n + 1.96 * sqrt((k / n) * (1 - k / n) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n)
    end;

-- Deduplicated, normalized postings: one row per job (duplicate group), the representative
-- chosen at load time (warehouse/sql/marts/005_representatives.sql).
create or replace view postings_dedup as
select p.*
from postings as p
semi join mart_representatives as r on p.posting_id = r.posting_id;
