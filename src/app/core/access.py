"""Which families, people and records a user may see: the one place row scoping is decided.

Role permissions (`app.core.permissions`) say what kind of action a role may take; this module
says on which rows. A coordinator works with every family of their offices; a specialist
with the families they are responsible for (the family's or one of its cases' responsible
specialist) or assigned to (a plan item, a home visit, a session with one of its children, a
brigade trip to it); an administrator without a working role sees no family data at all.
The conditions are SQL, so lists filter in the database rather than after loading.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Engine, Select, false, func, literal, or_, select, true, union
from sqlalchemy.orm import Session, aliased

from app.core import audit
from app.core.actor import COORDINATOR, SPECIALIST, Actor
from app.core.errors import PermissionDenied
from app.core.lookups import get_live
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from db.models import (
    AuditEntry,
    BrigadeTrip,
    Event,
    Family,
    FamilyMember,
    HomeVisit,
    Person,
    PlanItem,
    RehabSession,
    SessionParticipant,
    Staff,
    SupportCase,
    TripFamily,
    trip_members,
    visit_staff,
)
from db.sql_hints import without_index

FAMILY_DENIED = "Нет доступа к семье: она закреплена за другим специалистом или отделением."
PERSON_DENIED = "Нет доступа к данным этого человека: его семья закреплена за другим специалистом или отделением."
RECORD_DENIED = "Нет доступа к записи: она относится к другому специалисту или отделению."
OFFICE_DENIED = "Поле «Отделение»: можно выбрать только своё отделение."


def _is_program(actor: Actor) -> bool:
    # Setup, demo generation and migrations run as the program itself, with no user.
    return actor.user_id is None


def linked_family_ids(staff: uuid.UUID) -> CompoundSelect[uuid.UUID]:
    """The ids of the families a specialist is linked to, driven from the specialist's own rows.

    For lists and searches that test many families: the database builds this set once per query
    (≈50 ms for the busiest specialist of the 1M-session dataset), where the per-family EXISTS
    form would be evaluated for every candidate row.
    """
    case, visit, rehab = aliased(SupportCase), aliased(HomeVisit), aliased(RehabSession)
    return union(
        select(Family.id).where(Family.responsible_staff_id == staff),
        select(case.family_id).where(case.responsible_staff_id == staff, case.deleted_at.is_(None)),
        select(case.family_id).join(PlanItem, PlanItem.case_id == case.id)
        .where(PlanItem.executor_staff_id == staff, case.deleted_at.is_(None)),
        select(visit.family_id).join(visit_staff, visit_staff.c.visit_id == visit.id)
        .where(visit_staff.c.staff_id == staff, visit.deleted_at.is_(None)),
        select(FamilyMember.family_id).join(SessionParticipant, SessionParticipant.person_id == FamilyMember.person_id)
        .join(rehab, rehab.id == SessionParticipant.session_id)
        .where(rehab.staff_id == staff, rehab.deleted_at.is_(None)),
        select(TripFamily.family_id).join(trip_members, trip_members.c.trip_id == TripFamily.trip_id)
        .where(trip_members.c.staff_id == staff),
    )


# staff id and database → (the audit log's last id, when read, the family ids): see linked_families.
_LINKED: dict[tuple[str, int, uuid.UUID], tuple[int, float, tuple[uuid.UUID, ...]]] = {}
LINKED_SECONDS = 60.0


def linked_families(session: Session, staff: uuid.UUID) -> tuple[uuid.UUID, ...]:
    """`linked_family_ids` read once and reused while nothing was written.

    Every change to the data goes through a service that appends an audit row, so the log's last
    id (one index lookup) says whether anything changed since the set was read — in this process
    or in another one on the same database. A person search runs on every keystroke; reading the
    set each time cost ≈50 ms for a busy specialist, reusing it costs nothing. The set is re-read
    at least every LINKED_SECONDS all the same.
    """
    marker = session.execute(select(func.max(AuditEntry.id))).scalar() or 0
    bind = session.get_bind()
    assert isinstance(bind, Engine)  # sessions are bound to an engine (a Connection has no `url`)
    key = (str(bind.url), id(bind), staff)  # one engine per open database
    now = time.monotonic()
    cached = _LINKED.get(key)
    if cached is not None and cached[0] == marker and now - cached[1] < LINKED_SECONDS:
        return cached[2]
    ids = tuple(sorted(set(session.execute(linked_family_ids(staff)).scalars())))
    _LINKED[key] = (marker, now, ids)
    return ids


def family_scope(actor: Actor, family: Any = Family, *, many: bool = False,
                 session: Session | None = None) -> ColumnElement[bool]:
    """A condition on `Family` (or an alias of it) true for the families this actor works with.

    Each EXISTS names its own tables and correlates only the family, so the condition can sit
    inside queries that already join cases, visits or members.
    """
    if _is_program(actor):
        return true()
    role = actor.case_role
    if role == COORDINATOR:
        return family.office_id.in_(actor.office_ids) if actor.office_ids else false()
    if role != SPECIALIST or actor.staff_id is None:
        return false()
    staff = actor.staff_id
    if many and session is not None:
        ids = linked_families(session, staff)
        return family.id.in_(ids) if ids else false()
    if many:
        return family.id.in_(linked_family_ids(staff))
    case, item, visit, rehab = aliased(SupportCase), aliased(PlanItem), aliased(HomeVisit), aliased(RehabSession)
    taking, member, planned = aliased(SessionParticipant), aliased(FamilyMember), aliased(TripFamily)
    visitors, brigade = visit_staff.alias(), trip_members.alias()

    def linked(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        return select(literal(1)).where(*conditions).correlate(family).exists()

    return or_(
        family.responsible_staff_id == staff,
        linked(case.family_id == family.id, case.deleted_at.is_(None), case.responsible_staff_id == staff),
        linked(item.case_id == case.id, case.family_id == family.id, case.deleted_at.is_(None),
               item.executor_staff_id == staff),
        # The staff terms are kept off their indexes so each check starts from the one family
        # (see db.sql_hints): 19 s → a few ms for a person search on the 1M-session dataset.
        linked(visitors.c.visit_id == visit.id, visit.family_id == family.id, visit.deleted_at.is_(None),
               without_index(visitors.c.staff_id) == staff),
        linked(taking.session_id == rehab.id, without_index(rehab.staff_id) == staff, rehab.deleted_at.is_(None),
               member.person_id == taking.person_id, member.family_id == family.id),
        linked(planned.family_id == family.id, brigade.c.trip_id == planned.trip_id,
               without_index(brigade.c.staff_id) == staff),
    )


def visible_family_ids(actor: Actor) -> Select:
    """A subquery of the ids of the families this actor works with, for IN (…) filters."""
    family = aliased(Family)
    return select(family.id).where(family_scope(actor, family))


def person_scope(actor: Actor, *, many: bool = False, session: Session | None = None) -> ColumnElement[bool]:
    """A condition on `Person`: a member (past or present) of a visible family.

    A person in no family at all (being registered right now) is visible to anyone who works
    with families, so a half-finished registration can be completed.
    """
    if _is_program(actor):
        return true()
    if actor.case_role is None:
        return false()
    member, family, anywhere = aliased(FamilyMember), aliased(Family), aliased(FamilyMember)
    if many and actor.case_role == SPECIALIST:
        # Uncorrelated, so the database builds the set of the specialist's people once per query.
        member_of_visible: ColumnElement[bool] = Person.id.in_(
            select(member.person_id).join(family, family.id == member.family_id)
            .where(family.deleted_at.is_(None), family_scope(actor, family, many=True, session=session)))
    else:
        member_of_visible = select(literal(1)).where(
            member.person_id == Person.id, member.family_id == family.id, family.deleted_at.is_(None),
            family_scope(actor, family)).correlate(Person).exists()
    in_no_family = ~select(literal(1)).where(anywhere.person_id == Person.id).correlate(Person).exists()
    return or_(member_of_visible, in_no_family)


def require_family(session: Session, actor: Actor, family_id: uuid.UUID, *, edit: bool = False) -> Family:
    """The live family, or PermissionDenied when it is outside the actor's scope."""
    require(actor, EDIT_RECORDS if edit else VIEW_RECORDS)
    family = get_live(session, Family, family_id, "Семья")
    if not _is_program(actor) and session.execute(
            select(Family.id).where(Family.id == family_id, family_scope(actor))).first() is None:
        raise PermissionDenied(FAMILY_DENIED)
    return family


def require_person(session: Session, actor: Actor, person_id: uuid.UUID, *, edit: bool = False) -> Person:
    require(actor, EDIT_RECORDS if edit else VIEW_RECORDS)
    person = get_live(session, Person, person_id, "Запись о человеке")
    if not _is_program(actor) and session.execute(
            select(Person.id).where(Person.id == person_id, person_scope(actor))).first() is None:
        raise PermissionDenied(PERSON_DENIED)
    return person


def require_persons(session: Session, actor: Actor, person_ids: Iterable[uuid.UUID]) -> None:
    """Every one of the people must be visible (e.g. the children put into a session)."""
    wanted = set(person_ids)
    if not wanted or _is_program(actor):
        return
    seen = set(session.execute(select(Person.id).where(Person.id.in_(wanted), person_scope(actor))).scalars())
    if wanted - seen:
        raise PermissionDenied(PERSON_DENIED)


def require_health(session: Session, actor: Actor, person_id: uuid.UUID, *, edit: bool = False,
                   part: str = "health") -> Person:
    """Health data (diagnoses, disability, ИПРА, ОВЗ) of a person; viewing it is audited.

    The audit row names the person and the part read (`part`, in the fields column), never the data.
    """
    person = require_person(session, actor, person_id, edit=edit)
    if not edit:
        audit.record(session, actor, "view_health", "person", person_id, [part])
    return person


def require_office(actor: Actor, office_id: uuid.UUID | None) -> None:
    """New office-level records (families, trips, events) go only into the actor's offices."""
    if _is_program(actor) or office_id is None:
        return
    if office_id not in actor.office_ids:
        raise PermissionDenied(OFFICE_DENIED)


def staff_office_ids(session: Session, staff_id: uuid.UUID) -> uuid.UUID | None:
    return session.execute(select(Staff.office_id).where(Staff.id == staff_id)).scalar()


# --- Work records that are not one family's: sessions, trips, events --------------------------

def session_scope(actor: Actor) -> ColumnElement[bool]:
    """Rehabilitation sessions: a coordinator's offices' specialists; a specialist's own."""
    if _is_program(actor):
        return true()
    role = actor.case_role
    if role == COORDINATOR:
        giver = aliased(Staff)
        return select(literal(1)).where(giver.id == RehabSession.staff_id, giver.office_id.in_(actor.office_ids)
                                        ).correlate(RehabSession).exists()
    if role == SPECIALIST and actor.staff_id is not None:
        return or_(RehabSession.staff_id == actor.staff_id, RehabSession.created_by == actor.user_id)
    return false()


def require_session_staff(session: Session, actor: Actor, staff_id: uuid.UUID | None) -> None:
    """Whom a session may be given by: a specialist schedules their own, a coordinator their offices'."""
    require(actor, EDIT_RECORDS)
    if _is_program(actor) or staff_id is None:
        return
    if actor.case_role == SPECIALIST and staff_id != actor.staff_id:
        raise PermissionDenied("Поле «Специалист»: специалист планирует только свои занятия.")
    if actor.case_role == COORDINATOR and staff_office_ids(session, staff_id) not in actor.office_ids:
        raise PermissionDenied("Поле «Специалист»: можно выбрать только специалиста своего отделения.")


def _require_record(session: Session, actor: Actor, model: Any, record_id: uuid.UUID, what: str,
                    scope: ColumnElement[bool], edit: bool) -> Any:
    """The live record, or PermissionDenied when `scope` leaves it out."""
    require(actor, EDIT_RECORDS if edit else VIEW_RECORDS)
    record = get_live(session, model, record_id, what)
    if session.execute(select(model.id).where(model.id == record_id, scope)).first() is None:
        raise PermissionDenied(RECORD_DENIED)
    return record


def require_session(session: Session, actor: Actor, session_id: uuid.UUID, *, edit: bool = False) -> RehabSession:
    return _require_record(session, actor, RehabSession, session_id, "Запись о занятии", session_scope(actor), edit)


def trip_scope(actor: Actor) -> ColumnElement[bool]:
    """Brigade trips: a coordinator's offices'; a specialist's trips as a brigade member."""
    if _is_program(actor):
        return true()
    role = actor.case_role
    if role == COORDINATOR:
        return BrigadeTrip.office_id.in_(actor.office_ids) if actor.office_ids else false()
    if role == SPECIALIST and actor.staff_id is not None:
        brigade = trip_members.alias()
        return or_(BrigadeTrip.created_by == actor.user_id,
                   select(literal(1)).where(brigade.c.trip_id == BrigadeTrip.id, brigade.c.staff_id == actor.staff_id
                                            ).correlate(BrigadeTrip).exists())
    return false()


def require_trip(session: Session, actor: Actor, trip_id: uuid.UUID, *, edit: bool = False) -> BrigadeTrip:
    return _require_record(session, actor, BrigadeTrip, trip_id, "Запись о выезде", trip_scope(actor), edit)


def event_scope(actor: Actor) -> ColumnElement[bool]:
    """Events belong to an office: everyone working with families there sees them."""
    if _is_program(actor):
        return true()
    if actor.case_role is None or not actor.office_ids:
        return false()
    return Event.office_id.in_(actor.office_ids)


def require_event(session: Session, actor: Actor, event_id: uuid.UUID, *, edit: bool = False) -> Event:
    return _require_record(session, actor, Event, event_id, "Запись о мероприятии", event_scope(actor), edit)


def require_visit(session: Session, actor: Actor, visit_id: uuid.UUID, *, edit: bool = False) -> HomeVisit:
    """A home visit goes with its family; its author and its specialists may also open it."""
    return _require_record(session, actor, HomeVisit, visit_id, "Запись о посещении", visit_scope(actor), edit)


def visit_scope(actor: Actor) -> ColumnElement[bool]:
    if _is_program(actor):
        return true()
    if actor.case_role is None:
        return false()
    return HomeVisit.family_id.in_(visible_family_ids(actor))


def require_case(session: Session, actor: Actor, case_id: uuid.UUID, *, edit: bool = False) -> SupportCase:
    case = get_live(session, SupportCase, case_id, "Запись о сопровождении")
    require_family(session, actor, case.family_id, edit=edit)
    return case
