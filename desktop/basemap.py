"""The optional basemap under the map: an intranet XYZ tile server or a local MBTiles file.

Nothing here reaches the internet: a tile URL is whatever the operator configures (an intranet
server such as ``http://tiles.intra/{z}/{x}/{y}.png``), and an MBTiles file is read locally and
served to the map page through the ``mbtiles://`` scheme (ui/map_view.py). Without either, the
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

KINDS = ("none", "url", "mbtiles")
ENV_URL = "CONCORD_BASEMAP_URL"
ENV_MBTILES = "CONCORD_BASEMAP_MBTILES"
TILE_FORMATS = ("png", "jpg", "jpeg", "webp")


class BasemapError(ValueError):
    """A basemap setting that cannot be used; the message is for the operator (Chinese)."""


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
        raise BasemapError("瓦片地址必须以 http:// 或 https:// 开头，并包含服务器地址")
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in url]
    if missing:
        raise BasemapError(
            f"瓦片地址缺少占位符 {'、'.join(missing)}，例如 http://tiles.intra/{{z}}/{{x}}/{{y}}.png"
        )
    if any(c in url for c in "\"'<> \\"):
        raise BasemapError("瓦片地址含有不允许的字符")
    return url


def mbtiles_info(path: str | Path) -> dict[str, str]:
    """The file's metadata (name, format, minzoom, maxzoom, bounds, attribution …) after checking
    it is an MBTiles file with at least one raster tile; BasemapError otherwise."""
    p = Path(path)
    if not p.is_file():
        raise BasemapError(f"找不到 MBTiles 文件“{p}”")
    try:
        uri = p.resolve().as_uri() + "?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            }
            if not {"tiles", "metadata"} <= names:
                raise BasemapError(f"“{p.name}”不是 MBTiles 文件（缺少 tiles 或 metadata 表）")
            meta = {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
            if conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchone() is None:
                raise BasemapError(f"“{p.name}”中没有瓦片")
    except sqlite3.DatabaseError as exc:
        raise BasemapError(f"“{p.name}”无法读取：不是有效的 MBTiles（SQLite）文件") from exc
    fmt = meta.get("format", "png").lower()
    if fmt not in TILE_FORMATS:
        raise BasemapError(f"“{p.name}”的瓦片格式“{fmt}”不受支持（只支持栅格瓦片 png/jpg/webp）")
    return meta


def check(basemap: Basemap) -> Basemap:
    """The basemap after checking it (BasemapError when it cannot be used)."""
    if basemap.kind not in KINDS:
        raise BasemapError(f"未知的底图类型“{basemap.kind}”")
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
