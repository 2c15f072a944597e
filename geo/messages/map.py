"""Messages of the Map page (theme choice, layer list, commune panel) and of the map's tooltips."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "map_no_flag": ("Không", "None"),
    "map_theme": ("Tô màu xã theo", "Colour communes by"),
    "map_theme_none": ("Không tô màu", "No colour fill"),
    "map_theme_help": ("Mỗi lần chỉ tô màu một chủ đề; chủ đề khác bật trong danh sách lớp được vẽ bằng đường viền.",
                       "One theme is coloured at a time; another theme ticked in the layer list is drawn as outlines."),
    "map_layer_list": ("Lớp trên bản đồ", "Layers on the map"),
    "map_zones_outline": ("Khu vực I/II/III (đường viền)", "Zones I/II/III (outlines)"),
    "map_flags_none": ("Không bị đánh dấu", "Not flagged"),
}
