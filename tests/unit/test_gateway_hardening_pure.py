"""Issue 13, the gateway's part: what the parsers and filters refuse, without a server or database
(the same cases through the live gateway are in tests/integration/test_gateway_hardening.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from desktop.gateway.protocol import (
    ProtocolError,
    parse_form,
    parse_json,
    parse_query_string,
    parse_timestamp,
)
from desktop.gateway.reports import parse_report

T0 = dt.datetime(2026, 11, 20, 8, 30, 0, tzinfo=dt.UTC)


def form(query: str) -> Any:
    return parse_form(parse_query_string(query))


def json_record(timestamp: object = "2026-11-20T08:30:00Z", **coords: object) -> bytes:
    return json.dumps(
        {
            "device_id": "PD00001",
            "location": {
                "timestamp": timestamp,
                "coords": {"latitude": 36.78, "longitude": 119.95, **coords},
            },
        }
    ).encode()


# --- 3. timestamps a phone cannot mean ------------------------------------------------------

EXTREME_TIMESTAMPS = [
    "0001-01-01T00:00:00+14:00",  # no UTC year to put it in (OverflowError before)
    "9999-12-31T23:59:59-14:00",  # likewise
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0001-01-01 00:00:00",
    "1969-12-31T23:59:59Z",
    "2100-01-01T00:00:00Z",
    "253402300799999",  # Unix milliseconds in 9999
    "4102444800000",  # 2100-01-01 in milliseconds
]


@pytest.mark.parametrize("text", EXTREME_TIMESTAMPS)
def test_extreme_timestamps_are_refused_in_words(text: str) -> None:
    with pytest.raises(ProtocolError, match="out of range"):
        parse_timestamp(text)
    with pytest.raises(ProtocolError, match="out of range"):
        parse_json(json_record(text), 10)


# (Numbers from 2**31 on are milliseconds, as Traccar reads them: 253402300799 is a day in 1978.)
@pytest.mark.parametrize("number", [253402300799999, 4102444800000, 10**30])
def test_extreme_json_number_timestamps_are_refused(number: int) -> None:
    with pytest.raises(ProtocolError, match="out of range"):
        parse_json(json_record(number), 10)


def test_the_range_ends_are_as_documented() -> None:
    assert parse_timestamp("1970-01-01T00:00:00Z") == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert parse_timestamp("2099-12-31T23:59:59.999+00:00").year == 2099
    assert parse_timestamp("4102444799999") == dt.datetime(2099, 12, 31, 23, 59, 59, 999000, tzinfo=dt.UTC)
    # Milliseconds are exact (no float rounding on the way).
    assert parse_timestamp("1795163400123") == T0 + dt.timedelta(milliseconds=123)


def _log(visited_at: str) -> dict[str, Any]:
    return {"type": "sentiment_log", "content": "走访", "visited_at": visited_at}


@pytest.mark.parametrize(
    ("visited_at", "reason"),
    [
        ("9999-12-31T23:59:59-14:00", "out of range"),
        ("0001-01-01T00:00:00+14:00", "out of range"),
        ("2026-10-20T08:29:00Z", "more than 30 days in the past"),
        ("2001-01-01T00:00:00Z", "more than 30 days in the past"),
        ("2026-11-20T09:00:00Z", "in the future"),
    ],
)
def test_sentiment_logs_dated_outside_the_window_are_refused(visited_at: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        parse_report(_log(visited_at), now=T0)


def test_sentiment_log_window_follows_the_settings() -> None:
    assert parse_report(_log("2026-10-22T08:30:00Z"), now=T0).visited_at  # type: ignore[union-attr]
    with pytest.raises(ProtocolError, match="more than 2 days"):
        parse_report(_log("2026-11-17T08:30:00Z"), now=T0, past_s=2 * 86400)
    late = parse_report(_log("2026-11-20T08:35:00+00:00"), now=T0, future_s=600)
    assert late.visited_at == T0 + dt.timedelta(minutes=5)  # type: ignore[union-attr]
