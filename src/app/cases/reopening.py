"""Reopening a closed support case from the family card (#17 item 6): the closing date and reason are cleared and
the reason for reopening is kept in the case's notes with the day («Возобновлено 02.12.2026: …»), audited as
«reopen». A contract the closing terminated stays terminated: a new one is a paper of its own.

Runs in the caller's transaction; never commits.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from app.cases.cases import CASE_AREAS
from app.core import audit, caseload
from app.core.access import require_case
from app.core.actor import Actor
from app.core.changes import Saved, assign
from app.core.checks import Checker
from app.core.permissions import EDIT_RECORDS, require
from app.core.text import format_date

NOTES_LIMIT = 4000


def reopen_case(session: Session, actor: Actor, case_id: uuid.UUID, reason: str | None,
                today: date | None = None) -> Saved:
    require(actor, EDIT_RECORDS)
    case = require_case(session, actor, case_id, edit=True)
    check = Checker()
    if case.closed_on is None:
        check.fail("reason", "Сопровождение не закрыто — возобновлять нечего.")
    cleaned = check.text("reason", reason, "Причина возобновления", required=True, max_length=1000)
    check.done()
    line = f"Возобновлено {format_date(today or date.today())}: {cleaned}"
    notes = f"{case.notes}\n{line}" if case.notes else line
    if len(notes) > NOTES_LIMIT:
        check.fail("reason", "Поле «Причина возобновления»: примечание сопровождения заполнено — сократите его "
                             "в карточке сопровождения или причину.")
        check.done()
    changed = assign(case, {"closed_on": None, "closing_reason_id": None, "outcome_id": None, "notes": notes})
    case.updated_by = actor.user_id
    session.flush()
    audit.record(session, actor, "reopen", "support_case", case.id, changed)
    caseload.refresh(session, [case.family_id])
    return Saved(case.id, CASE_AREAS)
