"""Writing exports and project saves: read-only files are never replaced; a full disk, a folder without
permission or a name too long is a message, never a traceback; nothing is changed when a write fails."""

import errno
import os
import stat
import tempfile

import pandas as pd
import pytest

import geo.project
from cli import main
from geo.errors import DataFileError, InputError
from geo.project import read_metadata, save_layer
from report.output import write_bytes_atomically


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_read_only_export_is_never_replaced(tmp_path):
    target = tmp_path / "flags.csv"
    target.write_bytes(b"my edited table")
    target.chmod(0o444)
    with pytest.raises(InputError) as caught:
        write_bytes_atomically(target, b"new")
    assert "read-only" in caught.value.render("en") and "chỉ đọc" in caught.value.render("vi")
    assert target.read_bytes() == b"my edited table" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_the_command_line_says_a_read_only_file_is_kept(tmp_path, capsys):
    target = tmp_path / "flags.csv"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    assert main(["--lang", "en", "flags", "--out", str(target)]) == 2
    assert "read-only" in capsys.readouterr().err and target.read_bytes() == b"kept"


def test_a_name_too_long_is_a_message(tmp_path, capsys):
    target = tmp_path / ("bản đồ huyện Mường Nhé " * 20 + ".pdf")
    assert len(target.name) > 300
    assert (
        main(
            ["--lang", "en", "export", "map", "--format", "pdf", "--title", "Mường Nhé", "--out", str(target)]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "file name is too long" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "no permission to write in this folder"),
        (errno.EROFS, "this disk is read-only"),
    ],
)
def test_disk_errors_during_an_export_change_nothing(tmp_path, code, message):
    target = tmp_path / "table.csv"
    target.write_bytes(b"previous")

    def write(path):
        path.write_bytes(b"half")
        raise OSError(code, os.strerror(code))

    from report.output import write_atomically

    with pytest.raises(DataFileError) as caught:
        write_atomically(target, write)
    assert message in caught.value.render("en") and "Nothing was changed" in caught.value.render("en")
    assert target.read_bytes() == b"previous" and _leftovers(tmp_path) == []


def test_a_folder_without_permission_is_a_message(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(DataFileError, match="no permission to write in this folder"):
        write_bytes_atomically(tmp_path / "map.pdf", b"%PDF")


def _survey(rate: float) -> pd.DataFrame:
    return pd.DataFrame({"gso_code": ["03124"], "year": [2020], "poor_hh_rate_pct": [rate]})


def test_a_read_only_project_is_never_replaced(tmp_path):
    project = tmp_path / "p.gpkg"
    save_layer(project, "survey", _survey(10.0), source_file="a.csv")
    before = project.read_bytes()
    project.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        save_layer(project, "survey", _survey(20.0), source_file="b.csv")
    assert project.read_bytes() == before


def test_a_full_disk_during_a_project_save_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    project = tmp_path / "p.gpkg"
    save_layer(project, "survey", _survey(10.0), source_file="a.csv")
    before = project.read_bytes()

    def full(path, name, frame):
        raise OSError(errno.ENOSPC, "database or disk is full")

    monkeypatch.setattr(geo.project, "write_gpkg_layer", full)
    with pytest.raises(DataFileError) as caught:
        save_layer(project, "survey", _survey(20.0), source_file="b.csv")
    assert "the disk is full" in caught.value.render("en") and "ổ đĩa đã đầy" in caught.value.render("vi")
    assert project.read_bytes() == before and len(read_metadata(project)) == 1
    assert [p for p in _leftovers(tmp_path) if not p.endswith(".lock")] == []


def test_downloaded_file_names_say_what_place_units_and_year_they_hold():
    from report.output import export_file_name

    assert (
        export_file_name("ban_do", "pdf", place="Mường Nhé", units="pre2025", year=2020, stamp="2026-12-01")
        == "ban_do_muong_nhe_130xa_2020_2026-12-01.pdf"
    )
    assert export_file_name("bang_flags", "csv", units="2025", year=2018) == "bang_flags_tinh_45xa_2018.csv"
    assert (
        export_file_name("du_lieu", "zip", place="Điện Biên Đông/../x") == "du_lieu_dien_bien_dong_.._x.zip"
    )
