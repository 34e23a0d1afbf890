"""``worker_latest.seq`` from concurrent writers (two gateways' batch writers on their own
connections): a reader polling ``seq > last`` never misses a committed update."""

from __future__ import annotations

import datetime as dt
import random
import threading

from sqlalchemy import Engine, select

from db.models import Worker, WorkerLatest
from db.session import make_engine, make_sessionmaker
from desktop.gateway.ingest import BatchWriter, Fix

T0 = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def test_reader_polling_seq_sees_every_final_position(demo_url: str, demo_engine: Engine) -> None:
    with make_sessionmaker(demo_engine)() as s:
        worker_ids = [int(w) for w in s.scalars(select(Worker.id).order_by(Worker.id).limit(60))]
    engines = [make_engine(demo_url), make_engine(demo_url)]
    writers = [BatchWriter(e, max_batch=20, max_delay=0.002).start() for e in engines]
    seen: dict[int, tuple[int, dt.datetime]] = {}
    stop = threading.Event()
    last = [0]

    def poll() -> None:
        with make_sessionmaker(demo_engine)() as s:
            rows = s.execute(
                select(WorkerLatest.worker_id, WorkerLatest.seq, WorkerLatest.device_time)
                .where(WorkerLatest.seq > last[0])
                .order_by(WorkerLatest.seq)
            ).all()
        for wid, seq, when in rows:
            seen[int(wid)] = (int(seq), when)
            last[0] = max(last[0], int(seq))

    def reader() -> None:
        while not stop.is_set():
            poll()

    def producer(writer: BatchWriter, seed: int) -> None:
        rng = random.Random(seed)
        futures = []
        for i in range(400):
            wid = rng.choice(worker_ids)
            when = T0 + dt.timedelta(seconds=rng.randrange(0, 100_000), microseconds=seed)
            fix = Fix(worker_id=wid, device_time=when, received_at=T0, lat=36.7 + i * 1e-6, lon=119.9)
            futures.append(writer.submit([fix]))
        for f in futures:
            f.result(30)

    watcher = threading.Thread(target=reader)
    watcher.start()
    producers = [threading.Thread(target=producer, args=(w, n)) for n, w in enumerate(writers, start=1)]
    for p in producers:
        p.start()
    for p in producers:
        p.join()
    stop.set()
    watcher.join()
    poll()  # once more after everything committed
    for w in writers:
        w.stop()
    for e in engines:
        e.dispose()
    with make_sessionmaker(demo_engine)() as s:
        final = {
            int(w): (int(q), t)
            for w, q, t in s.execute(
                select(WorkerLatest.worker_id, WorkerLatest.seq, WorkerLatest.device_time)
            )
        }
    assert seen == final
    seqs = [q for q, _ in final.values()]
    assert len(set(seqs)) == len(seqs)  # every update got its own number


def test_old_idempotency_keys_are_purged(engine: Engine) -> None:
    from db.models import IdempotencyKey
    from desktop.gateway.ingest import purge_idempotency_keys

    sessions = make_sessionmaker(engine)
    with sessions.begin() as s:
        for days, key in ((10, "old"), (1, "new")):
            s.add(IdempotencyKey(device_id="d", key=key, request_hash="h", status=201, response={},
                                 created_at=T0 - dt.timedelta(days=days)))  # fmt: skip
    assert purge_idempotency_keys(sessions, T0 - dt.timedelta(days=7)) == 1
    with sessions() as s:
        assert [k.key for k in s.scalars(select(IdempotencyKey))] == ["new"]
