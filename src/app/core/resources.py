"""Where the shipped resources (seeds, fonts, templates, translations) live."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    """`resources/` beside `src/` in a checkout and in the installed tree, inside the bundle when frozen by
    PyInstaller (installer/opora.spec); OPORA_RESOURCES overrides."""
    override = os.environ.get("OPORA_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def load_json(relative: str) -> Any:
    return json.loads((resources_dir() / relative).read_text(encoding="utf-8"))
