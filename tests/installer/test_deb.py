"""The .deb as built: its layout, its Depends: from the bundle, what it carries and what it leaves out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

pytestmark = pytest.mark.installer
ROOT = Path(__file__).resolve().parents[2]


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()


def _contents(deb: Path) -> list[str]:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    return [line.split()[5].removeprefix(".") for line in listing.splitlines()]


def test_the_package_is_named_and_versioned(deb):
    assert deb.name == f"opora_{__version__}_amd64.deb"
    assert _field(deb, "Package") == "opora" and _field(deb, "Version") == __version__
    assert _field(deb, "Architecture") == "amd64"


def test_depends_lists_exactly_the_system_libraries_the_bundle_links_to(deb, bundle):
    found = subprocess.run([sys.executable, str(ROOT / "installer" / "linux" / "depends.py"), str(bundle)],
                           capture_output=True, text=True, check=True).stdout.strip()
    depends = _field(deb, "Depends")
    assert depends == found
    packages = depends.split(", ")
    assert "libc6" in packages and "libxcb1" in packages and "libegl1" in packages
    assert packages == sorted(set(packages))


def test_layout_launcher_menu_entry_icon_and_resources(deb):
    files = set(_contents(deb))
    for path in ("/opt/opora/opora", "/usr/bin/opora", "/usr/share/applications/opora.desktop",
                 "/usr/share/icons/hicolor/scalable/apps/opora.svg",
                 "/opt/opora/_internal/resources/translations/opora_ru.qm",
                 "/opt/opora/_internal/resources/fonts/PTSans-Regular.ttf",
                 "/opt/opora/_internal/resources/fonts/LiberationSerif-Regular.ttf",
                 "/opt/opora/_internal/db/migrations/versions/0001_initial_schema.py"):
        assert path in files, path
    assert any(path.startswith("/opt/opora/_internal/resources/templates/") and path.endswith(".docx")
               for path in files)
    # PySide6-Essentials and -Addons only: no WebEngine, no QML/Quick (nor Qt PDF's Quick part), no GTK theme.
    for unwanted in ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt6PdfQuick", "qgtk3"):
        assert not any(unwanted in path for path in files), unwanted
    assert any(path.endswith("libQt6Pdf.so.6") for path in files)  # «Печать» renders PDF pages with Qt PDF
    assert any(path.endswith("libQt6Charts.so.6") for path in files)  # the coordinator's charts on «Сегодня»


def test_the_menu_entry_is_in_the_office_menu(deb, tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    entry = (tmp_path / "usr/share/applications/opora.desktop").read_text(encoding="utf-8")
    assert "Categories=Office;" in entry and "Exec=opora" in entry and "Icon=opora" in entry
    assert "Name[ru]=Опора" in entry
    launcher = (tmp_path / "usr/bin/opora").read_text()
    assert 'exec /opt/opora/opora "$@"' in launcher
