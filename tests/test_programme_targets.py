"""Real programme figures for the 2020 scorecard and the sub-provincial poverty reference points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import programme_targets as pt
from analysis.targets import build_scorecard
from layers.indicators import load_survey
from layers.programmes import load_memberships, load_new_rural_counts, load_poverty_points
from layers.targets import describe_sources, load_targets


def test_new_rural_row_uses_the_real_recognitions_and_names_its_source():
    counts = load_new_rural_counts()
    row = describe_sources(pt.new_rural_measurement(counts), survey=None, flags_illustrative=True).iloc[0]
    # VietNamNet: 22 communes (18 đạt chuẩn + 4 cơ bản đạt chuẩn) recognised by 30/6/2019, "= 19 %" of 116 xã
    assert row["measured"] == pytest.approx(100 * 22 / 116) and row["measured_year"] == 2019
    assert round(row["measured"]) == 19  # the share the source itself prints
    # KH 3055/KH-UBND, 6/2018
    assert row["baseline"] == pytest.approx(100 * 16 / 116) and row["baseline_year"] == 2018
    assert "vietnamnet.vn/dien-bien-dat-nhieu-thanh-tuu" in row["source_en"]
    assert "Kế hoạch 3055/KH-UBND" in row["source_vi"] and not row["illustrative"]
    targets = load_targets()
    card = build_scorecard(
        targets[targets["indicator_id"] == "commune_new_rural"],
        pt.new_rural_measurement(counts),
        level="province",
        units=pd.DataFrame({"unit_code": ["11"], "unit_name": ["Điện Biên"]}),
    )
    judged = card.iloc[0]
    assert (judged["comparator"], judged["target"]) == (">=", "30")
    # the line 13.8 % (6/2018) → 19.0 % (6/2019) reaches 24.1 % in 2020: short of 30 %
    assert judged["projected"] == pytest.approx(100 * 22 / 116 + 100 * 6 / 116)
    assert judged["status"] == "off_track"


def test_new_rural_counts_agree_with_their_sources_and_the_named_list_stays_below_them():
    counts = pt.new_rural_shares(load_new_rural_counts()).set_index("as_of")
    assert counts.at["2022-10-11", "n_xa"] == 115 and counts.at["2022-10-11", "n_xa_basis"] == "printed"
    # xã polygons of the c.2013–2016 units (before Tà Lèng merged)
    assert counts.at["2019-06-30", "n_xa"] == 116
    for _, row in counts.iterrows():
        assert str(row["n_recognised"]) in row["evidence_quote"]
    ntm = load_memberships()
    named = pt.named_recognitions_by_year(ntm[ntm["programme"] == "ntm_recognised"]).set_index("year")
    assert named.at[2019, "n_named"] == 21 and named.at[2018, "n_named"] == 10
    assert named.at[2018, "n_named"] <= counts.at["2019-06-30", "n_recognised"]


def test_a_count_after_the_target_year_is_not_used_for_it():
    counts = load_new_rural_counts()
    later = pt.new_rural_measurement(counts[counts["as_of_year"] > 2020])
    assert later.empty
    by_2022 = pt.new_rural_measurement(counts, target_year=2022).iloc[0]
    assert by_2022["measured"] == pytest.approx(100 * 44 / 115)


def test_press_poverty_figures_stand_beside_the_survey_values_of_the_same_area():
    survey = load_survey()
    reference = pt.poverty_reference_points(load_poverty_points(), survey)
    muong_nhe = reference[reference["unit_name"] == "Mường Nhé"].set_index("comparison_year")
    assert sorted(muong_nhe.index) == [2019, 2020]  # "c.2019-2020"
    assert (muong_nhe["real_value"] == 62.43).all() and "year_approximate" in muong_nhe["caveats"].iloc[0]
    rows = survey[(survey["district_code"] == "096") & (survey["year"] == 2020)]
    expected = (rows["poor_hh_rate_pct"] * rows["households"]).sum() / rows["households"].sum()
    assert muong_nhe.at[2020, "survey_value"] == pytest.approx(expected)
    assert muong_nhe.at[2020, "difference_points"] == pytest.approx(expected - 62.43)
    de_an_79 = reference[reference["real_value"] == 75.09].iloc[0]
    assert de_an_79["comparison_year"] == 2015 and de_an_79["n_survey_communes"] == 26
    assert "area_approximate" in de_an_79["caveats"] and "daidoanket.vn" in de_an_79["source_url"]
    communes = reference[reference["admin_level"] == "commune"]
    assert communes["caveats"].str.contains("not_representative").all()
    # before the survey starts: no comparison
    no_year = reference[reference["year_in_source"] == "2014"].iloc[0]
    assert pd.isna(no_year["comparison_year"]) and np.isnan(no_year["survey_value"])


# --- hand-built reference points: every kind of area, years inside and outside the survey
# ----------------------------


def _survey() -> pd.DataFrame:
    rows = [
        ("c1", "Xã Một", "096", 2019, 100, 50.0),
        ("c2", "Xã Hai", "096", 2019, 300, 30.0),
        ("c3", "Phường Ba", "094", 2019, 600, 10.0),
        ("c4", "Xã Bốn", "103", 2019, np.nan, 70.0),
        ("c1", "Xã Một", "096", 2020, 100, 40.0),
        ("c2", "Xã Hai", "096", 2020, 300, np.nan),
        ("c3", "Phường Ba", "094", 2020, 0, 5.0),
        ("c4", "Xã Bốn", "103", 2020, 200, 60.0),
    ]
    return pd.DataFrame(
        rows, columns=["gso_code", "commune", "district_code", "year", "households", "poor_hh_rate_pct"]
    )


def _point(
    level: str,
    *,
    commune: str = "",
    district: str = "",
    year: str = "2020",
    value: float = 30.0,
    standard: str = "2016-2020",
) -> dict:
    years = [int(y) for y in year.replace("c.", "").split("-")] if year else []
    return {
        "admin_level": level,
        "unit_name": level,
        "gso_commune_code": commune,
        "district_code": district,
        "year": year,
        "year_first": min(years) if years else pd.NA,
        "year_last": max(years) if years else pd.NA,
        "indicator": "poverty_rate",
        "value": value,
        "standard": standard,
        "source_url": "https://example.vn",
        "evidence_quote": "q",
        "note": "",
    }


def test_reference_points_by_hand():
    points = pd.DataFrame(
        [
            _point("commune", commune="c1", value=35.0),
            _point("district", district="096", year="c.2019-2020"),
            _point("project area", year="2019-2020"),
            _point("province rural", year="2019"),
            _point("province", year="2019", value=20.0, standard="other"),
            _point("commune", commune="c3"),
            _point("ward"),
            _point("commune"),
            _point("district", district="096", year="2014"),
            _point("province", year=""),
            # a commune figure without its commune code is not set against its whole district; a ward is
            # compared with nothing, in a year the survey has too
            _point("commune", district="096"),
            _point("ward", year="2019"),
        ]
    )
    points["year_first"] = points["year_first"].astype("Int64")
    points["year_last"] = points["year_last"].astype("Int64")
    out = pt.poverty_reference_points(points, _survey())
    got = [
        (
            r.admin_level,
            r.comparison_year if pd.notna(r.comparison_year) else None,
            r.comparison_area,
            r.n_survey_communes,
            None if np.isnan(r.survey_value) else round(r.survey_value, 4),
            r.caveats,
        )
        for r in out.itertuples()
    ]
    assert got == [
        ("commune", 2020, "commune", 1, 40.0, "not_representative"),
        # 2019: (100 * 50 + 300 * 30) / 400; 2020: c2 has no rate, c1 alone
        ("district", 2019, "district", 2, 35.0, "year_approximate"),
        ("district", 2020, "district", 2, 40.0, "year_approximate"),
        # Mường Nhé and Nậm Pồ (096, 103): 2019 without c4 (no households); 2020 (100 * 40 + 200 * 60) / 300
        ("project area", 2019, "both_districts_for_21_communes", 3, 35.0, "area_approximate"),
        (
            "project area",
            2020,
            "both_districts_for_21_communes",
            3,
            round(16000 / 300, 4),
            "area_approximate",
        ),
        # rural communes are the "Xã": the ward c3 is left out of the rural figure, not of the province's
        ("province rural", 2019, "rural_communes_xa", 3, 35.0, ""),
        ("province", 2019, "province", 4, 20.0, "standard_not_stated"),
        # a commune whose households are 0: no weighted rate
        ("commune", 2020, "commune", 1, None, "not_representative"),
        ("ward", 2020, "none", 0, None, ""),
        ("commune", 2020, "none", 0, None, "not_representative"),
        # a year before the survey, or no year: one row, nothing compared
        ("district", None, "none", 0, None, ""),
        ("province", None, "none", 0, None, ""),
        ("commune", 2020, "none", 0, None, "not_representative"),
        ("ward", 2019, "none", 0, None, ""),
    ]
    assert out["difference_points"].iloc[0] == pytest.approx(5.0) and out["real_value"].iloc[0] == 35.0
    assert out["unit_code"].tolist()[:4] == ["c1", "096", "096", ""]


def test_named_recognitions_count_each_status_up_to_each_year():
    membership = pd.DataFrame(
        {
            "member": ["yes", "yes", "yes", "no", "yes", "unknown"],
            "status": ["dat_chuan", "co_ban_dat_chuan", "dat_chuan", "dat_chuan", "", ""],
            "year": [2017, 2018, 2019, 2018, np.nan, 2019],
        }
    )
    named = pt.named_recognitions_by_year(membership)
    assert named.values.tolist() == [[2017, 1, 1, 0], [2018, 2, 1, 1], [2019, 3, 2, 1]]
    assert pt.named_recognitions_by_year(membership.iloc[3:4]).empty


def test_new_rural_row_from_a_single_count_has_no_line():
    counts = pd.DataFrame(
        {
            "as_of": ["2017-12-31"],
            "as_of_year": [2017],
            "n_recognised": [9],
            "n_xa": [116],
            "citation": ["Báo cáo"],
        }
    )
    row = describe_sources(pt.new_rural_measurement(counts), survey=None, flags_illustrative=True).iloc[0]
    assert (
        row["measured"] == pytest.approx(900 / 116)
        and np.isnan(row["baseline"])
        and row["baseline_year"] is None
    )
    assert row["source_en"] == "real: Báo cáo; 9/116 communes" and row["weight"] == 116.0
    two = pd.concat(
        [counts, counts.assign(as_of="2020-12-31", as_of_year=2020, n_recognised=30)], ignore_index=True
    )
    row = describe_sources(pt.new_rural_measurement(two), survey=None, flags_illustrative=True).iloc[0]
    assert (row["measured_year"], row["baseline_year"]) == (2020, 2017)
    assert row["source_vi"] == "thực: Báo cáo; 30/116; Báo cáo; 9/116 xã"


def test_a_commune_of_one_household_counts_in_the_weighted_rate():
    """Households 1 and 3 with rates 100 % and 20 %: (1 * 100 + 3 * 20) / 4 = 40 %; the first alone: 100 %."""
    survey = pd.DataFrame(
        {
            "gso_code": ["c1", "c2"],
            "commune": ["Xã Một", "Xã Hai"],
            "district_code": ["096", "096"],
            "year": [2020, 2020],
            "households": [1, 3],
            "poor_hh_rate_pct": [100.0, 20.0],
        }
    )
    points = pd.DataFrame([_point("district", district="096"), _point("commune", commune="c1")])
    out = pt.poverty_reference_points(points, survey)
    assert out["survey_value"].tolist() == [40.0, 100.0] and out["n_survey_communes"].tolist() == [2, 1]
