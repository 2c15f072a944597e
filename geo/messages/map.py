"""Messages of the Map page (theme choice, layer list, commune panel) and of the map's tooltips."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "map_no_flag": ("Không", "None"),
    "map_theme": ("Tô màu xã theo", "Colour communes by"),
    "map_theme_none": ("Không tô màu", "No colour fill"),
    "map_theme_help": (
        "Mỗi lần chỉ tô màu một chủ đề; chủ đề khác bật trong danh sách lớp được vẽ bằng đường viền.",
        "One theme is coloured at a time; another theme ticked in the layer list is drawn as outlines.",
    ),
    "map_layer_list": ("Lớp trên bản đồ", "Layers on the map"),
    "map_zones_outline": ("Khu vực I/II/III (đường viền)", "Zones I/II/III (outlines)"),
    "map_flags_none": ("Không bị đánh dấu", "Not flagged"),
    # commune panel: row labels and the source of each value (marked illustrative from the provenance of the
    # input)
    "panel_merged_into": ("Xã sau sáp nhập 2025", "Commune after the 2025 merger"),
    "panel_population_2009": ("Dân số 2009 (tổng điều tra)", "Population 2009 (census)"),
    "panel_minutes_to_district": (
        "Thời gian đến trung tâm huyện (mùa khô / mùa mưa)",
        "Time to the district centre (dry / rainy)",
    ),
    "panel_weakest_link": ("Đoạn yếu nhất trên tuyến tốt nhất", "Weakest link on the best route"),
    "panel_minutes": ("{minutes} phút", "{minutes} min"),
    "panel_no_route": ("không đi được", "no route"),
    "panel_mark": (" (minh họa)", " (illustrative)"),
    "panel_src_survey": ("Điều tra xã{mark}, {year}", "Commune survey{mark}, {year}"),
    "panel_src_survey_project": (
        "Điều tra xã của dự án ({source}), {year}",
        "The project's commune survey ({source}), {year}",
    ),
    "panel_src_geometry": (
        "Tính từ bản đồ: trụ sở xã{centres}, lớp đường{roads} và lưới điện{grid}",
        "Computed from the map: commune centre{centres}, roads{roads} and grid{grid}",
    ),
    "panel_src_network": (
        "Mạng đường{roads}, tốc độ theo loại đường và mùa",
        "Road network{roads}, speeds by class and season",
    ),
    "panel_src_census": ("censusVN2009 (dữ liệu thực)", "censusVN2009 (real data)"),
    "panel_disagreement": (
        "Điều tra và bản đồ không khớp — kiểm tra trước: ",
        "Survey and map disagree — check first: ",
    ),
}
