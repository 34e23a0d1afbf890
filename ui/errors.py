"""Refusals from the core, said in the user's language (the core raises them in English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.cases import ConflictError
from desktop.clock import to_local
from desktop.ladder import InvalidTransition, NotPermitted, ReasonRequired
from ui.labels import role_label, status_label


def explain(exc: Exception) -> str:
    # Imported here: case_panel imports this module, and action names live there.
    from ui.case_panel import action_label

    translate = QCoreApplication.translate
    if isinstance(exc, InvalidTransition):
        return (
            translate("Errors", "A case that is “%1” cannot be given “%2”.")
            .replace("%1", status_label(str(exc.status)))
            .replace("%2", action_label(str(exc.action)))
        )
    if isinstance(exc, NotPermitted):
        return (
            translate("Errors", "Your role (%1) may not “%2” this case.")
            .replace("%1", role_label(str(exc.role)))
            .replace("%2", action_label(str(exc.action)))
        )
    if isinstance(exc, ReasonRequired):
        return translate("Errors", "“%1” needs a reason.").replace("%1", action_label(str(exc.action)))
    if isinstance(exc, ConflictError):
        when = to_local(exc.last_at).strftime("%Y-%m-%d %H:%M") if exc.last_at else "?"
        return (
            translate("Errors", "%1 did “%2” at %3.")
            .replace("%1", exc.last_actor or "?")
            .replace("%2", action_label(exc.last_action))
            .replace("%3", when)
        )
    return str(exc)
