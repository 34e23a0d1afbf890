"""Build Concord's one-folder package with PyInstaller (`make package`; also on Windows).

1. Renders the app icon from resources/icons/concord.svg to PNG and ICO (Qt's SVG renderer),
2. compiles the translations (.ts) to .qm with PySide6's lrelease, so the frozen app never
   needs lrelease,
3. writes the version from pyproject.toml, and
4. runs PyInstaller on packaging/concord.spec into dist/concord/.

Everything generated goes to build/package/gen/ (never into the source tree).

    python packaging/build.py            # icon, translations, version, then PyInstaller
    python packaging/build.py --assets   # only the generated files (no PyInstaller)
    pip install $(python packaging/build.py --requirements)   # what the build needs
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "build" / "package" / "gen"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        table: dict[str, object] = tomllib.load(fh)["project"]
    return table


def project_version() -> str:
    return str(project()["version"])


def build_requirements() -> list[str]:
    """The optional dependency group ``package`` of pyproject.toml (PyInstaller)."""
    extras = project().get("optional-dependencies", {})
    assert isinstance(extras, dict)
    return [str(r) for r in extras.get("package", [])]


def render_icon(svg: Path, out_dir: Path) -> list[Path]:
    """concord.png (256 px) and concord.ico (the sizes Windows asks for) from the SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")

    def image(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return img

    out_dir.mkdir(parents=True, exist_ok=True)
    png = out_dir / "concord.png"
    if not image(256).save(str(png)):
        raise SystemExit(f"could not write {png}")
    ico = out_dir / "concord.ico"
    write_ico(ico, [image(s) for s in ICON_SIZES])
    return [png, ico]


def write_ico(path: Path, images: list[object]) -> None:
    """A multi-size .ico whose entries are PNGs (read by Windows Vista and later)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs: list[tuple[int, bytes]] = []
    for img in images:
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")  # type: ignore[attr-defined]
        buf.close()
        blobs.append((img.width(), bytes(data.data())))  # type: ignore[attr-defined]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = len(header) + 16 * len(blobs)
    entries = b""
    for size, blob in blobs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blob for _s, blob in blobs))


def compile_translations(out_dir: Path) -> list[Path]:
    from ui.i18n import lrelease_binary

    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        subprocess.run([str(lrelease_binary()), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def assets() -> None:
    GEN.mkdir(parents=True, exist_ok=True)
    render_icon(ROOT / "resources" / "icons" / "concord.svg", GEN)
    compile_translations(GEN)
    (GEN / "VERSION").write_text(project_version() + "\n", encoding="utf-8")


def pyinstaller() -> None:
    dist = ROOT / "dist"
    if (dist / "concord").exists():
        shutil.rmtree(dist / "concord")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "concord.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assets", action="store_true", help="only the icon, translations and version")
    parser.add_argument(
        "--requirements", action="store_true", help="print what the build needs installed (for pip)"
    )
    args = parser.parse_args()
    if args.requirements:
        print(" ".join(build_requirements()))
        return 0
    sys.path.insert(0, str(ROOT))
    started = time.monotonic()
    assets()
    if args.assets:
        return 0
    pyinstaller()
    out = ROOT / "dist" / "concord"
    print(
        f"packaged {out} ({folder_size(out) / 2**20:.0f} MiB) in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
