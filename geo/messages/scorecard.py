"""Messages of the scorecard against the 2020 targets of Conclusion 05-KL/TU: page, table, PDF and XLSX."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    "sc_title": (
        "Bảng theo dõi mục tiêu Kết luận 05-KL/TU đến 2020",
        "Scorecard against the 2020 targets of Conclusion 05-KL/TU",
    ),
    "sc_subtitle": ("Tỉnh Điện Biên · số đo năm {year}", "Điện Biên province · measured in {year}"),
    "sc_sheet": ("Các mục tiêu 2020", "2020 targets"),
    "sc_indicator_id": ("Mã chỉ tiêu", "Indicator id"),
    "sc_level_short": ("Cấp", "Level"),
    "sc_unit_code": ("Mã đơn vị", "Unit code"),
    "sc_unit_name": ("Đơn vị", "Unit"),
    "sc_measured": ("Đo được", "Measured"),
    "sc_measure_unit": ("Đơn vị tính", "Unit of measure"),
    "sc_comparator": ("Phép so sánh", "Comparator"),
    "sc_source": ("Nguồn số đo", "Source of the measured value"),
    "sc_province": ("Tỉnh", "Province"),
    "sc_summary": ("Tổng hợp", "Summary"),
    "sc_rules_plain": (
        "Đạt: số đo thỏa mục tiêu. Đúng lộ trình: chưa đạt nhưng đường thẳng từ năm gốc 2015 qua số đo đạt "
        "mục tiêu vào năm 2020. Chậm so với lộ trình: không đạt theo đường đó (hoặc đã đến 2020 mà chưa "
        "đạt). Không có số liệu: ô số đo để trống, không bao giờ tính là 0; cột nguồn ghi số liệu nào sẽ trả "
        "lời được.",
        "Met: the measured value satisfies the target. On track: not yet, but the straight line from the "
        "2015 baseline through the measured value reaches it by 2020. Off track: it does not (or 2020 is "
        "reached unmet). No data: the measured cell is left empty, never counted as 0; the source column "
        "says what data would answer it.",
    ),
    "sc_chart_title": (
        "Tỷ lệ hộ nghèo cấp tỉnh (số thực) so với lộ trình mục tiêu",
        "Provincial poor-household rate (real) against the target path",
    ),
    "sc_chart_note_print": (
        "Mỗi chuẩn nghèo là một đường riêng, không nối với nhau: số của các chuẩn khác nhau không so sánh "
        "được. Vạch dọc: đổi chuẩn nghèo (kỳ rà soát cuối năm đã dùng chuẩn của giai đoạn sau, nên 48,14 % "
        "năm 2015 là năm gốc của chuẩn 2016–2020). Chỉ vẽ số thực; số đo minh họa không có trên biểu đồ.",
        "Each poverty standard is its own line, never joined: figures on different standards are not "
        "comparable. Vertical rules: change of standard (the end-of-year review already uses the next "
        "period's line, so 2015's 48.14% is the baseline of the 2016–2020 standard). Only real figures are "
        "drawn; illustrative measurements are not on the chart.",
    ),
    "sc_year": ("Năm", "Year"),
    "sc_rate": ("Tỷ lệ hộ nghèo (%)", "Poor-household rate (%)"),
    "sc_standard_change": ("chuẩn mới", "new standard"),
    "sc_target_point": ("mục tiêu 2020", "2020 target"),
    "sc_real_sources": ("Nguồn của chuỗi số thực (từng năm)", "Sources of the real series (per year)"),
    "sc_illustrative_note": (
        'Dữ liệu minh họa: các số đo ghi "minh họa" trong cột nguồn được tạo ra để minh họa (không phải số đo'
        " thực).",
        'Illustrative data: the measured values whose source says "illustrative" are generated (not '
        "measured).",
    ),
    "layer_targets": ("Mục tiêu", "Targets"),
    "layer_poverty_series": ("Chuỗi tỷ lệ hộ nghèo cấp tỉnh (thực)", "Provincial poverty series (real)"),
    "layer_district_centres": ("Trung tâm huyện", "District centres"),
    "sc_no_rows": ("Không có dòng nào trong bảng theo dõi.", "The scorecard has no rows."),
    "sc_continued": ("(tiếp)", "(continued)"),
    "sc_level": ("Cấp đánh giá", "Level"),
    "sc_district": ("Huyện (10 huyện trước 2025)", "District (the 10 pre-2025 districts)"),
    "sc_commune": ("Xã", "Commune"),
    "sc_met": ("Đạt", "Met"),
    "sc_on_track": ("Đúng lộ trình", "On track"),
    "sc_off_track": ("Chậm so với lộ trình", "Off track"),
    "sc_no_data": ("Không có số liệu", "No data"),
    "sc_indicator": ("Chỉ tiêu", "Indicator"),
    "sc_unit": ("Đơn vị", "Unit"),
    "sc_target": ("Mục tiêu năm 2020", "2020 target"),
    "sc_status": ("Đánh giá", "Status"),
    "sc_rules": (
        "**Đạt**: số đo thỏa mục tiêu. **Đúng lộ trình**: chưa đạt nhưng đường thẳng từ năm gốc 2015 qua số "
        "đo đạt mục tiêu vào năm 2020. **Chậm**: không đạt theo đường đó (hoặc đã đến 2020 mà chưa đạt). "
        "**Không có số liệu**: để trống, không bao giờ tính là 0; cột nguồn ghi số liệu nào sẽ trả lời được.",
        "**Met**: the measured value satisfies the target. **On track**: not yet, but the straight line from "
        "the 2015 baseline through the measured value reaches it by 2020. **Off track**: it does not (or "
        "2020 is reached unmet). **No data**: left empty, never counted as 0; the source column says what "
        "data would answer it.",
    ),
    "sc_chart_note": (
        "Mỗi chuẩn nghèo là một đường riêng: các số của chuẩn khác nhau không so sánh được (vạch dọc: đổi "
        "chuẩn nghèo; kỳ rà soát cuối năm đã dùng chuẩn của giai đoạn sau). Năm 2020 chưa có số thực trong "
        "dữ liệu đang có.",
        "Each poverty standard is its own line: figures on different standards are not comparable (vertical "
        "rules: change of standard; the end-of-year review already uses the next period's line). No real "
        "2020 figure is in the data held.",
    ),
    "sc_series": ("Chuỗi số liệu", "Series"),
    "sc_holdback_title": ("Ai kéo chậm mục tiêu", "Who holds the target back"),
    "sc_holdback_level": ("Xem theo", "Show by"),
    "sc_holdback_indicator": ("Chỉ tiêu", "Indicator"),
    "sc_holdback_note": (
        "Phần góp vào khoảng thiếu = khoảng cách của đơn vị đến mục tiêu × tỷ trọng (số hộ, hoặc số xã với "
        "chỉ tiêu tính theo xã): số điểm phần trăm của toàn tỉnh mà đơn vị này chiếm.",
        "Contribution to the gap = the unit's distance to the target × its weight (households, or communes "
        "for commune-share targets): the percentage points of the province figure this unit stands for.",
    ),
    "sc_gap_points": ("Góp vào khoảng thiếu (điểm)", "Contribution to the gap (points)"),
    "sc_share_of_gap": ("Tỷ phần khoảng thiếu", "Share of the gap"),
    "sc_nothing_measured": (
        "Không có chỉ tiêu nào đo được ở cấp này.",
        "No indicator can be measured at this level.",
    ),
    "sc_no_gap": ("Không đơn vị nào thiếu so với mục tiêu.", "No unit falls short of the target."),
    # what data would answer each target the loaded data cannot measure (analysis.targets: needs_data)
    "sc_needs_grdp_growth": (
        "Cần GRDP theo giá so sánh 2015–2020 (Niên giám thống kê tỉnh).",
        "Needs GRDP at constant prices 2015–2020 (provincial statistical yearbook).",
    ),
    "sc_needs_gdp_per_capita": (
        "Cần GRDP bình quân đầu người năm 2020 quy ra USD (Niên giám thống kê tỉnh).",
        "Needs 2020 GRDP per capita in USD (provincial statistical yearbook).",
    ),
    "sc_needs_district_roads_hardened": (
        "Cần danh mục đường huyện có chiều dài và loại mặt đường (Sở GTVT).",
        "Needs the district-road register with length and surface (Department of Transport).",
    ),
    "sc_needs_commune_roads_hardened": (
        "Cần danh mục đường xã có chiều dài và loại mặt đường (Sở GTVT, UBND huyện).",
        "Needs the commune-road register with length and surface (Department of Transport, districts).",
    ),
    "sc_needs_households_tv": (
        "Cần số hộ xem được truyền hình Trung ương và tỉnh theo xã (Sở TT&TT).",
        "Needs households able to receive central and provincial TV, per commune (Dept of Information).",
    ),
    "sc_needs_commune_wireless_radio": (
        "Cần danh sách xã có đài truyền thanh không dây (Sở TT&TT).",
        "Needs the list of communes with a wireless radio station (Dept of Information).",
    ),
    "sc_needs_primary_completion": (
        "Cần thống kê năm học về hoàn thành tiểu học (Sở GD&ĐT).",
        "Needs school-year statistics on primary completion (Department of Education).",
    ),
    "sc_needs_lower_secondary_graduation": (
        "Cần kết quả xét tốt nghiệp THCS (Sở GD&ĐT).",
        "Needs lower-secondary graduation results (Department of Education).",
    ),
    "sc_needs_upper_secondary_graduation": (
        "Cần kết quả thi tốt nghiệp THPT (Sở GD&ĐT).",
        "Needs upper-secondary graduation results (Department of Education).",
    ),
    "sc_needs_doctors_per_10k": (
        "Cần số bác sĩ và dân số năm 2020 (Sở Y tế); bảng TCTK đang có chỉ đến 2016.",
        "Needs 2020 doctors and population (Department of Health); the GSO table held stops at 2016.",
    ),
    "sc_needs_infant_full_vaccination": (
        "Cần tỷ lệ tiêm chủng đầy đủ năm 2020 (Sở Y tế); bảng TCTK đang có chỉ đến 2016 (sơ bộ).",
        "Needs the 2020 full-immunisation rate (Department of Health); the GSO table held stops at 2016 "
        "(preliminary).",
    ),
    "sc_needs_underweight_under5": (
        "Cần tỷ lệ suy dinh dưỡng cân nặng/tuổi (Viện Dinh dưỡng, giám sát dinh dưỡng hằng năm).",
        "Needs the weight-for-age malnutrition rate (National Institute of Nutrition surveillance).",
    ),
    "sc_needs_commune_new_rural": (
        "Cần danh sách xã đạt 15–19 tiêu chí nông thôn mới (Văn phòng điều phối NTM tỉnh).",
        "Needs the list of communes meeting 15–19 new-rural criteria (provincial NTM office).",
    ),
    "sc_needs_vocational_training": (
        "Cần số lao động được đào tạo nghề hằng năm (Sở LĐ-TB&XH).",
        "Needs yearly vocational-training counts (Department of Labour, DOLISA).",
    ),
    "sc_needs_employment_after_training": (
        "Cần số học viên có việc làm sau đào tạo (Sở LĐ-TB&XH).",
        "Needs trainees employed after training (DOLISA).",
    ),
    "sc_needs_trained_labour_share": (
        "Cần tỷ lệ lao động qua đào tạo (Điều tra lao động việc làm, TCTK).",
        "Needs the share of trained workers (GSO Labour Force Survey).",
    ),
    "sc_needs_new_jobs": (
        "Cần số lao động được tạo việc làm mới hằng năm (Sở LĐ-TB&XH).",
        "Needs new jobs created per year (DOLISA).",
    ),
    "sc_needs_poverty_rate": (
        "Cần kết quả rà soát hộ nghèo theo xã (chuẩn 2016–2020, Sở LĐ-TB&XH).",
        "Needs the household poverty review by commune (2016–2020 standard, DOLISA).",
    ),
    "sc_needs_poverty_reduction_province": (
        "Cần tỷ lệ hộ nghèo của năm gốc 2015 và của một năm sau đó, cùng chuẩn 2016–2020.",
        "Needs the poor-household rate of the 2015 baseline and of a later year, both on the 2016–2020 "
        "standard.",
    ),
    "sc_needs_poverty_reduction_poor_districts": (
        "Cần tỷ lệ hộ nghèo các huyện 30a năm 2015 và một năm sau đó (chuẩn 2016–2020).",
        "Needs the 30a districts' poor-household rates in 2015 and a later year (2016–2020 standard).",
    ),
    "sc_needs_commune_allseason_road": (
        "Cần bản đồ đường đi được quanh năm và trụ sở xã, hoặc điều tra xã.",
        "Needs a map of all-season roads and commune centres, or the commune survey.",
    ),
    "sc_needs_commune_grid": (
        "Cần bản đồ lưới điện và trụ sở xã, hoặc điều tra xã.",
        "Needs a map of the grid and commune centres, or the commune survey.",
    ),
    "sc_needs_households_electricity": (
        "Cần số hộ có điện theo xã (Điện lực Điện Biên, điều tra xã).",
        "Needs households with electricity per commune (Điện Biên Power, commune survey).",
    ),
    "sc_needs_schools_national_standard": (
        "Cần danh sách trường đạt chuẩn quốc gia (Sở GD&ĐT).",
        "Needs the list of schools meeting the national standard (Department of Education).",
    ),
    "sc_needs_commune_health_criteria": (
        "Cần danh sách xã đạt bộ tiêu chí quốc gia về y tế xã (Sở Y tế).",
        "Needs the communes meeting the national commune-health criteria (Department of Health).",
    ),
    "sc_needs_poor_access_services": (
        "Cần số người nghèo có thẻ BHYT, được hỗ trợ giáo dục, vay vốn (BHXH, NHCSXH, Sở GD&ĐT).",
        "Needs poor people with free health-insurance cards, education support and credit (social insurance, "
        "VBSP, education).",
    ),
    "sc_needs_generic": (
        "Dữ liệu đang có không đo được chỉ tiêu này.",
        "The loaded data cannot measure this indicator.",
    ),
    # sources of the measured values (layers.targets.describe_sources)
    "sc_src_survey_illustrative": (
        "minh họa: điều tra xã 2015–2020 (số liệu tạo ra, hiệu chỉnh theo tổng thực cấp tỉnh)",
        "illustrative: commune survey 2015–2020 (generated, calibrated to real provincial totals)",
    ),
    "sc_src_survey_project": ("điều tra xã của dự án: {source}", "the project's commune survey: {source}"),
    "sc_src_flags_illustrative": (
        "minh họa: quy tắc gắn cờ (bản đồ đường/lưới điện + điều tra xã)",
        "illustrative: flag rules (road/grid geometry + commune survey)",
    ),
    "sc_src_flags_real": (
        "quy tắc gắn cờ (bản đồ đường/lưới điện + điều tra xã)",
        "flag rules (road/grid geometry + commune survey)",
    ),
    "sc_src_survey_rate": (
        "{survey}, tỷ lệ theo số hộ, năm {year}{scope}",
        "{survey}, households-weighted, {year}{scope}",
    ),
    "sc_src_survey_fall": (
        "{survey}, mức giảm bình quân {base_year}–{year}{scope}",
        "{survey}, average fall {base_year}–{year}{scope}",
    ),
    "sc_src_scope_30a": (", các huyện 30a gộp lại", ", 30a districts combined"),
    "sc_src_survey_value": ("{survey}: {what}, năm {year}", "{survey}: {what}, {year}"),
    "sc_src_flags": ("{flags}, năm {year}", "{flags}, {year}"),
    "sc_src_real_rate": (
        "thực: rà soát hộ nghèo năm {year} (chuẩn nghèo 2016–2020), ưu tiên hơn điều tra xã; {cite}",
        "real: household poverty review {year} (2016–2020 standard), preferred over the commune survey; "
        "{cite}",
    ),
    "sc_src_real_fall": (
        "thực: {base_year} → {year}, chuẩn nghèo 2016–2020; {cite}",
        "real: {base_year} → {year}, 2016–2020 standard; {cite}",
    ),
    "sc_src_real_counts": ("thực: {cite} xã", "real: {cite} communes"),
    "sc_src_needs_data": ("không có số liệu: {note}", "no data: {note}"),
    "sc_src_no_data_for_unit": (
        "không có số liệu cho đơn vị này ({source})",
        "no data for this unit ({source})",
    ),
    "sc_what_households_electricity": (
        "hộ có điện lưới (không tính điện ngoài lưới)",
        "households with grid power (off-grid not counted)",
    ),
    "sc_what_commune_health_criteria": (
        "xã có trạm y tế đạt chuẩn quốc gia (thay cho bộ tiêu chí y tế xã)",
        "communes whose health station meets the national standard (proxy for the health criteria)",
    ),
    "sc_what_schools_national_standard": (
        "trung bình tỷ lệ trường đạt chuẩn của các xã",
        "mean of commune shares of schools at standard",
    ),
    "sc_standard_gso_published": (
        "TCTK công bố (chuẩn từng thời kỳ)",
        "GSO as published (line of each period)",
    ),
    "sc_standard_2011_2015": ("Chuẩn nghèo 2011–2015 (thu nhập)", "2011–2015 standard (income)"),
    "sc_standard_2016_2020": ("Chuẩn nghèo 2016–2020 (đa chiều)", "2016–2020 standard (multidimensional)"),
    "sc_standard_2022_2025": ("Chuẩn nghèo 2022–2025 (đa chiều)", "2022–2025 standard (multidimensional)"),
    "sc_standard_other": ("Khác / không rõ chuẩn", "Other / standard not stated"),
    "sc_target_path": ("Lộ trình mục tiêu KL 05 ({ends})", "Conclusion 05 target path ({ends})"),
    # the units of the targets file (written in English there): sc_tunit_ + the unit folded to a key
    # (layers.targets.unit_text)
    "sc_tunit_pct_of_children": ("% số trẻ em", "% of children"),
    "sc_tunit_pct_of_children_under_5": ("% số trẻ dưới 5 tuổi", "% of children under 5"),
    "sc_tunit_pct_of_commune_road_length": ("% chiều dài đường xã", "% of commune road length"),
    "sc_tunit_pct_of_communes": ("% số xã", "% of communes"),
    "sc_tunit_pct_of_district_road_length": ("% chiều dài đường huyện", "% of district road length"),
    "sc_tunit_pct_of_households": ("% số hộ", "% of households"),
    "sc_tunit_pct_of_poor_people": ("% số người nghèo", "% of poor people"),
    "sc_tunit_pct_of_pupils": ("% số học sinh", "% of pupils"),
    "sc_tunit_pct_of_schools": ("% số trường", "% of schools"),
    "sc_tunit_pct_of_trainees": ("% số học viên", "% of trainees"),
    "sc_tunit_pct_of_workforce": ("% lực lượng lao động", "% of workforce"),
    "sc_tunit_pct_per_year": ("%/năm", "% per year"),
    "sc_tunit_usd_per_person_per_year": ("USD/người/năm", "USD per person per year"),
    "sc_tunit_doctors_per_10000_people": ("bác sĩ/vạn dân", "doctors per 10000 people"),
    "sc_tunit_percentage_points_per_year": ("điểm %/năm", "percentage points per year"),
    "sc_tunit_workers_per_year": ("lao động/năm", "workers per year"),
}
