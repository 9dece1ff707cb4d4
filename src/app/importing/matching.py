"""Free text from a spreadsheet matched to dictionary entries, settlements, districts, staff, services.

Everything is read once per import into folded look-up tables (`Dictionaries`), so matching a row
costs no query. Text that matches nothing is collected per dictionary with its row count so the user
can map it to an existing entry (or leave it empty); unresolved unknown text makes the row an error.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.text import fold
from db.models import DictionaryItem, District, Service, Settlement, Staff

CATEGORY = "family_category"
SETTLEMENT = "settlement"
DISTRICT = "district"
ROLE = "member_role"
DELIVERY_MODE = "delivery_mode"
ABSENCE_REASON = "absence_reason"
SERVICE = "service"
STAFF = "staff"
CASE_KIND = "case_kind"
CLOSING_REASON = "case_closing_reason"
DICTIONARY_TITLES = {CATEGORY: "Категория семьи", SETTLEMENT: "Населённый пункт", DISTRICT: "Район",
                     ROLE: "Роль в семье", DELIVERY_MODE: "Форма работы", ABSENCE_REASON: "Причина отсутствия",
                     SERVICE: "Услуга", STAFF: "Специалист", CASE_KIND: "Вид сопровождения",
                     CLOSING_REASON: "Причина снятия с сопровождения"}
POSITION = "position"
DICTIONARY_TITLES[POSITION] = "Должность"
# What the user may map an unknown value to (staff by name: an employee of the dictionary).
MAPPABLE = (CATEGORY, SETTLEMENT, DISTRICT, ROLE, DELIVERY_MODE, ABSENCE_REASON, SERVICE, CASE_KIND, CLOSING_REASON,
            STAFF)
# Positions as journals write them next to a specialist's name («Смирнова О.И., психолог»).
POSITION_STEMS = (("психолог", "psychologist"), ("логопед", "speech_therapist"), ("дефектолог", "defectologist"),
                  ("социальный педагог", "social_pedagogue"), ("соц. педагог", "social_pedagogue"),
                  ("соцпедагог", "social_pedagogue"), ("по социальной работе", "social_work_specialist"),
                  ("специалист по соц", "social_work_specialist"), ("сср", "social_work_specialist"),
                  ("афк", "afk_instructor"), ("физической культур", "afk_instructor"),
                  ("замещающ", "foster_support_specialist"), ("реабилитац", "rehab_specialist"),
                  ("дополнительного образования", "extra_education_teacher"), ("пдо", "extra_education_teacher"),
                  ("врач", "doctor"), ("медсестра", "nurse"), ("медицинская сестра", "nurse"), ("юрист", "lawyer"),
                  ("заведующ", "head_of_office"), ("социальный работник", "social_worker"),
                  ("соцработник", "social_worker"), ("водитель", "driver"))
DEFAULT_POSITION = "social_work_specialist"  # a created employee whose journal gives no position

# Word stems people write instead of the dictionary's wording → the entry's code.
CATEGORY_STEMS = (
    ("инвалид", "disabled_child"), ("овз", "ovz_child"), ("ограниченными возможност", "ovz_child"),
    ("тжс", "tzhs"), ("трудной жизненной", "tzhs"), ("трудная жизненная", "tzhs"), ("малоимущ", "tzhs"),
    ("малообеспеч", "tzhs"), ("соп", "sop"), ("социально опасн", "sop"), ("опасном положен", "sop"),
    ("замещ", "foster"), ("опек", "foster"), ("попечит", "foster"), ("приемн", "foster"), ("усынов", "foster"),
    ("многодет", "large"), ("неполн", "single_parent"), ("одинок", "single_parent"),
    ("зависим", "addiction"), ("алкогол", "addiction"), ("наркот", "addiction"),
    ("раннего возраст", "early_age"), ("ранняя помощь", "early_age"), ("сиротств", "orphanhood_risk"),
)
ROLE_STEMS = (
    ("мать", "mother"), ("мама", "mother"), ("отец", "father"), ("папа", "father"), ("мачех", "stepmother"),
    ("отчим", "stepfather"), ("опекун", "guardian"), ("попечител", "custodian"), ("приемный родител", "foster_parent"),
    ("приемная мать", "foster_parent"), ("приемный отец", "foster_parent"), ("усынов", "adoptive_parent"),
    ("бабушк", "grandmother"), ("дедушк", "grandfather"), ("сожител", "cohabitant"),
    ("приемный ребенок", "foster_child"), ("приемная дочь", "foster_child"), ("приемный сын", "foster_child"),
    ("подопечн", "ward"), ("сын", "child"), ("дочь", "child"), ("дочка", "child"), ("ребенок", "child"),
    ("внук", "other_relative"), ("внучк", "other_relative"), ("брат", "other_relative"),
    ("сестр", "other_relative"), ("тетя", "other_relative"), ("дядя", "other_relative"),
)
DELIVERY_STEMS = (("центр", "centre"), ("стационар", "centre"), ("выезд", "mobile"), ("мобильн", "mobile"),
                  ("на дому", "family_home"), ("дом", "family_home"), ("патронаж", "family_home"),
                  ("микрореаб", "home_microcentre"), ("дмрц", "home_microcentre"), ("дистанц", "remote"),
                  ("онлайн", "remote"), ("удален", "remote"))
ABSENCE_STEMS = (("болез", "illness"), ("болел", "illness"), ("б/л", "illness"), ("больничн", "illness"),
                 ("семейн", "family_reasons"), ("сем.", "family_reasons"), ("обстоятельств", "family_reasons"),
                 ("карантин", "quarantine"), ("госпитал", "hospitalisation"), ("санатор", "hospitalisation"),
                 ("погод", "weather_roads"), ("дорог", "weather_roads"), ("отказ", "refusal"),
                 ("без уважит", "no_reason"), ("неуважит", "no_reason"))
# Order matters: «ипрп» before «ипр», «сопровожд» before «соп» (a word stem is looked for inside the text).
CASE_KIND_STEMS = (("иппсу", "ippsu"), ("индивидуальная программа предоставления", "ippsu"), ("ипрп", "iprp"),
                   ("ранн", "iprp"), ("ипр", "ipr_sop"), ("социально опасн", "ipr_sop"),
                   ("реабилитационный курс", "rehab_course"), ("курс реабилит", "rehab_course"),
                   ("сопровожд", "social_support"), ("соп", "ipr_sop"))
CLOSING_STEMS = (("достигнут", "goals_achieved"), ("преодол", "goals_achieved"), ("улучш", "goals_achieved"),
                 ("переезд", "family_moved"), ("выбыл", "family_moved"), ("смена места", "family_moved"),
                 ("отказ", "family_refusal"), ("договор", "contract_terminated"), ("иппсу", "ippsu_expired"),
                 ("совершеннолет", "age_limit"), ("возраст", "age_limit"), ("кдн", "kdn_removal"),
                 ("передан", "transfer"), ("передач", "transfer"), ("утрат", "lost_contact"),
                 ("не прожива", "lost_contact"), ("смерт", "death"), ("умер", "death"))
# Kinds of settlement written before or after the name: «р.п. Сосновка», «Сосновка рп», «с.Ёлкино», «д. Ивановка».
# Abbreviations with a dot may touch the name; bare words need a space after them.
_KIND_ABBR = r"(?:р\.\s?п|п\.\s?г\.\s?т|пгт|рп|пос|дер|хут|сл|ст|с|п|д|х|г|м)"
_KIND_DOTTED = _KIND_ABBR + r"\."
_KIND_WORDS = (r"(?:рп|пгт|поселок|пос|деревня|дер|село|ст-ца|станица|хутор|город|аул|слобода|поселение|"
               r"рабочий поселок|поселок городского типа|сельское поселение|с/п)")
_PLACE_PREFIX = re.compile(rf"^(?:{_KIND_DOTTED}|{_KIND_WORDS}(?=\s))\s*")
# After the name only abbreviations count: «Новое Село», «Красный Посёлок» keep their last word.
_PLACE_SUFFIX = re.compile(r"(?:\s*,\s*|\s+\(?)(?:(?:р\.\s?п|п\.\s?г\.\s?т|пгт|рп|пос|дер|хут|ст-ца)\.?"
                           r"|(?:с|п|д|х|г|ст)\.)\)?$")
# District words and abbreviations: «Моршанский р-н», «Моршанского р-на», «МО Моршанский», «г.о. Мичуринск».
_DISTRICT_WORDS = re.compile(
    r"(?<![\w-])(?:муниципальн\w*|городск\w*|район\w*|р-н\w*|р-на|округ\w*|м\.\s?о\.?|м\.\s?р\.?|г\.\s?о\.?"
    r"|мо|мр|го)(?![\w-])\.?")
_ADJECTIVE_END = re.compile(r"(?:ого|ому|ий|ый|ой|ая|ое|ом)$")
_SPLIT = re.compile(r"[;,/\n]+")
_LINES = re.compile(r"[;\n]+")
# Delivery modes that mean the service was given at the family's home: a service of the «на дому» form.
HOME_MODES = ("family_home", "home_microcentre")


def place_key(text: str | None) -> str:
    """«с. Ёлкино», «Ёлкино с.», «р. п. Ёлкино» → «елкино»: folded, without the kind of the place."""
    key = fold(text).strip()
    for pattern in (_PLACE_SUFFIX, _PLACE_PREFIX):
        stripped = pattern.sub("", key).strip(" .,()")
        key = stripped or key
    return key.strip(" .")


def district_key(text: str | None) -> str:
    """«Моршанский р-н», «Моршанский район», «Моршанского района» → «моршанск»: folded, without the district
    words, each word cut to its stem so that the case of an adjective does not matter."""
    words = _DISTRICT_WORDS.sub(" ", fold(text)).replace("«", " ").replace("»", " ").replace('"', " ").split()
    return " ".join(_ADJECTIVE_END.sub("", word) if len(word) > 4 else word for word in words).strip(" .")


def split_list(text: str | None) -> list[str]:
    """Several values of one cell: one per line (Alt+Enter), or separated by «;», «,» or «/»."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def split_lines(text: str | None) -> list[str]:
    """Values that may hold commas themselves (service names): split by line and «;» only."""
    return [part.strip() for part in _LINES.split(text or "") if part.strip()]


@dataclass(frozen=True)
class NewPlace:
    """A district or settlement an import creates; `district_id` may itself be a new district's id."""

    kind: str  # DISTRICT or SETTLEMENT
    name: str
    district_id: uuid.UUID | None = None


def _as_written(text: str, key: str) -> str:
    """The part of `text` that its folded `key` came from («р.п. Сосновка», «сосновка» → «Сосновка»)."""
    cleaned = " ".join(text.split())
    start = fold(cleaned).find(key)
    return cleaned[start:start + len(key)] if start >= 0 and key else cleaned


@dataclass(frozen=True)
class NewStaff:
    """An employee a journal names who is not in the staff dictionary, to be created (without a user account)."""

    last_name: str
    first_name: str
    middle_name: str | None
    position_id: uuid.UUID | None
    position_given: bool  # False: the journal names no position, the default one is used

    @property
    def label(self) -> str:
        return " ".join(p + "." if len(p) == 1 else p for p in (self.last_name, self.first_name, self.middle_name)
                        if p)


_POSITION_SPLIT = re.compile(r"\s*[,()]\s*|\s+[—–-]\s+")
_NAME_WORDS = re.compile(r"[\s.]+")
_RUSSIAN_WORD = re.compile(r"^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*$")


def split_position(text: str) -> tuple[str, str | None]:
    """«Смирнова О.И., педагог-психолог», «Смирнова О.И. (психолог)», «педагог-психолог Смирнова О.И.» →
    (name, position text); the position is None when the cell holds only a name."""
    parts = [p for p in _POSITION_SPLIT.split(text.strip()) if p]
    name_parts = [p for p in parts if p[:1].isupper()]
    position = [p for p in parts if not p[:1].isupper()] if name_parts else []
    name = " ".join(name_parts) if name_parts else " ".join(parts)
    words = name.split()
    lead = []
    while len(words) > 2 and words[0][:1].islower():
        lead.append(words.pop(0))
    return " ".join(words), " ".join(lead + position) or None


@dataclass
class Unknown:
    """Text that matched no entry of one dictionary, and in how many rows it appears."""

    dictionary: str
    text: str
    rows: int


@dataclass
class Dictionaries:
    """Folded look-up tables of everything an import matches against, read in a few queries."""

    entries: dict[str, dict[str, uuid.UUID]] = field(default_factory=dict)  # kind → folded name/code → id
    codes: dict[str, dict[str, uuid.UUID]] = field(default_factory=dict)  # kind → code → id
    names: dict[uuid.UUID, str] = field(default_factory=dict)
    attrs: dict[uuid.UUID, dict] = field(default_factory=dict)
    settlements: dict[str, list[tuple[uuid.UUID, uuid.UUID]]] = field(default_factory=dict)  # key → [(id, district)]
    settlement_districts: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    districts: dict[str, uuid.UUID] = field(default_factory=dict)
    district_offices: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    services: dict[str, uuid.UUID] = field(default_factory=dict)
    service_forms: dict[uuid.UUID, str] = field(default_factory=dict)  # service → code of its form (art. 19)
    staff: list[tuple[uuid.UUID, str, str, str]] = field(default_factory=list)  # id, last, first, middle (folded)
    resolved: dict[tuple[str, str], uuid.UUID | None] = field(default_factory=dict)  # user's choices
    unknown: Counter = field(default_factory=Counter)  # (dictionary, original text) → rows
    # Places to create in the dictionary instead of refusing rows: every unknown one (`create_places`,
    # `--create-places`) or the (kind, text) the user chose «Создать в справочнике» for.
    create_places: bool = False
    create: set[tuple[str, str]] = field(default_factory=set)
    new_places: dict[uuid.UUID, NewPlace] = field(default_factory=dict)  # provisional id → what to create
    # Staff named in journals and missing from the dictionary: created when allowed (`create_staff`,
    # `--create-staff`, or «Создать в справочнике» for the name), else reported as unknown.
    create_staff: bool = False
    new_staff: dict[uuid.UUID, NewStaff] = field(default_factory=dict)  # provisional id → employee to create
    new_staff_rows: Counter = field(default_factory=Counter)  # provisional id → rows naming them
    _service_cache: dict[tuple[str, str | None], tuple[bool, uuid.UUID | None]] = field(default_factory=dict)
    _staff_cache: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    _specialist_cache: dict[tuple[str, str | None], tuple[list[uuid.UUID], uuid.UUID | None]] = \
        field(default_factory=dict)
    _form_matters: dict[str, bool] = field(default_factory=dict)
    parsed: dict = field(default_factory=dict)  # a journal's repeated cells parsed once (see journals_plan)

    @classmethod
    def load(cls, session: Session, resolved: dict[tuple[str, str], uuid.UUID | None] | None = None,
             create_places: bool = False, create: set[tuple[str, str]] | None = None,
             create_staff: bool = False) -> Dictionaries:
        found = cls(resolved={(kind, fold(text)): value for (kind, text), value in (resolved or {}).items()},
                    create_places=create_places, create={(kind, fold(text)) for kind, text in (create or set())},
                    create_staff=create_staff)
        for item in session.execute(select(DictionaryItem).where(DictionaryItem.kind.in_(
                (CATEGORY, ROLE, DELIVERY_MODE, ABSENCE_REASON, CASE_KIND, CLOSING_REASON, POSITION)))).scalars():
            table = found.entries.setdefault(item.kind, {})
            found.codes.setdefault(item.kind, {})[item.code] = item.id
            found.names[item.id] = item.name
            found.attrs[item.id] = dict(item.attrs or {})
            for text in (item.name, item.short_name, (item.attrs or {}).get("short"), item.code):
                if text:
                    table.setdefault(fold(text), item.id)
        for district in session.execute(select(District)).scalars():
            found.districts.setdefault(district_key(district.name), district.id)
            found.districts.setdefault(fold(district.name), district.id)
            found.district_offices[district.id] = district.office_id
            found.names[district.id] = district.name
        for settlement in session.execute(select(Settlement)).scalars():
            found.settlements.setdefault(place_key(settlement.name), []).append((settlement.id, settlement.district_id))
            found.settlement_districts[settlement.id] = settlement.district_id
            found.names[settlement.id] = settlement.name
        form_codes = {row[0]: row[1] for row in session.execute(
            select(DictionaryItem.id, DictionaryItem.code).where(DictionaryItem.kind == "service_form"))}
        for service in session.execute(select(Service)).scalars():
            found.services.setdefault(fold(service.name), service.id)
            found.services.setdefault(fold(service.code), service.id)
            found.names[service.id] = service.name
            found.service_forms[service.id] = form_codes.get(service.form_id, "")
        for staff in session.execute(select(Staff)).scalars():
            found.staff.append((staff.id, fold(staff.last_name), fold(staff.first_name), fold(staff.middle_name)))
            found.names[staff.id] = " ".join(p for p in (staff.last_name, staff.first_name, staff.middle_name) if p)
        return found

    def _user_choice(self, kind: str, text: str) -> tuple[bool, uuid.UUID | None]:
        key = (kind, fold(text))
        return (True, self.resolved[key]) if key in self.resolved else (False, None)

    def _unknown(self, kind: str, text: str) -> None:
        self.unknown[(kind, text.strip())] += 1

    def _may_create(self, kind: str, text: str) -> bool:
        return self.create_places or (kind, fold(text)) in self.create

    def entry(self, kind: str, text: str, stems: tuple[tuple[str, str], ...] = ()) -> tuple[bool, uuid.UUID | None]:
        """(matched, id): a user's choice, the exact folded name/short name/code, then a word stem.
        `matched` False means unknown (recorded for the user); (True, None) is «leave empty»."""
        chosen, value = self._user_choice(kind, text)
        if chosen:
            return True, value
        key = fold(text).strip(" .")
        table = self.entries.get(kind, {})
        if key in table:
            return True, table[key]
        codes = self.codes.get(kind, {})
        for stem, code in stems:
            if stem in key and code in codes:
                return True, codes[code]
        self._unknown(kind, text)
        return False, None

    def categories(self, text: str | None) -> tuple[list[uuid.UUID], list[str]]:
        """Category ids of a free-text cell («многодетная, ТЖС») and the parts that matched nothing."""
        ids, bad = [], []
        for part in split_list(text):
            matched, value = self.entry(CATEGORY, part, CATEGORY_STEMS)
            if not matched:
                bad.append(part)
            elif value is not None and value not in ids:
                ids.append(value)
        return ids, bad

    def district(self, text: str | None) -> tuple[bool, uuid.UUID | None]:
        if not (text or "").strip():
            return True, None
        chosen, value = self._user_choice(DISTRICT, text or "")
        if chosen:
            return True, value
        for key in (fold(text), district_key(text)):
            if key in self.districts:
                return True, self.districts[key]
        if self._may_create(DISTRICT, text or ""):
            new_id = uuid.uuid4()
            self.new_places[new_id] = NewPlace(DISTRICT, " ".join((text or "").split()))
            self.districts[district_key(text)] = new_id
            self.district_offices[new_id] = None
            return True, new_id
        self._unknown(DISTRICT, text or "")
        return False, None

    def settlement(self, text: str | None, district_id: uuid.UUID | None) -> tuple[bool, uuid.UUID | None]:
        """A settlement by name, narrowed by the district when the name repeats across districts."""
        if not (text or "").strip():
            return True, None
        chosen, value = self._user_choice(SETTLEMENT, text or "")
        if chosen:
            return True, value
        candidates = self.settlements.get(place_key(text), [])
        if district_id is not None:
            candidates = [c for c in candidates if c[1] == district_id] or candidates
        if len(candidates) == 1 or (candidates and district_id is not None):
            return True, candidates[0][0]
        if district_id is not None and not candidates and self._may_create(SETTLEMENT, text or ""):
            key = place_key(text)
            new_id = uuid.uuid4()
            self.new_places[new_id] = NewPlace(SETTLEMENT, _as_written(text or "", key), district_id)
            self.settlements.setdefault(key, []).append((new_id, district_id))
            self.settlement_districts[new_id] = district_id
            return True, new_id
        self._unknown(SETTLEMENT, text or "")
        return False, None

    def settlement_district(self, settlement_id: uuid.UUID | None) -> uuid.UUID | None:
        return self.settlement_districts.get(settlement_id) if settlement_id else None

    def service(self, text: str, form: str | None = None, record_unknown: bool = True
                ) -> tuple[bool, uuid.UUID | None]:
        """A service by its name, code or the start of its name («Психологическая коррекция»). When the start
        fits several entries, `form` (the code of the form of service the row's other columns tell, e.g.
        «home» for a session at the family's home) picks one; only what stays ambiguous is asked about."""
        chosen, value = self._user_choice(SERVICE, text)
        if chosen:
            return True, value
        key = fold(text).strip(" .")
        cached = self._service_cache.get((key, form))
        if cached is not None and (cached[0] or not record_unknown):
            return cached  # a journal names the same few services a million times
        found = self._find_service(key, form)
        self._service_cache[(key, form)] = found
        if not found[0] and record_unknown:
            self._unknown(SERVICE, text)
        return found

    def service_form_matters(self, text: str) -> bool:
        """Whether the form of service can change which entry `text` names (a short name fitting entries of
        several forms): only then must a row's other cells be searched for «на дому»."""
        found = self._form_matters.get(text)
        if found is None:
            key = fold(text).strip(" .")
            found = len({self._find_service(key, form) for form in (None, "home", "semi_stationary")}) > 1
            self._form_matters[text] = found
        return found

    def _find_service(self, key: str, form: str | None) -> tuple[bool, uuid.UUID | None]:
        exact = self.services.get(key)
        starts = {sid for name, sid in self.services.items() if len(key) >= 5 and name.startswith(key)}
        if exact is not None:
            starts.add(exact)
        if form and len(starts) > 1:
            starts = {sid for sid in starts if self.service_forms.get(sid) == form} or starts
        if exact is not None and (len(starts) != 1 or exact in starts):
            return True, exact
        if len(starts) == 1:
            return True, starts.pop()
        return False, None

    def services_of(self, text: str | None, form: str | None = None) -> tuple[list[uuid.UUID], list[str]]:
        """Services of a cell holding several, one per line or separated by «;» (or «,» when every part
        is a service: catalogue names hold commas themselves); (ids, parts that matched nothing)."""
        ids: list[uuid.UUID] = []
        bad: list[str] = []
        for part in split_lines(text):
            matched, value = self.service(part, form, record_unknown=False)
            if not matched:
                pieces = [p.strip() for p in part.split(",") if p.strip()]
                found = [self.service(p, form, record_unknown=False) for p in pieces] if len(pieces) > 1 else []
                if found and all(ok for ok, _v in found):
                    ids.extend(v for _ok, v in found if v is not None and v not in ids)
                    continue
                self._unknown(SERVICE, part)
                bad.append(part)
            elif value is not None and value not in ids:
                ids.append(value)
        return ids, bad

    def staff_member(self, text: str) -> list[uuid.UUID]:
        """Employees whose name fits «Смирнова О.И.», «Смирнова Ольга Ивановна» or «Смирнова»."""
        cached = self._staff_cache.get(text)
        if cached is not None:
            return list(cached)
        words = fold(text).replace(".", ". ").replace(".", " ").split()
        if not words:
            return []
        found = []
        for staff_id, last, first, middle in self.staff:
            if words[0] != last:
                continue
            rest = words[1:]
            # «О.» fits «Ольга» and, for an employee created from a journal's initials, «Ольга» fits «О».
            if len(rest) >= 1 and not (first.startswith(rest[0]) or (len(first) == 1 and rest[0].startswith(first))):
                continue
            if len(rest) >= 2 and not (middle.startswith(rest[1]) or (len(middle) == 1 and rest[1].startswith(middle))):
                continue
            found.append(staff_id)
        self._staff_cache[text] = found
        return list(found)

    def specialist(self, text: str, position: str | None = None) -> tuple[list[uuid.UUID], str | None]:
        """The employees a journal's cell names (see `staff_member`; a position written beside the name is
        left out), the user's choice for the text, or a new employee to create when allowed; (ids, problem).
        A name that fits nobody, or several, is recorded as unknown (the user maps it)."""
        key = (text, position)
        cached = self._specialist_cache.get(key)
        if cached is None:
            cached = self._specialist(text, position)
            self._specialist_cache[key] = cached
        ids, _new_id = cached
        if len(ids) == 1 and ids[0] in self.new_staff:
            self.new_staff_rows[ids[0]] += 1
        elif len(ids) != 1:
            self._unknown(STAFF, text)
        return list(ids), None if len(ids) == 1 else \
            f"Специалист «{text}» " + ("неоднозначен: уточните имя и отчество или выберите сотрудника из списка."
                                     if ids else self._missing_staff(text))

    def _missing_staff(self, text: str) -> str:
        if self.create_staff or (STAFF, fold(text)) in self.create:
            return "не найден среди сотрудников, а создать его нельзя: нужны фамилия и имя (или инициалы) " \
                   "русскими буквами."
        return "не найден среди сотрудников — выберите сотрудника из списка или создайте запись сотрудника " \
               "(нужно право на справочники)."

    def _specialist(self, text: str, position: str | None) -> tuple[list[uuid.UUID], uuid.UUID | None]:
        chosen, value = self._user_choice(STAFF, text)
        if chosen:
            return ([value] if value is not None else []), None
        name, written = split_position(text)
        found = self.staff_member(name)
        if found or not (self.create_staff or (STAFF, fold(text)) in self.create):
            return found, None
        words = [w for w in _NAME_WORDS.split(name) if w]
        if not 2 <= len(words) <= 3 or not all(_RUSSIAN_WORD.match(w) for w in words):
            return [], None
        words = ["-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words]
        position_text = position or written
        position_id = None
        if position_text:
            matched, position_id = self.entry(POSITION, position_text, POSITION_STEMS)
            if not matched:
                self.unknown.pop((POSITION, position_text.strip()), None)  # the default is used, and said
        new = NewStaff(words[0], words[1], words[2] if len(words) > 2 else None,
                       position_id or self.codes.get(POSITION, {}).get(DEFAULT_POSITION), position_id is not None)
        new_id = uuid.uuid4()
        self.new_staff[new_id] = new
        self.staff.append((new_id, fold(new.last_name), fold(new.first_name), fold(new.middle_name)))
        self.names[new_id] = new.label
        self._staff_cache.clear()
        return [new_id], new_id
