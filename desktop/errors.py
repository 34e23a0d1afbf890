"""Refusals: what the core says when it will not do something, as a code and its facts.

The core never words a refusal for a person. It raises ``Refusal("case.title_too_long", limit=200)``;
the user interface (``ui/refusals``) looks the code up in its catalogue and says it in the user's
language, and the command line does the same. ``str()`` of a refusal is the code and its facts, for
logs and tests only.

Codes are dotted lower-case names, grouped by feature (``case.…``, ``meeting.…``, ``screening.…``).
A test checks that every code raised in ``desktop/`` has a sentence in the catalogue, and that no
module of the core writes Chinese or English sentences into the refusals it raises.
"""

from __future__ import annotations

import re
from typing import Any

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class Refusal(ValueError):
    """A request the core refused; nothing was changed. ``code`` names why, ``params`` fill in the
    sentence the user reads (numbers, names, dates, enum values)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        if not CODE.match(code):
            raise ValueError(f"not a refusal code: {code!r}")
        self.code = code
        self.params: dict[str, Any] = params
        facts = ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))
        super().__init__(f"{code} ({facts})" if facts else code)

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (gateway worker processes)
        return (_rebuild, (type(self), self.code, self.params))


def _rebuild(cls: type[Refusal], code: str, params: dict[str, Any]) -> Refusal:
    exc = cls.__new__(cls)
    Refusal.__init__(exc, code, **params)
    return exc
