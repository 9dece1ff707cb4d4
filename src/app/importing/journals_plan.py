"""The preview of a journal import: past sessions (one row per child) and home visits (one row per visit).

Each row names a registered person by СНИЛС or by ФИО with birth date (journals come after the
registry), the specialist(s) by name, the service and the delivery mode by name. A session row
equal to a session already in the database (same specialist, start and child) is a duplicate; for a
visit, a visit to the same family on the same day. Rows of one group session (same specialist,
start and service) become one session with several children.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.dates import ADULT_AGE, age_on
from app.core.lookups import chunks
from app.core.progress import Progress, no_progress
from app.core.text import clean, format_date
from app.importing.cells import (
    CellError,
    parse_date,
    parse_flag,
    parse_group,
    parse_int,
    parse_snils,
    parse_time,
    split_full_name,
)
from app.importing.files import SheetData
from app.importing.known import KnownPerson, KnownPersons, load_known, name_key
from app.importing.mappings import ColumnMapping
from app.importing.matching import (
    ABSENCE_REASON,
    ABSENCE_STEMS,
    DELIVERY_MODE,
    DELIVERY_STEMS,
    HOME_MODES,
    Dictionaries,
    NewStaff,
    Unknown,
    split_lines,
    split_list,
    split_position,
)
from app.importing.outcome import DUPLICATE, ERROR, NEW, UPDATE, Decisions, Preview, RowResult
from app.importing.rows import SheetRow, data_rows, tidy_name
from db.models import HomeVisit, RehabSession, SessionParticipant

DEFAULT_START = time(9, 0)
DEFAULT_DURATION = 40


@dataclass(slots=True)  # a million of them for a two-year journal
class JournalRow:
    row: int
    person: KnownPerson | None = None
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    summary: str = ""
    existing_id: uuid.UUID | None = None  # the session or visit already in the database
    duplicate_of_row: int | None = None
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # written, but the user should know (shown in the preview)


@dataclass
class JournalPlan:
    kind: str
    rows: list[JournalRow]
    preview: Preview
    decisions: Decisions
    sheet_rows: dict[int, SheetRow] = field(default_factory=dict)  # for the cells of rows refused when written
    new_staff: dict[uuid.UUID, NewStaff] = field(default_factory=dict)  # provisional id → employee to create
    office_id: uuid.UUID | None = None  # the office of the employees created (the importing user's)


MEMO_LIMIT = 200_000  # parsed cells kept per import (dates, marks and names repeat; free text does not)
_PERSON_KEYS = ("full_name", "last_name", "first_name", "middle_name", "birth_date", "snils")


def _parsed(dictionaries: Dictionaries, parser: Callable[..., Any], row: SheetRow, key: str, *args: Any) -> Any:
    """`parser(cell, label, *args)` of the row's `key` cell, parsed once per distinct value and column for the
    whole import (a two-year journal repeats its 730 dates, 16 times and few marks a million times); a
    CellError is raised again, as a new exception, each time the value comes back."""
    value = row.get(key)
    if value is None:
        return parser(None, row.label(key), *args)
    memo = dictionaries.parsed
    memo_key = (parser, key, type(value), value)
    hit = memo.get(memo_key)
    if hit is None:
        try:
            hit = (parser(value, row.label(key), *args), None)
        except CellError as error:
            hit = (None, str(error))
        if len(memo) < MEMO_LIMIT:
            memo[memo_key] = hit
    if hit[1] is not None:
        raise CellError(hit[1])
    return hit[0]


def _person_wanted(row: SheetRow, today: date, dictionaries: Dictionaries | None = None
                   ) -> tuple[tuple, str | None, list[str]]:
    """(name key, СНИЛС, errors) of the person a journal row names; a child's lines are parsed once."""
    if dictionaries is None:
        return _person_of(row, today)
    cells = tuple(row.get(key) for key in _PERSON_KEYS)
    memo_key = ("person", *(type(value) for value in cells), *cells)
    hit = dictionaries.parsed.get(memo_key)
    if hit is None:
        hit = _person_of(row, today)
        if len(dictionaries.parsed) < MEMO_LIMIT:
            dictionaries.parsed[memo_key] = hit
    return hit[0], hit[1], list(hit[2])


def _person_of(row: SheetRow, today: date) -> tuple[tuple, str | None, list[str]]:
    errors = []
    if row.get("full_name") is not None:
        last, first, middle = split_full_name(row.text("full_name"))
    else:
        last, first, middle = row.text("last_name"), row.text("first_name"), row.text("middle_name")
    try:
        birth = parse_date(row.get("birth_date"), row.label("birth_date"), today)
    except CellError as error:
        errors.append(str(error))
        birth = None
    try:
        snils = parse_snils(row.get("snils"), row.label("snils"))
    except CellError as error:
        errors.append(str(error))
        snils = None
    if not snils and not (last and first and birth):
        errors.append("Человек не определён: нужен СНИЛС или ФИО с датой рождения.")
    return name_key(tidy_name(last), tidy_name(first), tidy_name(middle), birth), snils, errors


def _find_person(wanted: tuple, snils: str | None, known: KnownPersons) -> tuple[KnownPerson | None, str | None]:
    by_snils, by_name = known.find(wanted, snils)
    hidden = next((found.hidden for found in (by_snils, by_name) if found is not None and found.hidden), None)
    if hidden:
        return None, hidden[:1].upper() + hidden[1:] + "."
    if by_snils and by_name and by_snils.id != by_name.id:
        return None, f"СНИЛС записан у «{by_snils.describe()}», а ФИО и дата рождения — у «{by_name.describe()}»."
    found = by_snils or by_name
    if found is None:
        who = " ".join(part for part in wanted[:3] if part).title() or "человек"
        return None, f"{who} не найден(а) в базе — сначала импортируйте или зарегистрируйте семью."
    return found, None


def _entry(dictionaries: Dictionaries, kind: str, text: str, stems: tuple[tuple[str, str], ...]
           ) -> tuple[bool, uuid.UUID | None]:
    """`dictionaries.entry` once per distinct text; unmatched text is asked again (it is counted per row)."""
    memo_key = ("entry", kind, text)
    hit = dictionaries.parsed.get(memo_key)
    if hit is None:
        hit = dictionaries.entry(kind, text, stems)
        if hit[0]:
            dictionaries.parsed[memo_key] = hit
    return hit


def _delivery(row: SheetRow, dictionaries: Dictionaries, default_code: str, errors: list[str],
              warnings: list[str]) -> uuid.UUID | None:
    text = row.text("delivery_mode")
    if not text:
        value = dictionaries.codes.get(DELIVERY_MODE, {}).get(default_code)
        name = dictionaries.names.get(value, default_code) if value else default_code
        warnings.append(f"форма работы не указана — будет записано «{name}»")
        return value
    matched, value = _entry(dictionaries, DELIVERY_MODE, text, DELIVERY_STEMS)
    if not matched or value is None:
        errors.append(f"Форма работы «{text}» не найдена в справочнике — сопоставьте её со значением из списка.")
    return value


@lru_cache(maxsize=1 << 16)
def _says_home(text: str) -> bool:
    # A journal repeats its names, services and marks a million times: each text is looked at once.
    return "на дому" in text.lower()


def _service_form(dictionaries: Dictionaries, mode_id: uuid.UUID | None, row: SheetRow) -> str | None:
    """The form of service (art. 19) the row tells: «на дому» in its cells or a home delivery mode."""
    codes = dictionaries.codes.get(DELIVERY_MODE, {})
    if mode_id is not None and mode_id in {codes.get(code) for code in HOME_MODES}:
        return "home"
    if any(isinstance(value, str) and _says_home(value) for value in row.values):
        return "home"
    return "semi_stationary" if mode_id is not None and mode_id == codes.get("centre") else None


def _one_staff(text: str | None, dictionaries: Dictionaries, errors: list[str],
               position: str | None = None) -> uuid.UUID | None:
    """The employee a cell names; one missing from the dictionary is created when the import may (see
    `Dictionaries.specialist`), else the row is refused and the name listed as unknown."""
    if not text:
        errors.append("Не указан специалист.")
        return None
    found, problem = dictionaries.specialist(text, position)
    if problem:
        errors.append(problem)
        return None
    return found[0]


def _date(row: SheetRow, key: str, errors: list[str], today: date, required: bool = True,
          dictionaries: Dictionaries | None = None) -> date | None:
    try:
        value = _parsed(dictionaries, parse_date, row, key, today) if dictionaries is not None else \
            parse_date(row.get(key), row.label(key), today)
    except CellError as error:
        errors.append(str(error))
        return None
    if value is None and required:
        errors.append(f"Не указана дата в столбце «{row.label(key)}».")
    elif value is not None and value > today:
        errors.append(f"Столбец «{row.label(key)}»: дата {format_date(value)} ещё не наступила — "
                      f"импортируются прошедшие записи.")
        return None
    return value


def _session_values(row: SheetRow, dictionaries: Dictionaries, today: date, errors: list[str],
                    warnings: list[str]) -> dict:
    day = _date(row, "date", errors, today, dictionaries=dictionaries)
    start = row.get("date")
    try:
        at = _parsed(dictionaries, parse_time, row, "time") if "time" in row.mapping.columns else None
    except CellError as error:
        errors.append(str(error))
        at = None
    if at is None and isinstance(start, datetime) and (start.hour, start.minute) != (0, 0):
        at = start.time()
    service_text = row.text("service")
    service_id = None
    mode_id = _delivery(row, dictionaries, "centre", errors, warnings)
    if not service_text:
        errors.append("Не указана услуга.")
    else:
        form = _service_form(dictionaries, mode_id, row) if dictionaries.service_form_matters(service_text) \
            else None
        matched, service_id = dictionaries.service(service_text, form)
        if not matched or service_id is None:
            errors.append(f"Услуга «{service_text}» не найдена в перечне — сопоставьте её с услугой из списка.")
    try:
        duration = _parsed(dictionaries, parse_int, row, "duration") or DEFAULT_DURATION
    except CellError as error:
        errors.append(str(error))
        duration = DEFAULT_DURATION
    try:
        attended = _parsed(dictionaries, parse_flag, row, "attended")
    except CellError as error:
        errors.append(str(error))
        attended = None
    try:
        group = _parsed(dictionaries, parse_group, row, "is_group")
    except CellError as error:
        errors.append(str(error))
        group = None
    reason_id = None
    if attended is False:
        reason_text = row.text("absence_reason")
        codes = dictionaries.codes.get(ABSENCE_REASON, {})
        if reason_text:
            matched, reason_id = _entry(dictionaries, ABSENCE_REASON, reason_text, ABSENCE_STEMS)
            if not matched:
                errors.append(f"Причина отсутствия «{reason_text}» не найдена — сопоставьте её со значением "
                              f"из списка.")
        reason_id = reason_id or codes.get("other")
    return {
        "starts_at": datetime.combine(day, at or DEFAULT_START) if day else None, "timed": at is not None,
        "duration_min": duration,
        "staff_id": _one_staff(row.text("specialist"), dictionaries, errors, row.text("specialist_position")),
        "service_id": service_id, "delivery_mode_id": mode_id,
        "is_group": bool(group), "attended": attended, "absence_reason_id": reason_id,
        "topic": clean(row.text("topic")), "place": clean(row.text("place")), "notes": clean(row.text("notes")),
    }


def _visit_values(row: SheetRow, dictionaries: Dictionaries, today: date, errors: list[str],
                  warnings: list[str]) -> dict:
    staff_ids = []
    texts: list[str | None] = []
    for part in split_lines(row.lines("specialists")):
        # «Смирнова О.И., Кузнецова А.П.» are two; «Смирнова О.И., психолог» is one with a position.
        texts.extend([part] if split_position(part)[1] else split_list(part))
    texts = texts or [None]
    positions = split_lines(row.lines("specialist_position"))
    for index, text in enumerate(texts):
        position = positions[index] if len(positions) == len(texts) else None
        staff_id = _one_staff(text, dictionaries, errors, position)
        if staff_id and staff_id not in staff_ids:
            staff_ids.append(staff_id)
    mode_id = _delivery(row, dictionaries, "family_home", errors, warnings)
    services, unknown = dictionaries.services_of(row.lines("services"), _service_form(dictionaries, mode_id, row))
    errors.extend(f"Услуга «{text}» не найдена в перечне — сопоставьте её с услугой из списка." for text in unknown)
    purpose = clean(row.text("purpose"))
    if not purpose:
        errors.append("Не указана цель посещения — она обязательна в акте обследования.")
    return {
        "visit_date": _date(row, "date", errors, today), "staff_ids": staff_ids, "purpose": purpose,
        "delivery_mode_id": mode_id, "services": services,
        "children_condition": clean(row.text("findings")), "conclusions": clean(row.text("conclusions")),
        "recommendations": clean(row.text("recommendations")),
        "next_visit_on": _date(row, "next_visit_on", [], date.max, required=False),
    }


def _existing_sessions(session: Session, rows: list[JournalRow]) -> dict[tuple, tuple[uuid.UUID, set]]:
    """(staff, start or day, service) → (session id, participant ids) of live sessions in the file's dates."""
    starts = [r.values["starts_at"] for r in rows if r.values.get("starts_at")]
    if not starts:
        return {}
    staff_ids = list({r.values["staff_id"] for r in rows if r.values.get("staff_id")})
    found: dict[tuple, tuple[uuid.UUID, set]] = {}
    low = datetime.combine(min(starts).date(), time.min)
    high = datetime.combine(max(starts).date(), time.min) + timedelta(days=1)
    for chunk in chunks(staff_ids):
        for session_id, staff_id, starts_at, service_id, person_id in session.execute(
            select(RehabSession.id, RehabSession.staff_id, RehabSession.starts_at, RehabSession.service_id,
                   SessionParticipant.person_id)
            .outerjoin(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
            .where(RehabSession.staff_id.in_(chunk), RehabSession.starts_at >= low, RehabSession.starts_at < high,
                   RehabSession.deleted_at.is_(None))
        ):
            for key in ((staff_id, starts_at, service_id), (staff_id, starts_at.date(), service_id)):
                entry = found.setdefault(key, (session_id, set()))
                if person_id is not None:
                    entry[1].add(person_id)
    return found


def _existing_visits(session: Session, rows: list[JournalRow]) -> dict[tuple, tuple[uuid.UUID, dict]]:
    families = list({r.person.family_id for r in rows if r.person and r.person.family_id})
    found: dict[tuple, tuple[uuid.UUID, dict]] = {}
    for chunk in chunks(families):
        for visit in session.execute(select(HomeVisit).where(HomeVisit.family_id.in_(chunk),
                                                             HomeVisit.deleted_at.is_(None))).scalars():
            found.setdefault((visit.family_id, visit.visit_date), (visit.id, {
                "purpose": visit.purpose, "children_condition": visit.children_condition,
                "conclusions": visit.conclusions, "recommendations": visit.recommendations,
                "next_visit_on": visit.next_visit_on}))
    return found


_VISIT_TEXTS = {"purpose": "цель", "children_condition": "положение детей", "conclusions": "выводы",
                "recommendations": "рекомендации", "next_visit_on": "дата следующего посещения"}


def _judge_session(entry: JournalRow, existing: dict, seen: dict) -> None:
    values = entry.values
    person_id = entry.person.id if entry.person else None
    key = (values["staff_id"], values["starts_at"] if values["timed"] else values["starts_at"].date(),
           values["service_id"])
    birth = entry.person.birth_date if entry.person else None
    if birth is None or age_on(birth, values["starts_at"].date()) >= ADULT_AGE:
        entry.errors.append("Занятия проводятся с детьми до 18 лет: у этого человека " +
                            ("не указана дата рождения." if birth is None else "на дату занятия 18 лет или больше."))
        return
    if (key, person_id) in seen:
        entry.duplicate_of_row = seen[(key, person_id)]
        return
    seen[(key, person_id)] = entry.row
    found = existing.get(key)
    if found is not None:
        entry.existing_id = found[0]
        if person_id not in found[1]:
            entry.changes.append("участник занятия")


def _judge_visit(entry: JournalRow, existing: dict, seen: dict) -> None:
    family_id = entry.person.family_id if entry.person else None
    if family_id is None:
        entry.errors.append("Человек не состоит ни в одной семье — посещение записывается семье.")
        return
    key = (family_id, entry.values["visit_date"])
    if key in seen:
        entry.duplicate_of_row = seen[key]
        return
    seen[key] = entry.row
    found = existing.get(key)
    if found is not None:
        entry.existing_id = found[0]
        entry.changes = [title for name, title in _VISIT_TEXTS.items()
                         if entry.values.get(name) and entry.values[name] != found[1].get(name)]


def _sentence(parts: list[str]) -> str:
    text = "; ".join(dict.fromkeys(parts))
    return text[:1].upper() + text[1:] + ("." if text else "")


def _group_sessions(entries: list[JournalRow]) -> None:
    """A group session whose rows partly fail keeps its valid children and says which rows were refused;
    a «group» of one child becomes an individual session, with a warning."""
    groups: dict[tuple, list[JournalRow]] = defaultdict(list)
    for entry in entries:
        values = entry.values
        key = (values.get("staff_id"), values.get("starts_at"), values.get("service_id"))
        if values.get("is_group") and None not in key:
            groups[key].append(entry)
    for members in groups.values():
        valid = [e for e in members if not e.errors]
        refused = [str(e.row) for e in members if e.errors]
        if refused and valid:
            for entry in valid:
                entry.warnings.append(f"в групповое занятие не вошли строки {', '.join(refused)} (с ошибками)")
        children = {e.person.id for e in valid if e.person is not None}
        if len(children) == 1 and not any(e.existing_id for e in valid):
            for entry in valid:
                entry.values["is_group"] = False
                entry.warnings.append("в групповом занятии один ребёнок — записано как индивидуальное")


def _result(entry: JournalRow, decisions: Decisions, cells: list[str]) -> RowResult:
    if entry.errors:
        return RowResult(entry.row, ERROR, entry.summary, " ".join(dict.fromkeys(entry.errors)), cells=cells)
    if entry.duplicate_of_row is not None:
        return RowResult(entry.row, DUPLICATE, entry.summary, f"повторяет строку {entry.duplicate_of_row} этого файла",
                         cells=cells)
    if entry.existing_id is None:
        return RowResult(entry.row, NEW, entry.summary, _sentence(entry.warnings), cells=cells)
    decision = decisions.for_row(entry.row)
    if entry.changes:
        return RowResult(entry.row, UPDATE, entry.summary, "запись есть в базе; из файла изменится: "
                         + ", ".join(entry.changes), decision, cells)
    return RowResult(entry.row, DUPLICATE, entry.summary, "такая запись уже есть в базе", decision, cells)


def _plan(kind: str, session: Session, sheet: SheetData, mapping: ColumnMapping, dictionaries: Dictionaries,
          decisions: Decisions, today: date | None, actor: Actor | None,
          progress: Progress = no_progress) -> JournalPlan:
    today = today or date.today()
    dictionaries.unknown.clear()
    rows = data_rows(sheet, mapping, progress)
    wanted = {}
    entries = []
    for index, row in enumerate(rows):
        if index % 5000 == 0:
            progress(index, len(rows), "Проверка строк файла")
        entry = JournalRow(row.number)
        key, snils, entry.errors = _person_wanted(row, today, dictionaries)
        wanted[row.number] = (key, snils)
        make = _session_values if kind == "sessions" else _visit_values
        entry.values = make(row, dictionaries, today, entry.errors, entry.warnings)
        entries.append(entry)
    progress(len(rows), len(rows), "Поиск людей в реестре")
    known = load_known(session, {s for _k, s in wanted.values() if s}, {k for k, _s in wanted.values()}, actor,
                       lambda: progress(len(rows), len(rows), "Поиск людей в реестре"))
    described: dict[uuid.UUID, str] = {}  # a child's lines name them the same way
    for index, entry in enumerate(entries):
        if index % 5000 == 0:
            progress(index, len(entries), "Поиск людей в реестре")
        key, snils = wanted[entry.row]
        if not entry.errors or all("не определён" not in e for e in entry.errors):
            entry.person, problem = _find_person(key, snils, known)
            if problem:
                entry.errors.append(problem)
        if entry.person is not None:
            who = described.get(entry.person.id) or described.setdefault(entry.person.id, entry.person.describe())
        else:
            who = " ".join(p for p in key[:3] if p).title()
        day = entry.values.get("starts_at") or entry.values.get("visit_date")
        entry.summary = f"{who} — {day:%d.%m.%Y %H:%M}" if isinstance(day, datetime) else \
            f"{who} — {format_date(day)}" if day else who
    valid = [e for e in entries if not e.errors]
    seen: dict = {}
    progress(0, len(valid), "Поиск записей, которые уже есть в базе")
    if kind == "sessions":
        existing_sessions = _existing_sessions(session, valid)
        for index, entry in enumerate(valid):
            if index % 5000 == 0:
                progress(index, len(valid), "Поиск записей, которые уже есть в базе")
            _judge_session(entry, existing_sessions, seen)
        progress(len(valid), len(valid), "Сборка групповых занятий")
        _group_sessions(entries)
    else:
        existing_visits = _existing_visits(session, valid)
        for entry in valid:
            _judge_visit(entry, existing_visits, seen)
    by_row = {row.number: row for row in rows}
    # Only refused rows carry their cells (for the error report): a million-line journal keeps no copy.
    results = []
    for index, entry in enumerate(entries):
        if index % 50_000 == 0:
            progress(index, len(entries), "Подготовка предварительного просмотра")
        results.append(_result(entry, decisions, by_row[entry.row].cells if entry.errors else []))
    unknown = [Unknown(k, text, count) for (k, text), count in sorted(dictionaries.unknown.items())]
    preview = Preview(kind, results, unknown, notes=staff_notes(dictionaries))
    return JournalPlan(kind, entries, preview, decisions, by_row, dict(dictionaries.new_staff))


def staff_notes(dictionaries: Dictionaries) -> list[str]:
    """What the preview says about the employees the import creates."""
    notes = []
    for staff_id, staff in dictionaries.new_staff.items():
        position = dictionaries.names.get(staff.position_id, "") if staff.position_id else ""
        said = f"должность «{position}»" if staff.position_given else \
            f"должность в журнале не указана — будет «{position}», уточните её в справочнике"
        notes.append(f"Будет создан сотрудник «{staff.label}» без учётной записи ({said}; строк: "
                     f"{dictionaries.new_staff_rows[staff_id]}).")
    return notes


def plan_sessions(session: Session, sheet: SheetData, mapping: ColumnMapping, dictionaries: Dictionaries,
                  decisions: Decisions, today: date | None = None, actor: Actor | None = None,
                  progress: Progress = no_progress) -> JournalPlan:
    return _plan("sessions", session, sheet, mapping, dictionaries, decisions, today, actor, progress)


def plan_visits(session: Session, sheet: SheetData, mapping: ColumnMapping, dictionaries: Dictionaries,
                decisions: Decisions, today: date | None = None, actor: Actor | None = None,
                progress: Progress = no_progress) -> JournalPlan:
    return _plan("visits", session, sheet, mapping, dictionaries, decisions, today, actor, progress)


def session_groups(plan: JournalPlan) -> dict[tuple, list[JournalRow]]:
    """New sessions to create: rows of one group session (same specialist, start, service) together;
    an individual session per row otherwise."""
    groups: dict[tuple, list[JournalRow]] = defaultdict(list)
    for entry in plan.rows:
        values = entry.values
        key = (values["staff_id"], values["starts_at"], values["service_id"])
        groups[key if values["is_group"] else (*key, entry.row)].append(entry)
    return groups

