"""Choropleth classification (mapclassify): schemes, no-data handling, class ranges."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.classify import FIXED_POVERTY_BANDS, classify_values


def test_quantiles_put_equal_counts_in_each_class():
    values = pd.Series(np.arange(1, 101, dtype=float))
    c = classify_values(values, scheme="quantiles", k=4)
    assert c.classes.value_counts().sort_index().tolist() == [25, 25, 25, 25]
    assert c.upper_bounds[-1] == 100.0


def test_natural_breaks_separate_clear_groups():
    values = pd.Series([1, 2, 3, 50, 51, 52, 90, 91], dtype=float)
    c = classify_values(values, scheme="natural_breaks", k=3)
    assert c.classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2]


def test_fixed_bands_use_the_province_milestones():
    values = pd.Series([5.0, 32.9, 33.0, 48.0, 70.0])
    c = classify_values(values, scheme="fixed_bands")
    assert c.upper_bounds == FIXED_POVERTY_BANDS
    assert c.classes.tolist() == [0, 2, 2, 3, 5]
    assert c.ranges()[2] == (20.0, 33.0)


def test_missing_values_get_no_class():
    values = pd.Series([10.0, np.nan, 30.0, 40.0])
    c = classify_values(values, scheme="quantiles", k=2)
    assert c.classes.iloc[1] == -1 and (c.classes.drop(1) >= 0).all()


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unknown scheme"):
        classify_values(pd.Series([1.0]), scheme="equal")


@given(
    st.lists(st.one_of(st.floats(0, 100), st.just(float("nan"))), min_size=1, max_size=60),
    st.sampled_from(["quantiles", "natural_breaks", "fixed_bands"]),
    st.integers(3, 7),
)
def test_every_value_falls_in_a_class_whose_range_holds_it(values, scheme, k):
    series = pd.Series(values, dtype=float)
    c = classify_values(series, scheme=scheme, k=k)
    ranges = c.ranges()
    for value, cls in zip(series, c.classes, strict=True):
        if np.isnan(value):
            assert cls == -1
        else:
            low, high = ranges[cls]
            assert low - 1e-9 <= value <= high + 1e-9


@pytest.mark.parametrize(
    ("value", "cls"),
    [
        (10.0, 0),
        (10.01, 1),
        (20.0, 1),
        (33.0, 2),
        (33.01, 3),
        (48.14, 3),
        (48.15, 4),
        (60.0, 4),
        (60.01, 5),
        (100.0, 5),
    ],
)
def test_fixed_bands_at_each_milestone(value, cls):
    # the upper bounds 10, 20, 33 (the 2020 target), 48.14 (the 2015 baseline), 60 and 100 % belong to their
    # band
    values = pd.Series([value, 100.0])
    c = classify_values(values, scheme="fixed_bands")
    assert c.upper_bounds == (10.0, 20.0, 33.0, 48.14, 60.0, 100.0)
    assert c.classes.iloc[0] == cls and c.lower_bound == 0.0


def test_fixed_bands_stop_at_the_data_and_the_last_reaches_100():
    c = classify_values(pd.Series([5.0, 33.0]), scheme="fixed_bands")
    assert c.upper_bounds == (10.0, 20.0, 100.0) and c.classes.tolist() == [0, 2]
    assert c.ranges() == [(0.0, 10.0), (10.0, 20.0), (20.0, 100.0)]
    # values above 100 (a count, not a rate): the last band reaches the largest value
    c = classify_values(pd.Series([5.0, 250.0]), scheme="fixed_bands")
    assert c.upper_bounds[-1] == 250.0 and c.classes.tolist() == [0, 6]


def test_default_is_five_quantile_classes_starting_at_the_smallest_value():
    c = classify_values(pd.Series(np.arange(11, 111, dtype=float)))
    assert c.k == 5 and c.scheme == "quantiles" and c.lower_bound == 11.0
    assert c.classes.value_counts().tolist() == [20] * 5


@pytest.mark.parametrize(("values", "k"), [([7.0, 7.0, 7.0], 1), ([7.0, 9.0, 7.0], 2), ([1.0, 2.0, 3.0], 3)])
def test_no_more_classes_than_distinct_values(values, k):
    for scheme in ("quantiles", "natural_breaks"):
        c = classify_values(pd.Series(values), scheme=scheme, k=5)
        assert c.k == k and sorted(set(c.classes)) == list(range(k)), scheme


def test_no_data_at_all_has_no_class():
    c = classify_values(pd.Series([np.nan, None]), scheme="fixed_bands")
    assert c.k == 0 and c.ranges() == [] and (c.classes == -1).all()
