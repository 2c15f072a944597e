"""Messages of the exports (print maps, fact sheets, tables) that the app itself does not show."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "illustrative_both": ("Dữ liệu minh họa / Illustrative data", "Illustrative data / Dữ liệu minh họa"),
    "printed": ("Ngày in", "Printed"),
    "crs_note": (
        "Hệ tọa độ WGS 84 / UTM 48N (EPSG:32648)",
        "Coordinate system WGS 84 / UTM 48N (EPSG:32648)",
    ),
    "scale": ("Tỷ lệ", "Scale"),
    "inset_title": ("Vị trí trong tỉnh", "Location in the province"),
    "no_features": ("không có đối tượng trong vùng in", "no features in the printed extent"),
    "layer_province": ("Ranh giới tỉnh", "Province boundary"),
    "layer_power_substations": ("Trạm biến áp (OSM)", "Substations (OSM)"),
    "layer_survey": ("Điều tra xã", "Commune survey"),
    "layer_commune_centres": ("Trụ sở UBND xã", "Commune centres (UBND)"),
    "layer_power_lines": ("Lưới điện quốc gia (OSM)", "National grid (OSM)"),
    "layer_communes_pre2025": ("Ranh giới xã (trước 2025)", "Commune boundaries (before 2025)"),
    "layer_communes_2025": ("Ranh giới xã (từ 1/7/2025)", "Commune boundaries (from 1 July 2025)"),
    "survey_year_inline": ("năm điều tra", "survey year"),
    "print_units_pre2025": ("130 xã trước sáp nhập 2025", "130 communes before the 2025 merger"),
    "print_units_2025": ("45 xã/phường từ 1/7/2025", "45 communes from 1 July 2025"),
    "whole_province": ("Toàn tỉnh Điện Biên", "Whole of Điện Biên province"),
    "factsheet_title": ("Phiếu thông tin xã", "Commune fact sheet"),
    "neighbours": ("Xã và các xã lân cận", "The commune and its neighbours"),
    "flags_section": ("Cờ cảnh báo và căn cứ", "Flags and evidence"),
    "no_flags": ("Không bị gắn cờ", "Not flagged"),
    "targets_section": (
        "Chỉ tiêu so với mục tiêu của tỉnh (KL 05-KL/TU, 2020)",
        "Indicators against the province's targets (Conclusion 05-KL/TU, 2020)",
    ),
    "access_section": ("Thời gian đi lại", "Travel times"),
    "access_no_data": (
        "Chưa có dữ liệu thời gian đi lại (phân tích tiếp cận chưa có).",
        "No data yet on travel times (the access analysis is not available yet).",
    ),
    "sources_section": ("Nguồn số liệu", "Sources"),
    "target_2020": ("Mục tiêu năm 2020", "2020 target"),
    "status": ("Đánh giá", "Status"),
    "status_meets": ("đạt", "meets"),
    "status_misses": ("chưa đạt", "below target"),
    "status_no_data": ("không có số liệu", "no data"),
    "page": ("Trang", "Page"),
    "season": ("Mùa", "Season"),
    "season_dry": ("mùa khô", "dry season"),
    "season_rainy": ("mùa mưa", "rainy season"),
    "to_district": ("Đến trung tâm huyện", "To the district centre"),
    "to_district_dry": ("Đến trung tâm huyện, mùa khô", "To the district centre, dry season"),
    "to_district_rainy": ("Đến trung tâm huyện, mùa mưa", "To the district centre, rainy season"),
    "access_unavailable": (
        "Chưa có phân tích thời gian đi lại trong phiên bản này; hãy xuất bảng cờ (flags) hoặc chờ bản cập "
        "nhật.",
        "The travel-time analysis is not available in this version yet; export the flags table or wait for "
        "the update.",
    ),
    "sheet_flags": ("Cờ cảnh báo", "Flags"),
    "sheet_access": ("Thời gian đi lại", "Travel times"),
    "sheet_indicators": ("Chỉ tiêu xã", "Commune indicators"),
}
