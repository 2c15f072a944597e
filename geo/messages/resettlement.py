"""Messages of the resettlement page, its map layers, exports and commands (Vietnamese, English)."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # map layers (titles are layer_<key>)
    "layer_res_suitability": ("Mức phù hợp tái định cư (điểm 0–1)", "Resettlement suitability (score 0–1)"),
    "layer_res_sites": ("Điểm tái định cư đề xuất", "Candidate resettlement sites"),
    "src_res_suitability": (
        "Mức phù hợp tái định cư (tính bởi công cụ)",
        "Resettlement suitability (computed by the tool)",
    ),
    "src_res_sites": (
        "Điểm tái định cư đề xuất (tính bởi công cụ)",
        "Candidate resettlement sites (computed by the tool)",
    ),
    "res_legend_site": ("Khu đất đề xuất (xếp hạng, mã)", "Candidate site (rank, id)"),
    "res_col_site": ("Điểm", "Site"),
    "res_col_commune": ("Xã", "Commune"),
    "res_col_score": ("Điểm phù hợp", "Score"),
    "res_col_area_ha": ("Diện tích (ha)", "Area (ha)"),
    "res_col_capacity": ("Sức chứa (hộ)", "Capacity (households)"),
    # page
    "res_page_title": ("Tái định cư", "Resettlement"),
    "res_intro": (
        "Chương trình bố trí, ổn định dân di cư tự do ở Mường Nhé (QĐ 141/QĐ-TTg 2008; Đề án 79, QĐ "
        "79/QĐ-TTg 2012, kéo dài đến 2025). Ba câu hỏi: bản nào cần di chuyển hoặc phục vụ trước; đặt điểm "
        "tái định cư ở đâu; nếu đầu tư (cứng hóa đường, trường, trạm y tế, điểm mới) thì thay đổi gì. Quy "
        "tắc tính: README, mục “Resettlement (Mường Nhé)”.",
        "The Mường Nhé programme for free migrants (QĐ 141/QĐ-TTg 2008; Đề án 79, QĐ 79/QĐ-TTg 2012, "
        "extended to 2025). Three questions: which villages to move or serve first; where to put new sites; "
        "what changes if we build (harden roads, add a school or health station, a new site). The rules: "
        "README, section “Resettlement (Mường Nhé)”.",
    ),
    "res_communes": ("Các xã phân tích", "Communes analysed"),
    "res_communes_help": (
        "Mặc định: các xã của huyện Mường Nhé và Nậm Pồ (huyện Mường Nhé năm 2008).",
        "Default: the communes of Mường Nhé and Nậm Pồ districts (Mường Nhé district of 2008).",
    ),
    "res_dem_illustrative": (
        "DỮ LIỆU MINH HỌA: không có DEM thật ngoại tuyến; độ dốc lấy từ DEM minh họa sinh tự động (hạt giống "
        "2016) cho Mường Nhé và Nậm Pồ. Mọi bề mặt, điểm và tệp xuất từ đó là minh họa. Nhập DEM thật "
        "(SRTM/Copernicus) ở trang Nhập dữ liệu.",
        "ILLUSTRATIVE DATA: there is no real DEM offline; slope comes from an illustrative DEM generated for "
        "Mường Nhé and Nậm Pồ (seed 2016). Every surface, site and export made from it is illustrative. "
        "Import a real DEM (SRTM/Copernicus) on the Import page.",
    ),
    "res_dem_project": ("Độ dốc lấy từ DEM của dự án.", "Slope comes from the project's DEM."),
    "res_no_dem": (
        "Không có DEM: độ dốc bị bỏ khỏi điểm số (không coi là bằng phẳng).",
        "No DEM: slope is left out of the score (never taken as flat).",
    ),
    "res_inputs_illustrative": ("Các lớp đầu vào minh họa: {names}.", "Illustrative inputs: {names}."),
    "res_tab_rank": ("1. Bản cần di chuyển / phục vụ", "1. Villages to move or serve"),
    "res_tab_sites": ("2. Nơi đặt điểm tái định cư", "2. Where to put them"),
    "res_tab_scenarios": ("3. Nếu đầu tư thì sao", "3. What if we build"),
    # part 1
    "res_rank_caption": (
        "Nhu cầu 0–1 của mỗi tiêu chí, điểm = Σ trọng số × nhu cầu / Σ trọng số (tiêu chí thiếu dữ liệu được "
        "bỏ ra và ghi trong cột criteria_missing). Thời gian mùa mưa.",
        "Need 0–1 per criterion, score = Σ weight × need / Σ weight (a criterion without data is left out "
        "and named in criteria_missing). Rainy-season times.",
    ),
    "res_rank_weights": (
        "Trọng số xếp hạng bản (mặc định ghi bên cạnh)",
        "Village ranking weights (defaults shown)",
    ),
    "res_need_road": ("Xa đường mọi mùa", "Far from an all-season road"),
    "res_need_school": ("Xa trường tiểu học", "Far from a primary school"),
    "res_need_health": ("Xa trạm y tế xã", "Far from a health station"),
    "res_need_district": ("Xa trung tâm huyện", "Far from the district centre"),
    "res_need_slope": ("Độ dốc tại bản", "Slope at the village"),
    "res_need_protected": ("Trong rừng phòng hộ/đặc dụng", "Inside protected forest"),
    "res_need_hazard": ("Trong vùng thiên tai", "Inside a hazard zone"),
    "res_need_border": ("Trong vành đai biên giới", "Inside the border belt"),
    "res_need_size": ("Bản nhỏ, phân tán", "Small, scattered village"),
    "res_rank_table": ("Bản xếp theo nhu cầu ({n} bản)", "Villages by need ({n} villages)"),
    "res_rank_download": ("Tải bảng xếp hạng (CSV)", "Download the ranking (CSV)"),
    # part 2
    "res_weights": ("Trọng số tiêu chí phù hợp", "Suitability weights"),
    "res_weights_effect": (
        "Mỗi trọng số là phần của tiêu chí trong điểm: {shares}. Điểm = Σ wₖ·sₖ / Σ wₖ; sₖ = 1 − giá trị / "
        "mức về 0 (1 = tốt nhất).",
        "Each weight is the criterion's share of the score: {shares}. Score = Σ wₖ·sₖ / Σ wₖ; sₖ = 1 − value "
        "/ level at 0 (1 = best).",
    ),
    "res_crit_slope": ("Độ dốc", "Slope"),
    "res_crit_road": ("Đường mọi mùa", "All-season road"),
    "res_crit_school": ("Trường tiểu học", "Primary school (tiểu học)"),
    "res_crit_health": ("Trạm y tế", "Health station"),
    "res_crit_grid": ("Lưới điện", "Grid"),
    "res_crit_water": ("Nguồn nước", "Water"),
    "res_limits": ("Ngưỡng và quy mô", "Limits and size"),
    "res_max_slope": ("Độ dốc tối đa (°)", "Slope limit (°)"),
    "res_min_ha": ("Diện tích tối thiểu một điểm (ha)", "Smallest site (ha)"),
    "res_top_share": ("Tỷ lệ ô tốt nhất được chọn (%)", "Share of best cells kept (%)"),
    "res_resolution": ("Kích thước ô (m)", "Cell size (m)"),
    "res_buffer": ("Cách bản hiện có ít nhất (m)", "Distance from existing villages (m)"),
    "res_land_res": ("Đất ở mỗi hộ (ha)", "Residential land per household (ha)"),
    "res_land_farm": ("Đất sản xuất mỗi hộ (ha)", "Farmland per household (ha)"),
    "res_land_help": (
        "Mặc định theo số liệu của chương trình (báo cáo khoảng 2020, daidoanket.vn): 107 ha đất ở cho 634 "
        "hộ; 1.236 ha đất sản xuất cho 528 hộ. Đặt đất sản xuất = 0 nếu đất sản xuất ở nơi khác.",
        "Defaults from the programme's own figures (reported c.2020, daidoanket.vn): 107 ha residential land "
        "for 634 households; 1,236 ha farmland for 528 households. Set farmland to 0 when it lies elsewhere.",
    ),
    "res_run": ("Tính mức phù hợp và điểm đề xuất", "Compute suitability and sites"),
    "res_running": ("Đang tính bề mặt phù hợp…", "Computing the suitability surface…"),
    "res_not_run": (
        "Chọn trọng số và ngưỡng rồi bấm “Tính”.",
        "Choose weights and limits, then press “Compute”.",
    ),
    "res_summary": (
        "{scored} ô được chấm điểm trên {cells} ô trong các xã; {sites} điểm đề xuất (≥ {min_ha} ha), tổng "
        "sức chứa {capacity} hộ (nhu cầu đất {need} ha/hộ).",
        "{scored} cells scored of {cells} in the communes; {sites} candidate sites (≥ {min_ha} ha), holding "
        "{capacity} households in all (land need {need} ha per household).",
    ),
    "res_excluded": ("Ô bị loại: {parts}.", "Cells excluded: {parts}."),
    "res_left_out": (
        "Tiêu chí không có dữ liệu, bỏ khỏi điểm: {names}.",
        "Criteria without data, left out: {names}.",
    ),
    "res_coverage": ("DEM phủ {share} % số ô của vùng.", "The DEM covers {share} % of the area's cells."),
    "res_reason_no_elevation": ("không có độ cao", "no elevation"),
    "res_reason_steep": ("quá dốc", "too steep"),
    "res_reason_protected": ("rừng phòng hộ", "protected"),
    "res_reason_hazard": ("vùng thiên tai", "hazard"),
    "res_reason_border": ("vành đai biên giới", "border belt"),
    "res_reason_settlement": ("gần bản hiện có", "near a village"),
    "res_sites_table": ("Các điểm đề xuất, xếp theo điểm", "Candidate sites, by score"),
    "res_no_sites": (
        "Không có khu đất nào đủ lớn: hãy giảm diện tích tối thiểu hoặc tăng tỷ lệ ô được chọn.",
        "No area is large enough: lower the smallest site or keep a larger share of cells.",
    ),
    "res_choose": (
        "Chọn điểm cho một số hộ (thuật toán tham lam)",
        "Choose sites for a number of households (greedy)",
    ),
    "res_choose_households": ("Số hộ cần bố trí", "Households to place"),
    "res_choose_max": ("Số điểm tối đa", "Most sites"),
    "res_choose_result": (
        "Chọn {sites}: sức chứa {capacity} hộ, tổng điểm {score}.",
        "Chosen {sites}: capacity {capacity} households, total score {score}.",
    ),
    "res_choose_short": (
        "Còn thiếu chỗ cho {n} hộ (cách chọn tham lam; cách kết hợp khác có thể đủ).",
        "{n} households are left without a place (greedy choice; another combination might fit).",
    ),
    "res_choose_note": (
        "Lấy điểm theo thứ tự xếp hạng cho tới khi đủ số hộ: nhanh, không tối ưu.",
        "Sites taken in rank order until the households fit: quick, not optimal.",
    ),
    "res_downloads": ("Tải về", "Downloads"),
    "res_dl_gpkg": ("Điểm đề xuất (GeoPackage)", "Sites (GeoPackage)"),
    "res_dl_xlsx": ("Bảng điểm (XLSX)", "Site table (XLSX)"),
    "res_dl_csv": ("Bảng điểm (CSV)", "Site table (CSV)"),
    "res_dl_tif": ("Bề mặt phù hợp (GeoTIFF)", "Suitability surface (GeoTIFF)"),
    "res_dl_pdf": ("Bản đồ in (PDF A4)", "Printable map (PDF A4)"),
    "res_map_title": (
        "Mức phù hợp tái định cư và điểm đề xuất",
        "Resettlement suitability and candidate sites",
    ),
    "res_export_note_illustrative": (
        "DỮ LIỆU MINH HỌA — tính từ các lớp minh họa ({names}); không phải số liệu đo đạc.",
        "ILLUSTRATIVE DATA — computed from illustrative layers ({names}); not measured figures.",
    ),
    "res_export_note_rules": (
        "Quy tắc tính: README, mục Resettlement (Mường Nhé).",
        "Rules: README, section Resettlement (Mường Nhé).",
    ),
    # part 3
    "res_scn_caption": (
        "Đánh dấu các thay đổi, so sánh với hiện trạng; lưu kịch bản vào dự án (hiện trạng không bao giờ bị "
        "sửa). Một kịch bản chỉ thêm lựa chọn đi lại, không làm chuyến nào dài hơn.",
        "Mark changes, compare with the baseline; save the scenario in the project (the baseline is never "
        "modified). A scenario only adds ways: no trip becomes longer.",
    ),
    "res_scn_name": ("Tên kịch bản (a–z, 0–9, _)", "Scenario name (a–z, 0–9, _)"),
    "res_scn_roads": (
        "Cứng hóa các đoạn đường (chưa đi được mọi mùa)",
        "Harden road segments (not yet all-season)",
    ),
    "res_scn_facility": (
        "Thêm trạm y tế xã tại điểm bấm trên bản đồ",
        "Add a health station at the point clicked on the map",
    ),
    "res_scn_school": (
        "Thêm trường tiểu học tại điểm bấm trên bản đồ",
        "Add a primary school at the point clicked on the map",
    ),
    "res_scn_clicked": ("Điểm đã bấm: {lat}, {lon}", "Point clicked: {lat}, {lon}"),
    "res_scn_click_hint": ("Bấm vào bản đồ để chọn vị trí.", "Click on the map to choose a place."),
    "res_scn_sites": (
        "Thêm các điểm tái định cư đề xuất (theo sức chứa)",
        "Add candidate sites (at their capacity)",
    ),
    "res_scn_compare": ("So sánh với hiện trạng", "Compare with the baseline"),
    "res_scn_save": ("Lưu kịch bản vào dự án", "Save the scenario in the project"),
    "res_scn_saved": (
        "Đã lưu kịch bản '{name}' (phiên bản {version}).",
        "Scenario '{name}' saved (version {version}).",
    ),
    "res_scn_no_project": (
        "Chọn hoặc tạo một dự án ở trang Nhập dữ liệu để lưu kịch bản.",
        "Choose or create a project on the Import page to save scenarios.",
    ),
    "res_scn_saved_list": ("Kịch bản đã lưu", "Saved scenarios"),
    "res_scn_load": ("So sánh kịch bản đã lưu", "Compare a saved scenario"),
    "res_scn_delete": ("Xóa (đánh dấu) kịch bản", "Delete (mark) the scenario"),
    "res_scn_deleted": (
        "Đã đánh dấu xóa '{name}'; phiên bản cũ vẫn còn trong tệp.",
        "'{name}' marked deleted; its earlier versions stay in the file.",
    ),
    "res_scn_empty": ("Kịch bản chưa có thay đổi nào.", "The scenario has no change yet."),
    "res_scn_changed": ("{n} xã thay đổi; {flags} xã đổi cờ.", "{n} communes change; {flags} change flags."),
    "res_scn_people": ("Số người được phục vụ (tỉnh)", "People reached (province)"),
    "res_scn_table": (
        "Các xã thay đổi (hiện trạng → kịch bản)",
        "Communes that change (baseline → scenario)",
    ),
    "res_scn_download": ("Tải bảng so sánh (CSV)", "Download the comparison (CSV)"),
    "res_measure_population_within_2km_allseason": (
        "Trong 2 km đường mọi mùa",
        "Within 2 km of an all-season road",
    ),
    "res_measure_population_health_30min_dry": (
        "≤ 30 phút tới trạm y tế (mùa khô)",
        "≤ 30 min to a health station (dry)",
    ),
    "res_measure_population_health_60min_dry": (
        "≤ 60 phút tới trạm y tế (mùa khô)",
        "≤ 60 min to a health station (dry)",
    ),
    "res_measure_population_health_30min_rainy": (
        "≤ 30 phút tới trạm y tế (mùa mưa)",
        "≤ 30 min to a health station (rainy)",
    ),
    "res_measure_population_health_60min_rainy": (
        "≤ 60 phút tới trạm y tế (mùa mưa)",
        "≤ 60 min to a health station (rainy)",
    ),
    "res_people_baseline": ("Hiện trạng", "Baseline"),
    "res_people_scenario": ("Kịch bản", "Scenario"),
    "res_people_newly": ("Thay đổi (ròng)", "Change (net)"),
    "res_measure": ("Chỉ số", "Measure"),
    # table headers of the page (res_h_<column>)
    "res_h_rank": ("Hạng", "Rank"),
    "res_h_site_id": ("Mã điểm", "Site id"),
    "res_h_commune_gso": ("Mã xã", "Commune code"),
    "res_h_gso_code": ("Mã xã", "Commune code"),
    "res_h_commune": ("Xã", "Commune"),
    "res_h_district": ("Huyện", "District"),
    "res_h_area_ha": ("Diện tích (ha)", "Area (ha)"),
    "res_h_score": ("Điểm số", "Score"),
    "res_h_capacity_households": ("Sức chứa (hộ)", "Capacity (households)"),
    "res_h_slope_mean_deg": ("Độ dốc TB (°)", "Mean slope (°)"),
    "res_h_slope_deg": ("Độ dốc (°)", "Slope (°)"),
    "res_h_minutes_to_allseason_road": ("Phút tới đường mọi mùa", "Minutes to an all-season road"),
    "res_h_km_to_grid": ("km tới lưới điện", "km to the grid"),
    "res_h_km_to_water": ("km tới nguồn nước", "km to water"),
    "res_h_minutes_to_school": ("Phút tới trường tiểu học", "Minutes to a primary school"),
    "res_h_minutes_to_health_station": ("Phút tới trạm y tế", "Minutes to a health station"),
    "res_h_minutes_to_district_centre": ("Phút tới trung tâm huyện", "Minutes to the district centre"),
    "res_h_illustrative": ("Minh họa", "Illustrative"),
    "res_h_land_need_ha_per_household": ("Nhu cầu đất (ha/hộ)", "Land need (ha per household)"),
    "res_h_illustrative_inputs": ("Lớp minh họa", "Illustrative inputs"),
    "res_h_village_id": ("Mã bản", "Village id"),
    "res_h_name": ("Tên bản", "Village"),
    "res_h_households": ("Số hộ", "Households"),
    "res_h_criteria_missing": ("Tiêu chí thiếu dữ liệu", "Criteria without data"),
    "res_h_contribution": ("Đóng góp: {what}", "Share: {what}"),
    "res_h_baseline": ("{what} — hiện trạng", "{what} — baseline"),
    "res_h_scenario": ("{what} — kịch bản", "{what} — scenario"),
    "res_h_lacks_allseason_road": ("Thiếu đường mọi mùa", "Lacks an all-season road"),
    "res_h_minutes_to_district_centre_rainy": (
        "Phút tới TT huyện (mùa mưa)",
        "Minutes to the district centre (rainy)",
    ),
    "res_h_minutes_to_health_station_rainy": (
        "Phút tới trạm y tế (mùa mưa)",
        "Minutes to a health station (rainy)",
    ),
    "res_h_minutes_to_primary_school_rainy": (
        "Phút tới trường tiểu học (mùa mưa)",
        "Minutes to a primary school (rainy)",
    ),
    "res_h_rai_share": ("Tỷ lệ RAI", "RAI share"),
    # CLI
    "res_cli_wrote": ("Đã ghi {path}", "Wrote {path}"),
    "res_cli_illustrative": (
        "Lưu ý: kết quả tính từ dữ liệu MINH HỌA ({names}).",
        "Note: results computed from ILLUSTRATIVE data ({names}).",
    ),
}
