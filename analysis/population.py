"""The best real population figure per commune, always with its year, and the 2025 communes' sums of them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.crosswalk import aggregate_to_2025

#: Preference among figures of the same year (lower first).
KIND_ORDER = {"loaded": 0, "yearbook": 1, "census2009": 2, "other": 3}


def best_population(
    figures: pd.DataFrame, codes: pd.Series, *, loaded: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return one population figure per code of ``codes``, with its year, kind and source.

    Parameters
    ----------
    figures
        Every real figure held (``gso_code, population, year, kind, source_url, matches_current_unit``), see
        :func:`layers.programmes.load_population_figures`.
    codes
        The GSO codes wanted.
    loaded
        A population layer the user loaded (``gso_code, population`` and optionally ``year``, ``source_url``):
        its figure is used wherever it has one.

    Notes
    -----
    Rule: a loaded figure first; else the figure of the latest stated year that describes the commune as
    it is (``matches_current_unit``), at equal years a yearbook before the 2009 census before other sources; a
    figure whose year is not stated only where nothing else exists.  Zero or missing figures are not used.
    Every row keeps its ``population_year`` (NA when not stated); ``population_years_mixed`` is True on every
    row when the figures chosen are not all of one stated year.
    """
    pool = figures[figures["matches_current_unit"].astype(bool)].copy()
    if loaded is not None and len(loaded):
        extra = pd.DataFrame(
            {
                "gso_code": loaded["gso_code"].astype(str),
                "population": pd.to_numeric(loaded["population"], errors="coerce"),
                "year": pd.array(loaded.get("year", pd.Series(pd.NA, index=loaded.index)), dtype="Int64"),
                "kind": "loaded",
                "source_url": loaded.get("source_url", "loaded layer"),
            }
        )
        pool = pd.concat([extra, pool], ignore_index=True)
    pool = pool[pd.to_numeric(pool["population"], errors="coerce") > 0]
    pool = pool.assign(
        _loaded=pool["kind"].eq("loaded"),
        _stated=pool["year"].notna(),
        _year=pool["year"].fillna(-1).astype(int),
        _kind=pool["kind"].map(KIND_ORDER).fillna(9),
    )
    pool = pool.sort_values(
        ["gso_code", "_loaded", "_stated", "_year", "_kind"], ascending=[True, False, False, False, True]
    )
    best = pool.drop_duplicates("gso_code").set_index("gso_code")
    out = pd.DataFrame({"gso_code": codes.astype(str).drop_duplicates().to_numpy()})
    out["population"] = out["gso_code"].map(best["population"]).astype(float)
    out["population_year"] = out["gso_code"].map(best["year"]).astype("Int64")
    out["population_kind"] = out["gso_code"].map(best["kind"]).fillna("")
    out["population_source"] = out["gso_code"].map(best["source_url"]).fillna("")
    chosen = out[out["population"].notna()]
    years = set(chosen["population_year"].dropna().astype(int))
    out["population_years_mixed"] = bool(
        len(years) > 1 or (len(years) and chosen["population_year"].isna().any())
    )
    return out


def population_to_2025(best: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Sum the pre-2025 figures to the 2025 communes (crosswalk counts rule), keeping the years that went in.

    ``population_year_min`` / ``_max`` span the predecessors' years; ``population_complete`` is False when a
    predecessor has no figure (the sum then covers only part of the commune); ``population_years_mixed`` is
    True on every row when the sums mix years or a sum mixes years.
    """
    table = best[["gso_code", "population"]].dropna(subset=["population"])
    summed = aggregate_to_2025(
        table, crosswalk, weight="population", counts=["population"], rates=[], yes_no=[]
    )
    links = (
        crosswalk[["gso_code", "new2025_gso"]]
        .drop_duplicates("gso_code")
        .merge(best[["gso_code", "population", "population_year"]], on="gso_code", how="left")
    )
    years = links[links["population"].notna()].groupby("new2025_gso")["population_year"]
    out = summed[["gso_code", "population", "n_predecessors", "n_predecessors_with_data"]].copy()
    out["population_year_min"] = out["gso_code"].map(years.min()).astype("Int64")
    out["population_year_max"] = out["gso_code"].map(years.max()).astype("Int64")
    out["population_complete"] = out["n_predecessors_with_data"] == out["n_predecessors"]
    spans = set(
        zip(out["population_year_min"].astype(object), out["population_year_max"].astype(object), strict=True)
    )
    out["population_years_mixed"] = bool(
        len(spans) > 1
        or any(a != b for a, b in spans)
        or np.any(links.loc[links["population"].notna(), "population_year"].isna())
    )
    return out
