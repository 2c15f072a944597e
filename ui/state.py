"""Every session-state key of the app (widget keys included), named once, and the one initialisation of the
state.

Pages never spell a key as a string: a page that reads another page's choice (the Export page presets its
district, classification and classes from the Map page's) reads it through the constant here.  Session state
holds ids and choices (strings, numbers, booleans), never frames.  The values are the keys the browser tests
and AppTests use.
"""

from __future__ import annotations

import streamlit as st

# --- sidebar (app.py)
# --------------------------------------------------------------------------------------------
LANG = "lang"
UNITS = "units"
YEAR = "year"
THRESHOLD_ROAD_KM = "th_road"
THRESHOLD_GRID_KM = "th_grid"
THRESHOLD_GRID_PCT = "th_pct"
#: The chosen project: its name in the server's projects folder, never a path (set by the Import page).
PROJECT_KEY = "project_name"

# --- Map page
# ------------------------------------------------------------------------------------------------------
MAP_DISTRICT = "district"
#: The one choropleth theme of the map (``poverty``, ``zones`` or ``none``).
MAP_THEME = "map_theme"
MAP_SCHEME = "scheme"
MAP_CLASSES = "k"
MAP_ONLINE_BASEMAP = "online"
MAP_QUERY = "query"
MAP_SEARCH_PICK = "search_pick"
#: The commune last picked from the search results (a pick is applied once, then the map's clicks win).
MAP_LAST_PICK = "last_pick"
#: The commune shown in the panel (``unit_id``), chosen by a click on the map or from the search results.
MAP_SELECTED_UNIT = "selected_unit"
#: The last map click turned into a selection (latitude, longitude): a click is applied once.
MAP_LAST_CLICK = "last_click"
#: Whether the next map view zooms to the selected commune (a search pick does; a click on the map does not).
MAP_ZOOM_TO_SELECTED = "zoom_to_selected"
MAP_WIDGET = "map"

# --- Access page
# ---------------------------------------------------------------------------------------------------
ACCESS_SEASON = "acc_season"
ACCESS_TARGET = "acc_target"
ACCESS_WITHIN = "acc_within"
#: What the access map colours: ``population`` (share within the threshold, as the table) or ``centre``
#: (minutes).
ACCESS_MEASURE = "acc_measure"
#: The same radio when the destination is the district centre (one choice only), so that ACCESS_MEASURE keeps
#: its value.
ACCESS_MEASURE_CENTRE_ONLY = "acc_measure_centre_only"
ACCESS_MAP = "access_map"
ACCESS_ONLY_DISAGREE = "acc_only_disagree"

# --- Flags page
# ----------------------------------------------------------------------------------------------------
FLAGS_ONLY_FLAGGED = "only_flagged"
FLAGS_ONLY_DISAGREE = "only_disagree"

# --- Scorecard page
# ------------------------------------------------------------------------------------------------
SCORECARD_LEVEL = "sc_level"
SCORECARD_MAP_LEVEL = "sc_map_level"
SCORECARD_INDICATOR = "sc_indicator"

# --- Programmes page
# ----------------------------------------------------------------------------------------------
PROGRAMMES_SHOWN = "prog_shown"
PROGRAMMES_JUDGED = "prog_judged"
PROGRAMMES_DISTRICT = "prog_district"
PROGRAMMES_MAP = "prog_map"
PROGRAMMES_TEMPLATE = "prog_template"
PROGRAMMES_UPLOAD = "prog_upload"
PROGRAMMES_PARTIAL = "prog_partial"
PROGRAMMES_SAVE = "prog_save"
PROGRAMMES_PRINT = "prog_print"
#: The version of the project's programme lists just saved (said once, after the page reran with the new
#: list).
PROGRAMMES_SAVED = "prog_saved"


def programme_download(name: str) -> str:
    """Key of the Programmes page's download button ``name`` (tables, template, print layout)."""
    return f"prog_dl_{name}"


def programme_weight(indicator: str) -> str:
    """Key of the Programmes page's weight input of need ``indicator``."""
    return f"prog_w_{indicator}"


# --- Export page
# ---------------------------------------------------------------------------------------------------
EXPORT_DISTRICT = "exp_district"
EXPORT_SCHEME = "exp_scheme"
EXPORT_CLASSES = "exp_k"
EXPORT_LAYERS = "exp_layers"
EXPORT_TITLE = "exp_title"
EXPORT_SUBTITLE = "exp_subtitle"
EXPORT_PAPER = "exp_paper"
EXPORT_ORIENTATION = "exp_orient"
EXPORT_DPI = "exp_dpi"
EXPORT_MAP_FORMAT = "exp_fmt"
EXPORT_TABLE = "exp_what"
EXPORT_TABLE_FORMAT = "exp_tfmt"
EXPORT_DATA_FORMAT = "exp_dfmt"
EXPORT_SCORECARD_LEVEL = "exp_sc_level"
EXPORT_SCORECARD_FORMAT = "exp_sc_fmt"

# --- Import page
# ---------------------------------------------------------------------------------------------------
PROJECT_CHOICE = "project_choice"
PROJECT_NEW_NAME = "project_new_name"
PROJECT_CREATE = "project_create"
IMPORT_FILE = "import_file"
IMPORT_KIND = "import_kind"
IMPORT_EPSG = "import_epsg"
IMPORT_NOTE = "import_note"
IMPORT_ACCEPT = "import_accept"
IMPORT_SOURCE_LAYER = "import_source_layer"
IMPORT_REPLACE = "import_replace"
RESTORE_CHOICE = "restore_choice"
RESTORE_BUTTON = "restore_button"

# --- Resettlement page
# ---------------------------------------------------------------------------------------------
RES_COMMUNES = "res_communes"
RES_RESOLUTION = "res_resolution"
RES_MAX_SLOPE = "res_max_slope"
RES_MIN_HA = "res_min_ha"
RES_TOP_SHARE = "res_top_share"
RES_BUFFER = "res_buffer"
RES_LAND_RES = "res_land_res"
RES_LAND_FARM = "res_land_farm"
RES_RUN_BUTTON = "res_run"
#: The choices of the last suitability run asked for (a tuple of simple values), so a rerun shows it again.
RES_RUN_CHOICES = "res_run_choices"
RES_MAP = "res_map"
RES_CHOOSE_HOUSEHOLDS = "res_choose_hh"
RES_CHOOSE_MAX = "res_choose_max"
RES_SCN_NAME = "res_scn_name"
RES_SCN_ROADS = "res_scn_roads"
RES_SCN_HEALTH = "res_scn_health"
RES_SCN_SCHOOL = "res_scn_school"
RES_SCN_SITES = "res_scn_sites"
RES_SCN_MAP = "res_scn_map"
#: The point last clicked on the scenario map, (lat, lon) or None.
RES_SCN_CLICK = "res_scn_click"
RES_SCN_COMPARE = "res_scn_compare"
RES_SCN_SAVE = "res_scn_save"
RES_SCN_SAVED = "res_scn_saved_pick"
RES_SCN_LOAD = "res_scn_load"
RES_SCN_DELETE = "res_scn_delete"
#: The scenario last compared (its name and changes as simple values), so a rerun shows the comparison again.
RES_SCN_SHOWN = "res_scn_shown"


def res_weight(prefix: str, criterion: str) -> str:
    """Key of the Resettlement page's weight slider of ``criterion`` (``prefix`` ``suit`` or ``need``)."""
    return f"res_w_{prefix}_{criterion}"


#: Keys that no widget owns, with the value each starts with (a widget's own default stays with the widget).
DEFAULTS: dict[str, object] = {
    MAP_SELECTED_UNIT: None,
    MAP_LAST_PICK: None,
    PROJECT_KEY: None,
    MAP_LAST_CLICK: None,
    MAP_ZOOM_TO_SELECTED: False,
    RES_RUN_CHOICES: None,
    RES_SCN_CLICK: None,
    RES_SCN_SHOWN: None,
    PROGRAMMES_SAVED: None,
}


def init_state() -> None:
    """Give every key that no widget owns its starting value, once per session (app.py calls it before any
    page)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def map_layer(layer: str) -> str:
    """Key of the Map page's tick box of map layer ``layer`` (the layer list lives in the sidebar)."""
    return f"map_layer_{layer}"


# --- choices that outlive their widget
# --------------------------------------------------------------------------- Streamlit forgets a widget's
# value when the widget is not drawn in a run (another page is shown), and a widget whose label changes (a
# language switch) may start again from its default.  A choice is therefore also kept under a key no widget
# owns, and handed back to the widget before it is drawn.


def _kept(key: str) -> str:
    return f"kept_{key}"


def restore(key: str, default: object, options: list | tuple | None = None) -> None:
    """Before drawing the widget ``key``: give it its current value, else the choice kept for it, else
    ``default``.

    The widget's own value (what the user just set) wins; the kept choice stands in when Streamlit dropped it.
    A value no longer among ``options`` (say, a theme the other unit set lacks) falls back to ``default``; a
    multiselect's list keeps those of its values still among ``options``.  Every keyed choice whose labels
    depend on the language is given its value so on every run: Streamlit keeps the label of a keyed choice it
    is not sent again (after a switch to English, the Vietnamese one; a radio is left with none checked).
    """
    value = st.session_state.get(key, st.session_state.get(_kept(key), default))
    if options is not None and isinstance(value, list):
        value = [v for v in value if v in options]
    elif options is not None and value not in options:
        value = default
    st.session_state[key] = value


def remember(key: str, value: object) -> object:
    """After drawing the widget ``key``: keep its ``value`` (returned as is) for the next runs and pages."""
    st.session_state[_kept(key)] = value
    return value


def kept(key: str, default: object = None) -> object:
    """The choice kept for widget ``key`` (for another page that presets its own widgets from it)."""
    return st.session_state.get(_kept(key), st.session_state.get(key, default))


def prepare_button(download: str) -> str:
    """Key of the "prepare" button of the Export page's download ``download``."""
    return f"prep_{download}"


def prepared(download: str) -> str:
    """Key that remembers the Export page's download ``download`` was asked for (its file is then built)."""
    return f"ready_{download}"


def download_button(download: str) -> str:
    """Key of the download button of the Export page's download ``download``."""
    return f"dl_{download}"


def import_preview_map(layer: str) -> str:
    """Key of the Import page's preview map of ``layer``."""
    return f"preview_{layer}"


def scorecard_filter(level: str, what: str) -> str:
    """Key of the Scorecard table's filter ``what`` (``district``, ``indicators``, ``statuses``) at ``level``
    (one per level: the indicators of each level differ)."""
    return f"sc_filter_{what}_{level}"


def scorecard_map(level: str) -> str:
    """Key of the Scorecard page's map of ``level`` (one map per level, so a switch draws afresh)."""
    return f"sc_map_{level}"
