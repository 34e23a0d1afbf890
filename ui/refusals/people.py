"""Refusals of users and logins (desktop/users.py), the grid index (desktop/geo.py), the map's
worker card (desktop/live/mapdata.py), the sweeper (desktop/sweeper.py), the workers list
(desktop/live/worker_list.py), the demo city (desktop/seed/demo.py), the simulated phones
(desktop/gateway/simulator.py) and the phones' protocol (desktop/gateway/ingest.py, desktop/gateway/).

The protocol's refusals are HTTP answers to device apps, in English by design; their message
is a fact here, said as it is, in case one reaches a person (the ``devices`` command line).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        # desktop/users.py
        "user.name_invalid": translate(
            "Refusals",
            "The user name “{username}” is not valid: use lower-case English letters, digits and "
            "underscores, start with a letter, 2–63 characters.",
        ),
        "user.name_reserved": translate(
            "Refusals", "The user name “{username}” is reserved by the system; please choose another."
        ),
        "user.gateway_needs_server": translate(
            "Refusals",
            "Gateway logins are only for the central PostgreSQL database; the embedded SQLite "
            "database needs none.",
        ),
        "user.role_invalid": translate(
            "Refusals", "The role “{role}” is not valid; choose one of: {choices}."
        ),
        "user.display_name_invalid": translate(
            "Refusals", "The display name cannot be empty and has at most {limit} characters."
        ),
        "user.town_required": translate(
            "Refusals", "Town staff must be given the town they work for (--town)."
        ),
        "user.department_required": translate(
            "Refusals", "Department staff must be given the department they work for (--department)."
        ),
        "user.no_town": translate("Refusals", "No town “{town}” was found."),
        "user.no_department": translate("Refusals", "No department “{department}” was found."),
        "user.exists": translate("Refusals", "The user “{username}” already exists."),
        "user.login_role_exists": translate(
            "Refusals",
            "The database already has a login role named “{username}”; please choose another user name.",
        ),
        "user.server_denied": translate(
            "Refusals", "The database refused this (insufficient privilege): {detail}"
        ),
        "user.server_refused": translate("Refusals", "The database refused this: {detail}"),
        "user.not_found": translate("Refusals", "No user “{username}” was found."),
        # desktop/geo.py
        "geo.outside_city": translate(
            "Refusals",
            "The point (latitude {lat}, longitude {lon}) is outside every grid of the city.",
        ),
        "geo.duplicate_grid_ids": translate("Refusals", "The grids' ids must be unique."),
        "geo.no_grids": translate("Refusals", "There are no grids with a boundary."),
        "geo.no_point_inside": translate(
            "Refusals", "No point inside the area could be found (is it empty or degenerate?)."
        ),
        # desktop/live/mapdata.py
        "map.worker_not_visible": translate(
            "Refusals", "This grid worker cannot be found, or is outside what you may see."
        ),
        # desktop/sweeper.py
        "sweeper.bad_interval": translate(
            "Refusals",
            "{variable}={value} is not valid: give the seconds between checks of deadlines "
            "(0 turns them off).",
        ),
        "sweeper.interval_not_positive": translate(
            "Refusals", "Deadlines are checked at an interval above 0 seconds."
        ),
        # desktop/live/worker_list.py
        "workers.unknown_status": translate("Refusals", "Unknown grid worker status: {value}."),
        # desktop/seed/demo.py
        "demo.total_too_small": translate(
            "Refusals", "{total} cannot be split into {count} parts of at least {minimum} each."
        ),
        "demo.has_city": translate(
            "Refusals", "The database already has a city: the demo city is built only into an empty one."
        ),
        "demo.not_empty": translate("Refusals", "The database is not empty: the table {table} has rows."),
        "demo.negative_counts": translate("Refusals", "The numbers of cases and logs cannot be negative."),
        "demo.naive_now": translate("Refusals", "The demo city's present time needs a time zone."),
        # desktop/gateway/simulator.py
        "simulator.speedup_not_positive": translate("Refusals", "The speed-up (--speedup) must be above 0."),
        "simulator.speedup_needs_duration": translate(
            "Refusals",
            "A speed-up above 1 needs a duration (--duration): the phones' times must not reach the future.",
        ),
        "simulator.no_workers": translate(
            "Refusals",
            "The database has no grid workers with grids to simulate (build the demo city first).",
        ),
        "simulator.no_gateway": translate(
            "Refusals",
            "No gateway answers at {url} ({problem}); start one with “python main.py gateway” or "
            "pass --embedded.",
        ),
        "simulator.unbound_sessions": translate(
            "Refusals", "The simulation needs sessions bound to a database engine."
        ),
        # The phones' protocol (desktop/gateway/ingest.py, desktop/gateway/): the message is the answer
        # the device app got, in English.
        "ingest.refused": translate("Refusals", "The report was refused: {message}"),
        "ingest.idempotency_conflict": translate("Refusals", "A repeated report was refused: {message}"),
        "gateway.protocol": translate("Refusals", "The phone's request was refused: {message}"),
        "gateway.device": translate("Refusals", "The device request was refused: {message}"),
    }
