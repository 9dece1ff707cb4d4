#!/usr/bin/env python3
"""The Debian packages a PyInstaller bundle needs from the system, found from the bundle itself.

    installer/linux/depends.py BUNDLE_DIR        -> "libc6, libegl1, libfontconfig1, …" on stdout

Every ELF file in the bundle is passed to `ldd` with the bundle's own library folders first on the search
path; what resolves outside the bundle is a system library, and `dpkg -S` names the package that owns it.
A library that resolves nowhere is an error (the bundle would not start on the target either), listed with
the file that needs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return sorted(found)


def system_libraries(bundle: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(system library path -> bundle files needing it, missing library name -> bundle files needing it)."""
    files = elf_files(bundle)
    folders = sorted({str(path.parent) for path in files})
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(folders))
    root = str(bundle.resolve())
    needed: dict[str, set[str]] = {}
    missing: dict[str, set[str]] = {}
    for path in files:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
        for line in result.stdout.splitlines():
            line = line.strip()
            if "=> not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(path.relative_to(bundle)))
            elif "=>" in line:
                target = line.split("=>", 1)[1].split("(")[0].strip()
                if target and not os.path.realpath(target).startswith(root):
                    needed.setdefault(target, set()).add(str(path.relative_to(bundle)))
            elif line.startswith("/") and "ld-linux" in line:
                needed.setdefault(line.split()[0], set()).add(str(path.relative_to(bundle)))
    return needed, missing


def owner(library: str) -> str:
    """The package owning `library` (tried as given, resolved, and with/without the /usr prefix of merged /usr)."""
    real = os.path.realpath(library)
    candidates = [library, real]
    for path in (library, real):
        candidates.append(path[4:] if path.startswith("/usr/") else "/usr" + path)
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    raise SystemExit(f"no Debian package owns {library}")


def main() -> int:
    bundle = Path(sys.argv[1])
    needed, missing = system_libraries(bundle)
    if missing:
        for name, users in sorted(missing.items()):
            print(f"missing {name}, needed by {', '.join(sorted(users)[:3])}", file=sys.stderr)
        return 1
    packages = sorted({owner(library) for library in needed})
    print(", ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
