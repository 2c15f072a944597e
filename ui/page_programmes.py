"""Programmes page: which programmes cover which communes, against need; gaps, documents, targets, lists,
exports."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.programmes import DEFAULT_NEED_WEIGHTS, NEED_INDICATORS
from geo.errors import AppError
from geo.i18n import format_number
from geo.messages import has, msg
from geo.provenance import illustrative_note
from layers.mapview import MapOptions, build_map
from layers.programmes import (
    DOCUMENTS_CSV,
    POVERTY_POINTS_CSV,
    caveat_words,
    data_text,
    document_title,
    gap_word,
    list_status,
    load_programme_documents,
    programme_names,
    programme_title,
    source_label,
)
from report.layout import PrintSettings, render_layout
from report.programme_template import programme_template_csv
from report.tables import PROGRAMME_SHEETS, programme_table, sources_note, table_csv_bytes, table_xlsx_bytes
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import uploader_style
from workflows.imports import PROGRAMME_LAYER, accept_programme_import, read_programme_import
from workflows.programmes import (
    PROGRAMME_MAP_LAYERS,
    ProgrammeRun,
    commune_table,
    default_programmes,
    load_membership,
    new_rural_targets,
    poverty_points,
    programme_caveats,
    programme_map,
    summary_table,
)

PAGE = {"title": "prog_page_title", "icon": ":material/account_tree:", "order": 35}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _m(ctx: PageContext, key: str, **fields: object) -> str:
    return msg(key, ctx.lang, **fields)


def caveat_text(ctx: PageContext, codes: str) -> str:
    """The caveat codes of a row (``derived;probable``) in words: derived, partial and secondary data said as
    such."""
    return "; ".join(caveat_words(str(codes or "").split(";"), ctx.lang))


def programme_label(catalogue: pd.DataFrame, key: str, lang: str = "vi") -> str:
    """A programme as a planner names it (:func:`layers.programmes.programme_title`)."""
    return programme_title(key, catalogue.set_index("programme").at[key, "document"], lang)


def ranking_table(ctx: PageContext, table: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The need ranking as shown: rank, commune, district, score, quintile, poverty rate, coverage, gap."""
    return pd.DataFrame(
        {
            _m(ctx, "prog_rank"): table["need_rank"],
            msg("commune", ctx.lang): table["commune"],
            msg("district", ctx.lang): table["district"],
            _m(ctx, "prog_score"): [format_number(v, ctx.lang, decimals=1) for v in table["need_score"]],
            _m(ctx, "prog_quintile"): table["need_quintile"],
            _m(ctx, "prog_ind_poor_hh_rate_pct"): [
                format_number(v, ctx.lang, decimals=1) for v in table["poor_hh_rate_pct"]
            ],
            _m(ctx, "prog_covered_by"): table["covered_by"].map(
                lambda k: programme_names(k, catalogue, ctx.lang)
            ),
            _m(ctx, "prog_unknown_for"): table["unknown_for"].map(
                lambda k: programme_names(k, catalogue, ctx.lang)
            ),
            _m(ctx, "prog_gap_kind"): [gap_word(g, ctx.lang) for g in table["gap"]],
            msg("gso_code", ctx.lang): table["gso_code"],
        }
    )


def summary_display(ctx: PageContext, summary: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """One row per programme as shown: membership counts, shares covered (known – at most), caveats."""

    def span(low: float, high: float) -> str:
        if pd.isna(low):
            return ""
        if low == high:
            return format_number(low, ctx.lang, decimals=1)
        return f"{format_number(low, ctx.lang, decimals=1)} – {format_number(high, ctx.lang, decimals=1)}"

    return pd.DataFrame(
        {
            _m(ctx, "prog_programme"): [
                programme_label(catalogue, k, ctx.lang) for k in summary["programme"]
            ],
            _m(ctx, "prog_judged"): [msg("yes" if j else "no", ctx.lang) for j in summary["judged"]],
            _m(ctx, "prog_n_yes"): summary["n_yes"],
            _m(ctx, "prog_n_partial"): summary["n_partial"],
            _m(ctx, "prog_n_no"): summary["n_no"],
            _m(ctx, "prog_n_unknown"): summary["n_unknown"],
            _m(ctx, "prog_poor_covered"): [
                span(a, b)
                for a, b in zip(summary["pct_poor_covered_min"], summary["pct_poor_covered_max"], strict=True)
            ],
            _m(ctx, "prog_people_covered"): [
                span(a, b)
                for a, b in zip(
                    summary["pct_population_covered_min"], summary["pct_population_covered_max"], strict=True
                )
            ],
            _m(ctx, "prog_in_neediest"): [
                f"{n} ({format_number(p, ctx.lang, decimals=1)} %)" if pd.notna(p) else ""
                for n, p in zip(
                    summary["n_covered_in_neediest_quintile"],
                    summary["pct_covered_in_neediest_quintile"],
                    strict=True,
                )
            ],
            _m(ctx, "prog_least_needy"): summary["n_covered_least_needy"],
            _m(ctx, "prog_note"): summary["caveats"].map(lambda c: caveat_text(ctx, c)),
        }
    )


def coverage_chart(ctx: PageContext, summary: pd.DataFrame, catalogue: pd.DataFrame) -> alt.LayerChart:
    """Share of the poor covered (known, and at most while membership is unknown) and share of member communes
    in the neediest quintile, one row per programme with at least one member."""
    rows = summary[summary["n_yes"] + summary["n_partial"] > 0]
    frame = pd.DataFrame(
        {
            "programme": [programme_label(catalogue, k, ctx.lang) for k in rows["programme"]],
            "known": rows["pct_poor_covered_min"],
            "most": rows["pct_poor_covered_max"],
            "neediest": rows["pct_covered_in_neediest_quintile"],
        }
    )
    y = alt.Y("programme:N", title=None, sort=None, axis=alt.Axis(labelLimit=320))
    axis = alt.X("most:Q", title=_m(ctx, "prog_share_poor"), scale=alt.Scale(domain=[0, 100]))
    most = (
        alt.Chart(frame)
        .mark_bar(color="#c7e9c0")
        .encode(
            x=axis,
            y=y,
            tooltip=[
                alt.Tooltip("programme:N", title=_m(ctx, "prog_programme")),
                alt.Tooltip("known:Q", title=_m(ctx, "prog_share_known"), format=".1f"),
                alt.Tooltip("most:Q", title=_m(ctx, "prog_share_max"), format=".1f"),
                alt.Tooltip("neediest:Q", title=_m(ctx, "prog_share_neediest"), format=".1f"),
            ],
        )
    )
    known = alt.Chart(frame).mark_bar(color="#238b45").encode(x="known:Q", y=y)
    neediest = (
        alt.Chart(frame)
        .mark_point(color="#54278f", filled=True, size=90, shape="diamond")
        .encode(x="neediest:Q", y=y)
    )
    return alt.layer(most, known, neediest).properties(height=max(120, 34 * len(frame)))


def documents_table(ctx: PageContext, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The programme documents: decision, date, scope, figure, list status, count, confidence, source, in the
    page's language (the shared data's English notes in the project's Vietnamese wording,
    :func:`layers.programmes.data_text`)."""
    documents = load_programme_documents().drop_duplicates("document").set_index("document")

    def text(doc: pd.Series | None, column: str) -> str:
        return "" if doc is None else data_text(doc[column], ctx.lang, file=DOCUMENTS_CSV.name, column=column)

    rows = []
    for _, row in catalogue.iterrows():
        doc = documents.loc[row["document"]] if row["document"] in documents.index else None
        listed = list_status(row.get("origin"), row["listed"])
        count, unit = row.get("count_in_document"), f"prog_unit_{row.get('count_unit', '')}"
        rows.append(
            {
                _m(ctx, "prog_document"): document_title(row["document"], ctx.lang),
                _m(ctx, "prog_date"): row.get("document_date") or "",
                _m(ctx, "prog_period"): text(doc, "period"),
                _m(ctx, "prog_scope"): ""
                if doc is None
                else f"{text(doc, 'subject')} — {text(doc, 'dien_bien_figure')}",
                _m(ctx, "prog_list"): _m(ctx, listed),
                _m(ctx, "prog_count"): f"{int(count)} {_m(ctx, unit) if has(unit) else ''}".strip()
                if pd.notna(count)
                else "",
                _m(ctx, "prog_confidence"): text(doc, "confidence"),
                msg("source", ctx.lang): source_label(
                    row.get("list_source") or row.get("source_url"), ctx.lang
                ),
            }
        )
    return pd.DataFrame(rows)


def _weights(ctx: PageContext) -> tuple[tuple[str, float], ...]:
    with st.expander(_m(ctx, "prog_weights")):
        st.caption(_m(ctx, "prog_weights_note"))
        columns = st.columns(3)
        chosen = []
        for i, name in enumerate(NEED_INDICATORS):
            value = columns[i % 3].number_input(
                _m(ctx, f"prog_ind_{name}"),
                min_value=0.0,
                max_value=10.0,
                value=DEFAULT_NEED_WEIGHTS[name],
                step=0.5,
                key=state.programme_weight(name),
            )
            chosen.append((name, float(value)))
    return tuple(chosen)


def _district(ctx: PageContext, run_units: str) -> str | None:
    if run_units == "2025":
        st.caption(_m(ctx, "prog_district_2025"))
        return None
    districts = cache.display_districts().set_index("district_code")["district"].sort_index()
    options = ["all", *districts.index]
    # given again on every run, so that a change of language relabels the choice shown (Streamlit keeps the
    # label of a keyed choice it was not sent again)
    state.restore(state.PROGRAMMES_DISTRICT, "all", options)
    choice = st.selectbox(
        _m(ctx, "prog_district"),
        options,
        key=state.PROGRAMMES_DISTRICT,
        format_func=lambda c: msg("all_districts", ctx.lang) if c == "all" else districts[c],
        placeholder=ctx.t("choose_placeholder"),
    )
    return None if choice == "all" else choice


def render(ctx: PageContext) -> None:
    """Draw the page."""
    st.title(_m(ctx, "prog_title"))
    st.info(_m(ctx, "prog_intro"), icon=":material/info:")
    try:
        _, catalogue = load_membership(ctx.units, project=ctx.project)
    except AppError as exc:
        st.error(exc.render(ctx.lang))
        return
    keys = catalogue["programme"].tolist()
    c1, c2 = st.columns([3, 2])
    state.restore(state.PROGRAMMES_SHOWN, keys[0], keys)
    shown = c1.selectbox(
        _m(ctx, "prog_choose_map"),
        keys,
        key=state.PROGRAMMES_SHOWN,
        format_func=lambda k: programme_label(catalogue, k, ctx.lang),
        placeholder=ctx.t("choose_placeholder"),
    )
    with c2:
        district = _district(ctx, ctx.units)
    state.restore(state.PROGRAMMES_JUDGED, default_programmes(catalogue), keys)
    judged = st.multiselect(
        _m(ctx, "prog_choose_judged"),
        keys,
        key=state.PROGRAMMES_JUDGED,
        format_func=lambda k: programme_label(catalogue, k, ctx.lang),
        placeholder=ctx.t("choose_placeholder"),
    )
    weights = _weights(ctx)
    try:
        with st.spinner(_m(ctx, "prog_running")):
            run = cache.programme_run(
                ctx.units, ctx.year, weights, tuple(judged), ctx.thresholds, ctx.project
            )
    except AppError as exc:
        st.error(exc.render(ctx.lang))
        return
    table = commune_table(run, district=district)
    _map_section(ctx, run, shown, district)
    _ranking_section(ctx, run, table)
    _coverage_section(ctx, run)
    _lists_section(ctx, run, district)
    st.subheader(_m(ctx, "prog_documents"))
    st.caption(_m(ctx, "prog_documents_note"))
    st.dataframe(documents_table(ctx, run.catalogue), hide_index=True, use_container_width=True)
    _targets_section(ctx, run)
    _downloads(ctx, run, table, shown, district)
    _import_section(ctx, run)


def _map_section(ctx: PageContext, run: ProgrammeRun, shown: str, district: str | None) -> None:
    st.subheader(_m(ctx, "prog_map_title"))
    bundle = programme_map(run, shown, lang=ctx.lang, district=district)
    fmap = build_map(
        bundle.data,
        MapOptions(
            lang=ctx.lang,
            visible=PROGRAMME_MAP_LAYERS,
            bounds=bundle.bounds,
            asset_base_url=ASSET_BASE_URL,
            height_px=560,
        ),
    )
    st_folium(fmap, key=state.PROGRAMMES_MAP, height=560, use_container_width=True, returned_objects=[])
    caveats = programme_caveats(run.membership, run.catalogue).get(shown, [])
    source = bundle.sources["programmes"].credit(ctx.lang)
    # with its caveats
    st.caption(f"{programme_label(run.catalogue, shown, ctx.lang)} — {msg('source', ctx.lang)}: {source}")
    if "derived" in caveats:
        st.warning(_m(ctx, "prog_derived_note"), icon=":material/warning:")
    note = illustrative_note(bundle.sources.values(), ctx.lang)
    if note:
        st.caption(note)


def _ranking_section(ctx: PageContext, run: ProgrammeRun, table: pd.DataFrame) -> None:
    st.subheader(_m(ctx, "prog_ranking"))
    st.caption(_m(ctx, "prog_ranking_note"))
    st.dataframe(
        ranking_table(ctx, table, run.catalogue), hide_index=True, use_container_width=True, height=360
    )
    years = sorted({int(y) for y in table.get("population_year", pd.Series(dtype="Int64")).dropna()})
    if bool(run.coverage.get("population_years_mixed", pd.Series([False])).any()):
        st.caption(_m(ctx, "prog_population_mixed", years=", ".join(map(str, years)) or "—"))


def _coverage_section(ctx: PageContext, run: ProgrammeRun) -> None:
    st.subheader(_m(ctx, "prog_chart_title"))
    summary = summary_table(run)
    st.altair_chart(coverage_chart(ctx, summary, run.catalogue), use_container_width=True)
    st.caption(_m(ctx, "prog_chart_note"))
    st.markdown(f"**{_m(ctx, 'prog_summary')}**")
    st.dataframe(summary_display(ctx, summary, run.catalogue), hide_index=True, use_container_width=True)


def _commune_list(ctx: PageContext, rows: pd.DataFrame, extra: dict[str, list]) -> None:
    """A list of communes (rank, commune, district, then ``extra`` columns), or nothing when empty."""
    st.dataframe(
        pd.DataFrame(
            {
                _m(ctx, "prog_rank"): rows["need_rank"],
                msg("commune", ctx.lang): rows["commune"],
                msg("district", ctx.lang): rows["district"],
                **extra,
            }
        ),
        hide_index=True,
        use_container_width=True,
    )


def _lists_section(ctx: PageContext, run: ProgrammeRun, district: str | None) -> None:
    gaps, low = run.gaps, run.low_need_covered
    if district:
        gaps, low = gaps[gaps["district_code"] == district], low[low["district_code"] == district]
    left, right = st.columns(2)
    with left:
        st.subheader(_m(ctx, "prog_gaps_title"))
        st.caption(_m(ctx, "prog_gaps_note"))
        if gaps.empty:
            st.success(_m(ctx, "prog_no_gaps"))
        else:
            _commune_list(
                ctx,
                gaps,
                {
                    _m(ctx, "prog_gap_kind"): [gap_word(k, ctx.lang) for k in gaps["gap_kind"]],
                    _m(ctx, "prog_unknown_for"): [
                        programme_names(u, run.catalogue, ctx.lang) for u in gaps["unknown_for"]
                    ],
                },
            )
    with right:
        st.subheader(_m(ctx, "prog_low_title"))
        if low.empty:
            st.info(_m(ctx, "prog_no_low"))
        else:
            _commune_list(
                ctx,
                low,
                {
                    _m(ctx, "prog_covered_by"): [
                        programme_names(c, run.catalogue, ctx.lang) for c in low["covered_by"]
                    ]
                },
            )


def _targets_section(ctx: PageContext, run: ProgrammeRun) -> None:
    st.subheader(_m(ctx, "prog_targets"))
    row, counts, named = new_rural_targets(run.year)
    first = row.iloc[0]
    measured = (
        "—" if pd.isna(first["measured"]) else f"{format_number(first['measured'], ctx.lang, decimals=2)} %"
    )
    status = (
        _m(ctx, f"prog_status_{first['status']}")
        if first["status"] != "no_data"
        else msg("no_data", ctx.lang)
    )
    year = "" if pd.isna(first["measured_year"]) else int(first["measured_year"])
    st.markdown(
        _m(
            ctx,
            "prog_new_rural",
            measured=measured,
            year=year,
            status=f"**{status}**",
            source=first["source_en" if ctx.lang == "en" else "source_vi"],
        )
    )
    left, right = st.columns(2)
    left.markdown(f"**{_m(ctx, 'prog_new_rural_counts')}**")
    left.dataframe(
        pd.DataFrame(
            {
                _m(ctx, "prog_document"): [document_title(d, ctx.lang) for d in counts["document"]],
                _m(ctx, "prog_as_of"): counts["as_of"],
                _m(ctx, "prog_n_recognised"): counts["n_recognised"],
                _m(ctx, "prog_n_xa"): counts["n_xa"],
                _m(ctx, "prog_share"): [format_number(v, ctx.lang, decimals=2) for v in counts["share_pct"]],
                msg("source", ctx.lang): counts["source_url"],
            }
        ),
        hide_index=True,
        use_container_width=True,
    )
    right.markdown(f"**{_m(ctx, 'prog_named_by_year')}**")
    right.dataframe(
        pd.DataFrame(
            {
                _m(ctx, "prog_comparison_year"): named["year"],
                _m(ctx, "prog_named"): named["n_named"],
                _m(ctx, "prog_dat_chuan"): named["n_dat_chuan"],
                _m(ctx, "prog_co_ban_dat_chuan"): named["n_co_ban_dat_chuan"],
            }
        ),
        hide_index=True,
        use_container_width=True,
    )
    points = poverty_points(project=ctx.project)
    st.markdown(f"**{_m(ctx, 'prog_poverty_points')}**")
    st.dataframe(
        pd.DataFrame(
            {
                _m(ctx, "prog_area"): [
                    data_text(u, ctx.lang, file=POVERTY_POINTS_CSV.name, column="unit_name")
                    for u in points["unit_name"]
                ],
                _m(ctx, "prog_year_in_source"): [
                    data_text(y, ctx.lang, file=POVERTY_POINTS_CSV.name, column="year")
                    for y in points["year_in_source"]
                ],
                _m(ctx, "prog_real_value"): [
                    format_number(v, ctx.lang, decimals=2) for v in points["real_value"]
                ],
                _m(ctx, "prog_comparison_year"): [
                    str(int(y)) if pd.notna(y) else "" for y in points["comparison_year"]
                ],
                _m(ctx, "prog_survey_value"): [
                    format_number(v, ctx.lang, decimals=2) for v in points["survey_value"]
                ],
                _m(ctx, "prog_difference"): [
                    format_number(v, ctx.lang, decimals=2) for v in points["difference_points"]
                ],
                _m(ctx, "prog_caveats"): points["caveats"].map(lambda c: caveat_text(ctx, c)),
                msg("source", ctx.lang): points["source_url"],
            }
        ),
        hide_index=True,
        use_container_width=True,
    )


def _downloads(
    ctx: PageContext, run: ProgrammeRun, table: pd.DataFrame, shown: str, district: str | None
) -> None:
    st.subheader(_m(ctx, "prog_exports"))
    note = sources_note(run.sources.values(), lang=ctx.lang)
    stem = f"chuong_trinh_{ctx.units}_{ctx.year}" + (f"_{district}" if district else "")
    columns = iter(st.columns(4))
    for kind, frame, suffix in (("communes", table, "xa"), ("summary", summary_table(run), "tong_hop")):
        shown_table = programme_table(frame, catalogue=run.catalogue, lang=ctx.lang)
        label = _m(ctx, "prog_export_communes" if kind == "communes" else "prog_export_summary")
        next(columns).download_button(
            f"{label} (CSV)",
            table_csv_bytes(shown_table, note=note),
            f"{stem}_{suffix}.csv",
            "text/csv",
            key=state.programme_download(f"{kind}_csv"),
        )
        next(columns).download_button(
            f"{label} (XLSX)",
            table_xlsx_bytes(shown_table, sheet=PROGRAMME_SHEETS[kind], title_note=note),
            f"{stem}_{suffix}.xlsx",
            XLSX_MIME,
            key=state.programme_download(f"{kind}_xlsx"),
        )
    if st.button(_m(ctx, "prog_export_prepare"), key=state.PROGRAMMES_PRINT):
        bundle = programme_map(run, shown, lang=ctx.lang, district=district)
        data, _ = render_layout(
            bundle, PrintSettings(title=programme_label(run.catalogue, shown, ctx.lang)), "pdf"
        )
        st.download_button(
            _m(ctx, "prog_export_print"),
            data,
            f"{stem}_{shown}.pdf",
            "application/pdf",
            key=state.programme_download("print"),
        )


def _import_section(ctx: PageContext, run: ProgrammeRun) -> None:
    st.subheader(_m(ctx, "prog_import"))
    st.caption(_m(ctx, "prog_import_note"))
    saved = st.session_state.get(state.PROGRAMMES_SAVED)
    if saved is not None:
        st.success(_m(ctx, "prog_import_saved", version=saved))
        st.session_state[state.PROGRAMMES_SAVED] = None
    left, right = st.columns(2)
    programmes = run.catalogue["programme"].tolist()
    state.restore(state.PROGRAMMES_TEMPLATE, programmes[0], programmes)
    template = left.selectbox(
        _m(ctx, "prog_template_programme"),
        run.catalogue["programme"].tolist(),
        key=state.PROGRAMMES_TEMPLATE,
        format_func=lambda k: programme_label(run.catalogue, k, ctx.lang),
        placeholder=ctx.t("choose_placeholder"),
    )
    left.download_button(
        _m(ctx, "prog_template"),
        programme_template_csv(units=ctx.units, programme=template),
        f"mau_danh_sach_{template}_{ctx.units}.csv",
        "text/csv",
        key=state.programme_download("template"),
    )
    types = ["csv", "txt", "xlsx", "xls"]
    st.html(uploader_style(ctx, types))
    upload = right.file_uploader(_m(ctx, "prog_upload"), type=types, key=state.PROGRAMMES_UPLOAD)
    partial = right.checkbox(_m(ctx, "prog_partial"), key=state.PROGRAMMES_PARTIAL)
    if upload is None:
        return
    data = upload.getvalue()
    try:
        result = read_programme_import(upload.name, data, units=ctx.units, complete=not partial)
    except AppError as exc:
        st.error(exc.render(ctx.lang))
        return
    names = ", ".join(f"{r.name_in_file} ({r.n_yes})" for r in result.programmes.itertuples())
    st.success(_m(ctx, "prog_import_ok", n=len(result.programmes), names=names))
    for note in result.notes:
        st.warning(note.render(ctx.lang))
    if not ctx.project:
        st.info(_m(ctx, "prog_import_no_project"))
        return
    if st.button(_m(ctx, "prog_import_save"), key=state.PROGRAMMES_SAVE):
        try:
            versions = accept_programme_import(ctx.project, upload.name, data, result, units=ctx.units)
        except AppError as exc:
            st.error(exc.render(ctx.lang))
            return
        cache.clear()
        st.session_state[state.PROGRAMMES_SAVED] = versions[PROGRAMME_LAYER]
        st.rerun()  # the map and the tables are computed again with the list just saved
