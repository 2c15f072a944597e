"""Messages of the import page: projects, upload, preview, versions."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "imp_project_geopackage_file_opens": (
        "Dự án (tệp GeoPackage, mở được bằng QGIS)",
        "Project (GeoPackage file, opens in QGIS)",
    ),
    "imp_new_project": ("+ Dự án mới…", "+ New project…"),
    "imp_new_project_name": ("Tên dự án mới", "New project name"),
    "imp_letters_vietnamese_included_digits": (
        "Chữ cái (có dấu), chữ số, '_' và '-'; tối đa 60 ký tự; không có dấu cách, dấu chấm hay đường dẫn.",
        "Letters (Vietnamese included), digits, '_' and '-'; at most 60 characters; "
        "no spaces, dots or paths.",
    ),
    "imp_create_the_project": ("Tạo dự án", "Create the project"),
    "imp_row_feature": ("Dòng/đối tượng", "Row/feature"),
    "imp_column": ("Cột", "Column"),
    "imp_problem_and_what_to": ("Vấn đề và cách sửa", "Problem and what to do"),
    "imp_versions_in_the_project": ("Các phiên bản trong dự án", "Versions in the project"),
    "imp_the_project_has_no": ("Dự án chưa có lớp nào.", "The project has no layer yet."),
    "imp_restore_a_version": ("Khôi phục phiên bản", "Restore a version"),
    "imp_restore": ("Khôi phục", "Restore"),
    "imp_bring_in_your_data": ("Nhập dữ liệu của bạn", "Bring in your data"),
    "imp_commune_tables_csv_xlsx": (
        "Bảng cấp xã (CSV, XLSX), lớp bản đồ (GeoPackage, GeoJSON, Shapefile nén zip, KML, MapInfo nén zip), "
        "điểm có kinh độ/vĩ độ hoặc tọa độ VN-2000, bản trích OpenStreetMap (.osm, .osm.pbf), GeoTIFF (DEM, "
        "dân số). Tệp gốc không bao giờ bị sửa; dữ liệu có sẵn chỉ đọc.",
        "Commune tables (CSV, XLSX), map layers (GeoPackage, GeoJSON, zipped Shapefile, KML, zipped MapInfo),"
        " points with longitude/latitude or VN-2000 x/y, OpenStreetMap extracts (.osm, .osm.pbf), GeoTIFF "
        "(DEM, population). Your original files are never modified; the embedded data stays read-only.",
    ),
    "imp_choose_a_file": ("Chọn tệp", "Choose a file"),
    "imp_layer_kind": ("Loại lớp", "Layer kind"),
    "imp_automatic_tables_osm": ("tự nhận (bảng, OSM)", "automatic (tables, OSM)"),
    "imp_epsg_when_the_file": ("EPSG khi tệp không có CRS", "EPSG when the file has no CRS"),
    "imp_note_source_year": ("Ghi chú (nguồn, năm)", "Note (source, year)"),
    "imp_layer_in_the_file": ("Lớp trong tệp", "Layer in the file"),
    "imp_choose_or_create_a": (
        "Hãy chọn hoặc tạo một dự án để lưu.",
        "Choose or create a project to save into.",
    ),
    "imp_accept_and_save_into": ("Nhận và lưu vào dự án", "Accept and save into the project"),
    "imp_project_file": (
        "Tệp {file} trong thư mục dự án của máy chủ.",
        "File {file} in the server's projects folder.",
    ),
    "imp_refused": (
        "Không nhận tệp: {n} vấn đề. Không có gì được ghi.",
        "File refused: {n} problem(s). Nothing was written.",
    ),
    "imp_grid_summary": ("Lưới {size} ô, giá trị {span}", "Grid {size} cells, values {span}"),
    "imp_restored": ("Đã khôi phục {name}.", "{name} restored."),
    "imp_cannot_write": ("Không ghi được dự án: {error}", "Cannot write the project: {error}"),
    "imp_too_large": (
        "Tệp quá lớn ({got}, giới hạn {limit}); hãy cắt dữ liệu theo ranh giới tỉnh hoặc chia nhỏ tệp.",
        "File too large ({got}, limit {limit}); clip the data to the province or split the file.",
    ),
    # importable layer kinds (layers.imports.KINDS) without a layer name of their own elsewhere
    "imp_kind_power_lines": ("Đường dây cao thế", "High-voltage lines"),
    "imp_kind_grid_mv": ("Lưới trung thế", "Medium-voltage grid"),
    "imp_kind_survey": ("Bảng số liệu cấp xã", "Commune table"),
    "imp_kind_dem": ("Mô hình số độ cao (DEM)", "Elevation model (DEM)"),
    "imp_kind_population": ("Lưới dân số", "Population grid"),
    # the commune survey's columns as named inside messages (layers.imports.SURVEY_SCHEMA)
    "imp_col_households": ("tổng số hộ", "households"),
    "imp_col_poor_households": ("số hộ nghèo", "poor households"),
    "imp_col_near_poor_households": ("số hộ cận nghèo", "near-poor households"),
    "imp_col_poor_hh_rate_pct": ("tỷ lệ hộ nghèo (%)", "poor-household rate (%)"),
    "imp_col_near_poor_hh_rate_pct": ("tỷ lệ hộ cận nghèo (%)", "near-poor household rate (%)"),
    "imp_col_hh_with_grid_power": ("số hộ dùng điện lưới", "households with grid power"),
    "imp_col_hh_grid_power_pct": ("tỷ lệ hộ dùng điện lưới (%)", "households with grid power (%)"),
    "imp_col_schools_national_standard_pct": ("tỷ lệ trường đạt chuẩn (%)", "schools up to standard (%)"),
    "imp_col_allseason_road_to_centre": (
        "đường ô tô quanh năm đến trung tâm xã",
        "all-season road to the centre",
    ),
    "imp_col_grid_connected": ("có điện lưới quốc gia", "on the national grid"),
    "imp_col_health_station_national_standard": ("trạm y tế đạt chuẩn", "health station up to standard"),
}
