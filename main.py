"""Concord: entry point and command line (see the README for the table of commands)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any


def _progress_printer(stage: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r{stage:<18} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_db(args: argparse.Namespace) -> int:
    from db import migrate
    from db.session import make_engine

    engine = make_engine(args.db)
    if args.db_command == "upgrade":
        migrate.upgrade(engine)
        print(f"schema at revision {migrate.current_revision(engine)}")
    elif args.db_command == "version":
        print(f"database: {migrate.current_revision(engine)}; program: {migrate.head_revision()}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.demo import build_demo

    _engine, sessions = open_database(args.db)
    summary = build_demo(
        sessions,
        seed=args.seed,
        cases=args.cases,
        logs=args.logs,
        progress=None if args.quiet else _progress_printer,
    )
    print(f"demo city built: {summary}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.stats import collect

    _engine, sessions = open_database(args.db)
    with sessions() as s:
        data = collect(s)
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:>24}: {value}")
    return 0


def cmd_workers(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.workers import list_workers

    _engine, sessions = open_database(args.db)
    with sessions() as s:
        rows = list_workers(s, town=args.town)
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']:>5} {r['name']:<6} {r['town']:<8} {r['grid']:<16} {r['device_id']}")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.cases import CaseService

    _engine, sessions = open_database(args.db)
    result = CaseService(sessions).sweep()
    print(f"escalated {len(result.escalated)} case(s); {result.skipped} already handled elsewhere")
    return 0


def _ui_env(lang: str | None) -> None:
    if lang:
        os.environ["CONCORD_LANG"] = lang
    # QtWebEngine's sandbox cannot start as root (offices and CI run us as root in containers).
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()


def cmd_run(args: argparse.Namespace) -> int:
    _ui_env(args.lang)
    from ui.app import run_app

    return run_app(args.db, user=args.user)


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _ui_env(args.lang)
    from ui.app import screenshot

    width, height = (int(v) for v in args.size.lower().split("x"))
    return screenshot(args.db, args.out, panel=args.panel, size=(width, height), user=args.user)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="concord", description="矛盾纠纷排查化解指挥中心 — Concord")
    p.add_argument(
        "--db", default=None, help="database URL (default: $CONCORD_DB_URL or the embedded SQLite)"
    )
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="open the control room (default)")
    run.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    run.add_argument("--user", default="dispatcher", help="embedded shape: which demo user to act as")
    run.set_defaults(func=cmd_run)

    db = sub.add_parser("db", help="schema management")
    db.add_argument("db_command", choices=["upgrade", "version"])
    db.set_defaults(func=cmd_db)

    demo = sub.add_parser("demo", help="build the deterministic demo city")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--cases", type=int, default=1700)
    demo.add_argument("--logs", type=int, default=14000)
    demo.add_argument("--quiet", action="store_true")
    demo.set_defaults(func=cmd_demo)

    stats = sub.add_parser("stats", help="counts and measures")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)

    workers = sub.add_parser("workers", help="grid workers with their last position")
    workers.add_argument("--json", action="store_true")
    workers.add_argument("--town", default=None, help="only this town (name or code)")
    workers.set_defaults(func=cmd_workers)

    sweep = sub.add_parser("sweep", help="one SLA escalation sweep")
    sweep.set_defaults(func=cmd_sweep)

    shot = sub.add_parser("screenshot", help="render the real window offscreen to a PNG")
    shot.add_argument("out")
    shot.add_argument("--panel", default="main")
    shot.add_argument("--size", default="1600x1000")
    shot.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    shot.add_argument("--user", default="dispatcher")
    shot.set_defaults(func=cmd_screenshot)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "run"])
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from db.session import DatabaseError
    from desktop.cases import CaseError

    try:
        code: int = args.func(args)
        return code
    except (DatabaseError, CaseError, ValueError) as exc:
        print(f"concord: error: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:
        # The driver's own first line says what went wrong (refused, wrong password, …).
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"concord: error: database: {reason}", file=sys.stderr)
        return 2
    except (ArgumentError, NoSuchModuleError) as exc:
        print(f"concord: error: bad database URL: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
