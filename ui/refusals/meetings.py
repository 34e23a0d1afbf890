"""Refusals of meetings (filled by the feature's conversion)."""

from __future__ import annotations


def messages() -> dict[str, str]:
    return {}
