"""The first start on an office PC: open the embedded demo city, or connect to a server.

Asked once, when nothing says how to start: no database named (``--db``, ``CONCORD_DB_URL``), no
choice remembered, no server profile saved, no embedded database yet. The choice is remembered in
the settings (``startup/mode``): "demo" opens the embedded database from then on, "server" the
login dialog (with the last profile). Cancelling that login dialog comes back to the choice, so
a PC set up for a server can still open the demo. Automated starts (``--smoke-seconds``, the
``screenshot`` command) never ask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.database import embedded_exists, named_by_environment
from ui.about import app_icon
from ui.login import ProfileStore
from ui.settings import KEY_START_MODE, START_MODES, Settings

MODE_KEY = KEY_START_MODE
DEMO = "demo"
SERVER = "server"
MODES = START_MODES

T = TypeVar("T")


def remembered(settings: Settings | QSettings) -> str | None:
    return Settings.of(settings).start_mode


def remember(settings: Settings | QSettings, mode: str) -> None:
    Settings.of(settings).start_mode = mode


def should_ask(settings: Settings | QSettings, url: str | None) -> bool:
    """True on a first start: nothing says yet which database to open."""
    if url or named_by_environment():
        return False
    if remembered(settings) is not None or ProfileStore(settings).all():
        return False
    return not embedded_exists()


class FirstRunDialog(QDialog):
    """Two choices; ``choice`` is DEMO or SERVER once one was clicked, None when cancelled."""

    def __init__(self, parent: QWidget | None = None, current: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Concord"))
        self.setWindowIcon(app_icon())
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "How should Concord start on this computer? The choice is remembered; "
                "File → Connect to server… switches to a server at any time."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.demo_button = QCommandLinkButton(
            self.tr("Open the embedded demo city"),
            self.tr(
                "A complete example city kept on this computer, with simulated grid workers: "
                "for training and trying Concord out."
            ),
        )
        self.server_button = QCommandLinkButton(
            self.tr("Connect to a server profile"),
            self.tr(
                "Log in to your city's central Concord server with the user name the administrator gave you."
            ),
        )
        layout.addWidget(self.demo_button)
        layout.addWidget(self.server_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.demo_button.clicked.connect(lambda: self._choose(DEMO))
        self.server_button.clicked.connect(lambda: self._choose(SERVER))
        (self.server_button if current == SERVER else self.demo_button).setDefault(True)
        self.setMinimumWidth(520)

    def _choose(self, mode: str) -> None:
        self.choice = mode
        self.accept()


def ask_choice(current: str | None = None) -> str | None:
    """Show the choice (modal); DEMO, SERVER or None (cancelled)."""
    dialog = FirstRunDialog(current=current)
    dialog.exec()
    return dialog.choice


@dataclass
class Start(Generic[T]):
    """How to start: ``quit`` (the user cancelled), else the login made (a server), or neither
    (the embedded or named database)."""

    quit: bool = False
    login: T | None = None


def choose_start(
    settings: Settings | QSettings,
    url: str | None,
    login: Callable[[], T | None],
    automated: bool = False,
    ask: Callable[[str | None], str | None] | None = None,
) -> Start[T]:
    """Decide how the control room starts; ``login`` shows the login dialog (None: cancelled),
    ``ask`` the choice (default: the dialog, ask_choice)."""
    ask = ask or ask_choice
    if automated or url or named_by_environment():
        return Start()
    mode = remembered(settings)
    if mode is None and not should_ask(settings, url):
        return Start()  # an existing installation from before the choice: as it always started
    if mode == DEMO:
        return Start()
    while True:
        if mode == SERVER:
            result = login()
            if result is not None:
                remember(settings, SERVER)
                return Start(login=result)
        mode = ask(mode)
        if mode is None:
            return Start(quit=True)
        if mode == DEMO:
            remember(settings, DEMO)
            return Start()
