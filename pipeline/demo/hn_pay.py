"""Pay as posters write it in the synthetic HN corpus: markets, salary and rate spellings.

Amounts follow role, seniority, market and year; the spellings imitate the forms seen in real
postings (bands in thousands, full amounts, lakhs, day rates) so the salary parser meets them all.
"""

from __future__ import annotations

import random

from pipeline.demo.hn_trends import PAY_DRIFT
from pipeline.demo.seeded_trends import trend

# market -> (currency, multiplier vs. a top US market, FX units per USD)
MARKETS: dict[str, tuple[str, float, float]] = {
    "us_top": ("USD", 1.0, 1.0), "us": ("USD", 0.86, 1.0), "remote_us": ("USD", 0.9, 1.0),
    "ca": ("CAD", 0.68, 1.36), "gb": ("GBP", 0.55, 0.79), "eu": ("EUR", 0.5, 0.92),
    "eu_low": ("EUR", 0.36, 0.92), "pl": ("PLN", 0.33, 4.0), "ch": ("CHF", 0.8, 0.88),
    "il": ("USD", 0.6, 1.0), "in": ("INR", 0.16, 83.0), "au": ("AUD", 0.58, 1.52),
    "sg": ("SGD", 0.6, 1.34), "jp": ("JPY", 0.42, 150.0), "latam": ("USD", 0.35, 1.0),
    "remote_global": ("USD", 0.75, 1.0),
}


FREELANCE_BUDGETS: tuple[str, ...] = (
    "$80-120/hr", "$100/hr", "$90-110/hour", "€600/day", "€500 per day", "£450/day", "$700/day",
    "fixed budget ~$8k", "$15,000 fixed price", "rate negotiable", "$60-80/hr", "€70/hr",
)
SEEKER_RATES: tuple[str, ...] = (
    "Rate: $95/hr", "Rate: €650/day", "$120/hour", "Rates from £500/day", "Rate: negotiable",
    "$85/hr, flexible for longer projects", "",
)

PAY_WORDS: tuple[str, ...] = ("Competitive salary + equity", "DOE", "0.5% - 1% equity",
                              "competitive", "Salary: DOE", "top of market + equity")
PAY_EXTRAS: tuple[str, ...] = ("", "", "", " + equity", " + equity + benefits", " base", " + bonus")
PAY_SENTENCES: tuple[str, ...] = ("Salary range: {}.", "Compensation: {} depending on experience.",
                                  "The range for this role is {}.", "Pay: {}")

# Salary spellings per currency. {a}/{b}: band in thousands; {af}/{bf}: full amounts with commas;
# {la}/{lb}: lakhs; {ma}/{mb}: millions; {pa}/{pb}: thousands per month.
PAY_FORMS: dict[str, tuple[str, ...]] = {
    "USD": ("${a}k-{b}k", "${a}K - ${b}K", "${a}-{b}k", "{a}-{b}k", "${a}k-${b}k", "${af} - ${bf}",
            "${a}k–${b}k", "USD {a}-{b}k", "${a}k to ${b}k", "up to ${b}k", "${a}k+", "${a}-{b}K"),
    "EUR": ("€{a}–{b}k", "€{a}.000 - €{b}.000", "{a}-{b}k EUR", "EUR {a}k–{b}k", "€{a}k-€{b}k"),
    "GBP": ("£{af} - £{bf}", "£{a}-{b}k", "£{a}k-£{b}k", "£{a}k – £{b}k"),
    "CHF": ("CHF {a}k", "CHF {a}-{b}k", "{a}'000 - {b}'000 CHF"),
    "CAD": ("CA${a}k-{b}k", "${a}k-{b}k CAD", "CAD {a}-{b}k"),
    "AUD": ("A${a}k-{b}k", "AUD {a}-{b}k + super"),
    "SGD": ("S${a}k-{b}k", "SGD {a}-{b}k"),
    "PLN": ("{pa}-{pb}k PLN/month (B2B)", "PLN {a}-{b}k"),
    "INR": ("₹{la}-{lb} LPA", "INR {la}L - {lb}L"),
    "JPY": ("¥{ma}M-{mb}M", "JPY {ma}-{mb}M"),
}
# Contract rates; {s} is the currency sign, {h} an hourly and {d} a daily rate.
RATE_FORMS: tuple[str, ...] = ("{s}{h}/hr", "{s}{h}-{h2}/hr", "{s}{h}/hour", "{s}{h} per hour",
                               "{s}{d}/day", "{s}{d} per day")


def pay_text(rng: random.Random, year: float, base: float, market: str, contract: bool) -> str:
    """Free-text pay as posters write it; amounts follow role, seniority, market and year."""
    if rng.random() < 0.12:
        return rng.choice(PAY_WORDS)
    cur, mult, fx = MARKETS[market]
    mid = base * mult * trend(PAY_DRIFT, year) * rng.uniform(0.9, 1.1) * fx
    lo, hi = mid * rng.uniform(0.82, 0.92), mid * rng.uniform(1.08, 1.25)
    if contract and cur in ("USD", "EUR", "GBP") and rng.random() < 0.6:
        hour = round(mid / 1800 * 1.25 / 5) * 5
        day = round(hour * 8 / 50) * 50
        sign = {"USD": "$", "EUR": "€", "GBP": "£"}[cur]
        return rng.choice(RATE_FORMS).format(s=sign, h=hour, h2=hour + 20, d=day)
    a = round(lo / 5000) * 5  # thousands, rounded to 5k like posted bands
    b = max(round(hi / 5000) * 5, a + 5)
    text = rng.choice(PAY_FORMS[cur]).format(
        a=a, b=b, af=f"{a * 1000:,}", bf=f"{b * 1000:,}", la=round(lo / 1e5), lb=round(hi / 1e5),
        ma=round(lo / 1e6), mb=round(hi / 1e6), pa=round(lo / 12000), pb=round(hi / 12000))
    return text + rng.choice(PAY_EXTRAS)
