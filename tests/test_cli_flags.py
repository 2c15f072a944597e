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
    assert list(table.columns[:6]) == ["gso_code", "commune", "district", "lacks_allseason_road", "lacks_grid", "evidence"]
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
    assert cli.main(["flags", "--road-km", "10", "--grid-km", "20", "--grid-pct", "0", "--out", str(loose)]) == 0
    assert cli.main(["flags", "--road-km", "0.5", "--grid-km", "0.5", "--grid-pct", "95", "--out", str(strict)]) == 0
    a, b = pd.read_csv(loose), pd.read_csv(strict)
    assert b["lacks_allseason_road"].sum() >= a["lacks_allseason_road"].sum()
    assert b["lacks_grid"].sum() > a["lacks_grid"].sum()


def test_bad_units_exit_2_with_a_message():
    proc = subprocess.run([sys.executable, "cli.py", "flags", "--units", "1999", "--out", "x.csv"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "--units" in proc.stderr and "pre2025" in proc.stderr


def test_output_into_a_missing_folder_exit_2_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "khong_co" / "flags.csv"
    assert cli.main(["flags", "--out", str(out)]) == 2
    assert "khong_co" in capsys.readouterr().err
    assert not out.parent.exists()
