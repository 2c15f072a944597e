"""Targets of Conclusion 05-KL/TU and the real provincial poverty series by poverty standard: loading,
formatting."""

from __future__ import annotations

import re

import pandas as pd

from analysis.targets import COMPARATORS, parse_target, target_path
from geo.errors import InputError, Problem
from geo.i18n import format_number, format_percent
from geo.io import read_table
from geo.messages import has, msg
from geo.provenance import LayerSource
from layers.catalog import POVERTY_RATES_CSV, TARGETS_CSV

#: Period keys of the poverty standards; figures of different keys are not comparable.
STANDARD_GSO = "gso_published"
STANDARD_2011 = "2011-2015"
STANDARD_2016 = "2016-2020"
STANDARD_2022 = "2022-2025"
STANDARD_OTHER = "other"
#: Year of the first household review on each national standard (the end-of-year review already uses the line
#: of the coming period: 2015's 48.14 % is the 2016–2020 baseline).  The chart marks each change just before
#: that year.
STANDARD_CHANGES = {2010: STANDARD_2011, 2015: STANDARD_2016, 2021: STANDARD_2022}
#: Every period key, in the order the chart's legend lists them.
STANDARDS = (STANDARD_GSO, STANDARD_2011, STANDARD_2016, STANDARD_2022, STANDARD_OTHER)
_TARGET_COLUMNS = ("indicator_id", "comparator", "target_value", "target_year")


def standard_label(standard: str, lang: str = "vi") -> str:
    """Return the name of a poverty standard's period key in ``lang`` (message ``sc_standard_<key>``)."""
    key = "sc_standard_" + (standard if standard in STANDARDS else STANDARD_OTHER).replace("-", "_")
    return msg(key, lang)


def unit_text(unit: str, lang: str = "vi") -> str:
    """Return a unit of the targets file (written in English there) in ``lang`` (message ``sc_tunit_<unit
    folded>``); a unit the catalogue does not know is returned as written."""
    key = "sc_tunit_" + re.sub(r"[^a-z0-9]+", "_", str(unit).lower().replace("%", "pct")).strip("_")
    return msg(key, lang) if has(key) else str(unit)


def standard_period(poverty_standard: str, indicator: str = "") -> str:
    """Return the period key of a row's ``poverty_standard`` text (GSO published series kept as its own
    series)."""
    text = str(poverty_standard).lower()
    if "gso series" in str(indicator).lower() or text.startswith("as published by gso"):
        return STANDARD_GSO
    for key in (STANDARD_2011, STANDARD_2016, STANDARD_2022):
        if text.startswith(key):
            return key
    return STANDARD_OTHER


def _short_number(value: float, lang: str) -> str:
    """A target number without trailing zeros: 33, 6,8 / 6.8, 8.500 / 8,500."""
    return format_number(value, lang, decimals=2).rstrip("0").rstrip(",." if lang == "en" else ",")


def format_target(comparator: str, target_value: str, unit: str, lang: str = "vi") -> str:
    """Return the target as a planner reads it, e.g. "< 33 % số hộ" or "1.800–2.000 USD/người/năm"."""
    low, high = parse_target(comparator, target_value)
    if comparator == "range":
        value = f"{_short_number(low, lang)}–{_short_number(high, lang)}"
    else:
        symbol = {">=": "≥", "<=": "≤"}.get(comparator, comparator)
        value = f"{symbol} {_short_number(low, lang)}"
    return f"{value} {unit_text(unit, lang)}".strip()


def load_targets(path: str | None = None) -> pd.DataFrame:
    """Return the targets table; raise :class:`InputError` listing every row with a bad comparator or
    target."""
    file = path or TARGETS_CSV
    targets = read_table(file, dtype={"target_value": str})
    problems = [
        Problem(
            vi=f"thiếu cột {c}; hãy dùng mẫu ket_luan_05_targets_2020.csv.",
            en=f"column {c} is missing; use the layout of ket_luan_05_targets_2020.csv.",
            file=str(file),
            column=c,
        )
        for c in _TARGET_COLUMNS
        if c not in targets.columns
    ]
    if problems:
        raise InputError(problems)
    for i, row in targets.iterrows():
        try:
            parse_target(str(row["comparator"]), row["target_value"])
        except InputError as exc:
            problems += [
                Problem(vi=p.vi, en=p.en, file=str(file), row=int(i) + 2, column=p.column, value=p.value)
                for p in exc.problems
            ]
    if problems:
        raise InputError(problems)
    return targets


def provincial_poverty_rates(series: pd.DataFrame) -> pd.DataFrame:
    """Return the provincial poor-household rates of the real series, each with its standard period.

    Keeps only province rows of the household poverty rate (the GSO published series, the review results on
    each standard); drops counts, near-poor rates and the other concepts (e.g. the GSO multidimensional rate).
    Columns: ``year, value, standard, poverty_standard, source, note``.
    """
    rates = series[
        (series["admin_level"] == "province")
        & series["indicator"].isin(["poverty_rate_households", "poverty_rate_households (GSO series)"])
    ].copy()
    rates["value"] = pd.to_numeric(rates["value"], errors="coerce")
    rates["year"] = rates["year"].astype(int)
    rates["standard"] = [
        standard_period(s, i) for s, i in zip(rates["poverty_standard"], rates["indicator"], strict=True)
    ]
    columns = ["year", "value", "standard", "poverty_standard", "source", "note"]
    return rates[columns].sort_values(["standard", "year"]).reset_index(drop=True)


def rates_on_standard(rates: pd.DataFrame, standard: str = STANDARD_2016) -> pd.DataFrame:
    """Return the rates measured on one poverty standard only (never mixed with another standard)."""
    return rates[rates["standard"] == standard].reset_index(drop=True)


def load_provincial_poverty_rates() -> pd.DataFrame:
    """Read the real provincial poverty series (data/poverty) and return its rates by standard."""
    return provincial_poverty_rates(read_table(POVERTY_RATES_CSV))


def poverty_chart_frame(
    rates: pd.DataFrame,
    *,
    baseline_value: float,
    baseline_year: int,
    target_value: float,
    target_year: int,
    lang: str = "vi",
) -> pd.DataFrame:
    """Return the long frame of the poverty chart: one series per poverty standard plus the target path.

    Columns ``year, value, series, kind`` (``real`` or ``target``); the series label names the standard.
    """
    real = rates[rates["value"].notna()].copy()
    real["series"] = real["standard"].map(lambda k: standard_label(k, lang))
    real["kind"] = "real"
    path = target_path(baseline_value, baseline_year, target_value, target_year)
    ends = f"{format_percent(baseline_value, lang)} → {format_percent(target_value, lang, decimals=0)}"
    path["series"] = msg("sc_target_path", lang, ends=ends)
    path["kind"] = "target"
    return pd.concat([real[["year", "value", "series", "kind"]], path], ignore_index=True)


__all__ = [
    "COMPARATORS",
    "STANDARDS",
    "format_target",
    "load_targets",
    "load_provincial_poverty_rates",
    "provincial_poverty_rates",
    "rates_on_standard",
    "standard_label",
    "standard_period",
    "unit_text",
    "poverty_chart_frame",
]


def _source_text(row: pd.Series, lang: str, survey: str, flags: str) -> str:
    """Word one measurement's source from its codes (``analysis.targets.SOURCE_KINDS``) in ``lang``."""
    kind, year = row["source_kind"], row["measured_year"]
    year = "" if pd.isna(year) else int(year)
    since = "" if pd.isna(row["source_since"]) else int(row["source_since"])
    scope = msg("sc_src_scope_30a", lang) if row["source_scope"] == "30a" else ""
    if kind == "needs_data":
        key = f"sc_needs_{row['indicator_id']}"
        return msg("sc_src_needs_data", lang, note=msg(key if has(key) else "sc_needs_generic", lang))
    if kind == "survey_value":
        return msg(
            "sc_src_survey_value",
            lang,
            survey=survey,
            what=msg(f"sc_what_{row['indicator_id']}", lang),
            year=year,
        )
    if kind == "flags":
        return msg("sc_src_flags", lang, flags=flags, year=year)
    return msg(
        f"sc_src_{kind}",
        lang,
        survey=survey,
        year=year,
        base_year=since,
        scope=scope,
        cite=row["source_cite"],
    )


def describe_sources(
    scorecard: pd.DataFrame, *, survey: LayerSource | None, flags_illustrative: bool
) -> pd.DataFrame:
    """Return ``scorecard`` with ``source_vi`` and ``source_en`` worded from its source codes.

    The survey is named from its provenance: the illustrative survey as such, a project's survey by its own
    source (its file and import date); rows with a ``source_kind`` get their text, rows that already carry one
    keep it; a unit without a value in a measured indicator says so around its source.
    """
    out = scorecard.copy()
    for lang, column in (("vi", "source_vi"), ("en", "source_en")):
        if survey is None or survey.illustrative:
            survey_text = msg("sc_src_survey_illustrative", lang)
        else:
            survey_text = msg("sc_src_survey_project", lang, source=survey.source_text(lang))
        flags_text = msg("sc_src_flags_illustrative" if flags_illustrative else "sc_src_flags_real", lang)
        texts = [
            (
                _source_text(row, lang, survey_text, flags_text)
                if isinstance(row["source_kind"], str)
                else str(row[column])
                if column in out and isinstance(row[column], str)
                else ""
            )
            for _, row in out.iterrows()
        ]
        wrap = (
            out["no_data_for_unit"].fillna(False).astype(bool)
            if "no_data_for_unit" in out
            else [False] * len(out)
        )
        out[column] = [
            msg("sc_src_no_data_for_unit", lang, source=text) if unit else text
            for text, unit in zip(texts, wrap, strict=True)
        ]
    return out
