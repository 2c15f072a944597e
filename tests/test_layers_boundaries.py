"""Boundaries layer: unit sets, search with or without diacritics, unknown codes."""

from __future__ import annotations

import pytest

from geo.errors import InputError, UnknownCommuneError
from layers import boundaries


@pytest.fixture(scope="module")
def communes():
    return boundaries.load_communes("pre2025")


@pytest.mark.parametrize(
    "query", ["muong nhe", "Mường Nhé", "MUONG NHE", "Mu\u031bo\u031b\u0300ng Nhe\u0301", "xa muong nhe"]
)
def test_find_commune_with_or_without_diacritics(communes, query):
    hits = boundaries.find_communes(communes, query.replace("xa ", ""))
    assert "Xã Mường Nhé" in set(hits["commune"])


def test_search_prefix_narrows_down(communes):
    hits = boundaries.find_communes(communes, "thanh")
    names = [boundaries.official_name(row) for _, row in hits.iterrows()]  # Tà Lèng's polygon is Thanh Minh's
    assert len(hits) > 3 and all("thanh" in name.lower() or "Thanh" in name for name in names)
    assert boundaries.find_communes(communes, "   ").empty
    assert boundaries.find_communes(communes, "khong co xa nay").empty


def test_unknown_code_names_the_code(communes):
    with pytest.raises(UnknownCommuneError) as info:
        boundaries.commune_row(communes, "99999")
    assert "99999" in info.value.render("vi") and "TCTK" in info.value.render("vi")
    assert "99999" in info.value.render("en")


def test_unknown_unit_set_is_refused():
    with pytest.raises(InputError, match="pre2025"):
        boundaries.load_communes("2019")


# --- official names, census spellings and known variants (issue 14, item 6)
# -----------------------------------------


@pytest.mark.parametrize(
    ("query", "gso_code"),
    [
        # the GSO name, with or without diacritics, finds the polygon the census file spells otherwise
        ("phu luong", "03368"),
        ("Phu Luông", "03368"),
        ("Xã Phu Luông", "03368"),
        ("pu luong", "03368"),
        ("huoi lenh", "03177"),
        ("Huổi Lếch", "03177"),
        ("sa long", "03197"),
        ("Xá Lông", "03197"),
        # variants the other sources use find the GSO commune
        ("xa nhe", "03244"),
        ("Sáng Nhè", "03244"),
        ("sin chai", "03223"),
        ("Xín Chải", "03223"),
        ("sa tong", "03178"),
        ("Xá Tổng", "03178"),
        ("noong u", "03371"),
        ("luan gioi", "03379"),
    ],
)
def test_search_finds_official_census_and_variant_spellings(communes, query, gso_code):
    hits = boundaries.find_communes(communes, query)
    assert gso_code in set(hits["gso_code"])


def test_search_by_a_variant_does_not_find_a_different_commune(communes):
    # Sín Chải is a variant of Xín Chải (03223); Tả Sìn Thàng (03226) and the rest are other communes
    assert set(boundaries.find_communes(communes, "sin chai")["gso_code"]) == {"03223"}
    assert set(boundaries.find_communes(communes, "phu luong")["gso_code"]) == {"03368"}


def test_search_results_and_panel_show_the_official_name(communes):
    hit = boundaries.find_communes(communes, "pu luong").iloc[0]
    assert boundaries.official_name(hit) == "Xã Phu Luông"
    label = boundaries.search_label(hit, "vi")
    assert label.startswith("Xã Phu Luông — Huyện Điện Biên") and "Pu Luông" in label
    notes = " ".join(boundaries.name_notes(communes, "03368", "en"))
    assert "Xã Pu Luông" in notes and "Xã Phu Luông" in notes
    assert "Xá Nhè" in " ".join(boundaries.name_notes(communes, "03244", "vi"))


def test_the_code_shared_by_ta_leng_and_thanh_minh_is_explained(communes):
    polygons = communes[communes["gso_code"] == "03145"]
    assert sorted(polygons["commune"]) == ["Xã Thanh Minh", "Xã Tà Lèng"]
    for unit_id in polygons["unit_id"]:
        for lang in ("vi", "en"):
            notes = " ".join(boundaries.name_notes(communes, unit_id, lang))
            assert "03145" in notes and "Tà Lèng" in notes and "Thanh Minh" in notes and "2020" in notes
    # both polygons come up for "thanh minh", told apart by the boundary file's name; "ta leng" finds the old
    # polygon
    labels = [
        boundaries.search_label(row, "vi")
        for _, row in boundaries.find_communes(communes, "thanh minh").iterrows()
    ]
    assert len(labels) == 2 and len(set(labels)) == 2 and any("Tà Lèng" in label for label in labels)
    assert list(boundaries.find_communes(communes, "ta leng")["unit_id"]) == list(
        polygons.loc[polygons["commune"] == "Xã Tà Lèng", "unit_id"]
    )


@pytest.mark.parametrize(
    ("query", "gso_code"),
    [("phu luong", "03368"), ("xin chai", "03226"), ("huoi lech", "03163"), ("sa tong", "03151")],
)
def test_2025_units_are_found_by_their_former_communes_names(query, gso_code):
    communes_2025 = boundaries.load_communes("2025")
    hits = boundaries.find_communes(communes_2025, query)
    assert list(hits["gso_code"]) == [gso_code]


def test_every_variant_is_recorded_in_the_source_it_cites():
    """The variants table invents nothing: the GSO name is the GSO list's name of that code, and each
    SOURCE.md the row cites records the variant spelling (whole, or as 'Pu/Phu Luông')."""
    import re

    from geo.io import DATA_DIR, read_table
    from layers.catalog import ADMIN_PRE2025_CSV, NAME_VARIANTS_CSV

    gso = dict(
        zip(*read_table(ADMIN_PRE2025_CSV, dtype=str)[["commune_gso", "commune_name"]].T.values, strict=True)
    )
    table = read_table(NAME_VARIANTS_CSV, dtype=str)
    assert len(table) >= 6
    for row in table.itertuples():
        assert gso[row.gso_code].split(" ", 1)[1] == row.gso_name
        cited = re.findall(r"data/([a-z_]+)/SOURCE\.md", row.where_the_variant_is_found)
        assert cited, row
        first, rest = row.variant.split(" ", 1)
        other = row.gso_name.split(" ", 1)[0]
        for folder in cited:
            text = (DATA_DIR / folder / "SOURCE.md").read_text(encoding="utf-8")
            assert any(
                form in text for form in (row.variant, f"{first}/{other} {rest}", f"{other}/{first} {rest}")
            ), (row.variant, folder)


def test_a_point_is_resolved_to_the_commune_that_holds_it():
    display = boundaries.load_communes("pre2025", display=True)
    row = display[display["commune"] == "Xã Mường Nhé"].iloc[0]
    point = row.geometry.representative_point()
    assert boundaries.commune_at(display, point.x, point.y) == row["unit_id"]
    assert boundaries.commune_at(display, 100.0, 10.0) is None  # far outside the province
