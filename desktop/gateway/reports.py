"""Decoding field reports (``POST /api/v1/reports``): a new case or a sentiment log, with photos.

JSON body (or a multipart form whose ``report`` part is that JSON and whose file parts are
photos)::

    {"type": "case", "kind": "dispute", "category": "neighbour", "title": "…",
     "description": "…", "location": {"lat": 36.7, "lon": 119.9}, "severity": 2,
     "parties_count": 3, "mass_incident": false,
     "photos": [{"content_type": "image/jpeg", "data": "<base64>"}]}

    {"type": "sentiment_log", "content": "…", "households_visited": 4,
     "visited_at": "2026-12-01T09:30:00+08:00", "location": {"lat": …, "lon": …}}

Pure functions: bytes in, report values or a one-line :class:`ProtocolError` out. Photos must
really be JPEG, PNG or WebP (checked by their first bytes) and within the size limits.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db import roles
from db.models import Case, CaseEvent, ReportPhoto, SentimentLog
from db.vocab import CATEGORIES, Kind, Severity
from desktop.gateway.ingest import CaseReport, LogReport, Photo
from desktop.gateway.protocol import (
    ProtocolError,
    check_coordinates,
    clean_text,
    json_number,
    load_json,
    parse_timestamp,
)

# The gateway's PostgreSQL role may insert reports but not read them back (it cannot SELECT
# cases): their ids come from the sequences before the insert instead of INSERT … RETURNING.
roles.prefetch_ids(Case, SentimentLog, ReportPhoto, CaseEvent)

MAX_TITLE = 200
MAX_TEXT = 4000
MAX_KEY = 128


@dataclass(frozen=True)
class PhotoLimits:
    max_photos: int = 6
    max_bytes: int = 2 * 1024 * 1024


_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
}


def sniff_image(data: bytes) -> str | None:
    """The image type the bytes really are (not what the client claims), or None."""
    for content_type, magics in _SIGNATURES.items():
        if data.startswith(magics) and (content_type != "image/webp" or data[8:12] == b"WEBP"):
            return content_type
    return None


def check_photo(data: bytes, claimed: str | None, limits: PhotoLimits) -> Photo:
    if not data:
        raise ProtocolError("a photo is empty")
    if len(data) > limits.max_bytes:
        raise ProtocolError(f"a photo is larger than {limits.max_bytes // 1024} KiB")
    actual = sniff_image(data)
    if actual is None:
        raise ProtocolError("a photo is not a JPEG, PNG or WebP image")
    if claimed and claimed.split(";")[0].strip().lower() not in (actual, "application/octet-stream"):
        raise ProtocolError(f"a photo claims to be {claimed} but is {actual}")
    return Photo(actual, data)


def _text(root: Mapping[str, Any], key: str, max_len: int, required: bool) -> str:
    value = root.get(key)
    if value is None:
        if required:
            raise ProtocolError(f"missing {key}")
        return ""
    if not isinstance(value, str):
        raise ProtocolError(f"{key} must be a string")
    value = clean_text(value, key, max_len).strip()
    if required and not value:
        raise ProtocolError(f"{key} is empty")
    return value


def _int(root: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = root.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(f"{key} must be a whole number")
    if not low <= value <= high:
        raise ProtocolError(f"{key} must be between {low} and {high}")
    return value


def _location(root: Mapping[str, Any], required: bool) -> tuple[float, float] | None:
    loc = root.get("location")
    if loc is None and "lat" in root and "lon" in root:
        loc = {"lat": root["lat"], "lon": root["lon"]}
    if loc is None:
        if required:
            raise ProtocolError("missing location")
        return None
    if not isinstance(loc, dict) or "lat" not in loc or "lon" not in loc:
        raise ProtocolError("location must be {'lat': …, 'lon': …}")
    lat, lon = json_number(loc["lat"], "location.lat"), json_number(loc["lon"], "location.lon")
    check_coordinates(lat, lon)
    if lat == 0.0 and lon == 0.0:
        raise ProtocolError("location (0, 0) is not a real place")
    return lat, lon


def _json_photos(value: Any, limits: PhotoLimits) -> list[Photo]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtocolError("photos must be an array")
    if len(value) > limits.max_photos:
        raise ProtocolError(f"more than {limits.max_photos} photos")
    photos: list[Photo] = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("data"), str):
            raise ProtocolError("a photo must be {'content_type': …, 'data': base64}")
        encoded = item["data"]
        # Reject before decoding anything far too large (base64 is 4/3 of the bytes).
        if len(encoded) > limits.max_bytes * 4 // 3 + 8:
            raise ProtocolError(f"a photo is larger than {limits.max_bytes // 1024} KiB")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ProtocolError("a photo is not valid base64") from None
        claimed = item.get("content_type")
        photos.append(check_photo(data, claimed if isinstance(claimed, str) else None, limits))
    return photos


def parse_report(
    data: Any,
    extra_photos: Sequence[Photo] = (),
    *,
    now: dt.datetime,
    limits: PhotoLimits | None = None,
    future_s: float = 600.0,
    past_s: float = 30 * 86400.0,
) -> CaseReport | LogReport:
    """``future_s``/``past_s``: how far a sentiment log's ``visited_at`` may lie ahead of ``now``
    (clock drift) and behind it (a visit written up late, a phone offline for days); the gateway
    passes its position filters' windows, so one setting bounds both."""
    limits = limits or PhotoLimits()
    if not isinstance(data, dict):
        raise ProtocolError("a report must be a JSON object")
    photos = [*_json_photos(data.get("photos"), limits), *extra_photos]
    if len(photos) > limits.max_photos:
        raise ProtocolError(f"more than {limits.max_photos} photos")
    kind = data.get("type")
    if kind == "case":
        case_kind = data.get("kind")
        if not isinstance(case_kind, str) or case_kind not in {k.value for k in Kind}:
            raise ProtocolError("kind must be one of " + ", ".join(k.value for k in Kind))
        category = data.get("category")
        if not isinstance(category, str) or category not in CATEGORIES[Kind(case_kind)]:
            raise ProtocolError(
                f"category must be one of {', '.join(CATEGORIES[Kind(case_kind)])} for kind {case_kind}"
            )
        point = _location(data, required=True)
        assert point is not None
        mass = data.get("mass_incident", False)
        if not isinstance(mass, bool):
            raise ProtocolError("mass_incident must be true or false")
        return CaseReport(
            kind=Kind(case_kind),
            category=category,
            title=_text(data, "title", MAX_TITLE, required=True),
            description=_text(data, "description", MAX_TEXT, required=False),
            lat=point[0],
            lon=point[1],
            severity=Severity(_int(data, "severity", int(Severity.GENERAL), 1, 4)),
            parties_count=_int(data, "parties_count", 1, 0, 100_000),
            mass_incident=mass,
            photos=tuple(photos),
        )
    if kind in ("sentiment_log", "log"):
        visited = data.get("visited_at")
        if visited is None:
            visited_at = now
        elif isinstance(visited, str):
            visited_at = parse_timestamp(visited)
        else:
            raise ProtocolError("visited_at must be an ISO 8601 string")
        ahead = (visited_at - now).total_seconds()
        if ahead > future_s:
            raise ProtocolError("visited_at is in the future")
        if -ahead > past_s:
            raise ProtocolError(f"visited_at is more than {_duration(past_s)} in the past")
        point = _location(data, required=False)
        return LogReport(
            content=_text(data, "content", MAX_TEXT, required=True),
            visited_at=visited_at,
            households_visited=_int(data, "households_visited", 1, 0, 10_000),
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            photos=tuple(photos),
        )
    raise ProtocolError("type must be 'case' or 'sentiment_log'")


def _duration(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:g} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:g} hours"
    return f"{seconds:g} seconds"


def parse_report_json(
    body: bytes, *, now: dt.datetime, limits: PhotoLimits | None = None
) -> CaseReport | LogReport:
    return parse_report(load_json(body), now=now, limits=limits)


def request_fingerprint(report_json: Any, photos: Sequence[Photo] = ()) -> str:
    """What makes two requests "the same" for an idempotency key: the report and its photos."""
    canonical = json.dumps(report_json, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("ascii"))
    for photo in photos:
        digest.update(photo.sha256.encode("ascii"))
    return digest.hexdigest()


def check_idempotency_key(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    return clean_text(value, "Idempotency-Key", MAX_KEY)
