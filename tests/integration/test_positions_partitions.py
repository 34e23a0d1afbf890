"""Position history by day: partitions on PostgreSQL (migration 0007), retention on both engines."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select, text

from db.migrate import alembic_config, current_revision, head_revision
from db.models import Position, Worker
from desktop.gateway.ingest import Fix, write_fixes
from desktop.live import retention

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.datetime.now(dt.UTC).date()


def _worker(engine: Engine) -> int:
    with engine.connect() as conn:
        wid = conn.execute(select(Worker.id).order_by(Worker.id).limit(1)).scalar()
    assert wid is not None
    return int(wid)


def _fixes(worker_id: int, days_ago: list[int]) -> list[Fix]:
    out = []
    for back in days_ago:
        when = dt.datetime.combine(TODAY - dt.timedelta(days=back), dt.time(10, 30), tzinfo=dt.UTC)
        for k in range(3):
            out.append(
                Fix(
                    worker_id=worker_id,
                    device_time=when + dt.timedelta(minutes=k),
                    received_at=dt.datetime.now(dt.UTC),
                    lat=36.7,
                    lon=119.9,
                )
            )
    return out


def _write(engine: Engine, fixes: list[Fix]) -> int:
    with engine.begin() as conn:
        return write_fixes(conn, fixes).stored


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Position)).scalar_one())


def _rows_by_partition(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT tableoid::regclass::text, count(*) FROM positions GROUP BY 1")).all()
    return {name: int(n) for name, n in rows}


def _days(engine: Engine) -> set[dt.date]:
    with engine.connect() as conn:
        stamps = conn.execute(select(Position.device_time)).scalars().all()
    return {s.date() for s in stamps}


def test_fixes_land_in_their_days_and_duplicates_stay_idempotent(demo_engine: Engine) -> None:
    worker = _worker(demo_engine)
    before = _count(demo_engine)
    fixes = _fixes(worker, [0, 1, 12])
    assert _write(demo_engine, fixes) == 9
    assert _write(demo_engine, fixes) == 0  # resent: nothing new
    assert _count(demo_engine) == before + 9
    if demo_engine.dialect.name != "postgresql":
        return
    with demo_engine.connect() as conn:
        assert retention.is_partitioned(conn)
    parts = _rows_by_partition(demo_engine)
    # Today's partition was made by the migration; 12 days ago had none: the DEFAULT caught it.
    assert parts[f"{retention.SCHEMA}.{retention.partition_name(TODAY)}"] >= 3
    assert parts.get(f"{retention.SCHEMA}.{retention.DEFAULT_PARTITION}", 0) >= 3
    made = retention.maintain_partitions(demo_engine)
    assert TODAY - dt.timedelta(days=12) in made
    parts = _rows_by_partition(demo_engine)
    assert f"{retention.SCHEMA}.{retention.DEFAULT_PARTITION}" not in parts  # moved out, none lost
    assert parts[f"{retention.SCHEMA}.{retention.partition_name(TODAY - dt.timedelta(days=12))}"] == 3
    assert _count(demo_engine) == before + 9
    # Still idempotent once the rows sit in their own partition.
    assert _write(demo_engine, fixes) == 0
    assert retention.maintain_partitions(demo_engine) == []  # nothing left to do


def test_retention_removes_only_old_days(demo_engine: Engine) -> None:
    worker = _worker(demo_engine)
    with demo_engine.begin() as conn:
        conn.execute(Position.__table__.delete())
    _write(demo_engine, _fixes(worker, [0, 2, 9, 10, 40]))
    retention.maintain_partitions(demo_engine)
    _write(demo_engine, _fixes(worker, [11]))  # into the DEFAULT partition on PostgreSQL
    result = retention.prune_positions(demo_engine, keep_days=10)
    assert result.cutoff == TODAY - dt.timedelta(days=9)
    assert _days(demo_engine) == {TODAY - dt.timedelta(days=n) for n in (0, 2, 9)}
    if demo_engine.dialect.name == "postgresql":
        names = {retention.partition_name(TODAY - dt.timedelta(days=n)) for n in (10, 40)}
        assert names <= set(result.dropped_partitions)
        assert result.deleted_rows == 3  # the day-11 rows the DEFAULT partition held
        with demo_engine.connect() as conn:
            kept = retention.day_partitions(conn)
        assert TODAY - dt.timedelta(days=9) in kept and TODAY - dt.timedelta(days=10) not in kept
    else:
        assert result.deleted_rows == 9
    # A second run finds nothing more to remove.
    again = retention.prune_positions(demo_engine, keep_days=10)
    assert again.dropped_partitions == [] and again.deleted_rows == 0


def test_migration_down_and_up_keeps_the_rows(demo_engine: Engine) -> None:
    worker = _worker(demo_engine)
    _write(demo_engine, _fixes(worker, [0, 3, 30]))
    before = _count(demo_engine)
    with demo_engine.connect() as conn:
        ids = sorted(conn.execute(select(Position.id)).scalars())
    cfg = alembic_config(demo_engine)
    command.downgrade(cfg, "0006")
    assert current_revision(demo_engine) == "0006"
    assert _count(demo_engine) == before
    with demo_engine.connect() as conn:
        assert not retention.is_partitioned(conn)
    # The id sequence survived the round trip: new rows get fresh ids.
    _write(demo_engine, _fixes(worker, [5]))
    command.upgrade(cfg, "head")
    assert current_revision(demo_engine) == head_revision()
    assert _count(demo_engine) == before + 3
    with demo_engine.connect() as conn:
        after_ids = sorted(conn.execute(select(Position.id)).scalars())
        if demo_engine.dialect.name == "postgresql":
            assert retention.is_partitioned(conn)
            have = retention.day_partitions(conn)
            assert {TODAY - dt.timedelta(days=n) for n in (0, 3, 5, 30)} <= set(have)
    assert set(ids) <= set(after_ids) and len(set(after_ids)) == len(after_ids)
    _write(demo_engine, _fixes(worker, [1]))
    assert _count(demo_engine) == before + 6


def test_keep_days_setting() -> None:
    assert retention.keep_days_setting({}) == retention.DEFAULT_KEEP_DAYS
    assert retention.keep_days_setting({retention.KEEP_DAYS_ENV: "30"}) == 30
    for bad in ("abc", "0"):
        with pytest.raises(retention.RetentionError):
            retention.keep_days_setting({retention.KEEP_DAYS_ENV: bad})


def test_prune_command(demo_url: str, demo_engine: Engine) -> None:
    worker = _worker(demo_engine)
    _write(demo_engine, _fixes(worker, [0, 50]))
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            demo_url,
            "db",
            "prune-positions",
            "--keep-days",
            "7",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = json.loads(done.stdout)
    assert out["keep_days"] == 7
    assert out["cutoff"] == (TODAY - dt.timedelta(days=6)).isoformat()
    assert min(_days(demo_engine)) >= TODAY - dt.timedelta(days=6)
    assert TODAY in _days(demo_engine)


def test_partitions_made_while_fixes_keep_arriving(demo_engine: Engine) -> None:
    """Maintenance moves the DEFAULT partition's rows while a writer keeps adding rows of those
    very days: nothing is lost and PostgreSQL never refuses the new partition."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("partitions are PostgreSQL only")
    import threading

    worker = _worker(demo_engine)
    before = _count(demo_engine)
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def write() -> None:
        n = 0
        while not stop.is_set() and n < 400:
            fixes = _fixes(worker, [20 + n % 6])
            for k, fix in enumerate(fixes):
                fix.device_time += dt.timedelta(seconds=n + k / 10)
            try:
                written.append(_write(demo_engine, fixes))
            except BaseException as exc:
                errors.append(exc)
                return
            n += 1

    thread = threading.Thread(target=write)
    thread.start()
    made: list[dt.date] = []
    try:
        for _ in range(6):
            made += retention.maintain_partitions(demo_engine)
    finally:
        stop.set()
        thread.join(60)
    made += retention.maintain_partitions(demo_engine)
    assert errors == []
    assert _count(demo_engine) == before + sum(written)
    assert made  # at least one day moved out of DEFAULT
    assert f"{retention.SCHEMA}.{retention.DEFAULT_PARTITION}" not in _rows_by_partition(demo_engine)


def test_the_gateway_login_makes_partitions_it_may_not_create_itself(
    demo_url: str, demo_engine: Engine
) -> None:
    """The gateway's login may insert positions but not create tables; the owner-rights functions
    of migration 0010 let it file a caught day into its own partition all the same."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("partitions exist on PostgreSQL only")
    import uuid

    from sqlalchemy.engine import make_url

    from db import roles
    from db.session import make_engine
    from desktop.users import add_user

    name, password = f"gw_part_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    add_user(demo_engine, name, name, "gateway", password=password)
    gateway = make_engine(
        make_url(demo_url).set(username=name, password=password).render_as_string(hide_password=False)
    )
    try:
        worker = _worker(demo_engine)
        fixes = _fixes(worker, [20])
        assert _write(gateway, fixes) == 3  # caught by the DEFAULT partition
        with gateway.begin() as conn, pytest.raises(Exception, match="permission denied"):
            conn.exec_driver_sql(
                f"CREATE TABLE {retention.SCHEMA}.p_mine PARTITION OF positions "
                "FOR VALUES FROM ('2001-01-01') TO ('2001-01-02')"
            )
        made = retention.maintain_partitions(gateway)
        assert TODAY - dt.timedelta(days=20) in made
        parts = _rows_by_partition(demo_engine)
        assert parts[f"{retention.SCHEMA}.{retention.partition_name(TODAY - dt.timedelta(days=20))}"] == 3
        assert f"{retention.SCHEMA}.{retention.DEFAULT_PARTITION}" not in parts
    finally:
        gateway.dispose()
        with demo_engine.begin() as conn:
            roles.drop_login(conn, name)
