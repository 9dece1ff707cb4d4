"""#15 (a): the duplicate preview tells nothing about people outside the importing user's scope —
neither in the registry preview nor in a journal's — only where they are registered and whom to ask."""

from __future__ import annotations

from sqlalchemy import insert, select

from app.importing.outcome import ERROR
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from db.models import Office, User, user_offices
from tests.app.importing.samples import snils, write_xlsx

MOTHER_SNILS = snils("778899001")
CHILD_SNILS = snils("778899002")


def _run(database, actor, path, kind, dry_run=True):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return run_import(database, actor, ImportRequest(source, mapping), before_write=lambda: None, dry_run=dry_run)


def _registered(database, world, tmp_path):
    with database.write() as session:
        coord = session.execute(select(User.id).where(User.login == "coord")).scalar_one()
        session.execute(insert(user_offices).values(user_id=coord, office_id=world.office_id))
        office = session.get(Office, world.office_id).name
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Зимина Алла Борисовна", "17.06.1984", MOTHER_SNILS, "Центральный"],
        [1, "Зимин Роман Петрович", "21.08.2015", CHILD_SNILS, None],
    ])
    summary, _preview = _run(database, world.coordinator, path, "families", dry_run=False)
    assert summary.created == 2
    return office


def _leaks(reason: str) -> bool:
    return any(word in reason for word in ("Зимин", "Алла", "17.06.1984", "21.08.2015", "Роман"))


def test_specialist_learns_nothing_about_a_family_outside_their_scope(database, world, tmp_path):
    office = _registered(database, world, tmp_path)
    path = write_xlsx(tmp_path / "probe.xlsx", [
        ["ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        ["Проверкин Пётр Петрович", "01.01.1990", MOTHER_SNILS, "Центральный"],
        ["Зимина Алла Борисовна", "17.06.1984", None, "Центральный"],
    ])
    _summary, preview = _run(database, world.specialist, path, "families")
    assert [row.outcome for row in preview.rows] == [ERROR, ERROR]
    for row in preview.rows:
        assert not _leaks(row.reason), row.reason
        assert f"отделении «{office}»" in row.reason and "координатору (Координатор)" in row.reason
    # The coordinator of that office sees whom the СНИЛС belongs to, as before.
    _summary, preview = _run(database, world.coordinator, path, "families")
    assert "Зимина Алла Борисовна" in preview.rows[0].reason


def test_journal_rows_about_people_outside_scope_name_nobody(database, world, tmp_path):
    _registered(database, world, tmp_path)
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "СНИЛС", "Специалист", "Услуга"],
        ["03.03.2025", CHILD_SNILS, "Смирнова О.И.", "Психологическая коррекция"],
    ])
    _summary, preview = _run(database, world.specialist, path, "sessions")
    assert preview.rows[0].outcome == ERROR
    assert not _leaks(preview.rows[0].reason) and "обратитесь к координатору" in preview.rows[0].reason
    assert not _leaks(preview.rows[0].summary), preview.rows[0].summary


def test_a_specialist_imports_only_their_own_sessions(database, world, tmp_path):
    """The fast path for sessions keeps the service's rule: a specialist records only their own sessions."""
    registry = write_xlsx(tmp_path / "own.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Ларина Ольга Петровна", "01.02.1985", None, "Центральный"],
        [1, "Ларин Игорь Олегович", "03.04.2016", snils("778899003"), None],
    ])
    summary, _preview = _run(database, world.specialist, registry, "families", dry_run=False)
    assert summary.created == 2
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "СНИЛС", "Специалист", "Услуга", "Отметка"],
        ["03.03.2025", snils("778899003"), "Смирнова О.И.", "Психологическая коррекция", "+"],
        ["04.03.2025", snils("778899003"), "Кузнецова А.П.", "Психологическая коррекция", "+"],
    ])
    summary, preview = _run(database, world.specialist, path, "sessions", dry_run=False)
    assert summary.created == 1
    assert preview.rows[1].outcome == ERROR and "только свои занятия" in preview.rows[1].reason
