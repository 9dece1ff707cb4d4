"""«Информационная справка» about an event: a press-release style summary as DOCX, and the small
reads the event windows need (family titles, where attachments and documents are kept).

The text follows the regional press releases and resolutions the centres publish: when and where,
what kind of event, who organised it and with whom, how many took part (in person / online, how
many municipalities and regions), then the content, the decisions and the materials. Families
are only counted, never named: the note is meant to be published.

Numbers agree with their nouns («51 человек», «из 31 муниципального образования», «3 специалиста»)
through `agree` and `genitive`; everything here runs on the database worker thread.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_event
from app.core.actor import Actor
from app.core.text import format_date
from app.documents.docx_render import MONTHS_GENITIVE, long_date, render_docx
from app.events.events import EventData, event_data
from app.reference.organization import load_organization
from db.models import DictionaryItem, Family, Office

TEMPLATE = "event_note.docx"

# How the opening sentence names each shipped event type, and the gender its past-tense verb takes.
KINDS = {
    "conference": ("f", "конференция"),
    "seminar": ("m", "семинар"),
    "master_class": ("m", "мастер-класс"),
    "round_table": ("m", "круглый стол"),
    "parent_club": ("n", "заседание клуба для родителей"),
    "foster_parents_school": ("n", "занятие Школы приёмных родителей"),
    "training_site": ("f", "стажировочная площадка"),
    "working_group": ("n", "заседание рабочей группы"),
    "profile_shift": ("f", "профильная смена"),
    "methodical_association": ("n", "заседание методического объединения"),
    "supervision": ("f", "супервизия"),
    "webinar": ("m", "вебинар"),
}
DEFAULT_KIND = ("n", "мероприятие")
PAST = {"m": "прошёл", "f": "прошла", "n": "прошло"}
FORMAT_TEXT = {
    "in_person": "очно",
    "remote": "дистанционно (онлайн)",
    "mixed": "в смешанном формате (очно и онлайн)",
}


# --- Russian numerals ------------------------------------------------------------------------------

def agree(number: int, one: str, few: str, many: str) -> str:
    """The noun form for `number` in the nominative: 1 человек, 2 человека, 5 человек, 11 человек,
    21 человек; (1 специалист, 3 специалиста, 25 специалистов)."""
    tens, units = number % 100, number % 10
    if 11 <= tens <= 14:
        return many
    if units == 1:
        return one
    if 2 <= units <= 4:
        return few
    return many


def count(number: int, one: str, few: str, many: str) -> str:
    """«51 человек», «3 специалиста», «12 родителей»."""
    return f"{number} {agree(number, one, few, many)}"


def genitive(number: int, singular: str, plural: str) -> str:
    """The phrase after «из», «участие»: из 1 района, из 31 муниципального образования, из 5 районов,
    из 2 районов, из 11 районов (after 21, 31 … the singular genitive; otherwise the plural)."""
    form = singular if number % 10 == 1 and number % 100 != 11 else plural
    return f"{number} {form}"


def verb_for(number: int, singular: str, plural: str) -> str:
    """The predicate before a counted subject: «принял участие 21 человек», «приняли участие 25 человек»."""
    return singular if number % 10 == 1 and number % 100 != 11 else plural


def period_text(starts_on: date, ends_on: date | None) -> str:
    """«14 апреля 2026 г.», «с 16 по 18 октября 2024 г.», «с 30 сентября по 2 октября 2024 г.»,
    «с 30 декабря 2025 г. по 2 января 2026 г.»."""
    ends_on = ends_on or starts_on
    if ends_on <= starts_on:
        return long_date(starts_on)
    if starts_on.year != ends_on.year:
        return f"с {long_date(starts_on)} по {long_date(ends_on)}"
    end = long_date(ends_on)
    if starts_on.month == ends_on.month:
        return f"с {starts_on.day} по {end}"
    return f"с {starts_on.day} {MONTHS_GENITIVE[starts_on.month - 1]} по {end}"


def period_digits(starts_on: date, ends_on: date | None) -> str:
    ends_on = ends_on or starts_on
    if ends_on <= starts_on:
        return format_date(starts_on)
    return f"{format_date(starts_on)}–{format_date(ends_on)}"


# --- the sentences ---------------------------------------------------------------------------------

def _join(parts: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} и {parts[-1]}"


def quoted(text: str) -> str:
    """«text» with the quotes inside it turned into „…“, as Russian nests quotation marks: «Клуб „Особый ребёнок“»."""
    inner = text.strip()
    if inner.startswith("«") and inner.endswith("»") and inner.count("«") == 1:
        inner = inner[1:-1]
    inner = re.sub(r"«([^«»]*)»", "„\\1“", inner)
    return f"«{inner}»"


def title_after_type(title: str, code: str) -> str:
    """The event's name for «прошёл семинар …»: without the type when the title starts with it («Мастер-класс
    «Рисуем вместе»» → «Рисуем вместе»), quoted; "" when nothing is left but the type."""
    _, noun = KINDS.get(code, DEFAULT_KIND)
    text = title.strip()
    if text.lower().startswith(noun.lower()):
        text = text[len(noun):].strip(" :—-")
    return quoted(text) if text else ""


def opening(code: str, planned: bool = False) -> str:
    """«прошёл семинар», «прошла конференция»; for an event still ahead «состоится семинар»."""
    gender, noun = KINDS.get(code, DEFAULT_KIND)
    return f"{'состоится' if planned else PAST[gender]} {noun}"


def participants_sentence(data: EventData, planned: bool = False) -> str:
    """«В мероприятии приняли участие 30 человек из 3 муниципальных образований, из них 4 специалиста, …»;
    for an event still ahead «В мероприятии планируется участие 30 человек …»."""
    total = sum((data.specialists_count or 0, data.parents_count or 0, data.children_count or 0,
                 data.others_count or 0))
    if total == 0:
        return ""
    people = count(total, "человек", "человека", "человек")
    verb = "планируется" if planned else verb_for(total, "принял", "приняли")
    text = f"В мероприятии {verb} участие {people}"
    places = []
    if data.districts_count:
        places.append("из " + genitive(data.districts_count, "муниципального образования",
                                       "муниципальных образований"))
    if (data.regions_count or 0) > 1:
        places.append(genitive(data.regions_count or 0, "субъекта", "субъектов") + " Российской Федерации")
    if places:
        text += " " + (places[0] if len(places) == 1 else f"{places[0]} {places[1]}")
    categories = [phrase for phrase in (
        _category(data.specialists_count, "специалист", "специалиста", "специалистов"),
        _category(data.parents_count, "родитель", "родителя", "родителей"),
        _category(data.children_count, "ребёнок", "ребёнка", "детей"),
        _category(data.others_count, "другой участник", "других участника", "других участников"),
    ) if phrase]
    if len(categories) > 1:
        text += ", из них " + _join(categories)
    return text + "."


def _category(value: int | None, one: str, few: str, many: str) -> str:
    return count(value, one, few, many) if value else ""


def attendance_sentence(data: EventData) -> str:
    """«Очно — 22 человека, в режиме онлайн — 8 человек.»"""
    parts = []
    if data.in_person_count:
        parts.append("очно — " + count(data.in_person_count, "человек", "человека", "человек"))
    if data.online_count:
        parts.append("в режиме онлайн — " + count(data.online_count, "человек", "человека", "человек"))
    if not parts:
        return ""
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


def families_sentence(invited: int, attended: int) -> str:
    """«Из семей, состоящих на сопровождении, приглашено 12, приняли участие 9 семей.» — counts only."""
    if not invited:
        return ""
    text = f"Из семей, состоящих на обслуживании в учреждении, {verb_for(invited, 'приглашена', 'приглашено')} " \
           f"{count(invited, 'семья', 'семьи', 'семей')}"
    if attended:
        text += f", {verb_for(attended, 'приняла', 'приняли')} участие {count(attended, 'семья', 'семьи', 'семей')}"
    return text + "."


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sentence(text: str | None) -> str:
    """One field as the end of a sentence: no doubled full stop."""
    value = " ".join(_lines(text))
    return value.rstrip(".;, ") if value else ""


# --- reads -----------------------------------------------------------------------------------------

def family_titles(session: Session, family_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The registry titles of the given families (deleted ones included: they may still be listed)."""
    if not family_ids:
        return {}
    rows = session.execute(select(Family.id, Family.title).where(Family.id.in_(set(family_ids)))).all()
    return {family_id: title for family_id, title in rows}


def note_file_name(data: EventData) -> str:
    """«Справка 14.04.2026 Клуб Особый ребёнок.docx»: characters file systems refuse are dropped."""
    title = re.sub(r'[\\/:*?"<>|«»\x00-\x1f]+', " ", data.title or "")
    title = re.sub(r"\s+", " ", title).strip()[:80].rstrip(" .")
    return f"Справка {format_date(data.starts_on)} {title}".strip() + ".docx"


def event_note_context(session: Session, event_id: uuid.UUID, today: date | None = None) -> dict[str, Any]:
    """Everything the template `event_note.docx` shows (plain strings and lists of strings)."""
    data = event_data(session, event_id)
    organization = load_organization(session)
    items = session.execute(select(DictionaryItem.id, DictionaryItem.name, DictionaryItem.code)
                            .where(DictionaryItem.id.in_([data.type_id, data.format_id]))).all()
    names: dict[uuid.UUID | None, str] = {item_id: name for item_id, name, _code in items}
    codes: dict[uuid.UUID | None, str] = {item_id: code for item_id, _name, code in items}
    office = session.execute(select(Office.name).where(Office.id == data.office_id)).scalar_one_or_none()
    when = period_text(data.starts_on, data.ends_on)  # type: ignore[arg-type]
    planned = data.starts_on > (today or date.today())  # type: ignore[operator]
    form = FORMAT_TEXT.get(codes.get(data.format_id, ""), "")
    named = title_after_type(data.title or "", codes.get(data.type_id, ""))
    lead = f"{when} {opening(codes.get(data.type_id, ''), planned)}" + (f" {named}" if named else "")
    if data.place:
        lead += f" (место проведения: {_sentence(data.place)})"
    if form:
        lead += f". Мероприятие {'пройдёт' if planned else 'проводилось'} {form}"
    invited = len(data.families)
    attended = sum(1 for participant in data.families if participant.attended)
    total = sum((data.specialists_count or 0, data.parents_count or 0, data.children_count or 0,
                 data.others_count or 0))
    return {
        "organization": organization.name,
        "office": office or "",
        "title": data.title,
        "quoted_title": quoted(data.title or ""),
        "type": names.get(data.type_id, ""),
        "format": names.get(data.format_id, ""),
        "dates": when,
        "dates_digits": period_digits(data.starts_on, data.ends_on),  # type: ignore[arg-type]
        "place": _sentence(data.place),
        "lead": lead[0].upper() + lead[1:] + ".",
        "organisers": _sentence(data.organisers),
        "partners": _sentence(data.partners),
        "total": total,
        "participants": participants_sentence(data, planned),
        "attendance": attendance_sentence(data),
        "families": families_sentence(invited, attended),
        "people": " ".join(part for part in (participants_sentence(data, planned), attendance_sentence(data),
                                             families_sentence(invited, attended)) if part),
        "description": _lines(data.notes),
        "resolution": _lines(data.resolution),
        "materials": _lines(data.materials),
        "director": organization.director_name or "",
        "compiled_on": format_date(today or date.today()),
    }


def write_event_note(session: Session, actor: Actor, event_id: uuid.UUID, target: Path,
                     today: date | None = None) -> Path:
    """Fill the справка template for the event and write it to `target` (atomically); audited as an export."""
    require_event(session, actor, event_id)
    audit.record(session, actor, "export", "event", event_id, ["event_note"])
    return render_docx(TEMPLATE, event_note_context(session, event_id, today), target)
