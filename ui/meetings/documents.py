"""The selected meeting's notice and minutes as documents (HTML built by ``desktop.meetings.documents``)
and saved as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.errors import Refusal
from desktop.meetings.documents import DocLabels, minutes_html, notice_html
from desktop.meetings.reads import MeetingDetail
from ui.errors import explain
from ui.meetings.host import MeetingsHost
from ui.meetings.labels import action_status_label, invitation_label
from ui.meetings.printing import write_pdf
from ui.refusals import describe
from ui.text import fill, literal


def doc_data(detail: MeetingDetail) -> dict[str, Any]:
    """The meeting as the plain data ``desktop.meetings.documents`` builds the documents from."""
    return {
        "title": detail.title,
        "starts_at": detail.starts_at,
        "ends_at": detail.ends_at,
        "room": detail.room,
        "video_link": detail.video_link,
        "convener": detail.convener,
        "participants": [{**p, "state_label": invitation_label(p["state"])} for p in detail.participants],
        "agenda": detail.agenda,
        "minutes": detail.minutes,
        "actions": [{**a, "status_label": action_status_label(a["status"])} for a in detail.actions],
    }


class MeetingDocuments(QObject):
    def __init__(self, host: MeetingsHost, widget: QWidget) -> None:
        super().__init__(widget)
        self._host = host
        self._widget = widget  # the dialogs' parent

    def doc_labels(self) -> DocLabels:
        return DocLabels(
            notice=self.tr("Meeting notice"),
            minutes=self.tr("Meeting minutes"),
            time=self.tr("Time"),
            place=self.tr("Place"),
            convener=self.tr("Convener"),
            participants=self.tr("Participants"),
            agenda=self.tr("Agenda"),
            case=self.tr("Case"),
            item=self.tr("Agenda item"),
            summary=self.tr("Summary"),
            general=self.tr("General minutes"),
            decisions=self.tr("Decisions and action items"),
            what=self.tr("What"),
            owner=self.tr("Owner"),
            due=self.tr("Due"),
            status=self.tr("Status"),
            whole_meeting=self.tr("Whole meeting"),
            list_sep=self.tr(", "),
        )

    def notice_html(self) -> str:
        detail = self._host.detail
        assert detail is not None
        return notice_html(doc_data(detail), self.doc_labels())

    def minutes_html(self) -> str:
        detail = self._host.detail
        assert detail is not None
        return minutes_html(doc_data(detail), self.doc_labels())

    def export_notice_pdf(self) -> None:
        detail = self._host.detail
        if detail is not None:
            self._export_pdf(self.tr("Export notice (PDF)"), f"notice-{detail.id}.pdf", self.notice_html())

    def export_minutes_pdf(self) -> None:
        detail = self._host.detail
        if detail is not None:
            self._export_pdf(self.tr("Export minutes (PDF)"), f"minutes-{detail.id}.pdf", self.minutes_html())

    def _export_pdf(self, caption: str, default_name: str, html: str) -> None:
        # Rendering stays on the GUI thread (QTextDocument lays text out with fonts); the meeting
        # was already read in the background, so this is a short, local job.
        path, _ = QFileDialog.getSaveFileName(self._widget, caption, default_name, self.tr("PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        detail = self._host.detail
        title = detail.title if detail is not None else ""
        try:
            write_pdf(html, path, title=title)
            if not Path(path).is_file() or Path(path).stat().st_size == 0:
                raise OSError(fill(self.tr("Could not write %1."), path))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            text = describe(exc) if isinstance(exc, Refusal) else explain(exc)
            self._host.show_notice(text, error=True)
            QMessageBox.warning(self._widget, self.tr("Meetings"), literal(text))
            return
        self._host.show_notice(fill(self.tr("Saved %1."), path))
