"""Messages of the Programmes page, its map layers and exports: coverage of each programme against need."""

from __future__ import annotations

#: key -> (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- programme names (a user's own programme is named by its file)
    # -------------------------------------------
    "prog_name_nq30a_2009_2020": (
        "Huyện nghèo 30a (Nghị quyết 30a/2008/NQ-CP, 2009–2020)",
        "30a poor districts (Resolution 30a/2008/NQ-CP, 2009–2020)",
    ),
    "prog_name_qd141_2008_2012": (
        "Đề án 141 ổn định dân cư Mường Nhé (QĐ 141/QĐ-TTg, 2008–2012)",
        "Mường Nhé settlement scheme (QĐ 141/QĐ-TTg, 2008–2012)",
    ),
    "prog_name_border_communes": (
        "Xã biên giới (suy diễn từ bản đồ, chính thức 29 xã)",
        "Border communes (derived from the map, official count 29)",
    ),
    "prog_name_ntm_recognised": (
        "Xã được công nhận nông thôn mới (2015–2019, danh sách chưa đủ)",
        "New-rural recognitions (2015–2019, partial list)",
    ),
    "prog_name_zone3_2026_2030": (
        "Xã khu vực III 2026–2030 (QĐ 46 của UBND tỉnh)",
        "Zone III communes 2026–2030 (Provincial Decision 46)",
    ),
    "prog_name_zone3_2021_2025": (
        "Xã khu vực III 2021–2025 (QĐ 861/QĐ-TTg)",
        "Zone III communes 2021–2025 (QĐ 861/QĐ-TTg)",
    ),
    "prog_name_p135_2017_2020": (
        "Chương trình 135, 2017–2020 (QĐ 900/QĐ-TTg)",
        "Programme 135, 2017–2020 (QĐ 900/QĐ-TTg)",
    ),
    "prog_name_de_an_79_2012_2020": (
        "Đề án 79 Mường Nhé (QĐ 79/QĐ-TTg, 2012–2020)",
        "Đề án 79, Mường Nhé (QĐ 79/QĐ-TTg, 2012–2020)",
    ),
    "prog_name_poor_districts_2021_2025": (
        "Huyện nghèo 2021–2025 (QĐ 353/QĐ-TTg)",
        "Poor districts 2021–2025 (QĐ 353/QĐ-TTg)",
    ),
    "prog_name_villages_dbkk_2021_2025": (
        "Thôn đặc biệt khó khăn 2021–2025 (QĐ 433/QĐ-UBDT)",
        "Extremely difficult villages 2021–2025 (QĐ 433/QĐ-UBDT)",
    ),
    "prog_caveat_not_representative": (
        "xã vừa đạt nông thôn mới: không đại diện",
        "a new-rural commune: not representative",
    ),
    "prog_caveat_year_approximate": ("năm gần đúng", "year approximate"),
    "prog_caveat_area_approximate": (
        "địa bàn gần đúng (21 trong 26 xã, không rõ xã nào)",
        "area approximate (21 of 26 communes, which ones is not known)",
    ),
    "prog_caveat_standard_not_stated": ("nguồn không nêu chuẩn nghèo", "poverty standard not stated"),
    # --- page
    # ---------------------------------------------------------------------------------------------------
    "prog_page_title": ("Các chương trình", "Programmes"),
    "prog_title": (
        "Chương trình nào phủ xã nào, so với nhu cầu",
        "Which programmes reach which communes, against need",
    ),
    "prog_intro": (
        "Danh sách thành viên lấy từ văn bản thật (data/programmes). **Chưa rõ** không bao giờ được tính là "
        "**không thuộc**. Chỉ số nhu cầu tính từ điều tra xã MINH HỌA, cờ đường/điện và thời gian đi lại (dữ "
        "liệu minh họa): xếp hạng chỉ minh họa phương pháp, không phải số đo của tỉnh.",
        "Member lists come from real documents (data/programmes). **Unknown** is never counted as **not "
        "covered**. The need score is built from the ILLUSTRATIVE commune survey, the road/grid flags and "
        "travel times (illustrative data): the ranking shows the method, not the province.",
    ),
    "prog_choose_map": ("Chương trình trên bản đồ", "Programme on the map"),
    "prog_choose_judged": (
        "Các chương trình xét độ phủ (khoảng trống = không chương trình nào phủ)",
        "Programmes judged for coverage (a gap = covered by none of them)",
    ),
    "prog_weights": ("Trọng số chỉ số nhu cầu", "Need indicator weights"),
    "prog_weights_note": (
        "Mỗi chỉ số được đưa về 0–1 (1 = cần nhất) theo min–max trên các xã có số liệu; điểm = 100 × trung "
        "bình có trọng số. Trọng số 0 bỏ chỉ số ra.",
        "Each indicator is scaled 0–1 (1 = neediest) by min–max over the communes with a value; score = 100 "
        "× the weighted mean. Weight 0 leaves an indicator out.",
    ),
    "prog_ind_poor_hh_rate_pct": ("Tỷ lệ hộ nghèo", "Poor-household rate"),
    "prog_ind_lacks_allseason_road": ("Thiếu đường quanh năm", "No all-season road"),
    "prog_ind_lacks_grid": ("Thiếu điện lưới", "No grid power"),
    "prog_ind_minutes_to_district_centre": ("Phút tới trung tâm huyện", "Minutes to the district centre"),
    "prog_ind_minutes_to_health_station": ("Phút tới trạm y tế", "Minutes to a health station"),
    "prog_ind_rai_share": (
        "Chỉ số tiếp cận nông thôn (RAI, thấp = cần hơn)",
        "Rural Access Index (RAI, lower = needier)",
    ),
    "prog_district": (
        "Lọc theo huyện (xếp hạng vẫn tính trên toàn tỉnh)",
        "Filter by district (ranks stay province-wide)",
    ),
    "prog_district_2025": (
        "Đơn vị 2025 không còn cấp huyện: hiển thị toàn tỉnh.",
        "The 2025 units have no districts: the whole province is shown.",
    ),
    "prog_running": ("Đang tính nhu cầu và độ phủ…", "Computing need and coverage…"),
    "prog_map_title": (
        "Bản đồ: nhu cầu (màu), thành viên chương trình (viền), khoảng trống (dấu)",
        "Map: need (colour), programme members (outline), gaps (marks)",
    ),
    "prog_ranking": ("Xếp hạng nhu cầu", "Need ranking"),
    "prog_ranking_note": (
        "Hạng 1 = cần nhất; nhóm 1 = 1/5 số xã cần nhất. Độ phủ theo các chương trình đang xét.",
        "Rank 1 = neediest; quintile 1 = the neediest fifth of communes. Coverage by the programmes judged.",
    ),
    "prog_chart_title": ("Độ phủ so với nhu cầu, theo chương trình", "Coverage against need, by programme"),
    "prog_chart_note": (
        "Thanh: phần hộ nghèo sống ở xã thuộc chương trình — đậm: chắc chắn (xã 'có'), nhạt: tối đa nếu mọi "
        "xã 'chưa rõ' đều thuộc. Điểm: phần xã thuộc chương trình nằm trong nhóm cần nhất.",
        "Bars: share of poor households living in member communes — dark: known (communes 'yes'), light: at "
        "most, if every 'unknown' commune were a member. Dots: share of member communes in the neediest "
        "quintile.",
    ),
    "prog_share_poor": ("Phần hộ nghèo được phủ (%)", "Share of the poor covered (%)"),
    "prog_share_known": ("chắc chắn", "known"),
    "prog_share_max": ("tối đa", "at most"),
    "prog_share_neediest": (
        "Xã thuộc CT nằm trong nhóm cần nhất (%)",
        "Member communes in the neediest quintile (%)",
    ),
    "prog_summary": ("Từng chương trình", "Each programme"),
    "prog_gaps_title": (
        "Khoảng trống: xã cần nhất mà không chương trình nào phủ",
        "Gaps: neediest communes covered by no programme",
    ),
    "prog_gaps_note": (
        "**Khoảng trống**: thuộc nhóm cần nhất và mọi chương trình đang xét đều 'không'. **Có thể là khoảng "
        "trống**: không chương trình nào 'có' nhưng ít nhất một chương trình 'chưa rõ'.",
        "**Gap**: in the neediest quintile and every programme judged says 'no'. **Possible gap**: no "
        "programme says 'yes' but at least one is 'unknown'.",
    ),
    "prog_no_gaps": (
        "Không có khoảng trống với các chương trình đang xét.",
        "No gap with the programmes judged.",
    ),
    "prog_low_title": (
        "Xã được phủ nhưng nhu cầu thấp (nhóm ít cần nhất)",
        "Covered communes with low need (least-needy quintile)",
    ),
    "prog_no_low": (
        "Không có xã nào được phủ trong nhóm ít cần nhất.",
        "No covered commune is in the least-needy quintile.",
    ),
    "prog_documents": ("Văn bản chương trình", "Programme documents"),
    "prog_documents_note": (
        "Chương trình chỉ biết số lượng (chưa có danh sách) giữ con số và văn bản của nó; mọi xã là 'chưa "
        "rõ' cho tới khi nhập danh sách. Không bao giờ đoán danh sách.",
        "A programme known only as a count keeps its count and decision; every commune is 'unknown' until "
        "its list is imported. A member list is never guessed.",
    ),
    "prog_targets": ("Mục tiêu 2020 đo bằng số liệu thật", "2020 targets measured with real data"),
    "prog_new_rural": (
        "Xã đạt chuẩn (hoặc cơ bản đạt chuẩn) nông thôn mới: {measured} năm {year} so với mục tiêu ≥ 30 % "
        "năm 2020 — {status}. Nguồn: {source}",
        "Communes meeting (or basically meeting) the new-rural criteria: {measured} in {year} against the ≥ "
        "30 % target for 2020 — {status}. Source: {source}",
    ),
    "prog_new_rural_counts": (
        "Số xã nông thôn mới toàn tỉnh, theo nguồn",
        "Provincial new-rural counts, by source",
    ),
    "prog_named_by_year": (
        "Số xã được nêu tên đã công nhận (danh sách chưa đủ: giới hạn dưới)",
        "Communes named as recognised (the list is partial: a lower bound)",
    ),
    "prog_poverty_points": (
        "Tỷ lệ nghèo cấp dưới tỉnh trên báo chí (số thật) bên cạnh số điều tra MINH HỌA cùng địa bàn",
        "Sub-provincial poverty rates quoted in the press (real) beside the ILLUSTRATIVE survey for the same "
        "area",
    ),
    "prog_import": ("Nhập danh sách xã của một chương trình", "Import a programme's list of communes"),
    "prog_import_note": (
        "Bảng xã (CSV/XLSX) có cột chương trình, ghép xã theo mã hoặc tên như mọi bảng xã. Tên là văn bản "
        "của một chương trình có sẵn (vd. 'Quyết định 900/QĐ-TTg') thì điền danh sách cho chương trình đó.",
        "A commune table (CSV/XLSX) with a programme column, communes matched by code or name like every "
        "commune table. A name that is an embedded programme's decision (e.g. 'Quyết định 900/QĐ-TTg') fills "
        "that programme.",
    ),
    "prog_template": ("Tải tệp mẫu (CSV, mọi xã)", "Download the template (CSV, every commune)"),
    "prog_template_programme": ("Chương trình của tệp mẫu", "Programme of the template"),
    "prog_upload": ("Tệp danh sách", "List file"),
    "prog_partial": (
        "Danh sách chưa đầy đủ (xã không có tên là 'chưa rõ', không phải 'không')",
        "The list is partial (communes not on it are 'unknown', not 'no')",
    ),
    "prog_import_ok": ("Đọc được {n} chương trình: {names}.", "Read {n} programme(s): {names}."),
    "prog_import_save": ("Lưu vào dự án", "Save into the project"),
    "prog_import_saved": (
        "Đã lưu (phiên bản {version}). Bản đồ và bảng đã dùng danh sách mới.",
        "Saved (version {version}). The map and tables now use the new list.",
    ),
    "prog_import_no_project": (
        "Hãy chọn hoặc tạo một dự án ở trang 'Nhập dữ liệu' để lưu danh sách; tệp đã được kiểm tra, chưa lưu "
        "gì.",
        "Choose or create a project on the 'Import data' page to save the list; the file was checked, "
        "nothing saved.",
    ),
    "prog_exports": ("Tải về", "Downloads"),
    "prog_export_communes": ("Bảng xã", "Commune table"),
    "prog_export_summary": ("Bảng chương trình", "Programme table"),
    "prog_export_print": ("Bản in bản đồ (PDF)", "Map print layout (PDF)"),
    "prog_export_prepare": ("Chuẩn bị bản in", "Prepare the print layout"),
    "prog_derived_note": (
        "Xã biên giới là số liệu SUY DIỄN từ ranh giới tỉnh (28 chắc chắn + 1 có thể), khớp con số chính "
        "thức 29.",
        "Border communes are DERIVED from the province outline (28 certain + 1 probable), matching the "
        "official 29.",
    ),
    "prog_population_mixed": (
        "Dân số: con số thật tốt nhất của từng xã, kèm năm; các năm khác nhau được dùng chung ({years}).",
        "Population: each commune's best real figure, with its year; figures of different years are mixed "
        "({years}).",
    ),
    # --- table headings
    # ---------------------------------------------------------------------------------------------
    "prog_programme": ("Chương trình", "Programme"),
    "prog_document": ("Văn bản", "Document"),
    "prog_date": ("Ngày", "Date"),
    "prog_period": ("Giai đoạn", "Period"),
    "prog_scope": ("Phạm vi / con số", "Scope / figure"),
    "prog_list": ("Danh sách", "List"),
    "prog_list_known": ("có danh sách", "list known"),
    "prog_list_count_only": ("chỉ biết số lượng", "count only"),
    "prog_list_imported": ("danh sách do người dùng nhập", "list imported by the user"),
    "prog_count": ("Số lượng theo văn bản", "Count in the document"),
    "prog_confidence": ("Độ tin cậy", "Confidence"),
    "prog_note": ("Ghi chú dữ liệu", "Data note"),
    "prog_n_yes": ("Xã có", "Communes yes"),
    "prog_n_partial": ("Một phần", "Partly"),
    "prog_n_no": ("Xã không", "Communes no"),
    "prog_n_unknown": ("Chưa rõ", "Unknown"),
    "prog_poor_covered": ("Hộ nghèo được phủ (%)", "Poor covered (%)"),
    "prog_people_covered": ("Dân số được phủ (%)", "People covered (%)"),
    "prog_in_neediest": ("Xã thuộc CT trong nhóm cần nhất", "Member communes in the neediest quintile"),
    "prog_least_needy": ("Xã thuộc CT trong nhóm ít cần nhất", "Member communes in the least-needy quintile"),
    "prog_judged": ("Đang xét", "Judged"),
    "prog_rank": ("Hạng", "Rank"),
    "prog_score": ("Điểm nhu cầu", "Need score"),
    "prog_quintile": ("Nhóm (1 = cần nhất)", "Quintile (1 = neediest)"),
    "prog_covered_by": ("Được phủ bởi", "Covered by"),
    "prog_unknown_for": ("Chưa rõ với", "Unknown for"),
    "prog_gap_kind": ("Khoảng trống", "Gap"),
    "prog_population": ("Dân số", "Population"),
    "prog_population_year": ("Năm số dân", "Population year"),
    "prog_real_value": ("Số thật (%)", "Real (%)"),
    "prog_survey_value": ("Điều tra minh họa (%)", "Illustrative survey (%)"),
    "prog_difference": ("Chênh lệch (điểm)", "Difference (points)"),
    "prog_area": ("Địa bàn", "Area"),
    "prog_year_in_source": ("Năm theo nguồn", "Year in the source"),
    "prog_comparison_year": ("Năm so sánh", "Year compared"),
    "prog_caveats": ("Lưu ý", "Caveats"),
    "prog_as_of": ("Tính đến", "As of"),
    "prog_n_recognised": ("Số xã", "Communes"),
    "prog_n_xa": ("Trên tổng số xã", "Out of communes"),
    "prog_share": ("Tỷ lệ (%)", "Share (%)"),
    "prog_named": ("Xã được nêu tên", "Communes named"),
    "prog_dat_chuan": ("đạt chuẩn", "national standard"),
    "prog_co_ban_dat_chuan": ("cơ bản đạt chuẩn", "basically meeting"),
    # --- headers and words of the programme tables the page and `cli.py programmes` write
    # ----------------------------------------
    "prog_col_programme_year": ("{programme}: năm", "{programme}: year"),
    "prog_col_programme_note": ("{programme}: lưu ý", "{programme}: caveats"),
    "prog_col_indicators_used": ("Chỉ số nhu cầu đã dùng", "Need indicators used"),
    "prog_col_programmes_judged": ("Các chương trình đang xét", "Programmes judged"),
    "prog_col_partly_covered_by": ("Được phủ một phần bởi", "Partly covered by"),
    "prog_col_low_need_covered": ("Được phủ dù nhu cầu thấp", "Covered though need is low"),
    "prog_col_poor": ("Số nghèo ước tính", "Poor (estimated)"),
    "prog_col_poor_basis": ("Cách ước tính số nghèo", "How the poor are estimated"),
    "prog_poor_basis_households": (
        "hộ: số hộ × tỷ lệ hộ nghèo",
        "households: households × poor-household rate",
    ),
    "prog_poor_basis_people_rate_x_population": (
        "người: dân số × tỷ lệ hộ nghèo",
        "people: population × poor-household rate",
    ),
    "prog_col_population_year_min": ("Năm số dân sớm nhất", "Earliest population year"),
    "prog_col_population_year_max": ("Năm số dân muộn nhất", "Latest population year"),
    "prog_col_population_complete": (
        "Dân số đủ mọi xã cũ",
        "Population of every predecessor commune",
    ),
    "prog_col_population_years_mixed": ("Số dân của nhiều năm khác nhau", "Population years mixed"),
    "prog_col_illustrative_inputs": ("Dữ liệu minh họa đã dùng", "Illustrative inputs used"),
    "prog_col_count_unit": ("Đơn vị đếm", "Counted in"),
    "prog_col_n_communes": ("Tổng số xã", "Communes in all"),
    "prog_col_poor_covered_min": ("Hộ nghèo được phủ, chắc chắn (%)", "Poor covered, known (%)"),
    "prog_col_poor_covered_max": ("Hộ nghèo được phủ, tối đa (%)", "Poor covered, at most (%)"),
    "prog_col_people_covered_min": ("Dân số được phủ, chắc chắn (%)", "People covered, known (%)"),
    "prog_col_people_covered_max": ("Dân số được phủ, tối đa (%)", "People covered, at most (%)"),
    "prog_col_poor_total": ("Tổng số nghèo ước tính", "Poor in all (estimated)"),
    "prog_col_population_total": ("Tổng dân số", "Population in all"),
    "prog_col_need_source": ("Nguồn số liệu nhu cầu", "Sources of the need figures"),
    # --- membership and gaps (map, tables)
    # -------------------------------------------------------------------------
    "prog_member_yes": ("thuộc chương trình", "member"),
    "prog_member_partial": (
        "một phần (một số xã cũ thuộc)",
        "partly (some predecessor communes are members)",
    ),
    "prog_member_unknown": ("chưa rõ", "unknown"),
    "prog_member_no": ("không thuộc", "not a member"),
    "prog_membership": ("Thành viên", "Membership"),
    "prog_gap": ("khoảng trống", "gap"),
    "prog_possible_gap": ("có thể là khoảng trống", "possible gap"),
    "prog_need": ("Nhu cầu", "Need"),
    "prog_no_score": ("chưa có điểm", "no score"),
    "prog_need_tooltip": (
        "điểm {score}, hạng {rank}, nhóm {quintile}",
        "score {score}, rank {rank}, quintile {quintile}",
    ),
    "prog_need_q1": ("nhóm 1 — cần nhất", "quintile 1 — neediest"),
    "prog_need_q2": ("nhóm 2", "quintile 2"),
    "prog_need_q3": ("nhóm 3", "quintile 3"),
    "prog_need_q4": ("nhóm 4", "quintile 4"),
    "prog_need_q5": ("nhóm 5 — ít cần nhất", "quintile 5 — least needy"),
    "src_programmes": ("Văn bản và danh sách chương trình", "Programme documents and lists"),
    "layer_prog_need": ("Nhu cầu (điểm, theo nhóm 1/5)", "Need (score, by quintile)"),
    "layer_prog_member": ("Xã thuộc chương trình", "Communes of the programme"),
    "layer_prog_gaps": ("Các khoảng trống", "Gaps"),
    # --- caveat words (partial, derived, secondary data)
    # --------------------------------------------------------------
    "prog_caveat_derived": ("SUY DIỄN từ bản đồ", "DERIVED from the map"),
    "prog_caveat_probable": ("có thể (chưa chắc)", "probable"),
    "prog_caveat_secondary": ("nguồn THỨ CẤP", "SECONDARY source"),
    "prog_caveat_list_partial": ("danh sách CHƯA ĐỦ", "list PARTIAL"),
    "prog_caveat_list_incomplete": ("trích dẫn bị cắt: danh sách CHƯA ĐỦ", "excerpt cut: list INCOMPLETE"),
    "prog_caveat_user_list_partial": ("danh sách nhập CHƯA ĐỦ", "imported list PARTIAL"),
    "prog_caveat_split_since_2008": ("xã năm 2008 đã chia tách", "2008 commune split since"),
    "prog_caveat_zone_III_inferred_not_I_or_II": (
        "KV III suy ra (không thuộc I, II)",
        "zone III inferred (not I or II)",
    ),
    "prog_caveat_list_as_of_c2012": ("danh sách khoảng 2012", "list as of c.2012"),
    "prog_caveat_provincial_category": ("hạng mục của tỉnh", "provincial category"),
    "prog_caveat_district_changed": ("huyện đã thay đổi từ 2008", "district changed since 2008"),
    "prog_caveat_count_only": ("chỉ biết số lượng", "count only"),
    "prog_caveat_unknown_members": ("có xã chưa rõ", "some communes unknown"),
    # --- values of the shared data worded here (closed vocabularies)
    # -------------------------------------------------
    "prog_doc_press": ("báo chí ({outlet})", "press ({outlet})"),
    "prog_doc_police_portal": (
        "Cổng thông tin Công an tỉnh Điện Biên (trang giới thiệu)",
        "Công an tỉnh Điện Biên portal (introduction page)",
    ),
    "prog_doc_ppc_46": ("Quyết định số 46 của UBND tỉnh Điện Biên", "Decision No. 46, Điện Biên PPC"),
    "prog_src_per_commune": ("theo từng xã, xem tệp sự kiện", "per commune, see the events file"),
    "prog_unit_communes": ("xã", "communes"),
    "prog_unit_districts": ("huyện", "districts"),
    "prog_unit_villages": ("thôn", "villages"),
    "prog_status_met": ("đã đạt", "met"),
    "prog_status_on_track": ("đúng lộ trình", "on track"),
    "prog_status_off_track": ("chậm so với lộ trình", "off track"),
}
