"""Tests of analysis/targets.py and layers/targets.py: comparators, statuses, trajectories, gaps, poverty
standards."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import targets as tg
from geo.errors import AppError, InputError
from geo.messages import msg
from layers import targets as lt
from layers.catalog import SURVEY_CSV
from layers.targets import describe_sources

# --- comparators at and around their boundary
# ------------------------------------------------------------------

EPS = 1e-3


@pytest.mark.parametrize(
    ("comparator", "target", "value", "expected"),
    [
        (">", "3", 3.0, False),
        (">", "3", 3 + EPS, True),
        (">", "3", 3 - EPS, False),
        (">=", "6.8", 6.8, True),
        (">=", "6.8", 6.8 + EPS, True),
        (">=", "6.8", 6.8 - EPS, False),
        ("<", "33", 33.0, False),
        ("<", "33", 33 - EPS, True),
        ("<", "33", 33 + EPS, False),
        ("<=", "10", 10.0, True),
        ("<=", "10", 10 - EPS, True),
        ("<=", "10", 10 + EPS, False),
        ("=", "100", 100.0, True),
        ("=", "100", 100 - EPS, False),
        ("=", "100", 100 + EPS, False),
        ("=", "100", 100 * 129 / 129, True),
        ("range", "1800-2000", 1800.0, True),
        ("range", "1800-2000", 2000.0, True),
        ("range", "1800-2000", 1900.0, True),
        ("range", "1800-2000", 1800 - EPS, False),
        ("range", "1800-2000", 2000 + EPS, False),
    ],
)
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


@pytest.mark.parametrize(
    ("comparator", "target"),
    [("~", "3"), ("<", "abc"), ("range", "2000-1800"), ("range", "12"), ("range", "90-"), ("range", "1e5-")],
)
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


# --- trajectories, worked out by hand
# ----------------------------------------------------------------------------


def test_poverty_2018_real_figures_are_on_track():
    # 48.14 (2015) -> 37.08 (2018): -11.06 in 3 years = -3.6867/yr; 2020: 37.08 - 2 * 3.6867 = 29.7067 < 33
    assert tg.project_to_year(48.14, 2015, 37.08, 2018, 2020) == pytest.approx(29.706667, abs=1e-5)
    assert (
        tg.judge_status(
            37.08, "<", "33", measured_year=2018, target_year=2020, baseline=48.14, baseline_year=2015
        )
        == "on_track"
    )


def test_slow_fall_is_off_track():
    # 48.14 -> 44.0 in 3 years = -1.38/yr; 2020: 41.24, not < 33
    assert tg.project_to_year(48.14, 2015, 44.0, 2018, 2020) == pytest.approx(41.24)
    assert (
        tg.judge_status(
            44.0, "<", "33", measured_year=2018, target_year=2020, baseline=48.14, baseline_year=2015
        )
        == "off_track"
    )


def test_trajectory_landing_exactly_on_a_strict_target_is_off_track():
    # 48 -> 39 in 3 years = -3/yr; 2020: exactly 33: not "< 33" but "<= 33"
    kwargs = {"measured_year": 2018, "target_year": 2020, "baseline": 48.0, "baseline_year": 2015}
    assert tg.judge_status(39.0, "<", "33", **kwargs) == "off_track"
    assert tg.judge_status(39.0, "<=", "33", **kwargs) == "on_track"


def test_equal_target_on_track_when_line_reaches_it():
    # 60 % (2015) -> 90 % (2018): +10/yr, reaches 100 % in 2019: on track (the line's 110 % cannot happen)
    assert (
        tg.judge_status(
            90.0, "=", "100", measured_year=2018, target_year=2020, baseline=60.0, baseline_year=2015
        )
        == "on_track"
    )
    # 60 -> 70: +3.33/yr, 76.7 % in 2020
    assert (
        tg.judge_status(
            70.0, "=", "100", measured_year=2018, target_year=2020, baseline=60.0, baseline_year=2015
        )
        == "off_track"
    )


def test_status_without_baseline_or_after_target_year():
    assert tg.judge_status(37.0, "<", "33", measured_year=2018, target_year=2020) == "off_track"
    assert (
        tg.judge_status(
            34.0, "<", "33", measured_year=2020, target_year=2020, baseline=60.0, baseline_year=2015
        )
        == "off_track"
    )
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
    rows = pd.DataFrame(
        {
            "unit_code": ["A", "B", "C", "D"],
            "unit_name": ["a", "b", "c", "d"],
            "measured": [50.0, 30.0, 40.0, float("nan")],
            "weight": [100.0, 300.0, 100.0, 900.0],
        }
    )
    gap = tg.gap_contributions(rows, comparator="<", target_value="33")
    # total weight with data 500; A: 17 * 100/500 = 3.4; C: 7 * 100/500 = 1.4; B below target: 0; D no data:
    # left out
    assert gap["unit_code"].tolist() == ["A", "C", "B"]
    assert gap["gap_points"].tolist() == pytest.approx([3.4, 1.4, 0.0])
    assert gap["share_of_gap"].tolist() == pytest.approx([3.4 / 4.8, 1.4 / 4.8, 0.0])


# --- measuring from hand-built frames
# -----------------------------------------------------------------------------


def _communes_years() -> pd.DataFrame:
    rows = []
    # (code, district_code, households, poor 2015, poor 2020, grid households 2020, health 2020, schools 2020)
    for code, dist, hh, p15, p20, grid, health, schools in (
        ("c1", "096", 100, 70.0, 40.0, 80, True, 50.0),  # 30a district
        ("c2", "096", 300, 60.0, 42.0, 300, False, 20.0),  # 30a district
        ("c3", "094", 600, 30.0, 20.0, 600, True, 80.0),
        ("c4", "094", 200, 40.0, float("nan"), 190, None, 40.0),
    ):
        for year, poor in ((2015, p15), (2020, p20)):
            rows.append(
                {
                    "unit_code": code,
                    "unit_name": code.upper(),
                    "district_code": dist,
                    "district": "D" + dist,
                    "year": year,
                    "households": hh,
                    "poor_hh_rate_pct": poor,
                    "hh_with_grid_power": grid,
                    "health_station_national_standard": health,
                    "schools_national_standard_pct": schools,
                }
            )
    return pd.DataFrame(rows)


def _flags() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["c1", "c2", "c3", "c4"],
            "commune": ["C1", "C2", "C3", "C4"],
            "district_code": ["096", "096", "094", "094"],
            "district": ["D096", "D096", "D094", "D094"],
            "lacks_allseason_road": [True, False, False, False],
            "lacks_grid": [True, True, False, False],
        }
    )


def _targets() -> pd.DataFrame:
    return lt.load_targets()


def _measure(level: str, **kwargs) -> pd.DataFrame:
    inputs = {"communes_years": _communes_years(), "flags": _flags(), "poor_districts": ("096",), **kwargs}
    return tg.measure_indicators(tg.MeasureInputs(**inputs), level=level, year=2020)


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


def test_30a_districts_without_a_surveyed_commune_give_no_30a_figure():
    """The 30a districts named have no commune in the survey: no poor-district fall is measured (not a 0 nor
    an error), and the province's own figures are as without them."""
    measured = tg.measure_indicators(
        tg.MeasureInputs(communes_years=_communes_years(), poor_districts=("099",)),
        level="province",
        year=2020,
    )
    assert "poverty_reduction_poor_districts" not in set(measured["indicator_id"])
    assert _value(measured, "poverty_reduction_province")["measured"] == pytest.approx(2.78)


def test_real_figure_preferred_at_province_level_when_the_year_has_one():
    real = pd.DataFrame({"year": [2015, 2020], "value": [48.14, 31.5], "source": ["src15", "src20"]})
    measured = _measure("province", real_rates=real)
    rate = _value(measured, "poverty_rate")
    assert rate["measured"] == pytest.approx(31.5) and not rate["illustrative"]
    assert (rate["source_kind"], rate["source_cite"]) == ("real_rate", "src20")
    worded = describe_sources(measured.assign(no_data_for_unit=False), survey=None, flags_illustrative=True)
    assert _value(worded, "poverty_rate")["source_en"].startswith("real: household poverty review 2020")
    assert "src20" in _value(worded, "poverty_rate")["source_vi"]
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
    assert (tv["source_kind"] == "needs_data").all()
    worded = describe_sources(tv, survey=None, flags_illustrative=True)
    assert (worded["source_en"] == "no data: " + msg("sc_needs_households_tv", "en")).all()
    # every target that exists per commune appears; measured values are judged with their own comparator
    assert {"poverty_rate", "commune_grid", "households_tv", "commune_new_rural"} <= set(card["indicator_id"])
    c1 = card[(card["indicator_id"] == "poverty_rate") & (card["unit_code"] == "c1")].iloc[0]
    assert c1["status"] == tg.judge_status(40.0, "<", "33", measured_year=2020, target_year=2020)


@pytest.mark.parametrize(
    ("level", "present", "absent"),
    [
        (
            "province",
            {
                "grdp_growth",
                "new_jobs",
                "doctors_per_10k",
                "poverty_rate",
                "poverty_reduction_poor_districts",
            },
            set(),
        ),
        (
            "district",
            {
                "doctors_per_10k",
                "poverty_rate",
                "district_roads_hardened",
                "poverty_reduction_poor_districts",
            },
            {"grdp_growth", "gdp_per_capita", "new_jobs", "vocational_training", "trained_labour_share"},
        ),
        (
            "commune",
            {"poverty_rate", "commune_grid", "households_electricity", "schools_national_standard"},
            {
                "grdp_growth",
                "gdp_per_capita",
                "new_jobs",
                "vocational_training",
                "doctors_per_10k",
                "district_roads_hardened",
                "poverty_reduction_poor_districts",
            },
        ),
    ],
)
def test_each_indicator_only_at_the_levels_where_it_exists(level, present, absent):
    """A province-only figure is not repeated as "no data" for every district or commune (issue 14, item
    8)."""
    targets = lt.load_targets()
    units = pd.DataFrame({"unit_code": ["u1", "u2"], "unit_name": ["U1", "U2"]})
    card = tg.build_scorecard(targets, _measure("commune").iloc[0:0], level=level, units=units)
    assert present <= set(card["indicator_id"]) and not absent & set(card["indicator_id"])
    # every target of the embedded file has its levels stated (none falls to the province-only default
    # unnoticed)
    assert set(targets["indicator_id"]) <= set(tg.INDICATOR_LEVELS)
    assert all(
        set(levels) <= set(tg.LEVELS) and "province" in levels for levels in tg.INDICATOR_LEVELS.values()
    )


def test_who_holds_back_ranks_communes_by_gap():
    targets = _targets()
    units = pd.DataFrame({"unit_code": ["c1", "c2", "c3", "c4"], "unit_name": ["C1", "C2", "C3", "C4"]})
    card = tg.build_scorecard(targets, _measure("commune"), level="commune", units=units)
    gap = tg.who_holds_back(card, "poverty_rate")
    # c2: (42 - 33) * 300 / 1000 = 2.7; c1: 7 * 100 / 1000 = 0.7; c3 meets; c4 no data
    assert gap["unit_code"].tolist() == ["c2", "c1", "c3"]
    assert gap["gap_points"].tolist() == pytest.approx([2.7, 0.7, 0.0])


# --- layers/targets: targets file and the real series by poverty standard
# ---------------------------------------


def test_targets_file_reads_and_every_row_parses():
    targets = lt.load_targets()
    assert targets["comparator"].isin(tg.COMPARATORS).all()
    for _, row in targets.iterrows():
        tg.parse_target(row["comparator"], row["target_value"])


def test_bad_targets_file_names_every_bad_row(tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text(
        "indicator_id,comparator,target_value,target_year\na,<,33,2020\nb,~,3,2020\nc,range,x,2020\n",
        encoding="utf-8",
    )
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
    chart = lt.poverty_chart_frame(
        rates, baseline_value=48.14, baseline_year=2015, target_value=33, target_year=2020, lang="en"
    )
    real = chart[chart["kind"] == "real"].merge(rates, on=["year", "value"])
    assert real.groupby("series")["standard"].nunique().max() == 1
    assert (chart["kind"] == "target").sum() == 6


@pytest.mark.parametrize(
    ("text", "indicator", "expected"),
    [
        ("2016-2020 multidimensional (QĐ 59/2015/QĐ-TTg)", "poverty_rate_households", lt.STANDARD_2016),
        ("2011-2015 income standard", "poverty_rate_households", lt.STANDARD_2011),
        ("2022-2025 multidimensional", "poverty_rate_households", lt.STANDARD_2022),
        (
            "as published by GSO; poverty line changes",
            "poverty_rate_households (GSO series)",
            lt.STANDARD_GSO,
        ),
        ("GSO multidimensional poverty rate", "multidimensional_poverty_rate", lt.STANDARD_OTHER),
        ("not stated", "poverty_rate (approx.)", lt.STANDARD_OTHER),
    ],
)
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
    measured = tg.measure_indicators(
        tg.MeasureInputs(communes_years=rows, flags=_flags(), real_rates=real, poor_districts=("096",)),
        level="province",
        year=2015,
    )
    assert _value(measured, "poverty_rate")["measured"] == pytest.approx(48.14)
    assert not _value(measured, "poverty_rate")["illustrative"]
    assert not measured["indicator_id"].str.startswith("poverty_reduction").any()
    units = pd.DataFrame({"unit_code": [tg.PROVINCE_CODE], "unit_name": [tg.PROVINCE_NAME]})
    card = tg.build_scorecard(_targets(), measured, level="province", units=units)
    fall = card[card["indicator_id"] == "poverty_reduction_province"].iloc[0]
    assert fall["status"] == "no_data" and math.isnan(fall["measured"])
    worded = describe_sources(card, survey=None, flags_illustrative=True).set_index("indicator_id")
    assert msg("sc_needs_poverty_reduction_province") in worded.at["poverty_reduction_province", "source_vi"]


# --- the page's chart: one line per standard, rules where the standard changes
# ---------------------------------


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
    script.write_text(
        "from ui.context import PageContext\nfrom ui import page_scorecard\n"
        f"page_scorecard.render(PageContext(lang={lang!r}, units='pre2025', year=2019))\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == [msg(f"sc_{s}", lang) for s in tg.STATUSES]
    assert sum(int(m.value) for m in at.metric) == len(lt.load_targets())
    at.radio(key="sc_level").set_value("district").run()
    assert not at.exception


# --- hand-worked scorecards: three survey years, each with its own values
# --------------------------------------------


def three_years() -> pd.DataFrame:
    """c1, c2 in the 30a district 096; c3 in 094.  Every year's figures differ, so reading another year
    shows."""
    rows = []
    # (code, district, year, households, poor %, grid households, health station at standard, schools at
    # standard %)
    for code, dist, year, hh, poor, grid, health, schools in (
        ("c1", "096", 2015, 100, 70.0, 50, False, 10.0),
        ("c2", "096", 2015, 300, 60.0, 240, False, 20.0),
        ("c3", "094", 2015, 600, 30.0, 540, True, 60.0),
        ("c1", "096", 2018, 110, 55.0, 90, True, 30.0),
        ("c2", "096", 2018, 300, 50.0, 270, False, 30.0),
        ("c3", "094", 2018, 600, 25.0, 570, True, 70.0),
        ("c1", "096", 2020, 120, 40.0, 114, True, 50.0),
        ("c2", "096", 2020, 300, 36.0, 300, None, 40.0),
        ("c3", "094", 2020, 580, 20.0, 580, True, 90.0),
    ):
        rows.append(
            {
                "unit_code": code,
                "unit_name": code.upper(),
                "district_code": dist,
                "district": "D" + dist,
                "year": year,
                "households": hh,
                "poor_hh_rate_pct": poor,
                "hh_with_grid_power": grid,
                "health_station_national_standard": health,
                "schools_national_standard_pct": schools,
            }
        )
    return pd.DataFrame(rows)


def flags_of(road: list[bool], grid: list[bool]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["c1", "c2", "c3"],
            "commune": ["C1", "C2", "C3"],
            "district_code": ["096", "096", "094"],
            "district": ["D096", "D096", "D094"],
            "lacks_allseason_road": road,
            "lacks_grid": grid,
        }
    )


FLAGS_2020 = flags_of([True, False, False], [False, True, False])
FLAGS_2015 = flags_of([True, True, False], [True, True, False])


def measured_values(level: str, year: int, **kwargs) -> dict[tuple[str, str], tuple]:
    inputs = tg.MeasureInputs(
        communes_years=three_years(), flags=FLAGS_2020, flags_baseline=FLAGS_2015, poor_districts=("096",)
    )
    frame = tg.measure_indicators(dataclasses.replace(inputs, **kwargs), level=level, year=year)
    assert not frame.duplicated(["indicator_id", "unit_code"]).any()
    return {
        (r.indicator_id, r.unit_code): (r.measured, r.baseline, r.measured_year, r.illustrative)
        for r in frame.itertuples()
    }


def test_province_2020_by_hand():
    got = measured_values("province", 2020)
    p = tg.PROVINCE_CODE
    # poor: (120*40 + 300*36 + 580*20) / 1000 = 27.2; 2015: (100*70 + 300*60 + 600*30) / 1000 = 43.0
    assert got["poverty_rate", p][:3] == pytest.approx((27.2, 43.0, 2020))
    assert got["poverty_reduction_province", p][0] == pytest.approx((43.0 - 27.2) / 5)
    # 30a (096): 2015 (7000 + 18000) / 400 = 62.5; 2020 (4800 + 10800) / 420 = 37.142857
    assert got["poverty_reduction_poor_districts", p][0] == pytest.approx((62.5 - 15600 / 420) / 5)
    # grid households: (114 + 300 + 580) / 1000; 2015: (50 + 240 + 540) / 1000
    assert got["households_electricity", p][:2] == pytest.approx((99.4, 83.0))
    # health: 2 of the 2 answers (c2 did not answer); 2015: 1 of 3.  Schools: mean of 50, 40, 90; 2015 of 10,
    # 20, 60
    assert got["commune_health_criteria", p][:2] == pytest.approx((100.0, 100 / 3))
    assert got["schools_national_standard", p][:2] == pytest.approx((60.0, 30.0))
    # flags: 2 of 3 communes with a road and on the grid in 2020, 1 of 3 in the baseline year
    assert got["commune_allseason_road", p][:3] == pytest.approx((200 / 3, 100 / 3, 2020))
    assert got["commune_grid", p][:2] == pytest.approx((200 / 3, 100 / 3))
    assert all(value[3] for value in got.values())  # all from illustrative data


def test_province_2018_by_hand_and_statuses():
    got = measured_values("province", 2018)
    p = tg.PROVINCE_CODE
    # poor 2018: (110*55 + 300*50 + 600*25) / 1010 = 35.693; electricity 930 / 1010 = 92.08 %
    assert got["poverty_rate", p][0] == pytest.approx(36050 / 1010)
    assert got["poverty_reduction_province", p][0] == pytest.approx((43.0 - 36050 / 1010) / 3)
    assert got["households_electricity", p][0] == pytest.approx(100 * 930 / 1010)
    assert got["commune_health_criteria", p][0] == pytest.approx(200 / 3)
    assert got["schools_national_standard", p][0] == pytest.approx(130 / 3)
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(
            tg.MeasureInputs(
                communes_years=three_years(),
                flags=FLAGS_2020,
                flags_baseline=FLAGS_2015,
                poor_districts=("096",),
            ),
            level="province",
            year=2018,
        ),
        level="province",
        units=pd.DataFrame({"unit_code": [p], "unit_name": [tg.PROVINCE_NAME]}),
    ).set_index("indicator_id")
    expected = {
        "poverty_rate": "on_track",  # 43.0 -> 35.69 in 3 years: 30.8 in 2020 < 33
        "poverty_reduction_province": "off_track",  # 2.44 points a year, not > 3 (no line for a yearly fall)
        "households_electricity": "on_track",  # 83.0 -> 92.08: 98.13 in 2020 > 98
        "commune_health_criteria": "on_track",  # 33.3 -> 66.7: 88.9 in 2020 >= 80
        "schools_national_standard": "off_track",  # 30 -> 43.3: 52.2 in 2020, not > 60
        "commune_allseason_road": "off_track",  # 33.3 -> 66.7: 88.9 in 2020, does not reach 100
        "households_tv": "no_data",
    }
    assert card.loc[list(expected), "status"].to_dict() == expected
    assert card.at["poverty_rate", "projected"] == pytest.approx(36050 / 1010 + 2 * (36050 / 1010 - 43.0) / 3)
    assert math.isnan(card.at["households_tv", "measured"])
    worded = describe_sources(card.reset_index(), survey=None, flags_illustrative=True).set_index(
        "indicator_id"
    )
    assert worded.at["households_tv", "source_en"] == "no data: " + msg("sc_needs_households_tv", "en")
    assert len(card) == len(lt.load_targets())


def test_a_flag_indicator_is_on_track_along_the_line_from_its_baseline_flags():
    """Communes with an all-season road: 1 of 4 in 2015, 3 of 4 in 2018; the line 25 % -> 75 % gains 50/3
    points a year and passes 100 % by 2020 (108.3): on track for "= 100".  On the grid: 0 of 4 -> 2 of 4
    gets to 83.3: off."""
    baseline = _flags().assign(lacks_allseason_road=[True, True, True, False], lacks_grid=[True] * 4)
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(
            tg.MeasureInputs(flags=_flags(), flags_baseline=baseline), level="province", year=2018
        ),
        level="province",
        units=pd.DataFrame({"unit_code": [tg.PROVINCE_CODE], "unit_name": [tg.PROVINCE_NAME]}),
    )
    road = card.set_index("indicator_id").loc["commune_allseason_road"]
    assert (road["measured"], road["baseline"], road["baseline_year"]) == (75.0, 25.0, 2015)
    assert road["projected"] == pytest.approx(75 + 2 * 50 / 3) and road["status"] == "on_track"
    grid = card.set_index("indicator_id").loc["commune_grid"]
    assert grid["projected"] == pytest.approx(50 + 2 * 50 / 3) and grid["status"] == "off_track"


def test_district_and_commune_levels_by_hand():
    got = measured_values("district", 2020)
    # 096: households 420, poor 15600 / 420; grid (114 + 300) / 420; health: c1 yes, c2 no answer; schools 45
    assert got["poverty_rate", "096"][0] == pytest.approx(15600 / 420)
    assert got["households_electricity", "096"][0] == pytest.approx(100 * 414 / 420)
    assert got["commune_health_criteria", "096"][0] == 100.0
    assert got["schools_national_standard", "096"][0] == pytest.approx(45.0)
    assert got["commune_grid", "096"][0] == pytest.approx(50.0) and got["commune_grid", "094"][0] == 100.0
    assert ("poverty_reduction_poor_districts", "094") not in got
    assert got["poverty_reduction_poor_districts", "096"][0] == pytest.approx((62.5 - 15600 / 420) / 5)
    communes = measured_values("commune", 2020)
    # one commune per unit: c1's grid households 114 of 120
    assert communes["households_electricity", "c1"][:2] == pytest.approx((95.0, 50.0))
    assert communes["poverty_rate", "c2"][:2] == pytest.approx((36.0, 60.0))
    assert math.isnan(communes["commune_health_criteria", "c2"][0])
    assert communes["poverty_reduction_poor_districts", "c1"][0] == pytest.approx((70.0 - 40.0) / 5)


def test_households_with_power_need_the_households_figure():
    # c2's households are missing in 2020: its grid households cannot be set against them and are left out
    rows = three_years()
    rows.loc[(rows["unit_code"] == "c2") & (rows["year"] == 2020), "households"] = float("nan")
    got = tg.measure_indicators(tg.MeasureInputs(communes_years=rows), level="province", year=2020)
    value = got[got["indicator_id"] == "households_electricity"]["measured"].iloc[0]
    assert value == pytest.approx(100 * (114 + 580) / (120 + 580))


def test_real_rates_replace_the_survey_only_for_their_years():
    real = pd.DataFrame({"year": [2015, 2018], "value": [48.14, 37.08], "source": ["s15", "s18"]})
    got = measured_values("province", 2018, real_rates=real)
    p = tg.PROVINCE_CODE
    assert got["poverty_rate", p] == pytest.approx((37.08, 48.14, 2018, False))
    assert got["poverty_reduction_province", p][0] == pytest.approx((48.14 - 37.08) / 3)
    assert not got["poverty_reduction_province", p][3]
    assert got["households_electricity", p][3]  # the rest stays the (illustrative) survey's
    # 2020 has no real figure: the survey's; a real figure without its baseline year keeps the survey's fall
    assert got != measured_values("province", 2020, real_rates=real)
    assert measured_values("province", 2020, real_rates=real)["poverty_rate", p][0] == pytest.approx(27.2)
    no_base = measured_values("province", 2018, real_rates=real[real["year"] == 2018])
    assert no_base["poverty_rate", p][0] == 37.08 and math.isnan(no_base["poverty_rate", p][1])
    assert no_base["poverty_reduction_province", p][0] == pytest.approx((43.0 - 36050 / 1010) / 3)
    assert no_base["poverty_reduction_province", p][3]
    # at district level real provincial figures are never used
    assert measured_values("district", 2018, real_rates=real)["poverty_rate", "096"][3]


@pytest.mark.parametrize(
    ("measured", "comparator", "target", "year", "baseline", "base_year", "status"),
    [
        # "<": 48 -> 39 over 3 years lands on 33 exactly, not below it
        (39.0, "<", "33", 2018, 48.0, 2015, "off_track"),
        (38.9, "<", "33", 2018, 48.0, 2015, "on_track"),
        (32.9, "<", "33", 2018, 48.0, 2015, "met"),
        # ">=": 2 -> 5 over 3 years reaches 7 by 2020; 2 -> 4.5 reaches 6.0
        (5.0, ">=", "6.8", 2018, 2.0, 2015, "on_track"),
        (4.5, ">=", "6.8", 2018, 2.0, 2015, "off_track"),
        # ">": 90 -> 96 over 3 years: 100 in 2020 > 98; 92 (2016) -> 95 (2018): exactly 98 in 2020, not above
        (96.0, ">", "98", 2018, 90.0, 2015, "on_track"),
        (95.0, ">", "98", 2018, 92.0, 2016, "off_track"),
        # "<=": 14 (2016) -> 12.5 (2018): 11 in 2020; 14 -> 12: exactly 10
        (12.5, "<=", "10", 2018, 14.0, 2016, "off_track"),
        (12.0, "<=", "10", 2018, 14.0, 2016, "on_track"),
        # "=" from below: 60 -> 90 reaches 100 in 2019 (overshoot allowed); 60 -> 70 gets to 76.7
        (90.0, "=", "100", 2018, 60.0, 2015, "on_track"),
        (70.0, "=", "100", 2018, 60.0, 2015, "off_track"),
        # "=" from above: 80 -> 56 passes 50 by 2020; 80 -> 65 stops at 55
        (56.0, "=", "50", 2018, 80.0, 2015, "on_track"),
        (65.0, "=", "50", 2018, 80.0, 2015, "off_track"),
        (50.0, "=", "50", 2018, 80.0, 2015, "met"),
        # "=" reached exactly in the target year: 85 -> 94 over 3 years is 100 in 2020; 65 -> 56 is 50
        (94.0, "=", "100", 2018, 85.0, 2015, "on_track"),
        (56.0, "=", "50", 2018, 65.0, 2015, "on_track"),
        # "=" with a flat line never reaches the value
        (80.0, "=", "100", 2018, 80.0, 2015, "off_track"),
        # range: 1500 -> 1700 over 3 years: 1833 in 2020; 1000 -> 1400: 1667; 2600 -> 2300: 2100
        (1700.0, "range", "1800-2000", 2018, 1500.0, 2015, "on_track"),
        (1400.0, "range", "1800-2000", 2018, 1000.0, 2015, "off_track"),
        (2300.0, "range", "1800-2000", 2018, 2600.0, 2015, "off_track"),
        # no line: no baseline, a baseline not before the measured year, the target year reached, no measured
        # year
        (38.0, "<", "33", 2018, None, None, "off_track"),
        (38.0, "<", "33", 2018, 48.0, 2018, "off_track"),
        (38.0, "<", "33", 2018, 48.0, 2019, "off_track"),
        (34.0, "<", "33", 2020, 60.0, 2015, "off_track"),
        (34.0, "<", "33", 2021, 60.0, 2015, "off_track"),
        (30.0, "<", "33", None, None, None, "met"),
        (34.0, "<", "33", None, 48.0, 2015, "off_track"),
        (None, "<", "33", 2018, 48.0, 2015, "no_data"),
        (38.9, "<", "33", 2018, float("nan"), 2015, "off_track"),
    ],
)
def test_status_of_hand_worked_lines(measured, comparator, target, year, baseline, base_year, status):
    assert (
        tg.judge_status(
            measured,
            comparator,
            target,
            measured_year=year,
            target_year=2020,
            baseline=baseline,
            baseline_year=base_year,
        )
        == status
    )


@pytest.mark.parametrize(
    ("comparator", "target", "value", "gap"),
    [
        (">", "3", 2.0, 1.0),
        (">", "3", 4.0, 0.0),
        (">=", "6.8", 6.0, 0.8),
        ("<", "33", 40.0, 7.0),
        ("<", "33", 20.0, 0.0),
        ("<=", "10", 12.5, 2.5),
        ("=", "100", 90.0, 10.0),
        ("=", "100", 110.0, 10.0),
        ("=", "100", 100.0, 0.0),
        ("range", "1800-2000", 1700.0, 100.0),
        ("range", "1800-2000", 2100.0, 100.0),
        ("range", "1800-2000", 1900.0, 0.0),
    ],
)
def test_shortfall_by_comparator(comparator, target, value, gap):
    assert tg.shortfall(value, comparator, target) == pytest.approx(gap)


def test_who_holds_back_an_equal_100_target():
    # commune_grid "= 100": c2 is off the grid (0 %), c1 and c3 are on it; one commune weighs 1 of 3
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(tg.MeasureInputs(flags=FLAGS_2020), level="commune", year=2020),
        level="commune",
        units=pd.DataFrame({"unit_code": ["c1", "c2", "c3"], "unit_name": ["C1", "C2", "C3"]}),
    )
    gap = tg.who_holds_back(card, "commune_grid")
    assert gap["unit_code"].tolist() == ["c2", "c1", "c3"]
    assert gap["shortfall"].tolist() == [100.0, 0.0, 0.0]
    assert gap["gap_points"].tolist() == pytest.approx([100 / 3, 0.0, 0.0])
    assert gap["share_of_gap"].tolist() == pytest.approx([1.0, 0.0, 0.0])
    # an indicator with no row: nothing holds it back
    assert tg.who_holds_back(card, "not_an_indicator").empty


def test_who_holds_back_in_a_scorecard_of_one_unit():
    """One district (the page's district filter): it holds back all of the gap. District 096 has c1 on the
    grid and c2 off it: 50 % against "= 100", shortfall 50 points, weight 2 communes of 2."""
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(tg.MeasureInputs(flags=FLAGS_2020), level="district", year=2020),
        level="district",
        units=pd.DataFrame({"unit_code": ["096", "094"], "unit_name": ["D096", "D094"]}),
    )
    gap = tg.who_holds_back(card[card["unit_code"] == "096"], "commune_grid")
    assert gap[["unit_code", "shortfall", "gap_points", "share_of_gap"]].values.tolist() == [
        ["096", 50.0, 50.0, 1.0]
    ]


def test_gap_contributions_without_weight_or_gap():
    rows = pd.DataFrame(
        {
            "unit_code": ["B", "A", "C"],
            "unit_name": ["b", "a", "c"],
            "measured": [20.0, 10.0, 50.0],
            "weight": [0.0, 0.0, float("nan")],
        }
    )
    gap = tg.gap_contributions(rows, comparator="<", target_value="33")
    assert gap["unit_code"].tolist() == ["A", "B"] and gap["gap_points"].isna().all()
    met = tg.gap_contributions(rows.assign(weight=[1.0, 3.0, 1.0]), comparator="<", target_value="60")
    assert met["unit_code"].tolist() == ["A", "B", "C"]  # all met: ties ordered by code
    assert met["share_of_gap"].tolist() == [0.0, 0.0, 0.0]


def test_scorecard_csv_rounds_and_keeps_no_data_empty():
    card = describe_sources(
        tg.build_scorecard(
            lt.load_targets(),
            tg.measure_indicators(
                tg.MeasureInputs(communes_years=three_years()), level="province", year=2020
            ),
            level="province",
            units=pd.DataFrame({"unit_code": [tg.PROVINCE_CODE], "unit_name": [tg.PROVINCE_NAME]}),
        ),
        survey=None,
        flags_illustrative=True,
    )
    table = tg.scorecard_csv_table(card, lang="en").set_index("indicator_id")
    assert list(table.reset_index().columns) == tg.CSV_COLUMNS
    assert table.at["commune_health_criteria", "measured"] == 100.0
    assert table.at["poverty_reduction_province", "measured"] == 3.16  # (43.0 - 27.2) / 5
    # 2018: (110 * 55 + 300 * 50 + 600 * 25) / 1010 = 35.6931 %, written with two decimals
    card_2018 = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(tg.MeasureInputs(communes_years=three_years()), level="province", year=2018),
        level="province",
        units=pd.DataFrame({"unit_code": [tg.PROVINCE_CODE], "unit_name": [tg.PROVINCE_NAME]}),
    )
    rates = describe_sources(card_2018, survey=None, flags_illustrative=True)
    assert tg.scorecard_csv_table(rates).set_index("indicator_id").at["poverty_rate", "measured"] == 35.69
    assert math.isnan(table.at["grdp_growth", "measured"]) and table.at["grdp_growth", "status"] == "no_data"
    assert table.at["grdp_growth", "source"].startswith("no data")
    vi = tg.scorecard_csv_table(card).set_index("indicator_id")
    assert vi.at["grdp_growth", "source"].startswith("không có số liệu")
    assert tg.any_illustrative_measure(card)
    assert not tg.any_illustrative_measure(card[card["status"] == "no_data"])
    real_only = card[card["indicator_id"] == "poverty_rate"].assign(illustrative=False)
    assert not tg.any_illustrative_measure(real_only)


def test_a_unit_without_data_in_a_measured_indicator_says_so():
    rows = three_years()
    rows.loc[rows["unit_code"] == "c2", "poor_hh_rate_pct"] = float("nan")
    units = pd.DataFrame({"unit_code": ["c1", "c2", "c3"], "unit_name": ["C1", "C2", "C3"]})
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(tg.MeasureInputs(communes_years=rows), level="commune", year=2020),
        level="commune",
        units=units,
    )
    worded = describe_sources(card, survey=None, flags_illustrative=True)
    c2 = worded[(worded["indicator_id"] == "poverty_rate") & (worded["unit_code"] == "c2")].iloc[0]
    assert c2["status"] == "no_data" and c2["source_en"].startswith(
        "no data for this unit (illustrative: commune"
    )
    c1 = worded[(worded["indicator_id"] == "poverty_rate") & (worded["unit_code"] == "c1")].iloc[0]
    assert c1["status"] == "off_track" and not c1["source_en"].startswith("no data")
    # the poor districts' fall is a district-level target: at commune level it would repeat each commune's own
    # fall
    assert card[card["indicator_id"] == "poverty_reduction_poor_districts"].empty
    # at district level its rows are the 30a units only when they are given
    districts = pd.DataFrame({"unit_code": ["096", "097", "098"], "unit_name": ["D1", "D2", "D3"]})
    card = tg.build_scorecard(
        lt.load_targets(),
        tg.measure_indicators(tg.MeasureInputs(), level="district", year=2020),
        level="district",
        units=districts,
        poor_units=districts.iloc[[0, 2]],
    )
    assert card[card["indicator_id"] == "poverty_reduction_poor_districts"]["unit_code"].tolist() == [
        "096",
        "098",
    ]
    assert card[card["indicator_id"] == "poverty_rate"]["unit_code"].tolist() == ["096", "097", "098"]


@pytest.mark.parametrize(
    ("comparator", "text", "bounds"),
    [
        ("range", "1800-2000", (1800.0, 2000.0)),
        ("range", "-5-5", (-5.0, 5.0)),
        ("range", "1e-3-2", (0.001, 2.0)),
        ("range", "1800 - 2000", (1800.0, 2000.0)),
        ("range", "5-5", (5.0, 5.0)),
        ("<", " 33 ", (33.0, 33.0)),
        ("range", "1e5-2e5", (1e5, 2e5)),
        ("range", "1E-3-2E-3", (0.001, 0.002)),
        ("=", 100, (100.0, 100.0)),
    ],
)
def test_targets_are_read(comparator, text, bounds):
    assert tg.parse_target(comparator, text) == bounds


def test_projection_and_fall_by_hand():
    assert tg.project_to_year(10.0, 2015, 16.0, 2018, 2020) == pytest.approx(20.0)
    assert tg.project_to_year(10.0, 2015, 16.0, 2018, 2018) == pytest.approx(16.0)
    assert math.isnan(tg.project_to_year(10.0, 2018, 16.0, 2018, 2020))
    assert math.isnan(tg.project_to_year(None, 2015, 16.0, 2018, 2020))
    assert tg.average_yearly_fall(48.0, 2015, 39.0, 2018) == pytest.approx(3.0)
    assert tg.average_yearly_fall(39.0, 2015, 48.0, 2018) == pytest.approx(-3.0)
    assert math.isnan(tg.average_yearly_fall(48.0, 2018, 39.0, 2015))
    assert math.isnan(tg.average_yearly_fall(float("nan"), 2015, 39.0, 2018))
    path = tg.target_path(10.0, 2016, 20.0, 2020)
    assert path["year"].tolist() == [2016, 2017, 2018, 2019, 2020]
    assert path["value"].tolist() == pytest.approx([10.0, 12.5, 15.0, 17.5, 20.0])
    assert tg.meets_target("abc", "<", "33") is None


def test_gap_of_one_commune_with_data_and_a_small_gap():
    """Only one commune has a figure (weight 1 of 1) and it misses '< 33' by 0.4 points: it holds back all of
    it."""
    rows = pd.DataFrame(
        {
            "unit_code": ["A", "B"],
            "unit_name": ["a", "b"],
            "measured": [33.4, float("nan")],
            "weight": [1.0, 1.0],
        }
    )
    gap = tg.gap_contributions(rows, comparator="<", target_value="33")
    assert gap["unit_code"].tolist() == ["A"]
    assert gap["gap_points"].tolist() == pytest.approx([0.4]) and gap["share_of_gap"].tolist() == [1.0]


def test_sources_name_the_survey_year_and_the_30a_districts_in_each_language():
    """The source a planner reads beside each figure: Vietnamese in source_vi, English in source_en, with the
    year."""
    frame = describe_sources(
        tg.measure_indicators(
            tg.MeasureInputs(communes_years=three_years(), poor_districts=("096",)),
            level="province",
            year=2020,
        ),
        survey=None,
        flags_illustrative=True,
    )
    src = frame.set_index("indicator_id")
    for indicator in ("poverty_rate", "poverty_reduction_province", "poverty_reduction_poor_districts"):
        assert src.at[indicator, "source_vi"].startswith("minh họa: điều tra xã"), indicator
        assert src.at[indicator, "source_en"].startswith("illustrative: commune survey"), indicator
    assert "tỷ lệ theo số hộ, năm 2020" in src.at["poverty_rate", "source_vi"]
    assert "households-weighted, 2020" in src.at["poverty_rate", "source_en"]
    assert src.at["poverty_reduction_poor_districts", "source_vi"].endswith(
        "2015–2020, các huyện 30a gộp lại"
    )
    assert src.at["poverty_reduction_poor_districts", "source_en"].endswith(
        "2015–2020, 30a districts combined"
    )
