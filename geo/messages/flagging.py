"""Messages of the flagged-communes page."""

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
    "flg_minutes_to_district_centre": ("Phút tới trung tâm huyện, mùa khô", "Minutes to district centre, dry"),
    "flg_minutes_to_district_centre_2": ("Phút tới trung tâm huyện, mùa mưa", "Minutes to district centre, rainy"),
    "flg_weakest_link_on_the": ("Đoạn yếu nhất trên tuyến tốt nhất", "Weakest link on the best route"),
    "flg_to_a_substation_km": ("Tới trạm biến áp (km)", "To a substation (km)"),
    "flg_lacks_either": ("Thiếu ít nhất một", "Lacks either"),
    "flg_only_flagged_communes": ("Chỉ hiện xã bị gắn cờ", "Only flagged communes"),
    "flg_only_communes_where_survey": (
        "Chỉ hiện xã điều tra và bản đồ khác nhau",
        "Only communes where survey and map disagree",
    ),
}
