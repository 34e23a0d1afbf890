"""研判简报 as PDF (with charts) and XLSX (with native charts), worded in the user's language.

The figures come from desktop.briefing.collect (any thread). Charts are drawn with pyqtgraph and the
PDF printed from a QTextDocument to a QPdfWriter on the GUI thread (plots are widgets; the font
database is shared with painting); the workbook is an openpyxl file. Files are written to
``OUT.part`` first and renamed when complete, so a failed briefing leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.analysis import Anomaly
from desktop.briefing import Briefing, Headline, PeriodKind
from desktop.clock import to_local
from desktop.progress import Progress
from ui.labels import category_label, kind_label, level_label
from ui.text import fill

translate = QCoreApplication.translate

CJK_FONT = "Noto Sans CJK SC"
CHART_SIZE = (1400, 560)
SERIES_COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#718096", "#b7791f")


# --- words ------------------------------------------------------------------------------------


def period_title(b: Briefing) -> str:
    if b.kind == "week":
        return translate("Briefing", "Weekly analysis briefing")
    if b.kind == "half_month":
        return translate("Briefing", "Half-monthly analysis briefing")
    return translate("Briefing", "Analysis briefing")


def period_text(b: Briefing) -> str:
    last_day = to_local(b.end) - dt.timedelta(seconds=1)
    return fill(translate("Briefing", "%1 to %2"), f"{to_local(b.start):%Y-%m-%d}", f"{last_day:%Y-%m-%d}")


def scope_text(b: Briefing) -> str:
    return b.scope or translate("Briefing", "Whole city")


def funnel_label(key: str) -> str:
    labels = {
        "reported": translate("Briefing", "Reported"),
        "accepted": translate("Briefing", "Accepted"),
        "escalated_town": translate("Briefing", "Escalated to the town"),
        "escalated_city": translate("Briefing", "Escalated to the city"),
        "resolved": translate("Briefing", "Resolved"),
        "verified_closed": translate("Briefing", "Verified or closed"),
    }
    return labels.get(key, key)


def change_text(now: int, before: int) -> str:
    """环比: the change against the previous period, as a user reads it."""
    if before == 0:
        return translate("Briefing", "new") if now else "—"
    pct = (now - before) / before * 100
    if abs(pct) < 0.5:
        return translate("Briefing", "unchanged")
    return fill(translate("Briefing", "%1%"), f"{pct:+.0f}")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def headline_rows(b: Briefing) -> list[tuple[str, int, int, str]]:
    def row(label: str, get: Callable[[Headline], int]) -> tuple[str, int, int, str]:
        return (label, get(b.headline), get(b.previous), change_text(get(b.headline), get(b.previous)))

    return [
        row(translate("Briefing", "Cases reported"), lambda h: h.reported),
        row(translate("Briefing", "Cases resolved"), lambda h: h.resolved),
        row(translate("Briefing", "Escalations"), lambda h: h.escalations),
        row(translate("Briefing", "Mass-incident risks reported"), lambda h: h.mass_incident),
        row(translate("Briefing", "Reported in a sensitive period"), lambda h: h.sensitive_period),
        row(translate("Briefing", "Supervision orders issued"), lambda h: h.supervision_orders),
        row(translate("Briefing", "Open at the end of the period"), lambda h: h.open_at_end),
        row(translate("Briefing", "Of which overdue"), lambda h: h.overdue_at_end),
    ]


def summary(b: Briefing) -> str:
    h, p = b.headline, b.previous
    text = fill(
        translate(
            "Briefing",
            "In this period %1 cases were reported (%2 against the previous period) and %3 resolved. "
            "At the end of the period %4 cases were open, %5 of them overdue.",
        ),
        h.reported,
        change_text(h.reported, p.reported),
        h.resolved,
        h.open_at_end,
        h.overdue_at_end,
    )
    overall = b.shares.overall
    if overall.resolved:
        text += " " + fill(
            translate(
                "Briefing",
                "Of the cases resolved, %1 were settled in the village (target %2) and %3 in the "
                "village or the town (target %4).",
            ),
            percent(overall.village_share),
            percent(b.shares.village_target),
            percent(overall.village_or_town_share),
            percent(b.shares.village_or_town_target),
        )
    return text


def recommendations(b: Briefing) -> list[str]:
    """Plain suggestions from the figures: where a leader should look first."""
    out: list[str] = []
    below = [
        r
        for r in b.shares.rows
        if r.resolved >= 5 and r.village_share is not None and r.village_share < b.shares.village_target
    ]
    below.sort(key=lambda r: r.village_share or 0.0)
    if below:
        names = "、".join(f"{r.name}（{percent(r.village_share)}）" for r in below[:5])
        out.append(
            fill(
                translate("Briefing", "Raise village-level settlement in %1: below the target of %2."),
                names,
                percent(b.shares.village_target),
            )
        )
    if b.headline.overdue_at_end:
        out.append(
            fill(
                translate("Briefing", "Supervise the %1 overdue cases to a close; check who holds them."),
                b.headline.overdue_at_end,
            )
        )
    for item in b.anomalies.items[:5]:
        out.append(
            fill(
                translate("Briefing", "Screen %1 for %2 with focus: %3 cases against %4 expected."),
                item.town,
                category_label(item.category),
                item.observed,
                f"{item.expected:.1f}",
            )
        )
    if b.headline.mass_incident:
        out.append(
            fill(
                translate("Briefing", "Follow the %1 cases with a mass-incident risk daily until settled."),
                b.headline.mass_incident,
            )
        )
    if not out:
        out.append(translate("Briefing", "No matter needs the leadership's attention beyond the routine."))
    return out


def anomaly_category(category: str) -> str:
    """A category as the finding of a warning names it ("land disputes")."""
    names = {
        "neighbour": translate("Briefing", "neighbour disputes"),
        "family": translate("Briefing", "marriage and family disputes"),
        "land": translate("Briefing", "land disputes"),
        "labour": translate("Briefing", "labour disputes"),
        "property": translate("Briefing", "property management disputes"),
        "contract": translate("Briefing", "contract disputes"),
        "other": translate("Briefing", "other disputes"),
        "petition_stability": translate("Briefing", "petitions and stability"),
        "public_order": translate("Briefing", "public order"),
        "work_safety": translate("Briefing", "work safety"),
        "civil_affairs": translate("Briefing", "civil affairs errands"),
        "disability": translate("Briefing", "disability affairs"),
        "medical": translate("Briefing", "medical errands"),
        "housing_permit": translate("Briefing", "housing permits"),
        "family_planning": translate("Briefing", "family planning"),
    }
    return names.get(category, category)


def anomaly_sentence(a: Anomaly) -> str:
    """The plain finding of a warning: where, what, how many against the usual, how likely."""
    if a.expected > 0:
        times = fill(translate("Briefing", ", %1 times the usual"), f"{a.observed / a.expected:.1f}")
    else:
        times = translate("Briefing", ", where no such case was seen before")
    if a.p_value < 0.001:
        chance = translate("Briefing", "less than one in a thousand")
    else:
        chance = fill(translate("Briefing", "about %1%"), f"{a.p_value * 100:.1f}")
    return fill(
        translate(
            "Briefing",
            "%1 reported %2 cases of %3 in the last 7 days, against %5 a week on average in the %4 "
            "weeks before%6; at the usual rate the chance of so many is %7. Worth watching.",
        ),
        a.town,
        a.observed,
        anomaly_category(a.category),
        a.weeks,
        f"{a.expected:.1f}",
        times,
        chance,
    )


def short_town(name: str) -> str:
    """A town's name without its 街道/镇/乡 suffix, so 33 of them fit under one chart."""
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def bucket_label(day: dt.date) -> str:
    return f"{day:%m-%d}"


# --- charts (GUI thread) ------------------------------------------------------------------------


@contextmanager
def _plot() -> Iterator[pg.PlotItem]:
    widget = pg.PlotWidget(background="w")
    item = widget.getPlotItem()
    # The widget is never shown, so it gets no resize: give the plot its size directly (the
    # exporter keeps the item's aspect ratio).
    item.setGeometry(QRectF(0, 0, *CHART_SIZE))
    font = QFont(CJK_FONT, 11)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#4a5568"))
        axis.setTextPen(pg.mkPen("#1a202c"))
        axis.setTickFont(font)
    item.showGrid(y=True, alpha=0.25)
    try:
        yield item
    finally:
        widget.deleteLater()


def _image(item: pg.PlotItem) -> QImage:
    from pyqtgraph.exporters import ImageExporter

    exporter = ImageExporter(item)
    exporter.parameters()["width"] = CHART_SIZE[0]
    image = exporter.export(toBytes=True)
    assert isinstance(image, QImage)
    return image


def _ticks(labels: Sequence[str]) -> list[list[tuple[int, str]]]:
    return [list(enumerate(labels))]


def render_charts(b: Briefing) -> dict[str, QImage]:
    """The briefing's charts as images: the weekly trend by kind, the settlement shares per town
    against their targets, and the escalation funnel. Must run on the GUI thread."""
    charts: dict[str, QImage] = {}
    with _plot() as item:
        legend = item.addLegend(offset=(-10, 10), labelTextColor="#1a202c", labelTextSize="12pt")
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        xs = list(range(len(b.trend_kind.buckets)))
        for i, series in enumerate(b.trend_kind.series):
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            item.plot(
                xs,
                list(series.counts),
                pen=pg.mkPen(colour, width=3),
                symbol="o",
                symbolBrush=colour,
                name=kind_label(series.key),
            )
        item.getAxis("bottom").setTicks(_ticks([bucket_label(d) for d in b.trend_kind.buckets]))
        charts["trend"] = _image(item)
    rows = [r for r in b.shares.rows if r.resolved]
    with _plot() as item:
        xs = list(range(len(rows)))
        heights = [(r.village_share or 0.0) * 100 for r in rows]
        brushes = [
            pg.mkBrush("#38a169" if (r.village_share or 0) >= b.shares.village_target else "#dd6b20")
            for r in rows
        ]
        item.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.7, brushes=brushes))
        item.addLine(
            y=b.shares.village_target * 100,
            pen=pg.mkPen("#c53030", width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
        )
        item.setYRange(0, 100)
        item.getAxis("bottom").setTicks(_ticks([short_town(r.name) for r in rows]))
        item.getAxis("left").setLabel("%")
        charts["shares"] = _image(item)
    with _plot() as item:
        stages = b.funnel.stages
        item.addItem(
            pg.BarGraphItem(
                x=list(range(len(stages))), height=[s.count for s in stages], width=0.6, brush="#2b6cb0"
            )
        )
        item.getAxis("bottom").setTicks(_ticks([funnel_label(s.key) for s in stages]))
        charts["funnel"] = _image(item)
    return charts


# --- PDF (GUI thread) ---------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table cellspacing="0" cellpadding="4" width="100%"><tr>{head}</tr>{body}</table>'


def _h2(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _caption(text: str) -> str:
    return _p(text, "caption")


def _p(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{html.escape(text)}</p>"


def briefing_html(b: Briefing, chart_width: int = 640) -> str:
    e = html.escape
    heading = translate("Briefing", "Grassroots dispute screening and resolution")
    generated = fill(translate("Briefing", "generated %1"), f"{to_local(b.generated_at):%Y-%m-%d %H:%M}")
    parts = [
        f"<h1>{e(heading)}<br/>{e(period_title(b))}</h1>",
        f'<p class="meta">{e(scope_text(b))} · {e(period_text(b))} · {e(generated)}</p>',
        _h2(translate("Briefing", "1. Overview")),
        f"<p>{e(summary(b))}</p>",
        _table(
            [
                translate("Briefing", "Measure"),
                translate("Briefing", "This period"),
                translate("Briefing", "Previous period"),
                translate("Briefing", "Change"),
            ],
            headline_rows(b),
        ),
        _h2(translate("Briefing", "2. Trend")),
        _caption(translate("Briefing", "Cases reported per week, by kind")),
        f'<p><img src="chart://trend" width="{chart_width}"/></p>',
        _table(
            [
                translate("Briefing", "Week of"),
                *[kind_label(s.key) for s in b.trend_kind.series],
                translate("Briefing", "Total"),
            ],
            [
                [bucket_label(day), *[s.counts[i] for s in b.trend_kind.series], b.trend_kind.totals[i]]
                for i, day in enumerate(b.trend_kind.buckets)
            ],
        ),
        _h2(translate("Briefing", "3. Small matters stay in the village, big ones in the town")),
        _caption(translate("Briefing", "Share settled in the village, per town (dashed: target)")),
        f'<p><img src="chart://shares" width="{chart_width}"/></p>',
        _table(
            [
                translate("Briefing", "Town"),
                translate("Briefing", "Resolved"),
                translate("Briefing", "In the village"),
                translate("Briefing", "In the village or town"),
                translate("Briefing", "Targets met"),
            ],
            [
                [
                    r.name or scope_text(b),
                    r.resolved,
                    percent(r.village_share),
                    percent(r.village_or_town_share),
                    _targets_met(r.meets_village_target, r.meets_village_or_town_target),
                ]
                for r in (*b.shares.rows, b.shares.overall)
                if r.resolved
            ],
        ),
        _h2(translate("Briefing", "4. Time to resolve")),
        _table(
            [
                translate("Briefing", "Level"),
                translate("Briefing", "Resolved"),
                translate("Briefing", "Median hours"),
                translate("Briefing", "90th percentile hours"),
            ],
            [
                [level_label(r.level), r.count, hours(r.median_hours), hours(r.p90_hours)]
                for r in b.resolve_time.rows
            ],
        ),
        _h2(translate("Briefing", "5. Escalation funnel")),
        _caption(translate("Briefing", "How far the period's cases went")),
        f'<p><img src="chart://funnel" width="{chart_width}"/></p>',
        _table(
            [
                translate("Briefing", "Stage"),
                translate("Briefing", "Cases"),
                translate("Briefing", "Share of reported"),
            ],
            [[funnel_label(s.key), s.count, percent(s.share)] for s in b.funnel.stages],
        ),
        _h2(translate("Briefing", "6. Return-visit satisfaction")),
        _table(
            [
                translate("Briefing", "Town"),
                translate("Briefing", "Return visits"),
                translate("Briefing", "Mean score"),
                translate("Briefing", "Satisfied"),
            ],
            [
                [
                    r.name or translate("Briefing", "Whole city"),
                    r.total,
                    hours(r.mean),
                    percent(r.satisfied_share),
                ]
                for r in (*b.satisfaction.rows, b.satisfaction.overall)
                if r.total
            ],
        ),
        _h2(translate("Briefing", "7. Warnings")),
    ]
    if b.anomalies.items:
        parts.append(
            "<ul>" + "".join(f"<li>{e(anomaly_sentence(a))}</li>" for a in b.anomalies.items) + "</ul>"
        )
    else:
        parts.append(
            _p(translate("Briefing", "No town and category was unusually high in the last seven days."))
        )
    parts.append(_h2(translate("Briefing", "8. Recommendations")))
    parts.append("<ol>" + "".join(f"<li>{e(r)}</li>" for r in recommendations(b)) + "</ol>")
    parts.append(
        _p(
            translate("Briefing", "Open and overdue counts use each case’s status at the time of writing."),
            "note",
        )
    )
    style = (
        f"body {{ font-family: '{CJK_FONT}'; font-size: 10pt; color: #1a202c; }}"
        "h1 { font-size: 18pt; text-align: center; } h2 { font-size: 13pt; margin-top: 14px; }"
        "p.meta { text-align: center; color: #4a5568; } p.caption { font-weight: bold; text-align: center; } p.note { color: #718096; font-size: 8pt; }"
        "th { background: #edf2f7; border: 1px solid #a0aec0; } td { border: 1px solid #cbd5e0; }"
    )
    return f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"


def _targets_met(village: bool | None, town: bool | None) -> str:
    def mark(value: bool | None) -> str:
        return "—" if value is None else ("✓" if value else "✗")

    return f"{mark(village)} / {mark(town)}"


def write_pdf(b: Briefing, charts: dict[str, QImage], out: Path, progress: Progress | None = None) -> Path:
    """The briefing as an A4 PDF at ``out``."""
    progress = progress or Progress()
    out = Path(out)
    part = out.with_name(out.name + ".part")
    progress.step(0, 2, "pdf")
    try:
        doc = QTextDocument()
        doc.setDefaultFont(QFont(CJK_FONT, 10))
        for name, image in charts.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"), image)
        writer = QPdfWriter(str(part))
        writer.setTitle(f"{period_title(b)} {period_text(b)}")
        writer.setCreator("Concord")
        writer.setResolution(150)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
            )
        )
        progress.check()
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.setHtml(briefing_html(b, chart_width=int(writer.width() * 0.96)))
        doc.print_(writer)
        del writer  # closes the file
        progress.check()
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    progress.step(2, 2, "pdf")
    return out


# --- XLSX (any thread) --------------------------------------------------------------------------


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]):  # type: ignore[no-untyped-def]
    ws = wb.create_sheet(title[:31])
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EDF2F7")
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        ws.append(list(row))
    for i, name in enumerate(header, start=1):
        width = max([len(str(name)) * 2, *[len(str(r[i - 1])) * 2 for r in rows if i - 1 < len(r)], 8])
        ws.column_dimensions[get_column_letter(i)].width = min(width, 60)
    ws.freeze_panes = "A2"
    return ws


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def write_xlsx(b: Briefing, out: Path, progress: Progress | None = None) -> Path:
    """The briefing as a workbook at ``out``: one sheet per section, with native charts."""
    progress = progress or Progress()
    out = Path(out)
    part = out.with_name(out.name + ".part")
    progress.step(0, 2, "xlsx")
    try:
        wb = Workbook()
        ws = wb.active
        ws.title = translate("Briefing", "Overview")[:31]
        ws.append([f"{period_title(b)} · {scope_text(b)} · {period_text(b)}"])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([summary(b)])
        ws.append([])
        ws.append(
            [
                translate("Briefing", "Measure"),
                translate("Briefing", "This period"),
                translate("Briefing", "Previous period"),
                translate("Briefing", "Change"),
            ]
        )
        for cell in ws[4]:
            cell.font = Font(bold=True)
        for row in headline_rows(b):
            ws.append(list(row))
        ws.append([])
        ws.append([translate("Briefing", "Recommendations")])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for text in recommendations(b):
            ws.append([text])
        ws.column_dimensions["A"].width = 36
        for col in "BCD":
            ws.column_dimensions[col].width = 14

        trend = b.trend_kind
        tw = _sheet(
            wb,
            translate("Briefing", "Trend"),
            [
                translate("Briefing", "Week of"),
                *[kind_label(s.key) for s in trend.series],
                translate("Briefing", "Total"),
            ],
            [
                [f"{day:%Y-%m-%d}", *[s.counts[i] for s in trend.series], trend.totals[i]]
                for i, day in enumerate(trend.buckets)
            ],
        )
        if trend.buckets and trend.series:
            chart = LineChart()
            chart.title = translate("Briefing", "Cases reported per week, by kind")
            chart.height, chart.width = 8, 18
            data = Reference(
                tw, min_col=2, max_col=1 + len(trend.series), min_row=1, max_row=1 + len(trend.buckets)
            )
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(Reference(tw, min_col=1, min_row=2, max_row=1 + len(trend.buckets)))
            tw.add_chart(chart, f"{get_column_letter(len(trend.series) + 4)}2")
        town = b.trend_town
        _sheet(
            wb,
            translate("Briefing", "Trend by town"),
            [
                translate("Briefing", "Town"),
                *[f"{d:%m-%d}" for d in town.buckets],
                translate("Briefing", "Total"),
            ],
            [[s.name, *s.counts, s.total] for s in town.series],
        )
        progress.step(1, 2, "xlsx")
        rows = [r for r in (*b.shares.rows, b.shares.overall) if r.resolved]
        sw = _sheet(
            wb,
            translate("Briefing", "Settlement level"),
            [
                translate("Briefing", "Town"),
                translate("Briefing", "Resolved"),
                translate("Briefing", "In the village"),
                translate("Briefing", "In the town"),
                translate("Briefing", "In the city"),
                translate("Briefing", "Share in the village"),
                translate("Briefing", "Share in the village or town"),
                translate("Briefing", "Village target"),
                translate("Briefing", "Village-or-town target"),
            ],
            [
                [
                    r.name or scope_text(b),
                    r.resolved,
                    r.at_village,
                    r.at_town,
                    r.at_city,
                    _share(r.village_share),
                    _share(r.village_or_town_share),
                    b.shares.village_target,
                    b.shares.village_or_town_target,
                ]
                for r in rows
            ],
        )
        for row in sw.iter_rows(min_row=2, min_col=6, max_col=9):
            for cell in row:
                cell.number_format = "0.0%"
        if len(rows) > 1:
            bars = BarChart()
            bars.title = translate("Briefing", "Share settled in the village, per town")
            bars.height, bars.width = 8, 22
            bars.add_data(
                Reference(sw, min_col=6, max_col=6, min_row=1, max_row=len(rows)), titles_from_data=True
            )
            bars.set_categories(Reference(sw, min_col=1, min_row=2, max_row=len(rows)))
            target = LineChart()
            target.add_data(
                Reference(sw, min_col=8, max_col=8, min_row=1, max_row=len(rows)), titles_from_data=True
            )
            bars += target
            sw.add_chart(bars, "K2")
        _sheet(
            wb,
            translate("Briefing", "Time to resolve"),
            [
                translate("Briefing", "Level"),
                translate("Briefing", "Resolved"),
                translate("Briefing", "Median hours"),
                translate("Briefing", "90th percentile hours"),
            ],
            [[level_label(r.level), r.count, r.median_hours, r.p90_hours] for r in b.resolve_time.rows],
        )
        fw = _sheet(
            wb,
            translate("Briefing", "Escalation funnel"),
            [
                translate("Briefing", "Stage"),
                translate("Briefing", "Cases"),
                translate("Briefing", "Share of reported"),
            ],
            [[funnel_label(s.key), s.count, _share(s.share)] for s in b.funnel.stages],
        )
        for row in fw.iter_rows(min_row=2, min_col=3, max_col=3):
            for cell in row:
                cell.number_format = "0.0%"
        _sheet(
            wb,
            translate("Briefing", "Satisfaction"),
            [
                translate("Briefing", "Town"),
                translate("Briefing", "Return visits"),
                "1",
                "2",
                "3",
                "4",
                "5",
                translate("Briefing", "Mean score"),
            ],
            [
                [
                    r.name or translate("Briefing", "Whole city"),
                    r.total,
                    *r.counts,
                    None if r.mean is None else round(r.mean, 2),
                ]
                for r in (*b.satisfaction.rows, b.satisfaction.overall)
                if r.total
            ],
        )
        _sheet(
            wb,
            translate("Briefing", "Warnings"),
            [
                translate("Briefing", "Town"),
                translate("Briefing", "Category"),
                translate("Briefing", "Cases"),
                translate("Briefing", "Expected"),
                "p",
                translate("Briefing", "Finding"),
            ],
            [
                [
                    a.town,
                    category_label(a.category),
                    a.observed,
                    round(a.expected, 2),
                    float(f"{a.p_value:.3g}"),
                    anomaly_sentence(a),
                ]
                for a in b.anomalies.items
            ],
        )
        progress.check()
        wb.save(part)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    progress.step(2, 2, "xlsx")
    return out


__all__ = [
    "briefing_html",
    "recommendations",
    "render_charts",
    "summary",
    "write_pdf",
    "write_xlsx",
]


# --- the whole job ------------------------------------------------------------------------------

FORMATS = (".pdf", ".xlsx")


def check_outputs(outs: Sequence[Path]) -> list[Path]:
    """The output files, refused (ValueError, in the user's language) unless each is a .pdf or
    .xlsx in an existing folder."""
    paths = [Path(p) for p in outs]
    if not paths:
        raise ValueError(translate("Briefing", "Name at least one output file (.pdf or .xlsx)."))
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            raise ValueError(
                fill(translate("Briefing", "%1: a briefing is written as .pdf or .xlsx."), str(path))
            )
        if not path.parent.is_dir():
            raise ValueError(fill(translate("Briefing", "%1: the folder does not exist."), str(path.parent)))
    return paths


def write_outputs(
    b: Briefing, charts: dict[str, QImage], outs: Sequence[Path], progress: Progress | None = None
) -> list[Path]:
    """Write the briefing to each of ``outs`` by its suffix (GUI thread: the PDF prints text)."""
    progress = progress or Progress()
    written: list[Path] = []
    try:
        for i, out in enumerate(outs):
            progress.step(i, len(outs), out.name)
            if out.suffix.lower() == ".pdf":
                written.append(write_pdf(b, charts, out))
            else:
                written.append(write_xlsx(b, out))
        progress.step(len(outs), len(outs), "")
    except BaseException:
        # All or nothing: a cancelled or failed job removes what it had already written.
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def run_cli(
    url: str | None,
    outs: Sequence[str],
    *,
    kind: PeriodKind | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    user: str | None,
    lang: str | None,
) -> int:
    """``main.py briefing``: collect, draw and write the briefing; prints the files written."""
    import sys

    from PySide6.QtWidgets import QApplication

    from desktop.bootstrap import open_database
    from desktop.briefing import BriefingError, briefing_period, collect
    from desktop.cases.service import CaseError, actor_for
    from desktop.clock import utcnow
    from desktop.users import current_user
    from ui import i18n
    from ui.refusals import describe

    app = QApplication.instance() or QApplication(["concord-briefing"])
    assert isinstance(app, QApplication)
    translators = i18n.install(app, i18n.choose_language(lang, None))
    try:
        paths = check_outputs([Path(o) for o in outs])
        if start is None or end is None:
            start, end = briefing_period(kind or "week", to_local(utcnow()).date())
        engine, sessions = open_database(url)
        try:
            me = current_user(engine)
            with sessions() as s:
                actor = actor_for(s, user or (me.username if me is not None else "dispatcher"))
            b = collect(sessions, actor, start, end, kind=kind)
            written = write_outputs(b, render_charts(b), paths)
        finally:
            engine.dispose()
    except (BriefingError, CaseError, ValueError) as exc:
        print(describe(exc), file=sys.stderr)
        return 2
    finally:
        for tr in translators:
            app.removeTranslator(tr)
    for path in written:
        print(path)
    return 0
