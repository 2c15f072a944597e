"""Messages of the flagged-communes page, and the evidence of each flag.

The evidence is written by ``layers.flags.with_evidence``.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "flg_road_decided_by": ("Đường: căn cứ", "Road: decided by"),
    "flg_grid_decided_by": ("Điện: căn cứ", "Grid: decided by"),
    "flg_survey_and_map_disagree": ("Điều tra và bản đồ khác nhau", "Survey and map disagree"),
    "flg_to_an_all_season": (
        "Tới đường quanh năm nối về trung tâm huyện (km)",
        "To an all-season road joined to the district (km)",
    ),
    "flg_centre_snapped_to_the": ("Trụ sở cách điểm bám vào đường (m)", "Centre snapped to the road (m)"),
    "flg_minutes_to_district_centre": (
        "Phút tới trung tâm huyện, mùa khô",
        "Minutes to district centre, dry",
    ),
    "flg_minutes_to_district_centre_2": (
        "Phút tới trung tâm huyện, mùa mưa",
        "Minutes to district centre, rainy",
    ),
    "flg_weakest_link_on_the": ("Đoạn yếu nhất trên tuyến tốt nhất", "Weakest link on the best route"),
    "flg_to_a_substation_km": ("Tới trạm biến áp (km)", "To a substation (km)"),
    "flg_lacks_either": ("Thiếu ít nhất một", "Lacks either"),
    "flg_only_flagged_communes": ("Chỉ hiện xã bị gắn cờ", "Only flagged communes"),
    "flg_only_communes_where_survey": (
        "Chỉ hiện xã điều tra và bản đồ khác nhau",
        "Only communes where survey and map disagree",
    ),
    "flg_decided_survey": ("điều tra", "survey"),
    "flg_decided_map": ("bản đồ", "map"),
    "flg_decided_survey_map": ("điều tra + bản đồ", "survey + map"),
    "flg_decided_none": ("không có số liệu", "no data"),
    "flg_thresholds_caption": (
        "Ngưỡng: đường quanh năm trong {road_km} km, lưới điện trong {grid_km} km, ≥ {grid_pct} % hộ có điện "
        "lưới; năm điều tra {year}. Đổi ngưỡng ở thanh bên.",
        "Thresholds: all-season road within {road_km} km, grid within {grid_km} km, ≥ {grid_pct}% households "
        "on the grid; survey year {year}. Change them in the sidebar.",
    ),
    "flg_disagree_check_first": (
        "Điều tra và bản đồ không khớp — kiểm tra trước",
        "Survey and map disagree — check first",
    ),
    "flg_disagree_caption": (
        "{n} xã có điều tra và bản đồ khác nhau: kiểm tra những xã này trước (điều tra cấp xã được tỉnh đánh "
        "giá là chưa tin cậy).",
        "{n} communes where the survey and the map disagree: check these first (the province itself notes "
        "its commune surveys are unreliable).",
    ),
    # The evidence of a flag: what the map found ...
    "flg_ev_road_none": (
        "bản đồ: không có đường quanh năm nào trong dữ liệu",
        "map: no all-season road in the data",
    ),
    "flg_ev_road_joined": (
        "bản đồ: có đường quanh năm nối về trung tâm huyện cách trụ sở {km} km",
        "map: all-season road joined to the district centre {km} km from the centre",
    ),
    "flg_ev_road_not_joined": (
        "bản đồ: không có đường quanh năm nối về trung tâm huyện trong vòng {limit} km",
        "map: no all-season road joined to the district centre within {limit} km",
    ),
    "flg_ev_road_unjoined_near": (
        "đoạn quanh năm gần nhất cách {km} km nhưng không nối về trung tâm huyện",
        "nearest all-season segment {km} km away connects to no path to the district centre",
    ),
    "flg_ev_nearest": ("gần nhất {km} km", "nearest {km} km"),
    "flg_ev_weakest": (
        "đoạn yếu nhất trên tuyến tốt nhất: {segment} ({road_class}, {surface})",
        "weakest link on the best route: {segment} ({road_class}, {surface})",
    ),
    "flg_ev_grid_none": ("bản đồ: không có lưới điện nào trong dữ liệu", "map: no grid line in the data"),
    "flg_ev_grid_within": ("bản đồ: lưới điện cách trụ sở {km} km", "map: grid line {km} km from the centre"),
    "flg_ev_at_most": ("≤ {limit} km", "≤ {limit} km"),
    "flg_ev_grid_beyond": (
        "bản đồ: không có lưới điện trong vòng {limit} km",
        "map: no grid line within {limit} km",
    ),
    # ... what the survey answered ...
    "flg_ev_survey_road_yes": ("điều tra: có đường ô tô quanh năm", "survey: road yes"),
    "flg_ev_survey_road_no": ("điều tra: không có đường ô tô quanh năm", "survey: road no"),
    "flg_ev_survey_grid_yes": ("điều tra: có điện lưới", "survey: grid yes"),
    "flg_ev_survey_grid_no": ("điều tra: chưa có điện lưới", "survey: grid no"),
    "flg_ev_survey_no_answer": ("điều tra: không có câu trả lời", "survey: no answer"),
    "flg_ev_survey_both": ("điều tra: có cả hai", "survey: both present"),
    "flg_ev_households_low": (
        "điều tra: {pct} % hộ có điện lưới (< {limit} %)",
        "survey: {pct}% of households on the grid (< {limit}%)",
    ),
    # ... and where the centre is.
    "flg_ev_centre_unknown": (
        "trụ sở xã chưa rõ: dùng điểm đại diện của đa giác",
        "commune centre unknown: a representative point of the polygon is used",
    ),
}
