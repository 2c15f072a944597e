"""Boundaries layer: unit sets, search with or without diacritics, unknown codes."""

from __future__ import annotations

import pytest

from geo.errors import InputError, UnknownCommuneError
from layers import boundaries


@pytest.fixture(scope="module")
def communes():
    return boundaries.load_communes("pre2025")


@pytest.mark.parametrize("query", ["muong nhe", "Mường Nhé", "MUONG NHE", "Mu\u031bo\u031b\u0300ng Nhe\u0301", "xa muong nhe"])
def test_find_commune_with_or_without_diacritics(communes, query):
    hits = boundaries.find_communes(communes, query.replace("xa ", ""))
    assert "Xã Mường Nhé" in set(hits["commune"])


def test_search_prefix_narrows_down(communes):
    hits = boundaries.find_communes(communes, "thanh")
    assert len(hits) > 3 and all("thanh" in name.lower() or "Thanh" in name for name in hits["commune"])
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


def test_a_point_is_resolved_to_the_commune_that_holds_it():
    display = boundaries.load_communes("pre2025", display=True)
    row = display[display["commune"] == "Xã Mường Nhé"].iloc[0]
    point = row.geometry.representative_point()
    assert boundaries.commune_at(display, point.x, point.y) == row["unit_id"]
    assert boundaries.commune_at(display, 100.0, 10.0) is None  # far outside the province
