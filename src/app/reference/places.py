"""Districts (муниципальные районы/округа) and settlements (населённые пункты) of the service area.

Entries in use are switched off, not deleted: families and brigade routes keep pointing at them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.lookups import check_active_entry, check_active_office, check_active_reference
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.records import insert_record, update_record
from app.core.text import fold
from app.reference.usage import delete_unused
from db.models import DictionaryItem, District, Office, Settlement

MAX_DISTANCE_KM = 2000
# Settlements at least this far from the office are "remote": the mobile brigade's work.
REMOTE_DISTANCE_KM = 50.0


@dataclass(frozen=True)
class DistrictData:
    name: str
    office_id: uuid.UUID | None = None


@dataclass(frozen=True)
class SettlementData:
    district_id: uuid.UUID | None
    name: str
    municipality: str | None = None
    kind_id: uuid.UUID | None = None
    distance_km: float | None = None


@dataclass(frozen=True)
class DistrictRow:
    id: uuid.UUID
    name: str
    office_id: uuid.UUID | None
    office_name: str | None
    active: bool


@dataclass(frozen=True)
class SettlementRow:
    id: uuid.UUID
    district_id: uuid.UUID
    district_name: str
    municipality: str
    name: str
    kind_id: uuid.UUID | None
    kind_short_name: str | None
    distance_km: float | None
    is_remote: bool
    active: bool

    @property
    def title(self) -> str:
        """«с. Дальнее» (the name alone when the kind is not set)."""
        return f"{self.kind_short_name} {self.name}" if self.kind_short_name else self.name


# --- reads ---------------------------------------------------------------------------------------


def list_districts(session: Session, include_inactive: bool = False) -> list[DistrictRow]:
    """Districts by name (ё = е), with the office each belongs to."""
    query = (select(District.id, District.name, District.office_id, Office.name, District.active)
             .outerjoin(Office, Office.id == District.office_id))
    if not include_inactive:
        query = query.where(District.active.is_(True))
    return sorted((DistrictRow(*row) for row in session.execute(query)), key=lambda row: fold(row.name))


def list_settlements(
    session: Session, district_id: uuid.UUID | None = None, include_inactive: bool = False,
    remote_km: float = REMOTE_DISTANCE_KM,
) -> list[SettlementRow]:
    """Settlements by district, municipality and name; `is_remote` when `distance_km >= remote_km`.

    Without `include_inactive`, settlements of switched-off districts are left out too.
    """
    query = (
        select(Settlement.id, Settlement.district_id, District.name.label("district_name"),
               Settlement.municipality, Settlement.name, Settlement.kind_id,
               DictionaryItem.short_name.label("kind_short"), DictionaryItem.name.label("kind_name"),
               Settlement.distance_km, Settlement.active)
        .join(District, District.id == Settlement.district_id)
        .outerjoin(DictionaryItem, DictionaryItem.id == Settlement.kind_id)
    )
    if district_id is not None:
        query = query.where(Settlement.district_id == district_id)
    if not include_inactive:
        query = query.where(Settlement.active.is_(True), District.active.is_(True))
    rows = [
        SettlementRow(r.id, r.district_id, r.district_name, r.municipality or "", r.name, r.kind_id,
                      r.kind_short or r.kind_name, r.distance_km,
                      r.distance_km is not None and r.distance_km >= remote_km, r.active)
        for r in session.execute(query)
    ]
    return sorted(rows, key=lambda row: (fold(row.district_name), fold(row.municipality), fold(row.name)))


# --- districts -----------------------------------------------------------------------------------


def _get_district(session: Session, district_id: uuid.UUID) -> District:
    district = session.get(District, district_id)
    if district is None:
        raise NotFound("Район не найден.")
    return district


def _validate_district(check: Checker, session: Session, data: DistrictData,
                       current: District | None) -> dict:
    name = check.text("name", data.name, "Наименование района", required=True, max_length=150)
    if name:
        others = session.execute(select(District.id, District.name)).all()
        if any(fold(other) == fold(name) and (current is None or other_id != current.id)
               for other_id, other in others):
            check.fail("name", f"Поле «Наименование района»: район «{name}» уже есть.")
    check_active_office(check, session, "office_id", data.office_id, required=False,
                        current=current.office_id if current else None)
    return {"name": name, "office_id": data.office_id}


def create_district(session: Session, actor: Actor, data: DistrictData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    check = Checker()
    values = _validate_district(check, session, data, None)
    check.done()
    district = insert_record(session, actor, District, "district", values)
    return Saved(district.id, frozenset({DICTIONARIES}))


def update_district(session: Session, actor: Actor, district_id: uuid.UUID, data: DistrictData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    district = _get_district(session, district_id)
    check = Checker()
    values = _validate_district(check, session, data, district)
    check.done()
    return _save(session, actor, district, "district", values)


def deactivate_district(session: Session, actor: Actor, district_id: uuid.UUID) -> Saved:
    """Hide a district (and so its settlements) from choice lists; addresses that use it stay."""
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_district(session, district_id), "district", {"active": False})


def reactivate_district(session: Session, actor: Actor, district_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_district(session, district_id), "district", {"active": True})


def delete_district(session: Session, actor: Actor, district_id: uuid.UUID) -> Saved:
    """Delete a district that no family and no settlement refers to; otherwise ValidationError."""
    require(actor, MANAGE_DICTIONARIES)
    district = _get_district(session, district_id)
    return delete_unused(session, actor, district, "district", f"Район «{district.name}»")


# --- settlements ---------------------------------------------------------------------------------


def _get_settlement(session: Session, settlement_id: uuid.UUID) -> Settlement:
    settlement = session.get(Settlement, settlement_id)
    if settlement is None:
        raise NotFound("Населённый пункт не найден.")
    return settlement


def _validate_settlement(check: Checker, session: Session, data: SettlementData,
                         current: Settlement | None) -> dict:
    district = check_active_reference(check, session, District, "district_id", data.district_id, "Район",
                                      "район «{name}» отключён, выберите другой.",
                                      current=current.district_id if current else None)
    municipality = check.text("municipality", data.municipality, "Поселение (муниципальное образование)",
                              max_length=150) or ""
    name = check.text("name", data.name, "Наименование населённого пункта", required=True, max_length=150)
    check_active_entry(check, session, "kind_id", data.kind_id, "settlement_kind", "Тип населённого пункта",
                       required=False, current=current.kind_id if current else None)
    check.number_range("distance_km", data.distance_km, "Расстояние до отделения, км", 0, MAX_DISTANCE_KM)
    if name and district is not None:
        # The database keeps (district, municipality, name) unique; compare folded to catch «Ёлкино»/«елкино».
        others = session.execute(select(Settlement.id, Settlement.municipality, Settlement.name)
                                 .where(Settlement.district_id == district.id)).all()
        if any(fold(other_name) == fold(name) and fold(other_mun) == fold(municipality)
               and (current is None or other_id != current.id) for other_id, other_mun, other_name in others):
            check.fail("name", f"Поле «Наименование населённого пункта»: «{name}» в этом поселении района "
                               f"уже есть.")
    return {"district_id": data.district_id, "municipality": municipality, "name": name,
            "kind_id": data.kind_id, "distance_km": data.distance_km}


def create_settlement(session: Session, actor: Actor, data: SettlementData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    check = Checker()
    values = _validate_settlement(check, session, data, None)
    check.done()
    settlement = insert_record(session, actor, Settlement, "settlement", values)
    return Saved(settlement.id, frozenset({DICTIONARIES}))


def update_settlement(session: Session, actor: Actor, settlement_id: uuid.UUID,
                      data: SettlementData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    settlement = _get_settlement(session, settlement_id)
    check = Checker()
    values = _validate_settlement(check, session, data, settlement)
    check.done()
    return _save(session, actor, settlement, "settlement", values)


def deactivate_settlement(session: Session, actor: Actor, settlement_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_settlement(session, settlement_id), "settlement", {"active": False})


def reactivate_settlement(session: Session, actor: Actor, settlement_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_settlement(session, settlement_id), "settlement", {"active": True})


def delete_settlement(session: Session, actor: Actor, settlement_id: uuid.UUID) -> Saved:
    """Delete a settlement no family address and no trip route refers to; otherwise ValidationError."""
    require(actor, MANAGE_DICTIONARIES)
    settlement = _get_settlement(session, settlement_id)
    return delete_unused(session, actor, settlement, "settlement", f"Населённый пункт «{settlement.name}»")


def _save(session: Session, actor: Actor, record: District | Settlement, entity: str,
          values: dict) -> Saved:
    return update_record(session, actor, record, entity, values, frozenset({DICTIONARIES}))
