"""The basemap setting: the dialog checks and saves it, and the map page then asks the MBTiles
scheme handler for its tiles (no argument to MapView.load: the one hook reads the setting)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.live.basemap import BasemapError, check_tile_url, mbtiles_info, mbtiles_metadata, mbtiles_tile
from tests.ui.language import ui_language
from tests.ui.test_map import BASE, READY_MS, js, view  # noqa: F401  (the fixture)
from ui.live import basemap
from ui.live.map_view import MapView, MbtilesSchemeHandler
from ui.refusals import describe

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf000000030101009ee1a1ff0000000049454e44ae426082"
)


@pytest.fixture
def tiles(tmp_path: Path) -> Path:
    path = tmp_path / "city.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
    )
    conn.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", "内网底图"), ("format", "png"), ("minzoom", "0"), ("maxzoom", "14")],
    )
    conn.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, y, PNG) for z in range(0, 3) for x in range(4) for y in range(4)],
    )
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    monkeypatch.delenv("CONCORD_BASEMAP_URL", raising=False)
    monkeypatch.delenv("CONCORD_BASEMAP_MBTILES", raising=False)
    s = QSettings()
    s.clear()
    return s


def test_checks(qapp: QApplication) -> None:
    assert check_tile_url(" http://tiles.intra/{z}/{x}/{y}.png ") == "http://tiles.intra/{z}/{x}/{y}.png"
    with pytest.raises(BasemapError) as missing:
        check_tile_url("http://tiles.intra/{z}/{x}.png")
    assert (missing.value.code, missing.value.params) == (
        "basemap.url_placeholders_missing",
        {"missing": ["{y}"]},
    )
    with pytest.raises(BasemapError) as scheme:
        check_tile_url("file:///etc/{z}/{x}/{y}")
    assert scheme.value.code == "basemap.url_not_http"
    with ui_language(qapp, "zh_CN"):
        assert "缺少占位符 {y}" in describe(missing.value)
        assert "http:// 或 https://" in describe(scheme.value)


def test_a_file_that_is_not_mbtiles_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    junk = tmp_path / "x.mbtiles"
    junk.write_text("not sqlite")
    with pytest.raises(BasemapError) as unreadable:
        mbtiles_info(junk)
    with pytest.raises(BasemapError) as missing:
        mbtiles_info(tmp_path / "missing.mbtiles")
    assert (unreadable.value.code, missing.value.code) == ("basemap.file_unreadable", "basemap.file_missing")
    with ui_language(qapp, "zh_CN"):
        assert "不是有效的 MBTiles" in describe(unreadable.value)
        assert "找不到" in describe(missing.value)


def test_tiles_are_read_from_the_file_in_xyz_rows(tiles: Path) -> None:
    assert mbtiles_metadata(tiles)["name"] == "内网底图"
    assert mbtiles_tile(tiles, 1, 0, 0) == PNG
    assert mbtiles_tile(tiles, 1, 2, 0) is None  # outside the zoom level's grid
    assert mbtiles_tile(tiles, 5, 0, 0) is None  # a zoom level the file lacks


def test_dialog_refuses_a_bad_url_and_saves_nothing(
    qtbot: QtBot, qapp: QApplication, settings: QSettings
) -> None:
    with ui_language(qapp, "zh_CN"):
        dialog = basemap.BasemapDialog(settings=settings)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "底图"
        dialog.url_choice.setChecked(True)
        dialog.url.setText("http://tiles.intra/tiles.png")
        assert dialog.save() is False
        assert "缺少占位符" in dialog.error.text()
        assert basemap.saved(settings).kind == "none"
        assert basemap.configured(settings) == (None, None)


def test_map_page_requests_tiles_from_the_mbtiles_handler(
    qtbot: QtBot,
    view: MapView,  # noqa: F811
    tiles: Path,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    saved: list[bool] = []
    dialog = basemap.BasemapDialog(settings=settings, on_saved=lambda: saved.append(True))
    qtbot.addWidget(dialog)
    dialog.file_choice.setChecked(True)
    dialog.path.setText(str(tiles))
    assert dialog.save() is True and saved == [True]
    assert basemap.configured() == (None, tiles)
    served: list[tuple[int, int, int]] = []
    original = MbtilesSchemeHandler.tile

    def tile(self: MbtilesSchemeHandler, z: int, x: int, y: int) -> Any:
        served.append((z, x, y))
        return original(self, z, x, y)

    monkeypatch.setattr(MbtilesSchemeHandler, "tile", tile)
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    qtbot.waitUntil(lambda: len(served) > 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            js(qtbot, view, "document.querySelectorAll('img.leaflet-tile[src^=\"mbtiles://\"]').length") > 0
        )
    )


def test_intranet_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, settings: QSettings) -> None:
    monkeypatch.setenv("CONCORD_BASEMAP_URL", "http://10.0.0.8/{z}/{x}/{y}.png")
    assert basemap.configured(settings) == ("http://10.0.0.8/{z}/{x}/{y}.png", None)
    monkeypatch.setenv("CONCORD_BASEMAP_URL", "http://10.0.0.8/tile.png")
    assert basemap.configured(settings) == (None, None)  # unusable: left out (and logged)
