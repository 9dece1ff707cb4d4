"""Where the shipped resources (seeds, fonts, templates, translations) live."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    """`resources/` beside `src/` in a checkout and in the installed tree; OPORA_RESOURCES overrides."""
    override = os.environ.get("OPORA_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parents[3] / "resources"


def load_json(relative: str) -> Any:
    return json.loads((resources_dir() / relative).read_text(encoding="utf-8"))
