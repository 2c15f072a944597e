"""Programme coverage end to end: `cli.py programmes` tables as a planner reads them (Vietnamese headers and
words, or English with --lang en), an imported list on the map and in the CSV, the 2025 units, the map layers
and the print layout, bad input, and the print path without the web-map library."""

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
from report.tables import programme_table
from workflows.programmes import (
    ProgrammeRun,
    analyse_programmes,
    commune_table,
    programme_map,
    summary_table,
)

ROOT = Path(__file__).resolve().parent.parent
#: Headers a Vietnamese planner reads in the commune table: the programmes by their names.
P30A = "Huyện nghèo 30a (Nghị quyết 30a/2008/NQ-CP, 2009–2020)"
QD141 = "Đề án 141 ổn định dân cư Mường Nhé (QĐ 141/QĐ-TTg, 2008–2012)"
BORDER = "Xã biên giới (suy diễn từ bản đồ, chính thức 29 xã)"
P135 = "Chương trình 135, 2017–2020 (QĐ 900/QĐ-TTg)"
ZONE3_2026 = "Xã khu vực III 2026–2030 (QĐ 46 của UBND tỉnh)"
#: A programme of the user's own: the saved layer keeps only its key (``user_chuong_trinh_rieng``).
OWN = "chuong trinh rieng"
CODE, COMMUNE, DISTRICT_CODE, DISTRICT = "Mã xã (TCTK)", "Xã", "Mã huyện (TCTK)", "Huyện"
#: Membership as the Vietnamese table words it.
MEMBER = {
    "yes": "thuộc chương trình",
    "no": "không thuộc",
    "unknown": "chưa rõ",
    "partial": "một phần (một số xã cũ thuộc)",
}
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
    assert len(table) == 129 and table[CODE].is_unique
    assert table[CODE].str.fullmatch(r"\d{5}").all() and table[CODE].str.startswith("0").all()
    assert table.columns[:4].tolist() == [CODE, COMMUNE, DISTRICT_CODE, DISTRICT]
    for column in (
        P30A,
        QD141,
        BORDER,
        P135,
        "Điểm nhu cầu",
        "Hạng",
        "Được phủ bởi",
        "Khoảng trống",
        "Dân số",
        "Năm số dân",
        "Nguồn",
    ):
        assert column in table.columns, column
    assert set(table[P135]) == {"chưa rõ"}  # known only as a count: never guessed, never "no"
    assert table["Nguồn"].str.contains("Illustrative").all()  # the need rests on the illustrative survey


def test_the_vietnamese_table_has_no_english_code_as_header_or_value(communes_csv):
    codes = {"gso_code", "need_score", "covered_by", "district_code", "gap", "low_need_covered", "source"}
    assert not codes & set(communes_csv.columns)
    assert not any(c.endswith(("_note", "_year", "_pct")) or "nq30a" in c for c in communes_csv.columns)
    values = set(communes_csv.drop(columns="Nguồn").to_numpy().ravel())
    assert not {"yes", "no", "unknown", "True", "False", "true", "false", "gap", "possible_gap"} & values
    assert set(communes_csv["Thiếu điện lưới"]) == {"có", "không"}
    assert set(communes_csv["Được phủ dù nhu cầu thấp"]) == {"có", "không"}
    assert "Tỷ lệ hộ nghèo; Thiếu đường quanh năm" in communes_csv["Chỉ số nhu cầu đã dùng"].iloc[0]
    rai = pd.to_numeric(communes_csv["Chỉ số tiếp cận nông thôn (RAI, thấp = cần hơn) (%)"])
    assert rai.max() > 1 and rai.between(0, 100).all()  # a share read as %, not 0–1


def test_the_counts_a_planner_checks_against_the_decisions(communes_csv):
    table = communes_csv.set_index(CODE)
    border = table[table[BORDER] == MEMBER["yes"]]
    assert len(border) == 29
    assert table[f"{BORDER}: lưu ý"].str.contains("SUY DIỄN từ bản đồ").all()  # "derived" wherever shown
    probable = border[border[f"{BORDER}: lưu ý"] == "SUY DIỄN từ bản đồ; có thể (chưa chắc)"]
    assert probable[COMMUNE].tolist() == ["Xã Nậm Chua"]
    qd141 = table[table[QD141] == MEMBER["yes"]]
    assert len(qd141) == 10 and set(qd141[f"{QD141}: năm"]) == {"2008"}
    p30a = table[table[P30A] == MEMBER["yes"]]
    assert sorted(set(p30a[DISTRICT_CODE])) == sorted(POOR_30A_DISTRICTS)
    assert set(table.loc[table[DISTRICT_CODE] == "103", P30A]) == {"chưa rõ"}  # Nậm Pồ, formed 2012


def test_a_gap_is_a_neediest_commune_every_judged_programme_says_no_to(communes_csv):
    table = communes_csv
    judged = table["Các chương trình đang xét"].iloc[0].split("; ")
    assert judged == [P30A, QD141, BORDER]
    neediest = table["Nhóm (1 = cần nhất)"] == "1"
    all_no = (table[judged] == MEMBER["no"]).all(axis=1)
    none_yes = ~(table[judged] == MEMBER["yes"]).any(axis=1)
    assert (table["Khoảng trống"] == "khoảng trống").equals(neediest & all_no)
    assert (table["Khoảng trống"] == "có thể là khoảng trống").equals(neediest & none_yes & ~all_no)
    assert (table["Khoảng trống"] == "khoảng trống").any()
    rank = table["Hạng"].astype(int)
    assert rank.is_monotonic_increasing and rank.iloc[0] == 1


def test_the_english_table_reads_in_english(run, tmp_path):
    out = tmp_path / "summary_en.csv"
    assert cli.main(["--lang", "en", "programmes", "--summary", "--out", str(out)]) == 0
    summary = _table_rows(_csv(out)).set_index("Programme")
    border = "Border communes (derived from the map, official count 29)"
    assert summary.at[border, "Communes yes"] == "29" and summary.at[border, "Judged"] == "yes"
    assert summary.at["Programme 135, 2017–2020 (QĐ 900/QĐ-TTg)", "List"] == "count only"
    table = programme_table(commune_table(run), catalogue=run.catalogue, lang="en")
    assert table.columns[:4].tolist() == ["GSO code", "Commune", "GSO district code", "District"]
    assert set(table[border]) == {"member", "not a member"} and (table[border] == "member").sum() == 29
    assert set(table[f"{border}: caveats"]) == {"DERIVED from the map", "DERIVED from the map; probable"}
    assert set(table["No grid power"]) == {"yes", "no"}
    assert set(table["Gap"]) == {"", "gap", "possible gap"}
    assert table["GSO code"].str.fullmatch(r"0\d{4}").all()
    assert not {"gso_code", "need_score", "covered_by", "gap"} & set(table.columns)


def test_the_xlsx_opens_with_the_csv_headers_and_holds_the_table_the_page_offers(tmp_path, communes_csv, run):
    out = tmp_path / "xa.xlsx"
    assert cli.main(["programmes", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Xã - Communes", "Nguồn - Sources"]
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == communes_csv.columns.tolist()  # the same headers as the CSV
    codes = [sheet.cell(r, 1) for r in range(2, sheet.max_row + 1)]
    assert all(c.data_type == "s" and len(c.value) == 5 and c.value.startswith("0") for c in codes)
    rows = pd.DataFrame([[c.value for c in row] for row in sheet.iter_rows(min_row=2)], columns=header)
    assert set(rows[BORDER]) == {MEMBER["yes"], MEMBER["no"]} and set(rows["Thiếu điện lưới"]) == {
        "có",
        "không",
    }
    # the page's downloads and the CLI write one table: the same function on the same run
    page = programme_table(commune_table(run), catalogue=run.catalogue, lang="vi")
    assert page.columns.tolist() == header
    as_text = page.astype(object).where(page.notna(), None)
    assert rows.astype(object).where(rows.notna(), None).equals(as_text.replace({"": None}))


def test_the_programme_summary_reads_in_vietnamese(run):
    table = programme_table(summary_table(run), catalogue=run.catalogue, lang="vi")
    rows = table.set_index("Chương trình")
    assert rows.at[BORDER, "Xã có"] == 29 and rows.at[BORDER, "Đang xét"] == "có"
    assert rows.at[P135, "Danh sách"] == "chỉ biết số lượng" and rows.at[P135, "Đang xét"] == "không"
    assert "SUY DIỄN từ bản đồ" in rows.at[BORDER, "Ghi chú dữ liệu"]
    known, at_most = rows["Hộ nghèo được phủ, chắc chắn (%)"], rows["Hộ nghèo được phủ, tối đa (%)"]
    assert (known <= at_most).all() and at_most.max() <= 100 and at_most.max() > 1
    assert not {"programme", "n_yes", "judged", "listed", "caveats"} & set(table.columns)


def test_the_summary_shares_follow_from_the_commune_table(communes_csv, run):
    summary = summary_table(run).set_index("programme")
    assert summary.at["border_communes", "n_yes"] == 29 and summary.at["qd141_2008_2012", "n_yes"] == 10
    assert "derived" in summary.at["border_communes", "caveats"]
    assert (
        "count_only" in summary.at["p135_2017_2020", "caveats"]
        and summary.at["p135_2017_2020", "n_unknown"] == 129
    )
    table = communes_csv
    poor = pd.to_numeric(table["Số nghèo ước tính"], errors="coerce")
    for key, name in (("nq30a_2009_2020", P30A), ("border_communes", BORDER)):
        known = poor[table[name] == MEMBER["yes"]].sum() / poor.sum()
        at_most = (
            poor[table[name].isin([MEMBER[m] for m in ("yes", "unknown", "partial")])].sum() / poor.sum()
        )
        assert float(summary.at[key, "pct_poor_covered_min"]) == pytest.approx(100 * known, abs=0.06)
        assert float(summary.at[key, "pct_poor_covered_max"]) == pytest.approx(100 * at_most, abs=0.06)
        members = table[table[name] == MEMBER["yes"]]
        quintile = members["Nhóm (1 = cần nhất)"]
        share = (quintile == "1").sum() / (quintile != "").sum()
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
    p135 = rows.set_index(CODE)[P135]
    assert sorted(p135[p135 == MEMBER["yes"]].index) == ["03165", "03166"]  # Pa Tần by name, 03166 by code
    assert (
        p135.drop(["03165", "03166"]) == MEMBER["no"]
    ).all()  # the whole list: every other commune is "no"
    own = rows.set_index(COMMUNE)[OWN]
    assert own["Xã Mường Tùng"] == MEMBER["yes"] and (own.drop("Xã Mường Tùng") == MEMBER["no"]).all()
    assert rows["Các chương trình đang xét"].iloc[0] == f"{P135}; {OWN}"
    assert book.sheetnames == ["Xã - Communes", "Nguồn - Sources"]

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
    table = _table_rows(_csv(out)).set_index(CODE)
    assert len(table) == 45
    assert table.at["03217", P30A] == MEMBER["partial"]  # Tủa Chùa town + Mường Báng (30a) + Nà Tòng (not)
    assert table.at["03158", BORDER] == MEMBER["yes"]
    zones = membership_zone3_2026("2025").set_index("gso_code")["member"]
    assert table[ZONE3_2026].to_dict() == zones.map(MEMBER).to_dict()  # read on the 2025 communes directly
    complete = set(table["Dân số đủ mọi xã cũ"])
    assert complete <= {"có", "không"} and "không" in complete


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
    expected = communes_csv[communes_csv[DISTRICT_CODE] == "096"]
    assert set(table["district_code"]) == {"096"} and table["gso_code"].tolist() == expected[CODE].tolist()
    assert table["need_rank"].astype(str).tolist() == expected["Hạng"].tolist()


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
