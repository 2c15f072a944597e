"""Scorecard page: the 2020 targets of Conclusion 05-KL/TU judged, the real poverty series, who holds each
target back."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.targets import STATUSES, any_illustrative_measure, indicator_levels, who_holds_back
from geo.errors import AppError
from geo.i18n import format_number, format_percent
from geo.messages import msg
from geo.names import short_admin_name
from geo.vocab import LEVELS
from layers import palette
from layers.scorecard_map import scorecard_map
from layers.targets import STANDARD_CHANGES, format_target, poverty_chart_frame
from report.output import LEVEL_WORDS, export_file_name
from report.scorecard import render_scorecard_table, sources_note
from report.tables import XLSX_MIME
from ui import cache, state
from ui.assets import ASSET_BASE_URL
from ui.context import PageContext
from ui.text import escape_markdown
from workflows.scorecard import ScorecardRun, district_names, rows_in_district

PAGE = {"title": "page_scorecard", "icon": ":material/fact_check:", "order": 30}


def tr(ctx: PageContext, key: str) -> str:
    """Return this page's message ``sc_<key>`` (:mod:`geo.messages.scorecard`) in the page language."""
    return ctx.t(f"sc_{key}")


def display_table(
    ctx: PageContext, scorecard: pd.DataFrame, *, districts: pd.Series | None = None
) -> pd.DataFrame:
    """Return the scorecard with translated headings, formatted values and status labels, ready to show.

    ``districts`` (district name by ``unit_code``) adds a district column (commune level).
    """
    lang = ctx.lang
    where = (
        {
            msg("scl_district_column", lang): scorecard["unit_code"]
            .astype(str)
            .map(districts)
            .fillna("")
            .map(short_admin_name)
            .to_numpy()
        }
        if districts is not None
        else {}
    )
    table = pd.DataFrame(
        {
            **where,
            tr(ctx, "unit"): scorecard["unit_name"].to_numpy(),
            tr(ctx, "indicator"): scorecard["indicator_en" if lang == "en" else "indicator_vi"].to_numpy(),
            tr(ctx, "measured"): scorecard["measured"]
            .map(lambda v: format_number(v, lang, decimals=2))
            .to_numpy(),
            tr(ctx, "target"): [
                format_target(c, str(t), u, ctx.lang)
                for c, t, u in zip(
                    scorecard["comparator"], scorecard["target"], scorecard["unit"], strict=True
                )
            ],
            tr(ctx, "status"): scorecard["status"].map(lambda s: tr(ctx, s)).to_numpy(),
            tr(ctx, "source"): scorecard["source_en" if lang == "en" else "source_vi"].to_numpy(),
        }
    )
    if districts is None:  # one unit per level above the commune: the indicator reads first
        table = table[[tr(ctx, "indicator"), tr(ctx, "unit"), *table.columns[2:]]]
    return table


#: Height (px) of a table row: over 64 px Streamlit wraps the text of a cell, so that names and sources are
#: read within their column (four lines) instead of past the table's right edge.
ROW_HEIGHT_PX = 84
#: Width (px) of each column: 870 px in all, within the 904 px the page has at 1366×768 with the sidebar open
#: (a margin for a scroll bar), so the table never scrolls sideways; at province level, without the district
#: column, the indicator and the source are wider; wider windows stretch the columns.
COLUMN_WIDTHS_PX = {
    "district": 95,
    "unit": 112,
    "indicator": 180,
    "measured": 60,
    "target": 125,
    "status": 100,
    "source": 198,
}
PROVINCE_WIDTHS_PX = {
    "unit": 90,
    "indicator": 230,
    "measured": 60,
    "target": 125,
    "status": 100,
    "source": 265,
}


def _column_widths(ctx: PageContext, *, commune: bool) -> dict:
    """Column widths that keep the whole table within the page at 1366 px and up (cells wrap, see
    ROW_HEIGHT_PX)."""
    widths = COLUMN_WIDTHS_PX if commune else PROVINCE_WIDTHS_PX
    names = {
        "district": msg("scl_district_column", ctx.lang),
        **{k: tr(ctx, k) for k in widths if k != "district"},
    }
    return {names[key]: st.column_config.TextColumn(width=width) for key, width in widths.items()}


def source_notes(ctx: PageContext, table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Number the distinct sources of ``table`` in order of appearance: the source column starts each text
    with its number "(n)" (the cell shows what fits), and the full texts are returned once each, numbered,
    to list below."""
    column = tr(ctx, "source")
    texts = list(dict.fromkeys(text for text in table[column] if text))
    number = {text: i for i, text in enumerate(texts, start=1)}
    shown = table.assign(**{column: [f"({number[text]}) {text}" if text else "" for text in table[column]]})
    return shown, [f"({i}) {text}" for i, text in enumerate(texts, start=1)]


def _filtered(ctx: PageContext, run: ScorecardRun) -> tuple[pd.DataFrame, str | None]:
    """The rows the user chose at a district or commune level (district, indicators, statuses), and the
    district."""
    card = run.scorecard
    if run.level == "province":
        return card, None
    names = district_names(run)
    indicator_names = card.drop_duplicates("indicator_id").set_index("indicator_id")[
        "indicator_en" if ctx.lang == "en" else "indicator_vi"
    ]
    col_d, col_i, col_s = st.columns([1, 2, 1])
    # each filter is given again on every run, so that a change of language relabels it (Streamlit keeps the
    # label of a keyed choice it was not sent again)
    district_key, indicators_key, statuses_key = (
        state.scorecard_filter(run.level, what) for what in ("district", "indicators", "statuses")
    )
    state.restore(district_key, "all", ["all", *names])
    district = col_d.selectbox(
        msg("scl_filter_district", ctx.lang),
        ["all", *names],
        key=district_key,
        format_func=lambda c: msg("scl_all_districts", ctx.lang) if c == "all" else names[c],
        placeholder=msg("choose_placeholder", ctx.lang),
    )
    state.restore(indicators_key, [], list(indicator_names.index))
    chosen = col_i.multiselect(
        msg("scl_filter_indicators", ctx.lang),
        list(indicator_names.index),
        key=indicators_key,
        format_func=lambda i: str(indicator_names[i]),
        placeholder=msg("choose_placeholder", ctx.lang),
    )
    state.restore(statuses_key, [], STATUSES)
    statuses = col_s.multiselect(
        msg("scl_filter_status", ctx.lang),
        STATUSES,
        key=statuses_key,
        format_func=lambda v: tr(ctx, v),
        placeholder=msg("choose_placeholder", ctx.lang),
    )
    if district != "all":
        card = rows_in_district(run, district)
    if chosen:
        card = card[card["indicator_id"].isin(chosen)]
    if statuses:
        card = card[card["status"].isin(statuses)]
    return card.reset_index(drop=True), (None if district == "all" else district)


def _levels_note(ctx: PageContext, run: ScorecardRun) -> None:
    """Say which indicators exist at this level; the others are named in the note's help."""
    targets = run.targets
    name = "indicator_en" if ctx.lang == "en" else "indicator_vi"
    elsewhere = [
        str(n)
        for i, n in zip(targets["indicator_id"], targets[name], strict=True)
        if run.level not in indicator_levels(i)
    ]
    st.caption(
        msg(
            "scl_levels_note",
            ctx.lang,
            n=format_number(len(targets) - len(elsewhere), ctx.lang),
            total=format_number(len(targets), ctx.lang),
            m=format_number(len(elsewhere), ctx.lang),
        ),
        help=msg("scl_levels_help", ctx.lang, names="; ".join(elsewhere)),
    )


def style_status(ctx: PageContext, table: pd.DataFrame):
    """Return a pandas Styler colouring the status column by status."""
    colours = {tr(ctx, s): palette.STATUS[s] for s in STATUSES}
    column = tr(ctx, "status")
    return table.style.map(lambda v: f"background-color: {colours.get(v, '#ffffff')}", subset=[column])


def poverty_chart(ctx: PageContext, run: ScorecardRun, target_row: pd.Series) -> alt.LayerChart:
    """Return the Vega-Lite chart of the real provincial series, one line per standard, and the target
    path."""
    frame = poverty_chart_frame(
        run.poverty_rates,
        baseline_value=float(target_row["baseline_value"]),
        baseline_year=int(target_row["baseline_year"]),
        target_value=float(target_row["target_value"]),
        target_year=int(target_row["target_year"]),
        lang=ctx.lang,
    )
    rules = pd.DataFrame(
        {
            "year": [year - 0.5 for year in STANDARD_CHANGES],
            "label": [
                f"{tr(ctx, 'standard_change')}: {s.replace('-', '–')}" for s in STANDARD_CHANGES.values()
            ],
        }
    )
    x = alt.X("year:Q", title=tr(ctx, "year"), axis=alt.Axis(format="d"), scale=alt.Scale(zero=False))
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=tr(ctx, "rate")),
            color=alt.Color(
                "series:N",
                title=tr(ctx, "series"),
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=480),
            ),
            strokeDash=alt.StrokeDash(
                "kind:N", legend=None, scale=alt.Scale(domain=["real", "target"], range=[[1, 0], [6, 4]])
            ),
            tooltip=[
                alt.Tooltip("series:N", title=tr(ctx, "series")),
                alt.Tooltip("year:Q", title=tr(ctx, "year")),
                alt.Tooltip("value:Q", title=tr(ctx, "rate"), format=".2f"),
            ],
        )
    )
    rule = alt.Chart(rules).mark_rule(color="#777777", strokeDash=[2, 2]).encode(x="year:Q")
    text = (
        alt.Chart(rules)
        .mark_text(align="left", baseline="top", dx=3, angle=0, fontSize=10, color="#555555")
        .encode(x="year:Q", y=alt.value(4), text="label:N")
    )
    return alt.layer(rule, text, lines).properties(title=tr(ctx, "chart_title"), height=340)


def _status_counts(ctx: PageContext, scorecard: pd.DataFrame) -> None:
    counts = scorecard["status"].value_counts()
    for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
        column.metric(tr(ctx, status), int(counts.get(status, 0)))


def _holdback(ctx: PageContext, province: ScorecardRun) -> None:
    st.subheader(tr(ctx, "holdback_title"))
    state.restore(state.SCORECARD_MAP_LEVEL, "district", ("district", "commune"))
    level = st.radio(
        tr(ctx, "holdback_level"),
        ("district", "commune"),
        horizontal=True,
        key=state.SCORECARD_MAP_LEVEL,
        format_func=lambda v: tr(ctx, v),
    )
    try:
        run = cache.scorecard_run(level, ctx.units, ctx.year, ctx.project)
    except AppError as exc:
        st.error(escape_markdown(exc.render(ctx.lang)))
        return
    card = run.scorecard
    measured_ids = card.loc[card["status"] != "no_data", "indicator_id"].unique().tolist()
    if not measured_ids:
        st.info(tr(ctx, "nothing_measured"))
        return
    off = set(province.scorecard.loc[province.scorecard["status"] == "off_track", "indicator_id"])
    ordered = sorted(measured_ids, key=lambda i: (i not in off, measured_ids.index(i)))
    names = card.drop_duplicates("indicator_id").set_index("indicator_id")[
        "indicator_en" if ctx.lang == "en" else "indicator_vi"
    ]
    state.restore(state.SCORECARD_INDICATOR, ordered[0], ordered)
    indicator_id = st.selectbox(
        tr(ctx, "holdback_indicator"),
        ordered,
        key=state.SCORECARD_INDICATOR,
        format_func=lambda i: ("⚠ " if i in off else "") + str(names[i]),
        placeholder=msg("choose_placeholder", ctx.lang),
    )
    rows = card[card["indicator_id"] == indicator_id]
    gap = who_holds_back(card, indicator_id)
    labels = {s: tr(ctx, s) for s in STATUSES}
    col_map, col_table = st.columns([3, 2], gap="small")
    with col_map:
        fmap = scorecard_map(
            run.unit_shapes,
            rows,
            lang=ctx.lang,
            labels=labels,
            gap=gap,
            asset_base_url=ASSET_BASE_URL,
            districts=cache.display_districts(),
            bounds=tuple(cache.display_province().total_bounds),
        )
        st_folium(
            fmap, key=state.scorecard_map(level), height=560, use_container_width=True, returned_objects=[]
        )
    with col_table:
        st.caption(tr(ctx, "holdback_note"))
        top = gap[gap["gap_points"] > 0].head(15)
        if top.empty:
            st.success(tr(ctx, "no_gap"))
        else:
            st.dataframe(
                pd.DataFrame(
                    {
                        tr(ctx, "unit"): top["unit_name"],
                        tr(ctx, "measured"): top["measured"].map(
                            lambda v: format_number(v, ctx.lang, decimals=2)
                        ),
                        tr(ctx, "gap_points"): top["gap_points"].map(
                            lambda v: format_number(v, ctx.lang, decimals=2)
                        ),
                        tr(ctx, "share_of_gap"): top["share_of_gap"].map(
                            lambda v: format_percent(100 * v, ctx.lang, decimals=0)
                        ),
                    }
                ),
                hide_index=True,
                width="stretch",
            )


def render(ctx: PageContext) -> None:
    """Draw the scorecard page."""
    st.title(tr(ctx, "title"))
    state.restore(state.SCORECARD_LEVEL, LEVELS[0], LEVELS)
    level = st.radio(
        tr(ctx, "level"), LEVELS, horizontal=True, key=state.SCORECARD_LEVEL, format_func=lambda v: tr(ctx, v)
    )
    try:
        run = cache.scorecard_run(level, ctx.units, ctx.year, ctx.project)
        province = (
            run if level == "province" else cache.scorecard_run("province", ctx.units, ctx.year, ctx.project)
        )
    except AppError as exc:
        st.error(ctx.t("data_error") + "\n\n" + escape_markdown(exc.render(ctx.lang)))
        return
    if any_illustrative_measure(run.scorecard):  # the mark follows the provenance of the data actually used
        st.warning(tr(ctx, "illustrative_note"), icon=":material/warning:")
    if level != "province":
        _levels_note(ctx, run)
    card, district = _filtered(ctx, run)
    _status_counts(ctx, card)
    st.markdown(tr(ctx, "rules"))
    names = (
        run.unit_shapes.assign(unit_code=run.unit_shapes["unit_code"].astype(str)).set_index("unit_code")[
            "district"
        ]
        if level == "commune"
        else None
    )
    table, notes = source_notes(ctx, display_table(ctx, card, districts=names))
    st.caption(msg("scl_rows_shown", ctx.lang, n=format_number(len(table), ctx.lang)))
    st.dataframe(
        style_status(ctx, table),
        hide_index=True,
        width="stretch",
        height=560,
        row_height=ROW_HEIGHT_PX,
        column_config=_column_widths(ctx, commune=names is not None),
    )
    if notes:
        with st.expander(msg("scl_source_notes", ctx.lang, n=format_number(len(notes), ctx.lang))):
            st.markdown("\n".join(f"- {escape_markdown(note)}" for note in notes))
    note = sources_note(card, run.sources.values(), lang=ctx.lang)
    name = f"muc_tieu_2020_{LEVEL_WORDS[level]}"
    place = district_names(run).get(district) if district else None
    xlsx_col, csv_col = st.columns(2)  # XLSX first: the file for people (spreadsheets); CSV for programs
    for col, fmt, mime in ((xlsx_col, "xlsx", XLSX_MIME), (csv_col, "csv", "text/csv")):
        col.download_button(
            ctx.t(f"expx_download_{fmt}"),
            render_scorecard_table(card, fmt, lang=ctx.lang, note=note),
            file_name=export_file_name(name, fmt, place=place, units=ctx.units, year=ctx.year),
            mime=mime,
        )
    st.caption(ctx.t("expx_file_kinds"))
    target_row = province.targets.set_index("indicator_id").loc["poverty_rate"]
    # an explicit height: with height="content" the layered chart collapses to its legend in Streamlit 1.67
    st.altair_chart(poverty_chart(ctx, province, target_row), width="stretch", height=520)
    st.caption(tr(ctx, "chart_note"))
    _holdback(ctx, province)
