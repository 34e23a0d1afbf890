"""Secret device ids as an operator uses them: ``devices position-id`` prints one, the phone sends
it instead of its plain id, and ``gateway --require-device-secret`` refuses every plain id —
main.py subprocesses and curl, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.clock import utcnow
from tests.e2e.test_gateway_cli import ROOT, concord, curl, places, pytestmark  # noqa: F401


@contextmanager
def gateway(url: str, *extra: str) -> Iterator[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            url,
            "gateway",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-sweep",
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("gateway listening on "), proc.stderr.read() if proc.stderr else line
        yield line.split()[3]
    finally:
        proc.terminate()
        proc.communicate(timeout=60)


def test_secret_position_id_replaces_the_plain_one(demo_url: str) -> None:
    (d1, la1, lo1), (d2, la2, lo2) = places(demo_url, 2)
    issued = concord("--db", demo_url, "devices", "position-id", d1)
    secret = issued.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", secret), secret
    assert "shown only once" in issued.stderr
    stamp = str(int(utcnow().timestamp()))
    with gateway(demo_url) as base:
        assert curl(f"{base}/?id={secret}&lat={la1}&lon={lo1}&timestamp={stamp}")[0] == 200
        code, reason = curl(f"{base}/?id={d1}&lat={la1}&lon={lo1}&timestamp={stamp}")
        assert code == 400 and "secret" in reason
        # Workers without a secret keep their plain id unless the gateway requires secrets.
        assert curl(f"{base}/?id={d2}&lat={la2}&lon={lo2}&timestamp={stamp}")[0] == 200
    with gateway(demo_url, "--require-device-secret") as base:
        assert curl(f"{base}/?id={d2}&lat={la2}&lon={lo2}&timestamp={stamp}")[0] == 400
        assert curl(f"{base}/?id={secret}&lat={la1}&lon={lo1}&timestamp={stamp}")[0] == 200
    # An unknown device: a clear error, exit code 2 or 1, nothing issued.
    bad = concord("--db", demo_url, "devices", "position-id", "NO-SUCH-DEVICE", check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
