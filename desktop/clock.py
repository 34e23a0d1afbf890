"""Time helpers: the database keeps UTC; working days are counted on China's local calendar."""

from __future__ import annotations

import datetime as dt

# China has one time zone and no daylight saving, so a fixed offset is exact and needs no tzdata.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(CHINA_TZ)
