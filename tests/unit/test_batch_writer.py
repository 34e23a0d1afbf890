"""BatchWriter's hand-over from the event loop: everything submitted in one loop iteration
reaches the writer thread together, batches never exceed ``max_batch`` nor split a request's
fixes, and nothing submitted is lost on stop. The database is an in-memory SQLite engine and
the write function a recorder, so only the batching is under test."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Sequence

import pytest
from sqlalchemy import Connection, create_engine

from desktop.gateway.ingest import BatchWriter, Fix, Overloaded, WriteResult, WriterStopped

T0 = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


class Recorder:
    def __init__(self) -> None:
        self.batches: list[list[int]] = []  # the worker ids of each transaction's fixes
        self.lock = threading.Lock()

    def __call__(self, conn: Connection, fixes: Sequence[Fix]) -> WriteResult:
        with self.lock:
            self.batches.append([f.worker_id for f in fixes])
        return WriteResult(stored=len(fixes))


def _fixes(worker: int, n: int = 1) -> list[Fix]:
    return [
        Fix(worker_id=worker, device_time=T0 + dt.timedelta(seconds=i), received_at=T0, lat=1.0, lon=2.0)
        for i in range(n)
    ]


def _writer(recorder: Recorder, **kw: object) -> BatchWriter:
    return BatchWriter(create_engine("sqlite://"), write=recorder, **kw).start()  # type: ignore[arg-type]


def test_one_loop_iteration_is_one_transaction() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_delay=0.05)

    async def main() -> list[WriteResult]:
        futures = [writer.submit_async(_fixes(w)) for w in range(30)]  # no await in between
        return await asyncio.gather(*futures)

    results = asyncio.run(main())
    writer.stop()
    assert [r.stored for r in results] == [1] * 30
    assert recorder.batches == [list(range(30))]


def test_batches_keep_to_max_batch_and_never_split_a_request() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_batch=10, max_delay=0.05)

    async def main() -> None:
        futures = [writer.submit_async(_fixes(w, 3)) for w in range(7)]  # 21 fixes, 3 a request
        await asyncio.gather(*futures)

    asyncio.run(main())
    writer.stop()
    assert [len(b) for b in recorder.batches] == [9, 9, 3]
    assert [w for b in recorder.batches for w in b] == [w for w in range(7) for _ in range(3)]  # in order
    for batch in recorder.batches:
        assert all(batch.count(w) == 3 for w in set(batch))


def test_a_request_larger_than_max_batch_is_written_whole() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_batch=4, max_delay=0.0)

    async def main() -> None:
        await asyncio.gather(writer.submit_async(_fixes(1, 2)), writer.submit_async(_fixes(2, 7)))

    asyncio.run(main())
    writer.stop()
    assert recorder.batches == [[1, 1], [2] * 7]


def test_stop_writes_what_is_still_waiting_for_the_hand_over() -> None:
    recorder = Recorder()
    writer = _writer(recorder)

    async def main() -> None:
        for w in range(5):
            writer.submit_async(_fixes(w))
        writer.stop()  # before the loop ran its hand-over callback
        with pytest.raises(WriterStopped):
            writer.submit_async(_fixes(99))

    asyncio.run(main())
    assert sorted(w for b in recorder.batches for w in b) == list(range(5))
    assert writer.queued == 0


def test_overload_is_refused_and_queues_nothing() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_queued=5)

    async def main() -> None:
        kept = writer.submit_async(_fixes(1, 4))
        with pytest.raises(Overloaded):
            writer.submit_async(_fixes(2, 2))
        assert writer.queued == 4
        await kept

    asyncio.run(main())
    writer.stop()
    assert recorder.batches == [[1] * 4]


def test_thread_submissions_still_work_beside_the_loop() -> None:
    recorder = Recorder()
    writer = _writer(recorder)
    futures = [writer.submit(_fixes(w)) for w in range(3)]
    assert [f.result(10).stored for f in futures] == [1, 1, 1]
    writer.stop()
    assert sorted(w for b in recorder.batches for w in b) == [0, 1, 2]


def test_a_group_is_answered_once_with_an_outcome_per_request() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_batch=4, max_delay=0.0)
    got: list[list[BaseException | None]] = []

    async def main() -> None:
        done = asyncio.get_running_loop().create_future()

        def settled(outcomes: list[BaseException | None]) -> None:
            got.append(list(outcomes))
            done.set_result(None)

        # Seven requests of one fix, two of three: more than one batch, none split.
        writer.submit_group([_fixes(w, 3 if w in (2, 5) else 1) for w in range(7)], settled)
        await asyncio.wait_for(done, 10)

    asyncio.run(main())
    writer.stop()
    assert got == [[None] * 7]  # one call, after every request committed
    assert all(len(b) <= 4 or len(set(b)) == 1 for b in recorder.batches) and len(recorder.batches) >= 3
    assert [w for b in recorder.batches for w in b] == [
        w for w in range(7) for _ in range(3 if w in (2, 5) else 1)
    ]


def test_a_bad_request_in_a_group_fails_alone() -> None:
    """One request that cannot be stored: its batch is retried request by request, the others
    commit and only the bad one is reported failed."""

    def write(conn: Connection, fixes: Sequence[Fix]) -> WriteResult:
        if any(f.worker_id == 13 for f in fixes):
            raise ValueError("worker 13 does not exist")
        return WriteResult(stored=len(fixes))

    writer = BatchWriter(create_engine("sqlite://"), write=write, max_delay=0.05).start()
    got: list[list[BaseException | None]] = []

    async def main() -> None:
        done = asyncio.get_running_loop().create_future()
        writer.submit_group(
            [_fixes(12), _fixes(13), _fixes(14)], lambda o: (got.append(o), done.set_result(None))
        )
        await asyncio.wait_for(done, 10)

    asyncio.run(main())
    writer.stop()
    (outcomes,) = got
    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], ValueError)
    assert writer.stats.failures == 1 and writer.queued == 0


def test_a_group_over_the_queue_limit_is_refused_whole() -> None:
    recorder = Recorder()
    writer = _writer(recorder, max_queued=3)

    async def main() -> None:
        with pytest.raises(Overloaded):
            writer.submit_group([_fixes(1, 2), _fixes(2, 2)], lambda o: None)
        assert writer.queued == 0
        writer.stop()
        with pytest.raises(WriterStopped):
            writer.submit_group([_fixes(3)], lambda o: None)

    asyncio.run(main())
    assert recorder.batches == []
