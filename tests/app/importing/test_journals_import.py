"""Journal import: past sessions (group and individual, attendance) and home visits, matched to the
registry by СНИЛС or ФИО with birth date, to staff, services and delivery modes by name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.importing.matching import SERVICE
from app.importing.outcome import DUPLICATE, ERROR, NEW, UPDATE, Decisions
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from db.models import HomeVisit, RehabSession, Service, SessionParticipant, VisitService
from tests.app.importing.samples import snils, write_xlsx

CHILD_SNILS = snils("334455667")


def _run(database, actor, path, kind, **kwargs):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    dry = kwargs.pop("dry_run", False)
    return run_import(database, actor, ImportRequest(source, mapping, **kwargs), before_write=lambda: None,
                      dry_run=dry)


def _registry(database, world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Королёва Мария Ивановна", "01.01.1985", None, "Центральный"],
        [1, "Королёв Артём Олегович", "02.02.2016", CHILD_SNILS, None],
        [1, "Королёва Вера Олеговна", "03.03.2018", None, None],
    ])
    summary, _preview = _run(database, world.coordinator, path, "families")
    assert summary.created == 3


def _service_name(database, code="psy_correction"):
    with database.read() as session:
        return session.execute(select(Service.name).where(Service.code == code)).scalar_one()


def test_sessions_journal_group_and_individual_with_attendance(database, world, tmp_path):
    _registry(database, world, tmp_path)
    service = _service_name(database)
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Журнал учёта занятий"],
        ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Групповое",
         "Явка", "Причина отсутствия"],
        [datetime(2025, 3, 3), "10:00", None, None, CHILD_SNILS, "Смирнова О.И.", service, "да", "+", None],
        ["03.03.2025", "10:00", "КОРОЛЁВА ВЕРА ОЛЕГОВНА", "3.3.18", None, "Смирнова О. И.", service.upper(), "да",
         "н", "болела"],
        ["2025-03-04", "11.30", "Королева Вера", "03.03.2018", None, "Смирнова Ольга Ивановна", service, "нет",
         "да", None],
        ["04.03.2025", "12:00", "Королёва Мария Ивановна", "01.01.1985", None, "Смирнова", service, "нет", "да",
         None],
        ["05.03.2025", "12:00", "Никто Никак", "01.01.2015", None, "Смирнова", service, "нет", "да", None],
        ["06.03.2025", "12:00", None, None, CHILD_SNILS, "Петров", "Массаж", "нет", "да", None],
    ])
    summary, preview = _run(database, world.coordinator, path, "sessions")
    outcomes = [row.outcome for row in preview.rows]
    assert outcomes == [NEW, NEW, NEW, ERROR, ERROR, ERROR], preview.rows
    reasons = [row.reason for row in preview.rows]
    assert "18 лет" in reasons[3] and "не найден" in reasons[4]
    assert "Петров" in reasons[5] and "Массаж" in reasons[5]
    assert [(u.dictionary, u.text) for u in preview.unknown] == [(SERVICE, "Массаж"), ("staff", "Петров")]
    assert (summary.created, summary.errors) == (3, 3)
    with database.read() as session:
        sessions = session.execute(select(RehabSession).order_by(RehabSession.starts_at)).scalars().all()
        assert [(s.starts_at, s.is_group) for s in sessions] == [(datetime(2025, 3, 3, 10), True),
                                                                 (datetime(2025, 3, 4, 11, 30), False)]
        marks = session.execute(select(SessionParticipant.attended, SessionParticipant.absence_reason_id)
                                .where(SessionParticipant.session_id == sessions[0].id)).all()
        assert sorted(marks, key=str) == sorted([(True, None), (False, world.code(session, "absence_reason",
                                                                                   "illness"))], key=str)
    with database.read() as session:  # the specialists' caseload links came in with the sessions
        from app.core.caseload import differences

        assert differences(session).ok, differences(session).describe()
    summary, preview = _run(database, world.coordinator, path, "sessions")
    assert [row.outcome for row in preview.rows][:3] == [DUPLICATE, DUPLICATE, DUPLICATE]
    assert summary.created == 0
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(RehabSession)).scalar() == 2


def test_visits_journal_with_services_and_update_decision(database, world, tmp_path):
    _registry(database, world, tmp_path)
    service = _service_name(database)
    path = write_xlsx(tmp_path / "visits.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения", "Услуги", "Выводы"],
        ["10.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Смирнова О.И., Кузнецова А.П.",
         "Обследование условий", service, "Условия удовлетворительные"],
        ["10.02.2025", None, None, "Смирнова О.И.", "Повтор", None, None],
        ["11.02.2025", "Королёв Артём Олегович", "02.02.2016", "Смирнова О.И.", "Патронаж", None, None],
        ["12.02.2025", "Королёв Артём Олегович", "02.02.2016", "Смирнова О.И.", None, None, None],
    ])
    summary, preview = _run(database, world.coordinator, path, "visits")
    assert [row.outcome for row in preview.rows] == [NEW, ERROR, NEW, ERROR]
    assert "цель" in preview.rows[3].reason
    assert summary.created == 2
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(HomeVisit)).scalar() == 2
        assert session.execute(select(func.count()).select_from(VisitService)).scalar() == 1
    changed = write_xlsx(tmp_path / "changed.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения", "Выводы"],
        ["10.02.2025", "Королёва Мария Ивановна", "01.01.1985", "Смирнова О.И.", "Обследование условий",
         "Условия хорошие"],
    ])
    summary, preview = _run(database, world.coordinator, changed, "visits")
    assert preview.rows[0].outcome == UPDATE and summary.skipped == 1
    summary, preview = _run(database, world.coordinator, changed, "visits", decisions=Decisions("update"))
    assert summary.updated == 1
    with database.read() as session:
        assert session.execute(select(HomeVisit.conclusions).where(HomeVisit.visit_date == datetime(2025, 2, 10).date())
                               ).scalar_one() == "Условия хорошие"


def test_caseload_person_rows_of_a_journal_survive_rows_added_meanwhile(database, world, tmp_path):
    """#12: each family's members and each member's `caseload_persons` rows are read once per import; rows another
    user's save added between two of its commits (a visit linking the same specialist) are not inserted twice,
    the import goes on, and the rows equal what the links say afterwards."""
    from app.core import caseload
    from app.importing.sessions_bulk import CaseloadLinks
    from db.models import CaseloadPerson, FamilyMember, Person

    _registry(database, world, tmp_path)
    with database.read() as session:
        members = session.execute(select(Person.id, FamilyMember.family_id)
                                  .join(FamilyMember, FamilyMember.person_id == Person.id)).all()
    links = CaseloadLinks()
    with database.write() as session:
        links.add(session, {(world.psychologist_id, members[0][0])})
    family = members[0][1]
    with database.write() as session:  # another user's save links the speech therapist to the same family
        caseload.link(session, [(world.speech_therapist_id, family)])
    with database.write() as session:
        links.add(session, {(world.speech_therapist_id, members[0][0])})
    with database.read() as session:
        # The person rows equal what the links say (the links themselves come from no session here).
        found = caseload.differences(session)
        assert (found.persons_missing, found.persons_extra) == (0, 0), found
        people = {person for person, family_id in members if family_id == family}
        staff = set(session.execute(select(CaseloadPerson.staff_id).where(CaseloadPerson.person_id.in_(people)))
                    .scalars())
        assert staff == {world.psychologist_id, world.speech_therapist_id}


def test_caseload_links_of_a_journal_survive_a_link_made_meanwhile(database, world, tmp_path):
    """The journal's caseload links are worked out once per import; a link another user added after the import
    read a family's links (between two of its commits) is not inserted twice, and the others still go in."""
    from app.importing.sessions_bulk import CaseloadLinks
    from db.models import CaseloadEntry, FamilyMember, Person

    _registry(database, world, tmp_path)
    with database.read() as session:
        members = session.execute(select(Person.id, FamilyMember.family_id)
                                  .join(FamilyMember, FamilyMember.person_id == Person.id)).all()
    links = CaseloadLinks()
    with database.write() as session:
        links.add(session, {(world.psychologist_id, members[0][0])})
    family = members[0][1]
    with database.write() as session:  # another user's visit links the speech therapist meanwhile
        session.add(CaseloadEntry(staff_id=world.speech_therapist_id, family_id=family))
    with database.write() as session:
        links.add(session, {(world.speech_therapist_id, members[1][0]), (world.psychologist_id, members[1][0])})
    with database.read() as session:
        rows = session.execute(select(CaseloadEntry.staff_id).where(CaseloadEntry.family_id == family)).scalars()
        assert sorted(map(str, rows)) == sorted(map(str, {world.psychologist_id, world.speech_therapist_id}))
