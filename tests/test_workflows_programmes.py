"""Programme coverage end to end: `cli.py programmes` tables, an imported list on the map and in the CSV, the
2025 units, the map layers and the print layout, bad input, and the print path without the web-map
library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import cli
from geo.messages import msg
from layers.catalog import POOR_30A_DISTRICTS
from layers.programmes import membership_zone3_2026
from layers.registry import LAYER_KEYS, map_layer
from layers.spec import MapContext
from report.layout import PrintSettings, render_layout
from workflows.programmes import (
    ProgrammeRun,
    analyse_programmes,
    commune_table,
    programme_map,
    summary_table,
)

ROOT = Path(__file__).resolve().parent.parent
#: A member list as a planner types it: one commune by code, one by name and district, and a programme of
#: their own.
P135_CSV = (
    "gso_code,commune,district,programme,period,year,member\n03166,,,Quyết định "
    "900/QĐ-TTg,2017-2020,2017,có\n,Xã Pa Tần,Huyện Nậm Pồ,Quyết định 900/QĐ-TTg,2017-2020,2018,có\n,Mường "
    "Tùng,Mường Chà,Chương trình riêng,2016-2020,,có\n"
)


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=False)


def _table_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows above the empty row that separates the table from its source notes."""
    blank = frame.index[(frame == "").all(axis=1)]
    return frame.loc[: blank[0] - 1] if len(blank) else frame


@pytest.fixture(scope="module")
def run(analysis_inputs) -> ProgrammeRun:
    """Coverage of the default programmes against need, pre-2025 communes, default weights (embedded data)."""
    return analyse_programmes(analysis_inputs)


@pytest.fixture(scope="module")
def communes_csv(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("prog") / "communes.csv"
    assert cli.main(["programmes", "--out", str(out)]) == 0
    return _table_rows(_csv(out))


def test_one_row_per_commune_with_gso_codes_as_text_and_every_programme(communes_csv):
    table = communes_csv
    assert len(table) == 129 and table["gso_code"].is_unique
    assert table["gso_code"].str.fullmatch(r"\d{5}").all() and table["gso_code"].str.startswith("0").all()
    assert table.columns[:4].tolist() == ["gso_code", "commune", "district_code", "district"]
    for column in (
        "nq30a_2009_2020",
        "qd141_2008_2012",
        "border_communes",
        "p135_2017_2020",
        "need_score",
        "need_rank",
        "covered_by",
        "gap",
        "population",
        "population_year",
        "source",
    ):
        assert column in table.columns, column
    assert set(table["p135_2017_2020"]) == {"unknown"}  # known only as a count: never guessed, never "no"
    assert table["source"].str.contains("Illustrative").all()  # the need rests on the illustrative survey


def test_the_counts_a_planner_checks_against_the_decisions(communes_csv):
    table = communes_csv.set_index("gso_code")
    border = table[table["border_communes"] == "yes"]
    assert len(border) == 29
    assert table["border_communes_note"].str.contains("derived").all()  # "derived" wherever shown
    assert (border["border_communes_note"] == "derived;probable").sum() == 1
    probable = border[border["border_communes_note"] == "derived;probable"]
    assert probable["commune"].tolist() == ["Xã Nậm Chua"]
    qd141 = table[table["qd141_2008_2012"] == "yes"]
    assert len(qd141) == 10 and set(qd141["qd141_2008_2012_year"]) == {"2008"}
    p30a = table[table["nq30a_2009_2020"] == "yes"]
    assert sorted(set(p30a["district_code"])) == sorted(POOR_30A_DISTRICTS)
    # Nậm Pồ, formed 2012
    assert set(table.loc[table["district_code"] == "103", "nq30a_2009_2020"]) == {"unknown"}


def test_a_gap_is_a_neediest_commune_every_judged_programme_says_no_to(communes_csv):
    table = communes_csv
    judged = table["programmes_judged"].iloc[0].split(";")
    assert judged == ["nq30a_2009_2020", "qd141_2008_2012", "border_communes"]
    neediest = table["need_quintile"] == "1"
    all_no = (table[judged] == "no").all(axis=1)
    none_yes = ~(table[judged] == "yes").any(axis=1)
    assert (table["gap"] == "gap").equals(neediest & all_no)
    assert (table["gap"] == "possible_gap").equals(neediest & none_yes & ~all_no)
    assert (table["gap"] == "gap").any()
    rank = table["need_rank"].astype(int)
    assert rank.is_monotonic_increasing and rank.iloc[0] == 1


def test_the_summary_shares_follow_from_the_commune_table(communes_csv, run):
    summary = summary_table(run).set_index("programme")
    assert summary.at["border_communes", "n_yes"] == 29 and summary.at["qd141_2008_2012", "n_yes"] == 10
    assert "derived" in summary.at["border_communes", "caveats"]
    assert (
        "count_only" in summary.at["p135_2017_2020", "caveats"]
        and summary.at["p135_2017_2020", "n_unknown"] == 129
    )
    table = communes_csv
    poor = pd.to_numeric(table["poor"], errors="coerce")
    for key in ("nq30a_2009_2020", "border_communes"):
        known = poor[table[key] == "yes"].sum() / poor.sum()
        at_most = poor[table[key].isin(["yes", "unknown", "partial"])].sum() / poor.sum()
        assert float(summary.at[key, "pct_poor_covered_min"]) == pytest.approx(100 * known, abs=0.06)
        assert float(summary.at[key, "pct_poor_covered_max"]) == pytest.approx(100 * at_most, abs=0.06)
        members = table[table[key] == "yes"]
        share = (members["need_quintile"] == "1").sum() / (members["need_quintile"] != "").sum()
        assert float(summary.at[key, "pct_covered_in_neediest_quintile"]) == pytest.approx(
            100 * share, abs=0.06
        )


def test_an_imported_list_lands_on_its_communes_in_the_csv_and_on_the_map(
    tmp_path, projects_dir, analysis_inputs
):
    source = tmp_path / "p135.csv"
    source.write_text(P135_CSV, encoding="utf-8")
    assert cli.main(["import", str(source), "--layer", "programmes", "--project", "demo"]) == 0
    out = tmp_path / "with_list.xlsx"
    assert (
        cli.main(
            [
                "programmes",
                "--project",
                "demo",
                "--programmes",
                "p135_2017_2020,user_chuong_trinh_rieng",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = pd.DataFrame([[c.value for c in row] for row in sheet.iter_rows(min_row=2)], columns=header)
    assert all(sheet.cell(r, 1).data_type == "s" for r in range(2, sheet.max_row + 1))  # GSO codes stay text
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # no formula anywhere
    p135 = rows.set_index("gso_code")["p135_2017_2020"]
    assert sorted(p135[p135 == "yes"].index) == ["03165", "03166"]  # Pa Tần by name, 03166 by code
    assert (p135.drop(["03165", "03166"]) == "no").all()  # the whole list: every other commune is "no"
    own = rows.set_index("commune")["user_chuong_trinh_rieng"]
    assert own["Xã Mường Tùng"] == "yes" and (own.drop("Xã Mường Tùng") == "no").all()
    assert book.sheetnames[1] == "Nguồn - Sources"

    # the project holds only the list: its other layers are the embedded ones
    run = analyse_programmes(
        analysis_inputs, project=str(projects_dir / "demo.gpkg"), programmes=["p135_2017_2020"]
    )
    bundle = programme_map(run, "p135_2017_2020", lang="en")
    drawn = map_layer("prog_member").parts[0].prepared(bundle.data.communes, MapContext(lang="en"))
    assert sorted(drawn["gso_code"]) == ["03165", "03166"]
    assert set(drawn["programme_name"]) == {"Programme 135, 2017–2020 (QĐ 900/QĐ-TTg)"}
    assert "p135.csv" in bundle.sources["programmes"].credit()


def test_a_bad_list_is_refused_in_the_users_language_and_nothing_is_saved(tmp_path, projects_dir, capsys):
    source = tmp_path / "bad.csv"
    source.write_text(
        "gso_code,programme,year\n99999,Quyết định 900/QĐ-TTg,2016\n03166,Quyết định 900/QĐ-TTg,2017\n",
        encoding="utf-8",
    )
    assert cli.main(["import", str(source), "--layer", "programmes", "--project", "bad"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "dòng 2" in err and "99999" in err  # the unknown commune, named where it is
    assert "năm 2016 nằm ngoài giai đoạn" in err  # the year outside 2017–2020, in Vietnamese
    assert not (projects_dir / "bad.gpkg").exists()


def test_on_the_2025_units_programmes_follow_the_crosswalk(tmp_path):
    out = tmp_path / "c2025.csv"
    assert cli.main(["programmes", "--units", "2025", "--out", str(out)]) == 0
    table = _table_rows(_csv(out)).set_index("gso_code")
    assert len(table) == 45
    # Tủa Chùa town + Mường Báng (30a) + Nà Tòng (not)
    assert table.at["03217", "nq30a_2009_2020"] == "partial"
    assert table.at["03158", "border_communes"] == "yes"
    zones = membership_zone3_2026("2025").set_index("gso_code")["member"]
    assert table["zone3_2026_2030"].to_dict() == zones.to_dict()  # read on the 2025 communes directly
    assert set(table["population_complete"]) <= {"true", "false"} and "false" in set(
        table["population_complete"]
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--weights", "poor_hh_rate_pct=-1"], "weight 'poor_hh_rate_pct' must not be negative"),
        (["--weights", "income=2"], "weight 'income' is not a need indicator"),
        (["--programmes", "p136"], "programme 'p136' does not exist"),
        (["--district", "999"], "district '999' has no commune"),
    ],
)
def test_bad_choices_are_named_and_nothing_is_written(tmp_path, capsys, args, words):
    out = tmp_path / "x.csv"
    assert cli.main(["--lang", "en", "programmes", *args, "--out", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_a_district_keeps_its_communes_and_their_province_wide_ranks(communes_csv, run):
    table = commune_table(run, district="096")
    expected = communes_csv[communes_csv["district_code"] == "096"]
    assert (
        set(table["district_code"]) == {"096"} and table["gso_code"].tolist() == expected["gso_code"].tolist()
    )
    assert table["need_rank"].astype(str).tolist() == expected["need_rank"].tolist()


def test_the_programme_map_prints_with_its_legend_credit_and_illustrative_mark(run):
    bundle = programme_map(run, "border_communes", lang="vi", district="096")
    assert set(bundle.data.communes["district_code"]) == {"096"}
    _, info = render_layout(bundle, PrintSettings(dpi=60, title="Xã biên giới"), "png")
    assert info.illustrative  # the need score rests on the illustrative survey
    assert {"thuộc chương trình", "khoảng trống", "nhóm 1 — cần nhất"} <= set(info.legend_labels)
    assert any(msg("prog_caveat_derived", "vi") in credit for credit in info.credits)  # in the map's language
    # the document the data names in English ("... portal (introduction page)") is named in the map's language
    assert any(
        "Cổng thông tin Công an tỉnh Điện Biên (trang giới thiệu) (2024-09-04)" in credit
        for credit in info.credits
    )
    assert not any("portal" in credit for credit in info.credits)
    english = programme_map(run, "border_communes", lang="en").sources["programmes"].credit("en")
    assert english.startswith("Công an tỉnh Điện Biên portal (introduction page) (2024-09-04)")
    # not offered on maps without their columns
    assert not {"prog_need", "prog_member", "prog_gaps"} & set(LAYER_KEYS)


def test_the_importers_and_the_programme_template_run_without_the_web_map_library():
    code = (
        "import sys, report.programme_template, layers.programme_import, layers.programmes, layers.registry, "
        "report.layout; print(sorted(m for m in ('folium', 'branca') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
