"""Messages of the exports that open cleanly in other programs (issue 15).

They say which file is for what, and give the subtitles.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "expx_download_xlsx": (
        "Tải bảng (XLSX, mở bằng Excel/LibreOffice)",
        "Download table (XLSX, for Excel/LibreOffice)",
    ),
    "expx_download_csv": ("Tải bảng (CSV, cho phần mềm khác)", "Download table (CSV, for other programs)"),
    "expx_file_kinds": (
        "XLSX là tệp để mở bằng bảng tính (Excel, LibreOffice): mã xã giữ số 0 đầu, số thập phân là số. CSV "
        "là tệp cho phần mềm và tập lệnh (UTF-8, dấu phẩy, chữ trong ngoặc kép); bảng tính có thể bỏ số 0 "
        "đầu của mã xã hoặc đọc 6.4 thành chữ.",
        "XLSX is the file for spreadsheets (Excel, LibreOffice): commune codes keep their leading zero and "
        "decimals are numbers. CSV is the file for programs and scripts (UTF-8, comma-separated, text in "
        "double quotes); a spreadsheet may drop a code's leading zero or read 6.4 as text.",
    ),
    "expx_units_district_pre2025": (
        "{n} xã (ranh giới trước sáp nhập 2025)",
        "{n} communes (boundaries before the 2025 merger)",
    ),
    "expx_units_district_2025": ("{n} xã/phường (từ 1/7/2025)", "{n} communes (from 1 July 2025)"),
    "expx_units_set_pre2025": (
        "ranh giới xã trước sáp nhập 2025",
        "commune boundaries before the 2025 merger",
    ),
    "expx_units_set_2025": ("xã/phường từ 1/7/2025", "communes from 1 July 2025"),
    "expx_factsheet_title": ("Thông tin xã: {commune}", "Commune fact sheet: {commune}"),
    "expx_factsheets_title": ("Thông tin các xã: {district}", "Commune fact sheets: {district}"),
    "expx_unreachable": ("không tới được", "unreachable"),
}
