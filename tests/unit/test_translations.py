"""Every visible string has a Simplified Chinese translation (Qt Linguist catalogue)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "concord_zh_CN.ts"


def _lupdate() -> Path:
    base = Path(PySide6.__file__).parent
    return next(p for p in (base / "lupdate", base / "lupdate.exe") if p.exists())


def test_every_source_string_is_translated(tmp_path: Path) -> None:
    # Run lupdate on a copy so that strings added to the code since the catalogue was last
    # updated show up as untranslated here instead of silently falling back to English.
    work = tmp_path / TS.name
    shutil.copyfile(TS, work)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(_lupdate()), *sources, "-ts", str(work)], cwd=ROOT, check=True, capture_output=True)
    missing: list[str] = []
    for context in ET.parse(work).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            if kind == "unfinished" or not all(f.strip() for f in forms):
                missing.append(f"{name}: {message.findtext('source')}")
    assert missing == [], f"{len(missing)} untranslated strings, e.g. {missing[:10]}"


def test_catalogue_has_no_stale_entries_left_behind() -> None:
    root = ET.parse(TS).getroot()
    stale = [
        m.findtext("source") for m in root.iter("message") if m.find("translation").get("type") == "vanished"
    ]  # type: ignore[union-attr]
    assert stale == []
