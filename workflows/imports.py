"""A user's file read and checked, then accepted into a project with its provenance (the Import page and `cli.py import`)."""

from __future__ import annotations

from pathlib import Path

from geo.archives import DEFAULT_LIMITS, UploadLimits
from geo.errors import InputError, Problem
from geo.i18n import STRINGS, t
from geo.project import NewLayer, save_layers, sha256_of
from layers.imports import KINDS, ImportResult, import_upload

#: The licence of a layer whose file declares none, until the user says which.
DECLARED_LICENCE = NewLayer.licence


def read_import(name: str, data: bytes, *, layer: str | None = None, units: str = "pre2025",
                assume_epsg: int | None = None, limits: UploadLimits = DEFAULT_LIMITS) -> ImportResult:
    """Read one file (its name and bytes) into the layer(s) it holds, every problem checked; nothing is written.

    ``layer`` is the kind of layer (``None``: guessed for tables and OSM extracts), ``units`` the commune list a table
    refers to, ``assume_epsg`` the CRS of a file that has none.  Raises :class:`geo.errors.InputError` listing every
    problem, also when the file holds no layer of that kind.
    """
    result = import_upload(name, data, layer=layer, units=units, assume_epsg=assume_epsg, limits=limits)
    if not result.layers:
        raise InputError(Problem(vi="tệp không có lớp nào thuộc loại đã chọn.", en="the file holds no layer of that kind.",
                                 file=Path(name).name))
    return result


def accept_import(project: str | Path, file_name: str, data: bytes, result: ImportResult, *, note: str = "",
                  licence: str | None = None, vintage: str = NewLayer.vintage) -> dict[str, int]:
    """Save the layers :func:`read_import` read from ``data`` as new current versions of ``project``, in one atomic save.

    Each version records its provenance: the user's file name (``file_name``) and the SHA-256 of ``data``, the source
    the import found, the user's ``note`` and ``vintage``, and the licence the file declares (an OSM extract: ODbL) or
    else ``licence`` as the user declared it.  Returns the version number of each layer key.
    """
    if result.licence != DECLARED_LICENCE or licence is None:
        licence = result.licence
    digest = sha256_of(data)
    return save_layers(project, [
        NewLayer(key, frame, Path(file_name).name, note=note, source=result.source, licence=licence, vintage=vintage,
                 source_sha256=digest)
        for key, frame in result.layers.items()])


def layer_title(key: str, lang: str) -> str:
    """Return the name a planner reads for a stored layer ``key`` (``survey_2025`` included), in ``lang``."""
    if key in KINDS:
        return KINDS[key].title[1 if lang == "en" else 0]
    return t(f"import_layer_{key}", lang) if f"import_layer_{key}" in STRINGS else key
