"""Messages of the export page: print maps, HTML, tables, data, fact sheets, scorecards."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "exp_prepare_file": ("Chuẩn bị tệp", "Prepare file"),
    "exp_building_the_file": ("Đang tạo tệp…", "Building the file…"),
    "exp_maps_and_tables_for": ("Xuất bản đồ và bảng cho cuộc họp", "Maps and tables for meetings"),
    "exp_print_pdf_png": ("Bản in PDF/PNG", "Print PDF/PNG"),
    "exp_tables": ("Các bảng", "Tables"),
    "exp_data": ("Dữ liệu", "Data"),
    "exp_fact_sheets": ("Các phiếu thông tin xã", "Fact sheets"),
    "exp_2020_targets": ("Các mục tiêu 2020", "2020 targets"),
    "exp_title": ("Tiêu đề", "Title"),
    "exp_subtitle_empty_automatic": ("Tiêu đề phụ (để trống: tự động)", "Subtitle (empty: automatic)"),
    "exp_paper": ("Khổ giấy", "Paper"),
    "exp_orientation": ("Hướng", "Orientation"),
    "exp_landscape": ("ngang", "landscape"),
    "exp_portrait": ("dọc", "portrait"),
    "exp_format": ("Định dạng", "Format"),
    "exp_download_print_layout": ("Tải bản in", "Download print layout"),
    "exp_one_html_file_that": (
        "Một tệp HTML mở được khi không có Internet (gửi qua thư điện tử).",
        "One HTML file that works offline (e.g. as an e-mail attachment).",
    ),
    "exp_download_html_map": ("Tải bản đồ HTML", "Download HTML map"),
    "exp_table": ("Bảng", "Table"),
    "exp_download_table": ("Tải bảng", "Download table"),
    "exp_download_data": ("Tải dữ liệu", "Download data"),
    "exp_choose_a_district_above": (
        "Chọn một huyện ở trên để in thông tin của mọi xã trong huyện (mỗi xã một trang).",
        "Choose a district above to print every commune of it (one page each).",
    ),
    "exp_download_fact_sheets_pdf": ("Tải thông tin các xã (PDF)", "Download fact sheets (PDF)"),
    "exp_the_scorecard_against_the": (
        "Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020, như trang Mục tiêu 2020 (ngưỡng gắn cờ mặc "
        "định). Bản PDF: bảng cấp tỉnh có màu đánh giá và nguồn số đo, biểu đồ tỷ lệ hộ nghèo thực theo từng "
        "chuẩn nghèo so với lộ trình mục tiêu.",
        "The scorecard against the 2020 targets of Conclusion 05-KL/TU, as on the 2020 targets page (default "
        "flag thresholds). The PDF: the province table with status colours and the source of each measured "
        "value, and the real poor-household rate by poverty standard against the target path.",
    ),
    "exp_download_scorecard_pdf": ("Tải bảng theo dõi (PDF)", "Download scorecard (PDF)"),
    "exp_province_level_the_whole": (
        "Cấp tỉnh: bảng của toàn tỉnh (bộ lọc huyện không áp dụng).",
        "Province level: the whole province (the district filter does not apply).",
    ),
    "exp_download_scorecard_table": ("Tải bảng theo dõi", "Download scorecard table"),
}
