"""Commune fact sheets: one page per commune of a district, flags with evidence, targets, travel times,
sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pypdf
import pytest

from geo.errors import InputError
from layers.targets import load_targets
from report.factsheet import access_rows, export_factsheets, select_units, target_rows
from workflows.exports import factsheet_request

#: The request of this module's ``bundle`` fixture (tests/conftest.py): the fact sheets' layers.
BUNDLE_REQUEST = factsheet_request()


def test_district_gives_one_page_per_commune(bundle, tmp_path):
    units = select_units(bundle, district="102")
    assert len(units) == 10
    out = export_factsheets(bundle, units, tmp_path / "muong_ang.pdf", date=dt.date(2026, 11, 27))
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(units)
    names = set(bundle.data.communes.set_index("unit_id").loc[units, "commune"])
    texts = [page.extract_text() for page in reader.pages]
    for name in names:
        assert any(name in text for text in texts), name
    first = texts[0]
    for phrase in (
        "Huyện Mường Ảng",
        "Dữ liệu minh họa / Illustrative data",
        "Cờ cảnh báo và căn cứ",
        "Chỉ tiêu so với mục tiêu của tỉnh",
        "Thời gian đi lại",
        "Nguồn số liệu",
        "27/11/2026",
        "Trang 1/10",
        "Tỷ lệ hộ nghèo",
    ):
        assert phrase in first, phrase


def test_single_commune_in_english(tmp_path, map_bundles):
    english = map_bundles(factsheet_request(lang="en"))
    units = select_units(english, commune="03127")
    out = export_factsheets(english, units, tmp_path / "him_lam.pdf")
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Phường Him Lam" in text and "Flags and evidence" in text and "Sources" in text


def test_target_rows_judge_the_commune(bundle):
    row = bundle.data.communes.iloc[0].copy()
    row["poor_hh_rate_pct"] = 40.0
    row["lacks_grid"] = False
    rows = {r[0]: r for r in target_rows(row, load_targets(), "vi")}
    poverty = rows["Tỷ lệ hộ nghèo (chuẩn nghèo 2016-2020)"]
    assert poverty[1] == "40,0 %" and poverty[3] == "chưa đạt"
    assert rows["Số xã có điện lưới quốc gia"][3] == "đạt"


def test_access_rows_without_data():
    assert access_rows("x", None, "vi") == []
    row = pd.Series({"minutes_to_district_dry": 42.0, "minutes_to_district_rainy": float("inf")})
    rows = access_rows("x", None, "vi", row=row)
    assert rows == [("Đến trung tâm huyện", "42 phút", "không tới được")]


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [({"district": "999"}, "999"), ({"commune": "00000"}, "00000"), ({"district": ""}, "district")],
)
def test_unknown_codes_raise_clear_errors(bundle, kwargs, word):
    with pytest.raises(InputError) as err:
        select_units(bundle, **kwargs)
    assert word in err.value.render("en")


def test_no_communes_refused_before_writing(bundle, tmp_path):
    with pytest.raises(InputError):
        export_factsheets(bundle, [], tmp_path / "none.pdf")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("kwargs", "same_as"),
    [
        ({"commune": "3127"}, {"commune": "03127"}),
        ({"commune": " 3127 "}, {"commune": "03127"}),
        ({"commune": 3127}, {"commune": "03127"}),
        ({"district": "96"}, {"district": "096"}),
        ({"district": 102}, {"district": "102"}),
    ],
)
def test_codes_without_leading_zeros_are_accepted(bundle, kwargs, same_as):
    assert select_units(bundle, **kwargs) == select_units(bundle, **same_as)


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"commune": "Him Lam"}, "'Him Lam' is not a commune code"),
        ({"commune": "031270"}, "'031270' is not a commune code"),
        ({"district": "Mường Ảng"}, "'Mường Ảng' is not a district code"),
        ({"district": "1020"}, "'1020' is not a district code"),
    ],
)
def test_values_that_are_not_codes_are_named(bundle, kwargs, says):
    with pytest.raises(InputError) as err:
        select_units(bundle, **kwargs)
    assert says in err.value.render("en")
    assert says.split("'")[1] in err.value.render("vi") and "không phải mã" in err.value.render("vi")


def test_cli_factsheet_accepts_a_code_without_leading_zero(tmp_path):
    from cli import main

    out = tmp_path / "him_lam.pdf"
    assert main(["export", "factsheet", "--commune", "3127", "--out", str(out)]) == 0
    assert len(pypdf.PdfReader(out).pages) == 1
