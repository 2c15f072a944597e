"""Pre-2025 ↔ 2025 communes: tables aggregated to the merged communes, and back where defined.

The aggregation uses stated weights.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_RATE_HINTS = ("_pct", "pct_", "rate", "ty_le", "ti_le", "%", "share")


def infer_column_roles(table: pd.DataFrame, *, exclude: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Split a table's columns into ``counts``, ``rates`` and ``yes_no``.

    ``counts`` are summed, ``rates`` weighted, and in ``yes_no`` all must say yes.  Percentages are recognised
    by their names (``*_pct``, ``rate``, ``tỷ lệ`` folded, ``%``); other numbers are counts.
    """
    roles: dict[str, list[str]] = {"counts": [], "rates": [], "yes_no": []}
    for column in table.columns:
        if column in exclude:
            continue
        series = table[column]
        values = series.dropna().tolist()
        if values and all(isinstance(v, bool | np.bool_) for v in values):
            roles["yes_no"].append(column)
        elif pd.api.types.is_numeric_dtype(series) and series.dtype != bool:
            lowered = str(column).lower()
            roles["rates" if any(h in lowered for h in _RATE_HINTS) else "counts"].append(column)
    return roles


def aggregate_to_2025(
    table: pd.DataFrame,
    crosswalk: pd.DataFrame,
    *,
    weight: str,
    weights: pd.Series | None = None,
    counts: list[str] | None = None,
    rates: list[str] | None = None,
    yes_no: list[str] | None = None,
    by: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Aggregate a pre-2025 commune table to the 2025 communes.

    Parameters
    ----------
    table
        One row per pre-2025 ``gso_code`` (and per ``by`` columns, e.g. ``year``).
    crosswalk
        ``gso_code`` → ``new2025_gso`` (every pre-2025 commune has exactly one successor in Điện Biên).
    weight
        Name of the weight: a column of ``table`` (``"households"``, ``"population"``) or the label of
        ``weights``.
    weights
        Optional weights indexed by pre-2025 ``gso_code`` (e.g. the 2009 census population) used instead of a
        column.
    counts, rates, yes_no
        Columns summed, weighted by ``weight``, and true only when every predecessor says yes (false when one
        says no, else unknown when one has no answer or no row); inferred when omitted.
    by
        Extra key columns kept apart (e.g. ``("year",)``).

    Returns
    -------
    pandas.DataFrame
        One row per ``new2025_gso`` (and ``by``), with ``n_predecessors``, ``n_predecessors_with_data`` and
        ``aggregation`` stating the method and the weight in words.  A commune whose predecessors are not all
        in the table keeps its sums of the present ones, and says so.
    """
    by = tuple(by)
    if counts is None or rates is None or yes_no is None:
        roles = infer_column_roles(table, exclude=("gso_code", weight, *by))
        counts = roles["counts"] if counts is None else counts
        rates = roles["rates"] if rates is None else rates
        yes_no = roles["yes_no"] if yes_no is None else yes_no
    if weights is not None:
        w = table["gso_code"].map(weights).astype(float)
    elif weight in table.columns:
        w = pd.to_numeric(table[weight], errors="coerce").astype(float)
        if weight not in counts:
            counts = [*counts, weight]
    else:
        raise KeyError(f"weight column {weight!r} not in the table and no weights given")
    links = crosswalk[["gso_code", "new2025_gso"]].drop_duplicates("gso_code")
    n_total = links.groupby("new2025_gso").size().rename("n_predecessors")
    joined = table.assign(_w=w.values).merge(links, on="gso_code", how="inner")
    keys = ["new2025_gso", *by]
    grouped = joined.groupby(keys, dropna=False)
    out = pd.DataFrame(index=grouped.size().index)
    out["n_predecessors_with_data"] = grouped.size()
    for column in counts:
        out[column] = grouped[column].sum(min_count=1)
    for column in rates:
        valid = joined[column].notna() & joined["_w"].notna() & (joined["_w"] > 0)
        numerator = (
            (joined[column] * joined["_w"])
            .where(valid)
            .groupby([joined[k] for k in keys], dropna=False)
            .sum(min_count=1)
        )
        denominator = (
            joined["_w"].where(valid).groupby([joined[k] for k in keys], dropna=False).sum(min_count=1)
        )
        out[column] = numerator / denominator.where(denominator > 0)
    for column in yes_no:
        out[column] = grouped[column].agg(_every_yes)
    out = out.reset_index().merge(n_total.reset_index(), on="new2025_gso", how="left")
    complete = out["n_predecessors_with_data"] == out["n_predecessors"]
    for column in yes_no:  # a predecessor absent from the table has not said yes either
        out[column] = out[column].astype(object).where(~(out[column].eq(True) & ~complete), None)
    method = (
        f"pre-2025 communes aggregated to 2025: counts summed, rates weighted by {weight}, "
        "yes/no true only when every predecessor says yes"
    )
    out["aggregation"] = np.where(
        complete,
        method,
        method
        + "; INCOMPLETE: "
        + out["n_predecessors_with_data"].astype(str)
        + " of "
        + out["n_predecessors"].astype(str)
        + " predecessors have data",
    )
    return out.rename(columns={"new2025_gso": "gso_code"})


def _every_yes(answers: pd.Series) -> bool | None:
    """Return False when a predecessor says no, True when all say yes, else None (an answer is missing)."""
    said = [bool(v) for v in answers if not pd.isna(v)]
    if not all(said):
        return False
    return True if len(said) == len(answers) else None


def disaggregate_to_pre2025(
    table_2025: pd.DataFrame, crosswalk: pd.DataFrame, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """Show a 2025 table on the pre-2025 communes where that is defined.

    It is defined for a 2025 commune with a single predecessor.  Values of merged communes are not split (no
    defensible weights exist for the reverse); those rows are empty and ``crosswalk_note`` says why.
    """
    links = crosswalk[["gso_code", "new2025_gso"]].drop_duplicates("gso_code")
    sizes = links.groupby("new2025_gso")["gso_code"].transform("size")
    links = links.assign(n_merged=sizes.values)
    columns = columns or [c for c in table_2025.columns if c != "gso_code"]
    joined = links.merge(
        table_2025.rename(columns={"gso_code": "new2025_gso"})[["new2025_gso", *columns]],
        on="new2025_gso",
        how="left",
    )
    merged = joined["n_merged"] > 1
    for column in columns:
        joined[column] = joined[column].where(~merged)
    joined["crosswalk_note"] = np.where(
        merged,
        "not defined: this commune was merged with others in 2025; the 2025 value is not split",
        "same commune before and after 2025",
    )
    return joined.drop(columns=["n_merged"])
