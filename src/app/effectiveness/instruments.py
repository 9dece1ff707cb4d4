"""Assessment instruments: the two defaults seeded from `resources/seed/instruments.json`, read as frozen rows,
and edited by an administrator as a whole tree (instrument → areas → criteria).

An area or criterion already used by an assessment is never deleted: removing it from the tree switches it
off (old assessments keep their values and history), and its scale cannot be narrowed below values given.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.resources import load_json
from db.models.effectiveness import (
    Assessment,
    AssessmentArea,
    AssessmentCriterion,
    AssessmentInstrument,
    AssessmentValue,
)

FAMILY = "family"
CHILD = "child"
SUBJECTS = {FAMILY: "Семья", CHILD: "Ребёнок"}
SEED_NAMESPACE = uuid.UUID("6f1d3c52-2a51-4d8e-9d64-0b7c1f4a9e17")
MAX_STEPS = 11  # a scale of up to 11 steps (0–10) still fits a form's drop-down


@dataclass(frozen=True)
class CriterionRow:
    id: uuid.UUID
    name: str
    scale_min: int
    scale_max: int
    labels: tuple[str, ...]
    higher_is_better: bool
    active: bool = True

    def label(self, value: int) -> str:
        index = value - self.scale_min
        text = self.labels[index] if 0 <= index < len(self.labels) else ""
        return f"{value} — {text}" if text else str(value)


@dataclass(frozen=True)
class AreaRow:
    id: uuid.UUID
    name: str
    criteria: tuple[CriterionRow, ...]
    active: bool = True


@dataclass(frozen=True)
class InstrumentRow:
    id: uuid.UUID
    code: str
    name: str
    subject: str
    active: bool
    areas: tuple[AreaRow, ...]

    def criteria(self) -> list[CriterionRow]:
        return [criterion for area in self.areas for criterion in area.criteria]


# --- editing data (the administrator's editor fills these; ids of new rows are None) ------------------------

@dataclass(frozen=True)
class CriterionData:
    name: str | None
    scale_min: int | None
    scale_max: int | None
    labels: tuple[str, ...] = ()
    higher_is_better: bool = True
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class AreaData:
    name: str | None
    criteria: tuple[CriterionData, ...] = ()
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class InstrumentData:
    name: str | None
    subject: str = FAMILY
    active: bool = True
    areas: tuple[AreaData, ...] = field(default_factory=tuple)


def seed_instruments(session: Session) -> int:
    """Insert the shipped instruments the database lacks (by code); an edited one is left alone. Ids are derived
    from the codes, so every office seeds the same rows. Returns the number of instruments added."""
    known = set(session.execute(select(AssessmentInstrument.code)).scalars())
    added = 0
    for order, item in enumerate(load_json("seed/instruments.json")):
        if item["code"] in known:
            continue
        code = item["code"]
        instrument = AssessmentInstrument(id=uuid.uuid5(SEED_NAMESPACE, code), code=code, name=item["name"],
                                          subject=item["subject"], sort_order=order)
        session.add(instrument)
        session.flush()  # no ORM relationships here: each level is written before the rows that point at it
        for position, area in enumerate(item["areas"]):
            area_row = AssessmentArea(id=uuid.uuid5(SEED_NAMESPACE, f"{code}/{position}"),
                                      instrument_id=instrument.id, name=area["name"], position=position)
            session.add(area_row)
            session.flush()
            for number, criterion in enumerate(area["criteria"]):
                session.add(AssessmentCriterion(
                    id=uuid.uuid5(SEED_NAMESPACE, f"{code}/{position}/{number}"), area_id=area_row.id,
                    name=criterion["name"], position=number, scale_min=criterion["min"], scale_max=criterion["max"],
                    labels=list(criterion["labels"]), higher_is_better=criterion["higher_is_better"]))
        added += 1
    session.flush()
    return added


def list_instruments(session: Session, *, active_only: bool = False) -> list[InstrumentRow]:
    """Every instrument with its areas and criteria in order (switched-off parts included unless
    `active_only`). Reads only dictionary data: no permission needed."""
    query = select(AssessmentInstrument).order_by(AssessmentInstrument.sort_order, AssessmentInstrument.name)
    if active_only:
        query = query.where(AssessmentInstrument.active.is_(True))
    instruments = list(session.execute(query).scalars())
    areas = session.execute(select(AssessmentArea).where(
        AssessmentArea.instrument_id.in_([i.id for i in instruments])).order_by(AssessmentArea.position)).scalars()
    by_instrument: dict[uuid.UUID, list[AssessmentArea]] = {}
    for area in areas:
        if area.active or not active_only:
            by_instrument.setdefault(area.instrument_id, []).append(area)
    area_ids = [a.id for group in by_instrument.values() for a in group]
    criteria: dict[uuid.UUID, list[CriterionRow]] = {}
    for criterion in session.execute(select(AssessmentCriterion).where(AssessmentCriterion.area_id.in_(area_ids))
                                     .order_by(AssessmentCriterion.position)).scalars():
        if criterion.active or not active_only:
            criteria.setdefault(criterion.area_id, []).append(CriterionRow(
                criterion.id, criterion.name, criterion.scale_min, criterion.scale_max,
                tuple(str(label) for label in criterion.labels or ()), criterion.higher_is_better, criterion.active))
    return [InstrumentRow(i.id, i.code, i.name, i.subject, i.active,
                          tuple(AreaRow(a.id, a.name, tuple(criteria.get(a.id, ())), a.active)
                                for a in by_instrument.get(i.id, ())))
            for i in instruments]


def _used_range(session: Session, criterion_id: uuid.UUID) -> tuple[int | None, int | None]:
    low, high = session.execute(
        select(func.min(AssessmentValue.value), func.max(AssessmentValue.value))
        .join(Assessment, Assessment.id == AssessmentValue.assessment_id)
        .where(AssessmentValue.criterion_id == criterion_id, Assessment.deleted_at.is_(None))).one()
    return low, high


def _is_used(session: Session, criterion_ids: list[uuid.UUID]) -> bool:
    return bool(criterion_ids) and session.execute(
        select(AssessmentValue.id).where(AssessmentValue.criterion_id.in_(criterion_ids)).limit(1)).first() is not None


def _check_tree(check: Checker, data: InstrumentData) -> None:
    check.text("name", data.name, "Название", required=True, max_length=300)
    check.choice("subject", data.subject, "Кого оценивают", SUBJECTS)
    if not any(area.criteria for area in data.areas):
        check.fail("areas", "Добавьте хотя бы одну область с критерием.")
    for number, area in enumerate(data.areas, 1):
        check.text("areas", area.name, f"Область {number}", required=True, max_length=300)
        if not area.criteria:
            check.fail("areas", f"Область «{area.name or number}»: добавьте хотя бы один критерий.")
        for criterion in area.criteria:
            label = f"Критерий «{criterion.name or '?'}» области «{area.name or number}»"
            check.text("criteria", criterion.name, f"Критерий области «{area.name or number}»", required=True)
            low, high = criterion.scale_min, criterion.scale_max
            if low is None or high is None:
                check.fail("criteria", f"{label}: укажите наименьший и наибольший балл шкалы.")
            elif high <= low:
                check.fail("criteria", f"{label}: наибольший балл должен быть больше наименьшего.")
            elif high - low + 1 > MAX_STEPS:
                check.fail("criteria", f"{label}: не больше {MAX_STEPS} шагов шкалы.")
            elif criterion.labels and len(criterion.labels) != high - low + 1:
                check.fail("criteria", f"{label}: подписей шагов должно быть {high - low + 1} "
                                       f"(сейчас {len(criterion.labels)}).")


def save_instrument(session: Session, actor: Actor, instrument_id: uuid.UUID | None, data: InstrumentData) -> Saved:
    """Create an instrument (`instrument_id` None) or make an existing one equal to `data`; administrator only."""
    require(actor, MANAGE_DICTIONARIES)
    check = Checker()
    _check_tree(check, data)
    instrument = None
    if instrument_id is not None:
        instrument = session.get(AssessmentInstrument, instrument_id)
        if instrument is None:
            raise NotFound("Методика оценки не найдена.")
    check.done()
    name = (data.name or "").strip()
    if instrument is None:
        count = session.execute(select(func.count(AssessmentInstrument.id))).scalar_one()
        instrument = AssessmentInstrument(code=f"custom_{uuid.uuid4().hex[:12]}", name=name, subject=data.subject,
                                          active=data.active, sort_order=count, created_by=actor.user_id,
                                          updated_by=actor.user_id)
        session.add(instrument)
        session.flush()
        audit.record(session, actor, "create", "assessment_instrument", instrument.id, ["name", "subject", "areas"])
    else:
        if instrument.subject != data.subject and session.execute(select(Assessment.id).where(
                Assessment.instrument_id == instrument.id).limit(1)).first() is not None:
            check.fail("subject", "Поле «Кого оценивают»: по методике уже есть оценки, его нельзя изменить.")
            check.done()
        instrument.name, instrument.subject, instrument.active = name, data.subject, data.active
        instrument.updated_by = actor.user_id
        audit.record(session, actor, "update", "assessment_instrument", instrument.id,
                     ["name", "subject", "active", "areas"])
    _save_areas(session, actor, check, instrument.id, data.areas)
    check.done()
    session.flush()
    return Saved(instrument.id, frozenset({DICTIONARIES}))


def _save_areas(session: Session, actor: Actor, check: Checker, instrument_id: uuid.UUID,
                areas: tuple[AreaData, ...]) -> None:
    existing = {a.id: a for a in session.execute(
        select(AssessmentArea).where(AssessmentArea.instrument_id == instrument_id)).scalars()}
    kept: set[uuid.UUID] = set()
    for position, area in enumerate(areas):
        row = existing.get(area.id) if area.id is not None else None
        if row is None:
            row = AssessmentArea(instrument_id=instrument_id, created_by=actor.user_id)
            session.add(row)
        row.name, row.position, row.active, row.updated_by = (area.name or "").strip(), position, True, actor.user_id
        session.flush()
        kept.add(row.id)
        _save_criteria(session, actor, check, row.id, area)
    for area_id, row in existing.items():
        if area_id not in kept:
            criteria = list(session.execute(select(AssessmentCriterion.id).where(
                AssessmentCriterion.area_id == area_id)).scalars())
            if _is_used(session, criteria):
                row.active = False  # old assessments keep it
            else:
                for criterion in session.execute(select(AssessmentCriterion).where(
                        AssessmentCriterion.area_id == area_id)).scalars():
                    session.delete(criterion)
                session.flush()
                session.delete(row)


def _save_criteria(session: Session, actor: Actor, check: Checker, area_id: uuid.UUID, area: AreaData) -> None:
    existing = {c.id: c for c in session.execute(
        select(AssessmentCriterion).where(AssessmentCriterion.area_id == area_id)).scalars()}
    kept: set[uuid.UUID] = set()
    for position, item in enumerate(area.criteria):
        row = existing.get(item.id) if item.id is not None else None
        if row is not None:
            low, high = _used_range(session, row.id)
            if low is not None and high is not None and item.scale_min is not None and item.scale_max is not None \
                    and (low < item.scale_min or high > item.scale_max):
                check.fail("criteria", f"Критерий «{item.name}»: в оценках уже есть баллы от {low} до {high}, "
                                       "шкала должна их включать.")
                continue
        else:
            row = AssessmentCriterion(area_id=area_id, created_by=actor.user_id)
            session.add(row)
        row.name, row.position = (item.name or "").strip(), position
        row.scale_min, row.scale_max = item.scale_min or 0, item.scale_max or 0
        row.labels = [label.strip() for label in item.labels]
        row.higher_is_better, row.active, row.updated_by = item.higher_is_better, True, actor.user_id
        session.flush()
        kept.add(row.id)
    for criterion_id, row in existing.items():
        if criterion_id not in kept:
            if _is_used(session, [criterion_id]):
                row.active = False
            else:
                session.delete(row)
