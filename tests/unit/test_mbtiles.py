"""desktop.live.basemap (MBTiles): tiles and metadata read from a local MBTiles file, TMS rows flipped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.live import basemap


@pytest.fixture
def tiles(tmp_path: Path) -> Path:
    path = tmp_path / "t.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB);"
    )
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", "png"), ("maxzoom", "1")])
    # TMS: row 1 at zoom 1 is the northern row, which XYZ calls y = 0.
    conn.executemany("INSERT INTO tiles VALUES (1, 0, ?, ?)", [(1, b"north"), (0, b"south")])
    conn.commit()
    conn.close()
    return path


def test_tiles_are_read_with_rows_flipped(tiles: Path) -> None:
    assert basemap.mbtiles_tile(tiles, 1, 0, 0) == b"north"
    assert basemap.mbtiles_tile(tiles, 1, 0, 1) == b"south"
    assert basemap.mbtiles_tile(tiles, 1, 1, 1) is None  # not in the file
    assert basemap.mbtiles_tile(tiles, 1, 2, 0) is None  # outside zoom 1
    assert basemap.mbtiles_tile(tiles, -1, 0, 0) is None


def test_metadata(tiles: Path) -> None:
    assert basemap.mbtiles_metadata(tiles) == {"format": "png", "maxzoom": "1"}


def test_a_file_that_is_not_mbtiles_raises_the_read_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"not a database at all, just some bytes" * 20)
    with pytest.raises(basemap.TileReadError):
        basemap.mbtiles_metadata(bad)
    with pytest.raises(basemap.TileReadError):
        basemap.mbtiles_tile(bad, 0, 0, 0)
