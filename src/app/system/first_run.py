"""The first start of an empty database: organisation, office, places and the first administrator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.users import LoginResult
from app.core.actor import Actor, system_actor
from app.core.checks import Checker
from app.core.errors import ValidationError
from app.core.text import clean, fold
from app.reference.places import MAX_DISTANCE_KM, DistrictData, SettlementData, create_district, create_settlement
from app.system.bootstrap import FirstSetup, initialize, log_in
from app.system.encryption import encrypt_database
from db.models import District, Office
from db.session import Database


@dataclass(frozen=True)
class PlaceSeed:
    """One row of the wizard's places table, as typed."""

    row: int
    district: str
    municipality: str
    settlement: str
    distance_km: str


@dataclass(frozen=True)
class FirstRun:
    organization: str
    office: str
    admin_name: str
    admin_login: str
    admin_password: str
    places: list[PlaceSeed] = field(default_factory=list)
    encrypt: bool = False  # SQLCipher; ignored on PostgreSQL (the server encrypts its disks)


def _distance(check: Checker, place: PlaceSeed) -> float | None:
    text = (place.distance_km or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        check.fail(f"places.{place.row}.distance_km",
                   f"Строка {place.row}: поле «Расстояние, км» — укажите число, например 35 или 12,5.")
        return None


def check_places(places: list[PlaceSeed]) -> None:
    """The places table checked as the user leaves its page (no database): a district in every filled row
    and distances as numbers («12,5» is fine) within range; ValidationError names each row and field."""
    check = Checker()
    for place in places:
        distance = _distance(check, place)
        if distance is not None and not 0 <= distance <= MAX_DISTANCE_KM:
            check.fail(f"places.{place.row}.distance_km", f"Строка {place.row}: поле «Расстояние, км» — от 0 "
                                                          f"до {MAX_DISTANCE_KM}.")
        if not clean(place.district):
            check.fail(f"places.{place.row}.district", f"Строка {place.row}: поле «Район» обязательно.")
    check.done()


def complete_first_run(database: Database, data: FirstRun,
                       identity: Callable[[Session, Actor], object] | None = None) -> LoginResult:
    """Save the whole first setup in one unit of work (worker thread); nothing is kept on error. Returns
    the new administrator signed in, so the password just chosen is not asked for again.

    `identity`, when given, runs last in the same unit of work with the first-run actor: the caller fixes the
    installation's exchange identity there (app.exchange.partners.fix_identity; passed in because app.exchange
    already depends on app.system). Its ValidationError is raised like the others, and nothing is kept.

    Encryption comes first, while the database holds only the dictionaries, so no name typed here
    is ever written unencrypted. It stays on if the setup is then refused and typed again.
    """
    if data.encrypt and database.is_sqlite and not database.is_encrypted:
        encrypt_database(database, system_actor("first-run"), delete_plain_backups=True)
    with database.write() as session:
        initialize(session, FirstSetup(organization=data.organization, admin_login=data.admin_login,
                                       admin_password=data.admin_password, office=data.office,
                                       admin_name=data.admin_name))
        actor = system_actor("first-run")
        office_id = session.execute(select(Office.id).where(Office.is_main.is_(True))).scalar()
        existing = session.execute(select(District.id, District.name))
        districts = {fold(name): district_id for district_id, name in existing}
        check = Checker()
        for place in data.places:
            distance = _distance(check, place)
            district_name = clean(place.district)
            if not district_name:
                check.fail(f"places.{place.row}.district", f"Строка {place.row}: поле «Район» обязательно.")
                continue
            try:
                if fold(district_name) not in districts:
                    districts[fold(district_name)] = create_district(
                        session, actor, DistrictData(district_name, office_id)).id
                if clean(place.settlement):
                    create_settlement(session, actor, SettlementData(
                        districts[fold(district_name)], place.settlement, place.municipality, None, distance))
            except ValidationError as error:
                for name, message in error.errors.items():
                    check.fail(f"places.{place.row}.{name}", f"Строка {place.row}: {message}")
        check.done()
        if identity is not None:
            identity(session, actor)
    return log_in(database, data.admin_login, data.admin_password)
