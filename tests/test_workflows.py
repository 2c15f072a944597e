"""workflows: the survey of the 2025 units, imported villages in access, the village → unit link, the moved
loaders."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from cli import main
from geo.errors import InputError, Problem
from layers import boundaries, indicators
from workflows import exports
from workflows.access import run_access, village_units
from workflows.flags import run_flags
from workflows.inputs import load_survey
from workflows.scorecard import compute_scorecard

#: Two villages: one in the second polygon of the split GSO code 03145 (Tà Lèng), one in Phường Noong Bua
#: (03124).
VILLAGES = (
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Bản A"}, '
    '"geometry": {"type": "Point", "coordinates": '
    "[103.069, 21.39718]}},"
    '{"type": "Feature", "properties": {"name": "Bản B"}, "geometry": {"type": "Point", "coordinates": '
    "[103.03522, 21.38842]}}]}"
)


@pytest.fixture(scope="module")
def survey_2025_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("s2025")
    table = folder / "khao_sat_2025.csv"
    table.write_text(
        "gso_code,year,households,poor_hh_rate_pct\n03127,2020,1000,12.5\n03158,2020,500,40\n",
        encoding="utf-8",
    )
    project = folder / "p.gpkg"
    assert main(["import", str(table), "--units", "2025", "--project", str(project)]) == 0
    return str(project)


@pytest.fixture(scope="module")
def villages_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("villages")
    source = folder / "f.geojson"
    source.write_text(VILLAGES, encoding="utf-8")
    project = folder / "pv.gpkg"
    assert main(["import", str(source), "--layer", "villages", "--project", str(project)]) == 0
    return str(project)


def test_the_2025_units_read_the_projects_2025_table(survey_2025_project):
    run = run_flags("2025", year=2020, project=survey_2025_project)
    assert run.survey.loc["03127", "poor_hh_rate_pct"] == pytest.approx(12.5)
    assert run.survey.loc["03158", "poor_hh_rate_pct"] == pytest.approx(40.0)
    # not in the table: empty, never aggregated instead
    assert pd.isna(run.survey.loc["03334", "poor_hh_rate_pct"])
    assert "khao_sat_2025.csv" in run.sources["survey"].credit() and not run.sources["survey"].illustrative


def test_the_pre2025_units_keep_the_pre2025_survey_when_a_2025_table_exists(survey_2025_project):
    run = run_flags("pre2025", year=2020, project=survey_2025_project)
    assert run.sources["survey"].illustrative
    assert run.survey["poor_hh_rate_pct"].notna().all()


def test_without_a_2025_table_the_pre2025_survey_is_aggregated():
    frame, source, units = load_survey("2025")
    assert units == "pre2025" and source.key == "survey"
    survey = indicators.survey_for_units(frame, boundaries.load_communes("2025"), year=2020)
    assert len(survey) == 45 and survey["poor_hh_rate_pct"].notna().all()
    assert survey["provenance"].str.contains("aggregated to 2025").all()


def test_aggregation_says_when_predecessors_lack_data():
    survey = indicators.load_survey()
    survey = survey[survey["gso_code"] != "03130"]  # one predecessor of Phường Điện Biên Phủ (03127) missing
    out = indicators.survey_for_units(survey, boundaries.load_communes("2025"), year=2020)
    assert "INCOMPLETE: 5 of 6 predecessors" in out.loc["03127", "provenance"]
    assert "INCOMPLETE" not in out.loc["03158", "provenance"]
    assert list(out.columns) == [
        "households",
        "hh_with_grid_power",
        "poor_hh_rate_pct",
        "near_poor_hh_rate_pct",
        "hh_grid_power_pct",
        "schools_national_standard_pct",
        "allseason_road_to_centre",
        "grid_connected",
        "health_station_national_standard",
        "year",
        "provenance",
    ]


def test_commune_scorecard_of_the_2025_units_reads_the_2025_table(survey_2025_project):
    run = compute_scorecard("commune", units="2025", year=2020, project=survey_2025_project)
    assert "khao_sat_2025.csv" in run.sources["survey"].credit()


def test_a_scorecard_from_the_users_survey_names_it_and_is_not_marked_illustrative(survey_2025_project):
    card = compute_scorecard("commune", units="2025", year=2020, project=survey_2025_project).scorecard
    rate = card[card["indicator_id"] == "poverty_rate"].set_index("unit_code")
    assert rate.at["03127", "measured"] == pytest.approx(12.5) and rate.at["03127", "status"] != "no_data"
    assert not rate["illustrative"].any()
    for column, word in (("source_vi", "minh họa"), ("source_en", "illustrative")):
        assert rate[column].str.contains("khao_sat_2025.csv", regex=False).all(), column
        assert not rate[column].str.contains(word, case=False).any(), column
    # the flags still read the illustrative road and grid layers: those rows keep the mark
    assert card.loc[card["indicator_id"] == "commune_grid", "illustrative"].all()


def test_access_runs_on_imported_villages_without_population(villages_project):
    run = run_access("pre2025", project=villages_project)
    units = dict(zip(run.villages["village_id"], run.villages["unit_id"], strict=True))
    assert sorted(units.values()) == ["03124", "03145-3020110"]
    assert run.villages["population"].isna().all()
    assert run.communes["rai_share"].isna().all() and run.communes["population_villages"].isna().all()
    assert run.province_rai is None
    assert any("no population" in note.render("en") for note in run.notes)


def test_access_2025_units_on_imported_villages(villages_project):
    run = run_access("2025", project=villages_project)
    assert run.villages["unit_id"].notna().all()
    assert set(run.villages["unit_id"]) <= set(boundaries.load_communes("2025")["unit_id"])


def test_villages_of_a_split_gso_code_stay_in_their_own_polygon():
    run = run_access("pre2025")
    counts = run.villages.groupby("unit_id").size()
    assert counts.get("03145", 0) > 0 and counts.get("03145-3020110", 0) > 0


def test_village_units_prefer_the_unit_id_and_fall_back_to_the_gso_code():
    communes = boundaries.load_communes("pre2025")
    villages = pd.DataFrame(
        {"gso_code": ["03145", "03145", "03124"], "unit_id": ["03145", "03145-3020110", None]}
    )
    assert village_units(villages, communes).tolist() == ["03145", "03145-3020110", "03124"]
    only_codes = villages.drop(columns="unit_id")
    assert village_units(only_codes, communes).notna().all()


def test_load_access_shows_refused_inputs_as_no_data_but_raises_bugs(monkeypatch):
    def refused(*_args, **_kwargs):
        raise InputError(Problem(vi="thiếu", en="missing"))

    def bug(*_args, **_kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(exports, "run_access", refused)
    assert exports.load_access("pre2025") is None
    monkeypatch.setattr(exports, "run_access", bug)
    with pytest.raises(ZeroDivisionError):
        exports.load_access("pre2025")


def test_scorecard_page_cache_follows_the_project_file(monkeypatch, tmp_path):
    from ui import cache

    calls = []
    monkeypatch.setattr(cache, "compute_scorecard", lambda *a, **k: calls.append(a) or len(calls))
    project = tmp_path / "p.gpkg"
    project.write_bytes(b"x")
    os.utime(project, (1_000_000, 1_000_000))
    cache.scorecard_run("province", "pre2025", 2020, str(project))
    cache.scorecard_run("province", "pre2025", 2020, str(project))
    assert len(calls) == 1
    os.utime(project, (2_000_000, 2_000_000))  # saved again by an import elsewhere
    cache.scorecard_run("province", "pre2025", 2020, str(project))
    assert len(calls) == 2
