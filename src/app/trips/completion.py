"""Completing a mobile-brigade trip in one go: outcomes and visits (`trips.complete_trip`) plus the
rehabilitation sessions given to children on the way (`rehab.create_session`).

`complete_trip` knows nothing of sessions, so this use case calls it and then schedules each
session in the caller's same transaction: a refused session rolls back the visits and the outcome
marks too, and the user fixes the form and saves again.

A brigade's sessions belong to their trip (`RehabSession.trip_id`): those created here, and those already in
the calendar that the trip attaches — on the trip's day, in the mobile mode, by a brigade member, for a child
of a family the trip worked with. The route sheet lists them, and reports reconcile them with trips done.

Planning uses `suggest_trip_families`: the suggestions of `trip_reads` plus one reason the read
service does not give, children with sessions scheduled on the trip date.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_trip
from app.core.actor import Actor
from app.core.changes import SESSIONS, Saved
from app.core.dates import ADULT_AGE, age_on
from app.core.errors import ValidationError
from app.core.lookups import dictionary_id
from app.core.text import full_name
from app.rehab.sessions import SessionData, create_session
from app.trips.reads import SuggestionRow, suggest_families
from app.trips.trips import TripOutcome, complete_trip, live_trip, trip_staff_ids
from db.models import Family, FamilyMember, Person, RehabSession, SessionParticipant, Settlement, TripFamily

DEFAULT_DURATION = 40


@dataclass(frozen=True)
class TripSession:
    """An individual session given to a child of a trip family; date and mode come from the trip."""

    person_id: uuid.UUID | None
    service_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    start: time | None = time(10, 0)
    duration_min: int | None = DEFAULT_DURATION
    topic: str | None = None


@dataclass(frozen=True)
class FamilyCompletion:
    """One family's outcome (with its optional visit) and the sessions its children had."""

    outcome: TripOutcome
    sessions: list[TripSession] = field(default_factory=list)


@dataclass(frozen=True)
class TripChild:
    """A child (under 18 on the trip date) of a family planned for the trip."""

    trip_family_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    birth_date: date | None


def trip_children(session: Session, actor: Actor, trip_id: uuid.UUID) -> list[TripChild]:
    """Children living in the trip's families on the trip date, by family then name."""
    trip = require_trip(session, actor, trip_id)
    rows = session.execute(
        select(TripFamily.id, Person.id, Person.last_name, Person.first_name, Person.middle_name,
               Person.birth_date)
        .join(FamilyMember, FamilyMember.family_id == TripFamily.family_id)
        .join(Person, Person.id == FamilyMember.person_id)
        .where(TripFamily.trip_id == trip.id, Person.deleted_at.is_(None), Person.birth_date.is_not(None),
               (FamilyMember.left_on.is_(None)) | (FamilyMember.left_on >= trip.trip_date))
        .order_by(TripFamily.id, Person.last_name, Person.first_name)
    ).all()
    return [TripChild(row[0], row[1], full_name(row[2], row[3], row[4]), row[5]) for row in rows
            if row[5] is not None and age_on(row[5], trip.trip_date) < ADULT_AGE]  # the query skips no-date rows


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    return ValidationError({f"{prefix}{key}": message for key, message in error.errors.items()})


def complete_trip_with_sessions(session: Session, actor: Actor, trip_id: uuid.UUID,
                                families: list[FamilyCompletion]) -> Saved:
    """Mark every family, create the visits (via `complete_trip`) and the children's sessions.

    Session errors are keyed `outcomes.{family index}.sessions.{session index}.{field}`. Sessions
    are recorded after the fact, so an overlap with another booking is not refused here (the
    calendar shows both; the specialist corrects whichever is wrong).
    """
    saved = complete_trip(session, actor, trip_id, [family.outcome for family in families])
    trip = live_trip(session, trip_id)
    mobile_id = dictionary_id(session, "delivery_mode", "mobile")
    brigade = frozenset(trip_staff_ids(session, trip.id))
    attached = attach_sessions(session, actor, trip.id, trip.trip_date, brigade, mobile_id,
                               [family.outcome.trip_family_id for family in families if family.outcome.done])
    if not any(family.sessions for family in families):
        return Saved(saved.id, saved.changes | {SESSIONS}) if attached else saved
    planned = {row.id: row for row in session.execute(
        select(TripFamily.id, TripFamily.family_id, Settlement.name)
        .join(Family, Family.id == TripFamily.family_id)
        .outerjoin(Settlement, Settlement.id == Family.settlement_id)
        .where(TripFamily.trip_id == trip.id))}
    errors: dict[str, str] = {}
    for index, family in enumerate(families):
        row = planned[family.outcome.trip_family_id]
        members = set(session.execute(select(FamilyMember.person_id)
                                      .where(FamilyMember.family_id == row.family_id)).scalars())
        for number, given in enumerate(family.sessions):
            prefix = f"outcomes.{index}.sessions.{number}."
            if not family.outcome.done:
                errors[f"{prefix}person_id"] = ("Занятие можно записать только для семьи, с которой работа "
                                                "выполнена.")
                continue
            if given.person_id not in members:
                errors[f"{prefix}person_id"] = "Поле «Ребёнок»: выберите ребёнка из этой семьи."
                continue
            if given.start is None:
                errors[f"{prefix}starts_at"] = "Поле «Время»: укажите время начала занятия."
                continue
            data = SessionData(
                starts_at=datetime.combine(trip.trip_date, given.start), duration_min=given.duration_min,
                staff_id=given.staff_id, service_id=given.service_id, delivery_mode_id=mobile_id,
                person_ids=[given.person_id], place=row.name, topic=given.topic,
            )
            try:
                created = create_session(session, actor, data, allow_conflicts=True, brigade=brigade)
                session.get(RehabSession, created.id).trip_id = trip.id  # type: ignore[union-attr]
            except ValidationError as error:
                errors.update(_prefixed(error, prefix).errors)
    if errors:
        raise ValidationError(errors)
    return Saved(saved.id, saved.changes | {SESSIONS})


def attach_sessions(session: Session, actor: Actor, trip_id: uuid.UUID, day: date, brigade: frozenset[uuid.UUID],
                    mobile_id: uuid.UUID, trip_family_ids: list[uuid.UUID]) -> int:
    """Make the trip's the live, not cancelled sessions of `day` in the mobile mode, by a brigade member, with a
    child of a worked-with family, that belong to no trip yet; returns how many were attached."""
    if not brigade or not trip_family_ids:
        return 0
    day_start = datetime.combine(day, time.min)
    families = select(TripFamily.family_id).where(TripFamily.id.in_(trip_family_ids))
    children = select(FamilyMember.person_id).where(FamilyMember.family_id.in_(families))
    ids = list(session.execute(
        select(RehabSession.id).join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
        .where(RehabSession.trip_id.is_(None), RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False),
               RehabSession.delivery_mode_id == mobile_id, RehabSession.staff_id.in_(brigade),
               RehabSession.starts_at >= day_start, RehabSession.starts_at < day_start + timedelta(days=1),
               SessionParticipant.person_id.in_(children)).distinct()).scalars())
    if ids:
        session.execute(update(RehabSession).where(RehabSession.id.in_(ids)).values(trip_id=trip_id))
        audit.record_many(session, actor, "update", [("rehab_session", i, ["trip_id"]) for i in ids])
    return len(ids)


def session_reasons(session: Session, family_ids: list[uuid.UUID], on_date: date) -> dict[uuid.UUID, str]:
    """«Занятия детей на дату выезда: 2» per family whose children have live, not cancelled sessions
    scheduled on `on_date` (planning adds this to `trip_reads.suggest_families`' reasons)."""
    if not family_ids:
        return {}
    day_start = datetime.combine(on_date, time.min)
    counts: dict[uuid.UUID, int] = {}
    for chunk_start in range(0, len(family_ids), 500):
        chunk = family_ids[chunk_start:chunk_start + 500]
        rows = session.execute(
            select(FamilyMember.family_id, func.count(func.distinct(RehabSession.id)))
            .join(SessionParticipant, SessionParticipant.person_id == FamilyMember.person_id)
            .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
            .where(FamilyMember.family_id.in_(chunk), FamilyMember.left_on.is_(None),
                   RehabSession.starts_at >= day_start, RehabSession.starts_at < day_start + timedelta(days=1),
                   RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False))
            .group_by(FamilyMember.family_id))
        counts.update({family_id: int(count) for family_id, count in rows})
    return {family_id: f"Занятия детей на дату выезда: {count}" for family_id, count in counts.items()}


def suggest_trip_families(session: Session, actor: Actor, settlement_ids: list[uuid.UUID], on_date: date
                          ) -> list[SuggestionRow]:
    """`trip_reads.suggest_families` with one more reason: children's sessions on the trip date.

    Kept in route order, families with reasons first in each settlement, then by title.
    """
    suggestions = suggest_families(session, actor, settlement_ids, on_date)
    extra = session_reasons(session, [s.family_id for s in suggestions], on_date)
    if not extra:
        return suggestions
    merged = [replace(s, reasons=(*s.reasons, extra[s.family_id])) if s.family_id in extra else s
              for s in suggestions]
    order = {settlement: index for index, settlement in enumerate(settlement_ids)}
    return sorted(merged, key=lambda s: (order[s.settlement_id], not s.reasons, s.title))
