"""The dynamics rule of DOMAIN.md «Effectiveness»: direction, normalisation, the two-step worsening rule."""

from __future__ import annotations

import uuid

from app.effectiveness.dynamics import NEGATIVE, NONE, POSITIVE, Scale, area_changes, case_dynamics

A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def _verdict(first: dict, last: dict, scales: dict) -> str | None:
    result = case_dynamics(area_changes(first, last, scales))
    return None if result is None else result.verdict


def test_higher_is_better_and_lower_is_better_are_turned():
    family = {A: Scale(A, 1, 4, True)}
    child = {A: Scale(A, 0, 3, False)}
    assert _verdict({A: 2}, {A: 3}, family) == POSITIVE
    assert _verdict({A: 3}, {A: 2}, family) == NEGATIVE
    assert _verdict({A: 2}, {A: 1}, child) == POSITIVE  # a smaller limitation is better
    assert _verdict({A: 1}, {A: 2}, child) == NEGATIVE
    assert _verdict({A: 2}, {A: 2}, child) == NONE


def test_changes_are_normalised_by_the_scale_width():
    # +1 step on a 0–4 scale (0,25) against −1 step on a 1–4 scale (−0,33): the sum is below zero.
    scales = {A: Scale(A, 0, 4, True), B: Scale(B, 1, 4, True)}
    [first, second] = area_changes({A: 1, B: 3}, {A: 2, B: 2}, scales)
    assert (first.change, second.change) == (0.25, -1 / 3)
    assert _verdict({A: 1, B: 3}, {A: 2, B: 2}, scales) == NEGATIVE
    # Equal steps on equal scales cancel exactly: none, not a rounding error's sign.
    same = {A: Scale(A, 1, 4, True), B: Scale(B, 1, 4, True)}
    assert _verdict({A: 1, B: 3}, {A: 2, B: 2}, same) == NONE


def test_an_area_worsened_by_two_steps_keeps_a_positive_sum_from_counting():
    scales = {A: Scale(A, 1, 4, True), B: Scale(B, 1, 4, True), C: Scale(C, 1, 4, True)}
    # +3 +2 −2 steps: the sum is positive, but one area fell by two steps: none.
    assert _verdict({A: 1, B: 1, C: 4}, {A: 4, B: 3, C: 2}, scales) == NONE
    # −1 step is allowed.
    assert _verdict({A: 1, B: 1, C: 4}, {A: 4, B: 3, C: 3}, scales) == POSITIVE
    # A worsening of two steps with a negative sum is negative.
    assert _verdict({A: 4, B: 2}, {A: 2, B: 2}, scales) == NEGATIVE


def test_steps_of_an_area_are_summed_over_its_criteria():
    scales = {A: Scale(C, 1, 4, True), B: Scale(C, 1, 4, True), C: Scale(A, 1, 4, True)}
    [area, other] = area_changes({A: 3, B: 3, C: 1}, {A: 2, B: 2, C: 4}, scales)
    assert (area.steps, area.change) == (-2, -1 / 3) and (other.steps, other.change) == (3, 1.0)
    assert _verdict({A: 3, B: 3, C: 1}, {A: 2, B: 2, C: 4}, scales) == NONE


def test_only_criteria_assessed_both_times_count():
    scales = {A: Scale(A, 1, 4, True), B: Scale(B, 1, 4, True)}
    assert _verdict({A: 2}, {B: 4}, scales) is None
    assert _verdict({A: 2, B: 1}, {A: 3}, scales) == POSITIVE
