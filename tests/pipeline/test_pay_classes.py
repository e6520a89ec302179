"""The classes of pay text that failed on held-out real ads, one section per class.

Every example is written here in the shapes real ads use (HN headers, AU/UK board salary fields,
Indian postings); none is taken from evaluation data.  Expected tuples are
(min, max, currency, period) with the stated period, as in tests/pipeline/test_pay.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.normalize.pay import country_currency, ir35_status, parse_pay

Expected = tuple[float | int | None, float | int | None, str | None, str | None] | None

_HN = "Acme Robotics | Senior Backend Engineer | {where} | Full-time | {pay}\n\nWe build fleets."


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _tuple(text: str, hint: str | None = None, country: str | None = None) -> Expected:
    pay = parse_pay(text, currency_hint=hint, country=country)
    if pay is None:
        return None
    assert pay.raw in text
    return (_num(pay.min), _num(pay.max), pay.currency, pay.period)


# 1. Stated vs inferred period ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "stated", "inferred"),
    [
        ("$150k-190k", None, "year"),
        ("€60–80k", None, "year"),
        ("£45,000 - £55,000", None, "year"),
        ("$85/hr", "hour", "hour"),
        ("$95", None, "hour"),
        ("£3,500", None, None),  # a day, week or month rate: no guess
        ("€5,000 per month", "month", "month"),
        ("₹18 LPA", "year", "year"),
        # written in thousands: a small yearly salary, not a month's pay
        ("$12k-15k", None, "year"),
        ("€14k", None, "year"),
        ("$12,000", None, None),
        ("₹50k", None, None),  # in rupees that is a month's pay as often as a year's
    ],
)
def test_stated_and_inferred_period(text: str, stated: str | None, inferred: str | None) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert pay.period == stated
    assert pay.period_inferred == inferred


# 2. Shorthand ranges: the first figure drops its thousands -----------------------------------

@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("$85 - $95000 per year", None, (85000, 95000, "USD", "year")),
        ("90-110,000", "AUD", (90000, 110000, "AUD", None)),
        ("$60 - $70,000 + super", "AUD", (60000, 70000, "AUD", None)),
        ("£40 - 45,000 per annum", None, (40000, 45000, "GBP", "year")),
        ("Salary: 120 - 140,000 USD", None, (120000, 140000, "USD", "year")),
        # not shorthand: the first figure times 1000 would pass the second, or it is a list
        ("$50 - $5,000", None, None),
        ("3 - 400", None, None),
        ("$15 - $18 per hour", None, (15, 18, "USD", "hour")),
    ],
)
def test_shorthand_ranges(text: str, hint: str | None, expected: Expected) -> None:
    assert _tuple(text, hint) == expected


# 3. Period abbreviations -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("$45 p/hr", "hour"), ("£30 ph", "hour"), ("£30 p.h.", "hour"), ("$50/hr", "hour"),
        ("$50 per hr", "hour"), ("$40 an hour", "hour"), ("$40 hourly", "hour"),
        ("$38 p/h", "hour"), ("£450 p.d.", "day"), ("£450/day", "day"),
        ("£450 per diem", "day"), ("£600 p/day", "day"), ("£50k pa", "year"),
        ("£50k p.a.", "year"), ("£50,000 per annum", "year"), ("$90,000 annually", "year"),
        ("$90k/yr", "year"), ("$90k p/yr", "year"), ("€1,200 p/w", "week"),
        ("€4,000 p/mth", "month"),
    ],
)
def test_period_abbreviations(text: str, period: str) -> None:
    pay = parse_pay(text)
    assert pay is not None and pay.period == period, (text, pay)


# 4. Open ranges -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120,000 +", (120000, None, "USD", None)),
        ("Base: $120,000 + | Remote", (120000, None, "USD", None)),
        ("from $90k", (90000, None, "USD", None)),
        ("up to £85k", (None, 85000, "GBP", None)),
        ("$120k+", (120000, None, "USD", None)),
        ("£500 + per day", (500, None, "GBP", "day")),
        # "+ super" / "+ bonus" adds to a base; it is not an open end
        ("$120,000 + super", (120000, 120000, "USD", None)),
        ("£70,000 + bonus", (70000, 70000, "GBP", None)),
    ],
)
def test_open_ranges(text: str, expected: Expected) -> None:
    assert _tuple(text) == expected


def test_open_range_without_currency_needs_a_country() -> None:
    assert _tuple("120k+") == (120000, None, None, None)
    assert _tuple("120k+", country="US") == (120000, None, "USD", None)


# 5. Several figures, one salary ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("package valued at $98,000 including a salary of $80,000 - $88,000 plus super",
         (80000, 88000, "AUD", "year")),
        ("Total package $120,000 (base $100,000 - $110,000 + super)",
         (100000, 110000, "AUD", None)),
        ("$150,000 total package including super; base $135,000", (135000, 135000, "AUD", None)),
        ("OTE $200k, base $120k-$140k", (120000, 140000, "AUD", None)),
        ("$95,000 + super (total package $104,000)", (95000, 95000, "AUD", None)),
        ("Base salary $130k-$150k + 10% bonus + super", (130000, 150000, "AUD", "year")),
        # a package alone is still the pay stated
        ("Total package $140,000", (140000, 140000, "AUD", None)),
    ],
)
def test_base_salary_beside_package(text: str, expected: Expected) -> None:
    assert _tuple(text, country="AU") == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # header-field shapes: brackets, "~" after the sign, a salary word early in a long field
        ("[150 - 190K]", (150000, 190000, None, None)),
        ("(120k-160k)", (120000, 160000, None, None)),
        ("€~60k-€~80k", (60000, 80000, "EUR", None)),
        ("Salary bands are on each posting, but for the backend role it is 130k-160k",
         (130000, 160000, None, None)),
    ],
)
def test_pay_in_a_header_field(field: str, expected: Expected) -> None:
    text = f"Acme | Backend Engineer | Remote | {field} | https://acme.example/jobs\n\nWe build."
    assert _tuple(text) == expected


def test_base_salary_in_a_posting_beside_sign_on_bonus() -> None:
    text = _HN.format(where="NYC", pay="$150k-$180k base plus a $20,000 sign-on bonus and equity")
    assert _tuple(text) == (150000, 180000, "USD", None)


# 6. No currency symbol: the posting's country -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "country", "currency", "inferred"),
    [
        (_HN.format(where="Remote (US)", pay="140k-180k"), "US", "USD", True),
        (_HN.format(where="Sydney", pay="$140k-180k"), "AU", "AUD", False),
        (_HN.format(where="Toronto", pay="$120k-150k"), "CA", "CAD", False),
        (_HN.format(where="Auckland", pay="$110k-130k"), "NZ", "NZD", False),
        (_HN.format(where="Singapore", pay="$9,000/month"), "SG", "SGD", False),
        (_HN.format(where="Berlin", pay="70-90k"), "DE", "EUR", True),
        (_HN.format(where="London", pay="$150k-200k"), "GB", "USD", False),  # "$" is not GBP
        (_HN.format(where="London", pay="€80k"), "US", "EUR", False),  # the text wins
        (_HN.format(where="Remote", pay="140k-180k"), None, None, False),  # never from nowhere
        (_HN.format(where="Remote", pay="140k-180k"), "ZZ", None, False),
    ],
)
def test_currency_from_country(
    text: str, country: str | None, currency: str | None, inferred: bool
) -> None:
    pay = parse_pay(text, country=country)
    assert pay is not None
    assert (pay.currency, pay.currency_inferred) == (currency, inferred)


def test_dollar_sign_follows_the_country_only_where_money_is_a_dollar() -> None:
    mx = parse_pay("$4,000/month", country="MX")  # pesos also write "$": keep the convention
    assert mx is not None and (mx.currency, mx.currency_inferred) == ("USD", False)
    bare = parse_pay("25000 per month", country="MX")
    assert bare is not None and (bare.currency, bare.currency_inferred) == ("MXN", True)
    hk = parse_pay("$40,000 per month", country="HK")
    assert hk is not None and hk.currency == "HKD"


def test_hint_wins_over_country() -> None:
    pay = parse_pay("$120k-150k", currency_hint="CAD", country="US")
    assert pay is not None and pay.currency == "CAD"


def test_country_currency_table() -> None:
    assert country_currency("us") == "USD"
    assert country_currency("FR") == "EUR"
    assert country_currency("IN") == "INR"
    assert country_currency(None) is None
    assert country_currency("XX") is None


# 7. Indian notation ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("12-18 LPA", None, (1200000, 1800000, "INR", "year")),
        ("CTC: 12 - 18 LPA", "IN", (1200000, 1800000, "INR", "year")),
        ("₹25 LPA", None, (2500000, 2500000, "INR", "year")),
        ("₹25 lakh", None, (2500000, 2500000, "INR", None)),
        ("₹25 lakhs per annum", None, (2500000, 2500000, "INR", "year")),
        ("Rs. 8-10 lakh", "IN", (800000, 1000000, "INR", None)),
        ("1.2 crore", None, (12000000, 12000000, "INR", None)),
        ("₹1.5 Cr", None, (15000000, 15000000, "INR", None)),
        ("₹25,00,000 per annum", None, (2500000, 2500000, "INR", "year")),
        ("₹1,20,00,000", None, (12000000, 12000000, "INR", None)),
        ("Comp: ₹30L–₹45L base + ESOPs", None, (3000000, 4500000, "INR", None)),
        ("₹25–35L + equity", None, (2500000, 3500000, "INR", None)),
        ("20-28L INR", None, (2000000, 2800000, "INR", None)),
        ("Rs 15L per annum", None, (1500000, 1500000, "INR", "year")),
        ("₹ 8 - 12 Lacs P.A.", None, (800000, 1200000, "INR", "year")),
        ("12-15 Lakhs per annum", None, (1200000, 1500000, "INR", "year")),
        ("INR 25-30 LPA", None, (2500000, 3000000, "INR", "year")),
        ("₹12,00,000 - ₹18,00,000", None, (1200000, 1800000, "INR", None)),
        # junior Indian pay is small in dollars, but it is pay
        ("3,50,000 - 6,00,000 P.A.", "IN", (350000, 600000, "INR", "year")),
        ("Rs. 40,000 - 60,000 per month", None, (40000, 60000, "INR", "month")),
        ("15-20L", "IN", (1500000, 2000000, "INR", None)),
        # a bare "L" is a lakh only beside a rupee: litres, sizes
        ("15-20L", None, None),
        ("a 40L backpack", None, None),
    ],
)
def test_indian_notation(text: str, country: str | None, expected: Expected) -> None:
    assert _tuple(text, country=country) == expected


def test_lakh_amount_is_a_whole_number() -> None:
    pay = parse_pay("1.2 crore")
    assert pay is not None and str(pay.min) == "12000000"


# 8. Numbers that are not pay ----------------------------------------------------------------------

_NOT_PAY = [
    "2 nights a week on call",
    "3 days a week in the office",
    "Hybrid: 1 day per week remote",
    "4 day work week",
    "we process 500 TB a day",
    "We serve 20k requests per second and 3M events a day.",
    "5+ years of experience with Go",
    "Team of 12 engineers across 4 time zones",
    "401(k) with 4% match",
    "$5,000 learning budget",
    "a $25,000 relocation stipend",
    "over $150k of perks",
    "$5,000 in benefits every year",
    "raised $40M from top investors",
    "We're profitable with $12M ARR",
    "You get a $1,500 home office setup",
    "We pay $200 per referral",
    "Annual bonus of up to $20,000",
    "30 days of vacation per year",
    "40 hours per week",
    "on-call 1 week in 6",
    "24/7 support",
]

# Labels before a bare number, in a short pay field where a currency is known from the source.
_LABELLED = ["Team of 8", "Grade 7", "Band 6", "Level 3", "Job ref 12345", "Ref: 4567"]


@pytest.mark.parametrize("text", _LABELLED)
def test_labelled_bare_numbers_are_not_pay(text: str) -> None:
    assert parse_pay(text, currency_hint="GBP") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grade C (£35,000)", (35000, 35000, "GBP", None)),
        ("NHS Band 5: £29,970 - £36,483", (29970, 36483, "GBP", None)),
        ("Salary: 85000", (85000, 85000, "GBP", "year")),
        ("85000", (85000, 85000, "GBP", None)),
    ],
)
def test_labels_do_not_hide_pay(text: str, expected: Expected) -> None:
    assert _tuple(text, hint="GBP") == expected


@pytest.mark.parametrize("text", _NOT_PAY)
@pytest.mark.parametrize("hint", [None, "USD"])
def test_not_pay(text: str, hint: str | None) -> None:
    assert parse_pay(text, currency_hint=hint) is None


@pytest.mark.parametrize("text", _NOT_PAY)
def test_not_pay_inside_a_posting(text: str) -> None:
    posting = _HN.format(where="Remote (US)", pay="Full benefits") + " " + text + "."
    assert parse_pay(posting, country="US") is None


_BENEFITS = [
    "- Up to $1,000 annual wellness reimbursement",
    "- HSA with $1,000 annual employer contribution",
    "- Life insurance at 2x your annual salary, up to $500,000",
    "- $100/month phone and internet reimbursement",
    "- Home office setup: $1,500 one-time",
    "- Commuter benefits up to $315/month pre-tax",
    "- Coworking membership up to €200 per month",
    "- Cycle to work scheme up to £2,000",
    "- Referral bonus of £2,000",
    "- We cover up to $6,000 a year in education costs",
    "- Childcare: up to $10,000 per year dependent care FSA",
    "- Relocation package up to $15,000",
    "- Hackathon prizes up to $5,000",
    "- Conference budget of €1,500 per year",
    "- Internet stipend: $60/month",
]
_ABOUT = (
    "About the role\nYou will build backend services in Go and Postgres for our payments "
    "platform, working closely with product.\n\nBenefits\n"
)


@pytest.mark.parametrize("line", _BENEFITS)
def test_benefit_caps_are_not_pay(line: str) -> None:
    """A description whose company hides pay still names benefit caps: those are not a salary."""
    assert parse_pay(line, country="US") is None
    assert parse_pay(_ABOUT + line + "\n", country="US") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the words that make a figure not pay must not hide real pay beside them
        ("* Staff Engineer - Machine Learning ($250,000 - $330,000): https://x.example/1",
         (250000, 330000, "USD", None)),
        ("* Training Lead ($150,000 - $180,000)", (150000, 180000, "USD", None)),
        ("$140-$270K based on role/experience", (140000, 270000, "USD", None)),
        ("Compensation: €70k–€120k depending on experience.", (70000, 120000, "EUR", None)),
        ("$177K-$240K for NY roles", (177000, 240000, "USD", None)),
        ("$150k, full benefits", (150000, 150000, "USD", None)),
        ("$45 per hour, 3 days a week", (45, 45, "USD", "hour")),
    ],
)
def test_pay_beside_non_pay_words(text: str, expected: Expected) -> None:
    assert _tuple(text) == expected


# 9. UK contract status (IR35) -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("£500 per day inside IR35", "inside"),
        ("£600/day (Outside IR35)", "outside"),
        ("Day rate: £550, outside of IR35, 6 months", "outside"),
        ("£450-£500 p.d. IR35: Inside", "inside"),
        ("£550/day, out of IR35", "outside"),
        ("£500/day, inside or outside IR35 depending on the role", None),
        ("£500/day, IR35 status to be confirmed", None),
        ("£500/day, inside/outside IR35", None),
        ("£500/day, outside or inside IR35 (TBC)", None),
        ("£500/day; recent changes in IR35 legislation", None),
        ("£500/day", None),
    ],
)
def test_ir35(text: str, status: str | None) -> None:
    pay = parse_pay(text)
    assert pay is not None and pay.ir35 == status
    assert ir35_status(text) == status


def test_ir35_without_pay_is_no_pay() -> None:
    assert parse_pay("Contract role, outside IR35, rate negotiable") is None
    assert ir35_status("Contract role, outside IR35, rate negotiable") == "outside"


def test_pay_amounts_are_decimals() -> None:
    pay = parse_pay("$85 - $95000 per year")
    assert pay is not None and pay.min == Decimal(85000)


# Board salary fields as sources send them (AU, UK, US, EU) ------------------------------------

@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("$31,2k- $52k", None, (31200, 52000, "USD", None)),
        ("$50-$75 /hour", None, (50, 75, "USD", "hour")),
        ("Pay per task", None, None),
        ("-", None, None),
        ("£40,000 - £50,000 per annum + benefits", None, (40000, 50000, "GBP", "year")),
        ("$95,000 - $105,000 + 11.5% super", "AU", (95000, 105000, "AUD", None)),
        ("$65 - $75 p/h inc super", "AU", (65, 75, "AUD", "hour")),
        ("$800 - $900 per day + GST", "AU", (800, 900, "AUD", "day")),
        ("€65.000–€80.000 brutto/Jahr", None, (65000, 80000, "EUR", None)),
        ("CHF 120'000 - 140'000", None, (120000, 140000, "CHF", None)),
        ("100-120k", "GB", (100000, 120000, "GBP", None)),
        ("$160K/yr - $200K/yr", None, (160000, 200000, "USD", "year")),
        ("Base salary range: $136,000—$170,000 USD", None, (136000, 170000, "USD", "year")),
    ],
)
def test_board_salary_fields(text: str, country: str | None, expected: Expected) -> None:
    assert _tuple(text, country=country) == expected
