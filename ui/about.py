"""Help → About: the program's name, version and what it runs on; and the app icon."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import resources
from desktop.version import version
from ui.text import fill


def app_icon() -> QIcon:
    """The icon rendered at build time (packaged), else drawn from its SVG (source checkout)."""
    for name in ("concord.png", "concord.svg"):
        icon_file = resources.path("icons", name)
        if icon_file.is_file():
            return QIcon(str(icon_file))
    return QIcon()


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, where: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About Concord"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        picture = QLabel()
        picture.setPixmap(app_icon().pixmap(72, 72))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(picture)
        text = QVBoxLayout()
        top.addLayout(text, 1)
        title = QLabel(self.tr("Dispute Screening and Resolution Command Center") + " — Concord")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        text.addWidget(title)
        self.version_label = QLabel(fill(self.tr("Version %1"), version()))
        self.version_label.setObjectName("AboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.version_label)
        details = [
            fill(
                self.tr("Python %1 · Qt %2 · PySide6 %3"),
                platform.python_version(),
                qVersion(),
                PySide6.__version__,
            )
        ]
        if where:
            details.append(where)
        self.details = QLabel("\n".join(details))
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # the database label holds host names
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: palette(mid)")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.details)
        text.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)


def show_about(parent: QWidget, where: str = "") -> AboutDialog:
    """Open the About dialog (window-modal, not blocking the caller) and return it."""
    dialog = AboutDialog(parent, where)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
