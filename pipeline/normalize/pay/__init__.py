"""Pay normalizer: find the pay stated in a pay string or a whole job posting.

``parse_pay`` turns text such as ``"$120k-150k"``, ``"€70-90k"`` or ``"$45.00 hourly rate"`` into a
:class:`Pay` (min, max, currency, period, raw).  The text may also be a whole posting (for example a
Hacker News "Who is hiring?" comment); then the first statement that looks like pay is returned.

Design rules, in order of importance:

* **Precision first.**  Pay must never be invented: when unsure, return ``None``.  Equity, bonuses,
  funding rounds, revenue, head counts, years, versions, percentages and phone numbers are not pay.
* **Strict period.**  The period is only set when the text states it.  :func:`infer_period` is a
  separate guess (e.g. ``$150k`` is a yearly salary), given as ``Pay.period_inferred``.
* **Currency from the text, else from the caller.**  A currency hint or the posting's country
  (``country=``) fills in a currency the text does not name (``Pay.currency_inferred``); with
  neither, there is none.
* **Amounts as written.**  "k" and "M" are multiplied out, but nothing is annualised or converted
  here (see :mod:`pipeline.normalize.money`).  Conventions follow the eval README: "up to X" gives
  ``min=None, max=X``; "from X" and "X+" give ``min=X, max=None``; one figure gives ``min == max``.

Everything here is pure and built from module constants.  The modules: :mod:`.amounts` (figures,
separators, multipliers), :mod:`.currencies`, :mod:`.periods`, :mod:`.ranges` (two figures as one
range, open ends), :mod:`.cues` (words around a figure), :mod:`.magnitudes` (plausible sizes) and
:mod:`.choose` (weighing the candidates).
"""

from .choose import parse_pay
from .countries import country_currency
from .cues import ir35_status
from .magnitudes import infer_period, period_bounds
from .model import IR35, Pay
from .periods import PERIODS, Period

__all__ = [
    "IR35", "Pay", "Period", "PERIODS", "parse_pay", "infer_period", "period_bounds",
    "country_currency", "ir35_status",
]
