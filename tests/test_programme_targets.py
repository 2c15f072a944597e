"""Real programme figures for the 2020 scorecard and the sub-provincial poverty reference points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import programme_targets as pt
from analysis.targets import build_scorecard
from layers.indicators import load_survey
from layers.programmes import load_memberships, load_new_rural_counts, load_poverty_points
from layers.targets import load_targets


def test_new_rural_row_uses_the_real_recognitions_and_names_its_source():
    counts = load_new_rural_counts()
    row = pt.new_rural_measurement(counts).iloc[0]
    # VietNamNet: 22 communes (18 đạt chuẩn + 4 cơ bản đạt chuẩn) recognised by 30/6/2019, "= 19 %" of 116 xã
    assert row["measured"] == pytest.approx(100 * 22 / 116) and row["measured_year"] == 2019
    assert round(row["measured"]) == 19  # the share the source itself prints
    assert row["baseline"] == pytest.approx(100 * 16 / 116) and row["baseline_year"] == 2018  # KH 3055/KH-UBND, 6/2018
    assert "vietnamnet.vn/dien-bien-dat-nhieu-thanh-tuu" in row["source_en"]
    assert "Kế hoạch 3055/KH-UBND" in row["source_vi"] and not row["illustrative"]
    targets = load_targets()
    card = build_scorecard(targets[targets["indicator_id"] == "commune_new_rural"], pt.new_rural_measurement(counts),
                           level="province", units=pd.DataFrame({"unit_code": ["11"], "unit_name": ["Điện Biên"]}))
    judged = card.iloc[0]
    assert (judged["comparator"], judged["target"]) == (">=", "30")
    # the line 13.8 % (6/2018) → 19.0 % (6/2019) reaches 24.1 % in 2020: short of 30 %
    assert judged["projected"] == pytest.approx(100 * 22 / 116 + 100 * 6 / 116)
    assert judged["status"] == "off_track"


def test_new_rural_counts_agree_with_their_sources_and_the_named_list_stays_below_them():
    counts = pt.new_rural_shares(load_new_rural_counts()).set_index("as_of")
    assert counts.at["2022-10-11", "n_xa"] == 115 and counts.at["2022-10-11", "n_xa_basis"] == "printed"
    assert counts.at["2019-06-30", "n_xa"] == 116  # xã polygons of the c.2013–2016 units (before Tà Lèng merged)
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
    no_year = reference[reference["year_in_source"] == "2014"].iloc[0]  # before the survey starts: no comparison
    assert pd.isna(no_year["comparison_year"]) and np.isnan(no_year["survey_value"])
