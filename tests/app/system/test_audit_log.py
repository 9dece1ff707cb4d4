"""The audit log: append-only in the database, the viewer's filters and pages, XLSX export, `opora audit`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from app.core.audit import chain_head
from app.core.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.system.audit_log import AuditFilter, audit_choices, export_audit_xlsx, search_audit
from app.system.bootstrap import log_in
from cli.main import run
from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from tests.world import PASSWORD


def _log_some(database) -> None:
    log_in(database, "coord", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        log_in(database, "spec", "wrong-password1")
    log_in(database, "spec", PASSWORD)


def test_update_and_delete_are_refused_by_the_database(database, world):
    _log_some(database)
    with database.read() as session:
        count = session.execute(select(AuditEntry.id)).all()
    for statement in (update(AuditEntry).values(fields="x"), delete(AuditEntry),
                      text("UPDATE audit_log SET login = 'someone' WHERE id = 1")):
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(statement)
    with database.read() as session:
        assert session.execute(select(AuditEntry.id)).all() == count


def test_viewer_filters_and_pages(database, world):
    _log_some(database)
    today = date.today()
    with database.read() as session:
        everything = search_audit(session, world.admin, AuditFilter())
        failed = search_audit(session, world.admin, AuditFilter(action="login_failed"))
        spec = search_audit(session, world.admin, AuditFilter(login="SPEC", action="login"))
        page = search_audit(session, world.admin, AuditFilter(), offset=1, limit=2)
        today_only = search_audit(session, world.admin, AuditFilter(date_from=today, date_to=today))
        yesterday = search_audit(session, world.admin, AuditFilter(date_to=today - timedelta(days=1)))
        users = search_audit(session, world.admin, AuditFilter(entity="user"))
        logins, actions, entities = audit_choices(session, world.admin)
    assert [row.id for row in everything.rows] == sorted((row.id for row in everything.rows), reverse=True)
    assert (failed.total, failed.rows[0].login, failed.rows[0].action_title) == (1, "spec", "Неудачный вход")
    assert spec.total == 1 and spec.rows[0].entity_title == "Пользователь"
    assert page.total == everything.total and [r.id for r in page.rows] == [r.id for r in everything.rows[1:3]]
    assert today_only.total == everything.total and yesterday.total == 0
    assert users.total == everything.total - 1  # all but the organisation's creation at setup
    assert {"coord", "spec", "setup", "init"} <= set(logins) and {"login", "login_failed", "create"} <= set(actions)
    assert "user" in entities
    with database.read() as session, pytest.raises(ValidationError):
        search_audit(session, world.admin, AuditFilter(date_from=today, date_to=today - timedelta(days=1)))
    for someone in (world.coordinator, world.specialist):
        with database.read() as session, pytest.raises(PermissionDenied):
            search_audit(session, someone, AuditFilter())


def test_export_writes_every_matching_row_and_is_audited(database, world, tmp_path):
    _log_some(database)
    with database.write() as session:
        head = chain_head(session)
        path = export_audit_xlsx(session, world.admin, AuditFilter(login="spec"), tmp_path / "audit.xlsx")
    sheet = load_workbook(path).active
    # The chain head at the moment of export is printed above the table (#15: kept outside the table too).
    assert any(f"№ {head.last_id}, контрольная сумма {head.hash}" in str(cell.value or "")
               for row in sheet.iter_rows(max_row=5) for cell in row)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(next(row for row in values if row[0] == "№ записи"))
    body = values[header + 1:]
    assert [row[4] for row in body] == ["Неудачный вход", "Вход"]
    assert {row[2] for row in body} == {"spec"} and all(row[1] for row in body)
    assert not any("secret" in str(cell) for row in values for cell in row)  # field names, never values
    with database.read() as session:
        last = session.execute(select(AuditEntry.action, AuditEntry.entity).order_by(AuditEntry.id.desc())).first()
    assert tuple(last) == ("export", "audit_log")


def test_cli_verify_names_the_first_broken_row(database, world, monkeypatch, capsys):
    _log_some(database)
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["audit", "verify", "--db", database.url, "--user", "admin"]) == 0
    assert "Журнал аудита цел" in capsys.readouterr().out
    drop_audit_triggers(database)
    with database.read() as session:
        third = session.execute(select(AuditEntry.id).order_by(AuditEntry.id).offset(2).limit(1)).scalar_one()
    with database.write() as session:
        session.execute(update(AuditEntry).where(AuditEntry.id == third).values(workstation="elsewhere"))
    assert run(["audit", "verify", "--db", database.url, "--user", "admin"]) == 3
    assert f"запись № {third} изменена" in capsys.readouterr().out
    assert run(["audit", "verify", "--db", database.url, "--user", "coord"]) == 1
    assert "только администратору" in capsys.readouterr().err


def test_cli_verify_detects_a_removed_row(database, world, monkeypatch, capsys):
    _log_some(database)
    drop_audit_triggers(database)
    with database.read() as session:
        ids = session.execute(select(AuditEntry.id).order_by(AuditEntry.id)).scalars().all()
    with database.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.id == ids[1]))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["audit", "verify", "--db", database.url, "--user", "admin"]) == 3
    assert f"запись № {ids[2]}" in capsys.readouterr().out


def test_cli_export(database, world, monkeypatch, capsys, tmp_path):
    _log_some(database)
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    target = tmp_path / "журнал"
    assert run(["audit", "export", "--db", database.url, "--user", "admin", "--out", str(target),
                "--action", "login_failed", "--from", date.today().strftime("%d.%m.%Y")]) == 0
    assert "Записан файл" in capsys.readouterr().out
    sheet = load_workbook(target.with_suffix(".xlsx")).active
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row[4] == "Неудачный вход") == 1
    assert run(["audit", "export", "--db", database.url, "--user", "admin", "--out", str(target),
                "--from", "31.02.2026"]) == 1
    assert "--from" in capsys.readouterr().err
