"""File → Basemap…: choose the map's basemap (none, an intranet tile server, an MBTiles file).

The choice is a setting of this desktop (QSettings, ``map/basemap_*``); the environment
(``CONCORD_BASEMAP_MBTILES`` / ``CONCORD_BASEMAP_URL``) overrides it. The map page reads it
through :func:`configured` (the one call ui/live/map_view.py makes) each time it is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.live.basemap import Basemap, BasemapError, check, from_env, mbtiles_info
from ui.refusals import describe
from ui.settings import KEY_BASEMAP_KIND, KEY_BASEMAP_MBTILES, KEY_BASEMAP_URL, Settings
from ui.text import fill, typed

log = logging.getLogger(__name__)
KEY_KIND = KEY_BASEMAP_KIND
KEY_URL = KEY_BASEMAP_URL
KEY_MBTILES = KEY_BASEMAP_MBTILES


def saved(settings: Settings | QSettings | None = None) -> Basemap:
    return (Settings.maybe(settings) or Settings()).basemap


def configured(settings: Settings | QSettings | None = None) -> tuple[str | None, Path | None]:
    """``(tile_url, mbtiles)`` for MapView.load: the environment's basemap, else the settings';
    one that cannot be used (a moved file, a bad template) is logged and left out."""
    basemap = from_env() or saved(settings)
    try:
        return check(basemap).load_args()
    except BasemapError as exc:
        log.warning("basemap not used: %s", exc)
        return None, None


class BasemapDialog(QDialog):
    """Choose and check the basemap; saving calls ``on_saved`` (the window rebuilds the map)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        settings: Settings | QSettings | None = None,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BasemapDialog")
        self.setWindowTitle(self.tr("Basemap"))
        self._settings = Settings.maybe(settings) or Settings()
        self._on_saved = on_saved
        current = saved(self._settings)

        intro = QLabel(
            self.tr(
                "The map never loads tiles from the internet. Choose a tile server of the intranet "
                "or an MBTiles file on this computer, or none (boundaries on a plain background)."
            )
        )
        intro.setWordWrap(True)
        self.none = QRadioButton(self.tr("No basemap"))
        self.url_choice = QRadioButton(self.tr("Intranet tile server"))
        self.file_choice = QRadioButton(self.tr("MBTiles file"))
        self.group = QButtonGroup(self)
        for button in (self.none, self.url_choice, self.file_choice):
            self.group.addButton(button)
        self.url = QLineEdit(current.url)
        self.url.setPlaceholderText("http://tiles.intra/{z}/{x}/{y}.png")
        self.path = QLineEdit(current.path)
        self.path.setPlaceholderText(self.tr("e.g. D:\\maps\\city.mbtiles"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.none)
        form.addRow(self.url_choice)
        form.addRow(self.tr("Tile URL template:"), self.url)
        form.addRow(self.file_choice)
        form.addRow(self.tr("File:"), file_row)
        {"url": self.url_choice, "mbtiles": self.file_choice}.get(current.kind, self.none).setChecked(True)
        self.url.textEdited.connect(lambda _t: self.url_choice.setChecked(True))
        self.path.textEdited.connect(lambda _t: self.file_choice.setChecked(True))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("MBTiles file"), typed(self.path), self.tr("MBTiles (*.mbtiles);;All files (*)")
        )
        if path:
            self.path.setText(path)
            self.file_choice.setChecked(True)

    def chosen(self) -> Basemap:
        if self.url_choice.isChecked():
            return Basemap("url", url=typed(self.url))
        if self.file_choice.isChecked():
            return Basemap("mbtiles", path=typed(self.path).strip())
        return Basemap()

    def save(self) -> bool:
        try:
            basemap = check(self.chosen())
            if basemap.kind == "mbtiles":
                meta = mbtiles_info(basemap.path)
                self.info.setText(
                    fill(
                        self.tr("Tiles: %1, zoom %2–%3"),
                        meta.get("name", ""),
                        meta.get("minzoom", "?"),
                        meta.get("maxzoom", "?"),
                    )
                )
        except BasemapError as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return False
        # The address and the file not chosen are kept too, for switching back.
        self._settings.basemap = Basemap(
            basemap.kind,
            url=basemap.url or typed(self.url).strip(),
            path=basemap.path or typed(self.path).strip(),
        )
        self.error.hide()
        if self._on_saved is not None:
            self._on_saved()
        self.accept()
        return True


def open_basemap(window: Any) -> BasemapDialog:
    """File → Basemap… of the main window; saving rebuilds the map page with the new basemap."""
    from desktop.live.mapdata import base_layers

    sessions = window.ctx.sessions

    def layers() -> dict[str, Any]:
        with sessions() as s:
            return base_layers(s)

    def reload_map() -> None:
        window.runner.submit(layers, lambda data: window.map.load(data), window._show_error)

    dialog = BasemapDialog(window, on_saved=reload_map)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
