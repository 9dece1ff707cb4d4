"""All summaries the quarterly and the region's reports read, checked and repaired together (`opora summary check`).

Each summary states its own derivation, check and rebuild (app.reports.session_summary: the sessions' monthly
summary; app.reports.service_summary: the services' yearly summary by recipient); the administrator runs one command
for both and reads one sentence per summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference
from app.reports.service_summary import check_service_summary, repair_service_summary_as_admin
from app.reports.session_summary import REPAIR_COMMAND, check_summary, repair_summary_as_admin


@dataclass(frozen=True)
class SummariesCheck:
    checks: tuple[DerivedCheck, ...]

    @property
    def found(self) -> Difference:
        """The first summary that differs (or the first one when all match): its `ok` is the whole check's."""
        return next((check.found for check in self.checks if not check.found.ok), self.checks[0].found)

    @property
    def message(self) -> str:
        return " ".join(check.message for check in self.checks)


def check_summaries(session: Session) -> SummariesCheck:
    return SummariesCheck((DerivedCheck(check_summary(session), REPAIR_COMMAND),
                           DerivedCheck(check_service_summary(session), REPAIR_COMMAND)))


def repair_summaries_as_admin(session: Session, actor: Actor) -> SummariesCheck:
    """In a write unit: each summary compared, and rebuilt (audited) when it differs."""
    return SummariesCheck((repair_summary_as_admin(session, actor), repair_service_summary_as_admin(session, actor)))
