"""«Отчёт об эффективности сопровождения»: the cases closed in a period (by the offices and districts of their
families) and their dynamics between the first and the last assessment (rule: app.effectiveness.dynamics,
stated in the report as `RULE_TEXT`).

Figures: closed cases; of them with dynamics (assessed at least twice within the case); positive / none /
negative overall, by area, by family category (the categories a family had on the closing day; a family in two
categories counts in both, one without any under «Категория не указана»), and by delivery mode (the mode most of
the case's sessions had; a case without sessions under «Занятий по делу не было»), and by level of support (the
case's level when it closed; «Уровень не указан» without one); the average duration of support; and the «комплекс
мер» indicators that the assessments give.

The changes are computed in SQL — first and last value per case, subject and criterion by window functions, then
each area's change by GROUP BY — once, so the report reads a few rows per closed case whatever the number of
assessments; the verdicts, the areas' counts and the children's figure are counted from those rows by the rule of
app.effectiveness.dynamics (the family card's), and a test checks the card and the report agree.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, case, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.effectiveness.dynamics import EPSILON, NEGATIVE, NONE, POSITIVE, RULE_TEXT, AreaChange, case_dynamics
from app.reports.periods import Period
from db.models import DictionaryItem, Family, FamilyCategory, RehabSession, SupportCase
from db.models.effectiveness import (
    Assessment,
    AssessmentArea,
    AssessmentCriterion,
    AssessmentInstrument,
    AssessmentValue,
)

REPORT_TITLE = "Отчёт об эффективности сопровождения"
NO_CATEGORY = "Категория не указана"
NO_SESSIONS = "Занятий по делу не было"
NO_LEVEL = "Уровень не указан"
GOALS_ACHIEVED = "goals_achieved"
CATEGORY_NOTE = "Семья, состоявшая на день закрытия в нескольких категориях, учтена в каждой из них."
MODE_NOTE = "Форма работы — та, в которой прошло большинство занятий по сопровождению."
LEVEL_NOTE = "Уровень сопровождения — установленный в деле на день закрытия (справочник «Уровни сопровождения»)."


@dataclass(frozen=True)
class DynamicsRow:
    name: str
    closed: int  # closed cases (for areas: comparisons made in the area)
    assessed: int
    positive: int
    none: int
    negative: int

    @property
    def not_assessed(self) -> int:
        return self.closed - self.assessed

    def share(self, count: int) -> float | None:
        """Percent of the assessed."""
        return None if not self.assessed else round(count * 100 / self.assessed, 1)


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str
    value: float | None


@dataclass(frozen=True)
class EffectivenessReport:
    period: Period
    total: DynamicsRow
    by_area: tuple[DynamicsRow, ...]
    by_category: tuple[DynamicsRow, ...]
    by_mode: tuple[DynamicsRow, ...]
    by_level: tuple[DynamicsRow, ...]
    average_days: float | None  # of the closed cases
    average_days_assessed: float | None
    indicators: tuple[IndicatorRow, ...]
    rule: str = RULE_TEXT


def _closed_cases(period: Period, office_ids: list[uuid.UUID] | None, district_ids: list[uuid.UUID] | None) -> Any:
    query = (select(SupportCase.id.label("case_id"), SupportCase.family_id, SupportCase.opened_on,
                    SupportCase.closed_on, SupportCase.closing_reason_id, SupportCase.support_level_id)
             .join(Family, Family.id == SupportCase.family_id)
             .where(SupportCase.closed_on.between(period.start, period.end), SupportCase.deleted_at.is_(None),
                    Family.deleted_at.is_(None)))
    if office_ids:
        query = query.where(Family.office_id.in_(office_ids))
    if district_ids:
        query = query.where(Family.district_id.in_(district_ids))
    return query.cte("closed")


def area_changes_query(closed: Any) -> Any:
    """(case_id, subject, area_id, change, steps) per case, subject (instrument and child) and area compared."""
    partition = (Assessment.case_id, Assessment.instrument_id, Assessment.person_id)
    ranked = (select(Assessment.id, Assessment.case_id, Assessment.instrument_id, Assessment.person_id,
                     func.row_number().over(partition_by=partition,
                                            order_by=(Assessment.assessed_on, Assessment.created_at)).label("rn"),
                     func.count().over(partition_by=partition).label("cnt"))
              .where(Assessment.case_id.in_(select(closed.c.case_id)), Assessment.deleted_at.is_(None))
              .cte("ranked"))
    ends = (select(ranked.c.case_id, ranked.c.instrument_id, ranked.c.person_id, AssessmentValue.criterion_id,
                   func.max(case((ranked.c.rn == 1, AssessmentValue.value))).label("first_value"),
                   func.max(case((ranked.c.rn == ranked.c.cnt, AssessmentValue.value))).label("last_value"))
            .join(AssessmentValue, AssessmentValue.assessment_id == ranked.c.id)
            .where(ranked.c.cnt > 1, or_(ranked.c.rn == 1, ranked.c.rn == ranked.c.cnt))
            .group_by(ranked.c.case_id, ranked.c.instrument_id, ranked.c.person_id, AssessmentValue.criterion_id)
            .cte("ends"))
    turned = case((AssessmentCriterion.higher_is_better, ends.c.last_value - ends.c.first_value),
                  else_=ends.c.first_value - ends.c.last_value)
    width = case((AssessmentCriterion.scale_max > AssessmentCriterion.scale_min,
                  AssessmentCriterion.scale_max - AssessmentCriterion.scale_min), else_=1)
    return (select(ends.c.case_id, ends.c.person_id, AssessmentCriterion.area_id,
                   func.avg(cast(turned, Float) / width).label("change"), func.sum(turned).label("steps"))
            .join(AssessmentCriterion, AssessmentCriterion.id == ends.c.criterion_id)
            .where(ends.c.first_value.is_not(None), ends.c.last_value.is_not(None))
            .group_by(ends.c.case_id, ends.c.instrument_id, ends.c.person_id, AssessmentCriterion.area_id)
            .cte("areas"))


def _row(name: str, case_ids: Iterable[uuid.UUID], verdicts: dict[uuid.UUID, str]) -> DynamicsRow:
    ids = list(case_ids)
    counts = Counter(verdicts[i] for i in ids if i in verdicts)
    return DynamicsRow(name, len(ids), sum(counts.values()), counts[POSITIVE], counts[NONE], counts[NEGATIVE])


def compute_effectiveness(session: Session, period: Period, *, office_ids: list[uuid.UUID] | None = None,
                          district_ids: list[uuid.UUID] | None = None) -> EffectivenessReport:
    """Build the report for `period` (a read unit of work; no permission check here: see app.reports.catalog)."""
    closed = _closed_cases(period, office_ids, district_ids)
    reason = aliased(DictionaryItem)
    cases = list(session.execute(select(closed.c.case_id, closed.c.family_id, closed.c.opened_on, closed.c.closed_on,
                                   reason.code).outerjoin(reason, reason.id == closed.c.closing_reason_id)).all())
    areas = area_changes_query(closed)
    # One pass over the areas compared (a few rows per closed case): verdicts, areas and the children's figure are
    # counted from these rows here, so the heavy part — first and last values by window functions — runs once.
    compared = session.execute(select(areas.c.case_id, areas.c.person_id, areas.c.area_id, areas.c.change,
                                      areas.c.steps)).all()
    per_case: dict[uuid.UUID, list[AreaChange]] = {}
    per_area: dict[uuid.UUID, list[int]] = {}  # area → [comparisons, better, worse]
    per_child: dict[tuple[uuid.UUID, uuid.UUID], float] = {}
    for case_id, person_id, area_id, change, steps in compared:
        per_case.setdefault(case_id, []).append(AreaChange(area_id, float(change), int(steps)))
        tally = per_area.setdefault(area_id, [0, 0, 0])
        tally[0] += 1
        tally[1] += change > EPSILON
        tally[2] += change < -EPSILON
        if person_id is not None:
            per_child[(case_id, person_id)] = per_child.get((case_id, person_id), 0.0) + float(change)
    verdicts = {case_id: dynamics.verdict for case_id, changes in per_case.items()
                if (dynamics := case_dynamics(changes)) is not None}
    all_ids = [row.case_id for row in cases]
    total = _row("Всего закрыто случаев сопровождения", all_ids, verdicts)

    by_area = []
    for area_id, instrument, area in session.execute(
            select(AssessmentArea.id, AssessmentInstrument.name, AssessmentArea.name)
            .join(AssessmentInstrument, AssessmentInstrument.id == AssessmentArea.instrument_id)
            .where(AssessmentArea.id.in_(list(per_area)))
            .order_by(AssessmentInstrument.sort_order, AssessmentInstrument.name, AssessmentArea.position)):
        count, better, worse = per_area[area_id]
        by_area.append(DynamicsRow(f"{instrument}: {area}", count, count, better, count - better - worse, worse))

    category = aliased(DictionaryItem)
    members: dict[str, list[uuid.UUID]] = {}
    order: dict[str, int] = {}
    categorised: set[uuid.UUID] = set()
    for case_id, name, sort_order in session.execute(
            select(closed.c.case_id, category.name, category.sort_order)
            .join(FamilyCategory, FamilyCategory.family_id == closed.c.family_id)
            .join(category, category.id == FamilyCategory.category_id)
            .where(FamilyCategory.started_on <= closed.c.closed_on,
                   or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= closed.c.closed_on))
            .distinct()):
        members.setdefault(name, []).append(case_id)
        order[name] = sort_order
        categorised.add(case_id)
    by_category = [_row(name, members[name], verdicts) for name in sorted(members, key=lambda n: (order[n], n))]
    uncategorised = [i for i in all_ids if i not in categorised]
    if uncategorised:
        by_category.append(_row(NO_CATEGORY, uncategorised, verdicts))

    mode = aliased(DictionaryItem)
    counts: dict[uuid.UUID, tuple[int, int, str]] = {}
    for case_id, name, sort_order, sessions in session.execute(
            select(RehabSession.case_id, mode.name, mode.sort_order, func.count())
            .join(mode, mode.id == RehabSession.delivery_mode_id)
            .where(RehabSession.case_id.in_(select(closed.c.case_id)), RehabSession.deleted_at.is_(None),
                   RehabSession.cancelled.is_(False))
            .group_by(RehabSession.case_id, mode.name, mode.sort_order)):
        if case_id is None:
            continue
        best = counts.get(case_id)
        # The mode of most sessions; a tie goes to the mode listed first in the dictionary.
        if best is None or (sessions, -sort_order) > (best[0], -best[1]):
            counts[case_id] = (sessions, sort_order, name)
    modes: dict[str, list[uuid.UUID]] = {}
    mode_order: dict[str, int] = {}
    for case_id in all_ids:
        found = counts.get(case_id)
        name = found[2] if found else NO_SESSIONS
        modes.setdefault(name, []).append(case_id)
        mode_order[name] = found[1] if found else 10**6
    by_mode = tuple(_row(name, modes[name], verdicts) for name in sorted(modes, key=lambda n: (mode_order[n], n)))

    by_level = _by_level(session, closed, verdicts)
    durations = [(row.closed_on - row.opened_on).days for row in cases]
    assessed_durations = [(row.closed_on - row.opened_on).days for row in cases if row.case_id in verdicts]
    indicators = _indicators(cases, verdicts, total, per_child)
    return EffectivenessReport(period, total, tuple(by_area), tuple(by_category), by_mode, by_level,
                               _mean(durations), _mean(assessed_durations), indicators)


def _by_level(session: Session, closed: Any, verdicts: dict[uuid.UUID, str]) -> tuple[DynamicsRow, ...]:
    """The closed cases by their level of support, in the dictionary's order; each case in exactly one row."""
    level = aliased(DictionaryItem)
    levels: dict[str, list[uuid.UUID]] = {}
    order: dict[str, int] = {}
    for case_id, name, sort_order in session.execute(
            select(closed.c.case_id, level.name, level.sort_order)
            .outerjoin(level, level.id == closed.c.support_level_id)):
        key = name or NO_LEVEL
        levels.setdefault(key, []).append(case_id)
        order[key] = sort_order if name else 10**6
    return tuple(_row(name, levels[name], verdicts) for name in sorted(levels, key=lambda n: (order[n], n)))


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _indicators(cases: list[Any], verdicts: dict[uuid.UUID, str], total: DynamicsRow,
                per_child: dict[tuple[uuid.UUID, uuid.UUID], float]) -> tuple[IndicatorRow, ...]:
    """The «комплекс мер» figures the assessments give."""
    families_positive = len({row.family_id for row in cases if verdicts.get(row.case_id) == POSITIVE})
    goals = [row for row in cases if row.code == GOALS_ACHIEVED]
    children_better = sum(1 for change in per_child.values() if change > EPSILON)
    children = per_child
    return (
        IndicatorRow("Доля случаев сопровождения с положительной динамикой (от оценённых)", "%",
                     _percent(total.positive, total.assessed)),
        IndicatorRow("Численность семей, завершивших сопровождение с положительной динамикой", "семей",
                     float(families_positive)),
        IndicatorRow("Доля случаев, закрытых в связи с достижением целей сопровождения", "%",
                     _percent(len(goals), total.closed)),
        IndicatorRow("Доля случаев, оценённых при приёме и при закрытии (не менее двух оценок)", "%",
                     _percent(total.assessed, total.closed)),
        IndicatorRow("Доля детей с улучшением функционирования (по оценке функционирования ребёнка)", "%",
                     _percent(children_better, len(children))),
    )


# --- the tables shown on screen and written to every format ------------------------------------------------

HEADERS = ("Показатель", "Закрыто", "С оценкой динамики", "Положительная", "%", "Без изменений", "%",
           "Отрицательная", "%", "Без оценки")
AREA_HEADERS = ("Область оценки", "Сравнений", "Положительная", "%", "Без изменений", "%", "Отрицательная", "%")
INDICATOR_HEADERS = ("Показатель комплекса мер", "Единица", "Значение")
SECTIONS = ("1. Итоги", "2. По областям оценки", "3. По категориям семей", "4. По формам работы",
            "5. По уровням сопровождения", "6. Показатели комплекса мер")


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",").removesuffix(",0") + " %"


def days_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",").removesuffix(",0")


def dynamics_cells(row: DynamicsRow) -> tuple[Any, ...]:
    return (row.name, row.closed, row.assessed, row.positive, percent_text(row.share(row.positive)), row.none,
            percent_text(row.share(row.none)), row.negative, percent_text(row.share(row.negative)), row.not_assessed)


def area_cells(row: DynamicsRow) -> tuple[Any, ...]:
    return (row.name, row.assessed, row.positive, percent_text(row.share(row.positive)), row.none,
            percent_text(row.share(row.none)), row.negative, percent_text(row.share(row.negative)))


def indicator_cells(row: IndicatorRow) -> tuple[Any, ...]:
    value = "—" if row.value is None else days_text(row.value)
    return (row.name, row.unit, value)


def summary_lines(report: EffectivenessReport) -> list[tuple[Any, ...]]:
    """The totals table: the overall row and the average durations (in days)."""
    blank = ("",) * (len(HEADERS) - 2)
    return [dynamics_cells(report.total),
            ("Средняя продолжительность сопровождения, дней", days_text(report.average_days), *blank),
            ("То же для случаев с оценкой динамики, дней", days_text(report.average_days_assessed), *blank)]


def report_sections(report: EffectivenessReport) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]], str]]:
    """(title, headers, rows, note under the table) of each section, in order."""
    return [
        (SECTIONS[0], HEADERS, summary_lines(report), report.rule),
        (SECTIONS[1], AREA_HEADERS, [area_cells(row) for row in report.by_area],
         "Сравнение — первая и последняя оценка области у одного ребёнка или семьи в рамках сопровождения."),
        (SECTIONS[2], HEADERS, [dynamics_cells(row) for row in report.by_category], CATEGORY_NOTE),
        (SECTIONS[3], HEADERS, [dynamics_cells(row) for row in report.by_mode], MODE_NOTE),
        (SECTIONS[4], HEADERS, [dynamics_cells(row) for row in report.by_level], LEVEL_NOTE),
        (SECTIONS[5], INDICATOR_HEADERS, [indicator_cells(row) for row in report.indicators], ""),
    ]


def effectiveness_tables(report: EffectivenessReport) -> tuple[Any, ...]:
    from app.reports.previews import PreviewTable

    return tuple(PreviewTable(title, headers, tuple(rows)) for title, headers, rows, _note in report_sections(report))
