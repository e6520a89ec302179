"""Tests for pipeline.normalize.pay, in the style of scrapinghub/price-parser's example tables.

PAY_EXAMPLES are development examples, BUGS_CAUGHT are regressions found on real text, and
PAY_XFAIL are known failures (run as strict xfail so a fix is noticed).  Each example is
(text, currency_hint, expected) with expected = (min, max, currency, period) or None.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize.pay import Pay, infer_period, parse_pay, period_bounds

Expected = tuple[object, object, str | None, str | None] | None


class Example:
    def __init__(self, text: str, expected: Expected, hint: str | None = None) -> None:
        self.text = text
        self.expected = expected
        self.hint = hint

    def __repr__(self) -> str:
        return f"{self.text[:60]!r}"


def _d(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _check(example: Example) -> None:
    pay = parse_pay(example.text, currency_hint=example.hint)
    if example.expected is None:
        assert pay is None, pay
        return
    assert pay is not None
    lo, hi, cur, period = example.expected
    assert (pay.min, pay.max, pay.currency, pay.period) == (_d(lo), _d(hi), cur, period)
    assert pay.raw in example.text


HN_HEADER = "Acme | Backend Engineer | Berlin | €70-90k\n\nWe build things. Python, Postgres."

PAY_EXAMPLES = [
    # bare pay strings: ranges, k, separators of several locales
    Example("$120k-150k", (120000, 150000, "USD", None)),
    Example("$70-80k", (70000, 80000, "AUD", None), hint="AUD"),
    Example("100 to $120K", (100000, 120000, "USD", None)),
    Example("120,000", (120000, 120000, None, None)),
    Example("120.000 €", (120000, 120000, "EUR", None)),
    Example("120 000 € p.a.", (120000, 120000, "EUR", "year")),
    Example("1.234,56 €", (Decimal("1234.56"), Decimal("1234.56"), "EUR", None)),
    Example("CHF 1'200 per day", (1200, 1200, "CHF", "day")),
    Example("€55K-65K", (55000, 65000, "EUR", None)),
    Example("£500 a day", (500, 500, "GBP", "day")),
    Example("£450-550 day rate", (450, 550, "GBP", "day")),
    Example("$1.2M", (1200000, 1200000, "USD", None)),
    # prefixed dollars and other currencies
    Example("US$ 5,000 per month", (5000, 5000, "USD", "month")),
    Example("C$130K-C$150K", (130000, 150000, "CAD", None)),
    Example("CA$90/hr", (90, 90, "CAD", "hour")),
    Example("A$ 800 per day", (800, 800, "AUD", "day")),
    Example("AU$120k", (120000, 120000, "AUD", None)),
    Example("NZ$95,000", (95000, 95000, "NZD", None)),
    Example("HK$40,000 monthly", (40000, 40000, "HKD", "month")),
    Example("S$7,000/mo", (7000, 7000, "SGD", "month")),
    Example("SG$ 7000 per month", (7000, 7000, "SGD", "month")),
    Example("R$ 15.000 por mês", (15000, 15000, "BRL", None)),
    Example("MX$60,000 monthly", (60000, 60000, "MXN", "month")),
    Example("¥8,000,000 per year", (8000000, 8000000, "JPY", "year")),
    Example("JPY 8,000,000", (8000000, 8000000, "JPY", None)),
    Example("CNY 30,000 per month", (30000, 30000, "CNY", "month")),
    Example("¥30,000 per month", (30000, 30000, "CNY", "month"), hint="CNY"),
    Example("₹25,00,000", (2500000, 2500000, "INR", None)),  # Indian lakh grouping
    Example("₹25,00,000 per annum", (2500000, 2500000, "INR", "year")),
    Example("₹1,500,000 per annum", (1500000, 1500000, "INR", "year")),
    Example("15 000 zł brutto", (15000, 15000, "PLN", None)),
    Example("PLN 20000-25000 monthly", (20000, 25000, "PLN", "month")),
    Example("45 000 kr/mån", (45000, 45000, None, None)),
    Example("45 000 kr per month", (45000, 45000, "SEK", "month"), hint="SEK"),
    Example("NOK 700 000 per year", (700000, 700000, "NOK", "year")),
    Example("250 000 ₽ в месяц", (250000, 250000, "RUB", None)),
    Example("₺80.000", (80000, 80000, "TRY", None)),
    Example("₩60,000,000 per year", (60000000, 60000000, "KRW", "year")),
    Example("R 45,000 per month", (45000, 45000, "ZAR", "month"), hint="ZAR"),
    Example("R 45,000 per month", (45000, 45000, None, "month")),
    Example("kr 500", (500, 500, None, None)),
    # periods in their usual forms
    Example("$45/h", (45, 45, "USD", "hour")),
    Example("$45 an hour", (45, 45, "USD", "hour")),
    Example("$45 hourly", (45, 45, "USD", "hour")),
    Example("$45 p.h.", (45, 45, "USD", "hour")),
    Example("$600 daily", (600, 600, "USD", "day")),
    Example("$2,000/wk", (2000, 2000, "USD", "week")),
    Example("$2,000 per week", (2000, 2000, "USD", "week")),
    Example("€5.000 p.m.", (5000, 5000, "EUR", "month")),
    Example("€60k p.a.", (60000, 60000, "EUR", "year")),
    Example("€60k per annum", (60000, 60000, "EUR", "year")),
    Example("$90k/yr", (90000, 90000, "USD", "year")),
    Example("$90k annually", (90000, 90000, "USD", "year")),
    Example("$90k a year", (90000, 90000, "USD", "year")),
    Example("$90k salary", (90000, 90000, "USD", "year")),
    Example("Hourly rate: $85", (85, 85, "USD", "hour")),
    Example("Day rate £600", (600, 600, "GBP", "day")),
    # open ends
    Example("Up to $220K Package", (None, 220000, "USD", None)),
    Example("from €500/day", (500, None, "EUR", "day")),
    Example("starting at $40/hr", (40, None, "USD", "hour")),
    Example("1800+ Weekly", (1800, None, "AUD", "week"), hint="AUD"),
    Example("£90k+ salary", (90000, None, "GBP", "year")),
    Example("$110k + bonus", (110000, 110000, "USD", None)),
    # no pay
    Example("DOE", None),
    Example("Competitive salary", None),
    Example("Salary negotiable", None),
    Example("market rate", None),
    Example("0.5% equity", None),
    Example("$10M ARR", None),
    Example("raised $20M", None),
    Example("Series B", None),
    Example("500 employees", None),
    Example("2019-2024", None),
    Example("Python 3.11.2", None),
    Example("+1 (415) 555-0134", None),
    Example("40% OFF", None),
    Example("$200/year", None),  # a perk, below any yearly pay
    Example("$50 per hour" * 1, (50, 50, "USD", "hour")),
    Example("Commission only, can earn up to 4k a month.", None),
    # whole postings: the header's pay, traps in the body
    Example(HN_HEADER, (70000, 90000, "EUR", None)),
    Example(
        "Foo Inc | Senior SRE | Remote (US) | Full-time\n\nWe raised $20M in Series B funding "
        "and have 500 employees. Salary: $150k-$190k + 0.5% equity.",
        (150000, 190000, "USD", "year"),
    ),
    Example(
        "Bar | Founding Engineer | NYC | $180-200K, 0.5-1.0% equity\n\n"
        "We've raised ~$2.5M to date and crossed $10M ARR.",
        (180000, 200000, "USD", None),
    ),
    Example(
        "Baz | Data Engineer | London\n\nWe grew to 300 people and $50M in revenue. "
        "401k match, $2,000 learning stipend.\nCompetitive salary.",
        None,
    ),
    Example(
        "Qux | Backend | Remote | Full-time | 185-250k\n\nJoin us. 500k+ downloads.",
        (185000, 250000, None, None),
    ),
    Example(
        "Quux | Contract Go developer | Remote EU\n\nRate: €80-95/hr, 6 months.",
        (80, 95, "EUR", "hour"),
    ),
    Example(
        "Corge | ML | SF\n\nWe serve 40k+ users. Backed by Acme Ventures ($7.5M seed). "
        "Founded in 2019, 25 employees, offices since 2021-2023.",
        None,
    ),
    Example(
        "Grault | Platform Engineer | Berlin | €85.000 - €105.000 per year\n\nDetails inside.",
        (85000, 105000, "EUR", "year"),
    ),
]

BUGS_CAUGHT = [
    # a minimum order quantity is not a price, in any language
    Example("Price: on request (min. order: 1)", None),
    Example("Цена: уточняйте (мин. заказ: 2 )", None),
    Example("Qty: 3", None),
    Example("We hire in order to earn $120k together", (120000, 120000, "USD", None)),
    # an empty prefix character must not count as "glued to a letter"
    Example("1.234,56 €", (Decimal("1234.56"), Decimal("1234.56"), "EUR", None)),
    # "+" before a period cue
    Example("1800+ Weekly", (1800, None, None, "week")),
    # a dollar code beside "$" names the dollar
    Example("NZD $100.70", (Decimal("100.70"), Decimal("100.70"), "NZD", None)),
    Example("$1,190.00 AUD", (Decimal("1190.00"), Decimal("1190.00"), "AUD", None)),
    Example("$120k-150k CAD", (120000, 150000, "CAD", None)),
    # 401(k) plans are not pay
    Example("Benefits: 401k with 3% match", None),
    Example("Benefits: 401(k) match", None),
    # a sentence end ends the context for trap words
    Example(
        "Acme is hiring.\n\nWhat we offer: $55-70k. 4 weeks PTO. Health/dental/vision.",
        (55000, 70000, "USD", None),
    ),
    # millions in a posting are funding, even after "up to"
    Example("We are a fund.\n\nWe lead rounds, often pre-incorporation, with up to $1M.", None),
    # "over" opens the top end
    Example(
        "Acme\n\nWith experience, pay will be over $200,000 with equity.",
        (200000, None, "USD", None),
    ),
    # feet, not forints
    Example("16.00 ft", None),
    Example("$0 - $79000 per annum", (0, 79000, "USD", "year")),
    # the period written on both ends of a range, and AU "p/h", "p/d"
    Example("$120/hr - $130/hr", (120, 130, "USD", "hour")),
    Example("$60 - $65 p/h + super", (60, 65, "AUD", "hour"), hint="AUD"),
    Example("$1000 - $1100 p/d", (1000, 1100, "USD", "day")),
]

PAY_XFAIL = [
    # Euro sign used as the decimal separator (a price-parser special).
    Example("1250€60", (Decimal("1250.60"), Decimal("1250.60"), "EUR", None)),
    # "Was X Now Y": the current price is the second one.
    Example("Was $120.00 Now $60.00", (60, 60, "USD", None)),
    # A separated pay for several roles names only the first.
    Example("Acme | SWE | $100k (junior) to $150k (senior)", (100000, 150000, "USD", None)),
]


@pytest.mark.parametrize("example", PAY_EXAMPLES, ids=repr)
def test_pay_examples(example: Example) -> None:
    _check(example)


@pytest.mark.parametrize("example", BUGS_CAUGHT, ids=repr)
def test_bugs_caught(example: Example) -> None:
    _check(example)


@pytest.mark.parametrize("example", PAY_XFAIL, ids=repr)
@pytest.mark.xfail(strict=True, reason="known limitation")
def test_pay_xfail(example: Example) -> None:
    _check(example)


def test_raw_is_exact_substring_and_money_is_decimal() -> None:
    pay = parse_pay(HN_HEADER)
    assert pay is not None
    assert pay.raw == "€70-90k"
    assert isinstance(pay.min, Decimal) and isinstance(pay.max, Decimal)


def test_empty_and_none() -> None:
    assert parse_pay(None) is None
    assert parse_pay("") is None
    assert parse_pay("   ") is None


def test_hint_only_disambiguates_or_fills_in() -> None:
    # An explicit code in the text beats the hint.
    pay = parse_pay("€60k", currency_hint="AUD")
    assert pay is not None and pay.currency == "EUR"
    # A hint may be the text of a nearby element.
    pay = parse_pay("2 400", currency_hint="2 069 рублей")
    assert pay is not None and pay.currency == "RUB"


@pytest.mark.parametrize(
    ("lo", "hi", "currency", "expected"),
    [
        (Decimal(120000), Decimal(150000), "USD", "year"),
        (Decimal(70), Decimal(90), "EUR", "hour"),
        (None, Decimal(40000), "GBP", "year"),
        (Decimal(600), Decimal(600), "GBP", None),  # day rate or weekly: unclear
        (Decimal(8_000_000), None, "JPY", "year"),
        (Decimal(5), Decimal(5), "USD", None),
        (None, None, "USD", None),
    ],
)
def test_infer_period(
    lo: Decimal | None, hi: Decimal | None, currency: str, expected: str | None
) -> None:
    assert infer_period(lo, hi, currency) == expected


def test_bounds_are_wider_for_low_value_currencies() -> None:
    assert period_bounds("year", "JPY")[1] > period_bounds("year", "USD")[1]
    assert parse_pay("¥8,000,000 per year") is not None
    assert parse_pay("$8,000,000 per year") is None


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_PIECES = list("0123456789$€£¥₹kKM.,' -–/+|%\n()") + [
    "per hour", "up to ", "from ", "p.a.", "USD", "CHF", "kr", "/hr", "a day", "salary", "000",
    "raised ", "equity", "401k", "Series B",
]
_PAYISH = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _PAYISH))
def test_never_raises_and_min_le_max(text: str) -> None:
    pay = parse_pay(text)
    if pay is not None:
        assert isinstance(pay, Pay)
        assert pay.raw and pay.raw in text
        if pay.min is not None and pay.max is not None:
            assert pay.min <= pay.max
        assert pay.min is not None or pay.max is not None


@settings(max_examples=400, deadline=None)
@given(_PAYISH, st.sampled_from([None, "USD", "AUD", "SEK", "EUR"]))
def test_idempotent_on_raw(text: str, hint: str | None) -> None:
    pay = parse_pay(text, currency_hint=hint)
    if pay is None:
        return
    again = parse_pay(pay.raw, currency_hint=hint)
    assert again is not None
    assert (again.min, again.max, again.currency, again.period) == (
        pay.min, pay.max, pay.currency, pay.period
    )


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20000,
        "1," * 10000,
        "1 " * 10000,
        "$" * 5000 + "1",
        "1-" * 5000,
        ("$1 " + "a" * 50) * 300,
        "9" * 3000 + "k" + " per " * 2000,
        "1.2.3." * 3000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_bounded_time_on_pathological_input(text: str) -> None:
    # A hang guard, not a speed test: these take milliseconds, catastrophic backtracking takes
    # years. CPU time after a warm-up, so a busy machine or a lazily built table cannot fail it.
    assert _cpu_seconds(lambda: parse_pay(text)) < 2.0


def _cpu_seconds(call: Callable[[], object]) -> float:
    parse_pay("$100k - $120k")
    start = time.process_time()
    call()
    return time.process_time() - start


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789 ,.'-k$", min_size=200, max_size=2000))
def test_bounded_time_random_long(text: str) -> None:
    assert _cpu_seconds(lambda: parse_pay(text)) < 1.0
