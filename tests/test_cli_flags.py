"""`cli.py flags`: the CSV a planner opens, and exit codes on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("units", "rows"), [("pre2025", 130), ("2025", 45)])
def test_flags_csv_has_one_row_per_commune(tmp_path, units, rows):
    out = tmp_path / "flags.csv"
    assert cli.main(["flags", "--units", units, "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns[:6]) == [
        "gso_code",
        "commune",
        "district",
        "lacks_allseason_road",
        "lacks_grid",
        "evidence",
    ]
    assert len(table) == rows
    assert table["gso_code"].str.fullmatch(r"\d{5}").all()
    assert set(table["lacks_allseason_road"]) <= {"true", "false"}
    assert set(table["lacks_grid"]) <= {"true", "false"}
    assert (table["evidence"].str.len() > 10).all()


def test_flag_evidence_explains_the_flag(tmp_path):
    out = tmp_path / "flags.csv"
    assert cli.main(["--lang", "en", "flags", "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    flagged = table[table["lacks_allseason_road"] == "true"]
    assert len(flagged) > 0
    assert flagged["evidence"].str.contains("all-season").all()
    clear = table[(table["lacks_allseason_road"] == "false") & (table["lacks_grid"] == "false")]
    assert clear["evidence"].str.contains("survey: both present").all()


def test_a_stricter_threshold_never_flags_fewer_communes(tmp_path):
    loose, strict = tmp_path / "a.csv", tmp_path / "b.csv"
    assert (
        cli.main(["flags", "--road-km", "10", "--grid-km", "20", "--grid-pct", "0", "--out", str(loose)]) == 0
    )
    assert (
        cli.main(["flags", "--road-km", "0.5", "--grid-km", "0.5", "--grid-pct", "95", "--out", str(strict)])
        == 0
    )
    a, b = pd.read_csv(loose), pd.read_csv(strict)
    assert b["lacks_allseason_road"].sum() >= a["lacks_allseason_road"].sum()
    assert b["lacks_grid"].sum() > a["lacks_grid"].sum()


def test_bad_units_exit_2_with_a_message():
    proc = subprocess.run(
        [sys.executable, "cli.py", "flags", "--units", "1999", "--out", "x.csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "--units" in proc.stderr and "pre2025" in proc.stderr


def test_output_into_a_missing_folder_exit_2_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "khong_co" / "flags.csv"
    assert cli.main(["flags", "--out", str(out)]) == 2
    assert "khong_co" in capsys.readouterr().err
    assert not out.parent.exists()


def test_evidence_never_claims_a_survey_answer_that_does_not_exist(tmp_path):
    survey = tmp_path / "khao_sat.csv"
    survey.write_text(
        "gso_code,year,poor_hh_rate_pct,allseason_road_to_centre,grid_connected\n03127,2020,5,có,có\n03130,2020,6,có,có\n",
        encoding="utf-8",
    )
    project = tmp_path / "du_an.gpkg"
    assert cli.main(["import", str(survey), "--layer", "survey", "--project", str(project), "--replace"]) == 0
    out = tmp_path / "flags.csv"
    assert cli.main(["--lang", "en", "flags", "--project", str(project), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("gso_code")
    answered = table.loc[["03127", "03130"], "evidence"]
    assert answered.str.contains("survey").all()
    others = table.drop(index=["03127", "03130"])["evidence"]
    assert not others.str.contains("both present").any()
    assert others.str.contains("survey: no answer").all()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--year", "1999"], "1999"),
        (["--road-km", "nan"], "road_km"),
        (["--road-km", "-1"], "road_km"),
        (["--grid-pct", "150"], "grid_household_pct"),
        (["--project", "khong_co.gpkg"], "khong_co.gpkg"),
    ],
)
def test_bad_options_exit_2_naming_the_option(tmp_path, capsys, args, needle):
    out = tmp_path / "flags.csv"
    assert cli.main(["flags", *args, "--out", str(out)]) == 2
    assert needle in capsys.readouterr().err
    assert not out.exists()


def test_lang_may_follow_the_sub_command(tmp_path, capsys):
    assert cli.main(["flags", "--lang", "en", "--year", "1999", "--out", str(tmp_path / "f.csv")]) == 2
    assert "outside the survey years" in capsys.readouterr().err


def test_a_special_file_or_a_file_as_folder_is_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # not a regular file, like a device: must never be replaced
    assert cli.main(["flags", "--out", str(fifo)]) == 2
    assert not fifo.is_file() and fifo.exists()
    blocker = tmp_path / "tep.csv"
    blocker.write_text("x")
    assert cli.main(["flags", "--out", str(blocker / "flags.csv")]) == 2
    assert blocker.read_text() == "x"


def test_flags_csv_carries_the_illustrative_mark_and_credits(tmp_path):
    out = tmp_path / "flags.csv"
    assert cli.main(["flags", "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert table["source"].str.contains("Dữ liệu minh họa / Illustrative data").all()
    assert table["source"].str.contains("ODbL").all()
