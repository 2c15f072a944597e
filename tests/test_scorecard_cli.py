"""Tests of `cli.py scorecard` (commands/scorecard.py) on the embedded data."""

from __future__ import annotations

import pandas as pd
import pytest

import cli
from analysis.targets import CSV_COLUMNS, STATUSES
from layers.catalog import ILLUSTRATIVE_GPKG, POOR_30A_DISTRICTS, SURVEY_CSV
from layers.targets import load_provincial_poverty_rates, load_targets, rates_on_standard

needs_illustrative = pytest.mark.skipif(
    not (SURVEY_CSV.exists() and ILLUSTRATIVE_GPKG.exists()),
    reason="illustrative survey/layers not generated yet",
)


def _run(tmp_path, *args: str, lang: str = "en") -> tuple[int, pd.DataFrame | None]:
    out = tmp_path / "scorecard.csv"
    code = cli.main(["--lang", lang, "scorecard", *args, "--out", str(out)])
    table = (
        pd.read_csv(out, dtype={"unit_code": str, "target": str}, keep_default_na=False)
        if out.exists()
        else None
    )
    return code, table


@needs_illustrative
def test_province_scorecard_columns_and_statuses(tmp_path):
    code, table = _run(tmp_path)
    assert code == 0
    assert table.columns.tolist() == CSV_COLUMNS
    targets = load_targets()
    assert table["indicator_id"].tolist() == targets["indicator_id"].tolist()
    assert set(table["status"]) <= set(STATUSES)
    assert (table["source"] != "").all()
    no_data = table[table["status"] == "no_data"]
    assert len(no_data) > 0
    assert (no_data["measured"] == "").all()  # empty, never 0
    measured = table[table["status"] != "no_data"]
    assert (measured["measured"] != "").all()
    # everything measured in 2020 comes from the illustrative survey or flags, and says so, except the
    # new-rural target: the real provincial counts answer it (22 of 116 communes by 30/6/2019, after 16 by
    # 6/2018)
    new_rural = measured[measured["indicator_id"] == "commune_new_rural"]
    assert measured.drop(new_rural.index)["source"].str.contains("illustrative").all()
    assert len(new_rural) == 1 and float(new_rural["measured"].iloc[0]) == pytest.approx(
        round(100 * 22 / 116, 2)
    )
    # 13.79 % (2018) → 18.97 % (2019) reaches 24.14 % by 2020 < 30 %
    assert new_rural["status"].iloc[0] == "off_track"
    source = new_rural["source"].iloc[0]
    assert source.startswith("real") and "vietnamnet.vn" in source and "3055/KH-UBND" in source


@needs_illustrative
def test_province_poverty_prefers_the_real_figure_of_the_year(tmp_path):
    code, table = _run(tmp_path, "--year", "2019")
    assert code == 0
    real = rates_on_standard(load_provincial_poverty_rates()).set_index("year")["value"]
    row = table[table["indicator_id"] == "poverty_rate"].iloc[0]
    assert float(row["measured"]) == pytest.approx(real[2019])
    assert row["source"].startswith("real")
    fall = table[table["indicator_id"] == "poverty_reduction_province"].iloc[0]
    assert float(fall["measured"]) == pytest.approx(round((real[2015] - real[2019]) / 4, 2))


@needs_illustrative
def test_district_level_rows(tmp_path):
    code, table = _run(tmp_path, "--level", "district", lang="vi")
    assert code == 0
    assert set(table["level"]) == {"district"}
    poor = table[table["indicator_id"] == "poverty_reduction_poor_districts"]
    assert sorted(poor["unit_code"]) == sorted(POOR_30A_DISTRICTS)
    assert table[table["indicator_id"] == "poverty_rate"]["unit_code"].nunique() == 10
    assert table.loc[table["status"] != "no_data", "source"].str.contains("minh họa").all()


@needs_illustrative
def test_commune_level_with_2025_units(tmp_path):
    code, table = _run(tmp_path, "--level", "commune", "--units", "2025")
    assert code == 0
    assert table[table["indicator_id"] == "commune_grid"]["unit_code"].nunique() == 45


@pytest.mark.parametrize("args", [["--level", "region"], ["--year", "2030"]])
def test_bad_option_exits_2_and_writes_nothing(tmp_path, args, capsys):
    code, table = _run(tmp_path, *args)
    assert code == 2
    assert table is None
    assert capsys.readouterr().err.strip()
