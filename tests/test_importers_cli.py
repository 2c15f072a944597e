"""`cli.py import`: exit 0 and a new version when accepted; exit 2, every problem on stderr, nothing written
otherwise."""

import hashlib

from cli import main
from geo.project import list_versions, read_current_layer


def test_accepted_table_is_saved(tmp_path, capsys):
    source = tmp_path / "khao_sat.csv"
    source.write_text("Mã xã;Năm;Tỷ lệ hộ nghèo (%)\n3124;2020;48,14\n", encoding="utf-8")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    project = tmp_path / "du_an.gpkg"
    assert (
        main(["--lang", "en", "import", str(source), "--project", str(project), "--note", "UBND 2020"]) == 0
    )
    out, err = capsys.readouterr()
    assert out.startswith("survey\tv1\t1")
    assert "'Tỷ lệ hộ nghèo (%)' → poor-household rate (%) (poor_hh_rate_pct)" in err  # said, never silent
    frame, provenance = read_current_layer(project, "survey")
    row = frame[(frame["gso_code"] == "03124") & (frame["year"] == 2020)]
    # the Vietnamese header is the poverty rate the map shows
    assert row["poor_hh_rate_pct"].tolist() == [48.14]
    assert provenance.source_file == "khao_sat.csv" and provenance.note == "UBND 2020"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the user's file is never modified
    versions = list_versions(project, "survey")
    assert versions["source_sha256"].iloc[0] == before


def test_refused_import_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("gso_code,year,poor_hh_rate_pct\n99999,2020,5\n03124,2020,150\n", encoding="utf-8")
    project = tmp_path / "p.gpkg"
    assert main(["--lang", "en", "import", str(source), "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "row 3" in err and "between 0 and 100" in err
    assert not project.exists() and list(tmp_path.iterdir()) == [source]


def test_refused_import_leaves_an_existing_project_untouched(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("gso_code,year\n03124,2020\n", encoding="utf-8")
    project = tmp_path / "p.gpkg"
    assert main(["import", str(good), "--project", str(project)]) == 0
    digest = hashlib.sha256(project.read_bytes()).hexdigest()
    bad = tmp_path / "bad.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"level": "x"}, '
        '"geometry": {"type": "Point", "coordinates": [21.4, 103.0]}}]}',
        encoding="utf-8",
    )
    assert main(["import", str(bad), "--project", str(project), "--layer", "schools"]) == 2
    assert "đảo x/y" in capsys.readouterr().err  # Vietnamese by default
    assert hashlib.sha256(project.read_bytes()).hexdigest() == digest


def test_vector_needs_a_layer_kind(tmp_path, capsys):
    source = tmp_path / "a.geojson"
    source.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert main(["--lang", "en", "import", str(source), "--project", str(tmp_path / "p.gpkg")]) == 2
    assert "--layer" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["import", str(tmp_path / "none.csv"), "--project", str(tmp_path / "p.gpkg")]) == 2


def test_2025_table_is_reported_with_a_human_label_in_each_language(tmp_path, capsys):
    source = tmp_path / "xa_2025.csv"
    source.write_text("gso_code,year\n03127,2020\n", encoding="utf-8")
    project = tmp_path / "p.gpkg"
    assert main(["import", str(source), "--project", str(project), "--units", "2025"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("survey_2025\tv1\t1\t")
    assert line.split("\t")[3] == "Bảng số liệu cấp xã (45 xã/phường từ 1/7/2025)"
    assert main(["--lang", "en", "import", str(source), "--project", str(project), "--units", "2025"]) == 0
    assert capsys.readouterr().out.strip().split("\t")[3] == "Commune table (45 communes from 1 July 2025)"


def test_upload_limit_is_one_constant_stated_in_mib(tmp_path, capsys):
    from cli import build_parser
    from geo.archives import DEFAULT_LIMITS, MIB

    args = build_parser().parse_args(["import", "a.csv", "--project", "p.gpkg"])
    assert args.max_mib * MIB == DEFAULT_LIMITS.max_upload_bytes
    source = tmp_path / "big.csv"
    source.write_bytes(b"gso_code,year\n" + b"03124,2020\n" * 60_000)  # 0,6 MiB
    project = tmp_path / "p.gpkg"
    assert main(["import", str(source), "--project", str(project), "--max-mib", "0.5"]) == 2
    err = capsys.readouterr().err
    assert "(0,6 MiB, giới hạn 0,5 MiB)" in err and " MB" not in err
    assert main(["--lang", "en", "import", str(source), "--project", str(project), "--max-mb", "0.5"]) == 2
    err = capsys.readouterr().err
    assert "(0.6 MiB, limit 0.5 MiB)" in err and " MB" not in err
    assert not project.exists()


def _folder_state(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_the_embedded_data_is_never_a_project(tmp_path, capsys):
    from geo.io import DATA_DIR

    source = tmp_path / "khao_sat.csv"
    source.write_text("gso_code,year\n03124,2020\n", encoding="utf-8")
    embedded = DATA_DIR / "boundaries" / "boundaries.gpkg"
    before = _folder_state(embedded.parent)
    link = tmp_path / "ranh_gioi.gpkg"
    link.symlink_to(embedded)  # a link into data/ is data/ too
    for target in (embedded, link, DATA_DIR / "boundaries" / "new.gpkg"):
        assert main(["--lang", "en", "import", str(source), "--project", str(target)]) == 2
        assert (
            "the tool's embedded data (folder data/), read-only and never a project"
            in capsys.readouterr().err
        )
    assert main(["--lang", "en", "flags", "--project", str(embedded), "--out", str(tmp_path / "f.csv")]) == 2
    assert "embedded data" in capsys.readouterr().err
    assert _folder_state(embedded.parent) == before  # nothing written, no lock or copy left beside it


def test_a_geopackage_this_tool_did_not_make_is_never_written(tmp_path, capsys):
    import geopandas as gpd
    import shapely

    theirs = tmp_path / "qgis_work.gpkg"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[shapely.Point(103.0, 21.4)], crs=4326).to_file(
        theirs, layer="roads"
    )
    before = _folder_state(tmp_path)
    source = tmp_path / "khao_sat.csv"
    source.write_text("gso_code,year\n03124,2020\n", encoding="utf-8")
    assert main(["--lang", "en", "import", str(source), "--project", str(theirs)]) == 2
    assert "not a project of this tool (it has no table project_layers)" in capsys.readouterr().err
    (tmp_path / "folder.gpkg").mkdir()
    assert main(["--lang", "en", "import", str(source), "--project", str(tmp_path / "folder.gpkg")]) == 2
    assert "is not a regular file" in capsys.readouterr().err
    assert {k: v for k, v in _folder_state(tmp_path).items() if k != source.name} == before


def test_a_project_name_means_the_projects_folder(projects_dir, tmp_path, capsys):
    source = tmp_path / "khao_sat.csv"
    source.write_text("gso_code,year,poor_hh_rate_pct\n03124,2020,40\n", encoding="utf-8")
    assert main(["import", str(source), "--project", "Mường_Nhé"]) == 0
    assert capsys.readouterr().out.startswith("survey\tv1\t1")
    assert sorted(p.name for p in projects_dir.iterdir()) == ["Mường_Nhé.gpkg"]
    assert main(["flags", "--project", "Mường_Nhé", "--out", str(tmp_path / "flags.csv")]) == 0
    assert main(["--lang", "en", "import", str(source), "--project", "../Mường_Nhé"]) == 2  # a path: no .gpkg
    assert "must end in .gpkg" in capsys.readouterr().err
    assert main(["--lang", "en", "import", str(source), "--project", "Mường Nhé"]) == 2
    assert "For example: 'Mường_Nhé'" in capsys.readouterr().err
