"""Input validation and repair: CRS present, geometries valid, polygon layers kept polygonal."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import Problem


def repair_polygons(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy with invalid polygons repaired by ``make_valid``, keeping only polygonal parts.

    Lines or points produced by the repair of a self-touching ring are dropped; the row stays.
    """
    geoms = shapely.make_valid(np.asarray(frame.geometry.values))
    parts, index = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == 3  # Polygon
    out_geoms = np.full(len(frame), None, dtype=object)
    for i in np.unique(index[keep]):
        polys = parts[keep & (index == i)]
        out_geoms[i] = polys[0] if len(polys) == 1 else shapely.multipolygons(polys)
    out = frame.copy()
    out[out.geometry.name] = gpd.GeoSeries(out_geoms, index=frame.index, crs=frame.crs)
    return out


def check_geometries(frame: gpd.GeoDataFrame, *, file: str, allowed_types: tuple[str, ...]) -> list[Problem]:
    """Return every problem of a layer's geometries (missing CRS, empty, invalid, wrong type).

    The list is empty when the geometries are fine.
    """
    problems: list[Problem] = []
    if frame.crs is None:
        problems.append(
            Problem(
                vi="không có hệ tọa độ (CRS). Hãy xuất lại tệp kèm tệp .prj hoặc chọn CRS khi nhập.",
                en=(
                    "has no coordinate reference system (CRS). Export it again with a .prj file or choose "
                    "the CRS on import."
                ),
                file=file,
            )
        )
    geom = frame.geometry
    for i, (g, valid) in enumerate(zip(geom.values, geom.is_valid.values, strict=False)):
        feature = i + 1
        if g is None or g.is_empty:
            problems.append(
                Problem(
                    vi="hình học rỗng; hãy xóa hoặc vẽ lại đối tượng này.",
                    en="empty geometry; delete or redraw this feature.",
                    file=file,
                    row=feature,
                )
            )
            continue
        if g.geom_type not in allowed_types:
            problems.append(
                Problem(
                    vi=f"kiểu hình học {g.geom_type} không phù hợp; lớp này cần {', '.join(allowed_types)}.",
                    en=(
                        f"geometry type {g.geom_type} does not fit; this layer needs "
                        f"{', '.join(allowed_types)}."
                    ),
                    file=file,
                    row=feature,
                )
            )
        elif not valid:
            problems.append(
                Problem(
                    vi=(
                        f"hình học không hợp lệ ({shapely.is_valid_reason(g)}); hãy sửa trong QGIS (Sửa hình "
                        f"học)."
                    ),
                    en=f"invalid geometry ({shapely.is_valid_reason(g)}); fix it in QGIS (Fix geometries).",
                    file=file,
                    row=feature,
                )
            )
    return problems
