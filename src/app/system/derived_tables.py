"""The derived tables whose triggers a bulk write may pause, each with its rebuild: the one list.

A table kept by per-row triggers (named by a common prefix) is added here with the function that rebuilds it
from its sources; `app.core.derived_pause` pauses and restores them, the importer around its bulk writes and
the app's start after a killed import (`restore_paused`).
"""

from __future__ import annotations

from app.core.derived_pause import Pausable, pending, resume
from app.reports.service_summary import rebuild_service_summary
from app.reports.session_summary import rebuild_summary
from app.worklist.consent_states import rebuild_consent_states
from app.worklist.contact_days import rebuild_contact_days
from db.session import Database

PAUSABLE: tuple[Pausable, ...] = (
    Pausable("trg_contact_", rebuild_contact_days),  # migration 0014: contact_session_days
    Pausable("trg_rsum_", rebuild_summary),  # migration 0015: report_session_months, report_place_months
    Pausable("trg_consent_", rebuild_consent_states),  # migration 0018: consent_states
    Pausable("trg_rsvc_", rebuild_service_summary),  # migration 0020: report_service_years
)


def restore_paused(database: Database) -> int:
    """Finish what a bulk write killed half-way left (its triggers dropped): rebuild and restore, in one
    transaction. Returns the triggers restored (0, after one cheap read, when nothing was paused)."""
    with database.read() as session:
        if not pending(session):
            return 0
    with database.write() as session:
        return resume(session, PAUSABLE)
