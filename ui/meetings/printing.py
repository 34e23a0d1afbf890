"""Qt's own printing of the meeting documents: HTML (from ``desktop.meetings.documents``) → A4 PDF with a
CJK-capable font, so Chinese text is embedded and renders correctly.

Text extraction: with a Chinese UI locale HarfBuzz applies the CJK font's ``locl`` (locale forms)
substitution to runs of Latin text and digits; the substituted glyphs are not in the font's cmap,
and Qt's PDF writer builds the ToUnicode map from the cmap only, so a date such as "2026-11-23"
rendered right but came out of the PDF as control characters. The printed document turns
``locl`` off: the default glyphs are in the cmap and extract as the digits they show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

CJK_FAMILIES = [
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimSun",
]


def document(html: str) -> QTextDocument:
    """The HTML as a rich-text document with the CJK default font (also used by the tests to read
    the text back)."""
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(11)
    font.setFeature(QFont.Tag("locl"), 0)  # see the module docstring: keeps digits extractable
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: str | Path, *, title: str = "") -> None:
    """Render ``html`` to an A4 PDF at ``path`` (GUI thread: QTextDocument layout uses fonts)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("Concord")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    # print_() paginates a copy of the document to the writer's printable area.
    document(html).print_(writer)
