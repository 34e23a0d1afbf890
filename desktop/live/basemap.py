"""The optional basemap under the map: an intranet XYZ tile server or a local MBTiles file.

Nothing here reaches the internet: a tile URL is whatever the operator configures (an intranet
server such as ``http://tiles.intra/{z}/{x}/{y}.png``), and an MBTiles file is read locally and
served to the map page through the ``mbtiles://`` scheme (ui/live/map_view.py). Without either, the
map shows the city's boundaries on a plain background.

Configuration, first found wins: ``CONCORD_BASEMAP_MBTILES`` / ``CONCORD_BASEMAP_URL`` in the
environment, then the desktop's settings (File → Basemap…, keys ``map/basemap_*``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from desktop.errors import Refusal

KINDS = ("none", "url", "mbtiles")
ENV_URL = "CONCORD_BASEMAP_URL"
ENV_MBTILES = "CONCORD_BASEMAP_MBTILES"
TILE_FORMATS = ("png", "jpg", "jpeg", "webp")


class BasemapError(Refusal):
    """A basemap setting that cannot be used (codes ``basemap.…``; ui/refusals/basemap.py words
    them)."""


@dataclass(frozen=True)
class Basemap:
    kind: str = "none"  # none, url, mbtiles
    url: str = ""
    path: str = ""

    def load_args(self) -> tuple[str | None, Path | None]:
        """``(tile_url, mbtiles)`` as MapView.load takes them."""
        if self.kind == "mbtiles" and self.path:
            return None, Path(self.path)
        if self.kind == "url" and self.url:
            return self.url, None
        return None, None


def check_tile_url(url: str) -> str:
    """The template, stripped, or BasemapError: http(s), a host, and {z}, {x}, {y}."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BasemapError("basemap.url_not_http")
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in url]
    if missing:
        raise BasemapError("basemap.url_placeholders_missing", missing=missing)
    if any(c in url for c in "\"'<> \\"):
        raise BasemapError("basemap.url_bad_characters")
    return url


def _open(path: Path) -> contextlib.closing[sqlite3.Connection]:
    # Read-only: never lock or change a file another program may be writing.
    return contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def mbtiles_info(path: str | Path) -> dict[str, str]:
    """The file's metadata (name, format, minzoom, maxzoom, bounds, attribution …) after checking
    it is an MBTiles file with at least one raster tile; BasemapError otherwise."""
    p = Path(path)
    if not p.is_file():
        raise BasemapError("basemap.file_missing", path=str(p))
    try:
        with _open(p) as conn:
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            }
            if not {"tiles", "metadata"} <= names:
                raise BasemapError("basemap.file_not_mbtiles", file=p.name)
            meta = {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
            if conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchone() is None:
                raise BasemapError("basemap.file_without_tiles", file=p.name)
    except sqlite3.DatabaseError as exc:
        raise BasemapError("basemap.file_unreadable", file=p.name) from exc
    fmt = meta.get("format", "png").lower()
    if fmt not in TILE_FORMATS:
        raise BasemapError("basemap.format_unsupported", file=p.name, format=fmt)
    return meta


def check(basemap: Basemap) -> Basemap:
    """The basemap after checking it (BasemapError when it cannot be used)."""
    if basemap.kind not in KINDS:
        raise BasemapError("basemap.kind_unknown", kind=basemap.kind)
    if basemap.kind == "url":
        return Basemap("url", url=check_tile_url(basemap.url))
    if basemap.kind == "mbtiles":
        mbtiles_info(basemap.path)
        return Basemap("mbtiles", path=str(Path(basemap.path)))
    return Basemap()


def from_env(environ: dict[str, str] | None = None) -> Basemap | None:
    env = os.environ if environ is None else environ
    if env.get(ENV_MBTILES):
        return Basemap("mbtiles", path=env[ENV_MBTILES])
    if env.get(ENV_URL):
        return Basemap("url", url=env[ENV_URL])
    return None


# --- reading tiles (the map's ``mbtiles://`` scheme, ui/live/map_view.py) ------------------------------

TileReadError = sqlite3.Error  # what a damaged or replaced file raises while tiles are read


def mbtiles_metadata(path: Path) -> dict[str, str]:
    """The metadata table of an MBTiles file, unchecked (TileReadError when unreadable)."""
    with _open(path) as conn:
        return {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}


def mbtiles_tile(path: Path, z: int, x: int, y: int) -> bytes | None:
    """The tile at XYZ coordinates, None outside the grid or where the file has none.

    A connection per request (well under a millisecond): nothing stays open to leak or to keep a
    replaced tile file alive. MBTiles stores TMS rows, counted from the south."""
    if not (0 <= z <= 30) or not (0 <= x < 2**z) or not (0 <= y < 2**z):
        return None
    with _open(path) as conn:
        row = conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),
        ).fetchone()
    return None if row is None else bytes(row[0])
