"""The responsibility trace of a case (责任倒查) in a dialog, and as a PDF.

The trace is read in the background (desktop.cases.trace.load_trace); the same HTML is shown in the
dialog and printed from a QTextDocument to a QPdfWriter on the GUI thread (as ui.briefing does),
written to ``OUT.part`` and renamed when complete.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.cases.trace import Trace, load_trace
from desktop.clock import to_local, utcnow
from desktop.store import SessionFactory
from ui.cases.panel import action_label, event_note
from ui.labels import level_label, role_label, severity_label, status_label
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill

translate = QCoreApplication.translate
CJK_FONT = "Noto Sans CJK SC"


def _when(value: dt.datetime | None) -> str:
    return "—" if value is None else f"{to_local(value):%Y-%m-%d %H:%M}"


def _hours(value: float) -> str:
    if value >= 48:
        return fill(translate("Trace", "%1 h (%2 days)"), f"{value:.1f}", f"{value / 24:.1f}")
    return fill(translate("Trace", "%1 h"), f"{value:.1f}")


def city_unit() -> str:
    """The unit that holds a case at the city level (the records give it no name)."""
    return translate("Trace", "City mass work department (city information centre)")


def ended_text(ended_by: str) -> str:
    if ended_by == "escalate":
        return translate("Trace", "escalated")
    if ended_by == "sla_escalate":
        return translate("Trace", "escalated by the system (deadline missed)")
    if ended_by == "open":
        return translate("Trace", "still held")
    return status_label(ended_by)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>{head}</tr>{body}</table>'


def trace_html(t: Trace) -> str:
    """The trace as HTML (every value typed by people escaped)."""
    e = html.escape
    late = '<span style="color:#c62828"><b>{}</b></span>'
    parts = [
        "<h1>" + e(translate("Trace", "Responsibility trace")) + "</h1>",
        "<p>"
        + e(
            fill(
                translate("Trace", "Case %1 · %2 · %3 %4 · severity: %5 · status: %6"),
                t.number,
                t.title,
                t.town,
                t.village,
                severity_label(t.severity),
                status_label(t.status),
            )
        )
        + "</p>",
        "<p>"
        + e(
            fill(
                translate(
                    "Trace",
                    "Reported %1; traced %2. Deadlines missed: %3; supervision orders missed: %4; escalations by the system: %5.",
                ),
                _when(t.reported_at),
                _when(t.now),
                len(t.missed_deadlines),
                len(t.missed_orders),
                t.sla_escalations,
            )
        )
        + "</p>",
        "<h2>" + e(translate("Trace", "Who held the case")) + "</h2>",
    ]
    stint_rows = []
    for s in t.stints:
        overdue = late.format(e(_hours(s.overdue_hours))) if s.missed else e(translate("Trace", "met"))
        stint_rows.append(
            [
                e(level_label(s.level)),
                e(s.unit or city_unit()),
                e("、".join(s.handlers) or "—"),
                e(_when(s.start)),
                e(_when(s.end)),
                e(_hours(s.hours)),
                e(_when(s.deadline)),
                overdue,
                e(ended_text(s.ended_by)),
            ]
        )
    parts.append(
        _table(
            [
                translate("Trace", "Level"),
                translate("Trace", "Unit"),
                translate("Trace", "Handled by"),
                translate("Trace", "From"),
                translate("Trace", "Until"),
                translate("Trace", "Held for"),
                translate("Trace", "Deadline"),
                translate("Trace", "Overdue by"),
                translate("Trace", "Ended"),
            ],
            stint_rows,
        )
    )
    parts.append("<h2>" + e(translate("Trace", "Supervision orders")) + "</h2>")
    if t.orders:
        order_rows = []
        for o in t.orders:
            answer = e(_when(o.order.responded_at)) if o.answered else e(translate("Trace", "not answered"))
            verdict = late.format(e(_hours(o.late_hours))) if o.missed else e(translate("Trace", "in time"))
            order_rows.append(
                [
                    e(_when(o.order.issued_at)),
                    e(o.order.issuer),
                    e(o.order.unit),
                    e(o.order.instruction),
                    e(_when(o.order.deadline)),
                    answer,
                    verdict,
                ]
            )
        parts.append(
            _table(
                [
                    translate("Trace", "Issued"),
                    translate("Trace", "Issuer"),
                    translate("Trace", "To"),
                    translate("Trace", "Instruction"),
                    translate("Trace", "Deadline"),
                    translate("Trace", "Answered"),
                    translate("Trace", "Late by"),
                ],
                order_rows,
            )
        )
    else:
        parts.append("<p>" + e(translate("Trace", "No supervision order was issued on this case.")) + "</p>")
    parts.append("<h2>" + e(translate("Trace", "Audit trail")) + "</h2>")
    parts.append(
        _table(
            [
                translate("Trace", "When"),
                translate("Trace", "Who"),
                translate("Trace", "Action"),
                translate("Trace", "Level"),
                translate("Trace", "Reason"),
            ],
            [
                [
                    e(_when(ev.at)),
                    e(f"{ev.actor} ({role_label(ev.role)})" if ev.actor else role_label(ev.role)),
                    e(action_label(ev.action)),
                    e(level_label(ev.to_level) if ev.to_level else ""),
                    e(event_note(ev.reason)),
                ]
                for ev in t.events
            ],
        )
    )
    style = (
        f"body {{ font-family: '{CJK_FONT}'; font-size: 9pt; }} h1 {{ font-size: 16pt; text-align: center; }}"
        " h2 { font-size: 12pt; margin-top: 12px; } th { background: #edf2f7; }"
    )
    return f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"


def write_pdf(t: Trace, out: Path) -> Path:
    """The trace as an A4 PDF at ``out`` (GUI thread: fonts are shared with painting)."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    try:
        doc = QTextDocument()
        doc.setDefaultFont(QFont(CJK_FONT, 9))
        writer = QPdfWriter(str(part))
        writer.setTitle(fill(translate("Trace", "Responsibility trace %1"), t.number))
        writer.setCreator("Concord")
        writer.setResolution(150)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(15, 15, 15, 15),
            )
        )
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.setHtml(trace_html(t))
        doc.print_(writer)
        del writer  # closes the file
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return out


class TraceDialog(QDialog):
    """The trace of one case, with "Export PDF…"."""

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        case_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Responsibility trace"))
        self.trace: Trace | None = None
        self.error = ""
        v = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setPlainText(self.tr("Loading…"))
        v.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(self.pdf_button)
        row.addWidget(close)
        v.addLayout(row)
        self.resize(1000, 640)
        now = utcnow()

        def read() -> Trace:
            with sessions() as s:
                return load_trace(s, actor, case_id, now)

        runner.submit(read, self._loaded, self._failed)

    def _loaded(self, trace: Trace) -> None:
        self.trace = trace
        self.view.setHtml(trace_html(trace))
        self.pdf_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.error = describe(exc)
        self.view.setPlainText(self.error)

    def export_pdf(self, path: str | None = None) -> Path | None:
        if self.trace is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export PDF"), f"责任倒查-{self.trace.number}.pdf", self.tr("PDF (*.pdf)")
            )
            if not path:
                return None
        try:
            return write_pdf(self.trace, Path(path))
        except OSError as exc:
            self.view.append(str(exc))
            return None
