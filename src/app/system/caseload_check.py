"""Is the caseload table (staff → families) what its sources say? Checked after sign-in and by
`opora caseload check`; a difference is repaired by rebuilding the table, with an audit row.

The services keep the table in step in their own units of work (`app.core.caseload`), so a difference means
something wrote the sources another way: an SQL tool, a restore of a hand-edited file, a bug. A specialist
would then miss a family (or see one too many), so the check repairs it rather than only reporting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.actor import Actor
from app.core.caseload import CaseloadDifference
from app.core.permissions import VIEW_AUDIT, require

log = logging.getLogger("opora.caseload")


@dataclass(frozen=True)
class CaseloadCheck:
    found: CaseloadDifference
    rebuilt_rows: int | None = None  # rows after the rebuild; None when nothing was rebuilt

    @property
    def message(self) -> str:
        """One Russian sentence for a person (the CLI, the warning after sign-in)."""
        if self.found.ok:
            return "Закрепление семей за специалистами совпадает с данными."
        text = self.found.describe()
        text = text[0].upper() + text[1:]
        if self.rebuilt_rows is not None:
            return f"{text}; таблица перестроена (связей — {self.rebuilt_rows})."
        return f"{text}; перестройте её: opora caseload check --repair."


def check_caseload(session: Session) -> CaseloadDifference:
    """Compare only (a read unit is enough); no permission: it says nothing about any family."""
    return caseload.differences(session)


def repair_caseload(session: Session, actor: Actor) -> CaseloadCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild caseload»)."""
    found = caseload.differences(session)
    if found.ok:
        return CaseloadCheck(found)
    rows = caseload.rebuild(session)
    audit.record(session, actor, "rebuild", "caseload", None, ["missing", "extra"])
    log.warning("caseload rebuilt: %d missing, %d extra links; %d rows now", found.missing, found.extra, rows)
    return CaseloadCheck(found, rows)


def repair_caseload_as_admin(session: Session, actor: Actor) -> CaseloadCheck:
    """`opora caseload check --repair`: an administrator's command."""
    require(actor, VIEW_AUDIT)
    return repair_caseload(session, actor)
