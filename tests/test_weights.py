"""Tests of analysis/weights.py: the checks of the user's weights and limits, each bad value named."""

from __future__ import annotations

import math

import pytest

from analysis.weights import limit_problems, weight_problems
from geo.errors import InputError

# --- limits: a number above 0 (of 0 or more where 0 has a meaning), never text, true/false or NaN
# ---------------------------------------------------------------------------------------------------------

NOT_NUMBERS = [math.nan, math.inf, -math.inf, True, False, "30", None]


@pytest.mark.parametrize("value", [30, 30.0, 0.001, 1e9])
@pytest.mark.parametrize("zero_ok", [False, True])
def test_a_limit_above_0_is_accepted(value, zero_ok):
    assert limit_problems({"resolution_m": value}, zero_ok=zero_ok) == []


@pytest.mark.parametrize("value", [0, 0.0, -0.0])
def test_a_limit_of_exactly_0_is_accepted_only_where_0_is_allowed(value):
    assert limit_problems({"min_ha": value}, zero_ok=True) == []
    [problem] = limit_problems({"resolution_m": value})
    assert (problem.column, problem.value) == ("resolution_m", str(value))
    assert problem.en == "must be a number above 0." and problem.vi == "phải là một số lớn hơn 0."


@pytest.mark.parametrize("value", [-1, -0.001, -1e9, *NOT_NUMBERS])
@pytest.mark.parametrize("zero_ok", [False, True])
def test_a_negative_limit_or_one_that_is_not_a_number_is_named(value, zero_ok):
    [problem] = limit_problems({"max_slope_deg": value}, zero_ok=zero_ok)
    assert (problem.column, problem.value) == ("max_slope_deg", str(value))
    rule = "of 0 or more" if zero_ok else "above 0"
    assert problem.en == f"must be a number {rule}."
    assert problem.vi == ("phải là một số từ 0 trở lên." if zero_ok else "phải là một số lớn hơn 0.")


def test_every_bad_limit_is_named_and_no_good_one():
    problems = limit_problems({"a": 1.0, "b": -2.0, "c": 0, "d": 5, "e": math.nan})
    assert [(p.column, p.value) for p in problems] == [("b", "-2.0"), ("c", "0"), ("e", "nan")]
    text = InputError(problems).render("en")
    assert "column b" in text and "column c" in text and "column e" in text and "column a" not in text


# --- weights: every weight a number of 0 or more, not all 0
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        {"slope": 3.0, "road": 2, "school": 0, "health": 0.0},
        {"slope": 0, "road": 1e-9},  # one tiny weight is enough: only ratios matter
        {"slope": 10.0},
    ],
)
def test_weights_of_0_or_more_not_all_0_are_accepted(weights):
    assert weight_problems(weights) == []


@pytest.mark.parametrize("value", [-1, -0.001, *NOT_NUMBERS])
def test_a_negative_weight_or_one_that_is_not_a_number_is_named(value):
    [problem] = weight_problems({"slope": 3.0, "road": value, "school": 1.0})
    assert (problem.column, problem.value) == ("weight road", str(value))
    assert problem.en == "a weight must be a number of 0 or more (0 = leave this criterion out)."


@pytest.mark.parametrize("zero", [0, 0.0, -0.0])
def test_weights_all_0_are_refused_once(zero):
    [problem] = weight_problems({"slope": zero, "road": 0, "school": 0.0})
    assert problem.column == "weights"
    assert problem.en == "every weight is 0: give at least one criterion a weight above 0."
    assert problem.vi == "mọi trọng số đều bằng 0: hãy cho ít nhất một tiêu chí trọng số lớn hơn 0."


def test_a_bad_weight_beside_zeros_is_named_without_the_all_0_message():
    problems = weight_problems({"slope": -1.0, "road": 0, "school": math.nan})
    assert [p.column for p in problems] == ["weight slope", "weight school"]
