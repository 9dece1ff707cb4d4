"""The services' yearly summary (db.models.region_summary): its derivation, check and rebuild, and what the region's
report reads of it.

The database's triggers (migration 0020, `trg_rsvc_*`) keep `report_service_years`; this module states the same
derivation as a query, so `opora summary check` can compare and rebuild it. The report reads it for whole months of
one calendar year (`year_months`): a recipient of those months is a row whose counts of those months are not all
zero, so the distinct recipients of a quarter or of the year to date are counted over one row per recipient
(per office, form and kind) instead of over person-level rows of every month.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    case,
    cast,
    delete,
    exists,
    extract,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference, compare, repair
from db.models import (
    Family,
    HomeVisit,
    RehabSession,
    Service,
    ServiceTotal,
    ServiceYear,
    SessionParticipant,
    Staff,
    VisitService,
)
from db.models.region_summary import MONTH_NUMBERS

KEY = ("year", "office_id", "form_id", "recipient_id", "kind_id")
COUNTS = tuple(f"n{month:02d}" for month in MONTH_NUMBERS)
QUANTITIES = tuple(f"q{month:02d}" for month in MONTH_NUMBERS)
TITLE = "Сводка услуг по получателям для отчёта региона"
REPAIR_COMMAND = "opora summary check --repair"


def _part(session: Session, part: str, column: Any) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%Y" if part == "year" else "%m", column), Integer)
    return cast(extract(part, column), Integer)


def _given(session: Session) -> CompoundSelect[Any]:
    """(year, month, office, form, recipient, kind, quantity) of every service given: attended places of live, not
    cancelled sessions and services of live visits to live families."""
    places = (select(_part(session, "year", RehabSession.starts_at).label("year"),
                     _part(session, "month", RehabSession.starts_at).label("month"),
                     Staff.office_id.label("office_id"), Service.form_id.label("form_id"),
                     SessionParticipant.person_id.label("recipient_id"), Service.kind_id.label("kind_id"),
                     literal(1).label("quantity"))
              .select_from(SessionParticipant)
              .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
              .join(Staff, Staff.id == RehabSession.staff_id).join(Service, Service.id == RehabSession.service_id)
              .where(SessionParticipant.attended.is_(True), RehabSession.deleted_at.is_(None),
                     RehabSession.cancelled.is_(False)))
    visits = (select(_part(session, "year", HomeVisit.visit_date), _part(session, "month", HomeVisit.visit_date),
                     Family.office_id, Service.form_id, func.coalesce(VisitService.person_id, HomeVisit.family_id),
                     Service.kind_id, VisitService.quantity)
              .select_from(VisitService)
              .join(HomeVisit, HomeVisit.id == VisitService.visit_id).join(Family, Family.id == HomeVisit.family_id)
              .join(Service, Service.id == VisitService.service_id)
              .where(HomeVisit.deleted_at.is_(None), Family.deleted_at.is_(None)))
    return union_all(places, visits)


def expected_rows(session: Session) -> Select[Any]:
    given = _given(session).subquery()
    key = [given.c[name] for name in KEY]
    return (select(*key,
                   *(func.sum(case((given.c.month == month, 1), else_=0)) for month in MONTH_NUMBERS),
                   *(func.sum(case((given.c.month == month, given.c.quantity), else_=0)) for month in MONTH_NUMBERS))
            .group_by(*key))


def _stored() -> Select[Any]:
    return select(*(getattr(ServiceYear, name) for name in (*KEY, *COUNTS, *QUANTITIES)))


TOTALS_KEY = ("year", "office_id", "kind_id", "form_id")


def expected_totals() -> Select[Any]:
    """The quantities' totals per year × office × kind × form (migration 0023) as the summary gives them."""
    key = [getattr(ServiceYear, name) for name in TOTALS_KEY]
    return (select(*key, func.count(), *(func.sum(getattr(ServiceYear, name)) for name in QUANTITIES))
            .group_by(*key))


def _stored_totals() -> Select[Any]:
    return select(*(getattr(ServiceTotal, name) for name in (*TOTALS_KEY, "rows", *QUANTITIES)))


def check_service_summary(session: Session) -> Difference:
    """The summary against the sessions and visits, and its totals against the summary."""
    return compare(session, TITLE, [(expected_rows(session), _stored()), (expected_totals(), _stored_totals())])


def rebuild_service_summary(session: Session) -> int:
    """Empty the summary and fill it from the sessions and visits, then its totals from it (in the caller's write
    unit; the totals' triggers follow the summary row by row meanwhile, the last fill makes sure); returns the
    summary's rows."""
    session.execute(delete(ServiceYear))
    session.execute(insert(ServiceYear).from_select([*KEY, *COUNTS, *QUANTITIES], expected_rows(session)))
    session.execute(delete(ServiceTotal))
    session.execute(insert(ServiceTotal).from_select([*TOTALS_KEY, "rows", *QUANTITIES], expected_totals()))
    return int(session.execute(select(func.count()).select_from(ServiceYear)).scalar_one())


def repair_service_summary_as_admin(session: Session, actor: Actor) -> DerivedCheck:
    return repair(session, actor, check_service_summary, rebuild_service_summary, "report_service_years",
                  REPAIR_COMMAND)


# --- what the region's report reads ---------------------------------------------------------------------------

def year_months(months: tuple[int, int] | None) -> tuple[int, int, int] | None:
    """(year, first month, last month) when the summary's month keys (year × 100 + month) lie in one year."""
    if months is None or months[0] // 100 != months[1] // 100:
        return None
    return months[0] // 100, months[0] % 100, months[1] % 100


def given_rows(span: tuple[int, int, int], office_ids: Collection[uuid.UUID]) -> Select[Any]:
    """(office, kind, form, recipient, quantity) of the months `span` (one row per recipient, office, kind, form),
    the recipients with at least one service in those months."""
    year, first, last = span
    counts = sum((getattr(ServiceYear, f"n{month:02d}") for month in range(first, last + 1)), start=literal(0))
    quantity = sum((getattr(ServiceYear, f"q{month:02d}") for month in range(first, last + 1)), start=literal(0))
    return (select(ServiceYear.office_id.label("office_id"), ServiceYear.kind_id.label("kind_id"),
                   ServiceYear.form_id.label("form_id"), ServiceYear.recipient_id.label("recipient"),
                   quantity.label("quantity"))
            .where(ServiceYear.year == year, ServiceYear.office_id.in_(list(office_ids)), counts > 0))



def served_in(span: tuple[int, int, int], person: Any, visited: Select[Any]) -> ColumnElement[bool]:
    """`person` had an attended place or a visit service in the months `span`: on SQLite one seek on (year,
    recipient) of the summary per person (the key's order since migration 0022) instead of collecting the period's
    attended persons. `visited` (the period's visit services given to persons) is asked only for visits to deleted
    families, which the summary leaves out and the children's section counts."""
    year, first, last = span
    counts = sum((getattr(ServiceYear, f"n{month:02d}") for month in range(first, last + 1)), start=literal(0))
    deleted_families = visited.where(HomeVisit.family_id.in_(select(Family.id).where(Family.deleted_at.is_not(None))))
    return or_(exists(select(ServiceYear.year).where(ServiceYear.year == year, ServiceYear.recipient_id == person,
                                                     counts > 0)),
               person.in_(deleted_families))
