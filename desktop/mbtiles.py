"""Reading tiles from a local MBTiles file (an SQLite database) for the map's ``mbtiles://`` scheme.

A connection per read, well under a millisecond: nothing stays open to leak or to keep a replaced
tile file alive. Read-only: never lock or change a file another program may be writing. Checking a
file before it is configured is :func:`desktop.basemap.mbtiles_info`'s job.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

# What a read of a missing, locked or damaged file raises; the interface catches it by this name.
TileReadError = sqlite3.Error


def _open(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def metadata(path: Path) -> dict[str, str]:
    """The file's ``metadata`` table as a dict (name, format, minzoom, maxzoom, bounds …)."""
    with _open(path) as conn:
        return {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}


def tile(path: Path, z: int, x: int, y: int) -> bytes | None:
    """The tile at XYZ coordinates (rows counted from the north), None if there is none or the
    coordinates are outside the zoom level; MBTiles stores TMS rows, counted from the south."""
    if not (0 <= z <= 30) or not (0 <= x < 2**z) or not (0 <= y < 2**z):
        return None
    with _open(path) as conn:
        row = conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),
        ).fetchone()
    return None if row is None else bytes(row[0])
