"""The basemap setting's refusals (desktop/live/basemap.py): a tile server address or an MBTiles file
that cannot be used."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    t = QCoreApplication
    return {
        "basemap.url_not_http": t.translate(
            "Refusals", "The tile address must start with http:// or https:// and name a server."
        ),
        "basemap.url_placeholders_missing": t.translate(
            "Refusals",
            "The tile address lacks the placeholders {missing}, e.g. http://tiles.intra/{{z}}/{{x}}/{{y}}.png",
        ),
        "basemap.url_bad_characters": t.translate(
            "Refusals", "The tile address contains characters that are not allowed."
        ),
        "basemap.file_missing": t.translate("Refusals", "The MBTiles file “{path}” cannot be found."),
        "basemap.file_not_mbtiles": t.translate(
            "Refusals", "“{file}” is not an MBTiles file (the tiles or metadata table is missing)."
        ),
        "basemap.file_without_tiles": t.translate("Refusals", "“{file}” holds no tiles."),
        "basemap.file_unreadable": t.translate(
            "Refusals", "“{file}” cannot be read: it is not a valid MBTiles (SQLite) file."
        ),
        "basemap.format_unsupported": t.translate(
            "Refusals",
            "The tile format “{format}” of “{file}” is not supported (only raster tiles: png, jpg, webp).",
        ),
        "basemap.kind_unknown": t.translate("Refusals", "Unknown kind of basemap “{kind}”."),
    }
