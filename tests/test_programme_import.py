"""A programme's member list brought by the user: matched by code or name, the template, and bad input
refused."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from layers.programme_import import import_programme_table
from report.programme_template import programme_template_csv


def _xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _members(result, programme: str) -> dict[str, str]:
    rows = result.membership[result.membership["programme"] == programme]
    return dict(zip(rows["gso_code"], rows["member"], strict=True))


def test_a_programme_imported_by_name_lands_on_the_right_communes():
    data = (
        "Tên xã,Huyện,Chương trình,Giai đoạn,Năm\nXã Sín Thầu,,Chương trình 135 (2017–2020),2017-2020,2017\n"
        # Nà Tòng is in two districts
        "xa na tong,Huyện Tuần Giáo,Chương trình 135 (2017–2020),2017-2020,2018\nNà Tòng,Huyện Điện "
        "Biên,Chương trình 135 (2017–2020),2017-2020,\n"
    ).encode()
    result = import_programme_table("ct135.csv", data)
    members = _members(result, "user_chuong_trinh_135_2017_2020")
    assert sorted(c for c, m in members.items() if m == "yes") == ["03154", "03263", "03365"]
    assert len(members) == 129 and sum(m == "no" for m in members.values()) == 126  # the list is complete
    years = result.membership.set_index("gso_code")["year"]
    assert (years["03154"], years["03263"]) == (2017, 2018) and str(years["03365"]) == "<NA>"
    summary = result.programmes.iloc[0]
    assert (summary["name_in_file"], summary["period_start"], summary["period_end"], summary["n_yes"]) == (
        "Chương trình 135 (2017–2020)",
        2017,
        2020,
        3,
    )


def test_a_partial_list_leaves_the_others_unknown_never_no():
    data = b"gso_code,programme\n03154,Danh sach xa ho tro\n"
    members = _members(import_programme_table("x.csv", data, complete=False), "user_danh_sach_xa_ho_tro")
    assert members["03154"] == "yes" and set(members.values()) == {"yes", "unknown"}


def test_the_list_of_a_count_only_programme_fills_it_and_its_count_is_checked():
    data = _xlsx(
        [
            ["Mã xã", "Chương trình", "Thuộc chương trình"],
            ["03154", "Quyết định 900/QĐ-TTg", "có"],
            ["03155", "quyet dinh 900 qd ttg", "x"],
            ["03157", "P135_2017_2020", "không"],
        ]
    )
    result = import_programme_table("p135.xlsx", data)
    # the key or the decision, written any way, means the embedded one
    members = _members(result, "p135_2017_2020")
    assert (members["03154"], members["03155"], members["03157"]) == ("yes", "yes", "no")
    assert result.programmes.iloc[0]["count_in_document"] == 103
    assert any("103" in note.en and "2 communes" in note.en for note in result.notes)


def test_the_template_lists_every_commune_and_comes_back_as_the_list_ticked():
    template = programme_template_csv(units="pre2025", programme="p135_2017_2020")
    assert template.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese names
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    assert rows[0] == ["gso_code", "commune", "district", "programme", "period", "year", "member"]
    assert (
        len(rows) == 130
        and {r[3] for r in rows[1:]} == {"p135_2017_2020"}
        and {r[4] for r in rows[1:]} == {"2017-2020"}
    )
    for row in rows[1:]:
        if row[0] in ("03154", "03160"):
            row[5], row[6] = "2018", "có"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    members = _members(
        import_programme_table("mau.csv", buffer.getvalue().encode("utf-8-sig")), "p135_2017_2020"
    )
    assert sorted(c for c, m in members.items() if m == "yes") == ["03154", "03160"]
    with pytest.raises(
        InputError
    ) as error:  # the blank template names no member: refused, not "covers nothing"
        import_programme_table("mau.csv", template)
    assert error.value.problems[0].column == "member"
    assert len(programme_template_csv(units="2025").decode("utf-8-sig").splitlines()) == 46


@pytest.mark.parametrize(
    "rows, row, column, words_en, words_vi",
    [
        (
            [["commune", "programme"], ["Xã Không Có Thật", "P"]],
            2,
            "commune",
            "not in the GSO list",
            "không tìm thấy xã",
        ),
        (
            [["gso_code", "programme"], ["99999", "P"]],
            2,
            "gso_code",
            "not in the GSO list",
            "không có trong danh mục",
        ),
        (
            [
                ["gso_code", "programme", "period"],
                ["03154", "CT 135", "2017-2020"],
                ["03155", "CT 135", "2021-2025"],
            ],
            3,
            "programme",
            "used for two programmes",
            "dùng cho hai chương trình",
        ),
        (
            [["gso_code", "programme", "period"], ["03154", "p135_2017_2020", "2021-2025"]],
            2,
            "programme",
            "used for two programmes",
            "dùng cho hai chương trình",
        ),
        (
            [["gso_code", "programme", "period", "year"], ["03154", "CT", "2017-2020", "2016"]],
            2,
            "year",
            "outside the programme's period (2017–2020)",
            "nằm ngoài giai đoạn",
        ),
        (
            [["gso_code", "programme", "year"], ["03154", "Quyết định 141/QĐ-TTg", "2013"]],
            2,
            "year",
            "outside the programme's period (2008–2012)",
            "nằm ngoài giai đoạn",
        ),
        (
            [["gso_code", "programme", "period"], ["03154", "CT", "sau 2020"]],
            2,
            "period",
            "cannot be read",
            "không đọc",
        ),
        ([["gso_code", "programme"], ["03154", ""]], 2, "programme", "names no programme", "không ghi tên"),
        ([["gso_code", "programme"], ["03154", "CT"], ["3154", "ct"]], 3, None, "both refer to", "cùng chỉ"),
        (
            [["gso_code", "programme", "year"], ["03154", "CT", "năm ngoái"]],
            2,
            "year",
            "whole number",
            "số nguyên",
        ),
    ],
)
def test_bad_programme_tables_name_file_row_and_column(rows, row, column, words_en, words_vi):
    with pytest.raises(InputError) as error:
        import_programme_table("danh_sach.xlsx", _xlsx(rows))
    hits = [p for p in error.value.problems if words_en in p.en]
    assert hits, error.value.render("en")
    assert hits[0].file == "danh_sach.xlsx" and hits[0].row == row and hits[0].column == column
    assert words_vi in hits[0].vi


def test_every_problem_is_reported_at_once():
    rows = [
        ["commune", "programme", "period", "year"],
        ["Xã Không Có", "CT", "2017-2020", "2016"],
        ["Xã Sín Thầu", "CT", "2021-2025", "2021"],
    ]
    with pytest.raises(InputError) as error:
        import_programme_table("t.xlsx", _xlsx(rows))
    found = {(p.row, p.column) for p in error.value.problems}
    assert {(2, "commune"), (2, "year"), (3, "programme")} <= found


def test_a_table_without_a_programme_column_is_refused_with_the_template_named():
    with pytest.raises(InputError) as error:
        import_programme_table("t.csv", b"gso_code,year\n03154,2018\n")
    assert any("template" in p.en and p.file == "t.csv" for p in error.value.problems)


@settings(
    max_examples=max(5, settings.default.max_examples // 5), suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=3), min_size=1, max_size=4))
def test_any_cells_give_members_or_a_located_input_error(cells):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["gso_code", "programme", "year"], *cells])
    try:
        result = import_programme_table("fuzz.csv", buffer.getvalue().encode("utf-8"))
    except InputError as error:
        assert all(p.file == "fuzz.csv" for p in error.problems)
    else:
        assert set(result.membership["member"]) <= {"yes", "no"}


def test_a_list_on_the_2025_units_is_matched_against_the_45_communes():
    data = b"commune,programme\nXa Sin Thau,CT moi\nPhuong Dien Bien Phu,CT moi\n"
    result = import_programme_table("moi.csv", data, units="2025")
    members = _members(result, "user_ct_moi")
    assert len(members) == 45 and sorted(c for c, m in members.items() if m == "yes") == ["03127", "03158"]
    with pytest.raises(InputError) as error:  # a pre-2025 commune is not a 2025 commune
        import_programme_table("moi.csv", b"commune,programme\nXa Sen Thuong,CT moi\n", units="2025")
    assert error.value.problems[0].row == 2 and error.value.problems[0].column == "commune"
