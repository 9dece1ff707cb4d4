"""The steps every write repeats: insert a record, save the fields that changed, soft-delete it —
each stamped with the acting user and written to the audit log.

They run in the caller's transaction and never commit; permission checks and validation come first,
in the service that calls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import Saved, assign
from db.base import utc_now


def insert_record(session: Session, actor: Actor, model: Any, entity: str, values: dict[str, Any],
                  **links: Any) -> Any:
    """Insert `model(**values, **links)` created by the actor and audit the names of `values`
    (`links` are the owner ids, e.g. `person_id`, that the audit row does not list)."""
    record = model(**values, **links, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(record)
    session.flush()
    audit.record(session, actor, "create", entity, record.id, values.keys())
    return record


def audit_changes(session: Session, actor: Actor, record: Any, entity: str, changed: Iterable[str],
                  areas: frozenset[str]) -> Saved:
    """Stamp and audit an update whose changed field names are `changed`; `Saved` names `areas`
    only when something changed."""
    changed = list(changed)
    if not changed:
        return Saved(record.id, frozenset())
    record.updated_by = actor.user_id
    audit.record(session, actor, "update", entity, record.id, changed)
    return Saved(record.id, areas)


def update_record(session: Session, actor: Actor, record: Any, entity: str, values: dict[str, Any],
                  areas: frozenset[str]) -> Saved:
    """Set the `values` that differ from the record's and audit their names (see `audit_changes`)."""
    return audit_changes(session, actor, record, entity, assign(record, values), areas)


def soft_delete(session: Session, actor: Actor, record: Any, entity: str, areas: frozenset[str]) -> Saved:
    """Mark a record deleted (it stays for history and restoring) and audit the deletion."""
    record.deleted_at = utc_now()
    record.updated_by = actor.user_id
    audit.record(session, actor, "delete", entity, record.id)
    return Saved(record.id, areas)
