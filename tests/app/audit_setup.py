"""What a tamperer with direct database access would do first: remove the append-only triggers."""

from __future__ import annotations

from sqlalchemy import text


def drop_audit_triggers(database) -> None:
    with database.write() as session:
        if session.bind.dialect.name == "postgresql":
            session.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            session.execute(text("DROP TRIGGER audit_log_no_update"))
            session.execute(text("DROP TRIGGER audit_log_no_delete"))
