"""An imported commune table updates the survey it changes and keeps the rest; replacing is explicit; what
changes is said before saving; two partial tables imported at once both land."""

import contextlib
import io
import multiprocessing

import pandas as pd

from cli import build_parser
from cli import main as cli_main
from geo.project import list_versions, read_current_layer
from layers.indicators import load_survey
from workflows.flags import run_flags
from workflows.imports import describe_update, plan_import, read_import
from workflows.inputs import load_survey as load_analysis_survey

EMBEDDED = load_survey()
SIX = ["03124", "03127", "03130", "03133", "03136", "03139"]


def _table(path, codes, rate, header="ty_le_ngheo"):
    path.write_text(f"ma_xa,nam,{header}\n" + "".join(f"{c},2020,{rate}\n" for c in codes), encoding="utf-8")
    return path


def _rows(frame, year=2020):
    return frame[frame["year"] == year].set_index("gso_code")


def test_six_communes_update_one_column_and_keep_the_other_124(tmp_path, capsys):
    """The issue: 6 communes with `ty_le_ngheo` replaced the whole 130-commune survey."""
    project = tmp_path / "p.gpkg"
    assert (
        cli_main(
            ["--lang", "en", "import", str(_table(tmp_path / "k.csv", SIX, 7.5)), "--project", str(project)]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "'ty_le_ngheo' → poor-household rate (%) (poor_hh_rate_pct)" in err
    assert "6 rows (commune × year) are updated, 6 values in Poor-household rate (%)" in err
    assert f"{len(EMBEDDED) - 6} rows stay as they are" in err
    frame, provenance = read_current_layer(project, "survey")
    assert len(frame) == len(EMBEDDED)  # nothing wiped
    after, before = _rows(frame), _rows(EMBEDDED)
    assert (after.loc[SIX, "poor_hh_rate_pct"] == 7.5).all()
    others = before.index.difference(SIX)
    assert after.loc[others, "poor_hh_rate_pct"].tolist() == before.loc[others, "poor_hh_rate_pct"].tolist()
    assert after["households"].tolist() == before["households"].tolist()  # a column not in the file: kept
    assert provenance.illustrative  # most values are still the illustrative ones, and the map says so
    assert provenance.source.startswith("user import: k.csv, merged into: Illustrative commune survey")
    row = after.loc["03124", "provenance"]
    assert row.startswith("poor_hh_rate_pct: user import: k.csv; other columns: illustrative")


def test_the_analyses_keep_the_survey_for_communes_the_table_does_not_give(tmp_path):
    project = tmp_path / "p.gpkg"
    assert cli_main(["import", str(_table(tmp_path / "k.csv", SIX, 7.5)), "--project", str(project)]) == 0
    survey, source, _ = load_analysis_survey(project=str(project))
    assert len(survey) == len(EMBEDDED) and source.illustrative
    flags = run_flags("pre2025", year=2020, project=str(project)).flags.set_index("gso_code")
    embedded = run_flags("pre2025", year=2020).flags.set_index("gso_code")
    # the survey still answers
    assert flags["grid_decided_by"].tolist() == embedded["grid_decided_by"].tolist()


def test_a_second_partial_table_updates_the_first(tmp_path):
    project = tmp_path / "p.gpkg"
    assert cli_main(["import", str(_table(tmp_path / "a.csv", SIX[:3], 7.5)), "--project", str(project)]) == 0
    assert (
        cli_main(
            ["import", str(_table(tmp_path / "b.csv", SIX[3:], 850, "tong_so_ho")), "--project", str(project)]
        )
        == 0
    )
    after = _rows(read_current_layer(project, "survey")[0])
    assert (after.loc[SIX[:3], "poor_hh_rate_pct"] == 7.5).all()  # the first import's values are still there
    assert (after.loc[SIX[3:], "households"] == 850).all()
    assert list_versions(project, "survey")["version"].tolist() == [2, 1]


def test_replacing_is_explicit_and_said_first(tmp_path, capsys):
    project = tmp_path / "p.gpkg"
    assert (
        cli_main(
            [
                "--lang",
                "en",
                "import",
                str(_table(tmp_path / "k.csv", SIX, 7.5)),
                "--project",
                str(project),
                "--replace",
            ]
        )
        == 0
    )
    assert (
        f"REPLACED by this file (6 rows); {len(EMBEDDED) - 6} rows not in the file" in capsys.readouterr().err
    )
    frame, provenance = read_current_layer(project, "survey")
    assert sorted(frame["gso_code"]) == SIX and not provenance.illustrative


def test_the_plan_shown_before_saving_matches_what_is_saved(tmp_path):
    project = tmp_path / "p.gpkg"
    data = _table(tmp_path / "k.csv", SIX, 7.5).read_bytes()
    result = read_import("k.csv", data)
    (plan,) = plan_import(project, result).values()
    assert (plan.rows_updated, plan.cells_updated, plan.columns_updated) == (6, 6, ("poor_hh_rate_pct",))
    assert "6 rows (commune × year) are updated" in describe_update(plan, "en")
    assert "6 dòng (xã × năm) được cập nhật" in describe_update(plan, "vi")
    assert not project.exists()  # planning writes nothing
    again = plan_import(project, read_import("k.csv", data))["survey"]
    assert again.rows_updated == 6


def _import(barrier, source, project, results):
    out, err = io.StringIO(), io.StringIO()
    barrier.wait(timeout=60)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["import", source, "--project", project])
    results.put((code, err.getvalue()))


def test_partial_tables_imported_at_the_same_moment_all_land(tmp_path):
    project = tmp_path / "p.gpkg"
    sources = [str(_table(tmp_path / f"t{i}.csv", [code], 10.0 + i)) for i, code in enumerate(SIX[:4])]
    build_parser()
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(len(sources)), ctx.Queue()
    workers = [
        ctx.Process(target=_import, args=(barrier, source, str(project), results)) for source in sources
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert all(code == 0 for code, _ in outcomes), outcomes
    after = _rows(read_current_layer(project, "survey")[0])
    assert after.loc[SIX[:4], "poor_hh_rate_pct"].tolist() == [10.0, 11.0, 12.0, 13.0]  # no update lost
    assert len(list_versions(project, "survey")) == 4
    assert isinstance(after, pd.DataFrame)
