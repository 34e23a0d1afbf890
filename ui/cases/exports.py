"""Files the user takes away: the queue's current filter as CSV, with a progress bar and cancel.

``run_with_progress`` is the one way long work with a progress dialog runs (the briefings use
it too): the work is a plain function of a desktop.progress.Progress, run by the window's
TaskRunner; the dialog's Cancel stops it at its next step and nothing is left on disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.cases.export import Column, export_queue_csv
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, QueueRow
from desktop.clock import to_local, utcnow
from desktop.progress import Cancelled, Progress
from desktop.store import SessionFactory
from ui.errors import first_line
from ui.labels import category_label, kind_label, level_label, severity_label, status_label
from ui.tasks import TaskRunner
from ui.text import fill, literal

translate = QCoreApplication.translate


def _time(value: dt.datetime | None) -> str:
    return f"{to_local(value):%Y-%m-%d %H:%M}" if value is not None else ""


def queue_csv_columns() -> list[Column]:
    """The queue's columns, titled and labelled in the user's language, plus what a spreadsheet
    needs that the screen shows another way (deadline as a date, coordinates)."""

    def get(name: str) -> Callable[[QueueRow], object]:
        return lambda row: getattr(row, name)

    return [
        (translate("QueueExport", "Number"), get("number")),
        (translate("QueueExport", "Title"), get("title")),
        (translate("QueueExport", "Town"), get("town")),
        (translate("QueueExport", "Village"), get("village")),
        (translate("QueueExport", "Kind"), lambda r: kind_label(r.kind)),
        (translate("QueueExport", "Category"), lambda r: category_label(r.category)),
        (translate("QueueExport", "Severity"), lambda r: severity_label(r.severity)),
        (translate("QueueExport", "Level"), lambda r: level_label(r.level)),
        (translate("QueueExport", "Status"), lambda r: status_label(r.status)),
        (translate("QueueExport", "Deadline"), lambda r: _time(r.sla_due_at)),
        (translate("QueueExport", "Assignee"), get("assignee")),
        (translate("QueueExport", "Updated"), lambda r: _time(r.updated_at)),
        (
            translate("QueueExport", "Mass incident risk"),
            lambda r: translate("QueueExport", "yes") if r.mass_incident else "",
        ),
        (translate("QueueExport", "Latitude"), get("lat")),
        (translate("QueueExport", "Longitude"), get("lon")),
    ]


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_stopped: Callable[[], None] | None = None,
) -> QProgressDialog:
    """Run ``work`` in the background behind a modal progress dialog with Cancel. ``on_done`` gets
    the result; a failure is shown in a message box, a cancel closes the dialog quietly; either
    way ``on_stopped`` is called."""
    dialog = QProgressDialog(title, translate("Exports", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    # Not modal: a modal QProgressDialog runs the event loop inside setValue(), so the work's own
    # "done" could be handled (and the dialog closed) in the middle of a progress step.
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def stepped(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if label:
            dialog.setLabelText(label)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(exc: Exception) -> None:
        dialog.close()
        if on_stopped is not None:
            on_stopped()
        if isinstance(exc, Cancelled):
            return
        QMessageBox.warning(
            parent,
            title,
            literal(fill(translate("Exports", "The file was not written: %1"), first_line(exc))),
        )

    progress = runner.submit_with_progress(work, stepped, finished, failed)
    # A lambda, not the bound method: PySide holds a bound method of a plain object weakly and
    # disconnects it where the object dies — in the worker thread, when the finished job lets go
    # of it — which deadlocked against the GUI thread closing this dialog. The lambda keeps the
    # Progress alive here until the dialog goes.
    dialog.canceled.connect(lambda: progress.cancel())
    dialog.show()
    return dialog


def default_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )


def export_queue(
    parent: QWidget,
    runner: TaskRunner,
    sessions: SessionFactory,
    actor: Actor,
    flt: QueueFilter,
    path: str | None = None,
    on_written: Callable[[Path, int], None] | None = None,
) -> QProgressDialog | None:
    """Ask where (unless ``path`` is given), then write the queue's rows for ``flt`` as CSV."""
    title = translate("Exports", "Export the queue (CSV)")
    if path is None:
        suggested = str(Path(default_folder()) / f"工单-{to_local(utcnow()):%Y%m%d-%H%M}.csv")
        path, _ = QFileDialog.getSaveFileName(
            parent, title, suggested, translate("Exports", "CSV files (*.csv)")
        )
        if not path:
            return None
    out = Path(path) if Path(path).suffix.lower() == ".csv" else Path(path + ".csv")
    columns = queue_csv_columns()
    now = utcnow()

    def work(progress: Progress) -> int:
        return export_queue_csv(sessions, actor, flt, out, columns, now=now, progress=progress)

    def done(count: int) -> None:
        if on_written is not None:
            on_written(out, count)

    return run_with_progress(parent, runner, title, work, done)


__all__ = ["default_folder", "export_queue", "queue_csv_columns", "run_with_progress"]
