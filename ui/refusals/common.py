"""Refusals shared by several features."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "common.not_visible": translate("Refusals", "It does not exist, or you may not see it."),
        "common.changed_elsewhere": translate(
            "Refusals", "Someone else changed this in the meantime; nothing was saved. Reload and try again."
        ),
    }
