"""Names of the data columns a planner sees in tables (the import preview, exports): ``col_<column>``."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "col_gso_code": ("Mã xã (TCTK)", "GSO code"),
    "col_commune": ("Xã", "Commune"),
    "col_district_code": ("Mã huyện (TCTK)", "GSO district code"),
    "col_district": ("Huyện", "District"),
    "col_year": ("Năm", "Year"),
    "col_households": ("Số hộ", "Households"),
    "col_population": ("Số dân", "Population"),
    "col_poor_hh_rate_pct": ("Tỷ lệ hộ nghèo (%)", "Poor-household rate (%)"),
    "col_near_poor_hh_rate_pct": ("Tỷ lệ hộ cận nghèo (%)", "Near-poor household rate (%)"),
    "col_hh_with_grid_power": ("Số hộ có điện lưới", "Households on the grid"),
    "col_hh_grid_power_pct": ("Tỷ lệ hộ có điện lưới (%)", "Households on the grid (%)"),
    "col_allseason_road_to_centre": (
        "Có đường đi được quanh năm đến trung tâm xã",
        "All-season road to the centre",
    ),
    "col_grid_connected": ("Đã có điện lưới", "Connected to the grid"),
    "col_health_station_national_standard": (
        "Trạm y tế đạt chuẩn quốc gia",
        "Health station at national standard",
    ),
    "col_schools_national_standard_pct": (
        "Tỷ lệ trường đạt chuẩn quốc gia (%)",
        "Schools at national standard (%)",
    ),
    "col_national_standard": ("Đạt chuẩn quốc gia", "At national standard"),
    "col_provenance": ("Nguồn gốc dòng", "Row provenance"),
    "col_facility_id": ("Mã cơ sở", "Facility id"),
    "col_village_id": ("Mã thôn bản", "Village id"),
    "col_unit_id": ("Mã đơn vị bản đồ", "Map unit id"),
    "col_name": ("Tên", "Name"),
    "col_level": ("Cấp học", "School level"),
    "col_kind": ("Loại", "Kind"),
    "col_voltage": ("Điện áp", "Voltage"),
    "col_power": ("Loại công trình điện", "Power feature"),
    "col_highway": ("Loại đường", "Road class"),
    "col_surface": ("Mặt đường", "Surface"),
    "col_note": ("Ghi chú", "Note"),
}
