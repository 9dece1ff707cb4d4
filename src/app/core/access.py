"""Which families, people and records a user may see: the one place row scoping is decided.

Role permissions (`app.core.permissions`) say what kind of action a role may take; this module
says on which rows. A coordinator works with every family of their offices; a specialist
with the families they are responsible for (the family's or one of its cases' responsible
specialist) or assigned to (a plan item, a home visit, a session with one of its children, a
brigade trip to it); an administrator without a working role sees no family data at all.
The conditions are SQL, so lists filter in the database rather than after loading.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, false, literal, or_, select, true
from sqlalchemy.orm import Session, aliased

from app.core import audit, caseload
from app.core.actor import COORDINATOR, SPECIALIST, Actor
from app.core.errors import PermissionDenied
from app.core.lookups import get_live
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from db.models import (
    BrigadeTrip,
    CaseloadEntry,
    CaseloadPerson,
    Event,
    Family,
    FamilyMember,
    HomeVisit,
    Person,
    RehabSession,
    Staff,
    SupportCase,
    trip_members,
)

FAMILY_DENIED = "Нет доступа к семье: она закреплена за другим специалистом или отделением."
PERSON_DENIED = "Нет доступа к данным этого человека: его семья закреплена за другим специалистом или отделением."
RECORD_DENIED = "Нет доступа к записи: она относится к другому специалисту или отделению."
OFFICE_DENIED = "Поле «Отделение»: можно выбрать только своё отделение."


def _is_program(actor: Actor) -> bool:
    # Setup, demo generation and migrations run as the program itself, with no user.
    return actor.user_id is None


def caseload_family_ids(staff: uuid.UUID) -> Select:
    """The ids of the families a specialist is linked to, from the caseload table (its primary key)."""
    return select(CaseloadEntry.family_id).where(CaseloadEntry.staff_id == staff)


def family_scope(actor: Actor, family: Any = Family, *, many: bool = False,
                 session: Session | None = None) -> ColumnElement[bool]:
    """A condition on `Family` (or an alias of it) true for the families this actor works with.

    A specialist's links (see the module's docstring) are kept in the caseload table by the services
    (`app.core.caseload`), so the condition is one indexed lookup: a correlated primary-key probe for
    one family, or with `many` (lists and searches over many families) an uncorrelated IN the database
    builds once per query from the specialist's own rows. `session` is accepted for callers written
    against the earlier cached form and is not needed.
    """
    if _is_program(actor):
        return true()
    role = actor.case_role
    if role == COORDINATOR:
        return family.office_id.in_(actor.office_ids) if actor.office_ids else false()
    if role != SPECIALIST or actor.staff_id is None:
        return false()
    if many:
        return family.id.in_(caseload_family_ids(actor.staff_id))
    return caseload.is_linked(family.id, actor.staff_id)


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
    if many and actor.case_role == SPECIALIST and actor.staff_id is not None:
        # Uncorrelated, so the database builds the set of the specialist's people once per query from their own
        # `caseload_persons` rows (members of their live families) and those of people in no family: one range
        # of the table's key each, without visiting the members or the families.
        owners = (actor.staff_id, caseload.NO_FAMILY)
        return Person.id.in_(select(CaseloadPerson.person_id).where(CaseloadPerson.staff_id.in_(owners)))
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
                   part: str = "health", audited: bool = True) -> Person:
    """Health data (diagnoses, disability, ИПРА, ОВЗ) of a person; viewing it is audited.

    The audit row names the person and the part read (`part`, in the fields column), never the data. `audited`
    False: the database cannot be written and the caller records the view elsewhere (`app.system.view_audit`).
    """
    person = require_person(session, actor, person_id, edit=edit)
    if not edit and audited:
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
