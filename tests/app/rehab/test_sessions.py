"""Rehabilitation sessions: scheduling rules, series, double booking, attendance marks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.rehab.calendar import week_sessions
from app.rehab.sessions import (
    AttendanceMark,
    cancel_session,
    create_recurring_sessions,
    create_session,
    delete_session,
    find_conflicts,
    mark_attendance,
    occurrence_starts,
    update_session,
)
from db.models import AuditEntry, RehabSession, SessionParticipant
from tests.app.rehab_setup import (
    MONDAY,
    add_session,
    at,
    children_and_mother,
    mother_with_children,
    service_by_code,
    session_data,
)


@pytest.fixture
def kids(database, world) -> list:
    return children_and_mother(database, world)


def test_session_rules_name_their_fields_and_save_nothing(database, world, kids):
    with database.read() as session:
        cases = [
            (session_data(world, session, at(MONDAY, 10), kids[:2], is_group=False, duration_min=4), "person_ids",
             "один ребёнок"),
            (session_data(world, session, at(MONDAY, 10), kids[:1], is_group=True, duration_min=481), "person_ids",
             "от 2 до 30"),
            (session_data(world, session, at(MONDAY, 10), [kids[3]]), "person_ids", "не ребёнок"),
            (session_data(world, session, at(MONDAY, 10), [], is_group=False), "person_ids", "«Участники»"),
            (session_data(world, session, None, kids[:1], staff_id=None, service_id=None,
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
        children, _mother = mother_with_children(world, session, 31)
        data = session_data(world, session, at(MONDAY, 10), children)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_session(session, world.specialist, data)
    assert "выбрано: 31" in caught.value.errors["person_ids"]
    with database.write() as session:
        add_session(world, session, at(MONDAY, 10), children[:30])
    with database.read() as session:
        assert len(week_sessions(session, world.coordinator, week_start=MONDAY)[0].participants) == 30


def test_recurrence_dates_are_exact():
    wednesday = datetime(2026, 3, 4, 10, 30)
    assert occurrence_starts(wednesday, {0, 2}, 2) == [
        datetime(2026, 3, 4, 10, 30), datetime(2026, 3, 9, 10, 30), datetime(2026, 3, 11, 10, 30),
        datetime(2026, 3, 16, 10, 30)]
    assert occurrence_starts(wednesday, {4}, 3) == [
        datetime(2026, 3, 6, 10, 30), datetime(2026, 3, 13, 10, 30), datetime(2026, 3, 20, 10, 30)]


def test_recurring_sessions_share_a_series(database, world, kids):
    with database.write() as session:
        data = session_data(world, session, datetime(2026, 3, 4, 10, 30), kids[:2])
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
        data = session_data(world, session, at(MONDAY, 10), kids[:1])
    for weekdays, weeks, keys in (({7}, 2, {"weekdays"}), (set(), 2, {"weekdays"}), ({1}, 0, {"weeks"}),
                                  ({1}, 53, {"weeks"})):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_recurring_sessions(session, world.specialist, data, weekdays, weeks)
        assert set(caught.value.errors) == keys
    assert "от 1 до 52" in caught.value.errors["weeks"]


def test_double_booking_of_the_specialist(database, world, kids):
    with database.write() as session:
        first = add_session(world, session, at(MONDAY, 10), kids[:1])
    with database.read() as session:
        overlapping = session_data(world, session, at(MONDAY, 10, 30), kids[1:2])
        before = session_data(world, session, at(MONDAY, 9, 30), kids[1:2])
        adjacent = session_data(world, session, at(MONDAY, 10, 40), kids[1:2])
        other_staff = session_data(world, session, at(MONDAY, 10, 30), kids[1:2],
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
        assert len(week_sessions(session, world.coordinator, week_start=MONDAY)) == 3


def test_double_booking_of_the_child(database, world, kids):
    with database.write() as session:
        create_session(session, world.specialist, session_data(world, session, at(MONDAY, 10), kids[:2]))
    with database.read() as session:
        data = session_data(world, session, at(MONDAY, 10, 20), kids[1:2], staff_id=world.speech_therapist_id,
                            service_id=service_by_code(session, "ped_speech"))
        conflicts = find_conflicts(session, data)
    assert [(c.kind, c.who, c.starts_at, c.ends_at) for c in conflicts] == [
        ("child", "Королёв Б.", at(MONDAY, 10), at(MONDAY, 10, 40))]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_session(session, world.coordinator, data)  # the speech therapist's session: the coordinator's
    assert "ребёнок Королёв Б. — 02.03.2026 10:00–10:40" in caught.value.errors["starts_at"]
    with database.read() as session:
        assert len(week_sessions(session, world.coordinator, week_start=MONDAY)) == 1


def test_cancelled_and_deleted_sessions_do_not_conflict(database, world, kids):
    with database.write() as session:
        cancelled = add_session(world, session, at(MONDAY, 10), kids[:1])
        deleted = add_session(world, session, at(MONDAY, 12), kids[:1])
    with database.write() as session:
        cancel_session(session, world.specialist, cancelled)
        delete_session(session, world.specialist, deleted)
    with database.read() as session:
        assert find_conflicts(session, session_data(world, session, at(MONDAY, 10), kids[:1])) == []
        assert find_conflicts(session, session_data(world, session, at(MONDAY, 12), kids[:1])) == []
        rows = week_sessions(session, world.coordinator, week_start=MONDAY)
    assert [(r.id, r.cancelled) for r in rows] == [(cancelled, True)]


def test_series_conflict_names_the_date(database, world, kids):
    with database.write() as session:
        add_session(world, session, at(MONDAY + timedelta(days=14), 10, 20), kids[2:3])
        data = session_data(world, session, at(MONDAY, 10), kids[:1])
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
        session_id = add_session(world, session, at(MONDAY, 10), kids[:2])
        participant = session.execute(select(SessionParticipant.id).where(
            SessionParticipant.person_id == kids[0])).scalar_one()
        mark_attendance(session, world.specialist, [(participant, True, None)])  # a plain tuple
    with database.write() as session:
        saved = update_session(session, world.coordinator, session_id,
                               session_data(world, session, at(MONDAY, 11), [kids[0], kids[2]], duration_min=60))
    assert saved.changes == frozenset({"sessions"})
    with database.read() as session:
        row = week_sessions(session, world.coordinator, week_start=MONDAY)[0]
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.action == "update", AuditEntry.fields != "attendance")).scalar_one()
    assert (row.starts_at, row.duration_min) == (at(MONDAY, 11), 60)
    assert [(p.person_id, p.attended) for p in row.participants] == [(kids[0], True), (kids[2], None)]
    assert row.attendance == "partly_marked"
    assert set(fields.split(",")) == {"starts_at", "duration_min", "person_ids"}
    with database.write() as session:
        # Moving a session over its own old time is not a conflict with itself.
        update_session(session, world.coordinator, session_id, session_data(world, session, at(MONDAY, 11, 10),
                                                                            [kids[0], kids[2]], duration_min=60))


def _sessions_for_marking(database, world, kids, count: int) -> list:
    with database.write() as session:
        for index in range(count):
            day = MONDAY + timedelta(days=index // 4)
            create_session(session, world.specialist, session_data(world, session, at(day, 9 + 2 * (index % 4)),
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
        rows = week_sessions(session, world.coordinator, week_start=MONDAY)
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
        future = add_session(world, session, at(next_week, 9), kids[:1])
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


def test_cancel_and_delete(database, world, kids):
    with database.write() as session:
        session_id = add_session(world, session, at(MONDAY, 10), kids[:1])
    with database.write() as session:
        assert cancel_session(session, world.specialist, session_id).changes == frozenset({"sessions"})
        assert cancel_session(session, world.specialist, session_id).changes == frozenset()
    with database.write() as session:
        delete_session(session, world.specialist, session_id)
    with database.read() as session:
        assert week_sessions(session, world.coordinator, week_start=MONDAY) == []
    with database.write() as session, pytest.raises(NotFound):
        delete_session(session, world.specialist, session_id)


def test_administrator_cannot_schedule(database, world, kids):
    with database.write() as session, pytest.raises(PermissionDenied):
        create_session(session, world.admin, session_data(world, session, at(MONDAY, 10), kids[:1]))
    with database.write() as session, pytest.raises(PermissionDenied):
        mark_attendance(session, world.admin, [])
