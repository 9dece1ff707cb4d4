"""Demonstration data: a whole invented region with years of work, generated fast and reproducibly.

`generate_demo` fills a migrated and seeded database with offices, districts, settlements, staff,
families with their members, documents, consents, child profiles, support cases with plans, home
visits, mobile-brigade trips, events and about two years of rehabilitation sessions.

Why it does not use the services: 20,000 families mean about three million rows, and the target is
under two minutes on SQLite. So rows are built as plain tuples from one `random.Random(seed)` and
written in large batches (see `demo.writer.Writer`); the invariants the services keep (folded name keys,
family titles, valid СНИЛС, consistent dates) are kept here by construction and checked by
`tests/demo/test_generator.py`. The same seed, family count and `today` give the same data.
"""

from __future__ import annotations

import gc
import math
import random
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.users import NewUser, count_users, create_user
from app.cases.cases import EARLY_HELP_MAX_AGE as EARLY_HELP_AGE
from app.core import caseload
from app.core.actor import COORDINATOR, system_actor
from app.core.checks import snils_with_checksum
from app.core.derived_pause import pause, resume
from app.core.errors import OporaError
from app.core.text import fold, full_name
from app.reports.indicators import IndicatorData, list_indicators, save_indicator
from app.reports.state_assignment import ALL_FORMS, RECIPIENTS, SERVICES, PlanLine, YearPlan, read_plan, save_plan
from app.system.derived_tables import PAUSABLE
from app.system.startup import DEMO_LOGIN_SETTING
from db.base import Base, utc_now
from db.models import (
    BrigadeTrip,
    ChildProfile,
    Consent,
    Diagnosis,
    District,
    Event,
    EventFamily,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    IdentityDocument,
    Office,
    Organization,
    Person,
    PlanItem,
    RehabSession,
    Service,
    SessionParticipant,
    Setting,
    Settlement,
    SocialPaper,
    Staff,
    SupportCase,
    TripFamily,
    TripStop,
    VisitService,
    case_grounds,
    trip_members,
    visit_staff,
)
from db.session import Database
from demo import words
from demo.assessments import write_demo_assessments
from demo.population import NO_END, DemoDictionaries, DemoFamily, DemoOffice, DemoPerson, DemoPlace, DemoStaff
from demo.weights import (
    ABSENCE_WEIGHTS,
    CATEGORY_WEIGHTS,
    EVENT_WEIGHTS,
    FAMILY_EVENTS,
    FOLLOWING_CATEGORIES,
    GROUP_SHARE,
    HOLIDAYS,
    MODE_PLACES,
    MODE_WEIGHTS,
    MODES,
    PARTICIPANT_COLUMNS,
    PERSON_COLUMNS,
    SESSION_COLUMNS,
    SESSION_LINKS,
    SESSION_SERVICES,
    VISIT_COLUMNS,
    VISITING_POSITIONS,
    cumulative,
    rank_weights,
)
from demo.writer import SqliteCache, Writer, id_stream

Progress = Callable[[int, int, str], None]

ORGANIZATION_NAME = "ГБУ «Центр социальной помощи семье и детям» (демо)"
DEMO_LOGIN = "demo"
DEMO_PASSWORD = "family-2026"  # not a common password, not containing the login
WINDOW_DAYS = 730  # sessions, visits, trips and events cover the last two years
PLANNED_DAYS = 14  # and the schedule of the next two weeks
SLOT_LOAD = 0.9  # share of a specialist's session slots that are taken
FAR_KM = 80
NEAR_KM = 25
# The levels of support a demo case of these kinds gets, cycled by the case's number.
LEVELS_BY_KIND = {"ipr_sop": ("emergency", "intensive"), "social_support": ("intensive", "maintenance", "maintenance")}


@dataclass(frozen=True)
class DemoRates:
    """Average volumes per family; staff, trips and events scale with the family count."""

    persons_per_family: float = 2.5
    sessions_per_family: float = 50.0
    visits_per_family: float = 10.0
    cases_per_family: float = 1.0
    trips_per_family: float = 0.02
    events_per_family: float = 0.04
    families_per_social_work_specialist: float = 400.0


@dataclass(frozen=True)
class DemoSummary:
    """Rows created, per table, plus the demo login (None when users already existed)."""

    organizations: int = 0
    offices: int = 0
    districts: int = 0
    settlements: int = 0
    staff: int = 0
    users: int = 0
    families: int = 0
    persons: int = 0
    family_members: int = 0
    family_categories: int = 0
    identity_documents: int = 0
    child_profiles: int = 0
    diagnoses: int = 0
    consents: int = 0
    support_cases: int = 0
    case_grounds: int = 0
    plan_items: int = 0
    brigade_trips: int = 0
    trip_stops: int = 0
    trip_members: int = 0
    trip_families: int = 0
    home_visits: int = 0
    visit_staff: int = 0
    visit_services: int = 0
    events: int = 0
    event_families: int = 0
    rehab_sessions: int = 0
    session_participants: int = 0
    demo_login: str | None = None
    demo_password: str | None = None
    seconds: float = 0.0
    phase_seconds: tuple[tuple[str, float], ...] = field(default=())

    @property
    def total_rows(self) -> int:
        return sum(value for value in vars(self).values() if isinstance(value, int))

    def describe(self) -> str:
        """One Russian sentence with the main counts."""

        def n(value: int) -> str:
            return f"{value:,}".replace(",", "\u00a0")

        return (
            f"семей {n(self.families)}, людей {n(self.persons)}, сотрудников {n(self.staff)}, "
            f"случаев сопровождения {n(self.support_cases)}, патронажей {n(self.home_visits)}, "
            f"выездов {n(self.brigade_trips)}, мероприятий {n(self.events)}, "
            f"занятий {n(self.rehab_sessions)}; всего строк {n(self.total_rows)}."
        )


def generate_demo(
    database: Database,
    families: int,
    seed: int,
    progress: Progress | None = None,
    *,
    rates: DemoRates | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill `database` with demonstration data for `families` families.

    Runs on the caller's thread in ONE write transaction: if `progress` raises (e.g. `Cancelled`)
    nothing is kept. The database must be migrated and seeded (`app.system.bootstrap.open_database`) and
    hold no families yet. Creates the organisation if there is none, and the login «demo» with role
    coordinator if there are no users. Returns the rows created per table.
    """
    if families < 1:
        raise OporaError("Число семей для демонстрационных данных должно быть больше нуля.")
    started = time.perf_counter()
    collecting = gc.isenabled()
    # Millions of tuples are alive at once and none forms a cycle: the collector's full passes
    # over them cost seconds and free nothing.
    gc.disable()
    try:
        with database.write() as session:
            if session.execute(select(func.count(Family.id))).scalar_one():
                raise OporaError("В базе уже есть семьи: демонстрационные данные добавляются только в пустую базу.")
            with SqliteCache(session, database.is_sqlite, families):
                demo = _Demo(session, database.is_sqlite, families, seed, rates or DemoRates(),
                             today or date.today(), progress)
                demo.run()
            counts = dict(demo.writer.counts)
    finally:
        if collecting:
            gc.enable()
    return DemoSummary(
        **{name: counts.get(name, 0) for name in DemoSummary.__dataclass_fields__ if name in counts},
        users=demo.users_created,
        demo_login=DEMO_LOGIN if demo.users_created else None,
        demo_password=DEMO_PASSWORD if demo.users_created else None,
        seconds=round(time.perf_counter() - started, 2),
        phase_seconds=tuple(demo.phase_seconds),
    )


class _Demo:
    """One generation run: builds rows in memory phase by phase and writes them."""

    def __init__(self, session: Session, sqlite: bool, families: int, seed: int, rates: DemoRates,
                 today: date, progress: Progress | None) -> None:
        self.session = session
        self.family_count = families
        self.rates = rates
        self.rng = random.Random(seed)
        self.seed = seed
        self.case_outcomes: dict[str, str] = {}  # closing reason codes of closed cases (the demo assessments)
        self.new_id = id_stream(seed, today).__next__
        self.writer = Writer(session, sqlite)
        self.progress = progress
        self.today = today.toordinal()
        self.window_start = self.today - WINDOW_DAYS
        now = utc_now()
        self.stamp = now.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        self.dicts = DemoDictionaries(session)
        self.services = self._load_services()
        self.users_created = 0
        self.phase_seconds: list[tuple[str, float]] = []
        self._iso: dict[int, str] = {}
        first_day = self.today - 7 * 366
        self.workdays = [day for day in range(first_day, self.today + 120) if self._is_workday(day)]
        self.session_days = self.workdays[bisect_left(self.workdays, self.window_start):
                                          bisect_right(self.workdays, self.today + PLANNED_DAYS)]
        self.session_chunks = max(1, math.ceil(len(self.session_days) / 20))
        self.steps_total = 12 + self.session_chunks
        self.steps_done = 0
        self.offices: list[DemoOffice] = []
        self.places: list[DemoPlace] = []
        self.families: list[DemoFamily] = []
        self.persons: list[DemoPerson] = []
        self.staff: list[DemoStaff] = []
        self._trip_visits: list[tuple[DemoFamily, int, str, list[DemoStaff], str]] = []
        self._mobile = ""
        self._mode_ids: list[str] = []
        self._surnames = list(words.SURNAMES)
        self._surnames_f = [words.feminine_surname(name) for name in self._surnames]
        self._surname_cum = rank_weights(len(self._surnames))
        self._names = {
            key: (names, rank_weights(len(names)))
            for key, names in (("m", words.MALE_ADULT_NAMES), ("mc", words.MALE_CHILD_NAMES),
                               ("f", words.FEMALE_ADULT_NAMES), ("fc", words.FEMALE_CHILD_NAMES))
        }

    # -- small helpers ------------------------------------------------------------------------

    @staticmethod
    def _is_workday(ordinal: int) -> bool:
        day = date.fromordinal(ordinal)
        return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS

    def iso(self, ordinal: int | None) -> str | None:
        if ordinal is None:
            return None
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def weighted(self, pairs: Sequence[tuple[str, float]]) -> str:
        total = sum(weight for _, weight in pairs)
        mark = self.rng.random() * total
        for code, weight in pairs:
            mark -= weight
            if mark < 0:
                return code
        return pairs[-1][0]

    def workday_between(self, low: int, high: int) -> int | None:
        """A random working day in [low, high], or None if there is none."""
        start = bisect_left(self.workdays, low)
        end = bisect_right(self.workdays, high)
        if start >= end:
            return None
        return self.workdays[start + int(self.rng.random() * (end - start))]

    def count(self, rate: float) -> int:
        """A whole count with mean `rate`."""
        whole = int(rate)
        return whole + (self.rng.random() < rate - whole)

    def phone(self) -> str:
        digits = f"{self.rng.getrandbits(40) % 10**9:09d}"
        return f"+7 (9{digits[:2]}) {digits[2:5]}-{digits[5:7]}-{digits[7:]}"

    def step(self, label: str, started: float | None) -> None:
        """Report a finished step; `started` records the step's duration as a phase."""
        if started is not None:
            self.phase_seconds.append((label, round(time.perf_counter() - started, 2)))
        self.steps_done += 1
        if self.progress is not None:
            self.progress(min(self.steps_done, self.steps_total), self.steps_total, label)

    def _load_services(self) -> dict[str, tuple[str, int | None]]:
        rows = self.session.execute(
            select(Service.code, Service.id, Service.minutes).where(Service.active.is_(True)).order_by(Service.code)
        )
        services = {code: (service_id.hex, minutes) for code, service_id, minutes in rows}
        if not services:
            raise OporaError("Каталог услуг пуст: демонстрационные данные требуют заполненного каталога.")
        return services

    def service(self, *codes: str) -> str:
        """The first of `codes` present in the catalogue, else any service."""
        for code in codes:
            if code in self.services:
                return self.services[code][0]
        return next(iter(self.services.values()))[0]

    # -- names --------------------------------------------------------------------------------

    def surname(self) -> tuple[str, str]:
        index = bisect_right(self._surname_cum, self.rng.random() * self._surname_cum[-1])
        index = min(index, len(self._surnames) - 1)
        return self._surnames[index], self._surnames_f[index]

    def first_name(self, key: str) -> str:
        names, cum = self._names[key]
        return names[min(bisect_right(cum, self.rng.random() * cum[-1]), len(names) - 1)]

    def patronymic(self, father: str | None, sex: str) -> str:
        forms = words.MALE_NAMES[father or self.first_name("m")]
        return forms[0] if sex == "M" else forms[1]

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> None:
        started = time.perf_counter()
        # The derived tables' triggers would run per written row against tables whose indexes the writer defers
        # (a scan each): paused for the run and their tables rebuilt once at the end, in the same transaction.
        pause(self.session, PAUSABLE, Base.metadata.tables.keys())
        self._structure()
        self.users_created = self._demo_user()  # after the offices: the demo login works with all of them
        self.step("Отделения, районы и населённые пункты", started)
        started = time.perf_counter()
        self._families()
        self._staff()
        self.step("Семьи и сотрудники", started)
        started = time.perf_counter()
        self._write_families()
        self.step("Люди, семьи и категории", started)
        started = time.perf_counter()
        self._write_person_details()
        self.step("Документы, согласия и профили детей", started)
        started = time.perf_counter()
        self._cases()
        self.step("Случаи сопровождения и планы", started)
        started = time.perf_counter()
        trip_visits = self._trips()
        self.step("Выезды мобильных бригад", started)
        started = time.perf_counter()
        self._visits(trip_visits)
        self.step("Патронажи", started)
        started = time.perf_counter()
        self._events()
        self.step("Мероприятия", started)
        started = time.perf_counter()
        self._sessions()
        self.phase_seconds.append(("Сеансы занятий", round(time.perf_counter() - started, 2)))
        started = time.perf_counter()
        write_demo_assessments(self.session, self.writer, self.families, self.case_outcomes,
                               self._first_specialist, self.seed, self.today,
                               self.stamp)
        self.step("Оценки эффективности", started)
        started = time.perf_counter()
        self.writer.finish()
        self.session.flush()
        self._report_settings()
        self.step("Индексы и завершение", started)
        started = time.perf_counter()
        resume(self.session, PAUSABLE)
        self.step("Сводные таблицы отчётов и сроков", started)
        started = time.perf_counter()
        # The bulk inserts above bypass the services that keep the caseload: build it once from its sources.
        caseload.rebuild(self.session)
        self.step("Закрепление семей за специалистами", started)

    def _report_settings(self) -> None:
        """A few «комплекс мер» indicators and this year's госзадание plan, so a new user sees those report
        sections filled (figures in proportion to the families generated)."""
        actor = system_actor("demo")
        if not list_indicators(self.session):
            families = len(self.families)
            for order, (name, unit, start, plan, source) in enumerate((
                    ("Число семей с детьми, получивших услуги социального сопровождения", "семей",
                     round(families * 0.55), round(families * 0.75), "families_at_end"),
                    ("Число семей в социально опасном положении на сопровождении", "семей",
                     round(families * 0.08), round(families * 0.05), "category:sop"),
                    ("Число детей-инвалидов, получивших реабилитационные услуги", "детей",
                     round(families * 0.12), round(families * 0.2), "children_disabled"),
                    ("Число выездов мобильных бригад в отдалённые населённые пункты", "выездов",
                     None, max(4, families // 40), "trips_done"),
                    ("Доля посещённых занятий", "%", 75, 90, "attendance_rate"))):
                save_indicator(self.session, actor, IndicatorData(name, unit, start, plan, source, order))
        year = date.fromordinal(self.today).year
        if not read_plan(self.session, year).lines:
            forms = set(self.dicts.codes("service_form"))
            save_plan(self.session, actor, YearPlan(year, (
                PlanLine(RECIPIENTS, ALL_FORMS, int(round(len(self.families) * 1.4, -1)), 5.0,
                         registry_number="880000О.99.0.АЭ20АА00000",
                         content="Предоставление социального обслуживания в полустационарной форме"),
                PlanLine(SERVICES, ALL_FORMS, int(round(len(self.families) * 60, -2)), 10.0,
                         registry_number="880000О.99.0.АЭ20АА00000",
                         content="Предоставление социального обслуживания в полустационарной форме"))), forms)

    def _demo_user(self) -> int:
        if count_users(self.session) > 0:
            return 0
        # The demo coordinator works with every office, so the whole demo registry is visible.
        offices = tuple(self.session.execute(select(Office.id)).scalars())
        create_user(self.session, system_actor("demo"), NewUser(
            login=DEMO_LOGIN, password=DEMO_PASSWORD, role=COORDINATOR,
            display_name="Демонстрационный координатор", office_ids=offices))
        # The login dialog offers these credentials (see `app.system.startup.prepare_database`).
        self.session.merge(Setting(key=DEMO_LOGIN_SETTING, value={"login": DEMO_LOGIN, "password": DEMO_PASSWORD},
                                   note="Вход демонстрационной базы"))
        return 1

    # -- organisation, offices, districts, settlements ----------------------------------------

    def _structure(self) -> None:
        rng = self.rng
        stamp = self.stamp
        organization_id = self.session.execute(select(Organization.id).limit(1)).scalar()
        main_office = None
        if organization_id is None:
            org_hex = self.new_id()
            self.writer.insert(Organization.__table__, (
                "id", "name", "short_name", "inn", "address", "director_name", "created_at", "updated_at"), [(
                    org_hex, ORGANIZATION_NAME, "ГБУ ЦСПСД (демо)", _inn10(rng),
                    f"г. {words.REGION_CENTRE}, ул. Ленина, д. 45", "Соколова Ирина Викторовна", stamp, stamp)])
        else:
            org_hex = organization_id.hex
            main_office = self.session.execute(
                select(Office.id, Office.name).where(Office.organization_id == organization_id)
                .order_by(Office.is_main.desc(), Office.name).limit(1)
            ).first()
        district_count = min(len(words.DISTRICTS), 5 + self.family_count // 2000)
        taken = set(self.session.execute(select(District.name)).scalars())
        office_rows = []
        district_rows = []
        settlement_rows = []
        for index, (district, centre, centre_kind, centre_municipality, office_name, weight) in enumerate(
                words.DISTRICTS[:district_count]):
            if index == 0 and main_office is not None:
                office = DemoOffice(main_office.id.hex, 0, main_office.name, weight)
            else:
                office = DemoOffice(self.new_id(), index, office_name, weight)
                address = f"{centre}, {self.pick(words.STREETS)}, д. {rng.randint(1, 60)}"
                office_rows.append((office.id, org_hex, office_name, address, self.phone(), index == 0, True,
                                    stamp, stamp))
            self.offices.append(office)
            district_id = self.new_id()
            name = district if district not in taken else f"{district} (демо)"
            district_rows.append((district_id, name, office.id, True, stamp, stamp))
            count = rng.randint(10, 14) if index == 0 else rng.randint(10, 30)
            pool = rng.sample(words.SETTLEMENTS, count - 1)
            places = [(centre, centre_kind, centre_municipality, 0.0)]
            municipality = ""
            for place_name, kind, _stem in pool:
                distance = round(3 + 177 * rng.random() ** 1.5, 1)
                places.append((place_name, kind, "", distance))
            places[1:] = sorted(places[1:], key=lambda item: item[3])
            stems = {place_name: stem for place_name, _kind, stem in pool}
            for place_name, kind, given, distance in places:
                if given:
                    municipality = given
                elif index == 0:
                    municipality = centre_municipality
                elif not municipality or municipality == centre_municipality or rng.random() < 0.45:
                    level = "городское" if kind in ("town", "workers_settlement") else "сельское"
                    municipality = f"{stems[place_name]} {level} поселение"
                if distance == 0:
                    share = 3.0 if index == 0 else 0.8
                else:
                    share = (0.3 + rng.random()) / (1 + distance / 40) / len(places) * 4
                place = DemoPlace(self.new_id(), district_id, office, place_name, kind, distance, share)
                self.places.append(place)
                settlement_rows.append((place.id, district_id, municipality, place_name,
                                        self.dicts.id("settlement_kind", kind), distance, True, stamp, stamp))
        self.writer.insert(Office.__table__, ("id", "organization_id", "name", "address", "phone", "is_main",
                                              "active", "created_at", "updated_at"), office_rows)
        self.writer.insert(District.__table__, ("id", "name", "office_id", "active", "created_at", "updated_at"),
                           district_rows)
        self.writer.insert(Settlement.__table__, ("id", "district_id", "municipality", "name", "kind_id",
                                                  "distance_km", "active", "created_at", "updated_at"),
                           settlement_rows)

    # -- families in memory -------------------------------------------------------------------

    def _families(self) -> None:
        rng = self.rng
        office_cum = cumulative([office.weight for office in self.offices])
        places_by_office: dict[int, tuple[list[DemoPlace], list[float]]] = {}
        for office in self.offices:
            places = [place for place in self.places if place.office is office]
            places_by_office[office.index] = (places, cumulative([place.weight for place in places]))
        drafts = []
        for _ in range(self.family_count):
            office = self.offices[min(bisect_right(office_cum, rng.random() * office_cum[-1]),
                                      len(self.offices) - 1)]
            places, cum = places_by_office[office.index]
            place = places[min(bisect_right(cum, rng.random() * cum[-1]), len(places) - 1)]
            categories = [self.weighted(CATEGORY_WEIGHTS)]
            for source in (categories[0], ""):
                for code, chance in FOLLOWING_CATEGORIES.get(source, ()):
                    if code not in categories and rng.random() < chance:
                        categories.append(code)
            if "large" in categories:
                n_children = self.pick((3, 3, 3, 3, 4, 4, 5, 6, 7))
            else:
                n_children = 1 if rng.random() < 0.75 else 2
            single = "single_parent" in categories
            registered = self.today - 1 - int(rng.random() ** 1.6 * 6 * 365)
            drafts.append((office, place, categories, n_children, single, registered))
        # Match the requested persons per family with the share of two-adult families.
        children = sum(draft[3] for draft in drafts)
        couples_possible = sum(1 for draft in drafts if not draft[4]) or 1
        extra_adults = self.family_count * self.rates.persons_per_family - children - self.family_count
        couple_share = min(1.0, max(0.0, extra_adults / couples_possible))
        for office, place, categories, n_children, single, registered in drafts:
            family = DemoFamily(self.new_id(), office, place, registered, categories, n_children, single)
            if rng.random() < 0.08 and self.today - 1 - registered > 120:
                family.ended = rng.randint(registered + 90, self.today - 1)  # taken off the register
            couple = not single and rng.random() < couple_share
            self._members(family, couple)
            self._housing(family)
            office.families.append(family)
            self.families.append(family)
            self.persons.extend(family.members)

    def _members(self, family: DemoFamily, couple: bool) -> None:
        rng = self.rng
        today = self.today
        cats = family.categories
        last_m, last_f = self.surname()
        # Children first: their ages fix the parents' ages.
        ages = [rng.randint(0, 17) for _ in range(family.n_children)]
        if ("disabled_child" in cats or "ovz_child" in cats) and max(ages) < 3:
            ages[0] = rng.randint(3, 17)
        if "early_age" in cats:
            ages[-1] = rng.randint(0, 2)
        ages.sort(reverse=True)
        births = [today - age * 365 - rng.randint(1, 364) for age in ages]
        oldest = births[0]
        foster = "foster" in cats
        adults: list[DemoPerson] = []

        def adult(sex: str, role: str, rep: bool, birth: int, last: tuple[str, str]) -> DemoPerson:
            first = self.first_name("m" if sex == "M" else "f")
            person = DemoPerson(self.new_id(), last[0] if sex == "M" else last[1], first,
                             self.patronymic(None, sex), sex, birth, role, rep, False)
            adults.append(person)
            return person

        father_name = None
        if foster:
            kind = self.pick(("guardian", "guardian", "foster_parent", "adoptive_parent"))
            if couple:
                mother = adult("F", kind, True, oldest - rng.randint(24, 42) * 365, (last_m, last_f))
                father = adult("M", kind, True, mother.birth - rng.randint(-3, 6) * 365, (last_m, last_f))
                father_name = father.first if kind == "adoptive_parent" else None
            else:
                sex = "F" if rng.random() < 0.85 else "M"
                single = adult(sex, kind, True, today - rng.randint(32, 66) * 365 - rng.randint(0, 364),
                               (last_m, last_f))
                father_name = single.first if sex == "M" and kind == "adoptive_parent" else None
            child_role = {"guardian": "ward", "foster_parent": "foster_child"}.get(kind, "child")
        else:
            child_role = "child"
            if rng.random() < 0.9 or couple:
                mother = adult("F", "mother", True, oldest - rng.randint(19, 38) * 365 - rng.randint(0, 364),
                               (last_m, last_f))
                if couple:
                    second = self.pick(("father",) * 14 + ("stepfather",) * 2 + ("grandmother",) * 4)
                    if second == "grandmother":
                        adult("F", "grandmother", False, mother.birth - rng.randint(19, 28) * 365,
                              (last_m, last_f))
                    else:
                        father = adult("M", second, second == "father",
                                       mother.birth - rng.randint(-3, 8) * 365, (last_m, last_f))
                        father_name = father.first if second == "father" else None
            else:
                father = adult("M", "father", True, oldest - rng.randint(21, 42) * 365, (last_m, last_f))
                father_name = father.first
        if father_name is None and child_role == "child" and rng.random() < 0.85:
            father_name = self.first_name("m")  # the father is not registered, the patronymic is his
        for person in adults:  # no adult younger than 18
            person.birth = min(person.birth, today - 18 * 365 - rng.randint(1, 364))
        kids = []
        for birth in births:
            sex = "M" if rng.random() < 0.51 else "F"
            if child_role == "child":
                last = last_m if sex == "M" else last_f
                middle = self.patronymic(father_name, sex)
            else:
                other_m, other_f = self.surname()
                last = other_m if sex == "M" else other_f
                middle = self.patronymic(None, sex)
            first = self.first_name("mc" if sex == "M" else "fc")
            kids.append(DemoPerson(self.new_id(), last, first, middle, sex, birth, child_role, False, True))
        if "early_age" in cats:
            kids[-1].early = True
        if "disabled_child" in cats:
            older = [kid for kid in kids if today - kid.birth > 365] or kids
            self.pick(older).disabled = True
        if "ovz_child" in cats:
            candidates = [kid for kid in kids if today - kid.birth > 3 * 365 and not kid.disabled] or kids
            self.pick(candidates).ovz = True
        family.members = adults + kids

    def _housing(self, family: DemoFamily) -> None:
        urban = family.place.kind in ("city", "town", "workers_settlement")
        family.housing = self.pick(words.HOUSING_CITY if urban else words.HOUSING_RURAL)

    # -- staff, sized by the work the families need --------------------------------------------

    def _links(self, child: DemoPerson, family: DemoFamily) -> tuple[tuple[str, float], ...]:
        if child.disabled:
            return SESSION_LINKS["disabled"]
        if child.ovz:
            return SESSION_LINKS["ovz"]
        if child.early:
            return SESSION_LINKS["early"]
        if any(code in family.categories for code in ("sop", "addiction", "orphanhood_risk", "tzhs")):
            return SESSION_LINKS["risk"]
        return SESSION_LINKS["other"]

    def _staff(self) -> None:
        rng = self.rng
        positions = self.dicts.codes("position")
        conducting = [code for code in SESSION_SERVICES if code in positions] or positions[:1]
        capacity = len(self.session_days) * len(words.SLOT_TIMES)
        # 1. What each child needs, as weighted links to a position of the family's office.
        links: dict[tuple[int, str], list[tuple[int, int, tuple[Any, ...], float]]] = {}
        total_weight = 0.0
        span = len(self.session_days) or 1
        for family in self.families:
            start_family = max(family.registered, self.window_start)
            for child in family.children:
                start = max(start_family, child.birth + 90)
                active = max(0, min(family.ended, self.today + PLANNED_DAYS) - start)
                if active <= 0:
                    continue
                for position, weight in self._links(child, family):
                    if position not in conducting:
                        position = conducting[0]
                    effective = weight * active / span
                    total_weight += effective
                    links.setdefault((family.office.index, position), []).append(
                        (start, max(1, round(weight * 2)), (child, family), effective))
        sessions_wanted = self.family_count * self.rates.sessions_per_family
        per_weight = sessions_wanted / total_weight if total_weight else 0.0
        # 2. Staff per office and position: enough session slots for the demand, plus the rest.
        specialists = ("social_work_specialist", "social_pedagogue", "psychologist")
        rows = []
        for office in self.offices:
            n_fam = len(office.families) or 1
            n_foster = sum(1 for family in office.families if "foster" in family.categories)
            wanted: dict[str, int] = {code: 1 for code in positions}  # every position in every office
            wanted["social_work_specialist"] = max(1, round(n_fam / self.rates.families_per_social_work_specialist))
            extra = {"social_worker": n_fam / 500, "nurse": n_fam / 1500, "doctor": n_fam / 2000,
                     "lawyer": n_fam / 3000, "foster_support_specialist": n_foster / 80,
                     "driver": n_fam / 2500}
            for code, amount in extra.items():
                wanted[code] = max(wanted.get(code, 0), round(amount))
            for code in conducting:
                demand = sum(link[3] for link in links.get((office.index, code), ())) * per_weight
                if demand > 0:
                    wanted[code] = max(wanted.get(code, 0), math.ceil(demand / (SLOT_LOAD * capacity)))
            for code in positions:
                for _ in range(wanted.get(code, 0)):
                    person = DemoStaff(self.new_id(), office, code)
                    office.staff.setdefault(code, []).append(person)
                    self.staff.append(person)
                    sex = "F" if rng.random() < (0.1 if code == "driver" else 0.85) else "M"
                    last_m, last_f = self.surname()
                    rows.append((person.id, last_m if sex == "M" else last_f,
                                  self.first_name("m" if sex == "M" else "f"), self.patronymic(None, sex),
                                  self.dicts.id("position", code), office.id, self.phone(), None, True,
                                  self.stamp, self.stamp))
        self.writer.insert(Staff.__table__, ("id", "last_name", "first_name", "middle_name", "position_id",
                                             "office_id", "phone", "email", "active", "created_at",
                                             "updated_at"), rows)
        # 3. Children spread evenly over the specialists of each position.
        for (office_index, position), items in links.items():
            team = self.offices[office_index].staff.get(position) or self.offices[office_index].staff[
                next(iter(self.offices[office_index].staff))]
            rng.shuffle(items)
            for index, (start, copies, pair, effective) in enumerate(items):
                member = team[index % len(team)]
                member.demand += effective * per_weight
                member.case_load.append((start, copies, pair))
        for family in self.families:
            office = family.office
            pool = [s for code in specialists for s in office.staff.get(code, ())]
            if "foster" in family.categories and office.staff.get("foster_support_specialist"):
                pool = office.staff["foster_support_specialist"]
            family.responsible = self.pick(pool) if pool else None

    def _first_specialist(self, family: DemoFamily) -> DemoStaff:
        """The office's first visiting specialist: a choice that draws nothing from the random stream."""
        pool = [s for code in VISITING_POSITIONS for s in family.office.staff.get(code, ())]
        return (pool or self.staff)[0]

    def office_specialist(self, office: DemoOffice) -> DemoStaff:
        pool = [s for code in VISITING_POSITIONS for s in office.staff.get(code, ())]
        return self.pick(pool or self.staff)

    # -- families, persons, members, categories -----------------------------------------------

    def _write_families(self) -> None:
        rng = self.rng
        stamp = self.stamp
        iso = self.iso
        d = self.dicts
        folded: dict[str, str] = {}

        def key(text: str | None) -> str:
            if not text:
                return ""
            value = folded.get(text)
            if value is None:
                value = folded[text] = fold(text)
            return value

        snils_numbers = iter(rng.sample(range(1_001_999, 999_999_999), len(self.persons)))
        person_rows = []
        for person in self.persons:
            number = next(snils_numbers)
            adult = not person.child
            snils = snils_with_checksum(f"{number:09d}") if rng.random() < 0.93 and \
                self.today - person.birth > 60 else None
            inn = _inn12(rng) if adult and rng.random() < 0.4 else None
            oms = f"{rng.getrandbits(56) % 10**16:016d}" if person.child and rng.random() < 0.7 else None
            phone = self.phone() if adult and rng.random() < 0.85 else None
            person_rows.append((person.id, person.last, person.first, person.middle, key(person.last),
                                key(person.first), key(person.middle), person.sex, iso(person.birth), snils,
                                inn, oms, phone, stamp, stamp))
        self.writer.insert(Person.__table__, PERSON_COLUMNS, person_rows)
        family_rows = []
        member_rows = []
        category_rows: list[tuple[Any, ...]] = []
        for family in self.families:
            rep = family.representative
            title = full_name(rep.last, rep.first, rep.middle)
            place = family.place
            urban = place.kind in ("city", "town", "workers_settlement")
            house = str(rng.randint(1, 120 if urban else 60)) + ("А" if rng.random() < 0.05 else "")
            apartment = str(rng.randint(1, 180)) if urban and rng.random() < 0.7 else None
            self._categories(family, category_rows)
            family_rows.append((family.id, family.office.id, title, key(title), place.district_id, place.id,
                                self.pick(words.STREETS), house, None, apartment, self.phone(), None,
                                iso(family.registered), family.responsible.id if family.responsible else None,
                                None, stamp, stamp))
            for person in family.members:
                joined = max(family.registered, person.birth)
                member_rows.append((self.new_id(), family.id, person.id, d.id("member_role", person.role),
                                    person.rep, iso(joined)))
        self.writer.insert(Family.__table__, (
            "id", "office_id", "title", "title_key", "district_id", "settlement_id", "street", "house", "building",
            "apartment", "phone", "email", "registered_on", "responsible_staff_id", "notes", "created_at",
            "updated_at"), family_rows)
        self.writer.insert(FamilyMember.__table__, ("id", "family_id", "person_id", "role_id",
                                                    "is_legal_representative", "joined_on"), member_rows)
        self.writer.insert(FamilyCategory.__table__, (
            "id", "family_id", "category_id", "started_on", "ended_on", "end_reason_id", "kdn_intake_number",
            "kdn_intake_date", "kdn_closure_number", "kdn_closure_date", "kdn_review_on", "created_at", "updated_at"),
            category_rows)

    def _categories(self, family: DemoFamily, rows: list[tuple[Any, ...]]) -> None:
        rng = self.rng
        iso = self.iso
        last_day = min(self.today - 1, family.ended)
        kids = family.children
        for position, code in enumerate(family.categories):
            start = family.registered if position == 0 else min(last_day, family.registered + rng.randint(0, 400))
            if code == "early_age":
                start = max(start, kids[-1].birth)
            if code == "disabled_child":
                start = max(start, min(kid.birth for kid in kids) + 180)
            start = min(start, last_day)
            end = None
            reason = None
            if family.ended != NO_END:
                end = family.ended
                reason = self.pick(("moved", "circumstances_eliminated", "other"))
            elif rng.random() < 0.1 and last_day - start > 90:
                end = rng.randint(start + 60, last_day)
                reason = {"sop": "kdn_decision", "disabled_child": "disability_removed", "large": "child_adult",
                          "single_parent": "family_composition_changed"}.get(
                              code, self.pick(("circumstances_eliminated", "moved", "other")))
            kdn: tuple[str | None, ...] = (None, None, None, None, None)
            if code == "sop":
                intake = f"{rng.randint(1, 52)}/{rng.randint(1, 400)}"
                closure = f"{rng.randint(1, 52)}/{rng.randint(1, 400)}" if end is not None else None
                if end is not None:
                    reason = "kdn_decision"
                decided = start - rng.randint(1, 14)
                # the commission reviews the plan every 3 or 6 months (no random draw: the rest of the data stays
                # as it was); the next review of a current decision, some a few days past and not yet entered
                step = 91 if int(intake.split("/")[1]) % 2 else 182
                review = decided + max(1, -(-(self.today - 10 - decided) // step)) * step if end is None else None
                kdn = (intake, iso(decided), closure, iso(end), iso(review))
            rows.append((self.new_id(), family.id, self.dicts.id("family_category", code), iso(start), iso(end),
                         self.dicts.id("category_removal_reason", reason) if reason else None, *kdn,
                         self.stamp, self.stamp))

    # -- documents, consents, child profiles, diagnoses ---------------------------------------

    def _write_person_details(self) -> None:
        rng = self.rng
        iso = self.iso
        stamp = self.stamp
        today = self.today
        passport = self.dicts.id("document_kind", "passport")
        certificate = self.dicts.id("document_kind", "birth_certificate")
        document_rows = []
        consent_rows: list[tuple[Any, ...]] = []
        profile_rows: list[tuple[Any, ...]] = []
        diagnosis_rows: list[tuple[Any, ...]] = []
        romans = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
        for family in self.families:
            rep = family.representative
            rep_name = full_name(rep.last, rep.first, rep.middle)
            for person in family.members:
                age_days = today - person.birth
                if person.child and rng.random() < 0.97:
                    series = f"{self.pick(romans)}-{self.pick(('СС', 'СЯ', 'СН'))}"
                    document_rows.append((
                        self.new_id(), person.id, certificate, series, f"{rng.randrange(10**6):06d}",
                        iso(min(today - 1, person.birth + rng.randint(3, 30))),
                        "Отдел ЗАГС Министерства юстиции " + words.REGION_GENITIVE, stamp, stamp))
                if age_days >= 14 * 365 + 30 and rng.random() < 0.96:
                    milestone = max(year for year in (14, 20, 45) if age_days >= year * 365 + 30)
                    issued = min(today - 1, person.birth + milestone * 365 + rng.randint(5, 25))
                    year = date.fromordinal(issued).year
                    document_rows.append((
                        self.new_id(), person.id, passport, f"{words.REGION_CODE}{year % 100:02d}",
                        f"{rng.randrange(10**6):06d}", iso(issued),
                        "ГУ МВД России по " + words.REGION_GENITIVE, stamp, stamp))
                self._consent(family, person, rep, rep_name, consent_rows)
                if person.child:
                    self._profile(person, profile_rows, diagnosis_rows)
        self.writer.insert(IdentityDocument.__table__, ("id", "person_id", "kind_id", "series", "number",
                                                        "issued_on", "issued_by", "created_at", "updated_at"),
                           document_rows)
        self.writer.insert(Consent.__table__, ("id", "person_id", "signer_person_id", "signer_name", "signed_on",
                                               "scope", "includes_health", "valid_until", "withdrawn_on",
                                               "created_at", "updated_at"), consent_rows)
        self.writer.insert(ChildProfile.__table__, (
            "id", "person_id", "is_disabled", "disability_since", "disability_until", "ipra_number", "ipra_date",
            "ipra_term", "ipra_until", "mse_bureau", "lim_self_care", "lim_mobility", "lim_orientation",
            "lim_communication", "lim_behaviour", "lim_learning", "lim_work", "has_ovz", "pmpk_number",
            "pmpk_date", "pmpk_conclusion", "health_group", "early_help_needed", "created_at", "updated_at"),
            profile_rows)
        self.writer.insert(Diagnosis.__table__, ("id", "person_id", "icd_code", "title", "is_main",
                                                 "diagnosed_on", "created_at", "updated_at"), diagnosis_rows)

    def _consent(self, family: DemoFamily, person: DemoPerson, rep: DemoPerson, rep_name: str,
                 rows: list[tuple[Any, ...]]) -> None:
        rng = self.rng
        if rng.random() < 0.05:
            return  # a few consents are missing: the app shows a warning for them
        signed = min(self.today - 1, max(family.registered, person.birth + 7))
        valid_until = None
        withdrawn = None
        mark = rng.random()
        if mark < 0.04:
            valid_until = self.today - rng.randint(1, 200)  # expired
            signed = min(signed, valid_until - 365)
        elif mark < 0.45:
            valid_until = signed + 5 * 365
        elif mark < 0.48:
            withdrawn = rng.randint(signed, self.today - 1)
        signer = rep if person.child else person  # a child's consent is signed by the representative
        rows.append((self.new_id(), person.id, signer.id, full_name(signer.last, signer.first, signer.middle),
                     self.iso(signed), words.CONSENT_SCOPE, person.child or rng.random() < 0.5,
                     self.iso(valid_until), self.iso(withdrawn), self.stamp, self.stamp))

    def _profile(self, child: DemoPerson, rows: list[tuple[Any, ...]], diagnoses: list[tuple[Any, ...]]) -> None:
        rng = self.rng
        iso = self.iso
        today = self.today
        if not (child.disabled or child.ovz or child.early) and rng.random() < 0.45:
            return
        age_days = today - child.birth
        disabled: tuple[Any, ...] = (False, None, None, None, None, None, None, None) + (None,) * 7
        if child.disabled:
            ipra_date = min(today - 1, max(today - rng.randint(10, 700), child.birth + 60))
            term = self.weighted((("1y", 3), ("2y", 2.5), ("until_18", 4.5)))  # children.IPRA_TERMS
            until = {"1y": ipra_date + 365, "2y": ipra_date + 730}.get(term, child.birth + 18 * 365 + 4)
            degrees = [self.weighted((("0", 3), ("1", 3.5), ("2", 2.5), ("3", 1))) for _ in range(6)]
            bureau = self.pick((3, 7, 11))
            disabled = (True, iso(max(child.birth + 30, ipra_date - rng.randint(0, 1500))), iso(until),
                        f"{rng.randint(100, 2999)}.{bureau}.{words.REGION_CODE}/{date.fromordinal(ipra_date).year}",
                        iso(ipra_date), term, iso(until), words.MSE_BUREAUS[(3, 7, 11).index(bureau)],
                        *(int(value) for value in degrees), 0 if age_days >= 14 * 365 else None)
            code, title = self.pick(words.DIAGNOSES_DISABILITY)
            diagnoses.append((self.new_id(), child.id, code, title, True,
                              iso(min(today - 1, rng.randint(child.birth + 30, max(child.birth + 31, ipra_date)))),
                              self.stamp, self.stamp))
            if rng.random() < 0.4:
                extra_code, extra_title = self.pick(words.DIAGNOSES_OVZ)
                if extra_code != code:
                    diagnoses.append((self.new_id(), child.id, extra_code, extra_title, False,
                                      iso(min(today - 1, child.birth + 30 + int(rng.random() * age_days))),
                                      self.stamp, self.stamp))
        ovz: tuple[Any, ...] = (False, None, None, None)
        has_main = child.disabled  # at most one live main diagnosis per person (a unique index)
        if child.ovz:
            pmpk = max(child.birth + 2 * 365, today - rng.randint(30, 900))
            ovz = (True, str(rng.randint(1, 999)), iso(min(pmpk, today - 1)), self.pick(words.PMPK_CONCLUSIONS))
            if not has_main:
                code, title = self.pick(words.DIAGNOSES_OVZ)
                diagnoses.append((self.new_id(), child.id, code, title, True, iso(min(pmpk, today - 1)),
                                  self.stamp, self.stamp))
                has_main = True
        if child.early and not has_main and rng.random() < 0.5:
            code, title = self.pick(words.DIAGNOSES_EARLY)
            diagnoses.append((self.new_id(), child.id, code, title, True,
                              iso(rng.randint(child.birth, today - 1)), self.stamp, self.stamp))
        if child.disabled:
            group = 5 if rng.random() < 0.7 else 4
        elif child.ovz:
            group = 3 if rng.random() < 0.7 else 4
        else:
            group = int(self.weighted((("1", 25), ("2", 55), ("3", 15), ("4", 4), ("5", 1))))
        early_help = age_days < 3 * 365 and (child.early or rng.random() < 0.2)
        rows.append((self.new_id(), child.id, *disabled, *ovz, group, early_help, self.stamp, self.stamp))

    # -- support cases, grounds, plans --------------------------------------------------------

    def _cases(self) -> None:
        rng = self.rng
        iso = self.iso
        d = self.dicts
        today = self.today
        case_rows = []
        ground_rows = []
        plan_rows = []
        paper_rows: list[tuple[Any, ...]] = []
        numbers: dict[tuple[int, int], int] = {}
        agencies = d.codes("agency") or ["other"]
        for family in self.families:
            cats = family.categories
            for index in range(self._case_count()):
                kind = self._case_kind(cats) if index == 0 else self.pick(
                    ("social_support", "ippsu", "rehab_course"))
                opened = family.registered + rng.randint(0, 60) if index == 0 else \
                    rng.randint(family.registered, today - 1)
                opened = min(opened, today - 1, family.ended)
                early = [kid for kid in family.children if _age(kid.birth, opened) < EARLY_HELP_AGE]
                if kind == "iprp" and not early:  # an ИПРП is opened only for a child under three
                    kind = "rehab_course" if any(kid.disabled or kid.ovz for kid in family.children) \
                        else "social_support"
                closed = None
                reason = None
                if kind == "iprp" and _birthday(early[0].birth, EARLY_HELP_AGE) < min(today, family.ended):
                    # The programme ends when the child ages out (the family moves to other services).
                    closed, reason = _birthday(early[0].birth, EARLY_HELP_AGE), "age_limit"
                elif family.ended != NO_END:
                    closed = family.ended
                    reason = self.pick(("family_moved", "goals_achieved", "lost_contact"))
                elif kind == "rehab_course" and today - opened > 150 and rng.random() < 0.8:
                    closed = opened + rng.randint(90, 150)
                    reason = "goals_achieved" if rng.random() < 0.8 else "contract_terminated"
                elif rng.random() < 0.15 and today - opened > 200:
                    closed = rng.randint(opened + 90, today - 1)
                    reason = self.weighted((("goals_achieved", 50), ("contract_terminated", 15), ("family_refusal", 10),
                                            ("transfer", 5), ("lost_contact", 5), ("other", 5)))
                    if kind == "ippsu" and rng.random() < 0.4:
                        reason = "ippsu_expired"
                    if kind == "ipr_sop":
                        reason = "kdn_removal"
                if reason == "contract_terminated" and kind != "ippsu":  # a contract is concluded on an ИППСУ only
                    reason = "goals_achieved"
                year = date.fromordinal(opened).year
                seq = numbers[(family.office.index, year)] = numbers.get((family.office.index, year), 0) + 1
                child = None
                if kind == "iprp":
                    child = early[0].id
                elif kind == "rehab_course":
                    marked = [kid for kid in family.children if kid.disabled or kid.ovz or kid.early]
                    child = (marked or family.children)[0].id
                case_id = self.new_id()
                responsible = family.responsible or self.office_specialist(family.office)
                review = opened + 3 * 365 if kind == "ippsu" else None
                # Family support has a level (the region's dictionary); taken from the number, not the random
                # stream, so the rest of a seeded demo stays as it was.
                level = LEVELS_BY_KIND.get(kind)
                case_rows.append((case_id, family.id, d.id("case_kind", kind),
                                  f"{family.office.index + 1:02d}-{year % 100:02d}/{seq}", child, iso(opened),
                                  iso(closed), d.id("case_closing_reason", reason) if reason else None,
                                  responsible.id, iso(review), None, self.stamp, self.stamp,
                                  d.id("support_level", level[seq % len(level)]) if level else None))
                family.cases.append((case_id, kind, opened, closed or NO_END, child))
                if reason:
                    self.case_outcomes[case_id] = reason
                if kind == "ippsu":  # the decision on need before the programme, the contract on it
                    self._ippsu_papers(paper_rows, family, case_id, f"{family.office.index + 1:02d}-{year % 100:02d}",
                                       seq, opened, review, closed if reason == "contract_terminated" else None)
                for ground in self._grounds(cats):
                    ground_rows.append((case_id, d.id("need_ground", ground)))
                measures = words.PLAN_MEASURES.get(kind, words.PLAN_MEASURES[""])
                count = min(len(measures), rng.randint(2, 6))
                horizon = (closed or max(today + 120, opened + 365)) - opened
                for position, measure in enumerate(rng.sample(measures, count)):
                    due = opened + (position + 1) * horizon // (count + 1)
                    done = None
                    if rng.random() < (0.85 if due < today else 0.15):
                        done = min(today - 1, max(opened, due - rng.randint(0, 20)))
                    by_staff = rng.random() < 0.65
                    executor_staff = self.office_specialist(family.office).id if by_staff else None
                    executor_agency = None if by_staff else d.id("agency", self.pick(agencies))
                    plan_rows.append((self.new_id(), case_id, position, measure, None, executor_staff,
                                      executor_agency, iso(due),
                                      iso(done), "Выполнено" if done else None, self.stamp, self.stamp))
        self.writer.insert(SupportCase.__table__, (
            "id", "family_id", "kind_id", "number", "child_person_id", "opened_on", "closed_on",
            "closing_reason_id", "responsible_staff_id", "review_due_on", "notes", "created_at", "updated_at",
            "support_level_id"), case_rows)
        self.writer.insert(case_grounds, ("case_id", "ground_id"), ground_rows)
        self.writer.insert(PlanItem.__table__, (
            "id", "case_id", "position", "measure", "service_id", "executor_staff_id", "executor_agency_id",
            "due_on", "done_on", "done_note", "created_at", "updated_at"), plan_rows)
        self.writer.insert(SocialPaper.__table__, (
            "id", "kind", "family_id", "case_id", "person_id", "number", "issued_on", "applied_on", "form_id",
            "valid_until", "terminated_on", "notes", "created_at", "updated_at"), paper_rows)

    def _ippsu_papers(self, rows: list[tuple[Any, ...]], family: DemoFamily, case_id: str, prefix: str, seq: int,
                      opened: int, review: int | None, terminated: int | None) -> None:
        """The decision on need (on an application a week earlier) and the contract of an ИППСУ."""
        iso, form = self.iso, self.dicts.id("service_form", "semi_stationary")
        person = family.representative.id
        rows.append((self.new_id(), "need_decision", family.id, case_id, person, f"{prefix}/Р-{seq}", iso(opened - 2),
                     iso(opened - 7), form, None, None, None, self.stamp, self.stamp))
        rows.append((self.new_id(), "contract", family.id, case_id, person, f"{prefix}/Д-{seq}", iso(opened),
                     None, form, iso(review), iso(terminated), None, self.stamp, self.stamp))

    def _case_count(self) -> int:
        count = self.count(self.rates.cases_per_family)
        if count and self.rng.random() < 0.24:
            count += 1 if self.rng.random() < 0.5 else -1
        return count

    def _case_kind(self, categories: list[str]) -> str:
        if "sop" in categories:
            return "ipr_sop"
        if "early_age" in categories:
            return "iprp"
        if "disabled_child" in categories or "ovz_child" in categories:
            return self.pick(("rehab_course", "ippsu"))
        if "foster" in categories:
            return "social_support"
        return "social_support" if self.rng.random() < 0.6 else "ippsu"

    def _grounds(self, categories: list[str]) -> list[str]:
        grounds = []
        for code, ground in (("disabled_child", "disabled_needing_care"),
                             ("ovz_child", "child_adaptation_difficulties"),
                             ("early_age", "child_adaptation_difficulties"), ("sop", "family_conflict"),
                             ("addiction", "family_conflict"), ("tzhs", "no_work_no_means"),
                             ("foster", "child_adaptation_difficulties"), ("large", "no_work_no_means"),
                             ("single_parent", "no_work_no_means"), ("orphanhood_risk", "no_care_possible")):
            if code in categories and ground not in grounds:
                grounds.append(ground)
        if not grounds or self.rng.random() < 0.05:
            grounds.append("regional_other")
        return [ground for ground in grounds if self.dicts.has("need_ground", ground)][:2] or [
            self.dicts.codes("need_ground")[0]]

    # -- mobile-brigade trips (with the visits they made) -------------------------------------

    def _trips(self) -> int:
        rng = self.rng
        iso = self.iso
        d = self.dicts
        stamp = self.stamp
        vehicles = [d.name("vehicle", code) for code in d.codes("vehicle")] or ["Служебный автомобиль"]
        mobile = d.id("delivery_mode", "mobile")
        by_place: dict[str, list[DemoFamily]] = {}
        for family in self.families:
            by_place.setdefault(family.place.id, []).append(family)
        trip_rows = []
        stop_rows = []
        member_rows = []
        family_rows = []
        total = max(len(self.offices), round(self.family_count * self.rates.trips_per_family))
        weights = cumulative([len(office.families) + 1 for office in self.offices])
        for _ in range(total):
            office = self.offices[min(bisect_right(weights, rng.random() * weights[-1]), len(self.offices) - 1)]
            places = [place for place in self.places if place.office is office and place.distance > 0]
            far = [place for place in places if place.distance >= NEAR_KM] or places
            if not far:
                continue
            day = self.workday_between(self.window_start, self.today + 30)
            if day is None:
                continue
            status = "planned" if day >= self.today else ("cancelled" if rng.random() < 0.05 else "done")
            trip_id = self.new_id()
            route = sorted(rng.sample(far, min(len(far), rng.randint(2, 5))), key=lambda place: place.distance)
            team = rng.sample([s for s in self._office_team(office)], min(3, len(self._office_team(office))))
            team = list(dict.fromkeys(team + office.staff.get("driver", [])[:1]))
            trip_rows.append((trip_id, office.id, iso(day), self.pick(vehicles), status,
                              f"Маршрут: {' — '.join(place.name for place in route)}", stamp, stamp))
            for position, place in enumerate(route):
                stop_rows.append((self.new_id(), trip_id, position + 1, place.id))
            for member in team:
                member_rows.append((trip_id, member.id))
            visitors = [member for member in team if member.position != "driver"] or team
            candidates = [family for place in route for family in by_place.get(place.id, ())
                          if family.registered <= day < family.ended]
            for family in rng.sample(candidates, min(len(candidates), rng.randint(3, 10))):
                work = self.pick(words.TRIP_WORK)
                done = None
                result = None
                if status == "done":
                    done = rng.random() < 0.9
                    result = self.pick(words.TRIP_RESULTS if done else words.TRIP_NOT_DONE)
                    if done:
                        self._trip_visits.append((family, day, trip_id, visitors, work))
                family_rows.append((self.new_id(), trip_id, family.id, work, done, result))
        self.writer.insert(BrigadeTrip.__table__, ("id", "office_id", "trip_date", "vehicle", "status", "notes",
                                                   "created_at", "updated_at"), trip_rows)
        self.writer.insert(TripStop.__table__, ("id", "trip_id", "position", "settlement_id"), stop_rows)
        self.writer.insert(trip_members, ("trip_id", "staff_id"), member_rows)
        self.writer.insert(TripFamily.__table__, ("id", "trip_id", "family_id", "planned_work", "done", "result"),
                           family_rows)
        self._mobile = mobile
        return len(self._trip_visits)

    def _office_team(self, office: DemoOffice) -> list[DemoStaff]:
        return [s for code, team in office.staff.items() if code not in ("driver", "head_of_office") for s in team]

    # -- home visits --------------------------------------------------------------------------

    def _visits(self, trip_visits: int) -> None:
        rng = self.rng
        iso = self.iso
        stamp = self.stamp
        today = self.today
        home = self.dicts.id("delivery_mode", "family_home")
        visit_rows: list[tuple[Any, ...]] = []
        staff_rows = []
        service_rows = []
        service_for = {
            "sop": ("psy_patronage", "ped_patronage"), "addiction": ("psy_patronage",),
            "disabled_child": ("com_care_training", "med_afk_home", "ped_speech_home"),
            "foster": ("ped_foster_consulting",), "tzhs": ("leg_consulting_home", "hh_shopping"),
            "": ("leg_consulting_home", "med_consulting_home", "ped_patronage"),
        }
        services = {key: [self.service(code) for code in codes] for key, codes in service_for.items()}
        for family, day, trip_id, visitors, work in self._trip_visits:
            visit_id = self.new_id()
            visit_rows.append((visit_id, family.id, iso(day), "Выезд мобильной бригады: " + work.lower(),
                               self._mobile, trip_id, family.housing, None, None, self.pick(words.CHILDREN_CONDITION),
                               self.pick(words.CONCLUSIONS), self.pick(words.RECOMMENDATIONS), None, stamp, stamp))
            for member in rng.sample(visitors, min(len(visitors), rng.randint(1, 2))):
                staff_rows.append((visit_id, member.id))
        wanted = max(0.0, self.family_count * self.rates.visits_per_family - trip_visits)
        weights = []
        for family in self.families:
            start = max(family.registered, self.window_start)
            end = min(family.ended, today - 1)
            factor = 3.0 if "sop" in family.categories else 1.5 if "foster" in family.categories else 1.0
            weights.append(max(0, end - start) * factor)
        total_weight = sum(weights) or 1.0
        for family, weight in zip(self.families, weights, strict=True):
            if not weight:
                continue
            start = bisect_left(self.workdays, max(family.registered, self.window_start))
            end = bisect_right(self.workdays, min(family.ended, today - 1))
            count = min(end - start, self.count(wanted * weight / total_weight))
            if count <= 0:
                continue
            days = sorted(self.workdays[index] for index in rng.sample(range(start, end), count))
            key = next((code for code in ("sop", "addiction", "disabled_child", "foster", "tzhs")
                        if code in family.categories), "")
            responsible = family.responsible or self.office_specialist(family.office)
            kids = family.children
            for number, day in enumerate(days):
                visit_id = self.new_id()
                first = number == 0 and day - family.registered < 30
                last = number == count - 1 and family.ended == NO_END
                purpose = words.PURPOSES[1] if first else self.pick(words.PURPOSES)
                visit_rows.append((
                    visit_id, family.id, iso(day), purpose, home, None, family.housing, self.pick(words.INCOME),
                    self.pick(words.RELATIONSHIPS), self.pick(words.CHILDREN_CONDITION), self.pick(words.CONCLUSIONS),
                    self.pick(words.RECOMMENDATIONS), iso(max(day, today) + rng.randint(20, 60)) if last else None,
                    stamp, stamp))
                staff_rows.append((visit_id, responsible.id))
                if rng.random() < 0.3:
                    other = self.office_specialist(family.office)
                    if other is not responsible:
                        staff_rows.append((visit_id, other.id))
                if rng.random() < 0.55:
                    person = self.pick(kids).id if kids and rng.random() < 0.5 else None
                    service_rows.append((self.new_id(), visit_id, self.pick(services[key]), person, 1))
        self.writer.insert(HomeVisit.__table__, VISIT_COLUMNS, visit_rows)
        self.writer.insert(visit_staff, ("visit_id", "staff_id"), staff_rows)
        self.writer.insert(VisitService.__table__, ("id", "visit_id", "service_id", "person_id", "quantity"),
                           service_rows)

    # -- events -------------------------------------------------------------------------------

    def _events(self) -> None:
        rng = self.rng
        iso = self.iso
        d = self.dicts
        stamp = self.stamp
        event_rows = []
        family_rows = []
        total = max(6, round(self.family_count * self.rates.events_per_family))
        weights = cumulative([len(office.families) + (len(self.families) / 4 if office.index == 0 else 1)
                               for office in self.offices])
        for _ in range(total):
            office = self.offices[min(bisect_right(weights, rng.random() * weights[-1]), len(self.offices) - 1)]
            kind = self.weighted(EVENT_WEIGHTS)
            day = self.workday_between(self.window_start, self.today + 60)
            if day is None:
                continue
            length = {"conference": rng.randint(0, 1), "profile_shift": 6, "training_site": rng.randint(1, 2)}.get(
                kind, 0)
            event_format = "remote" if kind == "webinar" else self.weighted(
                (("in_person", 65), ("remote", 15), ("mixed", 20)))
            professional = kind in ("conference", "seminar", "round_table", "training_site", "working_group",
                                    "methodical_association", "supervision", "webinar")
            specialists = rng.randint(8, 80) if professional else rng.randint(1, 5)
            parents = rng.randint(0, 10) if professional else rng.randint(5, 30)
            children = rng.randint(5, 40) if kind in ("profile_shift", "other", "master_class") else 0
            others = rng.randint(0, 8)
            attendees = specialists + parents + children + others
            online = {"in_person": 0, "remote": attendees, "mixed": attendees // 3}[event_format]
            event_id = self.new_id()
            families: list[DemoFamily] = []
            if kind in FAMILY_EVENTS:
                pool = [family for family in office.families if family.registered <= day < family.ended]
                if kind == "foster_parents_school":
                    pool = [family for family in pool if "foster" in family.categories] or pool
                families = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
                parents = max(parents, len(families))
                attendees = specialists + parents + children + others
                online = {"in_person": 0, "remote": attendees, "mixed": attendees // 3}[event_format]
            place = "Онлайн, платформа «Сферум»" if event_format == "remote" else office.name
            event_rows.append((
                event_id, office.id, d.id("event_type", kind),
                self.pick(words.EVENT_TITLES.get(kind, ("Мероприятие",))),
                iso(day), iso(day + length), place, d.id("event_format", event_format),
                f"{ORGANIZATION_NAME}, {office.name}",
                "; ".join(rng.sample(words.EVENT_PARTNERS, rng.randint(0, 2))) or None,
                specialists, parents, children, others, attendees - online, online,
                rng.randint(1, len(self.offices)) if professional else 1,
                rng.randint(2, 6) if kind == "conference" else 1,
                self.pick(words.EVENT_MATERIALS) if professional else None,
                self.pick(words.EVENT_RESOLUTIONS) if kind in ("conference", "round_table", "working_group") else None,
                None, stamp, stamp))
            for family in families:
                attended = None if day >= self.today else rng.random() < 0.85
                family_rows.append((self.new_id(), event_id, family.id, family.representative.id, attended))
        self.writer.insert(Event.__table__, (
            "id", "office_id", "type_id", "title", "starts_on", "ends_on", "place", "format_id", "organisers",
            "partners", "specialists_count", "parents_count", "children_count", "others_count", "in_person_count",
            "online_count", "districts_count", "regions_count", "materials", "resolution", "notes", "created_at",
            "updated_at"), event_rows)
        self.writer.insert(EventFamily.__table__, ("id", "event_id", "family_id", "person_id", "attended"),
                           family_rows)

    # -- rehabilitation sessions --------------------------------------------------------------

    def _prepare_session_staff(self) -> list[DemoStaff]:
        """Each specialist's case load as entries sorted by start, and the share of slots taken."""
        d = self.dicts
        capacity = len(self.session_days) * len(words.SLOT_TIMES) or 1
        mode_ids = [d.id("delivery_mode", code) for code in MODES]
        mode_lists = {band: tuple(index for index, weight in enumerate(weights) for _ in range(weight))
                      for band, weights in MODE_WEIGHTS.items()}
        working = []
        for member in self.staff:
            if not member.case_load:
                continue
            member.case_load.sort(key=lambda item: item[0])
            for start, copies, (child, family) in member.case_load:
                distance = family.place.distance
                band = "near" if distance < NEAR_KM else "middle" if distance < FAR_KM else "far"
                case = next((case for case in family.cases if case[4] == child.id), None) or (
                    family.cases[0] if family.cases else None)
                entry = (child.id, family.ended, mode_lists[band],
                         case[0] if case else None, case[2] if case else NO_END, case[3] if case else 0)
                for _ in range(copies):
                    member.starts.append(start)
                    member.entries.append(entry)
            member.case_load = []
            member.p = min(0.97, member.demand / capacity)
            member.group_p = GROUP_SHARE.get(member.position, 0.02)
            working.append(member)
        self._mode_ids = mode_ids
        return working

    def _services_for(self, position: str) -> tuple[list[list[tuple[str, int]]], tuple[str, int]]:
        """Per delivery mode, the (service id, minutes) choices of a position; and its group service."""
        centre_codes, home_codes, group_code = SESSION_SERVICES.get(position, ((), (), ""))

        def choices(codes: Sequence[str]) -> list[tuple[str, int]]:
            found = [(self.services[code][0], self._minutes(code)) for code in codes if code in self.services]
            return found or [(self.service(), 40)]

        centre = choices(centre_codes)
        at_home = choices(home_codes) if home_codes else centre
        per_mode = [centre, at_home, at_home, centre, at_home]
        group = choices((group_code,))[0] if group_code else centre[0]
        return per_mode, (group[0], 45)

    def _minutes(self, code: str) -> int:
        minutes = self.services[code][1] or 40
        return minutes if 30 <= minutes <= 45 else 40

    def _sessions(self) -> None:
        """About `sessions_per_family` sessions per family over two years, streamed in batches.

        Day by day and slot by slot, each specialist takes the slot with probability `p` (their
        demand over their capacity) and picks a child of their case load active that day; so
        nobody has two sessions at once, sessions fall inside the family's registration, and the
        rows come out in time order (which keeps the starts_at index appends cheap too). This is
        the hottest loop of the generator: locals only, one tuple per specialist.
        """
        rand = self.rng.random
        new_id = self.new_id
        stamp = self.stamp
        today = self.today
        plan = [(member.p, member.id, member.group_p, member.starts, member.entries,
                 *self._services_for(member.position)) for member in self._prepare_session_staff()]
        mode_ids = self._mode_ids
        centre = mode_ids[0]
        absence = [(self.dicts.id("absence_reason", code), weight) for code, weight in ABSENCE_WEIGHTS]
        reasons = tuple(item for item, weight in absence for _ in range(weight))
        n_reasons = len(reasons)
        places = MODE_PLACES
        notes_pool = words.SESSION_NOTES
        topics = words.GROUP_TOPICS
        slots = [f"{slot}:00.000000" for slot in words.SLOT_TIMES]
        sessions: list[tuple[Any, ...]] = []
        participants: list[tuple[Any, ...]] = []
        append_session = sessions.append
        append_participant = participants.append
        for chunk_start in range(0, len(self.session_days), 20):
            for day in self.session_days[chunk_start:chunk_start + 20]:
                prefix = self.iso(day) + " "  # type: ignore[operator]
                past = day < today
                for slot in slots:
                    starts_at = prefix + slot
                    for item in plan:
                        if rand() >= item[0]:
                            continue
                        _p, staff_id, group_p, starts, entries, per_mode, group_service = item
                        count = bisect_right(starts, day)
                        if not count:
                            continue
                        entry = entries[int(rand() * count)]
                        if entry[1] <= day:  # the family left the register: one more try
                            entry = entries[int(rand() * count)]
                            if entry[1] <= day:
                                continue
                        session_id = new_id()
                        cancelled = rand() < 0.02
                        group = None
                        if rand() < group_p:
                            group = {entry[0]: entry}
                            size = 3 + int(rand() * 4)
                            for _ in range(size * 3):
                                other = entries[int(rand() * count)]
                                if other[1] > day:
                                    group[other[0]] = other
                                    if len(group) == size:
                                        break
                            if len(group) < 3:
                                group = None
                        if group is None:
                            modes = entry[2]
                            mode = modes[int(rand() * len(modes))]
                            choices = per_mode[mode]
                            service_id, minutes = choices[int(rand() * len(choices))]
                            append_session((
                                session_id, starts_at, minutes, staff_id, service_id, mode_ids[mode],
                                entry[3] if entry[4] <= day < entry[5] else None, False, places[mode], None,
                                notes_pool[int(rand() * len(notes_pool))] if rand() < 0.05 else None,
                                cancelled, stamp, stamp))
                            children: Sequence[tuple[Any, ...]] = (entry,)
                        else:
                            append_session((session_id, starts_at, group_service[1], staff_id, group_service[0],
                                            centre, None, True, None, topics[int(rand() * len(topics))], None,
                                            cancelled, stamp, stamp))
                            children = list(group.values())
                        for child in children:
                            if past and not cancelled:
                                if rand() < 0.87:
                                    append_participant((new_id(), session_id, child[0], True, None))
                                else:
                                    append_participant((new_id(), session_id, child[0], False,
                                                        reasons[int(rand() * n_reasons)]))
                            else:
                                append_participant((new_id(), session_id, child[0], None, None))
                if len(sessions) >= 100_000:
                    self._flush_sessions(sessions, participants)
            self.step("Сеансы занятий", None)
        self._flush_sessions(sessions, participants)

    def _flush_sessions(self, sessions: list[tuple[Any, ...]], participants: list[tuple[Any, ...]]) -> None:
        self.writer.insert(RehabSession.__table__, SESSION_COLUMNS, sessions)
        self.writer.insert(SessionParticipant.__table__, PARTICIPANT_COLUMNS, participants)
        sessions.clear()
        participants.clear()


def _age(birth: int, day: int) -> int:
    """Full years on `day` of a person born on `birth` (both ordinals)."""
    born, on = date.fromordinal(birth), date.fromordinal(day)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _birthday(birth: int, years: int) -> int:
    """The ordinal of the `years`-th birthday (29 February → 1 March)."""
    born = date.fromordinal(birth)
    try:
        return date(born.year + years, born.month, born.day).toordinal()
    except ValueError:
        return date(born.year + years, 3, 1).toordinal()


def _inn10(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(9)]
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    digits.append(sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)
    return "".join(map(str, digits))


def _inn12(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(10)]
    for weights in ((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)):
        digits.append(sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)
    return "".join(map(str, digits))


__all__ = ["DEMO_LOGIN", "DEMO_PASSWORD", "ORGANIZATION_NAME", "DemoRates", "DemoSummary", "generate_demo"]
