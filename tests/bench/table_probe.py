"""The worker list's refresh on the GUI thread: 500 rows into the dock's table, as every 30 s.

    python -m tests.bench.table_probe [--rows N] [--runs K]

Prints one JSON line: ``value`` (median ms of a refresh that replaces every row, through
WorkersPane._show), ``baseline`` (median ms of filling the same cells into a plain QTableWidget
whose columns are not sized to their contents: the cost of making the items at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

from desktop.live.worker_list import WorkerList, WorkerRow


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication([])
    from ui.live.workers_pane import WorkersPane
    from ui.tasks import TaskRunner

    now = dt.datetime.now(dt.UTC)
    statuses = ("online", "stale", "offline")
    rows = [
        WorkerRow(
            i,
            f"王{i}某",
            "13800000000",
            "平度镇",
            f"第{i}网格",
            "一队",
            statuses[i % 3],
            now,
            50.0 + i % 50,
            36.8,
            119.9,
        )
        for i in range(args.rows)
    ]
    found = WorkerList(rows, len(rows), {s: len(rows) // 3 for s in statuses})
    pane = WorkersPane(None, None, TaskRunner())  # type: ignore[arg-type]  # _show reads nothing
    pane.resize(420, 800)
    pane.show()
    app.processEvents()
    pane._show(found, now)  # the first fill; the refreshes below replace its rows
    app.processEvents()
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        pane._show(found, now)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)

    plain = QTableWidget(0, 6)
    plain.resize(420, 800)
    plain.show()
    base = []
    for _ in range(args.runs):
        t = time.perf_counter()
        plain.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(
                (row.status, row.name, "1 分钟前", f"{row.town} · {row.grid}", "50%", row.phone)
            ):
                plain.setItem(r, c, QTableWidgetItem(text))
        app.processEvents()
        base.append((time.perf_counter() - t) * 1000)
    print(
        json.dumps(
            {
                "value": round(statistics.median(times), 1),
                "baseline": round(statistics.median(base), 1),
                "rows": args.rows,
                "runs": args.runs,
            }
        )
    )


if __name__ == "__main__":
    main()
