"""#12 item 4, the staff part: specialists named in journals who are not in the staff dictionary are listed
by the preview and created as staff records (no user account; the position from the journal when it has one)
by a user allowed to edit dictionaries; for anyone else the rows are refused and the names reported as
unknown, to be mapped to an employee or added to the dictionary."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.core.errors import PermissionDenied
from app.importing.matching import STAFF, split_position
from app.importing.outcome import DUPLICATE, ERROR, NEW
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from db.models import AuditEntry, DictionaryItem, HomeVisit, RehabSession, Staff, User, visit_staff
from tests.app.importing.samples import snils, write_xlsx

CHILD_SNILS = snils("667788990")


def _run(database, actor, path, kind, **kwargs):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    dry = kwargs.pop("dry_run", False)
    return run_import(database, actor, ImportRequest(source, mapping, **kwargs), before_write=lambda: None,
                      dry_run=dry)


def _admin(world):
    return replace(world.admin, working_role="coordinator", office_ids=frozenset({world.office_id}))


@pytest.fixture
def registered(database, world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Королёва Мария Ивановна", "01.01.1985", None, "Центральный"],
        [1, "Королёв Артём Олегович", "02.02.2016", CHILD_SNILS, None],
        [1, "Королёва Вера Олеговна", "03.03.2018", None, None],
    ])
    summary, _preview = _run(database, world.coordinator, path, "families")
    assert summary.created == 3


def _service(database):
    with database.read() as session:
        return session.execute(select(DictionaryItem.name).where(DictionaryItem.kind == "__none__")).first() or \
            "Психологическая коррекция"


def _staff(database):
    with database.read() as session:
        return sorted((s.last_name, s.first_name, s.middle_name, position, s.office_id) for s, position in
                      session.execute(select(Staff, DictionaryItem.code)
                                      .join(DictionaryItem, DictionaryItem.id == Staff.position_id)))


@pytest.mark.parametrize(("text", "expected"), [
    ("Смирнова О.И.", ("Смирнова О.И.", None)),
    ("Смирнова О.И., педагог-психолог", ("Смирнова О.И.", "педагог-психолог")),
    ("Смирнова О.И. (логопед)", ("Смирнова О.И.", "логопед")),
    ("педагог-психолог Смирнова Ольга Ивановна", ("Смирнова Ольга Ивановна", "педагог-психолог")),
    ("Смирнова-Петрова Ольга", ("Смирнова-Петрова Ольга", None))])
def test_a_position_written_beside_the_name(text, expected):
    assert split_position(text) == expected


def test_journal_staff_are_created_for_an_administrator(database, world, tmp_path, registered):
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "Специалист", "Должность", "Услуга", "Тип занятия",
         "Отметка", "Форма работы"],
        ["03.03.2025", "10:00", "Королёв Артём", "02.02.2016", "Новикова Т.С.", "учитель-логопед",
         "Психологическая коррекция", "инд.", "+", "в центре"],
        ["04.03.2025", "10:00", "Королёв Артём", "02.02.2016", "Новикова Татьяна Сергеевна", None,
         "Психологическая коррекция", "инд.", "+", "в центре"],
        ["05.03.2025", "10:00", "Королёва Вера", "03.03.2018", "Смирнова О.И.", None,
         "Психологическая коррекция", "инд.", "н", "в центре"],
        ["05.03.2025", "11:00", "Королёва Вера", "03.03.2018", "Зуева", None,
         "Психологическая коррекция", "инд.", "+", "в центре"],
    ])
    admin = _admin(world)
    before = _staff(database)
    _summary, preview = _run(database, admin, path, "sessions", dry_run=True)
    assert [row.outcome for row in preview.rows] == [ERROR, ERROR, NEW, ERROR], preview.rows
    assert [(u.dictionary, u.text) for u in preview.unknown] == [
        (STAFF, "Зуева"), (STAFF, "Новикова Т.С."), (STAFF, "Новикова Татьяна Сергеевна")]
    assert "«Новикова Т.С.» не найден среди сотрудников" in preview.rows[0].reason
    summary, preview = _run(database, admin, path, "sessions", create_staff=True)
    assert [(u.dictionary, u.text) for u in preview.unknown] == [(STAFF, "Зуева")]  # one word: nobody to create
    assert "Зуева" in preview.rows[3].reason and "нужны фамилия и имя" in preview.rows[3].reason
    assert preview.notes == ["Будет создан сотрудник «Новикова Т. С.» без учётной записи (должность "
                             "«Учитель-логопед»; строк: 2)."], preview.notes
    assert (summary.created, summary.errors) == (3, 1)
    created = [s for s in _staff(database) if s not in before]
    assert [(s[0], s[1], s[2], s[3], s[4]) for s in created] == [("Новикова", "Т", "С", "speech_therapist",
                                                                   world.office_id)]
    with database.read() as session:
        staff_id = session.execute(select(Staff.id).where(Staff.last_name == "Новикова")).scalar_one()
        assert session.execute(select(func.count()).select_from(RehabSession)
                               .where(RehabSession.staff_id == staff_id)).scalar() == 2
        assert session.execute(select(func.count()).select_from(User).where(User.staff_id == staff_id)).scalar() == 0
        assert session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "staff", AuditEntry.entity_id == str(staff_id))).scalar() == 1
    # The same journal again: the employee is found, nothing is created twice.
    summary, preview = _run(database, admin, path, "sessions", create_staff=True)
    assert preview.notes == [] and [row.outcome for row in preview.rows][:3] == [DUPLICATE] * 3
    assert len(_staff(database)) == len(before) + 1


def test_without_dictionary_rights_journal_staff_are_reported_not_created(database, world, tmp_path, registered):
    path = write_xlsx(tmp_path / "visits.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения"],
        ["10.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Смирнова О.И.\nПетрова А.А., соц. педагог",
         "Обследование условий"],
        ["11.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Смирнова О.И., Кузнецова А.П.", "Патронаж"],
    ])
    before = _staff(database)
    summary, preview = _run(database, world.coordinator, path, "visits")
    assert [row.outcome for row in preview.rows] == [ERROR, NEW], preview.rows
    assert "Петрова А.А., соц. педагог" in preview.rows[0].reason and "право на справочники" in preview.rows[0].reason
    assert [(u.dictionary, u.text, u.rows) for u in preview.unknown] == [(STAFF, "Петрова А.А., соц. педагог", 1)]
    assert summary.created == 1 and _staff(database) == before
    with pytest.raises(PermissionDenied):
        _run(database, world.coordinator, path, "visits", create_staff=True)
    # Mapped to an employee of the dictionary, the row comes in with them.
    summary, preview = _run(database, world.coordinator, path, "visits",
                            resolved={(STAFF, "Петрова А.А., соц. педагог"): world.speech_therapist_id})
    assert summary.created == 1 and preview.rows[0].outcome == NEW, preview.rows
    with database.read() as session:
        visit = session.execute(select(HomeVisit.id).where(HomeVisit.purpose == "Обследование условий")).scalar_one()
        staff = set(session.execute(select(visit_staff.c.staff_id).where(visit_staff.c.visit_id == visit)).scalars())
    assert staff == {world.psychologist_id, world.speech_therapist_id}


def test_one_name_chosen_for_creation_takes_the_position_from_the_cell(database, world, tmp_path, registered):
    path = write_xlsx(tmp_path / "visits.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения"],
        ["10.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Смирнова О.И.\nПетрова Анна Андреевна, соц. педагог",
         "Обследование условий"],
        ["12.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Орлова И.В.", "Патронаж"],
    ])
    summary, preview = _run(database, _admin(world), path, "visits",
                            create={(STAFF, "Петрова Анна Андреевна, соц. педагог")})
    assert [row.outcome for row in preview.rows] == [NEW, ERROR], preview.rows
    assert summary.created == 1
    created = [s for s in _staff(database) if s[0] in ("Петрова", "Орлова")]
    assert [(s[0], s[1], s[2], s[3]) for s in created] == [("Петрова", "Анна", "Андреевна", "social_pedagogue")]
