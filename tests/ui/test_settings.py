"""The typed settings object (ui/settings.py): every property reads its default when nothing is
stored, reads back what was written with its type, keeps the keys earlier releases wrote, and
falls back to the default for a stored value that is damaged or of the wrong type."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from desktop.live.basemap import Basemap
from ui.login import ProfileStore
from ui.settings import DEFAULTS, ServerProfile, Settings


@pytest.fixture
def store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "concord.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def settings(store: QSettings) -> Settings:
    return Settings(store)


def reopened(store: QSettings) -> Settings:
    """The same file read afresh, as the next start of the program reads it."""
    store.sync()
    return Settings(QSettings(store.fileName(), QSettings.Format.IniFormat))


def test_defaults_when_nothing_is_stored(settings: Settings) -> None:
    assert settings.language is None
    assert settings.start_mode is None
    assert settings.server_profiles == []
    assert settings.last_profile == ""
    assert settings.basemap == Basemap()
    assert settings.window_geometry is None and settings.window_state is None
    assert settings.queue_filter == ""
    assert settings.queue_presets == []
    assert settings.acknowledged_alerts("u1") == []
    assert settings.duplicate_days == DEFAULTS["intake/duplicate_days"] == 30
    assert settings.briefing_folder is None


def test_what_is_written_reads_back_typed_after_a_restart(settings: Settings, store: QSettings) -> None:
    settings.language = "en"
    settings.start_mode = "server"
    settings.server_profiles = [
        ServerProfile("城区", host="db.intra", port=6543, sslmode="require", user="张三")
    ]
    settings.last_profile = "城区"
    settings.basemap = Basemap("url", url="http://tiles.intra/{z}/{x}/{y}.png", path="/maps/city.mbtiles")
    settings.window_geometry = QByteArray(b"\x01geometry")
    settings.window_state = QByteArray(b"\x02state")
    settings.queue_filter = '{"open_only": true}'
    settings.queue_presets = [{"name": "逾期", "filter": {"overdue": True}}]
    settings.set_acknowledged_alerts("u7", ["a", "b"])
    settings.duplicate_days = 90
    settings.briefing_folder = Path("/tmp/简报")

    again = reopened(store)
    assert again.language == "en"
    assert again.start_mode == "server"
    assert again.server_profiles == [
        ServerProfile("城区", host="db.intra", port=6543, database="concord", sslmode="require", user="张三")
    ]
    assert isinstance(again.server_profiles[0].port, int)
    assert again.last_profile == "城区"
    assert again.basemap == Basemap(
        "url", url="http://tiles.intra/{z}/{x}/{y}.png", path="/maps/city.mbtiles"
    )
    assert again.window_geometry == QByteArray(b"\x01geometry")
    assert again.window_state == QByteArray(b"\x02state")
    assert again.queue_filter == '{"open_only": true}'
    assert again.queue_presets == [{"name": "逾期", "filter": {"overdue": True}}]
    assert again.acknowledged_alerts("u7") == ["a", "b"]
    assert again.acknowledged_alerts("u8") == []  # another user's are their own
    assert again.duplicate_days == 90 and isinstance(again.duplicate_days, int)
    assert again.briefing_folder == Path("/tmp/简报")


def test_the_keys_of_earlier_releases_are_read(store: QSettings) -> None:
    """Settings saved before the typed object existed keep working."""
    store.setValue("ui/lang", "zh_CN")
    store.setValue("startup/mode", "demo")
    store.setValue("map/basemap_kind", "mbtiles")
    store.setValue("map/basemap_mbtiles", "/maps/city.mbtiles")
    store.setValue("intake/duplicate_days", "45")
    store.setValue("alerts/acknowledged/u3", '["sla|1|2026-01-01T00:00:00+00:00"]')
    store.setValue("queue/presets", '[{"name": "我的", "filter": {}}]')
    store.setValue("briefing/folder", "/srv/briefings")
    store.setValue("servers/last", "城区")
    store.beginWriteArray("servers/profiles", 1)
    store.setArrayIndex(0)
    store.setValue("name", "城区")
    store.setValue("port", "5433")
    store.endArray()
    s = reopened(store)
    assert (s.language, s.start_mode) == ("zh_CN", "demo")
    assert s.basemap == Basemap("mbtiles", path="/maps/city.mbtiles")
    assert s.duplicate_days == 45
    assert s.acknowledged_alerts("u3") == ["sla|1|2026-01-01T00:00:00+00:00"]
    assert s.queue_presets == [{"name": "我的", "filter": {}}]
    assert s.briefing_folder == Path("/srv/briefings")
    assert s.server_profiles == [ServerProfile("城区", port=5433)]
    assert ProfileStore(s.store).last() == "城区"


@pytest.mark.parametrize(
    ("key", "bad", "read"),
    [
        ("ui/lang", 5, lambda s: s.language),
        ("startup/mode", "somewhere", lambda s: s.start_mode),
        ("map/basemap_kind", "satellite", lambda s: s.basemap.kind),
        ("intake/duplicate_days", "many", lambda s: s.duplicate_days),
        ("intake/duplicate_days", "0", lambda s: s.duplicate_days),
        ("intake/duplicate_days", "9999", lambda s: s.duplicate_days),
        ("alerts/acknowledged/u1", "{not json", lambda s: s.acknowledged_alerts("u1")),
        ("alerts/acknowledged/u1", '{"a": 1}', lambda s: s.acknowledged_alerts("u1")),
        ("queue/presets", '[1, 2, {"filter": {}}]', lambda s: s.queue_presets),
        ("window/geometry", "not bytes", lambda s: s.window_geometry),
        ("queue/filter", 3, lambda s: s.queue_filter),
    ],
)
def test_a_bad_stored_value_reads_as_the_default(
    store: QSettings, key: str, bad: object, read: object
) -> None:
    fresh = read(Settings(QSettings(store.fileName() + ".empty", QSettings.Format.IniFormat)))  # type: ignore[operator]
    store.setValue(key, bad)
    assert read(Settings(store)) == fresh  # type: ignore[operator]


def test_a_bad_port_or_tls_mode_of_a_profile_reads_as_the_default(store: QSettings) -> None:
    store.beginWriteArray("servers/profiles", 2)
    store.setArrayIndex(0)
    store.setValue("name", "城区")
    store.setValue("port", "eighty")
    store.setValue("sslmode", "paranoid")
    store.setArrayIndex(1)
    store.setValue("host", "nameless.intra")  # a profile without a name is left out
    store.endArray()
    assert Settings(store).server_profiles == [ServerProfile("城区", port=5432, sslmode="prefer")]


def test_an_unknown_start_mode_is_refused_and_nothing_stored(settings: Settings) -> None:
    with pytest.raises(ValueError):
        settings.start_mode = "somewhere"
    assert settings.start_mode is None


def test_duplicate_days_are_kept_in_range(settings: Settings) -> None:
    settings.duplicate_days = 1000
    assert settings.duplicate_days == 365
    settings.duplicate_days = -3
    assert settings.duplicate_days == 1


def test_a_qsettings_is_wrapped_once(store: QSettings, settings: Settings) -> None:
    assert Settings.of(settings) is settings
    assert Settings.of(store).store is store
    assert Settings.maybe(None) is None
