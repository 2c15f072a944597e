"""The embedded programme data: the counts a planner would check against the decisions, and the membership
rules."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from layers import programmes as lp
from layers.catalog import POOR_30A_DISTRICTS
from layers.imports import admin_reference

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def memberships() -> pd.DataFrame:
    return lp.load_memberships()


def _members(memberships: pd.DataFrame, key: str) -> pd.DataFrame:
    return memberships[memberships["programme"] == key].set_index("gso_code")


@pytest.mark.parametrize("folder", ["programmes", "population", "resettlement", "poverty"])
def test_embedded_tables_match_the_checksums_their_source_file_states(folder):
    source = (DATA / folder / "SOURCE.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([^`]+\.csv)` \| [\d,]+ \| `([0-9a-f]{64})` \|$", source, flags=re.M)
    assert listed, "SOURCE.md lists no checksum"
    for name, digest in listed:
        assert hashlib.sha256((DATA / folder / name).read_bytes()).hexdigest() == digest, name


def test_source_files_keep_the_shared_statements_of_derived_partial_and_secondary_data():
    programmes = (DATA / "programmes" / "SOURCE.md").read_text(encoding="utf-8")
    for statement in (
        "DERIVED from real geometry",
        "known as counts only, not as names",
        "SECONDARY",
        "the 2008 communes were partly split afterwards",
    ):
        assert statement in programmes
    assert "MIXED YEARS" in (DATA / "population" / "SOURCE.md").read_text(encoding="utf-8")
    assert "NOT representative" in (DATA / "poverty" / "SOURCE.md").read_text(encoding="utf-8")


def test_29_border_communes_are_28_plus_1_probable_and_flagged_derived(memberships):
    border = _members(memberships, "border_communes")
    members = border[border["member"] == "yes"]
    assert len(members) == 29  # the official count (provincial police portal, 2024)
    assert (members["status"] == "border").sum() == 28
    probable = members[members["status"] == "border_probable"]
    assert list(probable.index) == ["03173"]  # Xã Nậm Chua, 0.92 km from the line
    assert "probable" in probable["caveats"].iloc[0]
    assert border["caveats"].str.contains("derived").all()
    assert (border["member"] == "no").sum() == 100


def test_qd141_names_10_communes_and_marks_the_later_split_territory_unknown(memberships):
    qd141 = _members(memberships, "qd141_2008_2012")
    named = ["03170", "03169", "03168", "03166", "03165", "03164", "03162", "03163", "03160", "03157"]
    assert sorted(qd141.index[qd141["member"] == "yes"]) == sorted(named)
    assert (qd141.loc[named, "year"] == 2008).all()
    assert qd141.loc[named, "caveats"].str.contains("split_since_2008").all()
    # The other communes of Mường Nhé (096) and Nậm Pồ (103) may hold 2008 territory of a named commune.
    reference = admin_reference("pre2025").set_index("gso_code")
    others = qd141[qd141["member"] != "yes"]
    in_area = reference.loc[others.index, "district_code"].isin(["096", "103"])
    assert (others.loc[in_area, "member"] == "unknown").all() and in_area.sum() == 26 - 10
    assert (others.loc[~in_area, "member"] == "no").all()


def test_30a_is_four_districts_and_nam_po_is_unknown(memberships):
    p30a = _members(memberships, "nq30a_2009_2020")
    reference = admin_reference("pre2025").set_index("gso_code")
    districts = reference.loc[p30a.index[p30a["member"] == "yes"], "district_code"]
    assert sorted(districts.unique()) == sorted(POOR_30A_DISTRICTS) and len(POOR_30A_DISTRICTS) == 4
    figure = (
        lp.load_programme_documents()
        .set_index("document")
        .at["Nghị quyết 30a/2008/NQ-CP", "dien_bien_figure"]
    )
    names = reference.drop_duplicates("district_code").set_index("district_code")["district"]
    for code in POOR_30A_DISTRICTS:  # the constant is the decision's list, not a guess
        assert names[code].replace("Huyện ", "") in figure
    assert (p30a.loc[reference.index[reference["district_code"] == "103"], "member"] == "unknown").all()


def test_new_rural_keeps_recognised_basic_and_proposed_apart(memberships):
    ntm = _members(memberships, "ntm_recognised")
    assert set(ntm["member"]) == {"yes", "unknown"}  # the named list is partial: never "no"
    recognised = ntm[ntm["member"] == "yes"]
    assert len(recognised) == 21
    assert (recognised["status"] == "dat_chuan").sum() == 9 and (
        recognised["status"] == "co_ban_dat_chuan"
    ).sum() == 12
    assert recognised.at["03337", "year"] == 2015  # Thanh Chăn, end-2015
    # Quài Tở: cơ bản 2019, đạt chuẩn only proposed
    assert recognised.at["03295", "status"] == "co_ban_dat_chuan"
    assert recognised.at["03295", "proposed_status"] == "dat_chuan"
    proposal_only = ntm.loc["03352"]  # Noọng Hẹt: nâng cao proposed at an appraisal meeting, year unknown
    assert proposal_only["member"] == "unknown" and proposal_only["proposed_status"] == "nang_cao"
    assert pd.isna(proposal_only["year"])


def test_new_rural_as_of_an_earlier_year_counts_only_what_was_recognised_by_then():
    early = lp.load_memberships(new_rural_as_of=2017)
    ntm = early[early["programme"] == "ntm_recognised"]
    assert sorted(ntm.loc[ntm["member"] == "yes", "gso_code"]) == ["03337", "03346"]  # Thanh Chăn, Thanh Yên


def test_zones_2026_2030_are_38_of_45_and_carried_to_the_pre2025_communes(memberships):
    zones = lp.membership_zone3_2026("2025")
    assert len(zones) == 45 and (zones["member"] == "yes").sum() == 38
    assert set(zones.loc[zones["member"] == "no", "status"]) == {"zone_I", "zone_II"}
    pre = _members(memberships, "zone3_2026_2030")
    crosswalk = admin_reference("pre2025")  # every pre-2025 commune takes its successor's zone
    successor = pd.read_csv(DATA / "admin_units" / "dien_bien_communes_pre2025_gso.csv", dtype=str).set_index(
        "commune_gso"
    )["new2025_commune_gso"]
    by_2025 = zones.set_index("gso_code")["member"]
    assert (
        pre.loc[crosswalk["gso_code"], "member"].to_numpy()
        == by_2025[successor[crosswalk["gso_code"]]].to_numpy()
    ).all()
    assert (pre["basis"] == "successor_2025").all()


def test_count_only_programmes_keep_their_count_and_decision_and_never_a_member_list(memberships):
    catalogue = lp.programme_catalogue().set_index("programme")
    for key, count, document in (
        ("p135_2017_2020", 103, "Quyết định 900/QĐ-TTg"),
        ("zone3_2021_2025", 94, "Quyết định 861/QĐ-TTg"),
        ("villages_dbkk_2021_2025", 57, "Quyết định 433/QĐ-UBDT"),
    ):
        row = catalogue.loc[key]
        assert not row["listed"] and row["count_in_document"] == count and row["document"] == document
        assert str(count) in row["figure_in_document"]
    p135 = _members(memberships, "p135_2017_2020")
    assert (p135["member"] == "unknown").all()
    zone3 = _members(memberships, "zone3_2021_2025")
    assert list(zone3.index[zone3["member"] == "yes"]) == ["03250"]  # Mường Báng, QĐ 698/QĐ-TTg (secondary)
    assert zone3.at["03250", "caveats"] == "secondary"
    assert (zone3["member"] != "no").all()
    de_an_79 = _members(memberships, "de_an_79_2012_2020")
    assert (de_an_79["member"] == "unknown").sum() == 26 and (de_an_79["member"] == "yes").sum() == 0


def test_every_commune_has_one_answer_per_programme(memberships):
    assert set(memberships["member"]) <= {"yes", "no", "unknown"}
    counts = memberships.groupby("programme")["gso_code"].agg(["size", "nunique"])
    assert (counts["size"] == 129).all() and (counts["nunique"] == 129).all()
    assert set(memberships["programme"]) == set(lp.PROGRAMME_KEYS)


def test_population_figures_keep_their_year_and_leave_out_a_unit_before_its_merger():
    figures = lp.load_population_figures()
    assert set(figures["kind"]) == {"yearbook", "census2009", "other"}
    thanh_minh_2019 = figures[(figures["gso_code"] == "03145") & (figures["year"] == 2019)]
    assert len(thanh_minh_2019) == 1 and not thanh_minh_2019["matches_current_unit"].iloc[0]
    citypopulation = figures[figures["source_url"].str.contains("citypopulation")]
    assert citypopulation["year"].isna().all()
    census = figures[figures["kind"] == "census2009"]
    assert len(census) == 114 and (census["population"] > 0).all()  # 15 communes created after 2009 have none


def test_border_line_and_tables_are_the_derived_ones():
    line = lp.load_international_border()
    assert len(line) == 1 and line.crs.to_epsg() == 4326
    assert line["length_km"].iloc[0] == pytest.approx(416.8)
    assert line["provenance"].str.contains("DERIVED").all()
    lengths = lp.load_district_border_length().set_index("district_gso")["intl_border_km_DERIVED"]
    assert abs(lengths["103"] - 119.7) <= 0.1 + 1e-9  # press figure for Nậm Pồ: 119.7 km
    assert len(lp.load_border_communes_2025()) == 15


def test_poverty_points_parse_their_years_and_district():
    points = lp.load_poverty_points().set_index("unit_name")
    assert points.at["Mường Nhé", "value"] == pytest.approx(62.43)
    assert (points.at["Mường Nhé", "year_first"], points.at["Mường Nhé", "year_last"]) == (2019, 2020)
    assert points.at["Mường Nhé", "district_code"] == "096"


def test_resettlement_tables_load_with_their_quotes():
    facts = lp.load_resettlement_facts()
    assert len(facts) == 33 and (facts["evidence_quote"] != "").all()
    sites = lp.load_resettlement_sites()
    assert len(sites) == 5 and (sites["gso_commune_code"] != "").sum() == 4


def test_on_the_2025_units_border_and_30a_follow_the_crosswalk():
    from analysis.programmes import memberships_to_2025
    from layers.imports import crosswalk_table

    on_2025 = memberships_to_2025(
        lp.load_memberships(), crosswalk_table(), native=lp.membership_zone3_2026("2025")
    )
    border = on_2025[on_2025["programme"] == "border_communes"].set_index("gso_code")
    touched = set(border.index[border["member"].isin(["yes", "partial"])])
    assert touched == set(lp.load_border_communes_2025()["new2025_commune_gso"])  # the DERIVED 2025 list: 15
    assert border.at["03158", "member"] == "yes"  # Sín Thầu = Sín Thầu + Sen Thượng + Leng Su Sìn, all border
    p30a = on_2025[on_2025["programme"] == "nq30a_2009_2020"].set_index("gso_code")
    # Xã Tủa Chùa = Tủa Chùa town and Mường Báng (Tủa Chùa, 30a) + Nà Tòng (Tuần Giáo, not 30a)
    assert (p30a.at["03217", "member"], p30a.at["03217", "n_yes"], p30a.at["03217", "n_no"]) == (
        "partial",
        2,
        1,
    )
    zones = on_2025[on_2025["programme"] == "zone3_2026_2030"]
    assert len(zones) == 45 and (zones["member"] == "yes").sum() == 38 and (zones["basis"] == "listed").all()


def test_each_vietnamese_wording_translates_a_text_the_shared_data_holds_and_says_so():
    """Every row of the project's Vietnamese wording names an English note that its file and column hold as is
    (none left dangling after an upstream change), is in Vietnamese, and SOURCE.md says the file is the
    project's translation."""
    texts = pd.read_csv(lp.TEXTS_VI_CSV, dtype=str, keep_default_na=False)
    assert len(texts) == len(texts.drop_duplicates(["file", "column", "text_en"])) > 0
    folders = {lp.DOCUMENTS_CSV.name: lp.DOCUMENTS_CSV, lp.POVERTY_POINTS_CSV.name: lp.POVERTY_POINTS_CSV}
    for row in texts.itertuples():
        held = pd.read_csv(folders[row.file], dtype=str, keep_default_na=False)[row.column]
        assert (held == row.text_en).any(), (row.file, row.column, row.text_en)
        assert row.text_vi and row.text_vi != row.text_en
        assert lp.data_text(row.text_en, "vi", file=row.file, column=row.column) == row.text_vi
        assert lp.data_text(row.text_en, "en", file=row.file, column=row.column) == row.text_en
    source = (DATA / "programmes" / "SOURCE.md").read_text(encoding="utf-8")
    assert f"`{lp.TEXTS_VI_CSV.name}` is NOT a copy" in source and f"({len(texts)} texts:" in source


def test_documents_named_in_english_by_the_data_are_worded_in_each_language():
    assert lp.document_title("press (VietNamNet)", "vi") == "báo chí (VietNamNet)"
    assert lp.document_title("press (VietNamNet)", "en") == "press (VietNamNet)"
    assert lp.document_title("Quyết định 141/QĐ-TTg", "en") == "Quyết định 141/QĐ-TTg"
    documents = lp.load_programme_documents()["document"]
    for document in {*documents, *(p.document for p in lp.PROGRAMMES)}:
        assert lp.document_title(document, "en") == document  # English mode: the data's own name
        assert not re.search(r"\b(press|portal|page|Decision)\b", lp.document_title(document, "vi")), document
