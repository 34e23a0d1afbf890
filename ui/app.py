"""Starting the control room: the application object, the database, the window; and the
offscreen screenshot used by docs and tests."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from desktop.cases.service import CaseService, actor_for
from desktop.database import DatabaseError, locate, open_for_window, resolve_url
from desktop.store import Engine, SessionFactory
from desktop.sweeper import desktop_interval
from ui import first_run, i18n
from ui.about import app_icon
from ui.clipping import clipped
from ui.live.map_view import register_schemes
from ui.login import LoginDialog, LoginResult, ProfileStore
from ui.main_window import AppContext, MainWindow
from ui.settings import APP_NAME, ORG, Settings
from ui.tasks import TaskRunner
from ui.text import fill, literal

_EVENTS: list[QEventLoop] = []  # made on first use: a QEventLoop needs the application


def pump_events() -> None:
    """Process pending events from a busy-wait loop.

    Through a QEventLoop, not ``QApplication.processEvents()``: PySide6 6.12's static method leaks
    a reference to None per call on Python 3.11, and a loop of them ends in "deallocating None".
    """
    if not _EVENTS:
        _EVENTS.append(QEventLoop())
    _EVENTS[0].processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def make_application(lang: str | None = None) -> QApplication:
    register_schemes()  # custom URL schemes must be known before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG)
    app.setApplicationName(APP_NAME)
    saved = Settings(QSettings(ORG, APP_NAME)).language
    i18n.install(app, i18n.choose_language(lang, saved))
    app.setWindowIcon(app_icon())
    return app


def describe(engine: Engine) -> str:
    place = locate(engine)
    if place.embedded:
        where = QCoreApplication.translate("App", "Embedded database") + f" {place.name}"
    else:
        where = f"PostgreSQL {place.host}/{place.name}"
    return f"{where} · r{place.revision}"


def open_with_progress(url: str | None, app: QApplication) -> tuple[Engine, SessionFactory]:
    """Open (and on first run create and seed) the database off the GUI thread, with progress."""
    dialog = QProgressDialog(QCoreApplication.translate("App", "Preparing the database…"), "", 0, 100)
    dialog.setWindowTitle("Concord")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(400)
    runner = TaskRunner()
    outcome: dict[str, object] = {}
    stages = {
        "geography": QCoreApplication.translate("App", "Drawing the demo city…"),
        "cases": QCoreApplication.translate("App", "Writing a year of cases…"),
        "logs": QCoreApplication.translate("App", "Writing sentiment logs…"),
    }
    progress_state: dict[str, tuple[str, int, int]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        progress_state["now"] = (stage, done, total)  # read by the GUI timer below

    def work() -> tuple[Engine, SessionFactory]:
        return open_for_window(url, progress=progress)

    runner.submit(work, lambda r: outcome.setdefault("ok", r), lambda e: outcome.setdefault("error", e))
    timer = QTimer()
    timer.setInterval(100)

    def tick() -> None:
        if "now" in progress_state:
            stage, done, total = progress_state["now"]
            dialog.setLabelText(stages.get(stage, stage))
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))

    timer.timeout.connect(tick)
    timer.start()
    while not outcome:
        pump_events()
        time.sleep(0.02)
    timer.stop()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["ok"]  # type: ignore[return-value]


def build_window(
    url: str | None,
    user: str,
    app: QApplication,
    interactive: bool = True,
    settings: Settings | QSettings | None = None,
    sweep: bool | None = None,
) -> MainWindow:
    """The window on ``url`` acting as ``user``; ``sweep`` None: sweeps as the database and role
    call for (desktop.sweeper.desktop_interval), True/False: as told."""
    if interactive:
        engine, sessions = open_with_progress(url, app)
    else:
        engine, sessions = open_for_window(url)
    with sessions() as s:
        actor = actor_for(s, user)
    settings = Settings.maybe(settings) or Settings(QSettings(ORG, APP_NAME))
    interval = desktop_interval(sweep, engine.dialect.name, str(actor.role))
    ctx = AppContext(engine, sessions, actor, CaseService(sessions), settings, describe(engine), interval)
    return MainWindow(ctx)


def window_for_login(
    result: LoginResult, settings: Settings | QSettings | None = None, sweep: bool | None = None
) -> MainWindow:
    """The window of a logged-in user: acts as the users row of the connected login."""
    engine, sessions = result.engine, result.sessions
    settings = Settings.maybe(settings) or Settings(QSettings(ORG, APP_NAME))
    label = f"{describe(engine)} · {result.profile.name} · {result.user}"
    interval = desktop_interval(sweep, engine.dialect.name, str(result.actor.role))
    ctx = AppContext(engine, sessions, result.actor, CaseService(sessions), settings, label, interval)
    return MainWindow(ctx)


def ask_login(
    settings: Settings | QSettings | None = None, profile: str | None = None, parent: QWidget | None = None
) -> LoginResult | None:
    """The login dialog; None when the user cancelled. With ``profile`` and a remembered password
    it connects at once."""
    dialog = LoginDialog(
        Settings.maybe(settings) or Settings(QSettings(ORG, APP_NAME)), parent, profile=profile
    )
    if profile:
        QTimer.singleShot(0, dialog.auto_connect)
    accepted = dialog.exec() == LoginDialog.DialogCode.Accepted
    return dialog.result_login if accepted else None


_open_windows: list[MainWindow] = []  # windows opened from File → Connect to server…


def offer_reconnect(window: MainWindow, sweep: bool | None = None) -> None:
    """File → Connect to server…: log in (again, or elsewhere) and replace the window."""

    def switch() -> None:
        result = ask_login(window.ctx.settings, parent=window)
        if result is None:
            return
        new = window_for_login(result, sweep=sweep)
        new.resize(window.size())
        offer_reconnect(new, sweep)
        _open_windows.append(new)
        new.show()
        new.start()
        window.close()
        if window in _open_windows:
            _open_windows.remove(window)

    window.connectRequested.connect(switch)


def run_app(
    url: str | None,
    user: str = "dispatcher",
    lang: str | None = None,
    smoke_seconds: float = 0,
    simulate: bool | None = None,
    login: bool = False,
    profile: str | None = None,
    sweep: bool | None = None,
) -> int:
    """Open the control room. ``smoke_seconds`` > 0 quits after that long, reporting whether the
    window came up with its map and queue (used by end-to-end tests and packaging checks).

    ``login`` (or a ``profile``) asks for a server, user and password first (the central
    deployment); without it the embedded database opens for the ``user`` given. ``sweep``: see
    build_window."""
    app = make_application(lang)
    settings = Settings(QSettings(ORG, APP_NAME))
    if login or profile:
        result = ask_login(settings, profile=profile)
        if result is None:
            return 0
    else:
        # The first start asks: the embedded demo or a server (remembered; see ui.first_run).
        start = first_run.choose_start(
            settings,
            url,
            lambda: ask_login(settings, profile=ProfileStore(settings).last() or None),
            automated=smoke_seconds > 0,
        )
        if start.quit:
            return 0
        result = start.login
    if result is not None:
        window = window_for_login(result, sweep=sweep)
    else:
        try:
            window = build_window(url, user, app, sweep=sweep)
        except (DatabaseError, ValueError) as exc:
            QMessageBox.critical(
                None,
                "Concord",
                literal(fill(QCoreApplication.translate("App", "Cannot open the database:\n%1"), exc)),
            )
            return 2
    offer_reconnect(window, sweep)
    window.resize(1600, 1000)
    window.show()
    window.start()
    app.aboutToQuit.connect(window.stop_sweeper)  # also when the app quits without closing it
    # The embedded demo comes alive by default: phones patrol and report through an in-process
    # gateway, exactly as real ones would. A central database is never simulated unless asked.
    if simulate is None:
        simulate = url is None and window.ctx.engine.dialect.name == "sqlite"
    simulation = None
    if simulate:
        from desktop.gateway.simulator import start_embedded_simulation

        simulation = start_embedded_simulation(window.ctx.sessions, workers=400, interval_s=10.0)
        app.aboutToQuit.connect(simulation.stop)
    if smoke_seconds > 0:

        def report() -> None:
            ready = window.map.page_ready and window.queue.model.rowCount() > 0
            print(
                f"smoke: map_ready={window.map.page_ready} queue_rows={window.queue.model.rowCount()} "
                f"simulated={simulation is not None}"
            )
            window.close()
            app.exit(0 if ready else 1)

        QTimer.singleShot(int(smoke_seconds * 1000), report)
    return app.exec()


def screenshot(
    url: str | None,
    out: str,
    panel: str = "main",
    size: tuple[int, int] = (1600, 1000),
    user: str = "dispatcher",
    strict: bool = False,
) -> int:
    """Render the real window offscreen, wait until the map and queue have data, save a PNG.

    ``strict``: also list every text that does not fit its widget (ui/clipping.py) on stderr, and
    fail (exit status 3) if there is any."""
    app = make_application()
    # A throwaway settings file: a screenshot neither depends on nor changes the user's layout.
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "screenshot.ini"), QSettings.Format.IniFormat))
        # Nor does it sweep: a picture must not escalate cases.
        window = build_window(resolve_url(url), user, app, False, settings, sweep=False)
        return _grab(window, app, out, panel, size, strict)


def _grab(
    window: MainWindow, app: QApplication, out: str, panel: str, size: tuple[int, int], strict: bool = False
) -> int:
    window.resize(*size)
    window.show()
    window.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not window.map.page_ready:
        pump_events()
        time.sleep(0.02)
    if panel in ("case", "main", "queue"):
        window.queue.next_case()
    if panel == "map":
        # The map alone (the tabs behind the queue and the case panel too), with its legend open.
        for dock in window.findChildren(type(window.queue_dock)):
            dock.hide()
        window.map.show_legend(True)
    if panel == "queue":
        window.case_dock.hide()
        window.alerts_dock.hide()
    if panel == "meetings":
        window.meetings_dock.show()
        window.meetings_dock.raise_()
    if panel == "analysis":
        window.show_analysis()
        # The charts want room: the right-hand docks take most of the width, the queue the rest.
        window.resizeDocks(
            [window.queue_dock, window.analysis_dock],
            [int(size[0] * 0.22), int(size[0] * 0.60)],
            Qt.Orientation.Horizontal,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not window.analysis.loaded_once or window.analysis.is_loading()
        ):
            pump_events()
            time.sleep(0.02)
    if panel == "petitions":
        window.petitions_dock.show()
        window.petitions_dock.raise_()
        window.resizeDocks(
            [window.queue_dock, window.petitions_dock],
            [int(size[0] * 0.22), int(size[0] * 0.6)],
            Qt.Orientation.Horizontal,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not window.petitions.loaded_once or window.petitions.is_loading()
        ):
            pump_events()
            time.sleep(0.02)
    if panel in ("logbook", "coverage", "heat"):
        _show_logbook(window, panel)
    if panel in ("screening", "screening-rounds"):
        _show_screening(window, panel, size)
    if panel == "villagework":
        from ui.villagework.screenshot import show_villagework

        show_villagework(window, size)
    if panel == "case":
        window.case_panel.tabs.setCurrentIndex(1)  # the timeline
    if panel == "workers":
        window.workers_dock.show()
        window.workers_dock.raise_()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and window.workers.last is None:
            pump_events()
            time.sleep(0.02)
    if panel == "wall":
        window.toggle_wall(full_screen=False)
    if panel == "help":
        window.toggle_help()
    if panel == "replay":
        return _grab_replay(window, out, size)
    settle = time.monotonic() + 3
    while time.monotonic() < settle:
        pump_events()
        time.sleep(0.02)
    image = window.grab()
    cut = clipped(window) if strict else []
    for line in cut:
        print(f"clipped: {line}", file=sys.stderr)
    if panel in ("cityadmin", "cityimport"):
        from ui.city_admin_pane import grab_city_dialog  # the dialog over the window

        image = grab_city_dialog(window, panel, image)
    ok = image.save(out)
    window.live.stop()
    window.runner.wait(5000)
    window.close()
    return 3 if cut else 0 if ok else 1


def _show_screening(window: MainWindow, panel: str, size: tuple[int, int]) -> None:
    """The screening tab (排查) beside the map, its board (or its rounds) loaded."""
    window.screening_dock.show()
    window.screening_dock.raise_()
    window.case_dock.hide()
    window.resizeDocks([window.screening_dock], [int(size[0] * 0.5)], Qt.Orientation.Horizontal)
    if panel == "screening-rounds":
        window.screening.tabs.setCurrentIndex(1)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not window.screening.loaded_once or window.screening.loading):
        pump_events()
        time.sleep(0.02)
    if panel == "screening-rounds" and window.screening.rounds:
        window.screening.rounds_table.selectRow(0)


def _grab_replay(window: MainWindow, out: str, size: tuple[int, int]) -> int:
    """The track replay window on the newest worker-day, its marker a third into the day."""
    replay = window.open_replay()
    replay.resize(*size)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (
        (replay.day is None and not replay.no_positions) or not replay.map.page_ready
    ):
        pump_events()
        time.sleep(0.02)
    replay.slider.setValue(replay.slider.maximum() // 3)
    replay.tabs.setCurrentIndex(4)  # patrol coverage of the worker's squad, that day
    if replay.day is not None:
        wanted = ("squad", replay.day.worker.squad_id)
        units = [replay.unit_box.itemData(i) for i in range(replay.unit_box.count())]
        replay.unit_box.setCurrentIndex(units.index(wanted) if wanted in units else 0)
        day = replay.day.day
        for edit in (replay.cover_from, replay.cover_to):
            edit.setDate(QDate(day.year, day.month, day.day))
        replay.compute_coverage()
    settle = time.monotonic() + 4
    while time.monotonic() < settle:
        pump_events()
        time.sleep(0.02)
    ok = replay.grab().save(out)
    replay.close()
    window.live.stop()
    window.runner.wait(5000)
    window.close()
    return 0 if ok else 1


def _show_logbook(window: MainWindow, panel: str) -> None:
    """The log book beside the map with its log layer on ("coverage": its coverage table), or the
    map alone with the case heat layer ("heat"); waits until their data has arrived."""
    if panel == "heat":
        for dock in window.findChildren(type(window.queue_dock)):
            dock.hide()
        window.map.show_heat_layer(True)
    else:
        window.logbook_dock.show()
        window.logbook_dock.raise_()
        window.map.show_log_layer(True)
        if panel == "coverage":
            window.logbook.tabs.setCurrentIndex(1)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (
        window.logbook.model.loading or (panel != "heat" and window.logbook.model.rowCount() == 0)
    ):
        pump_events()
        time.sleep(0.02)
    if panel == "logbook" and window.logbook.model.rowCount():
        # A log that became a case, if the first page has one: it shows both ends of the link.
        model = window.logbook.model
        rows = range(model.rowCount())
        window.logbook.table.selectRow(next((i for i in rows if model.row_at(i).case_id), 0))
