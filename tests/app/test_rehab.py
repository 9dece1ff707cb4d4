"""Rehabilitation sessions: scheduling rules, series, double booking, attendance and its statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from app.errors import NotFound, PermissionDenied, ValidationError
from app.families import FamilyData, MemberData, NewFamily, register_family
from app.persons import PersonData
from app.rehab import (
    AttendanceMark,
    SessionData,
    attendance_stats,
    cancel_session,
    create_recurring_sessions,
    create_session,
    delete_session,
    find_conflicts,
    mark_attendance,
    occurrence_starts,
    update_session,
    week_sessions,
)
from db.models import AuditEntry, FamilyMember, Person, RehabSession, Service, SessionParticipant

MONDAY = date(2026, 3, 2)
FIRST_NAMES = ["Артём", "Борис", "Вера", "Галина", "Денис", "Елена", "Жанна", "Зоя", "Иван", "Кира"]


def _family(world, session, children: int, last_name: str = "Королёв") -> tuple[list, object]:
    """A mother with `children` children; returns (child ids in name order, mother id)."""
    child_role = world.code(session, "member_role", "child")
    members = [MemberData(world.code(session, "member_role", "mother"), True,
                          person=PersonData("Королёва", "Мария", None, "F", date(1985, 1, 1)))]
    members += [MemberData(child_role, False, person=PersonData(last_name, FIRST_NAMES[i % 10], None, "M",
                                                                date(2016, 1, 1) + timedelta(days=i)))
                for i in range(children)]
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15))
    family_id = register_family(session, world.specialist, NewFamily(family, members)).id
    rows = session.execute(select(Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
                           .where(FamilyMember.family_id == family_id).order_by(Person.birth_date)).all()
    return [row.id for row in rows[1:]], rows[0].id


def _service(session, code: str = "psy_correction"):
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def _data(world, session, starts_at: datetime, person_ids: list, **overrides) -> SessionData:
    values = dict(starts_at=starts_at, duration_min=40, staff_id=world.psychologist_id,
                  service_id=_service(session),
                  delivery_mode_id=world.code(session, "delivery_mode", "centre"),
                  person_ids=person_ids, is_group=len(person_ids) > 1, place="Кабинет 5", topic="Эмоции")
    values.update(overrides)
    return SessionData(**values)


def _add(world, session, starts_at: datetime, person_ids: list, **overrides):
    """Schedule a session as the specialist; returns its id."""
    data = _data(world, session, starts_at, person_ids, **overrides)
    return create_session(session, world.specialist, data).id


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.fixture
def kids(database, world) -> list:
    with database.write() as session:
        children, mother = _family(world, session, 3)
    return [*children, mother]


def test_create_session_and_see_it_in_the_week(database, world, kids):
    with database.write() as session:
        saved = create_session(session, world.specialist, _data(world, session, _at(MONDAY, 10), kids[:1]))
    assert saved.changes == frozenset({"sessions"})
    with database.read() as session:
        rows = week_sessions(session, staff_id=world.psychologist_id, week_start=MONDAY)
        assert week_sessions(session, staff_id=world.speech_therapist_id, week_start=MONDAY) == []
        assert week_sessions(session, person_id=kids[0], week_start=MONDAY) == rows
        assert week_sessions(session, person_id=kids[1], week_start=MONDAY) == []
        assert week_sessions(session, week_start=MONDAY + timedelta(days=7)) == []
        fields = session.execute(select(AuditEntry.fields)
                                 .where(AuditEntry.entity == "rehab_session")).scalar_one()
    assert len(rows) == 1
    row = rows[0]
    assert (row.id, row.starts_at, row.ends_at, row.duration_min) == (
        saved.id, _at(MONDAY, 10), _at(MONDAY, 10, 40), 40)
    assert row.service == "Психологическая коррекция"
    assert row.staff_name == "Смирнова О.И."
    assert [p.name for p in row.participants] == ["Королёв А."]
    assert (row.attendance, row.cancelled, row.is_group) == ("not_marked", False, False)
    assert row.place == "Кабинет 5"
    assert {"starts_at", "staff_id", "person_ids"} <= set(fields.split(","))


def test_session_rules_name_their_fields_and_save_nothing(database, world, kids):
    with database.read() as session:
        cases = [
            (_data(world, session, _at(MONDAY, 10), kids[:2], is_group=False, duration_min=4), "person_ids",
             "один ребёнок"),
            (_data(world, session, _at(MONDAY, 10), kids[:1], is_group=True, duration_min=481), "person_ids",
             "от 2 до 30"),
            (_data(world, session, _at(MONDAY, 10), [kids[3]]), "person_ids", "не ребёнок"),
            (_data(world, session, _at(MONDAY, 10), [], is_group=False), "person_ids", "«Участники»"),
            (_data(world, session, None, kids[:1], staff_id=None, service_id=None,
                   delivery_mode_id=world.code(session, "absence_reason", "illness")),
             "starts_at", "обязательно"),
        ]
    expected_keys = [{"person_ids", "duration_min"}, {"person_ids", "duration_min"}, {"person_ids"},
                     {"person_ids"}, {"starts_at", "staff_id", "service_id", "delivery_mode_id"}]
    for (data, key, text), keys in zip(cases, expected_keys, strict=True):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_session(session, world.specialist, data)
        errors = caught.value.errors
        assert set(errors) == keys
        assert text in errors[key]
        if "person_ids" in errors:
            assert errors["person_ids"].startswith("Поле «Участники»")
        if "duration_min" in errors:
            assert "«Длительность, мин»: целое число от 5 до 480" in errors["duration_min"]
    with database.read() as session:
        assert session.execute(select(RehabSession.id)).all() == []


def test_group_allows_at_most_thirty_children(database, world):
    with database.write() as session:
        children, _mother = _family(world, session, 31)
        data = _data(world, session, _at(MONDAY, 10), children)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_session(session, world.specialist, data)
    assert "выбрано: 31" in caught.value.errors["person_ids"]
    with database.write() as session:
        _add(world, session, _at(MONDAY, 10), children[:30])
    with database.read() as session:
        assert len(week_sessions(session, week_start=MONDAY)[0].participants) == 30


def test_recurrence_dates_are_exact():
    wednesday = datetime(2026, 3, 4, 10, 30)
    assert occurrence_starts(wednesday, {0, 2}, 2) == [
        datetime(2026, 3, 4, 10, 30), datetime(2026, 3, 9, 10, 30), datetime(2026, 3, 11, 10, 30),
        datetime(2026, 3, 16, 10, 30)]
    assert occurrence_starts(wednesday, {4}, 3) == [
        datetime(2026, 3, 6, 10, 30), datetime(2026, 3, 13, 10, 30), datetime(2026, 3, 20, 10, 30)]


def test_recurring_sessions_share_a_series(database, world, kids):
    with database.write() as session:
        data = _data(world, session, datetime(2026, 3, 4, 10, 30), kids[:2])
        ids = create_recurring_sessions(session, world.specialist, data, {0, 2}, 2)
    with database.read() as session:
        rows = session.execute(select(RehabSession.id, RehabSession.starts_at, RehabSession.series_id)
                               .order_by(RehabSession.starts_at)).all()
        participants = session.execute(select(SessionParticipant.id)).all()
        audit_rows = session.execute(select(AuditEntry.entity, AuditEntry.entity_id)
                                     .where(AuditEntry.entity.like("rehab%"))).all()
    assert [row.id for row in rows] == ids
    assert [row.starts_at for row in rows] == [datetime(2026, 3, 4, 10, 30), datetime(2026, 3, 9, 10, 30),
                                               datetime(2026, 3, 11, 10, 30), datetime(2026, 3, 16, 10, 30)]
    assert len({row.series_id for row in rows}) == 1 and rows[0].series_id is not None
    assert len(participants) == 8
    assert audit_rows == [("rehab_session_series", str(rows[0].series_id))]


def test_recurrence_parameters_are_checked(database, world, kids):
    with database.read() as session:
        data = _data(world, session, _at(MONDAY, 10), kids[:1])
    for weekdays, weeks, keys in (({7}, 2, {"weekdays"}), (set(), 2, {"weekdays"}), ({1}, 0, {"weeks"}),
                                  ({1}, 53, {"weeks"})):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_recurring_sessions(session, world.specialist, data, weekdays, weeks)
        assert set(caught.value.errors) == keys
    assert "от 1 до 52" in caught.value.errors["weeks"]


def test_double_booking_of_the_specialist(database, world, kids):
    with database.write() as session:
        first = _add(world, session, _at(MONDAY, 10), kids[:1])
    with database.read() as session:
        overlapping = _data(world, session, _at(MONDAY, 10, 30), kids[1:2])
        before = _data(world, session, _at(MONDAY, 9, 30), kids[1:2])
        adjacent = _data(world, session, _at(MONDAY, 10, 40), kids[1:2])
        other_staff = _data(world, session, _at(MONDAY, 10, 30), kids[1:2],
                            staff_id=world.speech_therapist_id)
        conflicts = find_conflicts(session, overlapping)
        assert [(c.session_id, c.kind, c.who) for c in conflicts] == [(first, "staff", "Смирнова О.И.")]
        assert len(find_conflicts(session, before)) == 1
        assert find_conflicts(session, adjacent) == []
        assert find_conflicts(session, other_staff) == []
        assert find_conflicts(session, overlapping, exclude_session_id=first) == []
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_session(session, world.specialist, overlapping)
    message = caught.value.errors["starts_at"]
    assert "специалист Смирнова О.И. — 02.03.2026 10:00–10:40" in message
    with database.write() as session:
        create_session(session, world.specialist, adjacent)
        create_session(session, world.specialist, overlapping, allow_conflicts=True)
    with database.read() as session:
        assert len(week_sessions(session, week_start=MONDAY)) == 3


def test_double_booking_of_the_child(database, world, kids):
    with database.write() as session:
        create_session(session, world.specialist, _data(world, session, _at(MONDAY, 10), kids[:2]))
    with database.read() as session:
        data = _data(world, session, _at(MONDAY, 10, 20), kids[1:2], staff_id=world.speech_therapist_id,
                     service_id=_service(session, "ped_speech"))
        conflicts = find_conflicts(session, data)
    assert [(c.kind, c.who, c.starts_at, c.ends_at) for c in conflicts] == [
        ("child", "Королёв Б.", _at(MONDAY, 10), _at(MONDAY, 10, 40))]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_session(session, world.specialist, data)
    assert "ребёнок Королёв Б. — 02.03.2026 10:00–10:40" in caught.value.errors["starts_at"]
    with database.read() as session:
        assert len(week_sessions(session, week_start=MONDAY)) == 1


def test_cancelled_and_deleted_sessions_do_not_conflict(database, world, kids):
    with database.write() as session:
        cancelled = _add(world, session, _at(MONDAY, 10), kids[:1])
        deleted = _add(world, session, _at(MONDAY, 12), kids[:1])
    with database.write() as session:
        cancel_session(session, world.specialist, cancelled)
        delete_session(session, world.specialist, deleted)
    with database.read() as session:
        assert find_conflicts(session, _data(world, session, _at(MONDAY, 10), kids[:1])) == []
        assert find_conflicts(session, _data(world, session, _at(MONDAY, 12), kids[:1])) == []
        rows = week_sessions(session, week_start=MONDAY)
    assert [(r.id, r.cancelled) for r in rows] == [(cancelled, True)]


def test_series_conflict_names_the_date(database, world, kids):
    with database.write() as session:
        _add(world, session, _at(MONDAY + timedelta(days=14), 10, 20), kids[2:3])
        data = _data(world, session, _at(MONDAY, 10), kids[:1])
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_recurring_sessions(session, world.specialist, data, {0}, 4)
    assert "16.03.2026 10:20–11:00" in caught.value.errors["starts_at"]
    with database.read() as session:
        assert len(session.execute(select(RehabSession.id)).all()) == 1
    with database.write() as session:
        ids = create_recurring_sessions(session, world.specialist, data, {0}, 4, allow_conflicts=True)
    assert len(ids) == 4


def test_update_keeps_marks_of_children_who_stay(database, world, kids):
    with database.write() as session:
        session_id = _add(world, session, _at(MONDAY, 10), kids[:2])
        participant = session.execute(select(SessionParticipant.id).where(
            SessionParticipant.person_id == kids[0])).scalar_one()
        mark_attendance(session, world.specialist, [(participant, True, None)])  # a plain tuple
    with database.write() as session:
        saved = update_session(session, world.coordinator, session_id,
                               _data(world, session, _at(MONDAY, 11), [kids[0], kids[2]], duration_min=60))
    assert saved.changes == frozenset({"sessions"})
    with database.read() as session:
        row = week_sessions(session, week_start=MONDAY)[0]
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.action == "update", AuditEntry.fields != "attendance")).scalar_one()
    assert (row.starts_at, row.duration_min) == (_at(MONDAY, 11), 60)
    assert [(p.person_id, p.attended) for p in row.participants] == [(kids[0], True), (kids[2], None)]
    assert row.attendance == "partly_marked"
    assert set(fields.split(",")) == {"starts_at", "duration_min", "person_ids"}
    with database.write() as session:
        # Moving a session over its own old time is not a conflict with itself.
        update_session(session, world.coordinator, session_id, _data(world, session, _at(MONDAY, 11, 10),
                                                                     [kids[0], kids[2]], duration_min=60))


def _sessions_for_marking(database, world, kids, count: int) -> list:
    with database.write() as session:
        for index in range(count):
            day = MONDAY + timedelta(days=index // 4)
            create_session(session, world.specialist, _data(world, session, _at(day, 9 + 2 * (index % 4)),
                                                             kids[:1], is_group=False))
    with database.read() as session:
        return list(session.execute(select(SessionParticipant.id).join(RehabSession)
                                    .order_by(RehabSession.starts_at)).scalars())


def test_twenty_sessions_are_marked_with_a_few_bulk_updates(database, world, kids):
    participants = _sessions_for_marking(database, world, kids, 20)
    with database.read() as session:
        illness = world.code(session, "absence_reason", "illness")
        refusal = world.code(session, "absence_reason", "refusal")
    marks = ([AttendanceMark(p, True) for p in participants[:12]]
             + [AttendanceMark(p, False, illness) for p in participants[12:17]]
             + [AttendanceMark(p, False, refusal) for p in participants[17:]])
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        with database.write() as session:
            saved = mark_attendance(session, world.specialist, marks)
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert saved.changes == frozenset({"sessions"})
    participant_updates = [s for s in statements
                           if s.lstrip().upper().startswith("UPDATE SESSION_PARTICIPANTS")]
    assert len(participant_updates) == 3  # one per distinct mark, not one per child
    with database.read() as session:
        marked = dict(session.execute(select(SessionParticipant.id, SessionParticipant.absence_reason_id)
                                      .where(SessionParticipant.attended.is_(False))).all())
        attended = session.execute(select(SessionParticipant.id)
                                   .where(SessionParticipant.attended.is_(True))).all()
        rows = week_sessions(session, week_start=MONDAY)
        audit_count = len(session.execute(select(AuditEntry.id)
                                          .where(AuditEntry.fields == "attendance")).all())
    assert len(attended) == 12
    assert marked == {**{p: illness for p in participants[12:17]}, **{p: refusal for p in participants[17:]}}
    assert all(row.attendance == "marked" for row in rows)
    assert rows[-1].participants[0].absence_reason == "Отказ от занятия"
    assert audit_count == 20


def test_attendance_rules(database, world, kids):
    participants = _sessions_for_marking(database, world, kids, 3)
    with database.write() as session:
        next_week = date.today() + timedelta(days=7)
        future = _add(world, session, _at(next_week, 9), kids[:1])
        future_participant = session.execute(select(SessionParticipant.id).where(
            SessionParticipant.session_id == future)).scalar_one()
        cancelled_session = session.execute(select(SessionParticipant.session_id).where(
            SessionParticipant.id == participants[2])).scalar_one()
        cancel_session(session, world.specialist, cancelled_session)
        wrong_kind = world.code(session, "delivery_mode", "centre")
    marks = [AttendanceMark(participants[0], False), AttendanceMark(participants[1], False, wrong_kind),
             AttendanceMark(participants[2], True), AttendanceMark(future_participant, True)]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        mark_attendance(session, world.specialist, marks)
    errors = caught.value.errors
    assert set(errors) == {"marks.0.absence_reason_id", "marks.1.absence_reason_id", "marks.2", "marks.3"}
    assert "«Причина отсутствия» обязательно" in errors["marks.0.absence_reason_id"]
    assert "отменено" in errors["marks.2"]
    assert "ещё не прошло" in errors["marks.3"]
    with database.read() as session:
        assert session.execute(select(SessionParticipant.id).where(
            SessionParticipant.attended.is_not(None))).all() == []
    with database.write() as session, pytest.raises(ValidationError) as caught:
        mark_attendance(session, world.specialist, [])
    assert "marks" in caught.value.errors


def test_attendance_statistics(database, world, kids):
    with database.write() as session:
        illness = world.code(session, "absence_reason", "illness")
        refusal = world.code(session, "absence_reason", "refusal")
        group = _add(world, session, _at(MONDAY, 10), kids[:3])
        single = _add(world, session, _at(MONDAY, 12), kids[:1])
        other = _add(world, session, _at(MONDAY + timedelta(days=4), 10), kids[1:2],
                     staff_id=world.speech_therapist_id)
        cancelled = _add(world, session, _at(MONDAY, 14), kids[:1])
        outside = _add(world, session, _at(MONDAY + timedelta(days=5), 10), kids[:1])
        ids = {(s, p): pid for pid, s, p in session.execute(
            select(SessionParticipant.id, SessionParticipant.session_id, SessionParticipant.person_id))}
        mark_attendance(session, world.specialist, [
            AttendanceMark(ids[(group, kids[0])], True),
            AttendanceMark(ids[(group, kids[1])], False, illness),
            AttendanceMark(ids[(single, kids[0])], False, refusal),
            AttendanceMark(ids[(other, kids[1])], False, illness),
            AttendanceMark(ids[(cancelled, kids[0])], True),
            AttendanceMark(ids[(outside, kids[0])], True),
        ])
        cancel_session(session, world.specialist, cancelled)
    friday = MONDAY + timedelta(days=4)
    with database.read() as session:
        stats = attendance_stats(session, date_from=MONDAY, date_to=friday)
        by_staff = attendance_stats(session, date_from=MONDAY, date_to=friday, staff_id=world.psychologist_id)
        by_child = attendance_stats(session, date_from=MONDAY, date_to=friday, person_id=kids[0])
        empty = attendance_stats(session, date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    # group: 3 places (1 attended, 1 ill, 1 unmarked); single: refused; other: ill.
    # The cancelled session and Saturday's are left out.
    assert (stats.planned, stats.attended, stats.absent, stats.not_marked) == (5, 1, 3, 1)
    assert stats.absent_by_reason == (("Болезнь ребёнка", 2), ("Отказ от занятия", 1))
    assert stats.rate == pytest.approx(0.25)
    assert (by_staff.planned, by_staff.attended, by_staff.absent, by_staff.not_marked) == (4, 1, 2, 1)
    assert (by_child.planned, by_child.attended, by_child.absent) == (2, 1, 1)
    assert by_child.rate == pytest.approx(0.5)
    assert (empty.planned, empty.rate, empty.absent_by_reason) == (0, None, ())


def test_cancel_and_delete(database, world, kids):
    with database.write() as session:
        session_id = _add(world, session, _at(MONDAY, 10), kids[:1])
    with database.write() as session:
        assert cancel_session(session, world.specialist, session_id).changes == frozenset({"sessions"})
        assert cancel_session(session, world.specialist, session_id).changes == frozenset()
    with database.write() as session:
        delete_session(session, world.specialist, session_id)
    with database.read() as session:
        assert week_sessions(session, week_start=MONDAY) == []
    with database.write() as session, pytest.raises(NotFound):
        delete_session(session, world.specialist, session_id)


def test_administrator_cannot_schedule(database, world, kids):
    with database.write() as session, pytest.raises(PermissionDenied):
        create_session(session, world.admin, _data(world, session, _at(MONDAY, 10), kids[:1]))
    with database.write() as session, pytest.raises(PermissionDenied):
        mark_attendance(session, world.admin, [])
