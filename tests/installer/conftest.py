"""The built .deb for the installer tests (`make test-installer` builds it first and names it in OPORA_DEB)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def deb() -> Path:
    path = Path(os.environ.get("OPORA_DEB") or ROOT / "build" / f"opora_{__version__}_amd64.deb")
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make deb` (or `make test-installer`, which builds it)")
    return path


@pytest.fixture(scope="session")
def bundle() -> Path:
    path = ROOT / "build" / "dist" / "opora"
    if not (path / "opora").is_file():
        pytest.fail(f"no bundle in {path}: run `make deb`")
    return path
