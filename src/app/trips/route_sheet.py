"""The route sheet of a mobile-brigade trip («Маршрутный лист выезда мобильной бригады»).

`load_route_sheet` reads everything the sheet shows in a few queries (worker thread, read
transaction) into frozen rows; `export_route_sheet_docx` fills `resources/templates/route_sheet.docx`
(built by `scripts/templates/build_route_sheet.py`) and `export_route_sheet_pdf` draws the same
content with reportlab and the shipped Liberation Serif (the built-in PDF fonts have no Cyrillic).
Neither export touches the database.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_trip
from app.core.actor import Actor
from app.core.folders import write_atomically
from app.core.text import format_date, full_name, short_name
from app.documents.docx_render import long_date, render_docx
from app.trips.trips import STATUS_TITLES, trip_route
from db.models import (
    BrigadeTrip,
    DictionaryItem,
    District,
    Family,
    FamilyMember,
    Office,
    Organization,
    Person,
    RehabSession,
    Service,
    SessionParticipant,
    Settlement,
    Staff,
    TripFamily,
)
from db.models import trip_members as members_table

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table

TEMPLATE = "route_sheet.docx"
TITLE = "Маршрутный лист выезда мобильной бригады"
SESSION_HEADERS = ("№", "Время", "Ребёнок", "Услуга (занятие)", "Специалист", "Отметка")


@dataclass(frozen=True)
class SheetMember:
    name: str
    position: str


@dataclass(frozen=True)
class SheetFamily:
    number: int  # running number through the whole sheet
    title: str
    address: str
    phone: str
    planned_work: str


@dataclass(frozen=True)
class SheetStop:
    number: int
    settlement: str
    district: str
    distance: str  # «150 км» from the office, or «» when unknown
    families: tuple[SheetFamily, ...]


@dataclass(frozen=True)
class SheetSession:
    """A session the brigade held on the trip (`RehabSession.trip_id`)."""

    time: str
    child: str
    service: str
    specialist: str
    mark: str  # «посещено», «пропущено» or «» when not marked


@dataclass(frozen=True)
class RouteSheet:
    organization: str
    office: str
    number: str
    trip_date: date
    status: str
    vehicle: str
    members: tuple[SheetMember, ...]
    stops: tuple[SheetStop, ...]
    notes: str
    departs_at: str = ""  # «08:30», or «» when not planned
    returns_at: str = ""
    distance: str = ""  # the planned total distance, «320 км»
    distance_note: str = ""  # «оценка: …» when the distance is estimated from the farthest stop
    sessions: tuple[SheetSession, ...] = ()

    @property
    def family_count(self) -> int:
        return sum(len(stop.families) for stop in self.stops)


def format_distance(km: float | None) -> str:
    if km is None:
        return ""
    return f"{km:.0f} км" if float(km).is_integer() else f"{km:.1f} км".replace(".", ",")


def _address(settlement: str | None, street: str | None, house: str | None, building: str | None,
             apartment: str | None) -> str:
    parts = [settlement or "", street or "", f"д. {house}" if house else "",
             f"корп. {building}" if building else "", f"кв. {apartment}" if apartment else ""]
    return ", ".join(part for part in parts if part)


def _trip_number(session: Session, trip: BrigadeTrip) -> str:
    """«7/2026»: the trip's place among the year's trips by date (the database keeps no number)."""
    year_start, year_end = date(trip.trip_date.year, 1, 1), date(trip.trip_date.year, 12, 31)
    earlier = session.execute(
        select(func.count(BrigadeTrip.id)).where(
            BrigadeTrip.deleted_at.is_(None), BrigadeTrip.trip_date >= year_start,
            BrigadeTrip.trip_date <= year_end,
            tuple_(BrigadeTrip.trip_date, BrigadeTrip.created_at) <= (trip.trip_date, trip.created_at))
    ).scalar_one()
    return f"{earlier}/{trip.trip_date.year}"


def _members(session: Session, trip_id: uuid.UUID) -> tuple[SheetMember, ...]:
    rows = session.execute(
        select(Staff.last_name, Staff.first_name, Staff.middle_name, DictionaryItem.name)
        .join(members_table, members_table.c.staff_id == Staff.id)
        .join(DictionaryItem, DictionaryItem.id == Staff.position_id)
        .where(members_table.c.trip_id == trip_id)
        .order_by(Staff.last_name, Staff.first_name)
    ).all()
    return tuple(SheetMember(full_name(last, first, middle), position.lower() if position else "")
                 for last, first, middle, position in rows)


def _phones(session: Session, family_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Phones of the legal representatives, for families with no phone of their own."""
    phones: dict[uuid.UUID, list[str]] = {}
    if not family_ids:
        return {}
    for family_id, phone in session.execute(
        select(FamilyMember.family_id, Person.phone).join(Person, Person.id == FamilyMember.person_id)
        .where(FamilyMember.family_id.in_(family_ids), FamilyMember.is_legal_representative.is_(True),
               FamilyMember.left_on.is_(None), Person.deleted_at.is_(None), Person.phone.is_not(None))
        .order_by(FamilyMember.family_id, Person.last_name)
    ):
        assert phone is not None  # the query skips people without a phone
        if phone not in phones.setdefault(family_id, []):
            phones[family_id].append(phone)
    return {key: ", ".join(value) for key, value in phones.items()}


def _sessions(session: Session, trip_id: uuid.UUID) -> tuple[SheetSession, ...]:
    rows = session.execute(
        select(RehabSession.starts_at, Person.last_name, Person.first_name, Person.middle_name, Service.name,
               Staff.last_name, Staff.first_name, Staff.middle_name, SessionParticipant.attended)
        .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
        .join(Person, Person.id == SessionParticipant.person_id)
        .join(Service, Service.id == RehabSession.service_id)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .where(RehabSession.trip_id == trip_id, RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False))
        .order_by(RehabSession.starts_at, Person.last_name, Person.first_name)
    ).all()
    marks = {True: "посещено", False: "пропущено", None: ""}
    return tuple(SheetSession(starts_at.strftime("%H:%M"), full_name(last, first, middle), service,
                              short_name(s_last, s_first, s_middle), marks[attended])
                 for starts_at, last, first, middle, service, s_last, s_first, s_middle, attended in rows)


def _planned_distance(trip: BrigadeTrip, distances: list[float | None]) -> tuple[str, str]:
    """The planned total distance, or an estimate (there and back to the farthest stop), with its note."""
    if trip.distance_km is not None:
        return format_distance(trip.distance_km), ""
    known = [km for km in distances if km is not None]
    if not known or not max(known):
        return "", ""
    return f"≈ {format_distance(2 * max(known))}", "оценка: туда и обратно до самого дальнего пункта"


def load_route_sheet(session: Session, actor: Actor, trip_id: uuid.UUID) -> RouteSheet:
    """Everything the route sheet shows; families in route order, then by title."""
    trip = require_trip(session, actor, trip_id)
    organization = session.execute(select(Organization.name).order_by(Organization.created_at).limit(1)
                                   ).scalar() or ""
    office = session.execute(select(Office.name).where(Office.id == trip.office_id)).scalar() or ""
    route = trip_route(session, trip.id)
    places = {row.id: row for row in session.execute(
        select(Settlement.id, Settlement.name, Settlement.distance_km, District.name.label("district"),
               DictionaryItem.short_name.label("kind"))
        .join(District, District.id == Settlement.district_id)
        .outerjoin(DictionaryItem, DictionaryItem.id == Settlement.kind_id)
        .where(Settlement.id.in_(route)))}
    families = session.execute(
        select(Family.id, Family.title, Family.settlement_id, Family.street, Family.house, Family.building,
               Family.apartment, Family.phone, TripFamily.planned_work)
        .join(TripFamily, TripFamily.family_id == Family.id)
        .where(TripFamily.trip_id == trip.id)
        .order_by(Family.title_key)
    ).all()
    phones = _phones(session, [row.id for row in families if not row.phone])
    by_stop: dict[uuid.UUID, list] = {}
    for row in families:
        by_stop.setdefault(row.settlement_id, []).append(row)
    number = 0
    stops = []
    for position, settlement_id in enumerate(route, 1):
        place = places[settlement_id]
        title = f"{place.kind} {place.name}" if place.kind else place.name
        rows = []
        for row in by_stop.get(settlement_id, []):
            number += 1
            rows.append(SheetFamily(number, row.title, _address(title, row.street, row.house, row.building,
                                                                row.apartment),
                                    row.phone or phones.get(row.id, ""), row.planned_work or ""))
        stops.append(SheetStop(position, title, place.district, format_distance(place.distance_km),
                               tuple(rows)))
    distance, distance_note = _planned_distance(trip, [places[s].distance_km for s in route])
    return RouteSheet(organization, office, _trip_number(session, trip), trip.trip_date,
                      STATUS_TITLES.get(trip.status, trip.status), trip.vehicle or "",
                      _members(session, trip.id), tuple(stops), trip.notes or "",
                      trip.departs_at.strftime("%H:%M") if trip.departs_at else "",
                      trip.returns_at.strftime("%H:%M") if trip.returns_at else "",
                      distance, distance_note, _sessions(session, trip.id))


def export_route_sheet(session: Session, actor: Actor, trip_id: uuid.UUID, folder: Path) -> tuple[Path, Path]:
    """Read the trip and write both files into `folder`; returns (docx, pdf) paths (audited as an export)."""
    sheet = load_route_sheet(session, actor, trip_id)
    audit.record(session, actor, "export", "brigade_trip", trip_id, ["route_sheet"])
    docx = export_route_sheet_docx(sheet, folder / route_sheet_file_name(sheet, ".docx"))
    pdf = export_route_sheet_pdf(sheet, folder / route_sheet_file_name(sheet, ".pdf"))
    return docx, pdf


def route_sheet_file_name(sheet: RouteSheet, suffix: str) -> str:
    """«Маршрутный лист 1-2026 16.06.2026.docx» (no characters that file systems refuse)."""
    return f"Маршрутный лист {sheet.number.replace('/', '-')} {format_date(sheet.trip_date)}{suffix}"


def sheet_context(sheet: RouteSheet) -> dict:
    """The template's context: the sheet's fields as plain values (no objects reach the template)."""
    context = asdict(sheet)
    context["title"] = TITLE
    context["family_count"] = sheet.family_count
    context["route"] = " → ".join(stop.settlement for stop in sheet.stops)
    return context


def export_route_sheet_docx(sheet: RouteSheet, target: Path) -> Path:
    """Write the sheet as a Word document from the (user-overridable) template."""
    return render_docx(TEMPLATE, sheet_context(sheet), target)


def _signature_table(body: ParagraphStyle, bold: str, who: str = "Заведующий отделением") -> Table:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    small = ParagraphStyle("small", parent=body, fontSize=9, alignment=TA_CENTER)
    rows = [[Paragraph(who, body), "", "", ""],
            ["", Paragraph("(подпись)", small), "", Paragraph("(И.О. Фамилия)", small)]]
    table = Table(rows, colWidths=[60 * mm, 40 * mm, 10 * mm, 55 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.5, "black"),
                               ("LINEBELOW", (3, 0), (3, 0), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def export_route_sheet_pdf(sheet: RouteSheet, target: Path) -> Path:
    """Write the sheet as an A4 PDF (written to a temporary file first, then moved into place)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.documents.pdf_fonts import register_pdf_fonts

    regular, bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=12, leading=15)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=14, leading=18,
                             alignment=TA_CENTER, spaceBefore=6, spaceAfter=6)
    stop_style = ParagraphStyle("stop", parent=body, fontName=bold, spaceBefore=10, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=12)
    head_cell = ParagraphStyle("head", parent=cell, fontName=bold, alignment=TA_CENTER)

    def text(value: str) -> str:
        return escape(value).replace("\n", "<br/>")

    story: list = [
        Paragraph(text(sheet.organization), centred),
        Paragraph(text(sheet.office), centred),
        Paragraph(text(f"{TITLE} № {sheet.number} от {format_date(sheet.trip_date)}"), heading),
        Paragraph(f"<b>Дата выезда:</b> {text(long_date(sheet.trip_date))}", body),
        Paragraph(f"<b>Транспорт:</b> {text(sheet.vehicle or '—')}", body),
        Paragraph(f"<b>Выезд:</b> {text(sheet.departs_at or '—')}; <b>возвращение:</b> "
                  f"{text(sheet.returns_at or '—')}", body),
        Paragraph(f"<b>Протяжённость маршрута:</b> {text(sheet.distance or '—')}"
                  + (f" ({text(sheet.distance_note)})" if sheet.distance_note else ""), body),
        Paragraph("<b>Состав бригады:</b>", body),
    ]
    story += [Paragraph(text(f"{i}. {m.name} — {m.position}"), body) for i, m in enumerate(sheet.members, 1)]
    story.append(Paragraph("<b>Маршрут:</b>", body))
    for stop in sheet.stops:
        distance = f" — {stop.distance} от отделения" if stop.distance else ""
        story.append(Paragraph(text(f"{stop.number}. {stop.settlement} ({stop.district}){distance}"), body))
    story.append(Paragraph(f"<b>Семей в маршрутном листе:</b> {sheet.family_count}", body))  # as in the DOCX
    widths = [8 * mm, 34 * mm, 38 * mm, 30 * mm, 42 * mm, 28 * mm]
    headers = ["№", "Семья (ФИО)", "Адрес", "Телефон", "Планируемая работа", "Отметка о выполнении"]
    for stop in sheet.stops:
        distance = f", {stop.distance}" if stop.distance else ""
        story.append(Paragraph(text(f"Пункт {stop.number}. {stop.settlement}{distance}"), stop_style))
        if not stop.families:
            story.append(Paragraph("Семьи в этом пункте не запланированы.", body))
            continue
        rows: list[list[Paragraph | str]] = [[Paragraph(h, head_cell) for h in headers]]
        rows += [[Paragraph(str(f.number), cell), Paragraph(text(f.title), cell), Paragraph(text(f.address), cell),
                  Paragraph(text(f.phone), cell), Paragraph(text(f.planned_work), cell), ""]
                 for f in stop.families]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ]))
        story.append(table)
    if sheet.sessions:  # the brigade's sessions on this trip, as in the DOCX
        story.append(Paragraph("Занятия, проведённые бригадой на выезде", stop_style))
        rows = [[Paragraph(h, head_cell) for h in SESSION_HEADERS]]
        rows += [[Paragraph(str(i), cell), Paragraph(text(x.time), cell), Paragraph(text(x.child), cell),
                  Paragraph(text(x.service), cell), Paragraph(text(x.specialist), cell), Paragraph(text(x.mark), cell)]
                 for i, x in enumerate(sheet.sessions, 1)]
        table = Table(rows, colWidths=[8 * mm, 15 * mm, 38 * mm, 65 * mm, 28 * mm, 26 * mm], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE"))]))
        story.append(table)
    if sheet.notes:
        story += [Spacer(1, 6), Paragraph(f"<b>Примечание:</b> {text(sheet.notes)}", body)]
    story += [
        Spacer(1, 24),
        _signature_table(body, bold),
        Spacer(1, 12),
        _signature_table(body, bold, "Водитель"),
        Spacer(1, 12),
        Paragraph("Члены бригады с маршрутом ознакомлены:", body),
    ]
    story += [Paragraph(text(f"{m.name} ____________________"), body) for m in sheet.members]

    def build(path: str) -> None:
        SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=10 * mm, topMargin=20 * mm,
                          bottomMargin=20 * mm, title=TITLE, author=sheet.organization).build(story)

    write_atomically(target, build)
    return target
