"""What every start checks before anyone works: the database's identity and the audit log's append-only triggers.

The identity is a random id kept in the settings table, written once; backups carry it in their manifests, so only
a database's own backups are offered to restore it. The triggers that refuse UPDATE and DELETE on the audit log are
what makes it append-only inside the database: someone with the file and an SQL tool can drop them, so each start
looks for them and recreates any that is missing, with an audit row saying so (the drop itself cannot be undone,
but it no longer goes unnoticed, and from that moment the log is protected again).
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import system_actor
from db.models import Setting

DATABASE_ID_SETTING = "database_id"
REFUSAL = "audit_log is append-only"  # the same text as migration 0003's triggers
SQLITE_TRIGGERS = {
    "audit_log_no_update": f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
    "audit_log_no_delete": f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
}
PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{REFUSAL}'; END; $$ LANGUAGE plpgsql"""
PG_TRIGGER = """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"""


def database_id(session: Session) -> str | None:
    row = session.get(Setting, DATABASE_ID_SETTING)
    return row.value if row is not None and isinstance(row.value, str) else None


def ensure_database_id(session: Session) -> str:
    """The database's identity, made on first need (in the caller's write unit)."""
    existing = database_id(session)
    if existing:
        return existing
    made = str(uuid.uuid4())
    session.merge(Setting(key=DATABASE_ID_SETTING, value=made))
    return made


def missing_audit_triggers(session: Session) -> list[str]:
    if session.get_bind().dialect.name == "postgresql":
        found = session.execute(text(
            "SELECT tgname FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND NOT tgisinternal")).all()
        return [] if found else ["audit_log_append_only"]
    present = set(session.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")).scalars())
    return [name for name in SQLITE_TRIGGERS if name not in present]


def ensure_audit_triggers(session: Session) -> list[str]:
    """Recreate the audit log's missing triggers (audited); returns the names recreated."""
    missing = missing_audit_triggers(session)
    if not missing:
        return []
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(PG_FUNCTION))
        session.execute(text(PG_TRIGGER))
    else:
        for name in missing:
            session.execute(text(SQLITE_TRIGGERS[name]))
    audit.record(session, system_actor("start"), "recreate", "audit_triggers", None, missing)
    return missing


def start_checks(session: Session) -> list[str]:
    """Run in the start's write unit: the identity exists, the triggers are there. Returns recreated triggers."""
    ensure_database_id(session)
    return ensure_audit_triggers(session)
