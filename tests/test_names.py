import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.names import (
    CommuneNameIndex,
    NameMatch,
    fold_text,
    matches_query,
    name_key,
    name_keys,
    normalize_gso_code,
    official_key,
    strip_admin_prefix,
)
from layers.imports import admin_reference


@pytest.fixture(scope="module")
def index():
    ref = admin_reference("pre2025")
    return CommuneNameIndex(
        ref["gso_code"].tolist(),
        ref["commune"].tolist(),
        ref["admin_type"].tolist(),
        ref["district"].tolist(),
    )


def test_existing_behaviour_kept():
    assert fold_text("Mường Nhé") == "muong nhe"
    assert name_key("Xã Mường Nhé") == "muong nhe"
    assert normalize_gso_code(3124) == "03124"
    assert normalize_gso_code("3124.0") == "03124"
    assert normalize_gso_code("abc") is None


def test_keys_handle_names_that_look_like_prefixes():
    assert name_keys("Xã Xá Tổng") == ("xa tong", "xa xa tong")
    assert official_key("Xã Xá Tổng", "Xã") == "xa tong"
    assert official_key("Xã Xa Dung", "Xã") == "xa dung"


@pytest.mark.parametrize(
    "typed",
    [
        "Xã Mường Nhé",
        "xa muong nhe",
        "MƯỜNG NHÉ",
        "  Mường   Nhé ",
        "X. Mường Nhé",
        "X.Mường Nhé",
        unicodedata.normalize("NFD", "Mường Nhé"),
    ],
)
def test_variants_of_a_name_match(index, typed):
    found = index.match(typed)
    assert found.status == "matched" and found.code == "03160"


@pytest.mark.parametrize(
    ("typed", "district", "code"),
    [
        ("Thị trấn Tuần Giáo", None, "03202"),
        ("TT Tuần Giáo", None, "03202"),
        ("TT. Tuần Giáo", None, "03202"),
        ("P. Him Lam", None, "03127"),
        ("Phường Him Lam", "TP Điện Biên Phủ", "03127"),
        ("Xá Tổng", None, None),  # filled below from the list
        ("Xã Xa Dung", "Huyện Điện Biên Đông", None),
    ],
)
def test_prefixes_and_districts(index, typed, district, code):
    ref = admin_reference("pre2025")
    if code is None:
        target = "Xã " + typed.removeprefix("Xã ")
        code = ref.loc[ref["commune"] == target, "gso_code"].iloc[0]
    if typed.startswith("Thị trấn") or typed.startswith("TT"):
        code = ref.loc[
            ref["commune"].str.contains("Tuần Giáo") & (ref["admin_type"] == "Thị trấn"), "gso_code"
        ].iloc[0]
    found = index.match(typed, district)
    assert found.status == "matched", found
    assert found.code == code


def test_old_and_new_tone_placement_match():
    index = CommuneNameIndex(["1", "2"], ["Xã Thanh Hòa", "Xã Mường Phăng"], ["Xã", "Xã"], ["A", "A"])
    assert index.match("Thanh Hoà").code == "1"
    assert index.match("Thanh Hòa").code == "1"


def test_same_name_in_two_districts_needs_the_district(index):
    found = index.match("Nà Tòng")
    assert found.status == "ambiguous" and len(found.candidates) == 2
    ref = admin_reference("pre2025")
    tuan_giao = ref[(ref["commune"] == "Xã Nà Tòng") & ref["district"].str.contains("Tuần Giáo")][
        "gso_code"
    ].iloc[0]
    assert index.match("Nà Tòng", "Huyện Tuần Giáo").code == tuan_giao
    assert index.match("Nà Tòng", "tuan giao").code == tuan_giao


def test_unmatched_name_gets_close_suggestions(index):
    found = index.match("Huổi Lếch")
    assert found.status == "unmatched"
    assert any("Huổi Lếnh" in s for s in found.suggestions)


PREFIXES = {
    "Xã": ["", "Xã ", "xã ", "XÃ ", "X. ", "X.", "xa "],
    "Phường": ["", "Phường ", "P. ", "P.", "phuong "],
    "Thị trấn": ["", "Thị trấn ", "TT ", "TT. ", "tt.", "thi tran "],
}


def test_an_official_name_typed_any_usual_way_finds_its_commune(index):
    """Any commune of the list, typed with or without its type or an abbreviation of it, in any case,
    decomposed or composed, with extra spaces, with its district when its name exists in two: found, and
    only it."""
    ref = admin_reference("pre2025")
    seen = {"matched": 0, "with district": 0}
    keys = pd.Series([official_key(n, t) for n, t in zip(ref["commune"], ref["admin_type"], strict=True)])
    twice = set(ref.loc[keys.duplicated(keep=False).to_numpy(), "gso_code"])

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, len(ref) - 1), st.data())
    def check(i, data):
        row = ref.iloc[i]
        bare = row["commune"][len(row["admin_type"]) + 1 :]
        typed = data.draw(st.sampled_from(PREFIXES[row["admin_type"]])) + bare
        typed = data.draw(st.sampled_from([str, str.lower, str.upper, str.title]))(typed)
        typed = unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), typed)
        typed = data.draw(st.sampled_from(["", "  "])) + typed.replace(
            " ", data.draw(st.sampled_from([" ", "  "]))
        )
        district = row["district"] if row["gso_code"] in twice or data.draw(st.booleans()) else None
        found = index.match(typed, district)
        assert (found.status, found.code) == ("matched", row["gso_code"]), (typed, district, found)
        seen["matched"] += 1
        seen["with district"] += district is not None

    check()
    assert seen["with district"] >= settings.default.max_examples, seen


@settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=20)))
def test_matching_never_raises(index, typed, district):
    found = index.match(typed, district)
    assert found.status in ("matched", "ambiguous", "unmatched")
    assert (found.code is not None) == (found.status == "matched")
    assert len(found.suggestions) <= 3 and (not found.candidates or found.status == "ambiguous")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (3124, "03124"),
        ("3124", "03124"),
        ("3124.0", "03124"),
        (3124.0, "03124"),
        (" 03124 ", "03124"),
        ("12345", "12345"),
        (3124.5, None),
        (float("nan"), None),
        ("031245", None),
        ("-3124", None),
        (None, None),
        ("31 24", None),
        ("", None),
        ("3124.00", None),
        (True, None),
    ],
)
def test_gso_codes(value, code):
    assert normalize_gso_code(value) == code


def test_gso_codes_of_other_lengths():
    assert normalize_gso_code(94, digits=3) == "094" and normalize_gso_code("1000", digits=3) is None


@pytest.mark.parametrize(
    ("folded", "stripped"),
    [
        ("xa muong nhe", "muong nhe"),
        ("xa", "xa"),
        ("tt.tuan giao", "tuan giao"),
        ("tt. tuan giao", "tuan giao"),
        ("thi tran tuan giao", "tuan giao"),
        ("thi xa muong lay", "muong lay"),
        ("xaxa", "xaxa"),
        ("p.him lam", "him lam"),
        ("phuong him lam", "him lam"),
        ("tp dien bien phu", "dien bien phu"),
        ("huyen muong nhe", "muong nhe"),
        ("p.", "p."),
        ("muong xa", "muong xa"),
    ],
)
def test_admin_prefixes(folded, stripped):
    assert strip_admin_prefix(folded) == stripped


@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("Mường Nhé", "muong nhe", True),
        ("Mường Nhé", "nhe muong", True),
        ("Mường Nhé", "mu n", True),
        ("Mường Nhé", "muong nhex", False),
        ("Mường Nhé", "uong", False),
        ("Mường Nhé", "", True),
        ("Xã Mường Nhé", "XA MƯỜNG", True),
    ],
)
def test_search_as_you_type(name, query, found):
    assert matches_query(name, query) is found


def test_keys_without_a_type_and_with_punctuation():
    assert official_key("Xã Mường Nhé") == "muong nhe" and official_key("Mường Nhé", "Xã") == "muong nhe"
    assert official_key("Thị trấn Tuần Giáo", "Thị trấn") == "tuan giao"
    assert name_key("X.Pa Ham") == "pa ham" and name_key("Xã Pa-Ham") == "pa ham"
    assert name_keys("X.Pa Ham") == ("pa ham", "x pa ham") and name_keys("  ") == ()
    assert fold_text("  Đồng   Tâm ") == "dong tam" and fold_text("Hòa") == fold_text("Hoà") == "hoa"


def test_labels_districts_and_suggestions():
    index = CommuneNameIndex(
        ["1", "2", "3", "4"],
        ["Xã Na Son", "Xã Na Sang", "Xã Na Son", "Xã Pu Nhi"],
        ["Xã"] * 4,
        ["Huyện A", "Huyện A", "Huyện B", None],
    )
    assert index.label == {
        "1": "Xã Na Son (Huyện A)",
        "2": "Xã Na Sang (Huyện A)",
        "3": "Xã Na Son (Huyện B)",
        "4": "Xã Pu Nhi",
    }
    assert index.match("Na Son") == NameMatch("ambiguous", candidates=("1", "3"))
    assert index.match("Na Son", "huyen b").code == "3"
    # an unknown district does not restrict
    assert index.match("Na Son", "Huyện Không Có").status == "ambiguous"
    assert index.match("Na Sang", "Huyện B").status == "unmatched"  # a known district that has no such name
    assert index.match("Pu Nhi", "  ").code == "4"
    close = index.match("Na Song")
    assert close.status == "unmatched" and close.suggestions == (
        "Xã Na Son (Huyện A)",
        "Xã Na Son (Huyện B)",
        "Xã Na Sang (Huyện A)",
    )
    assert index.match("Zzzz Qqqq").suggestions == ()
    assert index.suggest("Na Son", n=1) == ("Xã Na Son (Huyện A)",)


def test_reference_lists_have_unique_codes():
    for units in ("pre2025", "2025"):
        ref = admin_reference(units)
        assert ref["gso_code"].is_unique
        assert isinstance(ref, pd.DataFrame)


def test_spelling_groups_join_a_name_and_its_variants_both_ways():
    from geo.names import find_name, spelling_groups, spellings

    groups = spelling_groups([("Phu Luông", "Pu Luông"), ("Xá Tổng", "Sá Tổng")])
    assert groups["phu luong"] == groups["pu luong"] == ("phu luong", "pu luong")
    assert groups["xa tong"] == ("sa tong", "xa tong")  # "Xá" is a name here, not the prefix Xã
    assert spellings("Xã Pu Luông", groups) == ("xa pu luong", "xa phu luong")
    assert find_name(["Xã Pu Luông"], "phu luong", groups=groups) == "Xã Pu Luông"
    assert find_name(["Xã Pu Luông"], "phu luong") is None  # without the variants, a different name
    assert find_name(["Xã Mường Nhà", "Xã Phu Luông"], "phu lu", groups=groups) == "Xã Phu Luông"
    assert find_name(["Xã Xá Tổng"], "sa tong", groups=groups) == "Xã Xá Tổng"
    assert find_name(["Xã Xá Tổng"], "  ", groups=groups) is None


def test_a_suggestion_needs_half_the_letters_in_common():
    # the README's rule: difflib ratio ≥ 0.5 between the typed key and the official key (prefixes removed).
    # "sin" / "sin thau": 2·3 / (3 + 8) = 0.545, suggested; "pa tan" / "na khoa": 2·3 / (6 + 7) = 0.46 and
    # "pa tan" / "sin thau": 2·3 / (6 + 8) = 0.43, nothing suggested
    index = CommuneNameIndex(["1", "2"], ["Xã Sín Thầu", "Xã Na Khoa"], ["Xã"] * 2, ["Huyện A", "Huyện B"])
    assert index.suggest("Sín") == ("Xã Sín Thầu (Huyện A)",)
    assert index.suggest("Xã Pa Tân") == ()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Huyện Mường Nhé", "Mường Nhé"),
        ("Thành phố Điện Biên Phủ", "TP Điện Biên Phủ"),
        ("Thị Xã Mường Lay", "TX Mường Lay"),
        ("Thị trấn Tủa Chùa", "TT Tủa Chùa"),
        ("  huyện   Điện Biên Đông ", "Điện Biên Đông"),
        ("Xã Mường Nhé", "Xã Mường Nhé"),  # a commune keeps its type: only the four above are shortened
        ("Phường Him Lam", "Phường Him Lam"),
        ("Huyện", "Huyện"),  # a type alone is not a name
    ],
)
def test_map_labels_shorten_the_administrative_type(name, label):
    from geo.names import short_admin_name

    assert short_admin_name(name) == label


def test_a_place_with_missing_names_is_still_found_by_its_other_names():
    from geo.names import find_name

    # a place's former or census name may be missing (None, NaN read as a float, empty): skipped, not a crash
    assert find_name([None, float("nan"), "", "Xã Pu Luông"], "pu luong") == "Xã Pu Luông"
    assert find_name([None, ""], "pu luong") is None
