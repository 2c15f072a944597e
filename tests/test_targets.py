"""Tests of analysis/targets.py and layers/targets.py: comparators, statuses, trajectories, gaps, poverty standards."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import targets as tg
from geo.errors import AppError, InputError
from layers import targets as lt
from layers.catalog import SURVEY_CSV

# --- comparators at and around their boundary ------------------------------------------------------------------

EPS = 1e-3


@pytest.mark.parametrize(("comparator", "target", "value", "expected"), [
    (">", "3", 3.0, False), (">", "3", 3 + EPS, True), (">", "3", 3 - EPS, False),
    (">=", "6.8", 6.8, True), (">=", "6.8", 6.8 + EPS, True), (">=", "6.8", 6.8 - EPS, False),
    ("<", "33", 33.0, False), ("<", "33", 33 - EPS, True), ("<", "33", 33 + EPS, False),
    ("<=", "10", 10.0, True), ("<=", "10", 10 - EPS, True), ("<=", "10", 10 + EPS, False),
    ("=", "100", 100.0, True), ("=", "100", 100 - EPS, False), ("=", "100", 100 + EPS, False),
    ("=", "100", 100 * 129 / 129, True),
    ("range", "1800-2000", 1800.0, True), ("range", "1800-2000", 2000.0, True), ("range", "1800-2000", 1900.0, True),
    ("range", "1800-2000", 1800 - EPS, False), ("range", "1800-2000", 2000 + EPS, False),
])
def test_comparator_at_and_around_boundary(comparator, target, value, expected):
    assert tg.meets_target(value, comparator, target) is expected
    status = tg.judge_status(value, comparator, target, measured_year=2020, target_year=2020)
    assert status == ("met" if expected else "off_track")


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_missing_value_is_no_data_never_zero(missing):
    assert tg.meets_target(missing, "<", "33") is None
    assert tg.judge_status(missing, "<", "33", measured_year=2020, target_year=2020) == "no_data"
    # zero would meet "< 33": a missing value must not be read as zero
    assert tg.judge_status(0.0, "<", "33", measured_year=2020, target_year=2020) == "met"
    assert math.isnan(tg.shortfall(missing, "<", "33"))


@pytest.mark.parametrize(("comparator", "target"), [("~", "3"), ("<", "abc"), ("range", "2000-1800"), ("range", "12")])
def test_bad_comparator_or_target_raises_input_error(comparator, target):
    with pytest.raises(InputError) as info:
        tg.parse_target(comparator, target)
    assert isinstance(info.value, AppError)
    assert info.value.render("vi") and info.value.render("en") != info.value.render("vi")


@given(value=st.floats(-1e6, 1e6, allow_nan=False), target=st.floats(-1e6, 1e6, allow_nan=False))
def test_strict_and_loose_comparators_are_complements(value, target):
    assert tg.meets_target(value, ">", target) is not tg.meets_target(value, "<=", target)
    assert tg.meets_target(value, "<", target) is not tg.meets_target(value, ">=", target)
    for comparator in (">=", "<=", "range"):
        text = f"{target}-{target}" if comparator == "range" and target >= 0 else target
        if comparator == "range" and target < 0:
            continue
        assert (tg.shortfall(value, comparator, text) == 0) is tg.meets_target(value, comparator, text)


# --- trajectories, worked out by hand ----------------------------------------------------------------------------

def test_poverty_2018_real_figures_are_on_track():
    # 48.14 (2015) -> 37.08 (2018): -11.06 in 3 years = -3.6867/yr; 2020: 37.08 - 2 * 3.6867 = 29.7067 < 33
    assert tg.project_to_year(48.14, 2015, 37.08, 2018, 2020) == pytest.approx(29.706667, abs=1e-5)
    assert tg.judge_status(37.08, "<", "33", measured_year=2018, target_year=2020, baseline=48.14,
                           baseline_year=2015) == "on_track"


def test_slow_fall_is_off_track():
    # 48.14 -> 44.0 in 3 years = -1.38/yr; 2020: 41.24, not < 33
    assert tg.project_to_year(48.14, 2015, 44.0, 2018, 2020) == pytest.approx(41.24)
    assert tg.judge_status(44.0, "<", "33", measured_year=2018, target_year=2020, baseline=48.14,
                           baseline_year=2015) == "off_track"


def test_trajectory_landing_exactly_on_a_strict_target_is_off_track():
    # 48 -> 39 in 3 years = -3/yr; 2020: exactly 33: not "< 33" but "<= 33"
    kwargs = {"measured_year": 2018, "target_year": 2020, "baseline": 48.0, "baseline_year": 2015}
    assert tg.judge_status(39.0, "<", "33", **kwargs) == "off_track"
    assert tg.judge_status(39.0, "<=", "33", **kwargs) == "on_track"


def test_equal_target_on_track_when_line_reaches_it():
    # 60 % (2015) -> 90 % (2018): +10/yr, reaches 100 % in 2019: on track (the line's 110 % cannot happen)
    assert tg.judge_status(90.0, "=", "100", measured_year=2018, target_year=2020, baseline=60.0,
                           baseline_year=2015) == "on_track"
    # 60 -> 70: +3.33/yr, 76.7 % in 2020
    assert tg.judge_status(70.0, "=", "100", measured_year=2018, target_year=2020, baseline=60.0,
                           baseline_year=2015) == "off_track"


def test_status_without_baseline_or_after_target_year():
    assert tg.judge_status(37.0, "<", "33", measured_year=2018, target_year=2020) == "off_track"
    assert tg.judge_status(34.0, "<", "33", measured_year=2020, target_year=2020, baseline=60.0,
                           baseline_year=2015) == "off_track"
    assert tg.judge_status(30.0, "<", "33", measured_year=2017, target_year=2020) == "met"


def test_average_yearly_fall_and_target_path():
    assert tg.average_yearly_fall(48.14, 2015, 33.05, 2019) == pytest.approx(15.09 / 4)
    assert math.isnan(tg.average_yearly_fall(48.14, 2015, 48.14, 2015))
    path = tg.target_path(48.14, 2015, 33.0, 2020)
    assert path["year"].tolist() == [2015, 2016, 2017, 2018, 2019, 2020]
    assert path["value"].iloc[0] == pytest.approx(48.14)
    assert path["value"].iloc[-1] == pytest.approx(33.0)
    assert path["value"].diff().dropna().tolist() == pytest.approx([-15.14 / 5] * 5)


def test_gap_contributions_weighted_by_households():
    rows = pd.DataFrame({"unit_code": ["A", "B", "C", "D"], "unit_name": ["a", "b", "c", "d"],
                         "measured": [50.0, 30.0, 40.0, float("nan")], "weight": [100.0, 300.0, 100.0, 900.0]})
    gap = tg.gap_contributions(rows, comparator="<", target_value="33")
    # total weight with data 500; A: 17 * 100/500 = 3.4; C: 7 * 100/500 = 1.4; B below target: 0; D no data: left out
    assert gap["unit_code"].tolist() == ["A", "C", "B"]
    assert gap["gap_points"].tolist() == pytest.approx([3.4, 1.4, 0.0])
    assert gap["share_of_gap"].tolist() == pytest.approx([3.4 / 4.8, 1.4 / 4.8, 0.0])


# --- measuring from hand-built frames -----------------------------------------------------------------------------

def _communes_years() -> pd.DataFrame:
    rows = []
    # (code, district_code, households, poor 2015, poor 2020, grid households 2020, health 2020, schools 2020)
    for code, dist, hh, p15, p20, grid, health, schools in (
            ("c1", "096", 100, 70.0, 40.0, 80, True, 50.0),     # 30a district
            ("c2", "096", 300, 60.0, 42.0, 300, False, 20.0),   # 30a district
            ("c3", "094", 600, 30.0, 20.0, 600, True, 80.0),
            ("c4", "094", 200, 40.0, float("nan"), 190, None, 40.0)):
        for year, poor in ((2015, p15), (2020, p20)):
            rows.append({"unit_code": code, "unit_name": code.upper(), "district_code": dist,
                         "district": "D" + dist, "year": year, "households": hh, "poor_hh_rate_pct": poor,
                         "hh_with_grid_power": grid, "health_station_national_standard": health,
                         "schools_national_standard_pct": schools})
    return pd.DataFrame(rows)


def _flags() -> pd.DataFrame:
    return pd.DataFrame({"unit_id": ["c1", "c2", "c3", "c4"], "commune": ["C1", "C2", "C3", "C4"],
                         "district_code": ["096", "096", "094", "094"], "district": ["D096", "D096", "D094", "D094"],
                         "lacks_allseason_road": [True, False, False, False], "lacks_grid": [True, True, False, False]})


def _targets() -> pd.DataFrame:
    return lt.load_targets()


def _measure(level: str, **kwargs) -> pd.DataFrame:
    return tg.measure_indicators(level=level, year=2020, communes_years=_communes_years(), flags=_flags(),
                                 poor_districts=("096",), **kwargs)


def _value(frame: pd.DataFrame, indicator_id: str, unit_code: str = tg.PROVINCE_CODE) -> pd.Series:
    hit = frame[(frame["indicator_id"] == indicator_id) & (frame["unit_code"] == unit_code)]
    assert len(hit) == 1, (indicator_id, unit_code)
    return hit.iloc[0]


def test_province_measures_weighted_by_households():
    measured = _measure("province")
    # 2020 rate over communes with a rate: (100*40 + 300*42 + 600*20) / 1000 = 28.6
    # 2015 over all four: (7000 + 18000 + 18000 + 8000) / 1200 = 42.5; fall (42.5 - 28.6) / 5 = 2.78
    assert _value(measured, "poverty_rate")["measured"] == pytest.approx(28.6)
    assert _value(measured, "poverty_rate")["baseline"] == pytest.approx(42.5)
    assert _value(measured, "poverty_reduction_province")["measured"] == pytest.approx(2.78)
    # 30a districts combined: 2015 (7000 + 18000)/400 = 62.5; 2020 (4000 + 12600)/400 = 41.5; fall 21/5 = 4.2
    assert _value(measured, "poverty_reduction_poor_districts")["measured"] == pytest.approx(4.2)
    # grid households / households: 1170 / 1200
    assert _value(measured, "households_electricity")["measured"] == pytest.approx(100 * 1170 / 1200)
    # health: 2 yes of 3 answers (c4 unanswered); schools: mean of 50, 20, 80, 40
    assert _value(measured, "commune_health_criteria")["measured"] == pytest.approx(200 / 3)
    assert _value(measured, "schools_national_standard")["measured"] == pytest.approx(47.5)
    assert _value(measured, "commune_allseason_road")["measured"] == pytest.approx(75.0)
    assert _value(measured, "commune_grid")["measured"] == pytest.approx(50.0)
    assert measured["illustrative"].all()


def test_district_level_and_poor_district_rows():
    measured = _measure("district")
    assert _value(measured, "poverty_rate", "096")["measured"] == pytest.approx(41.5)
    assert _value(measured, "commune_grid", "096")["measured"] == pytest.approx(0.0)
    poor = measured[measured["indicator_id"] == "poverty_reduction_poor_districts"]
    assert poor["unit_code"].tolist() == ["096"]


def test_real_figure_preferred_at_province_level_when_the_year_has_one():
    real = pd.DataFrame({"year": [2015, 2020], "value": [48.14, 31.5], "source": ["src15", "src20"]})
    measured = _measure("province", real_rates=real)
    rate = _value(measured, "poverty_rate")
    assert rate["measured"] == pytest.approx(31.5) and not rate["illustrative"]
    assert "real" in rate["source_en"] and "src20" in rate["source_en"]
    assert _value(measured, "poverty_reduction_province")["measured"] == pytest.approx((48.14 - 31.5) / 5)
    # a year without a real figure keeps the (illustrative) survey value
    no_year = _measure("province", real_rates=real[real["year"] == 2015])
    assert _value(no_year, "poverty_rate")["illustrative"]


def test_scorecard_reports_no_data_never_zero():
    targets = _targets()
    units = pd.DataFrame({"unit_code": ["c1", "c2", "c3", "c4"], "unit_name": ["C1", "C2", "C3", "C4"]})
    card = tg.build_scorecard(targets, _measure("commune"), level="commune", units=units)
    assert set(card["status"]) <= set(tg.STATUSES)
    # commune c4 has no 2020 poverty rate: no data, measured empty
    c4 = card[(card["indicator_id"] == "poverty_rate") & (card["unit_code"] == "c4")].iloc[0]
    assert c4["status"] == "no_data" and math.isnan(c4["measured"])
    # an indicator nobody measures: one no_data row per unit with a note of the data needed
    tv = card[card["indicator_id"] == "households_tv"]
    assert len(tv) == 4 and (tv["status"] == "no_data").all() and tv["measured"].isna().all()
    assert tv["source_en"].str.contains(tg.DATA_NEEDED["households_tv"][1], regex=False).all()
    # every target row appears; measured values are judged with their own comparator
    assert set(card["indicator_id"]) == set(targets["indicator_id"])
    c1 = card[(card["indicator_id"] == "poverty_rate") & (card["unit_code"] == "c1")].iloc[0]
    assert c1["status"] == tg.judge_status(40.0, "<", "33", measured_year=2020, target_year=2020)


def test_who_holds_back_ranks_communes_by_gap():
    targets = _targets()
    units = pd.DataFrame({"unit_code": ["c1", "c2", "c3", "c4"], "unit_name": ["C1", "C2", "C3", "C4"]})
    card = tg.build_scorecard(targets, _measure("commune"), level="commune", units=units)
    gap = tg.who_holds_back(card, "poverty_rate")
    # c2: (42 - 33) * 300 / 1000 = 2.7; c1: 7 * 100 / 1000 = 0.7; c3 meets; c4 no data
    assert gap["unit_code"].tolist() == ["c2", "c1", "c3"]
    assert gap["gap_points"].tolist() == pytest.approx([2.7, 0.7, 0.0])


# --- layers/targets: targets file and the real series by poverty standard ---------------------------------------

def test_targets_file_reads_and_every_row_parses():
    targets = lt.load_targets()
    assert targets["comparator"].isin(tg.COMPARATORS).all()
    for _, row in targets.iterrows():
        tg.parse_target(row["comparator"], row["target_value"])


def test_bad_targets_file_names_every_bad_row(tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text("indicator_id,comparator,target_value,target_year\na,<,33,2020\nb,~,3,2020\nc,range,x,2020\n",
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        lt.load_targets(str(bad))
    rows = [p.row for p in info.value.problems]
    assert rows == [3, 4]


def test_real_series_keeps_poverty_standards_apart():
    rates = lt.load_provincial_poverty_rates()
    assert not rates.duplicated(["standard", "year"]).any()
    on_2016 = lt.rates_on_standard(rates, lt.STANDARD_2016)
    assert (on_2016["standard"] == lt.STANDARD_2016).all()
    assert on_2016["poverty_standard"].str.startswith("2016-2020").all()
    # 2015: 48.14 is the 2016-2020 baseline; GSO's 29.1 for the same year is not on that standard
    assert on_2016.loc[on_2016["year"] == 2015, "value"].tolist() == [48.14]
    gso_2015 = rates[(rates["year"] == 2015) & (rates["standard"] == lt.STANDARD_GSO)]["value"].tolist()
    assert gso_2015 == [29.1]
    assert 29.1 not in on_2016["value"].tolist()
    # each standard is one series on the chart, the target path another
    chart = lt.poverty_chart_frame(rates, baseline_value=48.14, baseline_year=2015, target_value=33, target_year=2020,
                                   lang="en")
    real = chart[chart["kind"] == "real"].merge(rates, on=["year", "value"])
    assert real.groupby("series")["standard"].nunique().max() == 1
    assert (chart["kind"] == "target").sum() == 6


@pytest.mark.parametrize(("text", "indicator", "expected"), [
    ("2016-2020 multidimensional (QĐ 59/2015/QĐ-TTg)", "poverty_rate_households", lt.STANDARD_2016),
    ("2011-2015 income standard", "poverty_rate_households", lt.STANDARD_2011),
    ("2022-2025 multidimensional", "poverty_rate_households", lt.STANDARD_2022),
    ("as published by GSO; poverty line changes", "poverty_rate_households (GSO series)", lt.STANDARD_GSO),
    ("GSO multidimensional poverty rate", "multidimensional_poverty_rate", lt.STANDARD_OTHER),
    ("not stated", "poverty_rate (approx.)", lt.STANDARD_OTHER),
])
def test_standard_period(text, indicator, expected):
    assert lt.standard_period(text, indicator) == expected


@pytest.mark.skipif(not SURVEY_CSV.exists(), reason="illustrative survey not generated yet")
def test_real_survey_province_rate_matches_real_series():
    from layers.indicators import load_survey

    survey = load_survey().rename(columns={"gso_code": "unit_code", "commune": "unit_name"})
    summary = tg.summarise_survey(survey, level="province").set_index("year")
    real = lt.rates_on_standard(lt.load_provincial_poverty_rates()).set_index("year")["value"]
    for year, value in real.items():
        if year in summary.index:
            assert summary.at[year, "poor_hh_rate_pct"] == pytest.approx(value, abs=0.01)


def test_baseline_year_has_no_fall_but_keeps_the_real_rate():
    real = pd.DataFrame({"year": [2015], "value": [48.14], "source": ["src15"]})
    rows = _communes_years()
    measured = tg.measure_indicators(level="province", year=2015, communes_years=rows, flags=_flags(),
                                     real_rates=real, poor_districts=("096",))
    assert _value(measured, "poverty_rate")["measured"] == pytest.approx(48.14)
    assert not _value(measured, "poverty_rate")["illustrative"]
    assert not measured["indicator_id"].str.startswith("poverty_reduction").any()
    units = pd.DataFrame({"unit_code": [tg.PROVINCE_CODE], "unit_name": [tg.PROVINCE_NAME]})
    card = tg.build_scorecard(_targets(), measured, level="province", units=units)
    fall = card[card["indicator_id"] == "poverty_reduction_province"].iloc[0]
    assert fall["status"] == "no_data" and math.isnan(fall["measured"])
    assert tg.DATA_NEEDED["poverty_reduction_province"][0] in fall["source_vi"]


# --- the page's chart: one line per standard, rules where the standard changes ---------------------------------

def test_poverty_chart_draws_each_standard_apart_and_marks_changes():
    import types

    from ui.context import PageContext
    from ui.page_scorecard import poverty_chart

    rates = lt.load_provincial_poverty_rates()
    target = lt.load_targets().set_index("indicator_id").loc["poverty_rate"]
    spec = poverty_chart(PageContext(lang="en"), types.SimpleNamespace(poverty_rates=rates), target).to_dict()
    datasets = list(spec["datasets"].values())
    rules = next(d for d in datasets if "label" in d[0])
    assert [r["year"] for r in rules] == [y - 0.5 for y in lt.STANDARD_CHANGES]
    lines = pd.DataFrame(next(d for d in datasets if "series" in d[0]))
    real = lines[lines["kind"] == "real"]
    assert real["series"].nunique() == rates["standard"].nunique()
    assert len(real) == len(rates)
    path = lines[lines["kind"] == "target"].sort_values("year")
    assert path["value"].iloc[0] == pytest.approx(float(target["baseline_value"]))
    assert path["value"].iloc[-1] == pytest.approx(float(target["target_value"]))


@pytest.mark.skipif(not SURVEY_CSV.exists(), reason="illustrative survey not generated yet")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_scorecard_page_renders_without_exception(tmp_path, lang):
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "page.py"
    script.write_text("from ui.context import PageContext\nfrom ui import page_scorecard\n"
                      f"page_scorecard.render(PageContext(lang={lang!r}, units='pre2025', year=2019))\n", encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    from ui.page_scorecard import STRINGS

    assert labels == [STRINGS[s][1 if lang == "en" else 0] for s in tg.STATUSES]
    assert sum(int(m.value) for m in at.metric) == len(lt.load_targets())
    at.radio(key="sc_level").set_value("district").run()
    assert not at.exception
