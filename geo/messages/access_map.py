"""Messages of the access map and its page.

They say what the map measures, name the two measures, and give the table's columns.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "accm_min_unit": ("phút", "min"),
    "accm_measure": ("Bản đồ tô màu theo", "The map colours"),
    "accm_measure_population": (
        "Tỷ lệ dân số (theo bản) trong ngưỡng thời gian",
        "Share of the population (by village) within the time threshold",
    ),
    "accm_measure_centre": ("Số phút từ trụ sở xã", "Minutes from the commune centre"),
    "accm_title_population": (
        "Tỷ lệ dân số trong {within} phút tới {target}",
        "Share of the population within {within} min of {target}",
    ),
    "accm_title_centre": ("Phút từ trụ sở xã tới {target}", "Minutes from the commune centre to {target}"),
    "accm_tip_share": ("Dân số trong {within} phút", "Population within {within} min"),
    "accm_tip_mean": ("Phút bình quân theo dân số bản", "Mean minutes, weighted by village population"),
    "accm_tip_centre": ("Phút từ trụ sở xã", "Minutes from the commune centre"),
    "accm_explain_population": (
        "Bản đồ và bảng đo cùng một thứ: với mỗi xã, tỷ lệ dân số các bản trong xã đi tới {target} trong "
        "{within} phút (mỗi bản tính theo dân số của bản, thời gian đi theo mạng đường, {season}). Ngưỡng "
        "thời gian đổi màu bản đồ.",
        "The map and the table measure the same thing: for each commune, the share of its villages' "
        "population that reaches {target} within {within} min (each village weighted by its population, "
        "travel along the road network, {season}). The time threshold recolours the map.",
    ),
    "accm_explain_centre": (
        "Bản đồ đo từ trụ sở xã (một điểm mỗi xã), còn tỷ lệ dân số trong bảng đo từ các bản: một xã có trụ "
        "sở gần {target} vẫn có thể có nhiều bản ở xa. Màu theo ngưỡng {within} phút.",
        "The map measures from the commune centre (one point per commune), while the population shares in "
        "the table measure from the villages: a commune whose centre is close to {target} can still have "
        "many villages far from it. Colours follow the {within}-minute threshold.",
    ),
    "accm_centre_only": (
        "Tới trung tâm huyện chỉ đo được từ trụ sở xã: bản đồ hiện số phút từ trụ sở xã.",
        "The district centre is measured from the commune centre only: the map shows minutes from the "
        "commune centre.",
    ),
    "accm_col_centre": ("Phút từ trụ sở xã tới {target}", "Minutes from the commune centre to {target}"),
    "accm_col_share": (
        "Dân số trong {within} phút tới {target}",
        "Population within {within} min of {target}",
    ),
    "accm_col_mean": (
        "Phút bình quân theo dân số bản tới {target}",
        "Mean minutes to {target}, by village population",
    ),
    "accm_target_district_centre": ("Trung tâm huyện của xã", "The commune's district centre"),
    "accm_page_title": ("Tiếp cận theo mạng đường, theo mùa", "Access along the road network, by season"),
    "accm_destination": ("Đích đến", "Destination"),
    "accm_threshold": ("Ngưỡng thời gian (phút)", "Time threshold (minutes)"),
    "accm_province_rai": ("RAI toàn tỉnh (SDG 9.1.1)", "Province RAI (SDG 9.1.1)"),
    "accm_not_computable": ("Xã không tính được", "Communes not computable"),
    "accm_col_network_km": ("Km đường (theo mạng)", "Network km"),
    "accm_col_weakest": ("Đoạn yếu nhất", "Weakest link"),
    "accm_col_to_allseason": ("Cách đường quanh năm", "To all-season road"),
    "accm_col_rai": ("RAI (trong 2 km)", "RAI (within 2 km)"),
    "accm_detail_weakest": ("đoạn yếu nhất: {link}", "weakest link: {link}"),
    "accm_by_district": (
        "Theo huyện (bình quân theo dân số bản)",
        "By district (weighted by village population)",
    ),
    "accm_col_population_villages": ("Dân số (bản)", "Population (villages)"),
    "accm_col_mean_minutes": ("Phút bình quân", "Mean minutes"),
    "accm_col_within": ("Trong {within} phút", "Within {within} min"),
}
