"""Scorecard exports (report/scorecard.py): the A4 PDF's text and chart, the CSV/XLSX table, wrapping, bad
input."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
import pandas as pd
import pypdf
import pytest

from analysis.targets import CSV_COLUMNS
from geo.errors import InputError
from geo.messages import msg
from layers.palette import STATUS as STATUS_COLOURS
from layers.registry import SOURCES
from layers.targets import standard_label
from report.scorecard import (
    build_pages,
    render_scorecard_pdf,
    render_scorecard_table,
    sources_note,
    wrap_to_width,
)
from workflows.scorecard import load_scorecard

DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def province():
    return load_scorecard("province", year=2020)


def _pdf_text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split()), len(reader.pages)


@pytest.fixture(scope="module")
def pdf_vi(province):
    data, info = render_scorecard_pdf(
        province.scorecard,
        province.poverty_rates,
        province.targets,
        year=2020,
        lang="vi",
        sources=province.sources.values(),
        date=DATE,
    )
    return _pdf_text(data), info


def test_pdf_has_title_every_indicator_status_and_mark_in_vietnamese(province, pdf_vi):
    (text, pages), info = pdf_vi
    assert "Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020" in text
    assert "27/11/2026" in text and f"Trang 1/{pages}" in text and pages == info.pages >= 1
    for name in province.scorecard["indicator_vi"]:
        assert " ".join(unicodedata.normalize("NFC", name).split()) in text, name
    for status in set(province.scorecard["status"]):
        assert msg(f"sc_{status}") in text, status
    assert info.illustrative and "Dữ liệu minh họa / Illustrative data" in text
    # the chart: its title, one legend entry per real standard, the change of standard, the target path
    assert "Tỷ lệ hộ nghèo cấp tỉnh (số thực) so với lộ trình mục tiêu" in text
    for key in set(province.poverty_rates["standard"]):
        assert standard_label(key, "vi") in text, key
    assert "chuẩn mới: 2016–2020" in text and "Lộ trình mục tiêu KL 05" in text
    # sources of the measured values and credits
    assert "minh họa: điều tra xã" in text and "Kết luận 05-KL/TU (2016)" in text and "OpenStreetMap" in text


def test_pdf_in_english_and_no_mark_without_illustrative_values(province):
    card = province.scorecard.assign(illustrative=False)
    data, info = render_scorecard_pdf(
        card,
        province.poverty_rates,
        province.targets,
        year=2020,
        lang="en",
        sources=[SOURCES["poverty_series"]],
        date=DATE,
    )
    text, _ = _pdf_text(data)
    assert "Scorecard against the 2020 targets of Conclusion 05-KL/TU" in text and "2026-11-27" in text
    for name in card["indicator_en"]:
        assert " ".join(name.split()) in text, name
    assert not info.illustrative
    assert "Illustrative data" not in text and "Dữ liệu minh họa" not in text


def test_chart_keeps_each_poverty_standard_on_its_own_line(province):
    figures, _ = build_pages(
        province.scorecard, province.poverty_rates, province.targets, year=2020, lang="en", date=DATE
    )
    chart = next(ax for fig in figures for ax in fig.axes)
    lines = {line.get_label(): line for line in chart.get_lines()}
    rates = province.poverty_rates.dropna(subset=["value"])
    for key, rows in rates.groupby("standard"):
        line = lines[standard_label(key, "en")]
        assert sorted(line.get_xdata()) == sorted(rows["year"]), key  # no point of another standard joined in
    target = [label for label in lines if label.startswith("Conclusion 05 target path")]
    assert len(target) == 1 and list(lines[target[0]].get_xdata()) == list(range(2015, 2021))


def test_long_text_wraps_within_the_column():
    url = "https://example.org/" + "tin-tuc-giam-ngheo-" * 12 + ".html"
    lines = wrap_to_width(f"thực: rà soát hộ nghèo năm 2019; {url}", 60, 6.8)
    assert len(lines) > 2
    from report.scorecard import _text_width_mm

    assert all(_text_width_mm(line, 6.8, False) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == f"thực: rà soát hộ nghèo năm 2019; {url}".replace(" ", "")


def test_csv_bytes_have_the_bom_the_columns_and_empty_no_data(province):
    data = render_scorecard_table(province.scorecard, "csv", lang="vi")
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert table.columns.tolist() == CSV_COLUMNS
    assert (table.loc[table["status"] == "no_data", "measured"] == "").all()


def test_xlsx_vietnamese_header_frozen_status_colours_and_sources(province):
    note = sources_note(province.scorecard, province.sources.values(), lang="vi")
    book = openpyxl.load_workbook(
        io.BytesIO(render_scorecard_table(province.scorecard, "xlsx", lang="vi", note=note))
    )
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert header[:2] == ["Mã chỉ tiêu", "Chỉ tiêu"] and "Đánh giá" in header and "Nguồn số đo" in header
    status_col = header.index("Đánh giá") + 1
    measured_col = header.index("Đo được") + 1
    for row, status in enumerate(province.scorecard["status"], start=2):
        cell = ws.cell(row, status_col)
        assert cell.value == msg(f"sc_{status}")
        assert cell.fill.fgColor.rgb.upper().endswith(STATUS_COLOURS[status].lstrip("#").upper())
        if status == "no_data":
            assert ws.cell(row, measured_col).value is None  # empty, never 0
    assert book.sheetnames[1] == "Nguồn - Sources"
    assert book.worksheets[1]["A1"].value == "Dữ liệu minh họa / Illustrative data"


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        ("table", {"fmt": "ods"}),
        ("pdf", {"empty": True}),
    ],
)
def test_bad_requests_raise_input_errors(province, call, kwargs):
    with pytest.raises(InputError):
        if call == "table":
            render_scorecard_table(province.scorecard, kwargs["fmt"])
        else:
            render_scorecard_pdf(
                province.scorecard.iloc[0:0], province.poverty_rates, province.targets, year=2020
            )
