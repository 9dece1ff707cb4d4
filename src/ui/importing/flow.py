"""The import wizard's plain state and what its pages may ask of the wizard (a protocol, so pages need not
import the wizard window)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app.importing.mappings import ColumnMapping
from app.importing.outcome import ImportSummary, Preview
from app.importing.runner import Source


@dataclass
class WizardState:
    source: Source | None = None
    mapping: ColumnMapping | None = None
    resolved: dict[tuple[str, str], uuid.UUID | None] = field(default_factory=dict)
    preview: Preview | None = None
    choices: dict[str, list[tuple[uuid.UUID, str]]] = field(default_factory=dict)
    summary: ImportSummary | None = None
    support_kinds: list[tuple[str, str]] = field(default_factory=list)  # (code, name) of case kinds
    open_support: str | None = None  # the kind every new family of a registry opens, when the file has none
    create: set[tuple[str, str]] = field(default_factory=set)  # (dictionary, text) to create in the dictionary
    may_create: bool = False  # the user may edit dictionaries (districts and settlements can be created)


class ImportFlow(Protocol):
    """The wizard as its pages see it: the state, and the steps that run on the worker thread."""

    state: WizardState

    def load_source(self, path: str, kind: str, sheet: str | None) -> bool: ...

    def make_preview(self, columns: dict[str, int] | None, save: bool) -> bool: ...

    def write(self, per_row: dict[int, str]) -> bool: ...

    def save_error_report(self, target: str | None = None) -> Path | None: ...
