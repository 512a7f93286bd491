"""Dates as exports write them, read by dateutil; the day/month order of numeric dates per file.

Accepted: ISO with or without time and zone (the date is the one the value states in its own zone:
`2024-07-01T23:30:00-05:00` is 1 July), RFC 2822 (`Mon, 01 Jul 2024 10:00:00 GMT`), `July 1, 2024`,
`1 July 2024`, `2024/07/01`, `01.07.2024`, `01/07/2024`, and epoch seconds or milliseconds (UTC).
A value without a year, month and day (`July 2024`, `10:00`) is unreadable, not guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Literal

from dateutil import parser as dateutil_parser

from analysis.ingest.model import InputError

Order = Literal["dayfirst", "monthfirst"]
EARLIEST = dt.date(1900, 1, 1)
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 2, 2))  # differ in every part
_EPOCH_MS = 10**11  # above this an epoch number is milliseconds (year 5138 in seconds)


def _numbers(raw: str) -> list[str]:
    return ["".join(g) for is_digit, g in groupby(raw, str.isdigit) if is_digit]


def order_hint(raw: str) -> Order | Literal["ambiguous"] | None:
    """What a numeric date says about day/month order: None when it says nothing."""
    if any(ch.isalpha() for ch in raw.split("T", 1)[0]):
        return None  # a month name, or ISO with a time: no order to decide
    parts = _numbers(raw)
    if len(parts) < 3 or len(parts[0]) >= 3:
        return None  # year first (ISO, 2024/07/01) or not a day-month-year date
    first, second = int(parts[0]), int(parts[1])
    if first > 12 >= second:
        return "dayfirst"
    if second > 12 >= first:
        return "monthfirst"
    return "ambiguous" if first != second else None


@dataclass(frozen=True)
class FileOrder:
    """The day/month order a file's numeric dates are read in, and whether to say so."""

    order: Order
    forced: bool = False
    ambiguous: int = 0  # values read in an order no value of the file settled
    settled: bool = True


def decide_order(values: Iterable[object], *, forced: Order | None = None) -> FileOrder:
    """Day-first when a value has a day above 12 first (and none has one second), else month-first."""
    votes = {"dayfirst": 0, "monthfirst": 0, "ambiguous": 0}
    for value in values:
        hint = order_hint(str(value).strip()) if value is not None else None
        if hint:
            votes[hint] += 1
    if forced:
        return FileOrder(forced, forced=True, ambiguous=votes["ambiguous"])
    if votes["dayfirst"] > votes["monthfirst"]:
        return FileOrder("dayfirst", ambiguous=votes["ambiguous"])
    settled = votes["monthfirst"] > 0 and votes["dayfirst"] == 0
    return FileOrder("monthfirst", ambiguous=votes["ambiguous"], settled=settled)


def _numeric(raw: str) -> dt.date | None:
    """A plain number: YYYYMMDD when it is one, else epoch seconds (milliseconds when huge)."""
    try:
        number = float(raw)
    except ValueError:
        return None
    digits = _numbers(raw)
    if not digits or number != number or len(digits[0]) < 8:
        return None  # too short for a date: dateutil says why
    if len(digits) == 1 and len(raw) == 8:
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            pass  # not YYYYMMDD: an epoch before March 1973
    seconds = number / 1000 if abs(number) >= _EPOCH_MS else number
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        raise InputError(f"impossible date {raw!r} (epoch out of range)") from None


def _parse(raw: str, *, dayfirst: bool, yearfirst: bool) -> tuple[dt.datetime, dt.datetime]:
    """`raw` read with two different defaults (a part they disagree on was missing). The zone is
    ignored on purpose: the wall-clock date as written is the date in the zone the value states.
    Words around a date (`Published: July 1, 2024`) are tolerated only when strict reading fails."""
    options = {"dayfirst": dayfirst, "yearfirst": yearfirst, "ignoretz": True}
    try:
        return tuple(dateutil_parser.parse(raw, default=d, **options) for d in _DEFAULTS)
    except dateutil_parser.ParserError as exc:
        if "Unknown string format" not in str(exc):
            raise
        return tuple(
            dateutil_parser.parse(raw, default=d, fuzzy=True, **options) for d in _DEFAULTS
        )


def read_date(value: object, *, order: FileOrder | None = None) -> str:
    """ISO date from `value`; "" when empty; InputError naming it when unreadable or impossible."""
    if isinstance(value, str):
        return _read_text(value, order or FileOrder("monthfirst"))
    return _read_value(value, order=order)


@lru_cache(maxsize=4096)
def _read_text(value: str, order: FileOrder) -> str:
    """Exports repeat their date strings (a feed of one day): each is parsed once."""
    return _read_value(value, order=order)


def _read_value(value: object, *, order: FileOrder | None = None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raw = str(value).strip()
    if not raw:
        return ""
    numeric = _numeric(raw)
    if numeric is not None:
        return numeric.isoformat()
    if len(raw) == 10 and raw[4] == "-":
        try:
            return dt.date.fromisoformat(raw).isoformat()  # the common case, fast
        except ValueError:
            pass
    order = order or FileOrder("monthfirst")
    hint = order_hint(raw)
    if order.forced and hint in ("dayfirst", "monthfirst") and hint != order.order:
        raise InputError(f"impossible date {raw!r} (read {order.order.replace('first', '-first')})")
    yearfirst = bool(_numbers(raw)) and len(_numbers(raw)[0]) == 4 and hint is None
    dayfirst = order.order == "dayfirst" and not yearfirst
    try:
        a, b = _parse(raw, dayfirst=dayfirst, yearfirst=yearfirst)
    except dateutil_parser.ParserError as exc:
        message = str(exc).split(":", 1)[0]
        if "range" in message or "must be in" in message:
            raise InputError(f"impossible date {raw!r} ({message})") from None
        raise InputError(f"unreadable date {raw!r}") from None
    except (ValueError, OverflowError, TypeError) as exc:
        raise InputError(f"impossible date {raw!r} ({exc})") from None
    if a.date() != b.date():
        raise InputError(f"unreadable date {raw!r} (no full year, month and day)")
    return a.date().isoformat()


def date_remark(iso: str, *, today: dt.date | None = None) -> str:
    """A notice for a date that is possible but odd: in the future or before 1900."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if day > (today or dt.date.today()):
        return f"date {iso} is in the future: kept"
    if day < EARLIEST:
        return f"date {iso} is before 1900: kept"
    return ""


def order_notice(order: FileOrder) -> str:
    """Said once per file whose numeric dates no value settled (read month-first)."""
    if order.forced or order.settled or not order.ambiguous:
        return ""
    return (
        f"day/month order not settled by any date ({order.ambiguous} ambiguous, e.g. 01/07): "
        "read month-first; use --dayfirst to read them day-first"
    )
