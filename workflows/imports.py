"""A user's file read and checked, then accepted into a project with its provenance.

Shared by the Import page and `cli.py import`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.survey_update import SurveyUpdate, update_survey
from geo.archives import DEFAULT_LIMITS, UploadLimits
from geo.errors import InputError, Problem
from geo.i18n import column_title, t
from geo.messages import has
from geo.project import DerivedLayer, NewLayer, save_layers, sha256_of
from geo.provenance import LayerSource
from geo.vectors import vector_layer_names
from geo.vocab import Lang, Units
from layers import indicators
from layers.imports import KINDS, ImportResult, file_family, import_upload
from layers.programme_import import ProgrammeImport, import_programme_table
from layers.registry import SOURCES
from workflows.inputs import project_layer

#: Project layer of the programme member lists a user imported (read by ``workflows.programmes``).
PROGRAMME_LAYER = "programmes"
#: The licence of a layer whose file declares none, until the user says which.
DECLARED_LICENCE = NewLayer.licence


def read_import(
    name: str,
    data: bytes,
    *,
    layer: str | None = None,
    units: Units = "pre2025",
    assume_epsg: int | None = None,
    source_layer: str | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read one file (its name and bytes) into the layer(s) it holds, every problem checked.

    ``layer`` is the kind of layer (``None``: guessed for tables and OSM extracts), ``units`` the commune list
    a table refers to, ``assume_epsg`` the CRS of a file that has none, ``source_layer`` the layer of a file
    holding several (see :func:`upload_layer_names`).  Raises :class:`geo.errors.InputError` listing every
    problem, also when the file holds no layer of that kind.  Nothing is written.
    """
    result = import_upload(
        name,
        data,
        layer=layer,
        units=units,
        assume_epsg=assume_epsg,
        source_layer=source_layer,
        limits=limits,
    )
    if not result.layers:
        raise InputError(
            Problem(
                vi="tệp không có lớp nào thuộc loại đã chọn.",
                en="the file holds no layer of that kind.",
                file=Path(name).name,
            )
        )
    return result


#: Layers that are commune tables: an import updates them (see :func:`analysis.survey_update.update_survey`).
TABLE_LAYERS = ("survey", "survey_2025")


def _base_table(
    key: str, current: pd.DataFrame | None, provenance: LayerSource | None
) -> tuple[pd.DataFrame | None, bool, str]:
    """Return the table an import of ``key`` updates.

    The project's current version, else the embedded survey, else none.
    """
    if current is not None and provenance is not None:
        return current, provenance.illustrative, provenance.source
    if key == "survey":
        embedded = SOURCES["survey"]
        return indicators.load_survey(), embedded.illustrative, embedded.source
    return None, False, ""


def updated_table(
    key: str,
    incoming: pd.DataFrame,
    *,
    source: str,
    replace: bool,
    current: pd.DataFrame | None,
    provenance: LayerSource | None,
) -> tuple[SurveyUpdate, bool, str]:
    """Return the update an imported commune table makes, whether it is still illustrative, and its source.

    Still illustrative: the result still holds illustrative values.  The source, recorded for the new version,
    is the import merged into what it updated.
    """
    base, base_illustrative, base_source = _base_table(key, current, provenance)
    update = update_survey(base, incoming, source=source, replace=replace)
    if update.replaced or base is None or base.empty:
        return update, False, source
    illustrative = base_illustrative and bool((update.frame["provenance"] != source).any())
    return update, illustrative, f"{source}, merged into: {base_source}"


def plan_import(
    project: str | Path | None, result: ImportResult, *, replace: bool = False
) -> dict[str, SurveyUpdate]:
    """Return, for each commune table of ``result``, what saving it into ``project`` would change.

    Said before saving.  The project is read as it is now; :func:`accept_import` computes the same update
    again under the project's lock.
    """
    plans = {}
    for key, frame in result.layers.items():
        if key in TABLE_LAYERS:
            found = project_layer(str(project) if project else None, key)
            current, provenance = found if found is not None else (None, None)
            plans[key] = updated_table(
                key, frame, source=result.source, replace=replace, current=current, provenance=provenance
            )[0]
    return plans


def accept_import(
    project: str | Path,
    file_name: str,
    data: bytes,
    result: ImportResult,
    *,
    note: str = "",
    licence: str | None = None,
    vintage: str = NewLayer.vintage,
    replace: bool = False,
) -> dict[str, int]:
    """Save the layers :func:`read_import` read from ``data`` as new current versions of ``project``.

    All of them go in one atomic save.  A commune table updates the project's current table (or the embedded
    survey) — the communes, years and columns it gives — unless ``replace``; the update is made under the
    project's lock, from the version current at that moment. Each version records its provenance: the user's
    file name (``file_name``) and the SHA-256 of ``data``, the source the import found, the user's ``note``
    and ``vintage``, and the licence the file declares (an OSM extract: ODbL) or else ``licence`` as the user
    declared it.  Returns the version number of each layer key.
    """
    if result.licence != DECLARED_LICENCE or licence is None:
        licence = result.licence
    digest = sha256_of(data)
    layers = []
    for key, frame in result.layers.items():
        if key in TABLE_LAYERS:

            def build(current, provenance, key=key, frame=frame):
                update, illustrative, source = updated_table(
                    key, frame, source=result.source, replace=replace, current=current, provenance=provenance
                )
                return update.frame, illustrative, source

            frame = DerivedLayer(build)
        layers.append(
            NewLayer(
                key,
                frame,
                Path(file_name).name,
                note=note,
                source=result.source,
                licence=licence,
                vintage=vintage,
                source_sha256=digest,
            )
        )
    return save_layers(project, layers)


def describe_update(update: SurveyUpdate, lang: Lang) -> str:
    """Say in ``lang`` what saving an imported commune table changes (shown before the user saves)."""
    columns = ", ".join(column_title(c, lang) for c in update.columns_updated) or "—"
    if update.replaced:
        return t("import_update_replace", lang).format(
            rows=update.rows_added + update.rows_updated, removed=update.rows_removed
        )
    text = t("import_update_merge", lang).format(
        updated=update.rows_updated,
        cells=update.cells_updated,
        columns=columns,
        unchanged=update.rows_unchanged,
        added=update.rows_added,
    )
    if not update.changes_anything:
        text += " " + t("import_update_nothing", lang)
    return text


def upload_layer_names(name: str, data: bytes, *, limits: UploadLimits = DEFAULT_LIMITS) -> list[str]:
    """Return the layers of a map file, else ``[]``.

    A GeoPackage may hold several; the user then chooses one.
    """
    if file_family(name, data) != "vector":
        return []
    try:
        return vector_layer_names(Path(name).name, data, limits=limits)
    except InputError:
        return []  # the import itself says what is wrong with the file


def layer_title(key: str, lang: Lang) -> str:
    """Return the name a planner reads for a stored layer ``key`` (``survey_2025`` included), in ``lang``."""
    if key in KINDS:
        return t(KINDS[key].title, lang)
    return t(f"import_layer_{key}", lang) if has(f"import_layer_{key}") else key


# --- programme member lists (the Programmes page and `cli.py import --layer programmes`)
# ----------------------------


def read_programme_import(
    name: str,
    data: bytes,
    *,
    units: Units = "pre2025",
    complete: bool = True,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> ProgrammeImport:
    """Read and check a programme member list (:func:`layers.programme_import.import_programme_table`).

    Nothing is written.  Raises :class:`geo.errors.InputError` naming file, row and column of every problem.
    """
    return import_programme_table(Path(name).name, data, units=units, complete=complete, limits=limits)


def merged_programme_lists(
    current: pd.DataFrame | None, incoming: pd.DataFrame, units: Units
) -> pd.DataFrame:
    """Return the project's programme lists after an import.

    Each programme of ``incoming`` (on ``units``) replaces that programme's rows on the same units; every
    other list is kept.
    """
    incoming = incoming.assign(units=units)
    if current is None or current.empty:
        return incoming.reset_index(drop=True)
    current = pd.DataFrame(current).drop(columns="geometry", errors="ignore")
    same = current["programme"].isin(set(incoming["programme"])) & (current["units"].astype(str) == units)
    return pd.concat([current[~same], incoming], ignore_index=True)


def accept_programme_import(
    project: str | Path,
    file_name: str,
    data: bytes,
    result: ProgrammeImport,
    *,
    units: Units = "pre2025",
    note: str = "",
    vintage: str = NewLayer.vintage,
) -> dict[str, int]:
    """Save the lists :func:`read_programme_import` read into ``project`` (layer ``programmes``).

    One atomic save under the project's lock; its provenance records the file name, its SHA-256 and the user's
    note.  The Programmes page and ``cli.py programmes --project`` then use these lists in place of "unknown".
    """
    source = f"user import: {Path(file_name).name}"

    def build(current, provenance):
        return merged_programme_lists(current, result.membership, units), False, source

    layer = NewLayer(
        PROGRAMME_LAYER,
        DerivedLayer(build),
        Path(file_name).name,
        note=note,
        source=source,
        vintage=vintage,
        source_sha256=sha256_of(data),
    )
    return save_layers(project, [layer])
