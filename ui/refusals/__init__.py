"""The user's words for the core's refusals (``desktop.errors.Refusal``).

Each feature keeps its sentences in a module of this package, as a function ``messages()`` that
returns ``{code: translated sentence}``; the sentences are English sources run through
``QCoreApplication.translate("Refusals", …)`` so that lupdate finds them and the installed
catalogue says them in Chinese. Facts are named placeholders: ``{limit}``, ``{town}``.

Facts are shown the way the rest of the interface shows them: statuses, roles, actions and levels
by their labels, times in local time to the minute, lists joined with the language's comma.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.errors import Refusal

log = logging.getLogger(__name__)


def _features() -> tuple[ModuleType, ...]:
    """The feature modules of this package; each defines messages() -> dict[str, str].

    Imported by name (not through importlib) so that the frozen build and the type checker see
    them; imported here, not at the top, because they are only needed once a refusal is shown."""
    from ui.refusals import (
        analysis,
        basemap,
        cases,
        cityadmin,
        cityimport,
        common,
        meetings,
        people,
        petitions,
        records,
        screening,
        villagework,
    )

    return (
        common,
        basemap,
        villagework,
        screening,
        cityadmin,
        cityimport,
        petitions,
        records,
        cases,
        meetings,
        analysis,
        people,
    )


def catalogue() -> dict[str, str]:
    """Every code's sentence, in the language now installed."""
    out: dict[str, str] = {}
    for module in _features():
        for code, sentence in module.messages().items():
            if code in out:
                raise RuntimeError(f"refusal code {code} is worded twice ({module.__name__})")
            out[code] = sentence
    return out


def _fact(key: str, value: Any) -> str:
    from ui.labels import level_label, role_label, status_label

    if isinstance(value, dt.datetime):
        from desktop.clock import to_local

        return (to_local(value) if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if key == "meeting_status" or key.endswith("_meeting_status"):  # a meeting's, not a case's
        from ui.meetings.labels import meeting_status_label

        return meeting_status_label(str(value))
    if key == "item_status":  # a meeting's action item
        from ui.meetings.labels import action_status_label

        return action_status_label(str(value))
    labels: dict[str, Callable[[Any], str]] = {
        "status": lambda v: status_label(str(v)),
        "role": lambda v: role_label(str(v)),
        "level": lambda v: level_label(int(v)),
    }
    for name, label in labels.items():
        if key == name or key.endswith("_" + name):
            return label(value)
    if key == "action" or key.endswith("_action"):
        from ui.cases.panel import action_label

        return action_label(str(value))
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        sep = QCoreApplication.translate("Refusals", ", ")
        return sep.join(
            _fact(key, v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)
        )
    return str(value)


class _Facts(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a sentence naming a fact the core did not give
        return "?"


def describe(exc: BaseException) -> str:
    """The user's sentence for a refusal; for anything else, its own text (never a traceback)."""
    if not isinstance(exc, Refusal):
        return str(exc)
    sentence = catalogue().get(exc.code)
    if sentence is None:
        log.error("refusal %s has no sentence in ui/refusals", exc.code)
        return QCoreApplication.translate("Refusals", "The request was refused ({code}).").format(
            code=exc.code
        )
    facts = _Facts({k: _fact(k, v) for k, v in exc.params.items() if k != "also"})
    said = sentence.format_map(facts)
    # A form's every problem at once: the first is the refusal, the others ride in "also".
    also = [e for e in exc.params.get("also", ()) if isinstance(e, Refusal)]
    if also:
        sep = QCoreApplication.translate("Refusals", " ")  # between sentences: "；" in Chinese
        said = sep.join([said, *(describe(e) for e in also)])
    return said


def codes() -> Iterable[str]:
    return catalogue().keys()
