"""The dynamics of a case between its first and its last assessment (DOMAIN.md «Effectiveness»).

The rule, stated in every report (`RULE_TEXT`): for each criterion assessed both times the change is
(last − first), turned by the criterion's direction (a fall is an improvement where lower is better) and divided
by the width of its scale (max − min). An area's change is the mean of its criteria's; its change in steps is the
sum of their turned changes. A case's dynamics is positive when the sum of its areas' changes is above zero and
no area worsened by two steps or more, negative when the sum is below zero, none otherwise.

The same rule is computed in SQL by the report (app.reports.effectiveness); a test checks they agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

POSITIVE = "positive"
NONE = "none"
NEGATIVE = "negative"
VERDICT_TITLES = {POSITIVE: "положительная", NONE: "без изменений", NEGATIVE: "отрицательная"}
WORSENED_STEPS = 2  # an area that fell by this many steps or more keeps a case from counting as positive
EPSILON = 1e-9  # normalised changes are fractions: a sum of +1/3 − 1/3 must count as zero

RULE_TEXT = (
    "Динамика определяется по первой и последней оценке в рамках сопровождения: для каждого критерия — "
    "изменение балла с учётом направления шкалы (снижение — улучшение, если лучше меньший балл), делённое на "
    "ширину шкалы; изменение области — среднее по её критериям. Динамика положительная, если сумма изменений "
    "по областям больше нуля и ни одна область не ухудшилась на 2 шага и более; отрицательная, если сумма "
    "меньше нуля; в остальных случаях — без изменений.")


@dataclass(frozen=True)
class Scale:
    """A criterion's scale as the rule needs it."""

    area_id: uuid.UUID
    scale_min: int
    scale_max: int
    higher_is_better: bool

    def turned(self, first: int, last: int) -> int:
        """The change in steps, positive when better."""
        return (last - first) if self.higher_is_better else (first - last)

    @property
    def width(self) -> int:
        return max(self.scale_max - self.scale_min, 1)


@dataclass(frozen=True)
class AreaChange:
    area_id: uuid.UUID
    change: float  # normalised (−1 … +1), turned by direction
    steps: int  # turned change in steps, summed over the area's criteria

    @property
    def verdict(self) -> str:
        return POSITIVE if self.change > EPSILON else NEGATIVE if self.change < -EPSILON else NONE


@dataclass(frozen=True)
class Dynamics:
    areas: tuple[AreaChange, ...]
    total: float
    verdict: str


def area_changes(first: Mapping[uuid.UUID, int], last: Mapping[uuid.UUID, int],
                 scales: Mapping[uuid.UUID, Scale]) -> list[AreaChange]:
    """Per area, the change between two assessments' values (criterion id → step) of the same instrument."""
    sums: dict[uuid.UUID, list[float]] = {}
    steps: dict[uuid.UUID, int] = {}
    for criterion_id, before in first.items():
        after = last.get(criterion_id)
        scale = scales.get(criterion_id)
        if after is None or scale is None:
            continue
        turned = scale.turned(before, after)
        sums.setdefault(scale.area_id, []).append(turned / scale.width)
        steps[scale.area_id] = steps.get(scale.area_id, 0) + turned
    return [AreaChange(area_id, sum(values) / len(values), steps[area_id]) for area_id, values in sums.items()]


def case_dynamics(changes: Iterable[AreaChange]) -> Dynamics | None:
    """The verdict over every area compared (of every instrument and subject of the case); None when no area
    was assessed twice."""
    areas = tuple(changes)
    if not areas:
        return None
    total = sum(area.change for area in areas)
    if total > EPSILON and all(area.steps > -WORSENED_STEPS for area in areas):
        verdict = POSITIVE
    elif total < -EPSILON:
        verdict = NEGATIVE
    else:
        verdict = NONE
    return Dynamics(areas, total, verdict)
