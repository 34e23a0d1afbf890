"""``main.py gateway`` runs the sweeper thread while the gateway serves, and stops it when the
gateway stops; ``--no-sweep`` and ``CONCORD_SWEEP_INTERVAL_S=0`` turn it off; a bad interval is
refused before anything starts. The gateway itself is replaced by a fake that looks at the threads."""

from __future__ import annotations

import threading

import pytest

import main
from desktop.gateway.server import GatewayConfig


def _sweeper_threads() -> int:
    return sum(t.name == "concord-sweeper" and t.is_alive() for t in threading.enumerate())


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sweeper threads alive while the (fake) gateway served, one entry per gateway run."""
    seen: list[int] = []

    def fake_run_gateway(url: str | None, config: GatewayConfig) -> int:
        seen.append(_sweeper_threads())
        return 0

    monkeypatch.setattr("desktop.gateway.server.run_gateway", fake_run_gateway)
    return seen


def test_the_gateway_sweeps_while_it_serves_unless_told_not(
    db_url: str, serving: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _sweeper_threads()
    assert main.main(["--db", db_url, "gateway"]) == 0
    assert _sweeper_threads() == before  # stopped with the gateway
    assert main.main(["--db", db_url, "gateway", "--no-sweep"]) == 0
    monkeypatch.setenv("CONCORD_SWEEP_INTERVAL_S", "0")
    assert main.main(["--db", db_url, "gateway"]) == 0
    assert [n - before for n in serving] == [1, 0, 0]


def test_a_bad_interval_is_refused_before_the_gateway_starts(
    db_url: str,
    serving: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qapp: object,  # the refusal is worded through Qt's catalogue: in this process, the tests' app
) -> None:
    monkeypatch.setenv("CONCORD_SWEEP_INTERVAL_S", "often")
    assert main.main(["--db", db_url, "gateway"]) == 2
    assert "CONCORD_SWEEP_INTERVAL_S" in capsys.readouterr().err
    assert serving == []
