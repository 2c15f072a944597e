"""Real programme figures against the 2020 targets, and sub-provincial poverty reference points.

The programme figures set against the targets are those of new-rural communes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.targets import MEASUREMENT_COLUMNS, PROVINCE_CODE, PROVINCE_NAME

NEW_RURAL_INDICATOR = "commune_new_rural"


def new_rural_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Return ``counts`` with ``share_pct``.

    ``share_pct`` = 100 × communes "đạt chuẩn" or "cơ bản đạt chuẩn" / rural communes.
    """
    return counts.assign(share_pct=100.0 * counts["n_recognised"] / counts["n_xa"])


def new_rural_measurement(counts: pd.DataFrame, *, target_year: int = 2020) -> pd.DataFrame:
    """Return the province row measuring ``commune_new_rural`` (≥ 30 % of communes by 2020) from real counts.

    The measured value is the latest count dated in or before ``target_year`` (share of rural communes, see
    :func:`new_rural_shares`); the baseline is the count before it, so the scorecard's straight line runs
    through both.  ``source_cite`` cites both counts (``source_kind`` ``real_counts``).  No row when no count
    is dated by ``target_year``.
    """
    shares = new_rural_shares(counts)
    usable = shares[shares["as_of_year"] <= target_year].sort_values("as_of")
    if usable.empty:
        return pd.DataFrame(columns=MEASUREMENT_COLUMNS)
    now = usable.iloc[-1]
    before = usable.iloc[-2] if len(usable) > 1 else None
    cite = f"{now['citation']}; {int(now['n_recognised'])}/{int(now['n_xa'])}"
    if before is not None:
        cite += f"; {before['citation']}; {int(before['n_recognised'])}/{int(before['n_xa'])}"
    row = {
        "indicator_id": NEW_RURAL_INDICATOR,
        "level": "province",
        "unit_code": PROVINCE_CODE,
        "unit_name": PROVINCE_NAME,
        "measured": float(now["share_pct"]),
        "measured_year": int(now["as_of_year"]),
        "baseline": float(before["share_pct"]) if before is not None else np.nan,
        "baseline_year": int(before["as_of_year"]) if before is not None else None,
        "weight": float(now["n_xa"]),
        "source_kind": "real_counts",
        "source_since": None,
        "source_scope": "",
        "source_cite": cite,
        "illustrative": False,
    }
    return pd.DataFrame([row], columns=MEASUREMENT_COLUMNS)


def named_recognitions_by_year(membership: pd.DataFrame) -> pd.DataFrame:
    """Return, per year, the communes named as recognised by its end (cumulative), by status: a lower bound.

    ``membership`` is the new-rural membership (``member``, ``status``, ``year``); the named list is partial,
    so these counts never exceed, and may fall short of, the province's counts.
    """
    named = membership[membership["member"] == "yes"]
    years = sorted(int(y) for y in named["year"].dropna().unique())
    rows = []
    for year in years:
        upto = named[named["year"] <= year]
        rows.append(
            {
                "year": year,
                "n_named": len(upto),
                "n_dat_chuan": int((upto["status"] == "dat_chuan").sum()),
                "n_co_ban_dat_chuan": int((upto["status"] == "co_ban_dat_chuan").sum()),
            }
        )
    return pd.DataFrame(rows, columns=["year", "n_named", "n_dat_chuan", "n_co_ban_dat_chuan"])


def _weighted_rate(rows: pd.DataFrame) -> float:
    valid = rows["poor_hh_rate_pct"].notna() & rows["households"].notna() & (rows["households"] > 0)
    households = rows.loc[valid, "households"].astype(float)
    if households.sum() <= 0:
        return np.nan
    return float((rows.loc[valid, "poor_hh_rate_pct"].astype(float) * households).sum() / households.sum())


def _area(point: pd.Series, survey: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Return the survey rows standing for a reference point's unit, and how (a code)."""
    level = point["admin_level"]
    if level == "commune" and point["gso_commune_code"]:
        return survey[survey["gso_code"] == point["gso_commune_code"]], "commune"
    if level == "district" and point["district_code"]:
        return survey[survey["district_code"] == point["district_code"]], "district"
    # Đề án 79: 21 of the 26 communes of Mường Nhé and Nậm Pồ, which 21 is not known
    if level == "project area":
        return survey[survey["district_code"].isin(["096", "103"])], "both_districts_for_21_communes"
    if level == "province rural":
        return survey[survey["commune"].astype(str).str.startswith("Xã")], "rural_communes_xa"
    if level == "province":
        return survey, "province"
    return survey.iloc[0:0], "none"


def poverty_reference_points(points: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """Return the real sub-provincial poverty figures beside the (illustrative) survey's value.

    The survey's value is for the same area as the figure.  ``points``:
    :func:`layers.programmes.load_poverty_points`.  ``survey``: commune rows with
    ``gso_code, commune, district_code, year, households, poor_hh_rate_pct``.  One row per point and survey
    year within the point's years (``year_first``–``year_last``); a point no survey year matches keeps one row
    with no comparison. ``survey_value`` is the households-weighted rate of the survey communes standing for
    the point's area (``comparison_area`` says how), ``difference_points`` = survey − real.  ``caveats``:
    ``not_representative`` (a commune that had just reached the new-rural standard), ``year_approximate``,
    ``area_approximate``, ``standard_not_stated``.
    """
    survey_years = set(int(y) for y in survey["year"].dropna().unique())
    rows = []
    for _, point in points.iterrows():
        area, how = _area(point, survey)
        first, last = point["year_first"], point["year_last"]
        years: list[int | None] = (
            [y for y in range(int(first), int(last) + 1) if y in survey_years] if pd.notna(first) else []
        )
        caveats = [
            c
            for c, on in (
                ("not_representative", point["admin_level"] == "commune"),
                ("year_approximate", str(point["year"]).startswith("c.")),
                ("area_approximate", how == "both_districts_for_21_communes"),
                ("standard_not_stated", point["standard"] == "other"),
            )
            if on
        ]
        for year in years or [None]:
            value = _weighted_rate(area[area["year"] == year]) if year is not None else np.nan
            rows.append(
                {
                    "admin_level": point["admin_level"],
                    "unit_name": point["unit_name"],
                    "unit_code": point["gso_commune_code"] or point["district_code"],
                    "year_in_source": point["year"],
                    "indicator": point["indicator"],
                    "real_value": float(point["value"]),
                    "standard": point["standard"],
                    "comparison_year": year,
                    "comparison_area": how if year is not None else "none",
                    "n_survey_communes": int(area.loc[area["year"] == year, "gso_code"].nunique())
                    if year
                    else 0,
                    "survey_value": value,
                    "difference_points": value - float(point["value"]),
                    "caveats": ";".join(caveats),
                    "source_url": point["source_url"],
                    "evidence_quote": point["evidence_quote"],
                    "note": point["note"],
                }
            )
    out = pd.DataFrame(rows)
    out["comparison_year"] = out["comparison_year"].astype("Int64")
    return out
