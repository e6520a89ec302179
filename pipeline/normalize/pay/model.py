"""What the pay normalizer returns."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .periods import Period


@attrs.frozen
class Pay:
    """One pay statement: ``min``/``max`` are ``None`` for an open end, ``raw`` is the text."""

    min: Decimal | None
    max: Decimal | None
    currency: str | None
    period: Period | None
    raw: str
