"""Programme coverage against need: membership, need score and rank, gaps, per-programme shares.

Membership is read on either unit set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.crosswalk import aggregate_to_2025

#: Membership values.  ``partial``: a 2025 commune some of whose predecessors are members (never on pre-2025
#: units).
YES, NO, UNKNOWN, PARTIAL = "yes", "no", "unknown", "partial"
MEMBER_VALUES = (YES, NO, UNKNOWN, PARTIAL)

#: Need indicators and their direction: +1 when a higher value means more need, -1 when a lower value does.
NEED_INDICATORS: dict[str, int] = {
    "poor_hh_rate_pct": +1,
    "lacks_allseason_road": +1,
    "lacks_grid": +1,
    "minutes_to_district_centre": +1,
    "minutes_to_health_station": +1,
    "rai_share": -1,
}
DEFAULT_NEED_WEIGHTS: dict[str, float] = dict.fromkeys(NEED_INDICATORS, 1.0)
#: Columns of the access table that give an indicator under another name (``workflows.analyse_access``).
_ACCESS_ALIASES = {"health_tram_y_te_min": "minutes_to_health_station"}
#: Number of need classes: quintiles, 1 = the neediest fifth.
N_CLASSES = 5


# --- membership on the 2025 units
# --------------------------------------------------------------------------------


def memberships_to_2025(
    membership: pd.DataFrame, crosswalk: pd.DataFrame, *, native: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the membership of each programme on the 2025 communes, from the pre-2025 membership.

    Follows :func:`analysis.crosswalk.aggregate_to_2025` (yes/no true only when every predecessor says yes; an
    unknown predecessor makes the answer unknown) and refines its "no": ``yes`` when every predecessor is a
    member, ``partial`` when at least one is and not all are, ``unknown`` when none is and at least one is
    unknown, ``no`` when every predecessor is not a member.  ``year`` is the latest year among member
    predecessors (the year by which all of them were in); ``status`` and ``caveats`` join those of the member
    predecessors.  Programmes in ``native`` (already on the 2025 communes, e.g. the 2026–2030 zones) are taken
    from it unchanged.
    """
    table = membership.assign(
        one=1.0,
        n_yes=(membership["member"] == YES).astype(float),
        n_no=(membership["member"] == NO).astype(float),
        n_unknown=(membership["member"] == UNKNOWN).astype(float),
        is_member=[True if m == YES else False if m == NO else None for m in membership["member"]],
    )
    table["is_member"] = table["is_member"].astype(object)
    aggregated = aggregate_to_2025(
        table[["gso_code", "programme", "one", "n_yes", "n_no", "n_unknown", "is_member"]],
        crosswalk,
        weight="one",
        counts=["n_yes", "n_no", "n_unknown"],
        rates=[],
        yes_no=["is_member"],
        by=("programme",),
    )
    is_member = aggregated["is_member"]
    aggregated["member"] = np.select(
        [is_member.eq(True), aggregated["n_yes"] > 0, aggregated["n_unknown"] > 0],
        [YES, PARTIAL, UNKNOWN],
        NO,
    )
    links = crosswalk[["gso_code", "new2025_gso"]].drop_duplicates("gso_code")
    members = membership[membership["member"] == YES].merge(links, on="gso_code")
    grouped = members.groupby(["new2025_gso", "programme"])
    details = (
        pd.DataFrame(
            {
                "year": grouped["year"].max(),
                "status": grouped["status"].agg(lambda s: ";".join(sorted({v for v in s if v}))),
                "proposed_status": grouped["proposed_status"].agg(
                    lambda s: ";".join(sorted({v for v in s if v}))
                ),
                "caveats": grouped["caveats"].agg(
                    lambda s: ";".join(sorted({c for v in s for c in str(v).split(";") if c}))
                ),
                "source_url": grouped["source_url"].agg(
                    lambda s: " ; ".join(dict.fromkeys(v for v in s if v))
                ),
            }
        )
        .reset_index()
        .rename(columns={"new2025_gso": "gso_code"})
    )
    out = aggregated[
        ["gso_code", "programme", "member", "n_yes", "n_no", "n_unknown", "n_predecessors"]
    ].merge(details, on=["gso_code", "programme"], how="left")
    for column in ("status", "proposed_status", "caveats", "source_url"):
        out[column] = out[column].fillna("")
    out["year"] = out["year"].astype("Int64")
    out["basis"] = "crosswalk_" + out["member"]
    for column in ("n_yes", "n_no", "n_unknown"):
        out[column] = out[column].astype(int)
    if native is not None and len(native):
        out = pd.concat([out[~out["programme"].isin(set(native["programme"]))], native], ignore_index=True)
    return out.sort_values(["programme", "gso_code"]).reset_index(drop=True)


# --- need
# ------------------------------------------------------------------------------------------------------


def _per_commune(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Return one row per ``gso_code``.

    A commune drawn as several polygons takes the needier value of each indicator.
    """
    present = [c for c in columns if c in frame.columns]
    rules = {
        c: ("max" if NEED_INDICATORS.get(c, 0) > 0 else "min" if NEED_INDICATORS.get(c, 0) < 0 else "first")
        for c in present
    }
    data = frame[["gso_code", *present]].copy()
    for column in present:
        if column in ("lacks_allseason_road", "lacks_grid"):
            data[column] = data[column].map(lambda v: np.nan if v is None or v != v else float(bool(v)))
        elif column in NEED_INDICATORS or column == "households":
            data[column] = pd.to_numeric(data[column], errors="coerce").astype(float)
    return (
        data.groupby("gso_code", sort=True).agg(rules)
        if present
        else data.groupby("gso_code").size().to_frame()[[]]
    )


def join_need_indicators(
    units: pd.DataFrame,
    *,
    survey: pd.DataFrame | None = None,
    flags: pd.DataFrame | None = None,
    access: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per ``gso_code`` of ``units`` with the need indicators found in the frames given.

    ``survey`` gives ``poor_hh_rate_pct`` (and ``households``), ``flags`` the yes/no flags
    ``lacks_allseason_road`` and ``lacks_grid`` (as 1/0), ``access`` ``minutes_to_district_centre``,
    ``minutes_to_health_station`` (or ``health_tram_y_te_min``) and ``rai_share``.  Frames are keyed by
    ``gso_code``, or by ``unit_id`` (a column or the index) which ``units`` translates.  A GSO code drawn as
    two polygons takes the needier value (flag set by either, longer time, lower RAI).  Missing stays missing
    (NaN).
    """
    out = units[["gso_code"]].drop_duplicates().set_index("gso_code")
    to_code = dict(zip(units["unit_id"], units["gso_code"], strict=True)) if "unit_id" in units else {}
    for frame, columns in (
        (survey, ["poor_hh_rate_pct", "households"]),
        (flags, ["lacks_allseason_road", "lacks_grid"]),
        (access, ["minutes_to_district_centre", "minutes_to_health_station", "rai_share"]),
    ):
        if frame is None:
            continue
        frame = frame.rename(columns={k: v for k, v in _ACCESS_ALIASES.items() if v not in frame.columns})
        if "gso_code" not in frame.columns:
            frame = frame.reset_index() if "unit_id" not in frame.columns else frame
            frame = frame.assign(gso_code=frame["unit_id"].map(to_code)) if "unit_id" in frame else frame
        out = out.join(_per_commune(frame, columns))
    return out.reset_index()


def check_need_weights(weights: Mapping[str, object]) -> dict[str, str]:
    """Return what is wrong with user weights; an empty result means the weights can be used.

    Indicator → ``unknown_indicator``, ``not_a_number`` or ``negative``; ``""`` → ``all_zero`` when no weight
    is positive.
    """
    problems: dict[str, str] = {}
    for name, value in weights.items():
        if name not in NEED_INDICATORS:
            problems[name] = "unknown_indicator"
        elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            problems[name] = "not_a_number"
        elif value < 0:
            problems[name] = "negative"
    if not problems and not any(float(v) > 0 for v in weights.values()):  # type: ignore[arg-type]
        problems[""] = "all_zero"
    return problems


def normalise_indicator(values: pd.Series, direction: int) -> pd.Series:
    """Min–max scale ``values`` to 0–1 over the non-missing values, 1 = neediest.

    All NaN when they do not vary.
    """
    values = pd.to_numeric(values, errors="coerce").astype(float)
    low, high = values.min(), values.max()
    if not np.isfinite(low) or not np.isfinite(high) or high == low:
        return pd.Series(np.nan, index=values.index)
    scaled = (values - low) / (high - low)
    return scaled if direction > 0 else 1.0 - scaled


def need_scores(indicators: pd.DataFrame, *, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Score the need of every commune of ``indicators``, 0–100, with rank and quintile.

    ``indicators`` has one row per ``gso_code``.  For each indicator i of :data:`NEED_INDICATORS` present with
    weight w_i > 0: x'_i = (x − min) / (max − min) over the communes given with a value (for RAI, lower =
    needier: 1 − that), so 1 is the neediest; yes/no flags are 1/0. An indicator that does not vary is left
    out.  need_score = 100 · Σ w_i x'_i / Σ w_i over the indicators the commune has a value for (weights
    renormalised when a value is missing); NaN when it has none.  See :func:`rank_need` for the rank and
    quintile.  ``need_weight_share`` is the share of the total weight the commune's score rests on.
    """
    weights = dict(DEFAULT_NEED_WEIGHTS if weights is None else weights)
    bad = check_need_weights(weights)
    if bad:
        raise ValueError(f"need weights not usable: {bad}")
    out = indicators[["gso_code"]].copy()
    numerator = pd.Series(0.0, index=indicators.index)
    denominator = pd.Series(0.0, index=indicators.index)
    total = sum(w for n, w in weights.items() if w > 0 and n in indicators.columns)
    used = []
    for name, direction in NEED_INDICATORS.items():
        weight = float(weights.get(name, 0.0))
        if name not in indicators.columns or weight <= 0:
            continue
        scaled = normalise_indicator(indicators[name], direction)
        out[f"need_{name}"] = scaled
        if scaled.notna().any():
            used.append(name)
        numerator += (weight * scaled).fillna(0.0)
        denominator += scaled.notna() * weight
    out["need_score"] = (100.0 * numerator / denominator.where(denominator > 0)).astype(float)
    out["need_indicators_used"] = ";".join(used)
    out["need_weight_share"] = denominator / total if total > 0 else np.nan
    return out.join(rank_need(out["need_score"]))


def rank_need(scores: pd.Series) -> pd.DataFrame:
    """Return ``need_rank``, ``need_quintile`` and the flags ``neediest_quintile`` / ``least_needy_quintile``.

    need_rank: 1 = highest score; tied scores share the smallest rank of the tie.  need_quintile = floor(5 ·
    (rank −
    1) / n) + 1 with n the communes with a score: 1 = the neediest fifth … 5 = the least needy (without ties,
    SQL's NTILE(5): with 129 communes 26, 26, 26, 26, 25).  Communes without a score have neither.
    """
    rank = scores.rank(method="min", ascending=False)
    n = int(scores.notna().sum())
    quintile = np.floor(N_CLASSES * (rank - 1) / n) + 1 if n else rank
    return pd.DataFrame(
        {
            "need_rank": rank.astype("Int64"),
            "need_quintile": quintile.astype("Int64"),
            "neediest_quintile": quintile.eq(1).fillna(False).astype(bool),
            "least_needy_quintile": quintile.eq(N_CLASSES).fillna(False).astype(bool),
        },
        index=scores.index,
    )


# --- coverage
# ----------------------------------------------------------------------------------------------------


def coverage_by_commune(
    membership: pd.DataFrame, need: pd.DataFrame, *, programmes: list[str]
) -> pd.DataFrame:
    """Return, per commune of ``need``, which of ``programmes`` cover it, and the gap and low-need decisions.

    ``covered_by``: programmes whose ``member`` is ``yes``; ``partly_covered_by``: ``partial`` (2025 units);
    ``unknown_for``: ``unknown`` (never read as "not covered").  ``gap``: in the neediest quintile and every
    programme considered says ``no``.  ``possible_gap``: in the neediest quintile, covered (even partly) by
    none, but at least one programme is unknown.  ``low_need_covered``: in the least-needy quintile and
    covered by at least one. Keys are ``;``-joined in the order of ``programmes``; a programme with no row for
    a commune counts as unknown.
    """
    wide = membership[membership["programme"].isin(programmes)].pivot_table(
        index="gso_code", columns="programme", values="member", aggfunc="first"
    )
    wide = wide.reindex(index=need["gso_code"], columns=programmes).fillna(UNKNOWN)

    def keys(value: str) -> list[str]:
        return [";".join(p for p in programmes if row[p] == value) for _, row in wide.iterrows()]

    out = need.set_index("gso_code").copy()
    out["covered_by"], out["partly_covered_by"], out["unknown_for"] = keys(YES), keys(PARTIAL), keys(UNKNOWN)
    out["n_covered"] = (wide == YES).sum(axis=1)
    none_known = (out["covered_by"] == "") & (out["partly_covered_by"] == "")
    out["gap"] = out["neediest_quintile"] & none_known & (out["unknown_for"] == "")
    out["possible_gap"] = out["neediest_quintile"] & none_known & (out["unknown_for"] != "")
    out["low_need_covered"] = out["least_needy_quintile"] & (out["covered_by"] != "")
    return out.reset_index()


def gap_list(coverage: pd.DataFrame) -> pd.DataFrame:
    """Return the needy communes covered by nothing known.

    ``gap`` first, then ``possible_gap``; neediest first.
    """
    rows = coverage[coverage["gap"] | coverage["possible_gap"]].copy()
    rows["gap_kind"] = np.where(rows["gap"], "gap", "possible_gap")
    return rows.sort_values(["gap", "need_rank", "gso_code"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def low_need_covered_list(coverage: pd.DataFrame) -> pd.DataFrame:
    """Return the covered communes in the least-needy quintile, least needy first."""
    rows = coverage[coverage["low_need_covered"]]
    return rows.sort_values(["need_rank", "gso_code"], ascending=[False, True]).reset_index(drop=True)


def poor_counts(indicators: pd.DataFrame, *, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return per ``gso_code`` the number of poor to weigh coverage by, and what it counts.

    ``poor = poor_hh_rate_pct / 100 × households`` (``poor_basis = "households"``) where the table has
    households; else ``poor_hh_rate_pct / 100 × population`` (``"people_rate_x_population"``: people in poor
    households, estimated with the household rate) where ``population`` (``gso_code, population``) has a
    figure; else NaN.
    """
    out = indicators[["gso_code"]].copy()
    rate = (
        pd.to_numeric(indicators.get("poor_hh_rate_pct"), errors="coerce")
        if "poor_hh_rate_pct" in indicators
        else pd.Series(np.nan, index=indicators.index)
    )
    households = (
        pd.to_numeric(indicators["households"], errors="coerce")
        if "households" in indicators
        else pd.Series(np.nan, index=indicators.index)
    )
    people = (
        out["gso_code"].map(population.set_index("gso_code")["population"]).astype(float)
        if population is not None
        else pd.Series(np.nan, index=indicators.index)
    )
    by_households = rate.notna() & households.notna()
    by_people = ~by_households & rate.notna() & people.notna()
    out["poor"] = np.where(
        by_households, rate / 100.0 * households, np.where(by_people, rate / 100.0 * people, np.nan)
    )
    out["poor_basis"] = np.where(
        by_households, "households", np.where(by_people, "people_rate_x_population", "")
    )
    return out


def _shares(weights: pd.Series, member: pd.Series) -> tuple[float, float, float]:
    """Return the total of ``weights`` and two shares of it covered.

    The tuple is (total, share known covered, share covered if every unknown or partial one were).
    """
    known = weights.notna()
    total = float(weights[known].sum())
    if total <= 0:
        return total, np.nan, np.nan
    yes = float(weights[known & (member == YES)].sum())
    maybe = float(weights[known & member.isin([UNKNOWN, PARTIAL])].sum())
    return total, yes / total, (yes + maybe) / total


def programme_summary(
    membership: pd.DataFrame,
    coverage: pd.DataFrame,
    *,
    poor: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per programme of ``membership`` over the communes of ``coverage``.

    Counts of communes ``yes`` / ``no`` / ``unknown`` / ``partial``; ``share_poor_covered_min`` = poor living
    in member communes / poor in every commune with a figure, and ``_max`` the same counting the unknown and
    partial communes as covered (the true share lies between; they are equal when nothing is unknown); the
    same for people (``population``); ``share_covered_in_neediest_quintile`` = member communes in the neediest
    quintile / member communes with a need score; ``n_covered_least_needy`` = member communes in the
    least-needy quintile.
    """
    codes = coverage["gso_code"]
    scored = coverage.set_index("gso_code")
    poor_by = (
        poor.set_index("gso_code")["poor"].reindex(codes)
        if poor is not None
        else pd.Series(np.nan, index=codes)
    )
    pop_by = (
        population.set_index("gso_code")["population"].reindex(codes)
        if population is not None
        else pd.Series(np.nan, index=codes)
    )
    rows = []
    for key, rows_p in membership.groupby("programme", sort=False):
        member = rows_p.set_index("gso_code")["member"].reindex(codes).fillna(UNKNOWN)
        poor_total, poor_min, poor_max = _shares(poor_by.astype(float), member)
        pop_total, pop_min, pop_max = _shares(pop_by.astype(float), member)
        yes_codes = member.index[member == YES]
        with_score = scored.loc[yes_codes, "need_score"].notna()
        needy = scored.loc[yes_codes, "neediest_quintile"] & with_score
        rows.append(
            {
                "programme": key,
                "n_communes": len(codes),
                **{f"n_{v}": int((member == v).sum()) for v in MEMBER_VALUES},
                "poor_total": poor_total,
                "share_poor_covered_min": poor_min,
                "share_poor_covered_max": poor_max,
                "population_total": pop_total,
                "share_population_covered_min": pop_min,
                "share_population_covered_max": pop_max,
                "n_covered_scored": int(with_score.sum()),
                "n_covered_in_neediest_quintile": int(needy.sum()),
                "share_covered_in_neediest_quintile": (
                    float(needy.sum()) / float(with_score.sum()) if with_score.sum() else np.nan
                ),
                "n_covered_least_needy": int(
                    (scored.loc[yes_codes, "least_needy_quintile"] & with_score).sum()
                ),
            }
        )
    return pd.DataFrame(rows)


def commune_programme_table(
    coverage: pd.DataFrame, membership: pd.DataFrame, *, programmes: list[str]
) -> pd.DataFrame:
    """Return ``coverage`` with one column per programme and ``<key>_year``, ``<key>_status``.

    A programme's column holds its ``member`` value.
    """
    out = coverage.copy()
    for key in programmes:
        rows = membership[membership["programme"] == key].drop_duplicates("gso_code").set_index("gso_code")
        out[key] = out["gso_code"].map(rows["member"]).fillna(UNKNOWN)
        out[f"{key}_year"] = out["gso_code"].map(rows["year"]).astype("Int64")
        out[f"{key}_status"] = out["gso_code"].map(rows["status"]).fillna("")
    return out
