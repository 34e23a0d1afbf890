"""Everything this desktop remembers, typed, in one place.

Concord keeps a few things per PC and user account (QSettings: the registry on Windows, an ini
file elsewhere): the interface language, how it starts, the server profiles of the login dialog,
the basemap, the window's layout, the queue's filter and saved presets, which alerts each user
has acknowledged, and defaults of the intake and briefing dialogs. Widgets take a
:class:`Settings` and read or write these properties; none of them names a key or parses a stored
value itself.

The keys are the ones earlier releases wrote (``ui/lang``, ``startup/mode``, ``servers/profiles``
…), so what users saved survives. A stored value that is missing, of the wrong type or out of
range reads as the property's default (``DEFAULTS`` below and the property's docstring): a
hand-edited or damaged file never stops the program.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from desktop.cases.intake import DUPLICATE_DAYS
from desktop.database import server_url
from desktop.live.basemap import KINDS as BASEMAP_KINDS
from desktop.live.basemap import Basemap

ORG = "Concord"
APP_NAME = "Concord"

TLS_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
CONNECT_TIMEOUT_S = 8
START_MODES = ("demo", "server")
DUPLICATE_DAYS_RANGE = (1, 365)


@dataclass(frozen=True)
class ServerProfile:
    """A server the login dialog connects to (never a password: those live in the OS keyring)."""

    name: str
    host: str = "localhost"
    port: int = 5432
    database: str = "concord"
    sslmode: str = "prefer"
    user: str = ""  # the last user who logged in with this profile (a convenience, not a secret)

    def url(self, user: str, password: str, timeout_s: int = CONNECT_TIMEOUT_S) -> str:
        return server_url(self.host, self.port, self.database, self.sslmode, user, password, timeout_s)

    def keyring_key(self, user: str) -> str:
        return f"{self.name}/{user}"


# The stored keys (unchanged from earlier releases: users' saved settings must survive).
KEY_LANGUAGE = "ui/lang"
KEY_START_MODE = "startup/mode"
KEY_PROFILES = "servers/profiles"
KEY_LAST_PROFILE = "servers/last"
KEY_BASEMAP_KIND = "map/basemap_kind"
KEY_BASEMAP_URL = "map/basemap_url"
KEY_BASEMAP_MBTILES = "map/basemap_mbtiles"
KEY_WINDOW_GEOMETRY = "window/geometry"
KEY_WINDOW_STATE = "window/state"
KEY_QUEUE_FILTER = "queue/filter"
KEY_QUEUE_PRESETS = "queue/presets"
KEY_ACKNOWLEDGED = "alerts/acknowledged/"  # + the user ("u12", or "r<role>-<name>" without an id)
KEY_DUPLICATE_DAYS = "intake/duplicate_days"
KEY_BRIEFING_FOLDER = "briefing/folder"

# What each property reads when nothing (usable) is stored.
DEFAULTS: dict[str, Any] = {
    KEY_LANGUAGE: None,  # the system's language decides (ui.i18n.choose_language)
    KEY_START_MODE: None,  # not chosen yet: the first start asks
    KEY_PROFILES: [],
    KEY_LAST_PROFILE: "",
    KEY_BASEMAP_KIND: "none",
    KEY_BASEMAP_URL: "",
    KEY_BASEMAP_MBTILES: "",
    KEY_WINDOW_GEOMETRY: None,
    KEY_WINDOW_STATE: None,
    KEY_QUEUE_FILTER: "",
    KEY_QUEUE_PRESETS: [],
    KEY_ACKNOWLEDGED: [],
    KEY_DUPLICATE_DAYS: DUPLICATE_DAYS,
    KEY_BRIEFING_FOLDER: "",
}


def _text(value: object, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            return default
    else:
        return default
    return number if low <= number <= high else default


def _json_list(value: object) -> list[Any]:
    try:
        data = json.loads(value) if isinstance(value, str) and value else []
    except ValueError:
        return []  # a hand-edited or damaged value: start afresh rather than fail
    return data if isinstance(data, list) else []


class Settings:
    """Typed access to what Concord keeps in QSettings.

    ``Settings()`` is this user's settings of the application (its organisation and name,
    ``ORG``/``APP_NAME`` once ui.app.make_application ran); ``Settings(QSettings(path,
    IniFormat))`` a file of its own (screenshots, tests); ``Settings.of`` wraps a QSettings that
    older callers still hand over."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    @classmethod
    def of(cls, settings: Settings | QSettings) -> Settings:
        return settings if isinstance(settings, Settings) else cls(settings)

    @classmethod
    def maybe(cls, settings: Settings | QSettings | None) -> Settings | None:
        return None if settings is None else cls.of(settings)

    def _get(self, key: str) -> object:
        return self.store.value(key)

    def _set(self, key: str, value: object) -> None:
        self.store.setValue(key, value)
        self.store.sync()

    def sync(self) -> None:
        self.store.sync()

    # --- language and start ----------------------------------------------------------------------

    @property
    def language(self) -> str | None:
        """The interface language chosen in View → Language (``"zh_CN"``, ``"en"``), or None:
        the system's language decides."""
        value = self._get(KEY_LANGUAGE)
        return value if isinstance(value, str) and value else None

    @language.setter
    def language(self, code: str) -> None:
        self._set(KEY_LANGUAGE, code)

    @property
    def start_mode(self) -> str | None:
        """How this PC starts: ``"demo"`` (the embedded database) or ``"server"`` (the login
        dialog); None until the first start has asked (ui.first_run)."""
        value = self._get(KEY_START_MODE)
        return value if isinstance(value, str) and value in START_MODES else None

    @start_mode.setter
    def start_mode(self, mode: str) -> None:
        if mode not in START_MODES:
            raise ValueError(f"unknown start mode {mode!r}")
        self._set(KEY_START_MODE, mode)

    # --- server profiles ---------------------------------------------------------------------------

    @property
    def server_profiles(self) -> list[ServerProfile]:
        """The login dialog's server profiles, in the order saved; a profile without a name is
        left out, a bad port or TLS mode reads as the default."""
        s = self.store
        out: list[ServerProfile] = []
        n = s.beginReadArray(KEY_PROFILES)
        for i in range(n):
            s.setArrayIndex(i)
            sslmode = _text(s.value("sslmode"), "prefer")
            out.append(
                ServerProfile(
                    name=_text(s.value("name")),
                    host=_text(s.value("host"), "localhost") or "localhost",
                    port=_int(s.value("port"), 5432, 1, 65535),
                    database=_text(s.value("database"), "concord") or "concord",
                    sslmode=sslmode if sslmode in TLS_MODES else "prefer",
                    user=_text(s.value("user")),
                )
            )
        s.endArray()
        return [p for p in out if p.name]

    @server_profiles.setter
    def server_profiles(self, profiles: Sequence[ServerProfile]) -> None:
        s = self.store
        s.remove(KEY_PROFILES)
        s.beginWriteArray(KEY_PROFILES, len(profiles))
        for i, p in enumerate(profiles):
            s.setArrayIndex(i)
            s.setValue("name", p.name)
            s.setValue("host", p.host)
            s.setValue("port", p.port)
            s.setValue("database", p.database)
            s.setValue("sslmode", p.sslmode)
            s.setValue("user", p.user)
        s.endArray()
        s.sync()

    @property
    def last_profile(self) -> str:
        """The name of the profile last logged in with ("" for none)."""
        return _text(self._get(KEY_LAST_PROFILE))

    @last_profile.setter
    def last_profile(self, name: str) -> None:
        if name:
            self._set(KEY_LAST_PROFILE, name)
        else:
            self.store.remove(KEY_LAST_PROFILE)
            self.store.sync()

    # --- map -------------------------------------------------------------------------------------

    @property
    def basemap(self) -> Basemap:
        """The basemap chosen in File → Basemap… (unchecked: desktop.live.basemap.check says whether
        it can be used). An unknown kind reads as none. The address and the file are kept even
        while another kind is chosen, so switching back finds them filled in."""
        kind = _text(self._get(KEY_BASEMAP_KIND), "none")
        return Basemap(
            kind if kind in BASEMAP_KINDS else "none",
            url=_text(self._get(KEY_BASEMAP_URL)),
            path=_text(self._get(KEY_BASEMAP_MBTILES)),
        )

    @basemap.setter
    def basemap(self, basemap: Basemap) -> None:
        self.store.setValue(KEY_BASEMAP_KIND, basemap.kind)
        self.store.setValue(KEY_BASEMAP_URL, basemap.url)
        self.store.setValue(KEY_BASEMAP_MBTILES, basemap.path)
        self.store.sync()

    # --- the main window -------------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray | None:
        """The main window's size and place (QMainWindow.saveGeometry), None before the first close."""
        value = self._get(KEY_WINDOW_GEOMETRY)
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.store.setValue(KEY_WINDOW_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        """The docks and toolbars' layout (QMainWindow.saveState), None before the first close."""
        value = self._get(KEY_WINDOW_STATE)
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue(KEY_WINDOW_STATE, value)

    @property
    def queue_filter(self) -> str:
        """The queue's filter when the window closed, as JSON (ui.cases.queue_view.filter_state_json);
        "" for none."""
        return _text(self._get(KEY_QUEUE_FILTER))

    @queue_filter.setter
    def queue_filter(self, state_json: str) -> None:
        self.store.setValue(KEY_QUEUE_FILTER, state_json)

    @property
    def queue_presets(self) -> list[dict[str, Any]]:
        """The queue's saved filters: ``[{"name": …, "filter": {…}}, …]``; entries without a
        name are left out."""
        return [
            p
            for p in _json_list(self._get(KEY_QUEUE_PRESETS))
            if isinstance(p, dict) and isinstance(p.get("name"), str)
        ]

    @queue_presets.setter
    def queue_presets(self, presets: list[dict[str, Any]]) -> None:
        self._set(KEY_QUEUE_PRESETS, json.dumps(presets, ensure_ascii=False))

    # --- alerts ----------------------------------------------------------------------------------

    def acknowledged_alerts(self, who: str) -> list[str]:
        """The keys of the alerts user ``who`` has acknowledged, oldest first."""
        return [str(k) for k in _json_list(self._get(KEY_ACKNOWLEDGED + who))]

    def set_acknowledged_alerts(self, who: str, keys: Sequence[str]) -> None:
        self._set(KEY_ACKNOWLEDGED + who, json.dumps(list(keys)))

    # --- dialogs' defaults -----------------------------------------------------------------------

    @property
    def duplicate_days(self) -> int:
        """How many days back the intake dialog looks for similar cases (1–365, default 30)."""
        return _int(self._get(KEY_DUPLICATE_DAYS), DUPLICATE_DAYS, *DUPLICATE_DAYS_RANGE)

    @duplicate_days.setter
    def duplicate_days(self, days: int) -> None:
        low, high = DUPLICATE_DAYS_RANGE
        self.store.setValue(KEY_DUPLICATE_DAYS, min(max(int(days), low), high))

    @property
    def briefing_folder(self) -> Path | None:
        """The folder the last briefing was written to, None before the first."""
        value = _text(self._get(KEY_BRIEFING_FOLDER))
        return Path(value) if value else None

    @briefing_folder.setter
    def briefing_folder(self, folder: Path) -> None:
        self.store.setValue(KEY_BRIEFING_FOLDER, str(folder))


__all__ = ["DEFAULTS", "ServerProfile", "Settings"]
