"""Messages about commune names.

They cover search results found by another spelling, census spellings and shared GSO codes.
"""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "nm_found_as": ("tìm thấy theo tên {name}", "found as {name}"),
    "nm_drawn_as": ("trên tệp ranh giới: {name}", "{name} in the boundary file"),
    "nm_official_name": ("Tên chính thức (TCTK)", "Official name (GSO)"),
    "nm_census_spelling": (
        "Tệp ranh giới (bộ đa giác điều tra dân số) ghi tên này là “{name}”; tên trong danh mục hành chính "
        "của Tổng cục Thống kê (TCTK) là “{official}”.",
        "The boundary file (census polygons) spells this name “{name}”; the General Statistics Office (GSO) "
        "list of administrative units names it “{official}”.",
    ),
    "nm_variants": ("Các nguồn khác còn viết: {names}.", "Other sources also spell it: {names}."),
    "nm_shared_code": (
        "Mã TCTK {code} dùng chung cho {n} đa giác ({names}): tệp ranh giới vẽ theo địa giới trước khi sáp "
        "nhập, còn danh mục TCTK chỉ có {official} (Tà Lèng đã nhập vào Thanh Minh năm 2020). Số liệu theo "
        "mã {code} là của cả hai đa giác.",
        "GSO code {code} is shared by {n} polygons ({names}): the boundary file draws the units before their "
        "merger, while the GSO list has only {official} (Tà Lèng was merged into Thanh Minh in 2020). "
        "Figures keyed by code {code} cover both polygons.",
    ),
}
