"""A migration file loaded as a module, for tests that run its fill statements against the services' rebuild."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).resolve().parents[1] / "src/db/migrations/versions"


def migration_module(file_name: str) -> ModuleType:
    path = VERSIONS / file_name
    spec = importlib.util.spec_from_file_location(f"migration_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
