"""Projects folder: where projects live, which names a browser may give, what --project means, what is never a
project."""

from __future__ import annotations

import unicodedata

import pytest

from geo.errors import InputError
from geo.io import DATA_DIR
from geo.project_folder import (
    DEFAULT_PROJECT_NAME,
    PROJECTS_DIR_ENV,
    check_new_project_name,
    check_project_name,
    list_projects,
    project_path,
    projects_dir,
    resolve_project,
)


@pytest.mark.parametrize("name", ["du_an", "Mường_Nhé-2024", "Điện_Biên_Phủ", "2025", "A", "x" * 60])
def test_names_of_letters_digits_underscores_and_dashes_are_accepted(name):
    assert check_project_name(name) == name


def test_a_name_typed_in_decomposed_unicode_is_stored_composed():
    typed = unicodedata.normalize("NFD", "Mường_Nhé")
    assert typed != "Mường_Nhé" and check_project_name(typed) == "Mường_Nhé"


@pytest.mark.parametrize(
    ("name", "en", "vi"),
    [
        ("", "give the new project a name", "hãy đặt tên"),
        ("../../etc/cron.d/x", "not '.' '/'", "không dùng '.' '/'"),
        ("/home/u/du_an", "'/'", "'/'"),
        ("a\\b", "'\\\\'", "'\\\\'"),
        ("du_an.gpkg", ".gpkg is added by the tool", "không cần thêm .gpkg"),
        ("Mường Nhé", "U+0020", "U+0020"),
        ("tab\there", "U+0009", "U+0009"),
        ("nul\x00byte", "U+0000", "U+0000"),
        ("~root", "'~'", "'~'"),
        ("$HOME", "'$'", "'$'"),
        ("Ωmega", "'Ω'", "'Ω'"),
        ("-rf", "must start with a letter or a digit", "phải bắt đầu"),
        ("_x", "must start with a letter or a digit", "phải bắt đầu"),
        ("CON", "Windows reserves", "dành riêng của Windows"),
        ("com1", "Windows reserves", "dành riêng của Windows"),
        ("x" * 61, "61 characters, at most 60", "61 ký tự, tối đa 60"),
    ],
)
def test_names_that_could_reach_another_file_are_refused_in_both_languages(name, en, vi):
    with pytest.raises(InputError) as info:
        check_project_name(name)
    assert en in info.value.render("en") and vi in info.value.render("vi")


def test_every_problem_of_a_name_is_reported_with_a_name_that_would_do():
    with pytest.raises(InputError) as info:
        check_project_name("Xã Mường Nhé " + "x" * 60)
    assert len(info.value.problems) == 2  # too long, and spaces
    assert "For example: 'Xã_Mường_Nhé_xxxx" in info.value.render("en")
    with pytest.raises(InputError, match="For example: 'Mường_Nhé_2024'"):
        check_project_name("Mường Nhé 2024.gpkg")


def test_a_new_name_may_not_differ_from_an_existing_project_only_by_case():
    assert check_new_project_name("muong_nhe_2", existing=["muong_nhe"]) == "muong_nhe_2"
    with pytest.raises(InputError, match="a project 'muong_nhe' already exists"):
        check_new_project_name("Muong_Nhe", existing=["muong_nhe"])


def test_the_folder_is_set_by_the_server_else_in_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(PROJECTS_DIR_ENV, str(tmp_path / "team"))
    assert projects_dir() == tmp_path / "team"
    assert project_path("du_an") == tmp_path / "team" / "du_an.gpkg"
    monkeypatch.delenv(PROJECTS_DIR_ENV)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert projects_dir() == tmp_path / "home" / "DienBien" / "projects"
    assert not (tmp_path / "home").exists()  # asking never creates anything


def test_the_embedded_data_folder_is_never_the_projects_folder(monkeypatch):
    monkeypatch.setenv(PROJECTS_DIR_ENV, str(DATA_DIR / "boundaries"))
    with pytest.raises(InputError, match="may not lie inside the embedded data folder"):
        projects_dir()


def test_only_projects_named_by_the_rules_are_listed(projects_dir):
    assert list_projects() == [] and not projects_dir.exists()
    projects_dir.mkdir()
    for name in (
        "du_an.gpkg",
        "Mường_Nhé.gpkg",
        "b.gpkg",
        ".du_an.gpkg.0a1b2c3d.tmp.gpkg",
        ".du_an.gpkg.lock",
        "ghi chu.gpkg",
        "notes.txt",
        "du_an.gpkg-journal",
    ):
        (projects_dir / name).write_bytes(b"")
    (projects_dir / "thu_muc.gpkg").mkdir()
    assert list_projects() == ["b", "du_an", "Mường_Nhé"]
    assert DEFAULT_PROJECT_NAME == "du_an"


def test_project_option_is_a_name_in_the_folder_or_a_path(projects_dir, tmp_path, monkeypatch):
    assert resolve_project("du_an", writing=True) == projects_dir / "du_an.gpkg"
    monkeypatch.chdir(tmp_path)
    assert resolve_project("mine.gpkg", writing=True) == tmp_path / "mine.gpkg"
    assert resolve_project("sub/mine.gpkg", writing=True) == tmp_path / "sub" / "mine.gpkg"
    with pytest.raises(InputError, match="project file not found"):
        resolve_project("du_an", writing=False)
    with pytest.raises(InputError, match="must end in .gpkg"):
        resolve_project("sub/mine.sqlite", writing=True)
    with pytest.raises(InputError, match="U\\+0020"):
        resolve_project("du an", writing=True)
