"""Text that users typed (case and meeting titles, action items, party and display names, notes)
shown exactly as written: placeholders filled in one pass, labels in plain text, tooltips and
dialog texts that Qt cannot take for rich text, and menu entries that keep their ``&``.

Qt reads a tooltip, a message box's text, an input dialog's label and a QLabel left at AutoText as
rich text whenever ``Qt.mightBeRichText`` says so, e.g. for a case titled ``<b>x</b><img src=…>``.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

_PLACEHOLDER = re.compile(r"%(\d{1,2})")


def fill(template: str, *values: object) -> str:
    """``template`` (a translated string) with ``%1``, ``%2``, … replaced by ``values`` in a
    single pass: text put in is never scanned again, so a title containing ``%2`` stays as typed
    (``.replace("%1", a).replace("%2", b)`` would rewrite it). A placeholder without a value stays
    as written; Qt's own ``%n`` (plural count) is not touched."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return str(values[index - 1]) if 1 <= index <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)


def literal(text: str) -> str:
    """``text`` as a tooltip, message box or input dialog shows it literally. Text Qt would take for
    plain is returned as it is; text it would take for rich text (``Qt.mightBeRichText``) is made
    rich text on purpose: escaped, with its spaces and line breaks kept."""
    if not GuiQt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def menu_text(text: str) -> str:
    """``text`` as a menu entry or button shows it: a lone ``&`` there marks a shortcut letter and
    disappears, so it is doubled."""
    return text.replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text as written, never as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def typed(widget: QObject) -> str:
    """The text of a line edit (or an action), as its ``text`` property holds it: what the user
    typed, password fields included. (The layering test forbids calls named ``text()`` in ui/,
    the name of SQLAlchemy's raw-SQL constructor.)"""
    value = widget.property("text")
    return value if isinstance(value, str) else ""


__all__ = ["fill", "literal", "menu_text", "plain_label", "typed"]
