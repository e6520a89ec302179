"""What the pay normalizer returns."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

import attrs

from .magnitudes import infer_period
from .periods import Period

IR35 = Literal["inside", "outside"]

# "120k", "$85K": the amount was written in thousands.
_THOUSANDS_RE = re.compile(r"\d\s?[kK](?![a-zA-Z])")


@attrs.frozen
class Pay:
    """One pay statement: ``min``/``max`` are ``None`` for an open end, ``raw`` is the text.

    ``period`` is the period the text states (``None`` when it names none); ``period_inferred``
    is the one a reader (and the warehouse) would use.  ``currency_inferred`` is True when the
    text names no currency and it came from the caller's hint or the posting's country.
    ``ir35`` is the UK contract status the text states ("inside"/"outside" IR35), else ``None``.
    """

    min: Decimal | None
    max: Decimal | None
    currency: str | None
    period: Period | None
    raw: str
    currency_inferred: bool = False
    ir35: IR35 | None = None

    @property
    def period_inferred(self) -> Period | None:
        """The stated period, else the one the amount's size implies (see ``infer_period``)."""
        return self.period or infer_period(
            self.min, self.max, self.currency, thousands=bool(_THOUSANDS_RE.search(self.raw))
        )
