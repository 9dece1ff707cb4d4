"""Bulk audit rows (an import's thousands of records) join the same hash chain as single ones."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.core import audit
from db.models import AuditEntry


def test_record_many_continues_the_chain(database, world) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    with database.write() as session:
        audit.record(session, world.coordinator, "update", "family", ids[0], ["phone"])
        written = audit.record_many(session, world.coordinator, "create",
                                    [("person", ids[1], ["last_name", "first_name"]), ("family", ids[2], [])])
        audit.record(session, world.coordinator, "view", "family", ids[2])
    assert written == 2
    with database.read() as session:
        check = audit.verify_chain(session)
        rows = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.fields)
                               .order_by(AuditEntry.id.desc()).limit(4)).all()
        total = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    assert check.ok and check.rows == total
    assert [tuple(row) for row in rows] == [("view", "family", ""), ("create", "family", ""),
                                            ("create", "person", "first_name,last_name"),
                                            ("update", "family", "phone")]
