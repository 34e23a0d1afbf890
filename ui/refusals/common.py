"""Refusals shared by several features."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "common.not_visible": tr("Refusals", "It does not exist, or you may not see it."),
        "common.changed_elsewhere": tr(
            "Refusals", "Someone else changed this in the meantime; nothing was saved. Reload and try again."
        ),
    }
