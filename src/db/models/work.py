"""Daily work: home visits, mobile-brigade trips, rehabilitation sessions, events."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Entity, PersonalEntity, partial

visit_staff = Table(
    "visit_staff",
    Base.metadata,
    Column("visit_id", ForeignKey("home_visits.id"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id"), primary_key=True),
    # "Visits of this specialist" starts from the staff side; the primary key starts from the visit.
    Index("ix_visit_staff_staff", "staff_id", "visit_id"),
)


class HomeVisit(PersonalEntity):
    """A home visit (патронаж) with findings shaped like «Акт обследования условий жизни семьи»."""

    __tablename__ = "home_visits"
    __table_args__ = (Index("ix_home_visits_family_date", "family_id", "visit_date"),
                      # next_visit_on too: «Визиты по сроку» reads a family's last visit from the index alone
                      Index("ix_home_visits_live_family_date", "family_id", "visit_date", "next_visit_on",
                            **partial("deleted_at IS NULL")))

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"))
    visit_date: Mapped[date] = mapped_column(index=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    delivery_mode_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    trip_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("brigade_trips.id"), index=True)
    housing: Mapped[str | None] = mapped_column(Text)
    income: Mapped[str | None] = mapped_column(Text)
    relationships: Mapped[str | None] = mapped_column(Text)
    children_condition: Mapped[str | None] = mapped_column(Text)
    conclusions: Mapped[str | None] = mapped_column(Text)
    recommendations: Mapped[str | None] = mapped_column(Text)
    next_visit_on: Mapped[date | None]
    act_number: Mapped[str | None] = mapped_column(String(40))
    visit_time: Mapped[time | None]


class VisitService(Base):
    """A catalogue service given during a visit, optionally to one family member."""

    __tablename__ = "visit_services"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("home_visits.id"), index=True)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    quantity: Mapped[int] = mapped_column(default=1)


trip_members = Table(
    "trip_members",
    Base.metadata,
    Column("trip_id", ForeignKey("brigade_trips.id"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id"), primary_key=True),
    Index("ix_trip_members_staff", "staff_id", "trip_id"),
)


class BrigadeTrip(PersonalEntity):
    """A mobile-brigade trip to remote settlements."""

    __tablename__ = "brigade_trips"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"))
    trip_date: Mapped[date] = mapped_column(index=True)
    vehicle: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(12), default="planned")
    notes: Mapped[str | None] = mapped_column(Text)
    departs_at: Mapped[time | None]
    returns_at: Mapped[time | None]
    distance_km: Mapped[int | None]


class TripStop(Base):
    """One settlement of a trip's ordered route."""

    __tablename__ = "trip_stops"
    __table_args__ = (UniqueConstraint("trip_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    trip_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("brigade_trips.id"))
    position: Mapped[int]
    settlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("settlements.id"))


class TripFamily(Base):
    """A family planned for a trip, with the planned work and what was done."""

    __tablename__ = "trip_families"
    __table_args__ = (UniqueConstraint("trip_id", "family_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    trip_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("brigade_trips.id"))
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    planned_work: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool | None]
    result: Mapped[str | None] = mapped_column(Text)


class RehabSession(PersonalEntity):
    """A rehabilitation session (занятие), individual or group.

    `starts_at` is the office's wall-clock time (naive): a session at 10:00 stays at 10:00
    whatever zone the computer is set to.
    """

    __tablename__ = "rehab_sessions"
    __table_args__ = (Index("ix_rehab_sessions_staff_start", "staff_id", "starts_at"),
                      # a session's date and state without reading its row (the deadlines' «без контакта»)
                      Index("ix_rehab_sessions_id_start", "id", "starts_at", "deleted_at", "cancelled"))

    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=False), index=True)
    duration_min: Mapped[int] = mapped_column(Integer, default=40)
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"), index=True)
    delivery_mode_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    # Indexed for the effectiveness report (#17): the delivery mode of a closed case is that of most of its sessions.
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("support_cases.id"), index=True)
    is_group: Mapped[bool] = mapped_column(default=False)
    series_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    topic: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(default=False)
    # A session a mobile brigade held on a trip (created on completion or attached to it), None otherwise.
    trip_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("brigade_trips.id"), index=True)


class SessionParticipant(Base):
    """A child in a session, with attendance (None while not yet marked)."""

    __tablename__ = "session_participants"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        Index("ix_session_participants_person", "person_id", "session_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rehab_sessions.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    attended: Mapped[bool | None]
    absence_reason_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))


class Event(PersonalEntity):
    """An event: seminar, conference, parent club meeting, … with participant counts."""

    __tablename__ = "events"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"))
    type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    title: Mapped[str] = mapped_column(String(400))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(String(300))
    format_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    organisers: Mapped[str | None] = mapped_column(Text)
    partners: Mapped[str | None] = mapped_column(Text)
    specialists_count: Mapped[int] = mapped_column(default=0)
    parents_count: Mapped[int] = mapped_column(default=0)
    children_count: Mapped[int] = mapped_column(default=0)
    others_count: Mapped[int] = mapped_column(default=0)
    in_person_count: Mapped[int] = mapped_column(default=0)
    online_count: Mapped[int] = mapped_column(default=0)
    districts_count: Mapped[int] = mapped_column(default=0)
    regions_count: Mapped[int] = mapped_column(default=0)
    materials: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class EventFamily(Base):
    """A registered family (optionally one member) taking part in an event."""

    __tablename__ = "event_families"
    __table_args__ = (UniqueConstraint("event_id", "family_id", "person_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    attended: Mapped[bool | None]


class EventFile(Entity):
    """A file attached to an event, stored in the data directory under `stored_name`."""

    __tablename__ = "event_files"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(200))
    original_name: Mapped[str] = mapped_column(String(300))
    size_bytes: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)
