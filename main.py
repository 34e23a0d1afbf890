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

    if args.db_command == "init-server":
        from db.roles import init_server

        if not args.admin_url:
            raise ValueError("db init-server needs --admin-url postgresql://postgres@HOST/postgres")
        password = sys.stdin.readline().rstrip("\n") if args.owner_password_stdin else None
        init_server(args.admin_url, args.database, args.owner, password)
        return 0
    engine = make_engine(args.db)
    if args.db_command == "upgrade":
        migrate.upgrade(engine)
        print(f"schema at revision {migrate.current_revision(engine)}")
    elif args.db_command == "version":
        print(f"database: {migrate.current_revision(engine)}; program: {migrate.head_revision()}")
    elif args.db_command == "prune-positions":
        from desktop.live import retention

        try:
            keep = args.keep_days if args.keep_days is not None else retention.keep_days_setting()
            made = retention.maintain_partitions(engine)
            result = retention.prune_positions(engine, keep)
        except retention.RetentionError as exc:
            from ui.import_reports import refusal_text, use_language

            use_language(None)  # CONCORD_LANG, else Chinese
            print(f"concord: error: {refusal_text(exc)}", file=sys.stderr)
            return 2
        _print_json({"keep_days": keep, **result.as_dict(), "partitions_made": [d.isoformat() for d in made]})
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from db.session import make_engine
    from desktop import users

    args.name = args.name or args.name_arg
    engine = make_engine(args.db)
    try:
        if args.users_command == "list":
            rows = users.list_users(engine)
            if args.json:
                from ui.import_reports import use_language
                from ui.labels import role_label

                use_language(None)  # the role's label in CONCORD_LANG, else Chinese
                _print_json([{**r, "role_label": role_label(str(r["role"]))} for r in rows])
            else:
                for r in rows:
                    unit = r["town"] or r["department"] or "-"
                    state = "active" if r["active"] else "disabled"
                    print(f"{r['username']:<20} {r['role']:<17} {unit:<12} {state:<8} {r['display_name']}")
            return 0
        if not args.name:
            raise ValueError(f"users {args.users_command} needs a user name")
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
        if args.users_command == "disable":
            changed = users.disable_user(engine, args.name)
            print(f"user {args.name} disabled" if changed else f"user {args.name} was already disabled")
            return 0
        if args.users_command == "enable":
            users.enable_user(engine, args.name, password)
            print(f"user {args.name} enabled")
            return 0
        if not args.role:
            raise ValueError("users add needs --role")
        row = users.add_user(
            engine,
            args.name,
            args.display_name or args.name,
            args.role,
            town_id=args.town,
            department_id=args.department,
            password=password,
        )
        if args.json:
            _print_json(row)
        else:
            print(f"user {row['username']} added ({row['role']})")
        return 0
    finally:
        engine.dispose()


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.seed.demo import build_demo

    _engine, sessions = open_database(args.db)
    summary = build_demo(
        sessions,
        seed=args.seed,
        cases=args.cases,
        logs=args.logs,
        progress=None if args.quiet else _progress_printer,
    )
    print(f"demo city built: {summary}")
    from desktop.clock import utcnow
    from desktop.seed.meetings import build_demo_meetings

    meetings = build_demo_meetings(sessions, utcnow())
    if meetings is not None:
        print(f"demo meetings: {meetings}")
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
    from desktop.live.workers import list_workers

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
    from desktop.cases.service import CaseService
    from desktop.meetings.supervision import ReminderResult

    _engine, sessions = open_database(args.db)
    result = CaseService(sessions).sweep()
    # The same sweep records the supervision orders' reminders; an operator (or a cron job's
    # log) must see those too, not only the SLA escalations.
    reminders = result.reminders if isinstance(result.reminders, ReminderResult) else ReminderResult()
    if args.json:
        _print_json(
            {
                "escalated": result.escalated,
                "skipped": result.skipped,
                "reminders": [n.as_dict() for n in reminders.notices],
                "reminders_skipped": reminders.skipped,
            }
        )
        return 0
    print(f"escalated {len(result.escalated)} case(s); {result.skipped} already handled elsewhere")
    print(
        f"recorded {len(reminders.notices)} supervision reminder(s); "
        f"{reminders.skipped} already recorded elsewhere"
    )
    for n in reminders.notices:
        where = f"case {n.case_number} supervision #{n.order_id}"
        if n.recipient_kind == "issuer":
            print(f"  {where}: overdue, escalated to the issuer {n.recipient or '(unnamed)'}")
        else:
            print(f"  {where}: {n.stage} reminder to {n.recipient or '(unknown unit)'}")
    return 0


def cmd_gateway(args: argparse.Namespace) -> int:
    from desktop.gateway.filters import parse_modes
    from desktop.gateway.server import GatewayConfig, parse_processes, run_gateway

    config = GatewayConfig.from_env(
        host=args.host,
        port=args.port,
        max_batch=args.batch,
        flush_ms=args.flush_ms,
        rate_per_s=args.rate,
        processes=parse_processes(args.processes) if args.processes is not None else None,
        require_device_secret=args.require_device_secret,
    )
    if args.filter:
        from dataclasses import replace

        config = replace(config, filters=replace(config.filters, modes=parse_modes(args.filter)))
    sweeper = _start_gateway_sweeper(args.db) if args.sweep else None
    try:
        return run_gateway(args.db, config)
    finally:
        if sweeper is not None:
            sweeper.stop()


def _start_gateway_sweeper(url: str | None) -> Any:
    """The gateway host sweeps (SLA escalations, supervision reminders) unless told not to.

    Started here, in the process that stays the parent: with ``--processes N`` the gateway
    processes are forked from it, and a fork copies only the calling thread, so exactly one
    process sweeps (desktop.sweeper holds a fork until no sweep is in progress).
    """
    from desktop.bootstrap import open_database
    from desktop.sweeper import Sweeper, interval_setting

    interval = interval_setting()
    if interval <= 0:
        return None
    # Opened (and migrated when needed) before the gateway opens it too: the sweeper's first sweep
    # must not meet a schema older than the program.
    engine, _sessions = open_database(url)
    sweeper = Sweeper.for_engine(engine, interval)
    sweeper.start()
    return sweeper


def cmd_simulate(args: argparse.Namespace) -> int:
    from desktop.gateway.simulator import SimulatorConfig, run_simulation

    config = SimulatorConfig(
        workers=args.workers,
        duration_s=args.duration,
        speedup=args.speedup,
        interval_s=args.interval,
        seed=args.seed,
    )
    summary = run_simulation(args.db, args.gateway, config, embedded=args.embedded)
    _print_json(summary)
    return 0 if summary.get("errors", 0) == 0 else 1


def cmd_devices(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.gateway import devices

    _engine, sessions = open_database(args.db)
    if args.devices_command == "list":
        with sessions() as s:
            rows = devices.list_devices(s)
        if args.json:
            _print_json(rows)
        else:
            for r in rows:
                state = "revoked" if r["revoked_at"] else ("token" if r["token"] else "no token")
                print(f"{r['device_id']:<20} {r['worker_id']:>5} {r['worker']:<8} {state}")
        return 0
    if not args.id:
        raise ValueError(f"devices {args.devices_command} needs a device id")
    if args.devices_command == "position-id":
        return devices.cli_position_id(sessions, args.id)
    with sessions.begin() as s:
        if args.devices_command == "issue":
            token = devices.issue_token(s, args.id)
            print(token)
            print(f"token issued for device {args.id}; it is shown only once", file=sys.stderr)
        else:
            changed = devices.revoke(s, args.id, reason=args.reason)
            print(f"device {args.id} revoked" if changed else f"device {args.id} was already revoked")
    return 0


def _parse_day(value: str | None, end: bool = False) -> Any:
    """A YYYY-MM-DD (China date) or ISO datetime as aware UTC; an end date includes its day."""
    import datetime as dt

    from desktop.clock import CHINA_TZ

    if value is None:
        return None
    if len(value) == 10:
        day = dt.date.fromisoformat(value) + dt.timedelta(days=1 if end else 0)
        return dt.datetime.combine(day, dt.time(), tzinfo=CHINA_TZ).astimezone(dt.UTC)
    stamp = dt.datetime.fromisoformat(value)
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=CHINA_TZ)).astimezone(dt.UTC)


def cmd_meetings(args: argparse.Namespace) -> int:
    from desktop.bootstrap import open_database
    from desktop.clock import to_local, utcnow
    from desktop.meetings.service import export_ics, meetings_between, upcoming

    _engine, sessions = open_database(args.db)
    if args.meetings_command == "export":
        if not args.ics:
            raise ValueError("meetings export needs --ics OUT.ics")
        with sessions() as s:
            rows = meetings_between(s, _parse_day(args.date_from), _parse_day(args.date_to, end=True))
        with open(args.ics, "wb") as fh:
            fh.write(export_ics(rows))
        print(f"{len(rows)} meeting(s) written to {args.ics}")
        return 0
    with sessions() as s:
        rows = upcoming(s, utcnow())
    if args.json:
        _print_json(rows)
    else:
        import datetime as dt

        for r in rows:
            start = to_local(dt.datetime.fromisoformat(r["starts_at"]))
            print(
                f"{r['id']:>5} {start:%Y-%m-%d %H:%M} {r['status']:<10} {r['room'] or r['video_link'] or '-'} {r['title']}"
            )
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
    from desktop.sweeper import interval_setting

    interval_setting()  # a bad CONCORD_SWEEP_INTERVAL_S is refused here, before any window opens
    _ui_env(args.lang)
    from ui.app import run_app

    return run_app(
        args.db,
        user=args.user,
        lang=args.lang,
        smoke_seconds=args.smoke_seconds,
        simulate=args.simulate,
        login=args.login,
        profile=args.profile,
        sweep=args.sweep,
    )


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _ui_env(args.lang)
    from ui.app import screenshot

    width, height = (int(v) for v in args.size.lower().split("x"))
    return screenshot(
        args.db, args.out, panel=args.panel, size=(width, height), user=args.user, strict=args.strict
    )


def cmd_briefing(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _ui_env(args.lang)
    if (args.date_from is None) != (args.date_to is None):
        raise ValueError("briefing: give both --from and --to, or neither (then --period)")
    from ui.briefing import run_cli

    return run_cli(
        args.db,
        args.out,
        kind=None if args.date_from else args.period,
        start=_parse_day(args.date_from),
        end=_parse_day(args.date_to, end=True),
        user=args.user,
        lang=args.lang,
    )


def cmd_import_city(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop import cityimport
    from desktop.bootstrap import open_database

    sources = [cityimport.parse_source(spec) for spec in (args.boundaries or [])]
    sources += [cityimport.parse_source(spec) for spec in (args.roster or [])]
    if not sources:
        raise ValueError("import-city: give --boundaries and/or --roster files")
    _engine, sessions = open_database(args.db)
    with sessions() as s:
        actor = cityimport.actor_for(s, args.user)
    options = cityimport.ImportOptions(
        code_field=args.code_field,
        name_field=args.name_field,
        parent_field=args.parent_field,
        deactivate_missing=args.deactivate_missing,
        city_name=args.city_name,
        city_code=args.city_code,
    )
    report = cityimport.run_import(
        sessions, [(k, Path(p)) for k, p in sources], options=options, dry_run=args.dry_run, actor=actor
    )
    if args.json:
        _print_json(report.as_dict())
    else:
        from ui.import_reports import city_import_text, use_language

        use_language(None)  # CONCORD_LANG, else Chinese
        print(city_import_text(report))
    return 0 if report.ok else 2


def cmd_petitions(args: argparse.Namespace) -> int:
    """Petition records (信访件) in and out as CSV or JSON; a bad import stores nothing."""
    from pathlib import Path

    from desktop import petitions
    from desktop.bootstrap import open_database
    from desktop.cases.service import actor_for
    from desktop.clock import utcnow
    from desktop.users import current_user

    engine, sessions = open_database(args.db)
    me = current_user(engine)
    with sessions() as s:
        actor = actor_for(s, args.user or (me.username if me is not None else "dispatcher"))
    from ui.import_reports import petition_import_text, refusal_text, use_language

    use_language(None)  # CONCORD_LANG, else Chinese
    try:
        fmt = petitions.format_of(args.file)
    except petitions.PetitionError as exc:
        print(f"concord: error: {refusal_text(exc)}", file=sys.stderr)
        return 2
    if args.petitions_command == "export":
        n = petitions.export_file(sessions, actor, None, Path(args.file), fmt)
        print(f"{n} petition(s) written to {args.file}")
        return 0
    try:
        report = petitions.import_file(
            sessions,
            actor,
            Path(args.file).read_bytes(),
            fmt,
            now=utcnow(),
            dry_run=args.dry_run,
            valid_only=args.valid_only,
        )
    except petitions.PetitionError as exc:
        print(f"concord: error: {refusal_text(exc)}", file=sys.stderr)
        return 2
    print(petition_import_text(report))
    return 0 if report.file_error is None and not report.bad else 2


def build_parser() -> argparse.ArgumentParser:
    from desktop.version import version

    p = argparse.ArgumentParser(prog="concord", description="矛盾纠纷排查化解指挥中心 — Concord")
    p.add_argument("--version", action="version", version=f"concord {version()}")
    p.add_argument(
        "--db", default=None, help="database URL (default: $CONCORD_DB_URL or the embedded SQLite)"
    )
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="open the control room (default)")
    run.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    run.add_argument("--user", default="dispatcher", help="embedded shape: which demo user to act as")
    run.add_argument(
        "--login",
        action="store_true",
        help="log in to a central PostgreSQL server (server profile, user, password)",
    )
    run.add_argument("--profile", default=None, help="log in with this saved server profile")
    run.add_argument("--smoke-seconds", type=float, default=0, help=argparse.SUPPRESS)
    run.add_argument(
        "--simulate",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="phones patrol and report through an in-process gateway (default: on for the embedded demo)",
    )
    run.add_argument(
        "--sweep",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="SLA escalation and supervision reminder sweeps every $CONCORD_SWEEP_INTERVAL_S "
        "seconds (default: on for the embedded database and for dispatchers and admins)",
    )
    run.set_defaults(func=cmd_run)

    db = sub.add_parser("db", help="schema management")
    db.add_argument("db_command", choices=["upgrade", "version", "prune-positions", "init-server"])
    db.add_argument(
        "--keep-days",
        type=int,
        default=None,
        help="prune-positions: keep this many UTC days of position history "
        "(default: $CONCORD_POSITIONS_KEEP_DAYS or 180)",
    )
    db.set_defaults(func=cmd_db)
    db.add_argument(
        "--admin-url",
        default=None,
        help="init-server: a superuser's URL (postgresql://postgres@HOST/postgres)",
    )
    db.add_argument("--database", default="concord", help="init-server: the database to create (concord)")
    db.add_argument("--owner", default="concord_owner", help="init-server: the role owning the schema")
    db.add_argument(
        "--owner-password-stdin",
        action="store_true",
        help="init-server: make the owner a login (password on stdin)",
    )

    users = sub.add_parser("users", help="desktop users and their PostgreSQL logins")
    users.add_argument("users_command", choices=["add", "disable", "enable", "list"])
    users.add_argument("name_arg", nargs="?", default=None, metavar="NAME", help="disable/enable: the user")
    users.add_argument("--name", default=None, help="add: login name (lowercase letters, digits, _)")
    users.add_argument(
        "--role",
        default=None,
        choices=["dispatcher", "leader", "town_staff", "department_staff", "admin", "auditor", "gateway"],
    )
    users.add_argument("--town", default=None, help="town_staff: the town (id, code or name)")
    users.add_argument(
        "--department", default=None, help="department_staff: the department (id, code or name)"
    )
    users.add_argument("--display-name", default=None)
    users.add_argument("--password-stdin", action="store_true", help="read the login's password from stdin")
    users.add_argument("--json", action="store_true")
    users.set_defaults(func=cmd_users)

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

    sweep = sub.add_parser("sweep", help="one SLA escalation and supervision reminder sweep")
    sweep.add_argument("--json", action="store_true")
    sweep.set_defaults(func=cmd_sweep)

    gateway = sub.add_parser("gateway", help="the field gateway (positions and reports from phones)")
    gateway.add_argument("--host", default=None, help="address to listen on (default 0.0.0.0)")
    gateway.add_argument("--port", type=int, default=None, help="port (default 5055; 0 picks a free one)")
    gateway.add_argument("--batch", type=int, default=None, help="most fixes per transaction (500)")
    gateway.add_argument(
        "--flush-ms", type=float, default=None, help="longest wait for more fixes before a write (5)"
    )
    gateway.add_argument("--rate", type=float, default=None, help="requests/s per device (10; 0: no limit)")
    gateway.add_argument(
        "--processes",
        default=None,
        help="gateway processes sharing the port: a number or 'auto' (one per core); default 1",
    )
    gateway.add_argument(
        "--filter",
        action="append",
        default=[],
        help="NAME=reject|flag|off, e.g. accuracy=reject (repeatable)",
    )
    gateway.add_argument(
        "--sweep",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="SLA escalation and supervision reminder sweeps every $CONCORD_SWEEP_INTERVAL_S "
        "seconds (60; 0 or --no-sweep: off, e.g. when cron runs `sweep`)",
    )
    gateway.add_argument(
        "--require-device-secret",
        action="store_true",
        default=None,
        help="take positions only from secret device ids (devices position-id); "
        "CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET=1",
    )
    gateway.set_defaults(func=cmd_gateway)

    simulate = sub.add_parser("simulate", help="phones that patrol, report and move")
    simulate.add_argument("--gateway", default=None, help="gateway URL (default http://127.0.0.1:5055)")
    simulate.add_argument("--embedded", action="store_true", help="start a gateway in this process")
    simulate.add_argument("--workers", type=int, default=50)
    simulate.add_argument(
        "--duration", type=float, default=60.0, help="seconds of real time (0: until Ctrl+C)"
    )
    simulate.add_argument("--speedup", type=float, default=1.0, help="simulated seconds per real second")
    simulate.add_argument("--interval", type=float, default=5.0, help="simulated seconds between fixes")
    simulate.add_argument("--seed", type=int, default=None)
    simulate.set_defaults(func=cmd_simulate)

    brief = sub.add_parser("briefing", help="the analysis briefing (研判简报) as PDF and/or XLSX")
    brief.add_argument("--period", choices=["week", "half_month"], default="week", help="the last whole one")
    brief.add_argument("--from", dest="date_from", default=None, help="first day, YYYY-MM-DD (with --to)")
    brief.add_argument("--to", dest="date_to", default=None, help="last day, YYYY-MM-DD (included)")
    brief.add_argument("--out", action="append", required=True, help="FILE.pdf or FILE.xlsx (repeatable)")
    brief.add_argument(
        "--user", default=None, help="act as this user (default: the login's own, else dispatcher)"
    )
    brief.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    brief.set_defaults(func=cmd_briefing)

    devs = sub.add_parser(
        "devices", help="field devices: list, issue a reports token or a secret position id, revoke"
    )
    devs.add_argument("devices_command", choices=["list", "issue", "revoke", "position-id"])
    devs.add_argument("id", nargs="?", default=None, help="the device id (as the phone sends it)")
    devs.add_argument("--reason", default="", help="why the device is revoked")
    devs.add_argument("--json", action="store_true")
    devs.set_defaults(func=cmd_devices)

    meet = sub.add_parser("meetings", help="coordination meetings: upcoming list, iCalendar export")
    meet.add_argument("meetings_command", nargs="?", choices=["list", "export"], default="list")
    meet.add_argument("--json", action="store_true")
    meet.add_argument("--ics", default=None, help="export: the .ics file to write")
    meet.add_argument("--from", dest="date_from", default=None, help="export: first day (YYYY-MM-DD)")
    meet.add_argument("--to", dest="date_to", default=None, help="export: last day, included (YYYY-MM-DD)")
    meet.set_defaults(func=cmd_meetings)

    city = sub.add_parser("import-city", help="import boundaries and rosters of a real city (checked first)")
    city.add_argument("--boundaries", nargs="+", metavar="FILE", help="towns/villages/grids .geojson or .shp")
    city.add_argument(
        "--roster",
        nargs="+",
        metavar="FILE",
        help="workers, squads, devices, helpers, departments, users .csv/.xlsx",
    )
    city.add_argument("--dry-run", action="store_true", help="check and report only; store nothing")
    city.add_argument("--json", action="store_true")
    city.add_argument("--code-field", default=None, help="column holding the code (default: code/编码/代码)")
    city.add_argument("--name-field", default=None, help="column holding the name (default: name/名称)")
    city.add_argument(
        "--parent-field",
        default=None,
        help="column holding the parent's code (default: parent_code/town_code/village_code)",
    )
    city.add_argument(
        "--deactivate-missing", action="store_true", help="deactivate workers and grids absent from the files"
    )
    city.add_argument("--city-name", default="本市", help="name of the city created in an empty database")
    city.add_argument("--city-code", default="CITY", help="code of the city created in an empty database")
    city.add_argument("--user", default="admin", help="embedded shape: the user the import is recorded as")
    city.set_defaults(func=cmd_import_city)
    peti = sub.add_parser("petitions", help="petition records (信访件): import or export as CSV/JSON")
    peti.add_argument("petitions_command", choices=["import", "export"])
    peti.add_argument("file", help="FILE.csv or FILE.json")
    peti.add_argument("--dry-run", action="store_true", help="import: check every row, store nothing")
    peti.add_argument("--valid-only", action="store_true", help="import: store the valid rows, skip the bad")
    peti.add_argument(
        "--user", default=None, help="act as this user (default: the login's own, else dispatcher)"
    )
    peti.set_defaults(func=cmd_petitions)

    shot = sub.add_parser("screenshot", help="render the real window offscreen to a PNG")
    shot.add_argument("out")
    shot.add_argument(
        "--panel",
        default="main",
        choices=[
            "main",
            "map",
            "queue",
            "case",
            "workers",
            "meetings",
            "analysis",
            "logbook",
            "coverage",
            "heat",
            "screening",
            "screening-rounds",
            "petitions",
            "villagework",
            "wall",
            "help",
            "cityadmin",
            "cityimport",
            "replay",
        ],
    )
    shot.add_argument("--size", default="1600x1000")
    shot.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    shot.add_argument("--user", default="dispatcher")
    shot.add_argument(
        "--strict",
        action="store_true",
        help="list every text that does not fit its widget on stderr, and fail (status 3) if any",
    )
    shot.set_defaults(func=cmd_screenshot)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "run"])
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from db.session import DatabaseError
    from desktop.cases.service import CaseError
    from desktop.errors import Refusal

    try:
        code: int = args.func(args)
        return code
    except Refusal as exc:  # the user's sentence for the core's code (meetings, supervision, …)
        from ui.import_reports import use_language
        from ui.refusals import describe

        use_language(None)  # CONCORD_LANG, else Chinese, like every other report of the CLI
        print(f"concord: error: {describe(exc)}", file=sys.stderr)
        return 2
    except (DatabaseError, CaseError, ValueError) as exc:  # refusals were caught above
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
    except BrokenPipeError:
        # The reader went away (`concord devices list | head`): stop quietly, as other
        # command-line tools do. Point stdout at /dev/null so that the flush at exit does not
        # fail a second time and print a traceback after all.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13  # what a shell reports for a command ended by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
