"""Which visible texts of a window do not fit their widget: the check behind "no clipped text".

Used by ``main.py screenshot --strict`` (and the tests that run it in both languages at
1280×800 and 1600×1000). It measures what Qt itself would need: a label's size hint (or, when it
wraps, its height for its width), a button's size hint, each tab's text in its tab, a combo's
current entry in its edit field. Tables and line edits are left out: they elide or scroll by
design, and show the whole text in a tooltip or on focus.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # pixels of rounding


def _where(widget: QWidget) -> str:
    names: list[str] = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def _shown(widget: QWidget, root: QWidget) -> bool:
    # A dock behind another dock's tab is "visible" to Qt but not on screen: its region is empty.
    return (
        widget.isVisibleTo(root)
        and widget.isVisible()
        and widget.width() > 0
        and widget.height() > 0
        and not widget.visibleRegion().isEmpty()
    )


def clipped(root: QWidget) -> list[str]:
    """One line per text that does not fit, naming the widget and the text."""
    found: list[str] = []
    for label in root.findChildren(QLabel):
        if (
            not _shown(label, root)
            or not label.text()
            or label.pixmap() is not None
            and not label.pixmap().isNull()
        ):
            continue
        area = label.contentsRect()
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + SLACK:
                found.append(f"{_where(label)}: {label.text()[:60]!r} needs more height")
        elif label.sizeHint().width() > label.width() + SLACK and area.width() > 0:
            found.append(f"{_where(label)}: {label.text()[:60]!r} needs more width")
    for button in root.findChildren(QAbstractButton):
        if not _shown(button, root) or not button.text():
            continue
        if isinstance(button, (QCheckBox, QRadioButton, QToolButton)):
            need = button.sizeHint().width()  # indicator or menu arrow: Qt's own measure
        else:
            # Compact buttons may give up the style's padding, never the text itself (and icon).
            text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            icon = 0 if button.icon().isNull() else button.iconSize().width() + 4
            need = button.fontMetrics().horizontalAdvance(text) + icon + 4
        if need > button.width() + SLACK:
            found.append(f"{_where(button)}: button {button.text()!r} is cut")
    for box in root.findChildren(QGroupBox):
        if _shown(box, root) and box.title() and box.minimumSizeHint().width() > box.width() + SLACK:
            found.append(f"{_where(box)}: group {box.title()!r} is cut")
    for bar in root.findChildren(QTabBar):
        if not _shown(bar, root):
            continue
        metrics = bar.fontMetrics()
        for i in range(bar.count()):
            if not bar.isTabVisible(i):
                continue
            rect = bar.tabRect(i)
            text = bar.tabText(i)
            if rect.right() > bar.width() + SLACK or rect.left() < 0:
                found.append(f"{_where(bar)}: tab {text!r} is out of sight")
            elif metrics.horizontalAdvance(text) > rect.width():
                found.append(f"{_where(bar)}: tab {text!r} is cut")
    for combo in root.findChildren(QComboBox):
        if not _shown(combo, root) or combo.isEditable() or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        if combo.fontMetrics().horizontalAdvance(combo.currentText()) > field.width() + SLACK:
            found.append(f"{_where(combo)}: choice {combo.currentText()!r} is cut")
    return found
