"""Hostile uploads: each file is opened only by its kind's driver, off the network, within bounded time and
memory."""

import functools
import http.server
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from affine import Affine

from geo.archives import UploadLimits
from geo.errors import InputError
from geo.formats import check_content, identify
from geo.io import read_vector_raw
from geo.sandbox import registered_drivers, run_isolated
from geo.tables import read_cells
from geo.vectors import LINES, import_vector, read_dataset
from layers.imports import import_upload

ROOT = Path(__file__).resolve().parent.parent
SECRET = Path("/etc/passwd")


class _Requests(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        type(self).seen.append(self.path)
        body = b'{"type": "FeatureCollection", "features": []}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    """A local web server that records every request it receives (the URL an attacker would make us fetch)."""
    _Requests.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Requests)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Requests.seen
    server.shutdown()
    server.server_close()


def vrt_reading(source: str) -> bytes:
    """A GDAL virtual layer that turns every line of ``source`` into a road in Điện Biên."""
    return f"""<OGRVRTDataSource>
  <OGRVRTLayer name="passwd">
    <SrcDataSource>CSV:{source}</SrcDataSource>
    <SrcSQL dialect="SQLITE">SELECT *, 'LINESTRING (103.0 21.4, 103.1 21.5)' AS wkt FROM passwd</SrcSQL>
    <GeometryType>wkbLineString</GeometryType>
    <LayerSRS>EPSG:4326</LayerSRS>
    <GeometryField encoding="WKT" field="wkt"/>
  </OGRVRTLayer>
</OGRVRTDataSource>
""".encode()


def raster_vrt_reading(source: str) -> bytes:
    return f"""<VRTDataset rasterXSize="10" rasterYSize="10">
  <SRS>EPSG:4326</SRS><GeoTransform>102.0, 0.2, 0, 23.0, 0, -0.2</GeoTransform>
  <VRTRasterBand dataType="Byte" band="1"><SimpleSource><SourceFilename>{source}</SourceFilename>
  <SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>
</VRTDataset>""".encode()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def test_the_attack_is_real_without_the_guards(tmp_path):
    """The VRT of these tests does read the server's files when GDAL opens it unguarded (so the tests mean
    it)."""
    path = tmp_path / "roads.geojson"
    path.write_bytes(vrt_reading(str(SECRET)))
    leaked = gpd.read_file(path, engine="pyogrio")
    assert len(leaked) > 0 and leaked.geom_type.eq("LineString").all()


@pytest.mark.parametrize(
    ("name", "kind", "data"),
    [
        ("roads.geojson", "roads", vrt_reading(str(SECRET))),
        ("roads.json", "roads", vrt_reading(str(SECRET))),
        ("roads.kml", "roads", vrt_reading(str(SECRET))),
        ("roads.gpkg", "roads", vrt_reading(str(SECRET))),
        ("dem.tif", "dem", raster_vrt_reading(str(SECRET))),
        (
            "roads.zip",
            "roads",
            zipped(
                {
                    "roads.shp": vrt_reading(str(SECRET)),
                    "roads.shx": b"\x00\x00\x27\x0a" + b"\x00" * 96,
                    "roads.dbf": b"\x03" + b"\x00" * 64,
                }
            ),
        ),
        ("roads.kmz", "roads", zipped({"doc.kml": vrt_reading(str(SECRET))})),
    ],
)
def test_a_virtual_layer_under_an_allowed_extension_is_refused_naming_what_it_is(name, kind, data):
    with pytest.raises(InputError) as caught:
        import_upload(name, data, layer=kind)
    problem = caught.value.problems[0]
    assert problem.file.startswith(name)
    assert "GDAL virtual layer (VRT)" in problem.en and "lớp ảo GDAL (VRT)" in problem.vi
    assert "root:" not in caught.value.render("en")


def test_a_virtual_layer_pointing_at_a_url_makes_no_request(web):
    base, seen = web
    data = vrt_reading(f"/vsicurl/{base}/leak.csv")
    for name in ("roads.geojson", "roads.kml"):
        with pytest.raises(InputError, match="VRT"):
            import_upload(name, data, layer="roads")
    assert seen == []


def test_the_reader_keeps_only_its_driver_even_when_the_content_check_is_passed(tmp_path, web):
    """Second line of defence: the child process cannot open a VRT, even if one reaches it under .geojson."""
    base, seen = web
    for content in (vrt_reading(str(SECRET)), vrt_reading(f"/vsicurl/{base}/leak.csv")):
        path = tmp_path / "roads.geojson"
        path.write_bytes(content)
        with pytest.raises(InputError) as caught:
            run_isolated(
                read_dataset,
                str(path),
                None,
                None,
                "roads.geojson",
                file="roads.geojson",
                drivers=("GeoJSON",),
                seconds=30,
                memory_mib=1024,
            )
        assert "not recognized" in caught.value.render("en")
    assert seen == []


def test_the_raster_reader_cannot_open_a_virtual_raster_even_past_the_content_check():
    from geo.rasters import _clip_and_reproject

    box = shapely.box(102.1, 20.9, 103.6, 22.6)
    with pytest.raises(InputError, match="cannot read the raster"):
        run_isolated(
            _clip_and_reproject,
            "dem.tif",
            raster_vrt_reading(str(SECRET)),
            box.bounds,
            [box],
            "dem",
            file="dem.tif",
            drivers=("GTiff", "MEM"),
            seconds=30,
            memory_mib=1024,
        )


def test_the_child_holds_only_the_allowed_drivers_and_no_network(web):
    base, seen = web
    drivers = run_isolated(
        registered_drivers, file="x", drivers=("GPKG", "GTiff"), seconds=30, memory_mib=512
    )
    assert set(drivers) == {"GPKG", "GTiff"}  # in pyogrio's GDAL and in rasterio's
    with pytest.raises(InputError):
        run_isolated(
            pyogrio.read_dataframe,
            f"/vsicurl/{base}/a.geojson",
            file="a",
            drivers=("GeoJSON",),
            seconds=30,
            memory_mib=512,
        )
    with pytest.raises(ValueError, match="not a plain local file"):
        read_vector_raw(f"/vsicurl/{base}/a.geojson")
    assert seen == []


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (
            b"<?xml version='1.0'?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><kml>&x;</kml>",
            "xml_dtd",
        ),
        (b"<html><body>not a layer</body></html>", "html"),
        (b"SQLite format 3\x00" + b"\x00" * 100, "sqlite"),
        (
            b'!table\n!version 300\nDefinition Table\n  Type NATIVE Charset "Neutral"\n begin_metadata\n '
            b'"\\IsSeamless" = "TRUE"\n',
            "mapinfo_tab_linked",
        ),
        (b"\x7fELF\x02\x01", "elf"),
    ],
)
def test_other_contents_are_named_in_the_refusal(data, kind):
    assert identify(data) == kind
    name = {
        "xml_dtd": "a.kml",
        "html": "a.geojson",
        "sqlite": "a.geojson",
        "mapinfo_tab_linked": "a.kml",
        "elf": "a.tif",
    }[kind]
    with pytest.raises(InputError, match="its content is"):
        check_content(name, data)


def test_a_seamless_mapinfo_table_is_refused():
    tab = (
        b"!table\n!version 300\n!charset WindowsLatin1\n\nDefinition Table\n  Type NATIVE Charset "
        b'"WindowsLatin1"\n  Fields 1\n    Table Char (100) ;\n begin_metadata\n  "\\IsSeamless" = "TRUE"\n '
        b"end_metadata\n"
    )
    with pytest.raises(InputError) as caught:
        import_vector(
            "seamless.zip",
            zipped(
                {"a.tab": tab, "a.dat": b"\x03" + b"\x00" * 40, "a.map": b"\x00" * 40, "a.id": b"\x00" * 8}
            ),
            geometry_types=LINES,
        )
    assert "seamless" in caught.value.render("en") and "a.tab" in caught.value.problems[0].file


def _geopackage_with_endless_view(path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"name": ["a"]}, geometry=[shapely.LineString([(103.0, 21.4), (103.1, 21.5)])], crs=4326
    )
    frame.to_file(path, layer="roads", driver="GPKG", engine="pyogrio")
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x "
            "AS fid, NULL AS geom, 'x' AS name FROM c"
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', "
            "'features', 'endless', 4326)"
        )
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'LINESTRING', 4326, 0, 0)")


def test_a_geopackage_view_that_never_ends_is_refused_at_once(tmp_path):
    path = tmp_path / "roads.gpkg"
    _geopackage_with_endless_view(path)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        import_upload("roads.gpkg", path.read_bytes(), layer="roads")
    assert time.monotonic() - started < 60  # refused from the schema, not after the time limit
    hits = [p for p in caught.value.problems if p.value == "endless"]
    assert hits and "view" in hits[0].en and "khung nhìn" in hits[0].vi


def test_a_reader_stuck_in_gdal_is_killed_at_the_time_limit(tmp_path):
    """The endless view read by GDAL itself (the schema check skipped): SIGKILL ends it, whatever GDAL
    does."""
    path = tmp_path / "roads.gpkg"
    _geopackage_with_endless_view(path)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        run_isolated(
            read_vector_raw,
            str(path),
            file="roads.gpkg",
            drivers=("GPKG",),
            seconds=3,
            memory_mib=1024,
            layer="endless",
        )
    assert 3 <= time.monotonic() - started < 30
    assert "took more than 3 s" in caught.value.render("en") and "3 giây" in caught.value.render("vi")


def test_an_import_stopped_by_its_time_limit_leaves_no_temporary_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's own temporary folder
    lines = [shapely.LineString([(103.0 + i * 1e-6, 21.4), (103.1, 21.5 + i * 1e-6)]) for i in range(60_000)]
    data = (
        gpd.GeoDataFrame({"surface": ["asphalt"] * len(lines)}, geometry=lines, crs=4326).to_json().encode()
    )
    with pytest.raises(InputError, match="took more than"):
        import_vector("roads.geojson", data, geometry_types=LINES, limits=UploadLimits(max_seconds=0.05))
    assert list(tmp_path.iterdir()) == []


def test_memory_is_bounded_for_a_real_reader():
    rows = "\n".join(f"{i},{'x' * 600}{i}" for i in range(50_000))  # 30 MB, within the row and size caps
    data = ("ma_xa,ghi_chu\n" + rows).encode()
    assert len(read_cells("big.csv", data).rows) == 50_000  # readable with the default bound
    with pytest.raises(InputError) as caught:
        read_cells("big.csv", data, limits=UploadLimits(max_memory_mib=40))
    assert "needs more than 40 MiB of memory" in caught.value.render("en")
    assert caught.value.problems[0].file == "big.csv"


def test_a_grid_declaring_too_many_cells_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "dem.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=15_000,
        height=15_000,
        count=1,
        dtype="float32",
        crs="EPSG:4326",
        transform=Affine(2.0 / 15_000, 0, 102.0, 0, -2.5 / 15_000, 23.0),
        tiled=True,
        compress="deflate",
        SPARSE_OK=True,
    ) as dst:
        dst.write(np.ones((1, 256, 256), dtype="float32"), window=((0, 256), (0, 256)))
    data = path.read_bytes()
    assert len(data) < 1_000_000
    with pytest.raises(InputError) as caught:
        import_upload("dem.tif", data, layer="dem")
    text = caught.value.render("en")
    assert "cells" in text and "over the limit of 50,000,000" in text


def test_utf16_tables_are_read():
    body = "ma_xa,year,ty_le_ho_ngheo_pct\n03124,2020,41,5\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        raw = read_cells("s.csv", body.replace(",5", ".5").encode(codec))
        assert raw.header == ["ma_xa", "year", "ty_le_ho_ngheo_pct"] and raw.rows[0][0] == "03124"


def test_the_command_line_refuses_a_disguised_file_and_writes_nothing(tmp_path):
    upload = tmp_path / "roads.geojson"
    upload.write_bytes(vrt_reading(str(SECRET)))
    project = tmp_path / "p.gpkg"
    done = subprocess.run(
        [
            sys.executable,
            "cli.py",
            "--lang",
            "en",
            "import",
            str(upload),
            "--project",
            str(project),
            "--layer",
            "roads",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert done.returncode == 2, done.stderr
    assert "GDAL virtual layer (VRT)" in done.stderr and "root:" not in done.stderr + done.stdout
    assert not project.exists()


# --- fuzzing: every kind of content under every accepted extension
# ----------------------------------------------

EXTENSIONS = (
    "roads.gpkg",
    "roads.geojson",
    "roads.json",
    "roads.kml",
    "roads.kmz",
    "roads.zip",
    "dem.tif",
    "extract.osm",
    "extract.osm.pbf",
    "survey.csv",
    "survey.xlsx",
    "roads.shp.zip",
    "table.txt",
)
KINDS = (None, "roads", "schools", "dem", "population", "survey", "villages", "power_lines")
MATCHING = {
    ".gpkg": ("roads.gpkg", "roads"),
    ".geojson": ("roads.geojson", "roads"),
    ".kml": ("roads.kml", "roads"),
    ".zip": ("roads.zip", "roads"),
    ".kmz": ("roads.kmz", "roads"),
    ".tif": ("dem.tif", "dem"),
    ".osm": ("extract.osm", None),
    ".csv": ("survey.csv", "survey"),
    ".xlsx": ("survey.xlsx", "survey"),
}


@functools.cache
def corpus() -> dict[str, bytes]:
    """One genuine file of every format the importers read, and files that only pretend to be one."""
    folder = Path(tempfile.mkdtemp(prefix="corpus."))
    roads = gpd.GeoDataFrame(
        {"surface": ["nhựa", "đất"], "all_season": ["có", "không"]},
        geometry=[
            shapely.LineString([(103.0, 21.4), (103.1, 21.5)]),
            shapely.LineString([(103.1, 21.5), (103.2, 21.45)]),
        ],
        crs=4326,
    )
    files = {}
    for driver, suffix in (("GPKG", ".gpkg"), ("GeoJSON", ".geojson"), ("KML", ".kml")):
        roads.to_file(folder / f"r{suffix}", driver=driver, engine="pyogrio")
        files[suffix] = (folder / f"r{suffix}").read_bytes()
    shp = folder / "shp"
    shp.mkdir()
    roads.to_file(shp / "roads.shp", engine="pyogrio")
    files[".zip"] = zipped({p.name: p.read_bytes() for p in shp.iterdir()})
    files[".kmz"] = zipped({"doc.kml": files[".kml"]})
    memory = io.BytesIO()
    with rasterio.MemoryFile() as raster:
        with raster.open(
            driver="GTiff",
            width=20,
            height=20,
            count=1,
            dtype="float32",
            crs="EPSG:4326",
            transform=Affine(0.05, 0, 102.5, 0, -0.05, 22.0),
        ) as dst:
            dst.write(np.arange(400, dtype="float32").reshape(1, 20, 20))
        memory.write(raster.read())
    files[".tif"] = memory.getvalue()
    files[".osm"] = (
        b"<?xml version='1.0'?><osm version='0.6'><node id='1' lat='21.4' lon='103.0'/><node id='2' "
        b"lat='21.5' lon='103.1'/><way id='3'><nd ref='1'/><nd ref='2'/><tag k='highway' "
        b"v='track'/></way></osm>"
    )
    files[".csv"] = b"ma_xa,year,ty_le_ngheo_pct\n03124,2020,41,5\n"
    import openpyxl

    book = openpyxl.Workbook()
    for row in (["ma_xa", "year", "lon", "lat"], ["03124", 2020, 103.0, 21.4]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    files[".xlsx"] = buffer.getvalue()
    files["vrt"] = vrt_reading(str(SECRET))
    files["raster vrt"] = raster_vrt_reading(str(SECRET))
    files["html"] = b"<html><script>alert(1)</script></html>"
    files["sqlite"] = b"SQLite format 3\x00" + bytes(range(256)) * 8
    shutil.rmtree(folder)
    return files


def _mutate(data: bytes, how: str, at: float, byte: int) -> bytes:
    if not data:
        return data
    cut = int(at * len(data))
    if how == "truncate":
        return data[:cut]
    if how == "flip":
        return data[:cut] + bytes([byte]) + data[cut + 1 :]
    if how == "insert":
        return data[:cut] + bytes([byte]) * 16 + data[cut:]
    return data


from hypothesis import HealthCheck, given, settings  # noqa: E402 - the fuzzing section keeps its imports together
from hypothesis import strategies as st  # noqa: E402


def test_fuzz_any_content_under_any_extension_only_raises_input_errors():
    """1,000 files: genuine, disguised and damaged content under every extension and layer kind the importers
    take."""
    counts = {"accepted": 0, "refused": 0}

    @settings(
        max_examples=10 * settings.default.max_examples,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(
        content=st.sampled_from(sorted(corpus())),
        name=st.sampled_from(EXTENSIONS),
        kind=st.sampled_from(KINDS),
        how=st.sampled_from(["none", "none", "truncate", "flip", "insert"]),
        at=st.floats(0, 1),
        byte=st.integers(0, 255),
        matched=st.booleans(),
    )
    def one(content, name, kind, how, at, byte, matched):
        if matched and content in MATCHING:  # half the files come under their own extension and kind
            name, kind = MATCHING[content]
        data = _mutate(corpus()[content], how, at, byte)
        try:
            result = import_upload(name, data, layer=kind)
        except InputError as exc:
            assert exc.problems and all(p.vi and p.en for p in exc.problems)
            counts["refused"] += 1
            return
        counts["accepted"] += 1
        assert result.layers
        assert content not in ("vrt", "raster vrt", "html", "sqlite"), "a disguised file was accepted"

    one()
    n = 10 * settings.default.max_examples
    assert counts["accepted"] >= n // 20 and counts["refused"] >= n // 20, counts
    assert sum(counts.values()) >= n, counts


def test_a_zip_of_an_unsupported_version_is_refused():
    data = bytearray(zipped({"roads.geojson": b'{"type": "FeatureCollection", "features": []}'}))
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (64).to_bytes(2, "little")  # "version needed to extract": 6.4
    with pytest.raises(InputError, match="damaged or unreadable"):
        import_upload("roads.zip", bytes(data), layer="roads")
