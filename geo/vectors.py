"""Vector uploads (GeoPackage, GeoJSON, zipped Shapefile, KML/KMZ, MapInfo) and point tables.

Each is checked and put in EPSG:4326.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from pathlib import PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geo.archives import DEFAULT_LIMITS, UploadLimits, check_upload_size, check_zip, is_zip
from geo.crs import DISPLAY_EPSG, NEIGHBOURHOOD_MARGIN_DEG, PROVINCE_BOUNDS, VN2000_DIENBIEN_EPSG
from geo.encodings import detect_legacy
from geo.errors import InputError, Problem
from geo.formats import check_content
from geo.io import list_vector_layers, read_vector_raw, safe_file_name, sqlite_schema, temporary_folder
from geo.messages import msg
from geo.sandbox import run_isolated
from geo.tables import CellColumn, RawTable, header_key, parse_values, read_cells
from geo.text import LISTED, listing, quoted
from geo.validate import check_geometries

#: Extensions of the vector formats read through GDAL (inside a zip too).
VECTOR_EXTENSIONS = (".gpkg", ".geojson", ".json", ".shp", ".kml", ".tab", ".mif")
LON_HEADERS = {"lon", "lng", "long", "longitude", "kinh_do", "x_wgs84", "kinhdo"}
LAT_HEADERS = {"lat", "latitude", "vi_do", "y_wgs84", "vido"}
X_HEADERS = {"x", "toa_do_x", "x_vn2000", "x_m", "toado_x"}
Y_HEADERS = {"y", "toa_do_y", "y_vn2000", "y_m", "toado_y"}
#: Geometry types accepted for each family, Multi* included.
POINTS = ("Point", "MultiPoint")
LINES = ("LineString", "MultiLineString")
POLYGONS = ("Polygon", "MultiPolygon")


#: The one GDAL driver each vector extension is opened with (geo.sandbox deregisters every other).
DRIVERS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "ESRI Shapefile",
    ".kml": "KML",
    ".tab": "MapInfo File",
    ".mif": "MapInfo File",
}
#: Files read with each dataset (the rest of a zip is ignored).
SIDECARS = {
    ".shp": (".shx", ".dbf", ".prj", ".cpg"),
    ".tab": (".dat", ".map", ".id", ".ind"),
    ".mif": (".mid",),
}


def _dataset_in_zip(name: str, members: list[str]) -> str:
    found = [
        m
        for m in members
        if PurePosixPath(m).suffix.lower() in VECTOR_EXTENSIONS
        and not PurePosixPath(m).name.startswith(("._", "."))
    ]
    if not found:
        raise InputError(
            Problem(
                vi=(
                    "tệp zip không chứa lớp bản đồ nào (.shp, .tab, .gpkg, .geojson, .kml); hãy kiểm tra nội "
                    "dung."
                ),
                en="the zip holds no map layer (.shp, .tab, .gpkg, .geojson, .kml); check its content.",
                file=name,
            )
        )
    if len(found) > 1:
        raise InputError(
            Problem(
                vi=f"tệp zip chứa nhiều lớp ({listing(found, 'vi')}); hãy nén riêng từng lớp.",
                en=f"the zip holds several layers ({listing(found, 'en')}); zip each layer separately.",
                file=name,
            )
        )
    shp = found[0]
    if shp.lower().endswith(".shp"):
        stem = shp[:-4].lower()
        missing = [ext for ext in (".shx", ".dbf") if stem + ext not in {m.lower() for m in members}]
        if missing:
            raise InputError(
                Problem(
                    vi=f"Shapefile thiếu tệp {', '.join(missing)}; hãy nén cả các tệp cùng tên.",
                    en=f"the Shapefile lacks {', '.join(missing)}; zip all the files sharing its name.",
                    file=name,
                )
            )
    return shp


def _dataset_files(name: str, data: bytes, limits: UploadLimits) -> tuple[str, dict[str, bytes]]:
    """Return the dataset's file name and the bytes of it and its sibling files, from a plain upload or a zip.

    A zip is checked first (escaping paths, links, bombs: :func:`geo.archives.check_zip`), then only the
    dataset and its sibling files are taken out of it; the content of each is checked against its extension.
    """
    if not is_zip(data):
        if not name.lower().endswith(VECTOR_EXTENSIONS):
            raise InputError(
                Problem(
                    vi="định dạng không được hỗ trợ; hãy dùng GeoPackage, GeoJSON, Shapefile nén zip, KML "
                    "hoặc MapInfo (zip).",
                    en=(
                        "unsupported format; use GeoPackage, GeoJSON, zipped Shapefile, KML or MapInfo "
                        "(zipped)."
                    ),
                    file=name,
                )
            )
        check_content(name, data)
        return name, {name: data}
    if not name.lower().endswith((".zip", ".kmz")):
        check_content(name, data)  # a zip under another vector extension is refused, naming what it is
    members = check_zip(name, data, limits=limits)
    member = _dataset_in_zip(name, members)
    stem, suffix = member[: -len(PurePosixPath(member).suffix)], PurePosixPath(member).suffix.lower()
    wanted = {member} | {
        m for m in members if m.lower() in {stem.lower() + ext for ext in SIDECARS.get(suffix, ())}
    }
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for item in sorted(wanted):
            content = archive.read(item)
            check_content(item, content, shown_as=f"{name}/{item}")
            files[PurePosixPath(item).name] = content
    return PurePosixPath(member).name, files


def _geopackage_problems(name: str, schema: list[tuple[str, str, str]]) -> list[Problem]:
    """Refuse what a GeoPackage may hold that reads other files or runs without end.

    Such are views and virtual tables.
    """
    tables = {n.lower() for t, n, _ in schema if t == "table"}
    if not {"gpkg_contents", "gpkg_spatial_ref_sys"} <= tables:
        return [
            Problem(
                vi="tệp .gpkg là cơ sở dữ liệu SQLite nhưng không phải GeoPackage (thiếu bảng "
                "gpkg_contents); hãy xuất lại lớp thành GeoPackage bằng QGIS.",
                en="the .gpkg file is an SQLite database but not a GeoPackage (no gpkg_contents table); "
                "export the layer again as a GeoPackage with QGIS.",
                file=name,
            )
        ]
    problems = []
    for kind, table, sql in schema:
        virtual = kind == "table" and sql.lstrip().upper().startswith("CREATE VIRTUAL TABLE")
        if kind == "view" or (virtual and not re.search(r"USING\s+rtree\b", sql, re.I)):
            problems.append(
                Problem(
                    vi="GeoPackage chứa một khung nhìn (view) hoặc bảng ảo: đó là truy vấn lưu sẵn, có thể "
                    "chạy không dừng hoặc đọc tệp khác, nên không được nhập. Hãy lưu lớp thành bảng thường "
                    "(QGIS: Xuất → Lưu đối tượng thành...) rồi nhập lại.",
                    en="the GeoPackage holds a view or a virtual table: a stored query, which can run "
                    "without end or read other files, so it is not imported. Save the layer as a plain table "
                    "(QGIS: Export → Save Features As...) and import it again.",
                    file=name,
                    value=table,
                )
            )
    return problems


def read_dataset(
    path: str, layer: str | None, encoding: str | None, display: str
) -> tuple[gpd.GeoDataFrame, list[str], int]:
    """Read one layer of a local dataset; runs inside :func:`geo.sandbox.run_isolated`.

    One driver is registered there.  Returns the frame, the texts of the first :data:`geo.text.LISTED`
    reading warnings and how many there were.
    """
    if path.lower().endswith(".gpkg"):
        problems = _geopackage_problems(display, sqlite_schema(path))
        if problems:
            raise InputError(problems)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = list_vector_layers(path)
        if layer is None and len(names) > 1:
            raise InputError(
                Problem(
                    vi=f"tệp có nhiều lớp ({listing(names, 'vi')}); hãy chọn một lớp: ô 'Lớp trong tệp' trên "
                    f"trang Nhập "
                    "dữ liệu, hoặc --source-layer TÊN trên dòng lệnh.",
                    en=f"the file holds several layers ({listing(names, 'en')}); choose one: the 'Layer in "
                    f"the file' box "
                    "on the Import page, or --source-layer NAME on the command line.",
                    file=display,
                )
            )
        if layer is not None and layer not in names:
            raise InputError(
                Problem(
                    vi=f"tệp không có lớp '{layer}'; các lớp có: {listing(names, 'vi')}.",
                    en=f"the file has no layer '{layer}'; its layers are: {listing(names, 'en')}.",
                    file=display,
                    value=layer,
                )
            )
        frame = read_vector_raw(path, layer=layer, encoding=encoding)
    return frame, [str(w.message) for w in caught[:LISTED]], len(caught)


def _layer_names(path: str, display: str) -> list[str]:
    """Return the layers of a local dataset; runs inside :func:`geo.sandbox.run_isolated`."""
    if path.lower().endswith(".gpkg"):
        problems = _geopackage_problems(display, sqlite_schema(path))
        if problems:
            raise InputError(problems)
    return list_vector_layers(path)


def vector_layer_names(name: str, data: bytes, *, limits: UploadLimits = DEFAULT_LIMITS) -> list[str]:
    """Return the names of the layers in a vector upload (for a picker).

    They are read as safely as the layer itself.
    """
    check_upload_size(name, len(data), limits=limits)
    dataset, files = _dataset_files(name, data, limits)
    driver = DRIVERS[PurePosixPath(dataset.lower()).suffix]
    with temporary_folder(files) as folder:
        return run_isolated(
            _layer_names,
            str(folder / safe_file_name(dataset)),
            name,
            file=name,
            drivers=(driver,),
            seconds=limits.max_seconds,
            memory_mib=limits.max_memory_mib,
        )


def read_vector_upload(
    name: str, data: bytes, *, layer: str | None = None, limits: UploadLimits = DEFAULT_LIMITS
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read the single layer of a vector upload as it is (any CRS); raise :class:`InputError` when unreadable.

    The content of the file (and of each zip member used) must match its extension (:mod:`geo.formats`); the
    layer is parsed in an isolated child process holding only the GDAL driver of that extension, with no
    network and bounded time and memory (:mod:`geo.sandbox`).
    """
    check_upload_size(name, len(data), limits=limits)
    notes: list[Problem] = []
    dataset, files = _dataset_files(name, data, limits)
    cp1258 = _declares_cp1258(files, dataset)
    driver = DRIVERS[PurePosixPath(dataset.lower()).suffix]
    with temporary_folder(files) as folder:
        path = str(folder / safe_file_name(dataset))
        try:
            # GDAL's CP1258 decoding drops the last letter of every text: read bytes as Latin-1, decode here
            frame, warned, warnings_count = run_isolated(
                read_dataset,
                path,
                layer,
                "latin1" if cp1258 else None,
                name,
                file=name,
                drivers=(driver,),
                seconds=limits.max_seconds,
                memory_mib=limits.max_memory_mib,
            )
        except InputError as exc:
            if any(p.file for p in exc.problems):
                raise
            raise InputError(
                Problem(
                    vi=f"không đọc được lớp bản đồ ({quoted(exc.render('vi'))}); hãy mở thử trong "
                    "QGIS và xuất lại.",
                    en=f"cannot read the map layer ({quoted(exc.render('en'))}); open it in QGIS and "
                    "export it again.",
                    file=name,
                )
            ) from exc
    for text in warned:
        notes.append(Problem(vi=f"cảnh báo khi đọc: {text}", en=f"reading warning: {text}", file=name))
    if warnings_count > len(warned):
        left = warnings_count - len(warned)
        notes.append(
            Problem(
                vi=f"cảnh báo khi đọc: {msg('txt_and_more', 'vi', n=left)}",
                en=f"reading warning: {msg('txt_and_more', 'en', n=left)}",
                file=name,
            )
        )
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(
            Problem(
                vi="lớp không có hình học; hãy nhập như một bảng.",
                en="the layer has no geometry; import it as a table.",
                file=name,
            )
        )
    if cp1258:
        frame = _redecode(frame, "cp1258")
    return _fix_legacy_text(frame, name, notes), notes


def _declares_cp1258(files: dict[str, bytes], dataset: str) -> bool:
    """Return True when a Shapefile's .cpg names Windows-1258."""
    if not dataset.lower().endswith(".shp"):
        return False
    wanted = dataset[:-4].lower() + ".cpg"
    for file_name, content in files.items():
        if file_name.lower() == wanted and len(content) < 100:
            return content.decode("ascii", "replace").strip().upper().replace("CP", "") in (
                "1258",
                "WINDOWS-1258",
                "WINDOWS1258",
            )
    return False


def _redecode(frame: gpd.GeoDataFrame, codec: str) -> gpd.GeoDataFrame:
    def fix(text: object) -> object:
        if not isinstance(text, str):
            return text
        try:
            return unicodedata.normalize("NFC", text.encode("latin1").decode(codec))
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text

    renamed = {c: fix(c) for c in frame.columns if c != frame.geometry.name}
    out = frame.rename(columns=renamed)
    for column in renamed.values():
        if out[column].dtype == object or str(out[column].dtype) in ("str", "string"):
            out[column] = out[column].map(fix)
    return out


def _fix_legacy_text(frame: gpd.GeoDataFrame, name: str, notes: list[Problem]) -> gpd.GeoDataFrame:
    """Convert text cells typed in TCVN3/VNI (common in Vietnamese Shapefiles without .cpg) to Unicode."""
    converted = 0
    for column in frame.columns:
        if column == frame.geometry.name or not (
            frame[column].dtype == object or str(frame[column].dtype) in ("str", "string")
        ):
            continue
        values, changed = [], 0
        for value in frame[column]:
            if isinstance(value, str):
                encoding, fixed = detect_legacy(value)
                if encoding in ("tcvn3", "vni"):
                    changed += 1
                    value = fixed
            values.append(value)
        if changed:
            converted += changed
            frame[column] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    if converted:
        notes.append(
            Problem(
                vi=f"{converted} ô chữ được chuyển từ bảng mã cũ (TCVN3/VNI) sang Unicode.",
                en=f"{converted} text cells converted from a legacy encoding (TCVN3/VNI) to Unicode.",
                file=name,
            )
        )
    return frame


def check_in_province(
    frame: gpd.GeoDataFrame,
    *,
    file: str,
    bounds: tuple[float, float, float, float] = PROVINCE_BOUNDS,
    row_offset: int = 1,
    rows: list[int] | None = None,
) -> list[Problem]:
    """Return a problem for every feature (EPSG:4326) outside the province box.

    The problem says so when x/y look swapped.
    """
    problems = []
    minx, miny, maxx, maxy = bounds
    box = shapely.box(minx, miny, maxx, maxy)
    geoms = np.asarray(frame.geometry.values)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    inside = np.zeros(len(geoms), dtype=bool)
    inside[present] = shapely.intersects(geoms[present], box)
    problems += _far_coordinates(
        geoms, present & inside, file=file, rows=rows, row_offset=row_offset, bounds=bounds
    )
    for i in np.flatnonzero(present & ~inside):
        g = geoms[i]
        swapped = shapely.transform(g, lambda xy: xy[:, ::-1])
        where = rows[i] if rows is not None else int(i) + row_offset
        coords = shapely.get_coordinates(g)[:1]
        value = f"{coords[0][0]:.6f}, {coords[0][1]:.6f}" if len(coords) else None
        if len(coords) and (abs(coords[0][0]) > 1000 or abs(coords[0][1]) > 1000):
            problems.append(
                Problem(
                    vi="tọa độ trông như mét nhưng tệp khai báo độ (CRS sai); hãy chọn đúng CRS, ví dụ "
                    "EPSG:9205 (VN-2000 / TM-3 103-00).",
                    en="coordinates look like metres but the file declares degrees (wrong CRS); choose the "
                    "right CRS, e.g. EPSG:9205 (VN-2000 / TM-3 103-00).",
                    file=file,
                    row=where,
                    value=value,
                )
            )
        elif shapely.intersects(swapped, box):
            problems.append(
                Problem(
                    vi="tọa độ bị đảo x/y (kinh độ và vĩ độ đổi chỗ); hãy đổi lại thứ tự cột.",
                    en="x/y are swapped (longitude and latitude exchanged); swap the columns back.",
                    file=file,
                    row=where,
                    value=value,
                )
            )
        else:
            problems.append(
                Problem(
                    vi="nằm ngoài tỉnh Điện Biên; hãy kiểm tra tọa độ và hệ tọa độ (CRS) của tệp.",
                    en=(
                        "lies outside Điện Biên province; check the coordinates and the file's coordinate "
                        "system (CRS)."
                    ),
                    file=file,
                    row=where,
                    value=value,
                )
            )
    return problems


def _far_coordinates(
    geoms: np.ndarray,
    candidates: np.ndarray,
    *,
    file: str,
    rows: list[int] | None,
    row_offset: int,
    bounds: tuple[float, float, float, float],
) -> list[Problem]:
    """Return problems for features that touch the province box but have a coordinate far off.

    Far off: not finite, or beyond :data:`geo.crs.NEIGHBOURHOOD_MARGIN_DEG` around the box (a line from
    Điện Biên to latitude 95).
    """
    minx, miny, maxx, maxy = bounds
    margin = NEIGHBOURHOOD_MARGIN_DEG
    problems = []
    for i in np.flatnonzero(candidates):
        coords = shapely.get_coordinates(geoms[i])
        bad = (
            ~np.isfinite(coords).all(axis=1)
            | (coords[:, 0] < minx - margin)
            | (coords[:, 0] > maxx + margin)
            | (coords[:, 1] < miny - margin)
            | (coords[:, 1] > maxy + margin)
        )
        if bad.any():
            x, y = coords[np.flatnonzero(bad)[0]]
            problems.append(
                Problem(
                    vi="một phần đối tượng nằm rất xa tỉnh (quá 0,5° ≈ 55 km ngoài khung tỉnh); hãy kiểm tra "
                    "tọa độ và hệ tọa độ (CRS).",
                    en="part of the feature lies far from the province (over 0.5° ≈ 55 km beyond its box); "
                    "check the coordinates and the coordinate system (CRS).",
                    file=file,
                    row=rows[i] if rows is not None else int(i) + row_offset,
                    value=f"{x:.6g}, {y:.6g}",
                )
            )
    return problems


def import_vector(
    name: str,
    data: bytes,
    *,
    geometry_types: tuple[str, ...],
    layer: str | None = None,
    assume_epsg: int | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read, check and reproject a vector upload to EPSG:4326.

    Raise one :class:`InputError` with every problem.  ``assume_epsg`` is used only when the file carries no
    CRS (a Shapefile without .prj).
    """
    frame, notes = read_vector_upload(name, data, layer=layer, limits=limits)
    if frame.crs is None and assume_epsg is not None:
        frame = frame.set_crs(assume_epsg)
        notes.append(
            Problem(
                vi=f"tệp không có CRS; đã dùng EPSG:{assume_epsg} theo lựa chọn.",
                en=f"the file has no CRS; EPSG:{assume_epsg} was used as chosen.",
                file=name,
            )
        )
    if len(frame) == 0:
        raise InputError(
            Problem(vi="lớp không có đối tượng nào.", en="the layer has no features.", file=name)
        )
    if shapely.has_z(np.asarray(frame.geometry.values)).any():
        frame = frame.set_geometry(shapely.force_2d(np.asarray(frame.geometry.values)), crs=frame.crs)
        notes.append(
            Problem(
                vi="đã bỏ cao độ (Z) của hình học.", en="the geometry's heights (Z) were dropped.", file=name
            )
        )
    problems = check_geometries(frame, file=name, allowed_types=geometry_types)
    if frame.crs is None:
        raise InputError(problems)
    try:
        frame = frame.to_crs(DISPLAY_EPSG)
    except Exception as exc:  # noqa: BLE001 - pyproj errors on absurd coordinates or CRS
        raise InputError(
            problems
            + [
                Problem(
                    vi=f"không chuyển được sang WGS84 ({type(exc).__name__}); hãy kiểm tra CRS của tệp.",
                    en=f"cannot be converted to WGS84 ({type(exc).__name__}); check the file's CRS.",
                    file=name,
                )
            ]
        ) from exc
    problems += check_in_province(frame, file=name)
    if problems:
        raise InputError(problems)
    frame.columns = [str(c) for c in frame.columns]
    return frame.reset_index(drop=True), notes


# --- point tables
# ----------------------------------------------------------------------------------------------


def _find(keys: list[str], wanted: set[str]) -> int | None:
    return next((i for i, k in enumerate(keys) if k in wanted), None)


def vn2000_to_wgs84(
    easting: np.ndarray, northing: np.ndarray, *, epsg: int = VN2000_DIENBIEN_EPSG
) -> tuple[np.ndarray, np.ndarray]:
    """Convert VN-2000 easting/northing (default TM-3 103-00, EPSG:9205) to lon/lat.

    pyproj does the datum shift.
    """
    transformer = pyproj.Transformer.from_crs(epsg, DISPLAY_EPSG, always_xy=True)
    lon, lat = transformer.transform(np.asarray(easting, float), np.asarray(northing, float))
    return np.asarray(lon), np.asarray(lat)


def _inside(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    minx, miny, maxx, maxy = PROVINCE_BOUNDS
    return (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)


def import_point_table(
    name: str, data: bytes, *, assume_epsg: int | None = None, limits: UploadLimits = DEFAULT_LIMITS
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read a CSV/XLSX of points with lon/lat (WGS84) or VN-2000 x/y into EPSG:4326.

    For x/y in metres the order is checked against the province: Vietnamese surveys write X = northing, GIS
    tools X = easting; the order that puts the points in Điện Biên is used and said in the notes.
    """
    raw = read_cells(name, data, limits=limits)
    return points_from_cells(name, raw, assume_epsg=assume_epsg)


def points_from_cells(
    name: str, raw: RawTable, *, assume_epsg: int | None = None
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Build the point layer of :func:`import_point_table` from cells already read."""
    notes = list(raw.notes)
    problems: list[Problem] = []
    keys = [header_key(h) for h in raw.header]
    rows = [
        (raw.first_row + i, r)
        for i, r in enumerate(raw.rows)
        if any(str(v).strip() for v in r if v is not None)
    ]
    ix, iy = _find(keys, LON_HEADERS), _find(keys, LAT_HEADERS)
    metric = False
    if ix is None or iy is None:
        ix, iy = _find(keys, X_HEADERS), _find(keys, Y_HEADERS)
        metric = True
    if ix is None or iy is None:
        raise InputError(
            Problem(
                vi="không tìm thấy cột tọa độ: cần 'lon' và 'lat' (WGS84) hoặc 'x' và 'y' (VN-2000).",
                en="no coordinate columns: 'lon' and 'lat' (WGS84) or 'x' and 'y' (VN-2000) are needed.",
                file=name,
            )
        )
    if not rows:
        raise InputError(
            Problem(vi="bảng không có dòng số liệu nào.", en="the table has no data rows.", file=name)
        )
    xs = parse_values(
        CellColumn(name, raw.header[ix], [r[ix] for _, r in rows], rows),
        problems,
        notes,
        numeric=True,
        default_decimal=".",
    )
    ys = parse_values(
        CellColumn(name, raw.header[iy], [r[iy] for _, r in rows], rows),
        problems,
        notes,
        numeric=True,
        default_decimal=".",
    )
    for (rowno, _), x, y in zip(rows, xs, ys, strict=True):
        if (x != x) or (y != y):
            problems.append(
                Problem(
                    vi="thiếu tọa độ; hãy điền cả hai tọa độ hoặc xóa dòng.",
                    en="missing coordinate; fill both coordinates or delete the row.",
                    file=name,
                    row=rowno,
                )
            )
    x, y = xs.to_numpy(float), ys.to_numpy(float)
    ok = np.isfinite(x) & np.isfinite(y)
    lon, lat = np.full(len(x), np.nan), np.full(len(x), np.nan)
    looks_metric = ok.any() and (
        np.nanmax(np.abs(np.where(ok, x, 0))) > 1000 or np.nanmax(np.abs(np.where(ok, y, 0))) > 1000
    )
    epsg = DISPLAY_EPSG
    if assume_epsg is not None and assume_epsg != DISPLAY_EPSG:
        epsg = assume_epsg
    elif metric and looks_metric:
        epsg = VN2000_DIENBIEN_EPSG
    if epsg == DISPLAY_EPSG:
        if metric:
            notes.append(
                Problem(
                    vi="cột x/y chứa độ; đã hiểu là kinh độ/vĩ độ WGS84.",
                    en="the x/y columns hold degrees; read as WGS84 longitude/latitude.",
                    file=name,
                )
            )
        lon[ok], lat[ok] = x[ok], y[ok]
    else:
        lon[ok], lat[ok] = _metric_to_lonlat(x[ok], y[ok], epsg=epsg, name=name, notes=notes)
    for (rowno, _), given, a, b in zip(rows, ok, lon, lat, strict=True):
        if given and not (np.isfinite(a) and np.isfinite(b)):
            problems.append(
                Problem(
                    vi="tọa độ không đặt được lên bản đồ (quá lớn hoặc sai hệ tọa độ); hãy kiểm tra.",
                    en="the coordinates cannot be placed on the map (too large or in the wrong "
                    "coordinate system); check them.",
                    file=name,
                    row=rowno,
                )
            )
    geometry = [
        shapely.Point(a, b) if np.isfinite(a) and np.isfinite(b) else None
        for a, b in zip(lon, lat, strict=True)
    ]
    attrs = {}
    for i, header in enumerate(raw.header):
        if i in (ix, iy) or not header:
            continue
        attrs[header] = parse_values(
            CellColumn(name, header, [r[i] for _, r in rows], rows), problems, notes
        ).to_numpy()
    frame = gpd.GeoDataFrame(pd.DataFrame(attrs, index=range(len(rows))), geometry=geometry, crs=DISPLAY_EPSG)
    located = frame[frame.geometry.notna()]
    problems += check_in_province(located, file=name, rows=[rows[i][0] for i in located.index])
    if problems:
        raise InputError(problems)
    return frame, notes


def _metric_to_lonlat(
    x: np.ndarray, y: np.ndarray, *, epsg: int, name: str, notes: list[Problem]
) -> tuple[np.ndarray, np.ndarray]:
    """Return longitude and latitude of metric points, X taken as easting or as northing.

    Whichever puts more of them in the province is taken (Vietnamese surveys write X = northing); ``notes``
    say which.
    """
    try:
        e1, n1 = vn2000_to_wgs84(x, y, epsg=epsg)
        e2, n2 = vn2000_to_wgs84(y, x, epsg=epsg)
    except pyproj.exceptions.ProjError as exc:
        raise InputError(
            Problem(
                vi=f"không chuyển được tọa độ (EPSG:{epsg}).",
                en=f"cannot convert the coordinates (EPSG:{epsg}).",
                file=name,
            )
        ) from exc
    if _inside(e2, n2).sum() > _inside(e1, n1).sum():
        notes.append(
            Problem(
                vi=(
                    f"tọa độ EPSG:{epsg}: X là tọa độ bắc (northing), Y là tọa độ đông — theo quy ước trắc "
                    f"địa Việt Nam."
                ),
                en=(
                    f"EPSG:{epsg} coordinates: X is the northing and Y the easting (Vietnamese survey "
                    f"convention)."
                ),
                file=name,
            )
        )
        return e2, n2
    notes.append(
        Problem(
            vi=f"tọa độ EPSG:{epsg}: X là tọa độ đông (easting), Y là tọa độ bắc.",
            en=f"EPSG:{epsg} coordinates: X is the easting and Y the northing.",
            file=name,
        )
    )
    return e1, n1
