"""Messages of the scorecard's filters and levels.

They cover the district and indicator filters, the level rule and the column help.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "scl_filter_district": ("Huyện", "District"),
    "scl_all_districts": ("Tất cả các huyện", "All districts"),
    "scl_filter_indicators": ("Chỉ tiêu (để trống: tất cả)", "Indicators (empty: all)"),
    "scl_filter_status": ("Đánh giá (để trống: tất cả)", "Status (empty: all)"),
    "scl_district_column": ("Huyện", "District"),
    "scl_levels_note": (
        "Mỗi chỉ tiêu chỉ xét ở cấp có số liệu cho từng đơn vị: ở cấp này có {n} trên {total} chỉ tiêu; {m} "
        "chỉ tiêu còn lại xem ở cấp tỉnh.",
        "Each indicator is judged only at the levels where each unit has a figure: {n} of the {total} "
        "indicators exist at this level; the other {m} are at province level.",
    ),
    "scl_levels_help": (
        "Chỉ tiêu chỉ có ở cấp trên: {names}.",
        "Indicators of the levels above only: {names}.",
    ),
    "scl_rows_shown": ("{n} dòng", "{n} rows"),
    "scl_source_notes": (
        "Nguồn số đo của các dòng trên, toàn văn ({n})",
        "Sources of the measured values above, in full ({n})",
    ),
}
