"""The Windows installer script: makensis compiles it here around a stand-in payload, and it says what it must."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app import __version__

SCRIPT = Path(__file__).resolve().parents[2] / "installer" / "windows" / "opora.nsi"


def _makensis() -> str:
    found = shutil.which("makensis")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("makensis is missing: `make test` installs the nsis package")
        pytest.skip("makensis (Debian package nsis) is not installed; `make test` installs it")
    return found


def _section(text: str, name: str) -> str:
    match = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.S | re.M)
    assert match, f"no section {name}"
    return match.group(0)


def test_makensis_compiles_the_installer_around_a_stand_in_bundle(tmp_path):
    payload = tmp_path / "bundle"
    (payload / "_internal" / "resources").mkdir(parents=True)
    for name in ("opora.exe", "opora-cli.exe"):
        (payload / name).write_bytes(b"MZ stand-in for the PyInstaller executable")
    (payload / "_internal" / "resources" / "README.txt").write_text("ресурсы", encoding="utf-8")
    result = subprocess.run([_makensis(), "-V2", "-WX", f"-DVERSION={__version__}", f"-DSOURCE={payload}",
                             f"-DOUTDIR={tmp_path}", str(SCRIPT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    setup = tmp_path / f"OporaSetup-{__version__}.exe"
    assert setup.read_bytes()[:2] == b"MZ" and setup.stat().st_size > 100_000


def test_makensis_refuses_without_a_version_or_a_bundle(tmp_path):
    result = subprocess.run([_makensis(), "-V1", f"-DSOURCE={tmp_path}", str(SCRIPT)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "VERSION is not defined" in result.stdout + result.stderr
    result = subprocess.run([_makensis(), "-V1", "-DVERSION=1.0.0", f"-DSOURCE={tmp_path / 'none'}",
                             f"-DOUTDIR={tmp_path}", str(SCRIPT)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0  # no files to pack: the build stops instead of making an empty installer


def test_the_script_installs_per_machine_in_russian_with_shortcuts():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel admin" in text and 'InstallDir "$PROGRAMFILES64\\${APP_KEY}"' in text
    assert '!insertmacro MUI_LANGUAGE "Russian"' in text and "Unicode true" in text
    program = _section(text, "Программа")
    assert "SetShellVarContext all" in program  # shortcuts for every user of the PC
    assert 'CreateShortcut "$DESKTOP\\${APP_NAME}.lnk" "$INSTDIR\\${EXE}"' in program
    assert 'CreateShortcut "$SMPROGRAMS\\${APP_NAME}\\${APP_NAME}.lnk"' in program
    assert "selfcheck" in program  # «Проверить установку» in the Start menu
    assert 'WriteUninstaller "$INSTDIR\\Uninstall.exe"' in program
    for value in ("DisplayName", "DisplayVersion", "InstallLocation", "UninstallString"):
        assert f'"{value}"' in program
    # Russian pages: every MUI text the script sets is Cyrillic.
    for define in re.findall(r'!define (MUI_\w+_TEXT\w*|MUI_\w+_TITLE) "([^"]*)"', text):
        assert re.search("[А-Яа-яЁё]", define[1]), define


def test_an_upgrade_closes_a_running_opora_and_replaces_the_program_only():
    text = SCRIPT.read_text(encoding="utf-8")
    program = _section(text, "Программа")
    # Installed over an older version in its folder, after closing the running program.
    assert 'ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"' in text
    close = program.index("Call CloseRunning")
    assert close < program.index('RMDir /r "$INSTDIR\\_internal"') < program.index('File /r "${SOURCE}\\*.*"')
    assert "taskkill /IM ${EXE} /T" in text and "taskkill /F /IM ${EXE} /T" in text


def test_the_uninstaller_keeps_the_users_data():
    text = SCRIPT.read_text(encoding="utf-8")
    uninstall = _section(text, "Uninstall")
    assert "Call un.CloseRunning" in uninstall
    assert 'DeleteRegKey HKLM "${UNINSTALL_KEY}"' in uninstall
    removed = re.findall(r'^\s*(?:RMDir|Delete)\b.*$', uninstall, re.M)
    assert removed and all("$INSTDIR" in line or "$DESKTOP" in line or "$SMPROGRAMS" in line for line in removed)
    assert not re.search(r"LOCALAPPDATA|\$APPDATA|\$PROFILE", "\n".join(removed))
    assert 'RMDir /r "$INSTDIR"' not in uninstall  # only the program's own files, then the folder if empty
    assert "НЕ удаляются" in text  # and the confirmation page says so
