"""No request leaves the machine: every URL the map page asks for is intercepted and checked."""

from __future__ import annotations

import pytest
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.live.mapdata import base_layers, case_markers
from ui.live.map_view import MapView

LOCAL_SCHEMES = {"file", "qrc", "data", "blob", "mbtiles", "about"}


class Recorder(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's name
        url = info.requestUrl()
        self.urls.append(url.toString())
        if url.scheme() not in LOCAL_SCHEMES:
            info.block(True)  # and the assertion below reports it


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_demo_map_requests_only_local_urls(qtbot: QtBot, demo_engine: Engine, recorder: Recorder) -> None:
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    view.web_page.profile().setUrlRequestInterceptor(recorder)
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        layers = base_layers(s)
        markers = case_markers(s, Actor(user_id=None, role=Role.DISPATCHER))
    with qtbot.waitSignal(view.ready, timeout=20000):
        view.load(layers)
    view.set_cases(markers)
    qtbot.wait(1500)  # let Leaflet settle: images, fonts, anything lazily requested
    assert recorder.urls, "the interceptor saw nothing: it is not installed on the page's profile"
    remote = [u for u in recorder.urls if u.split(":", 1)[0] not in LOCAL_SCHEMES]
    assert remote == []
    view.web_page.profile().setUrlRequestInterceptor(None)
