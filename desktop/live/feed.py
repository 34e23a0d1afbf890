"""The change feed (transactional outbox): writing rows, and reading them without skipping gaps.

Writers append a ``changes`` row in the same transaction as the change itself; on PostgreSQL one
NOTIFY per transaction (payload: the id only) wakes listeners at once, SQLite readers poll.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from db.models import Change

CHANNEL = "concord_changes"


def record_change(
    session: Session, entity: str, entity_id: int, op: str, town_id: int | None, at: dt.datetime
) -> int:
    """Append one change row; on PostgreSQL also queue the wake-up NOTIFY (sent at commit)."""
    change_id = session.execute(
        insert(Change)
        .values(at=at, entity=entity, entity_id=entity_id, op=op, town_id=town_id)
        .returning(Change.id)
    ).scalar_one()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:ch, :payload)"), {"ch": CHANNEL, "payload": str(change_id)})
    return int(change_id)


@dataclass(frozen=True)
class ChangeRow:
    id: int
    entity: str
    entity_id: int
    op: str
    town_id: int | None


@dataclass
class FeedReader:
    """Reads ``changes`` in id order without losing rows that commit out of order.

    Ids are handed out at insert time but rows become visible at commit, so id 12 can appear
    after id 13 was read. Missing ids below the newest seen are kept as open gaps and re-checked
    for ``gap_timeout`` seconds before they are given up as rolled back.
    """

    last_id: int = 0
    gap_timeout: float = 5.0
    clock: Callable[[], float] = time.monotonic
    gaps: dict[int, float] = field(default_factory=dict)

    def start_at_end(self, session: Session) -> None:
        newest = session.execute(select(Change.id).order_by(Change.id.desc()).limit(1)).scalar()
        self.last_id = int(newest or 0)
        self.gaps.clear()

    def poll(self, session: Session, limit: int = 5000) -> list[ChangeRow]:
        rows: list[ChangeRow] = []
        now = self.clock()
        if self.gaps:
            found = session.execute(
                select(Change.id, Change.entity, Change.entity_id, Change.op, Change.town_id).where(
                    Change.id.in_(list(self.gaps))
                )
            ).all()
            for r in found:
                self.gaps.pop(int(r.id), None)
                rows.append(ChangeRow(int(r.id), r.entity, int(r.entity_id), r.op, r.town_id))
            for gap_id, first_seen in list(self.gaps.items()):
                if now - first_seen > self.gap_timeout:
                    del self.gaps[gap_id]
        fresh: Sequence[ChangeRow] = [
            ChangeRow(int(r.id), r.entity, int(r.entity_id), r.op, r.town_id)
            for r in session.execute(
                select(Change.id, Change.entity, Change.entity_id, Change.op, Change.town_id)
                .where(Change.id > self.last_id)
                .order_by(Change.id)
                .limit(limit)
            ).all()
        ]
        expected = self.last_id + 1
        for row in fresh:
            for missing in range(expected, row.id):
                self.gaps.setdefault(missing, now)
            expected = row.id + 1
            self.last_id = row.id
        rows.extend(fresh)
        rows.sort(key=lambda r: r.id)
        return rows
