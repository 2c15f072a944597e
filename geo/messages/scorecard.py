"""Messages of the scorecard against the 2020 targets of Conclusion 05-KL/TU: page, table, PDF and XLSX."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "sc_title": (
        "Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020",
        "Scorecard against the 2020 targets of Conclusion 05-KL/TU",
    ),
    "sc_subtitle": ("Tỉnh Điện Biên · số đo năm {year}", "Điện Biên province · measured in {year}"),
    "sc_sheet": ("Các mục tiêu 2020", "2020 targets"),
    "sc_indicator_id": ("Mã chỉ tiêu", "Indicator id"),
    "sc_level_short": ("Cấp", "Level"),
    "sc_unit_code": ("Mã đơn vị", "Unit code"),
    "sc_unit_name": ("Đơn vị", "Unit"),
    "sc_measured": ("Đo được", "Measured"),
    "sc_measure_unit": ("Đơn vị tính", "Unit of measure"),
    "sc_comparator": ("Phép so sánh", "Comparator"),
    "sc_source": ("Nguồn số đo", "Source of the measured value"),
    "sc_province": ("Tỉnh", "Province"),
    "sc_summary": ("Tổng hợp", "Summary"),
    "sc_rules_plain": (
        "Đạt: số đo thỏa mục tiêu. Đúng lộ trình: chưa đạt nhưng đường thẳng từ năm gốc 2015 qua số đo đạt "
        "mục tiêu vào năm 2020. Chậm so với lộ trình: không đạt theo đường đó (hoặc đã đến 2020 mà chưa đạt)."
        " Không có số liệu: ô số đo để trống, không bao giờ tính là 0; cột nguồn ghi số liệu nào sẽ trả lời "
        "được.",
        "Met: the measured value satisfies the target. On track: not yet, but the straight line from the 2015"
        " baseline through the measured value reaches it by 2020. Off track: it does not (or 2020 is reached "
        "unmet). No data: the measured cell is left empty, never counted as 0; the source column says what "
        "data would answer it.",
    ),
    "sc_chart_title": (
        "Tỷ lệ hộ nghèo cấp tỉnh (số thực) so với lộ trình mục tiêu",
        "Provincial poor-household rate (real) against the target path",
    ),
    "sc_chart_note_print": (
        "Mỗi chuẩn nghèo là một đường riêng, không nối với nhau: số của các chuẩn khác nhau không so sánh "
        "được. Vạch dọc: đổi chuẩn nghèo (kỳ rà soát cuối năm đã dùng chuẩn của giai đoạn sau, nên 48,14 % "
        "năm 2015 là năm gốc của chuẩn 2016–2020). Chỉ vẽ số thực; số đo minh họa không có trên biểu đồ.",
        "Each poverty standard is its own line, never joined: figures on different standards are not "
        "comparable. Vertical rules: change of standard (the end-of-year review already uses the next "
        "period's line, so 2015's 48.14% is the baseline of the 2016–2020 standard). Only real figures are "
        "drawn; illustrative measurements are not on the chart.",
    ),
    "sc_year": ("Năm", "Year"),
    "sc_rate": ("Tỷ lệ hộ nghèo (%)", "Poor-household rate (%)"),
    "sc_standard_change": ("chuẩn mới", "new standard"),
    "sc_target_point": ("mục tiêu 2020", "2020 target"),
    "sc_real_sources": ("Nguồn của chuỗi số thực (từng năm)", "Sources of the real series (per year)"),
    "sc_illustrative_note": (
        "Dữ liệu minh họa: các số đo ghi \"minh họa\" trong cột nguồn được tạo ra để minh họa (không phải số đo"
        " thực).",
        "Illustrative data: the measured values whose source says \"illustrative\" are generated (not "
        "measured).",
    ),
    "layer_targets": ("Mục tiêu", "Targets"),
    "layer_poverty_series": ("Chuỗi tỷ lệ hộ nghèo cấp tỉnh (thực)", "Provincial poverty series (real)"),
    "layer_district_centres": ("Trung tâm huyện", "District centres"),
    "sc_no_rows": ("Không có dòng nào trong bảng theo dõi.", "The scorecard has no rows."),
    "sc_continued": ("(tiếp)", "(continued)"),
    "sc_level": ("Cấp đánh giá", "Level"),
    "sc_district": ("Huyện (10 huyện trước 2025)", "District (the 10 pre-2025 districts)"),
    "sc_commune": ("Xã", "Commune"),
    "sc_met": ("Đạt", "Met"),
    "sc_on_track": ("Đúng lộ trình", "On track"),
    "sc_off_track": ("Chậm so với lộ trình", "Off track"),
    "sc_no_data": ("Không có số liệu", "No data"),
    "sc_indicator": ("Chỉ tiêu", "Indicator"),
    "sc_unit": ("Đơn vị", "Unit"),
    "sc_target": ("Mục tiêu năm 2020", "2020 target"),
    "sc_status": ("Đánh giá", "Status"),
    "sc_rules": (
        "**Đạt**: số đo thỏa mục tiêu. **Đúng lộ trình**: chưa đạt nhưng đường thẳng từ năm gốc 2015 qua số "
        "đo đạt mục tiêu vào năm 2020. **Chậm**: không đạt theo đường đó (hoặc đã đến 2020 mà chưa đạt). "
        "**Không có số liệu**: để trống, không bao giờ tính là 0; cột nguồn ghi số liệu nào sẽ trả lời được.",
        "**Met**: the measured value satisfies the target. **On track**: not yet, but the straight line from "
        "the 2015 baseline through the measured value reaches it by 2020. **Off track**: it does not (or 2020"
        " is reached unmet). **No data**: left empty, never counted as 0; the source column says what data "
        "would answer it.",
    ),
    "sc_chart_note": (
        "Mỗi chuẩn nghèo là một đường riêng: các số của chuẩn khác nhau không so sánh được (vạch dọc: đổi "
        "chuẩn nghèo; kỳ rà soát cuối năm đã dùng chuẩn của giai đoạn sau). Năm 2020 chưa có số thực trong dữ"
        " liệu đang có.",
        "Each poverty standard is its own line: figures on different standards are not comparable (vertical "
        "rules: change of standard; the end-of-year review already uses the next period's line). No real 2020"
        " figure is in the data held.",
    ),
    "sc_series": ("Chuỗi số liệu", "Series"),
    "sc_holdback_title": ("Ai kéo chậm mục tiêu", "Who holds the target back"),
    "sc_holdback_level": ("Xem theo", "Show by"),
    "sc_holdback_indicator": ("Chỉ tiêu", "Indicator"),
    "sc_holdback_note": (
        "Phần góp vào khoảng thiếu = khoảng cách của đơn vị đến mục tiêu × tỷ trọng (số hộ, hoặc số xã với "
        "chỉ tiêu tính theo xã): số điểm phần trăm của toàn tỉnh mà đơn vị này chiếm.",
        "Contribution to the gap = the unit's distance to the target × its weight (households, or communes "
        "for commune-share targets): the percentage points of the province figure this unit stands for.",
    ),
    "sc_gap_points": ("Góp vào khoảng thiếu (điểm)", "Contribution to the gap (points)"),
    "sc_share_of_gap": ("Tỷ phần khoảng thiếu", "Share of the gap"),
    "sc_nothing_measured": ("Không có chỉ tiêu nào đo được ở cấp này.", "No indicator can be measured at this level."),
    "sc_no_gap": ("Không đơn vị nào thiếu so với mục tiêu.", "No unit falls short of the target."),
    "sc_download": ("Tải bảng (CSV)", "Download table (CSV)"),
}
