"""Visible strings in Vietnamese (default) and English, and Vietnamese number formatting."""

from __future__ import annotations

import math
from collections.abc import Callable

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

# key -> (vi, en).  Every string the user sees is looked up here.
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Điện Biên — bản đồ bao phủ hạ tầng và giảm nghèo", "Điện Biên — infrastructure coverage and poverty map"),
    "app_subtitle": ("Theo dõi mục tiêu Kết luận 05-KL/TU (2016–2020)", "Tracking the targets of Conclusion 05-KL/TU (2016–2020)"),
    "language": ("Ngôn ngữ", "Language"),
    "units": ("Đơn vị hành chính", "Administrative units"),
    "units_pre2025": ("Xã trước sáp nhập 2025 (130 đa giác)", "Communes before the 2025 merger (130 polygons)"),
    "units_2025": ("45 xã/phường từ 1/7/2025", "45 communes from 1 July 2025"),
    "district_filter": ("Lọc theo huyện", "Filter by district"),
    "all_districts": ("Tất cả các huyện", "All districts"),
    "find_commune": ("Tìm xã (gõ tên, có dấu hay không dấu)", "Find a commune (type its name, with or without diacritics)"),
    "no_match": ("Không tìm thấy xã nào khớp", "No commune matches"),
    "layers": ("Lớp bản đồ", "Map layers"),
    "layer_communes": ("Ranh giới xã", "Commune boundaries"),
    "layer_districts": ("Ranh giới huyện", "District boundaries"),
    "layer_poverty": ("Tỷ lệ hộ nghèo (bản đồ màu)", "Poor-household rate (choropleth)"),
    "layer_roads": ("Đường giao thông", "Roads"),
    "layer_main_roads": ("Quốc lộ, tỉnh lộ chính", "Main national/provincial roads"),
    "layer_power": ("Lưới điện quốc gia (OSM)", "National grid (OSM)"),
    "layer_grid_mv": ("Lưới điện trung thế", "Medium-voltage grid"),
    "layer_schools": ("Trường học", "Schools"),
    "layer_health": ("Cơ sở y tế", "Health facilities"),
    "layer_centres": ("Trụ sở UBND xã", "Commune centres (UBND)"),
    "layer_zones": ("Khu vực I/II/III (2026–2030)", "Zones I/II/III (2026–2030)"),
    "layer_flags": ("Xã thiếu đường/điện", "Communes lacking road/grid"),
    "layer_30a": ("Huyện nghèo 30a", "30a poor districts"),
    "classification": ("Cách phân lớp", "Classification"),
    "quantiles": ("Phân vị", "Quantiles"),
    "natural_breaks": ("Ngắt tự nhiên (Jenks)", "Natural breaks (Jenks)"),
    "fixed_bands": ("Khoảng cố định", "Fixed bands"),
    "n_classes": ("Số lớp", "Number of classes"),
    "survey_year": ("Năm điều tra", "Survey year"),
    "illustrative_mark": ("Dữ liệu minh họa", "Illustrative data"),
    "illustrative_banner": (
        "Dữ liệu minh họa: đường giao thông, lưới trung thế, trường, trạm y tế, trụ sở xã và số liệu điều tra cấp xã "
        "được tạo ra để minh họa (không phải số đo thực). Ranh giới, lưới điện OSM, quốc lộ chính và chuỗi hộ nghèo "
        "cấp tỉnh là dữ liệu thực.",
        "Illustrative data: roads, medium-voltage grid, schools, health facilities, commune centres and the commune "
        "survey are generated for illustration (not measured). Boundaries, OSM grid, main roads and the provincial "
        "poverty series are real.",
    ),
    "src_communes_pre2025": ("Ranh giới xã trước 2025", "Communes before 2025"),
    "src_communes_2025": ("Ranh giới 45 xã từ 1/7/2025", "45 communes from 1 July 2025"),
    "src_districts": ("Ranh giới huyện", "Districts"),
    "src_province": ("Ranh giới tỉnh", "Province outline"),
    "src_power_lines": ("Đường dây điện (OSM)", "Power lines (OSM)"),
    "src_power_substations": ("Trạm biến áp (OSM)", "Substations (OSM)"),
    "src_main_roads": ("Quốc lộ, tỉnh lộ chính", "Main roads"),
    "src_zones": ("Khu vực I/II/III 2026–2030", "Zones I/II/III 2026–2030"),
    "src_poverty_series": ("Chuỗi tỷ lệ hộ nghèo cấp tỉnh", "Provincial poverty series"),
    "src_roads": ("Mạng đường giao thông", "Road network"),
    "src_grid_mv": ("Lưới điện trung thế", "Medium-voltage grid"),
    "src_schools": ("Trường học", "Schools"),
    "src_health": ("Cơ sở y tế", "Health facilities"),
    "src_commune_centres": ("Trụ sở UBND xã", "Commune centres (UBND)"),
    "src_district_centres": ("Trung tâm huyện", "District centres"),
    "src_villages": ("Thôn, bản", "Villages"),
    "src_survey": ("Điều tra cấp xã 2015–2020", "Commune survey 2015–2020"),
    "commune": ("Xã", "Commune"),
    "district": ("Huyện", "District"),
    "gso_code": ("Mã xã (TCTK)", "GSO code"),
    "poverty_rate": ("Tỷ lệ hộ nghèo", "Poor-household rate"),
    "near_poor_rate": ("Tỷ lệ hộ cận nghèo", "Near-poor household rate"),
    "households": ("Số hộ", "Households"),
    "hh_grid_power_pct": ("Tỷ lệ hộ có điện lưới", "Households with grid power"),
    "allseason_survey": ("Đường ô tô quanh năm đến trung tâm xã (điều tra)", "All-season car road to centre (survey)"),
    "grid_survey": ("Có điện lưới quốc gia (điều tra)", "National-grid power (survey)"),
    "health_standard": ("Trạm y tế đạt chuẩn quốc gia", "Health station at national standard"),
    "schools_standard": ("Trường đạt chuẩn quốc gia", "Schools at national standard"),
    "dist_allseason_km": ("Khoảng cách từ trụ sở xã đến đường quanh năm gần nhất", "Distance from centre to nearest all-season road"),
    "dist_grid_km": ("Khoảng cách từ trụ sở xã đến lưới điện gần nhất", "Distance from centre to nearest grid line"),
    "lacks_allseason_road": ("Thiếu đường ô tô quanh năm", "Lacks all-season road"),
    "lacks_grid": ("Thiếu điện lưới quốc gia", "Lacks national-grid power"),
    "evidence": ("Căn cứ", "Evidence"),
    "source": ("Nguồn", "Source"),
    "value": ("Giá trị", "Value"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "no_data": ("không có số liệu", "no data"),
    "flags_title": ("Xã thiếu đường quanh năm hoặc điện lưới", "Communes lacking an all-season road or grid power"),
    "flags_by_district": ("Số xã bị gắn cờ theo huyện", "Flagged communes per district"),
    "n_communes": ("Số xã", "Communes"),
    "n_lacks_road": ("Thiếu đường", "No all-season road"),
    "n_lacks_grid": ("Thiếu điện lưới", "No grid power"),
    "thresholds": ("Ngưỡng đánh giá", "Thresholds"),
    "threshold_road_km": ("Trụ sở xã cách đường quanh năm quá (km)", "Centre farther than (km) from an all-season road"),
    "threshold_grid_km": ("Trụ sở xã cách lưới điện quá (km)", "Centre farther than (km) from a grid line"),
    "threshold_grid_pct": ("Tỷ lệ hộ có điện lưới dưới (%)", "Share of households with grid power below (%)"),
    "click_commune": ("Bấm vào một xã trên bản đồ để xem mọi chỉ tiêu và nguồn số liệu.",
                      "Click a commune on the map to read all its indicators and their sources."),
    "commune_panel": ("Thông tin xã", "Commune details"),
    "page_map": ("Bản đồ", "Map"),
    "page_flags": ("Xã bị gắn cờ", "Flagged communes"),
    "page_about": ("Nguồn dữ liệu", "Data sources"),
    "legend": ("Chú giải", "Legend"),
    "online_basemap": ("Nền bản đồ trực tuyến (OpenStreetMap, cần Internet)", "Online basemap (OpenStreetMap, needs internet)"),
    "offline_basemap": ("Nền ngoại tuyến (ranh giới và nhãn)", "Offline basemap (outlines and labels)"),
    "download_csv": ("Tải bảng (CSV)", "Download table (CSV)"),
    "data_error": ("Không tải được một phần dữ liệu", "Part of the data could not be loaded"),
    "unknown_commune": ("Mã xã không có trong dữ liệu", "Commune code not in the data"),
    "real": ("thực", "real"),
    "illustrative": ("minh họa", "illustrative"),
    "class_national": ("quốc lộ", "national road"),
    "class_provincial": ("tỉnh lộ", "provincial road"),
    "class_district": ("đường huyện", "district road"),
    "class_commune": ("đường xã", "commune road"),
    "class_track": ("đường mòn", "track"),
    "road_surface": ("Mặt đường", "Surface"),
    "all_season": ("Đi được quanh năm", "All-season"),
    "surface_asphalt": ("Nhựa (cứng hóa)", "Asphalt (hardened)"),
    "surface_concrete": ("Bê tông (cứng hóa)", "Concrete (hardened)"),
    "surface_gravel": ("Cấp phối/sỏi", "Gravel"),
    "surface_earth": ("Đất", "Earth"),
    "not_allseason": ("không đi được mùa mưa (nét đứt)", "not all-season (dashed)"),
    "school_mam_non": ("Trường mầm non", "Kindergarten (mầm non)"),
    "school_tieu_hoc": ("Trường tiểu học", "Primary school (tiểu học)"),
    "school_thcs": ("Trường THCS", "Lower-secondary school (THCS)"),
    "school_thpt": ("Trường THPT", "Upper-secondary school (THPT)"),
    "health_tram_y_te": ("Trạm y tế xã", "Commune health station"),
    "health_pkdk_khu_vuc": ("Phòng khám đa khoa khu vực", "Regional polyclinic"),
    "health_benh_vien_huyen": ("Bệnh viện huyện", "District hospital"),
    "health_benh_vien_tinh": ("Bệnh viện tỉnh", "Provincial hospital"),
    "voltage_500": ("Đường dây 500 kV", "500 kV line"),
    "voltage_110": ("Đường dây 110 kV", "110 kV line"),
    "voltage_unknown": ("Đường dây (chưa rõ cấp điện áp)", "Line (voltage unknown)"),
    "voltage_35": ("Trung thế 35 kV", "35 kV medium voltage"),
    "voltage_22": ("Trung thế 22 kV", "22 kV medium voltage"),
    "substation": ("Trạm biến áp", "Substation"),
    "zone": ("Khu vực", "Zone"),
    "zone_I": ("Khu vực I", "Zone I"),
    "zone_II": ("Khu vực II", "Zone II"),
    "zone_III": ("Khu vực III", "Zone III"),
    "flag_road": ("Thiếu đường quanh năm", "No all-season road"),
    "flag_grid": ("Thiếu điện lưới", "No grid power"),
    "flag_both": ("Thiếu cả hai", "Lacks both"),
    "data_layer": ("Lớp dữ liệu", "Data layer"),
    "licence": ("Giấy phép", "Licence"),
    "vintage": ("Thời điểm", "Vintage"),
    "kind": ("Loại", "Kind"),
    "credits": ("Nguồn", "Sources"),
    "import_layer_survey_2025": ("Bảng số liệu cấp xã (45 xã/phường từ 1/7/2025)",
                                 "Commune table (45 communes from 1 July 2025)"),
    "import_version": ("Phiên bản", "Version"),
    "import_update_merge": ("Khi lưu: {updated} dòng (xã × năm) được cập nhật, {cells} giá trị ở cột {columns}; "
                            "{unchanged} dòng giữ nguyên; {added} dòng mới được thêm. Các xã, năm và cột không có "
                            "trong tệp được giữ như cũ.",
                            "On saving: {updated} rows (commune × year) are updated, {cells} values in {columns}; "
                            "{unchanged} rows stay as they are; {added} new rows are added. Communes, years and "
                            "columns not in the file are kept."),
    "import_update_replace": ("Khi lưu: bảng của dự án được THAY THẾ bằng tệp này ({rows} dòng); {removed} dòng "
                              "không có trong tệp sẽ không còn trong phiên bản mới (phiên bản cũ vẫn được giữ).",
                              "On saving: the project's table is REPLACED by this file ({rows} rows); {removed} rows "
                              "not in the file are left out of the new version (earlier versions are kept)."),
    "import_update_nothing": ("Tệp không thay đổi giá trị nào.", "The file changes no value."),
    "import_replace": ("Thay thế toàn bộ bảng (bỏ các xã không có trong tệp)",
                       "Replace the whole table (leave out communes not in the file)"),
    "import_current": ("Đang dùng", "In use"),
    "import_source_file": ("Tệp gốc", "Source file"),
    "import_imported_at": ("Thời điểm nhập", "Imported at"),
    "import_note": ("Ghi chú", "Note"),
    "import_n_features": ("Số đối tượng", "Features"),
}


def lookup(strings: dict[str, tuple[str, str]], key: str, lang: str = DEFAULT_LANG, *,
           fallback: Callable[[str, str], str] | None = None) -> str:
    """Return ``strings[key]`` in ``lang``; a missing key goes to ``fallback(key, lang)``, or is returned as is.

    Modules with their own (vi, en) tables (exports, the scorecard) look up through here, falling back to :func:`t`.
    """
    pair = strings.get(key)
    if pair is None:
        return fallback(key, lang) if fallback else key
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = DEFAULT_LANG) -> str:
    """Return the visible string ``key`` in ``lang`` (an unknown key is returned as is)."""
    return lookup(STRINGS, key, lang)


def format_number(value: float | int | None, lang: str = DEFAULT_LANG, *, decimals: int = 0) -> str:
    """Format a number the way each language writes it: Vietnamese ``127.667`` and ``48,14``; English ``127,667``, ``48.14``.

    ``None`` and NaN give an empty string (never a made-up number).
    """
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return ""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")


def format_percent(value: float | None, lang: str = DEFAULT_LANG, *, decimals: int = 2) -> str:
    """Format a percentage: ``48,14 %`` in Vietnamese, ``48.14%`` in English; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    if not text:
        return ""
    return f"{text} %" if lang == "vi" else f"{text}%"


def format_km(value: float | None, lang: str = DEFAULT_LANG, *, decimals: int = 1) -> str:
    """Format a distance in kilometres with the unit; empty for missing values."""
    text = format_number(value, lang, decimals=decimals)
    return f"{text} km" if text else ""
