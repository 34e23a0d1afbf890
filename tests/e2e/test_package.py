"""The frozen program (`make package`: dist/concord/) runs without the source tree or lrelease.

`make test` builds the package before the suite (a stamp skips the build when nothing changed).
Run alone without a build, these tests skip; under CI (``CI`` set) a missing build fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "concord"
BINARY = DIST / ("concord.exe" if sys.platform == "win32" else "concord")


@pytest.fixture(scope="module")
def binary() -> Path:
    if not BINARY.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{BINARY} is missing: `make test` builds it (make package)")
        pytest.skip(f"{BINARY} not built: run `make package`")
    return BINARY


def _run(binary: Path, *args: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    # From a folder outside the checkout: the program finds its files in its own folder.
    return subprocess.run(
        [str(binary), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def _distinct_colours(image: QImage, step: int = 37) -> int:
    return len(
        {image.pixel(x, y) for y in range(0, image.height(), step) for x in range(0, image.width(), step)}
    )


def test_version_is_the_projects(binary: Path, tmp_path: Path) -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        expected = tomllib.load(fh)["project"]["version"]
    proc = _run(binary, "--version", cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"concord {expected}"


def test_ships_compiled_translations_and_no_sources_of_them(binary: Path) -> None:
    internal = binary.parent / "_internal"
    assert (internal / "resources" / "translations" / "concord_zh_CN.qm").is_file()
    assert not list((internal / "resources").rglob("*.ts"))  # no catalogue sources: nothing to compile
    assert not list(internal.rglob("lrelease*"))
    assert (internal / "resources" / "map" / "bridge.js").is_file()
    assert (internal / "resources" / "icons" / "concord.png").is_file()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, never migrated: the frozen program runs every migration itself."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tests.conftest import _pg_admin_url

    admin = _pg_admin_url()
    name = f"concord_pkg_{uuid.uuid4().hex[:10]}"
    eng = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        eng.dispose()


def test_migrates_a_new_database_from_the_bundled_migrations(
    binary: Path, new_database: str, tmp_path: Path
) -> None:
    proc = _run(binary, "--db", new_database, "db", "upgrade", cwd=tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr
    version = _run(binary, "--db", new_database, "db", "version", cwd=tmp_path, timeout=60)
    assert version.returncode == 0, version.stderr
    database, program = (part.split(":")[1].strip() for part in version.stdout.strip().split(";"))
    assert database == program != "None"


def test_screenshot_renders_the_real_window(binary: Path, demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "frozen.png"
    proc = _run(binary, "--db", demo_url, "screenshot", str(out), "--size", "1280x800", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "stays in English" not in proc.stderr  # the shipped catalogue loaded
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert _distinct_colours(image) > 20  # a real window, not a blank or single-colour surface


def test_first_start_builds_the_demo_city_and_comes_alive(binary: Path, tmp_path: Path) -> None:
    """What an office PC does on the demo: the embedded database made from the bundled migrations,
    the demo city seeded, the window with map and queue, phones simulated through the in-process
    gateway (aiohttp) — all from the frozen folder."""
    proc = _run(binary, "run", "--smoke-seconds", "12", cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "map_ready=True" in proc.stdout and "simulated=True" in proc.stdout
    # In the test's own data folder (tests/conftest.py isolates XDG_DATA_HOME).
    assert (Path(os.environ["XDG_DATA_HOME"]) / "concord" / "concord.db").is_file()
