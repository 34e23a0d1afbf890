"""Exports of what a user is looking at: the queue's current filter as CSV.

Rows are read page by page in the queue's own order and scope (desktop.cases.queue, so a town user
exports only their town, as on screen), written to ``OUT.part`` and renamed when complete: a
reader never sees half a file, and a cancelled or failed export leaves nothing behind. The
column titles and value labels come from the caller (the UI translates them).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desktop.cases import queue
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, QueueRow
from desktop.progress import Cancelled, Progress

PAGE = 2000

Column = tuple[str, Callable[[QueueRow], object]]


def iter_queue(
    session: Session, actor: Actor, flt: QueueFilter, *, now: dt.datetime, page: int = PAGE
) -> Iterator[QueueRow]:
    """Every row the queue shows for ``flt``, in its order (keyset pages of ``page`` rows)."""
    after: QueueRow | None = None
    while True:
        rows = queue.fetch_page(session, actor, flt, after=after, limit=page, now=now)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    # A cell starting with = + - @ is a formula to Excel: text typed by users must stay text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def export_queue_csv(
    sessions: sessionmaker[Session],
    actor: Actor,
    flt: QueueFilter,
    out: Path,
    columns: Sequence[Column],
    *,
    now: dt.datetime,
    progress: Progress | None = None,
) -> int:
    """Write the queue's rows for ``flt`` to ``out`` (UTF-8 with BOM, so Excel reads Chinese);
    returns the number of rows. Raises :class:`Cancelled` (nothing written) when cancelled."""
    progress = progress or Progress()
    out = Path(out)
    part = out.with_name(out.name + ".part")
    written = 0
    try:
        with sessions() as session, open(part, "w", encoding="utf-8-sig", newline="") as fh:
            total = queue.count_matching(session, actor, flt, now)
            progress.step(0, total)
            writer = csv.writer(fh)
            writer.writerow([title for title, _ in columns])
            for row in iter_queue(session, actor, flt, now=now):
                writer.writerow([_cell(get(row)) for _, get in columns])
                written += 1
                if written % 500 == 0:
                    progress.step(written, total)
            progress.step(written, total)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return written


__all__ = ["Cancelled", "Column", "export_queue_csv", "iter_queue"]
