"""Messages of the access analysis: how travel times are measured.

They form the method note of the page and of the exports.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "acc_method_travel": (
        "{season}. Thời gian = đi bộ theo đường thẳng ({walk}) từ điểm xuất phát tới đường, đi xe, rồi đi bộ "
        "từ đường tới nơi đến; chỉ đi bộ ở hai đầu, không bao giờ đi qua đoạn nối vào đường của điểm khác; "
        "hoặc đi bộ thẳng tới nơi đến nếu nhanh hơn (như nhau cho trung tâm huyện, trường học và cơ sở y "
        "tế). Mỗi điểm nối vào đường tại điểm gần nhất của: đoạn đường mở gần nhất trong mùa; đoạn gần nhất "
        "thuộc phần liên thông lớn nhất của mạng đường mở; mùa khô thêm đoạn gần nhất mở trong mùa mưa và "
        "đoạn gần nhất thuộc phần liên thông lớn nhất của mạng đường mùa mưa. Tốc độ mỗi đoạn = min(tốc độ "
        "theo mặt đường, tốc độ tối đa theo cấp đường); mùa mưa ngầm/đường tràn và đường đất không quanh năm "
        "bị đóng, các đường không quanh năm khác chạy bằng một nửa của min(tốc độ mặt đường mùa mưa, tốc độ "
        "tối đa theo cấp). Cơ sở gần nhất ở bất kỳ đâu (kể cả xã/huyện khác).",
        "{season}. Travel = walk in a straight line ({walk}) from the starting point to a road, drive, then "
        "walk from a road to the destination; walking only at the two ends, never along another point's link "
        "to the road; or walking straight to the destination when that is quicker (district centre, schools "
        "and health facilities alike). A point joins the road at the nearest point of: the nearest road open "
        "in the season; the nearest road of the largest connected part of the open network; in the dry "
        "season also the nearest road open in the rainy season and the nearest road of the largest connected "
        "part of the rainy-season network. Speed of a segment = min(surface speed, class maximum); in the "
        "rainy season fords and earth roads that are not all-season are closed, and other roads that are not "
        "all-season run at half of min(rainy surface speed, class maximum). Nearest facility anywhere "
        "(across commune and district borders).",
    ),
    "acc_walk_tobler": ("hàm Tobler theo độ dốc DEM", "Tobler's hiking function over the DEM"),
    "acc_walk_flat": ("4 km/giờ (chưa có DEM)", "4 km/h (no DEM loaded)"),
    "acc_method_season_dry": ("Mùa khô", "Dry season"),
    "acc_method_season_rainy": ("Mùa mưa", "Rainy season"),
}
