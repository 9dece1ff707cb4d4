"""The per-child rehabilitation card (реабилитационная карта, after the forms of Приказ Минтруда № 445н):
the child's sessions over a period grouped by service and specialist, with attendance, exported to
DOCX (template `rehab_card.docx`) and XLSX (openpyxl).

`rehab_card` reads in one query on the (person_id, session_id) index of the participants; nothing loads
ORM objects. Counts are children's places in live sessions: cancelled sessions are listed but not
counted, as in `app.rehab.calendar.attendance_stats`. Exports run on the worker thread and write
atomically (a temporary file in the target folder, then a rename).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.core.access import require_person, require_session
from app.core.actor import Actor
from app.core.errors import NotFound, ValidationError
from app.core.figures import attendance_rate
from app.core.folders import write_atomically
from app.core.text import format_date, full_name, short_name
from app.documents.docx_render import render_docx
from app.reference.organization import load_organization
from app.registry.children import IPRA_TERMS, LIMITATION_LABELS
from app.rehab.sessions import SessionData
from db.models import (
    ChildProfile,
    Diagnosis,
    DictionaryItem,
    Person,
    PlanItem,
    RehabSession,
    Service,
    SessionParticipant,
    Staff,
    SupportCase,
)

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

TEMPLATE = "rehab_card.docx"
MAX_PERIOD_DAYS = 3 * 366
# A spreadsheet cell starting with one of these is read as a formula (CSV/XLSX injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
# Marks of the session, not of the child: neutral, so they agree with a girl and a boy alike.
STATE_NAMES = {"attended": "посещено", "absent": "пропущено", "planned": "не отмечено", "cancelled": "отменено"}


@dataclass(frozen=True)
class CardGroup:
    """One service given by one specialist: the child's places in live, not cancelled sessions."""

    service: str
    specialist: str
    position: str
    planned: int
    attended: int
    absent: int

    @property
    def not_marked(self) -> int:
        return self.planned - self.attended - self.absent

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.attended, self.absent)


@dataclass(frozen=True)
class CardSession:
    starts_at: datetime
    duration_min: int
    service: str
    specialist: str
    is_group: bool
    state: str  # "planned", "attended", "absent" or "cancelled"
    absence_reason: str | None
    topic: str | None

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


@dataclass(frozen=True)
class CardProfile:
    """What a reader of the card expects about the child: the ИПРА, the diagnoses, the limitation degrees."""

    ipra: str = ""  # «№ 123.45.6/2025 от 05.03.2025, ФКУ «ГБ МСЭ …», на 1 год (до 05.03.2026)»
    diagnoses: tuple[str, ...] = ()  # «F84.0 Детский аутизм (основной)»
    limitations: tuple[tuple[str, int], ...] = ()  # (life activity, degree 1–3), those with a degree


@dataclass(frozen=True)
class RehabCard:
    organization: str
    child_name: str
    birth_date: date | None
    date_from: date
    date_to: date
    groups: tuple[CardGroup, ...]
    sessions: tuple[CardSession, ...]
    profile: CardProfile = CardProfile()
    # The child's programmes in the period, each with its outcome and plan: «Реабилитационный курс № 5 с 01.03.2026
    # по 31.05.2026; закрыт: Цели … достигнуты; мероприятия плана выполнены: 3 из 4». Read from the cases, so the
    # results name what the records hold (an assessment's dynamics come with the assessment instruments, #17).
    courses: tuple[str, ...] = ()

    @property
    def results(self) -> str:
        """The course's results in one sentence: sessions planned, attended, missed, the rate."""
        rate = _percent(self.rate)
        return (f"Запланировано занятий: {self.planned}, посещено: {self.attended}, пропущено: {self.absent}, "
                f"не отмечено: {self.not_marked}; посещаемость: {rate}.")

    @property
    def planned(self) -> int:
        return sum(g.planned for g in self.groups)

    @property
    def attended(self) -> int:
        return sum(g.attended for g in self.groups)

    @property
    def absent(self) -> int:
        return sum(g.absent for g in self.groups)

    @property
    def not_marked(self) -> int:
        return self.planned - self.attended - self.absent

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.attended, self.absent)


def _check_period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    if date_from is None or date_to is None:
        raise ValidationError({"period": "Укажите начало и конец периода."})
    if date_to < date_from:
        raise ValidationError({"period": "Конец периода раньше его начала."})
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise ValidationError({"period": "Период карты — не более трёх лет."})
    return date_from, date_to


def rehab_card(session: Session, actor: Actor, person_id: uuid.UUID, date_from: date | None,
               date_to: date | None) -> RehabCard:
    """The card of child `person_id` for the days `date_from`..`date_to` inclusive."""
    require_person(session, actor, person_id)
    date_from, date_to = _check_period(date_from, date_to)
    child = session.execute(select(Person.last_name, Person.first_name, Person.middle_name, Person.birth_date)
                            .where(Person.id == person_id, Person.deleted_at.is_(None))).one_or_none()
    if child is None:
        raise NotFound("Запись о ребёнке не найдена: возможно, она удалена.")
    position = aliased(DictionaryItem)
    reason = aliased(DictionaryItem)
    rows = session.execute(
        select(RehabSession.starts_at, RehabSession.duration_min, Service.name, Staff.last_name, Staff.first_name,
               Staff.middle_name, position.name, RehabSession.is_group, RehabSession.cancelled,
               SessionParticipant.attended, reason.name, RehabSession.topic)
        .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
        .join(Service, Service.id == RehabSession.service_id)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .join(position, position.id == Staff.position_id)
        .outerjoin(reason, reason.id == SessionParticipant.absence_reason_id)
        .where(SessionParticipant.person_id == person_id, RehabSession.deleted_at.is_(None),
               RehabSession.starts_at >= datetime.combine(date_from, time()),
               RehabSession.starts_at < datetime.combine(date_to + timedelta(days=1), time()))
        .order_by(RehabSession.starts_at, Service.name)
    ).all()
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    sessions = []
    for starts, duration, service, last, first, middle, position_name, is_group, cancelled, attended, why, topic \
            in rows:
        specialist = short_name(last, first, middle)
        if cancelled:
            state = "cancelled"
        else:
            state = {True: "attended", False: "absent", None: "planned"}[attended]
            tally = counts[(service, specialist, position_name)]
            tally[0] += 1
            tally[1] += attended is True
            tally[2] += attended is False
        sessions.append(CardSession(starts, duration, service, specialist, is_group, state,
                                    why if state == "absent" else None, topic))
    groups = tuple(CardGroup(service, specialist, position_name, *tally)
                   for (service, specialist, position_name), tally in sorted(counts.items()))
    try:
        organization = load_organization(session).name
    except NotFound:
        organization = ""
    return RehabCard(organization, full_name(child[0], child[1], child[2]), child[3], date_from, date_to,
                     groups, tuple(sessions), _profile(session, person_id),
                     _courses(session, person_id, date_from, date_to))


def _courses(session: Session, person_id: uuid.UUID, date_from: date, date_to: date) -> tuple[str, ...]:
    """The child's live cases that overlap the period, with their closing reason and plan progress."""
    kind, reason = aliased(DictionaryItem), aliased(DictionaryItem)
    done = (select(func.count(PlanItem.id)).where(PlanItem.case_id == SupportCase.id, PlanItem.done_on.is_not(None))
            .scalar_subquery())
    total = select(func.count(PlanItem.id)).where(PlanItem.case_id == SupportCase.id).scalar_subquery()
    rows = session.execute(
        select(kind.name, SupportCase.number, SupportCase.opened_on, SupportCase.closed_on, reason.name, done, total)
        .join(kind, kind.id == SupportCase.kind_id)
        .outerjoin(reason, reason.id == SupportCase.closing_reason_id)
        .where(SupportCase.child_person_id == person_id, SupportCase.deleted_at.is_(None),
               SupportCase.opened_on <= date_to,
               (SupportCase.closed_on.is_(None)) | (SupportCase.closed_on >= date_from))
        .order_by(SupportCase.opened_on)
    ).all()
    lines = []
    for kind_name, number, opened, closed, reason_name, done_count, total_count in rows:
        head = " ".join(part for part in (kind_name, f"№ {number}" if number else "", f"с {format_date(opened)}",
                                          f"по {format_date(closed)}" if closed else "") if part)
        state = f"закрыт: {reason_name}" if closed and reason_name else ("закрыт" if closed else "продолжается")
        plan = f"мероприятия плана выполнены: {done_count} из {total_count}" if total_count else "план не составлен"
        lines.append(f"{head}; {state}; {plan}.")
    return tuple(lines)


def _profile(session: Session, person_id: uuid.UUID) -> CardProfile:
    profile = session.execute(select(ChildProfile).where(ChildProfile.person_id == person_id,
                                                         ChildProfile.deleted_at.is_(None))).scalar_one_or_none()
    diagnoses = tuple(
        f"{code} {title}".strip() + (" (основной)" if main else "")
        for code, title, main in session.execute(
            select(Diagnosis.icd_code, Diagnosis.title, Diagnosis.is_main)
            .where(Diagnosis.person_id == person_id, Diagnosis.deleted_at.is_(None))
            .order_by(Diagnosis.is_main.desc(), Diagnosis.icd_code)))
    if profile is None:
        return CardProfile(diagnoses=diagnoses)
    ipra = ""
    if profile.ipra_number or profile.ipra_date:
        parts = [f"№ {profile.ipra_number}" if profile.ipra_number else "б/н"]
        if profile.ipra_date:
            parts[0] += f" от {format_date(profile.ipra_date)}"
        if profile.mse_bureau:
            parts.append(profile.mse_bureau)
        term = IPRA_TERMS.get(profile.ipra_term or "", "")
        if term or profile.ipra_until:
            parts.append(" ".join(filter(None, [term, f"(до {format_date(profile.ipra_until)})"
                                                if profile.ipra_until else ""])))
        ipra = ", ".join(parts)
    limitations = tuple((label, int(getattr(profile, field))) for field, label in LIMITATION_LABELS.items()
                        if getattr(profile, field))
    return CardProfile(ipra, diagnoses, limitations)


def load_session_data(session: Session, actor: Actor, session_id: uuid.UUID
                      ) -> tuple[SessionData, list[tuple[uuid.UUID, str]]]:
    """A live session as the editor shows it, with its children's (id, full name) in name order.

    Lives here because `app.rehab.sessions` has no loader yet; it belongs there and may move.
    """
    row = session.execute(select(RehabSession).where(RehabSession.id == session_id,
                                                     RehabSession.deleted_at.is_(None))).scalar_one_or_none()
    if row is None:
        raise NotFound("Занятие не найдено: возможно, его удалили. Обновите календарь.")
    require_session(session, actor, session_id)
    children = [(person_id, full_name(last, first, middle)) for person_id, last, first, middle in session.execute(
        select(Person.id, Person.last_name, Person.first_name, Person.middle_name)
        .join(SessionParticipant, SessionParticipant.person_id == Person.id)
        .where(SessionParticipant.session_id == session_id)
        .order_by(Person.last_name_key, Person.first_name_key))]
    data = SessionData(row.starts_at, row.duration_min, row.staff_id, row.service_id, row.delivery_mode_id,
                       [person_id for person_id, _ in children], row.is_group, row.place, row.topic, row.notes,
                       row.case_id)
    return data, children


def _percent(rate: float | None) -> str:
    """«66,7 %»: one decimal, a Russian comma and a space, as the reports write a rate."""
    return "—" if rate is None else f"{rate * 100:.1f}".replace(".", ",") + " %"


def _docx_context(card: RehabCard) -> dict:
    return {
        "organization": card.organization,
        "child": {"name": card.child_name, "birth_date": format_date(card.birth_date)},
        "date_from": card.date_from, "date_to": card.date_to, "today": date.today(),
        "groups": [{"n": i, "service": g.service, "specialist": g.specialist, "position": g.position,
                    "planned": g.planned, "attended": g.attended, "absent": g.absent, "rate": _percent(g.rate)}
                   for i, g in enumerate(card.groups, 1)],
        "total": {"planned": card.planned, "attended": card.attended, "absent": card.absent,
                  "rate": _percent(card.rate)},
        "profile": {"ipra": card.profile.ipra, "diagnoses": "; ".join(card.profile.diagnoses),
                    "limitations": "; ".join(f"{name.lower()} — {degree}"
                                             for name, degree in card.profile.limitations)},
        "results": card.results,
        "courses": list(card.courses),
        "sessions": [{"n": i, "date": f"{s.starts_at:%d.%m.%Y}", "time": f"{s.starts_at:%H:%M}",
                      "service": s.service, "specialist": s.specialist, "form": "групп." if s.is_group else "инд.",
                      "mark": s.state_name + (f" ({s.absence_reason})" if s.absence_reason else "")}
                     for i, s in enumerate(card.sessions, 1)],
    }


def export_rehab_card_docx(card: RehabCard, target: Path) -> Path:
    """Fill the `rehab_card.docx` template (the user's copy if there is one) into `target`."""
    return render_docx(TEMPLATE, _docx_context(card), target)


def safe_text(cell: Cell | MergedCell, value: str | None) -> None:
    """Write user text as text: a value starting with = + - @ or a tab is never a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def export_rehab_card_xlsx(card: RehabCard, target: Path) -> Path:
    """Two sheets: «Сводка» (counts per service and specialist, totals and rates as formulas) and
    «Занятия» (every session); styled headers, frozen panes, A4 fitted to width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.worksheet import Worksheet

    thin = Side(style="thin", color="90A4AE")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="CFD8DC")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(sheet: Worksheet, row: int, titles: list[str], widths: list[int]) -> None:
        for column, (title, width) in enumerate(zip(titles, widths, strict=True), 1):
            cell = sheet.cell(row, column, title)
            cell.font, cell.fill, cell.border = bold, header_fill, border
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            sheet.column_dimensions[cell.column_letter].width = width

    def page(sheet: Worksheet, landscape: bool) -> None:
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        setup = sheet.sheet_properties.pageSetUpPr
        assert setup is not None  # openpyxl creates it with the worksheet's properties
        setup.fitToPage = True

    def fit_rows(sheet: Worksheet, first: int, last: int) -> None:
        # Spreadsheet programs do not grow rows for wrapped text written by openpyxl: estimate the lines.
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
        for number, cells in enumerate(sheet.iter_rows(min_row=first, max_row=last), first):
            lines = max((-(-len(str(c.value)) // max(int(widths.get(c.column_letter, 10) * 0.95), 1))
                         for c in cells if isinstance(c.value, str) and not c.value.startswith("=")), default=1)
            sheet.row_dimensions[number].height = 15 * max(lines, 1)

    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)  # a new workbook has one plain worksheet
    summary.title = "Сводка"
    safe_text(summary.cell(1, 1), card.organization)
    summary.cell(2, 1, "Реабилитационная карта").font = Font(bold=True, size=14)
    safe_text(summary.cell(3, 1), f"Ребёнок: {card.child_name}, дата рождения {format_date(card.birth_date)}")
    summary.cell(4, 1, f"Период: {card.date_from:%d.%m.%Y} — {card.date_to:%d.%m.%Y}")
    profile = card.profile
    lines = [text for text in (
        f"ИПРА: {profile.ipra}" if profile.ipra else "",
        f"Диагноз: {'; '.join(profile.diagnoses)}" if profile.diagnoses else "",
        "Степень ограничения жизнедеятельности: " + "; ".join(
            f"{name.lower()} — {degree}" for name, degree in profile.limitations) if profile.limitations else "",
    ) if text]
    for number, text in enumerate(lines, 5):
        safe_text(summary.cell(number, 1), text)
    top = 6 + len(lines)
    header(summary, top, ["№", "Услуга", "Специалист", "Должность", "Запланировано", "Посещено", "Пропущено",
                          "Не отмечено", "Посещаемость"], [5, 44, 20, 24, 16, 12, 12, 12, 15])
    row = top
    for row, group in enumerate(card.groups, top + 1):
        summary.cell(row, 1, row - top)
        safe_text(summary.cell(row, 2), group.service)
        safe_text(summary.cell(row, 3), group.specialist)
        safe_text(summary.cell(row, 4), group.position)
        summary.cell(row, 5, group.planned)
        summary.cell(row, 6, group.attended)
        summary.cell(row, 7, group.absent)
        summary.cell(row, 8, f"=E{row}-F{row}-G{row}")
        summary.cell(row, 9, f'=IF(F{row}+G{row}>0,F{row}/(F{row}+G{row}),"")')
    total = row + 1
    summary.cell(total, 2, "Итого").font = bold
    for column in "EFGH":
        cell = summary[f"{column}{total}"]
        cell.value = f"=SUM({column}{top + 1}:{column}{total - 1})" if total > top + 1 else 0
        cell.font = bold
    summary[f"I{total}"] = f'=IF(F{total}+G{total}>0,F{total}/(F{total}+G{total}),"")'
    summary[f"I{total}"].font = bold
    for cells in summary.iter_rows(min_row=top + 1, max_row=total, max_col=9):
        for number, cell in enumerate(cells, 1):
            cell.border = border
            cell.alignment = wrap
            if number >= 5:
                cell.number_format = "0.0%" if number == 9 else "0"
    summary.row_dimensions[top].height = 30
    fit_rows(summary, top + 1, total)
    summary.cell(total + 2, 1, "Результаты курса").font = bold
    summary.cell(total + 3, 1, card.results)
    for offset, course in enumerate(card.courses, 4):
        summary.cell(total + offset, 1, course)
    summary.freeze_panes = f"A{top + 1}"
    summary.print_title_rows = f"{top}:{top}"
    page(summary, landscape=True)

    listing = book.create_sheet("Занятия")
    header(listing, 1, ["№", "Дата", "Время", "Мин", "Услуга", "Специалист", "Форма", "Отметка", "Причина отсутствия",
                        "Тема"], [5, 11, 7, 6, 40, 20, 9, 13, 22, 30])
    for row, item in enumerate(card.sessions, 2):
        listing.cell(row, 1, row - 1)
        listing.cell(row, 2, item.starts_at.date()).number_format = "DD.MM.YYYY"
        listing.cell(row, 3, item.starts_at.time()).number_format = "HH:MM"
        listing.cell(row, 4, item.duration_min).number_format = "0"
        safe_text(listing.cell(row, 5), item.service)
        safe_text(listing.cell(row, 6), item.specialist)
        listing.cell(row, 7, "групповое" if item.is_group else "индивид.")
        listing.cell(row, 8, item.state_name)
        safe_text(listing.cell(row, 9), item.absence_reason)
        safe_text(listing.cell(row, 10), item.topic)
        for number in range(1, 11):
            listing.cell(row, number).border = border
            listing.cell(row, number).alignment = wrap
    listing.row_dimensions[1].height = 30
    fit_rows(listing, 2, listing.max_row)
    listing.freeze_panes = "B2"
    listing.print_title_rows = "1:1"
    page(listing, landscape=True)

    return write_atomically(target, book.save)


def card_file_name(card: RehabCard, extension: str) -> str:
    """«Реабилитационная карта Королёв А. 01.03.2026-31.03.2026.docx», safe on every file system."""
    name = card.child_name.split()
    who = short_name(name[0], name[1] if len(name) > 1 else "", name[2] if len(name) > 2 else None) if name else ""
    text = f"Реабилитационная карта {who} {card.date_from:%d.%m.%Y}-{card.date_to:%d.%m.%Y}.{extension}"
    return "".join("_" if ch in '<>:"/\\|?*' else ch for ch in text)
