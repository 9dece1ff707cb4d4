"""Assessments of a family or a child: recorded at intake, at reviews and at closing, dated and signed by a
specialist; listed with the dynamics of each case for the family card.

Writes check EDIT_RECORDS and the family's scope (a specialist: the families of their caseload), audit field
names and never commit; assessments are soft-deleted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_family
from app.core.actor import SPECIALIST, Actor
from app.core.changes import CASES, Saved, assign
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.lookups import check_active_staff
from app.core.records import soft_delete
from app.core.text import format_date, short_name
from app.effectiveness.dynamics import AreaChange, Dynamics, Scale, area_changes, case_dynamics
from app.effectiveness.instruments import CHILD, InstrumentRow, list_instruments
from db.models import DictionaryItem, FamilyMember, Person, Staff, SupportCase
from db.models.effectiveness import (
    Assessment,
    AssessmentArea,
    AssessmentCriterion,
    AssessmentInstrument,
    AssessmentValue,
)

INTAKE = "intake"
REVIEW = "review"
CLOSING = "closing"
KINDS = {INTAKE: "Первичная", REVIEW: "Промежуточная", CLOSING: "Итоговая (при закрытии)"}
AREAS = frozenset({CASES})


@dataclass(frozen=True)
class AssessmentData:
    family_id: uuid.UUID | None
    instrument_id: uuid.UUID | None
    kind: str | None
    assessed_on: date | None
    staff_id: uuid.UUID | None
    case_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None  # the child, for an instrument that assesses a child
    notes: str | None = None
    values: dict[uuid.UUID, int] = field(default_factory=dict)  # criterion id → step


@dataclass(frozen=True)
class AssessmentRow:
    id: uuid.UUID
    instrument_id: uuid.UUID
    instrument_name: str
    case_id: uuid.UUID | None
    person_id: uuid.UUID | None
    subject_name: str  # «Семья» or the child's short name
    kind: str
    assessed_on: date
    staff_id: uuid.UUID
    staff_name: str
    notes: str | None
    values: dict[uuid.UUID, int]

    @property
    def kind_title(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class AreaSeries:
    """One area's points for the card's chart: (date, mean step of the area's criteria)."""

    area_id: uuid.UUID
    name: str
    scale_min: int
    scale_max: int
    higher_is_better: bool
    points: tuple[tuple[date, float], ...]
    change: AreaChange | None


@dataclass(frozen=True)
class SubjectDynamics:
    """The dynamics of one case for one instrument and subject (the family or one child)."""

    case_id: uuid.UUID | None
    instrument_name: str
    subject_name: str
    series: tuple[AreaSeries, ...]
    dynamics: Dynamics | None


@dataclass(frozen=True)
class FamilyAssessments:
    assessments: tuple[AssessmentRow, ...]
    subjects: tuple[SubjectDynamics, ...]
    case_verdicts: dict[uuid.UUID, Dynamics]


def _live(session: Session, assessment_id: uuid.UUID) -> Assessment:
    row = session.get(Assessment, assessment_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Оценка не найдена или удалена.")
    return row


def _validate(check: Checker, session: Session, actor: Actor, data: AssessmentData,
              current: Assessment | None) -> tuple[dict, dict[uuid.UUID, int]]:
    instrument = session.get(AssessmentInstrument, data.instrument_id) if data.instrument_id else None
    if instrument is None:
        check.fail("instrument_id", "Поле «Методика»: выберите методику оценки.")
    elif not instrument.active and (current is None or current.instrument_id != instrument.id):
        check.fail("instrument_id", "Поле «Методика»: методика отключена администратором, выберите другую.")
    check.choice("kind", data.kind, "Вид оценки", KINDS)
    assessed_on = check.past_date("assessed_on", data.assessed_on, "Дата оценки", required=True)
    if data.staff_id is None:
        check.fail("staff_id", "Поле «Специалист» обязательно: оценку подписывает специалист.")
    else:
        check_active_staff(check, session, "staff_id", data.staff_id, "Специалист",
                           current=current.staff_id if current else None)
        if actor.case_role == SPECIALIST and actor.staff_id is not None and data.staff_id != actor.staff_id:
            check.fail("staff_id", "Поле «Специалист»: специалист подписывает только свои оценки.")
    case = session.get(SupportCase, data.case_id) if data.case_id else None
    if data.case_id is not None and (case is None or case.deleted_at is not None or case.family_id != data.family_id):
        check.fail("case_id", "Поле «Сопровождение»: выберите сопровождение этой семьи.")
    elif case is not None and assessed_on is not None:
        if assessed_on < case.opened_on:
            check.fail("assessed_on", f"Поле «Дата оценки»: раньше начала сопровождения "
                                      f"({format_date(case.opened_on)}).")
        elif case.closed_on is not None and assessed_on > case.closed_on:
            check.fail("assessed_on", f"Поле «Дата оценки»: позже закрытия сопровождения "
                                      f"({format_date(case.closed_on)}).")
    if instrument is not None and instrument.subject == CHILD:
        if data.person_id is None or session.execute(select(FamilyMember.id).where(
                FamilyMember.family_id == data.family_id, FamilyMember.person_id == data.person_id)).first() is None:
            check.fail("person_id", "Поле «Ребёнок»: выберите ребёнка из членов семьи.")
    elif data.person_id is not None:
        check.fail("person_id", "Поле «Ребёнок»: эта методика оценивает семью, ребёнка выбирать не нужно.")
    values = _check_values(check, session, data)
    return {
        "instrument_id": data.instrument_id,
        "family_id": data.family_id,
        "person_id": data.person_id,
        "case_id": data.case_id,
        "kind": data.kind,
        "assessed_on": assessed_on,
        "staff_id": data.staff_id,
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
    }, values


def _check_values(check: Checker, session: Session, data: AssessmentData) -> dict[uuid.UUID, int]:
    if data.instrument_id is None:
        return {}
    criteria = {c.id: c for c in session.execute(
        select(AssessmentCriterion).join(AssessmentArea, AssessmentArea.id == AssessmentCriterion.area_id)
        .where(AssessmentArea.instrument_id == data.instrument_id)).scalars()}
    values: dict[uuid.UUID, int] = {}
    for criterion_id, value in data.values.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            check.fail("values", "Оценка содержит критерий другой методики.")
            continue
        if value is None:
            continue
        if not isinstance(value, int) or not criterion.scale_min <= value <= criterion.scale_max:
            check.fail("values", f"Критерий «{criterion.name}»: балл от {criterion.scale_min} "
                                 f"до {criterion.scale_max}.")
            continue
        values[criterion_id] = value
    if not values:
        check.fail("values", "Оцените хотя бы один критерий.")
    return values


def _store_values(session: Session, assessment_id: uuid.UUID, values: dict[uuid.UUID, int]) -> bool:
    current = dict(session.execute(select(AssessmentValue.criterion_id, AssessmentValue.value).where(
        AssessmentValue.assessment_id == assessment_id)).all())
    if current == values:
        return False
    session.execute(delete(AssessmentValue).where(AssessmentValue.assessment_id == assessment_id))
    session.add_all(AssessmentValue(assessment_id=assessment_id, criterion_id=c, value=v) for c, v in values.items())
    session.flush()
    return True


def record_assessment(session: Session, actor: Actor, data: AssessmentData) -> Saved:
    """Record a new assessment of a family in the actor's scope (PermissionDenied outside it)."""
    if data.family_id is None:
        raise NotFound("Семья не выбрана.")
    require_family(session, actor, data.family_id, edit=True)
    check = Checker()
    values, scores = _validate(check, session, actor, data, None)
    check.done()
    row = Assessment(**values, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(row)
    session.flush()
    _store_values(session, row.id, scores)
    audit.record(session, actor, "create", "assessment", row.id, [*values, "values"])
    return Saved(row.id, AREAS)


def update_assessment(session: Session, actor: Actor, assessment_id: uuid.UUID, data: AssessmentData) -> Saved:
    """Change an assessment (its family cannot change)."""
    row = _live(session, assessment_id)
    require_family(session, actor, row.family_id, edit=True)
    check = Checker()
    if data.family_id != row.family_id:
        check.fail("family_id", "Оценку нельзя перенести в другую семью.")
    values, scores = _validate(check, session, actor, data, row)
    check.done()
    changed = assign(row, values)
    if _store_values(session, row.id, scores):
        changed.append("values")
    if not changed:
        return Saved(row.id, frozenset())
    row.updated_by = actor.user_id
    audit.record(session, actor, "update", "assessment", row.id, changed)
    return Saved(row.id, AREAS)


def delete_assessment(session: Session, actor: Actor, assessment_id: uuid.UUID) -> Saved:
    row = _live(session, assessment_id)
    require_family(session, actor, row.family_id, edit=True)
    return soft_delete(session, actor, row, "assessment", AREAS)


def has_closing_assessment(session: Session, case_id: uuid.UUID | None) -> bool:
    """Whether the case has a live closing assessment (the rule for closing with «цели достигнуты»)."""
    return case_id is not None and session.execute(select(Assessment.id).where(
        Assessment.case_id == case_id, Assessment.kind == CLOSING, Assessment.deleted_at.is_(None)).limit(1)
    ).first() is not None


def family_assessments(session: Session, actor: Actor, family_id: uuid.UUID) -> FamilyAssessments:
    """The family's assessments (newest first) and the dynamics per case, instrument and subject."""
    require_family(session, actor, family_id)
    instruments = {i.id: i for i in list_instruments(session)}
    rows = session.execute(
        select(Assessment, Staff.last_name, Staff.first_name, Staff.middle_name, Person.last_name,
               Person.first_name, Person.middle_name)
        .join(Staff, Staff.id == Assessment.staff_id)
        .outerjoin(Person, Person.id == Assessment.person_id)
        .where(Assessment.family_id == family_id, Assessment.deleted_at.is_(None))
        .order_by(Assessment.assessed_on, Assessment.created_at)).all()
    values: dict[uuid.UUID, dict[uuid.UUID, int]] = {}
    for assessment_id, criterion_id, value in session.execute(
            select(AssessmentValue.assessment_id, AssessmentValue.criterion_id, AssessmentValue.value)
            .where(AssessmentValue.assessment_id.in_([row[0].id for row in rows]))):
        values.setdefault(assessment_id, {})[criterion_id] = value
    items = []
    for assessment, s_last, s_first, s_middle, p_last, p_first, p_middle in rows:
        instrument = instruments.get(assessment.instrument_id)
        subject = short_name(p_last, p_first, p_middle) if assessment.person_id else "Семья"
        items.append(AssessmentRow(
            assessment.id, assessment.instrument_id, instrument.name if instrument else "", assessment.case_id,
            assessment.person_id, subject, assessment.kind, assessment.assessed_on, assessment.staff_id,
            short_name(s_last, s_first, s_middle), assessment.notes, values.get(assessment.id, {})))
    subjects, verdicts = _dynamics(items, instruments)
    return FamilyAssessments(tuple(reversed(items)), tuple(subjects), verdicts)


def _dynamics(items: list[AssessmentRow], instruments: dict[uuid.UUID, InstrumentRow]
              ) -> tuple[list[SubjectDynamics], dict[uuid.UUID, Dynamics]]:
    groups: dict[tuple, list[AssessmentRow]] = {}
    for item in items:  # in date order
        groups.setdefault((item.case_id, item.instrument_id, item.person_id), []).append(item)
    subjects = []
    per_case: dict[uuid.UUID, list[AreaChange]] = {}
    for (case_id, instrument_id, _person), group in groups.items():
        instrument = instruments.get(instrument_id)
        if instrument is None:
            continue
        scales = {c.id: Scale(area.id, c.scale_min, c.scale_max, c.higher_is_better)
                  for area in instrument.areas for c in area.criteria}
        changes = area_changes(group[0].values, group[-1].values, scales) if len(group) > 1 else []
        by_area = {change.area_id: change for change in changes}
        series = []
        for area in instrument.areas:
            points = []
            for item in group:
                steps = [item.values[c.id] for c in area.criteria if c.id in item.values]
                if steps:
                    points.append((item.assessed_on, sum(steps) / len(steps)))
            if points and area.criteria:
                first = area.criteria[0]
                series.append(AreaSeries(area.id, area.name, min(c.scale_min for c in area.criteria),
                                         max(c.scale_max for c in area.criteria), first.higher_is_better,
                                         tuple(points), by_area.get(area.id)))
        subjects.append(SubjectDynamics(case_id, instrument.name, group[0].subject_name, tuple(series),
                                        case_dynamics(changes)))
        if case_id is not None:
            per_case.setdefault(case_id, []).extend(changes)
    verdicts = {case_id: dyn for case_id, changes in per_case.items() if (dyn := case_dynamics(changes)) is not None}
    return subjects, verdicts


GOALS_ACHIEVED = "goals_achieved"  # the closing reason «Цели сопровождения достигнуты…»
NO_CLOSING_ASSESSMENT = ("Поле «Причина закрытия»: чтобы закрыть сопровождение с причиной «цели достигнуты», "
                         "сначала запишите итоговую оценку (вкладка «Оценки» карточки семьи).")


def require_closing_assessment(check: Checker, session: Session, case_id: uuid.UUID | None,
                               reason_id: uuid.UUID | None) -> None:
    """A case closed because its goals were reached must show it: its closing assessment must exist (#17)."""
    if reason_id is None:
        return
    reason = session.get(DictionaryItem, reason_id)
    if reason is not None and reason.code == GOALS_ACHIEVED and not has_closing_assessment(session, case_id):
        check.fail("closing_reason_id", NO_CLOSING_ASSESSMENT)
