"""Every session-state key of the app (widget keys included), named once, and the one initialisation of the state.

Pages never spell a key as a string: a page that reads another page's choice (the Export page presets its district,
classification and classes from the Map page's) reads it through the constant here.  Session state holds ids and
choices (strings, numbers, booleans), never frames.  The values are the keys the browser tests and AppTests use.
"""

from __future__ import annotations

import streamlit as st

# --- sidebar (app.py) --------------------------------------------------------------------------------------------
LANG = "lang"
UNITS = "units"
YEAR = "year"
THRESHOLD_ROAD_KM = "th_road"
THRESHOLD_GRID_KM = "th_grid"
THRESHOLD_GRID_PCT = "th_pct"
#: The chosen project: its name in the server's projects folder, never a path (set by the Import page).
PROJECT_KEY = "project_name"

# --- Map page ------------------------------------------------------------------------------------------------------
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

# --- Access page ---------------------------------------------------------------------------------------------------
ACCESS_SEASON = "acc_season"
ACCESS_TARGET = "acc_target"
ACCESS_WITHIN = "acc_within"
ACCESS_MAP = "access_map"
ACCESS_ONLY_DISAGREE = "acc_only_disagree"

# --- Flags page ----------------------------------------------------------------------------------------------------
FLAGS_ONLY_FLAGGED = "only_flagged"
FLAGS_ONLY_DISAGREE = "only_disagree"

# --- Scorecard page ------------------------------------------------------------------------------------------------
SCORECARD_LEVEL = "sc_level"
SCORECARD_MAP_LEVEL = "sc_map_level"
SCORECARD_INDICATOR = "sc_indicator"

# --- Export page ---------------------------------------------------------------------------------------------------
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

# --- Import page ---------------------------------------------------------------------------------------------------
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

#: Keys that no widget owns, with the value each starts with (a widget's own default stays with the widget).
DEFAULTS: dict[str, object] = {MAP_SELECTED_UNIT: None, MAP_LAST_PICK: None, PROJECT_KEY: None, MAP_LAST_CLICK: None,
                                MAP_ZOOM_TO_SELECTED: False}


def init_state() -> None:
    """Give every key that no widget owns its starting value, once per session (app.py calls it before any page)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def map_layer(layer: str) -> str:
    """Key of the Map page's tick box of map layer ``layer`` (the layer list lives in the sidebar)."""
    return f"map_layer_{layer}"


# --- choices that outlive their widget ---------------------------------------------------------------------------
# Streamlit forgets a widget's value when the widget is not drawn in a run (another page is shown), and a widget
# whose label changes (a language switch) may start again from its default.  A choice is therefore also kept under a
# key no widget owns, and handed back to the widget before it is drawn.

def _kept(key: str) -> str:
    return f"kept_{key}"


def restore(key: str, default: object, options: list | tuple | None = None) -> None:
    """Before drawing the widget ``key``: give it its current value, else the choice kept for it, else ``default``.

    The widget's own value (what the user just set) wins; the kept choice stands in when Streamlit dropped it.  A
    value no longer among ``options`` (say, a theme the other unit set lacks) falls back to ``default``.
    """
    value = st.session_state.get(key, st.session_state.get(_kept(key), default))
    if options is not None and value not in options:
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


def scorecard_map(level: str) -> str:
    """Key of the Scorecard page's map of ``level`` (one map per level, so a switch draws afresh)."""
    return f"sc_map_{level}"
