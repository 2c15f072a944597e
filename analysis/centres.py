"""Commune centres per unit set: the UBND point where known, else a representative point (and say so)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.names import name_key


def centres_for_units(communes: gpd.GeoDataFrame, centres: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return one centre point per commune unit, with ``centre_source`` saying where it came from.

    Parameters
    ----------
    communes
        Units with ``unit_id``, ``commune`` and, for the 2025 units, ``predecessor_gso_codes``.
    centres
        Known UBND points of the pre-2025 communes with ``unit_id`` and ``gso_code``.

    For a 2025 unit the centre is the UBND point of the predecessor that carries the new unit's name, else of
    the first predecessor with a known point.  A unit without any known point gets a representative point of
    its polygon, marked ``centre_source = "representative_point"``.
    """
    known = centres.drop_duplicates("gso_code").set_index("gso_code")
    rows = []
    for unit in communes.itertuples(index=False):
        point, source = None, "representative_point"
        if "predecessor_gso_codes" in communes.columns:
            candidates = [c for c in str(unit.predecessor_gso_codes).split(";") if c in known.index]
            same_name = [c for c in candidates if name_key(known.loc[c, "commune"]) == name_key(unit.commune)]
            chosen = next(iter(same_name or candidates), None)
            if chosen is not None:
                point, source = known.loc[chosen, "geometry"], "ubnd"
        else:
            hit = centres[centres["unit_id"] == unit.unit_id]
            if not hit.empty:
                point, source = hit.geometry.iloc[0], "ubnd"
        if point is None:
            point = unit.geometry.representative_point()
        rows.append({"unit_id": unit.unit_id, "centre_source": source, "geometry": point})
    frame = pd.DataFrame(rows)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=communes.crs)
