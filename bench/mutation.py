"""Mutation testing of analysis/ and the importers: one small change at a time, the module's own tests, caught
or not.

Each mutant is one change to one module's syntax tree:

- comparison: ``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``is`` ↔ ``is not``, ``in`` ↔ ``not in``;
- arithmetic: ``+`` ↔ ``-``, ``*`` ↔ ``/``, ``//`` → ``*``, ``%`` → ``//``, ``**`` → ``*``, ``&`` ↔ ``|``
  (also in ``+=`` ...); text joined with ``+`` or ``%`` is left alone (the change could only crash);
- constants: a number × 1.2 (an integer that would not change gets + 1; 0 becomes 1);
- ``and`` ↔ ``or``; ``not x``, ``~x``, ``-x`` → ``x``;
- slice bounds: ``a[i:j]`` → ``a[:j]`` and ``a[i:]``.

Type annotations and docstrings are not changed.  The mutated module is written into a scratch copy of the
repository (the file itself, so the upload sandbox's own Python process reads it too), then the module's own
tests (:data:`SELECTION`) run once with ``-x`` in a process forked from one that has the libraries loaded
already (the project's modules are imported afresh by every run).  A mutant is **killed** when a test fails
(or the mutated module cannot be imported), **timeout** when the run takes more than twice the unmutated run
plus 30 s (counted as caught), **survived** when every test passes, **not covered** when no selected test runs
its line (a survivor, not run). Mutants judged equivalent (they change no result a user could see) are listed
in :data:`EQUIVALENT` with the reason; the score is caught / (all − equivalent).

Run: ``.venv/bin/python bench/mutation.py analysis/flags.py [more modules] [--json out/mutation/flags.json]``
(``--list`` prints the mutants without running them; ``--match TEXT`` (repeatable) runs only mutants whose key
contains TEXT; ``--rerun`` runs again only the mutants that survived in the ``--json`` file and updates it,
after tests were added; ``--resume`` runs only the mutants the ``--json`` file has no outcome for yet (after a
stopped or ``--match`` run); ``--summary`` prints the ``--json`` file's scores as judged now). The machine's
other jobs slow it down, never the verdicts.
"""

from __future__ import annotations

import argparse
import ast
import atexit
import copy
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The tests that run against each module's mutants (its own test modules, fast checks first).
SELECTION: dict[str, list[str]] = {
    "analysis/access.py": ["tests/test_access.py"],
    "analysis/access_grid.py": ["tests/test_access_grid.py", "tests/test_scenarios.py"],
    "analysis/centres.py": ["tests/test_centres.py"],
    "analysis/classify.py": ["tests/test_classify.py"],
    "analysis/crosswalk.py": ["tests/test_crosswalk.py"],
    "analysis/flags.py": ["tests/test_flags.py"],
    "analysis/grid.py": ["tests/test_grid.py", "tests/test_access_grid.py", "tests/test_terrain.py"],
    "analysis/network.py": ["tests/test_network.py"],
    "analysis/population.py": ["tests/test_population.py"],
    "analysis/power_access.py": ["tests/test_power_access.py"],
    "analysis/programme_targets.py": ["tests/test_programme_targets.py"],
    "analysis/programmes.py": ["tests/test_programmes.py", "tests/test_programme_coverage.py"],
    "analysis/rai.py": ["tests/test_rai.py"],
    "analysis/scenarios.py": ["tests/test_scenario_rules.py", "tests/test_scenarios.py"],
    "analysis/sites.py": [
        "tests/test_sites.py",
        "tests/test_suitability.py",
        "tests/test_cli_resettlement.py",
    ],
    "analysis/suitability.py": ["tests/test_suitability.py"],
    "analysis/survey_update.py": ["tests/test_survey_update.py"],
    "analysis/targets.py": ["tests/test_targets.py"],
    "analysis/terrain.py": [
        "tests/test_terrain.py",
        "tests/test_suitability.py",
        "tests/test_village_ranking.py",
    ],
    "analysis/village_ranking.py": ["tests/test_village_ranking.py"],
    "analysis/weights.py": [
        "tests/test_weights.py",
        "tests/test_suitability.py",
        "tests/test_village_ranking.py",
    ],
    "geo/names.py": ["tests/test_names.py"],
    "geo/tables.py": ["tests/test_importers_tables.py"],
    "geo/vectors.py": ["tests/test_importers_vectors.py"],
}

#: Modules partly run inside the upload sandbox's own process, where lines run cannot be traced: every mutant
#: runs.
UNTRACED = {"geo/tables.py", "geo/vectors.py"}

#: Surviving mutants judged equivalent, by key (see :func:`Mutant.key`), with the reason.  Filled from the
#: runs.
#: Surviving mutants judged equivalent, by module and key (see :func:`Mutant.key`), with the reason.
EQUIVALENT: dict[str, dict[str, str]] = {
    "analysis/rai.py": {
        "rai_from_points|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "rai_from_points|boolean|len(points_xy) == 0 or len(lines) == 0 [or] -> and|0": (
            "the early return is a shortcut: an empty tree or no points gives no hit, the same all-False "
            "answer"
        ),
        'rai_table._agg|compare|grouped["population"] > 0 [>] -> >=|0': (
            "a unit of population 0 has 0 within: 0 / 0 is NaN as the documented NaN for population 0"
        ),
        'rai_from_raster|compare|out["population"] > 0 [>] -> >=|0': (
            "a unit of population 0 has 0 within: 0 / 0 is NaN as the documented NaN for population 0"
        ),
        "within_distance_mask|constant|1 [1] -> 2|0": (
            "the burn value: any non-zero value marks a road cell, the distance transform only tests == 0"
        ),
        "rai_from_raster|compare|population > 0 [>] -> >=|0": (
            "cells of exactly 0 people keep 0 either way (the negative and non-finite cells still become 0)"
        ),
    },
    "analysis/crosswalk.py": {
        'aggregate_to_2025|compare|joined["_w"] > 0 [>] -> >=|0': (
            "a predecessor of weight 0 adds 0 to both sums; when all weights are 0 the sum 0 is refused as "
            "before"
        ),
        "aggregate_to_2025|compare|denominator > 0 [>] -> >=|0": (
            "the denominator sums weights already required > 0 (or is NaN): it is never 0"
        ),
    },
    "geo/names.py": {
        "CommuneNameIndex.match|boolean|district and str(district).strip() [and] -> or|0": (
            "a missing or blank district then gives the key of 'None' or of spaces, unknown or empty: not "
            "restricted either way"
        ),
        "CommuneNameIndex.match|compare|len(found) > 1 [>] -> >=|0": (
            "one code has returned just above: len(found) >= 1 and > 1 differ only at 1"
        ),
        "short_admin_name|compare|len(folded) > len(kind) [>] -> >=|0": (
            "the name is stripped, so its folded form never ends with the type's trailing space: never equal"
        ),
    },
    "analysis/flags.py": {},
    "analysis/targets.py": {
        "<module>|constant|1e-6 [1e-06] -> 1.2e-06|0": (
            "the rounding tolerance of '=' (100 * 129 / 129): no figure lies between 1e-6 and 1.2e-6 from "
            "its target"
        ),
        "_is_missing|boolean|value is None or value is pd.NA [or] -> and|0": (
            "None and pd.NA then reach float(), whose TypeError is read as missing: the same answer"
        ),
        "_split_range|compare|i > 0 [>] -> >=|0": (
            "a dash at position 0 then tries float('') first, whose ValueError moves on to the next dash as "
            "before"
        ),
        "judge_status|compare|int(measured_year) >= target_year [>=] -> >|0": (
            "measured in the target year itself: the line then projects to the measured value, unmet: off "
            "track as before"
        ),
        "judge_status|arithmetic|(projected - low) * (low - float(measured)) [*] -> /|0": (
            "a quotient has the sign of the product; low - measured is never 0 there (that target is met)"
        ),
        "gap_contributions|compare|total > 0 [>] -> >=|0": (
            "a total weight of 0 means every weight is 0: shortfall * 0 / 0 is NaN, the same 'no gap points' "
            "as before"
        ),
        "summarise_survey|arithmetic|poor.notna() & hh.notna() [&] -> ||0": (
            "poor * hh is already NaN when either is missing; the households kept in the denominator use the "
            "next line"
        ),
        "_rate_rows|constant|0 [0] -> 1|1": (
            "extra[1] for extra[0] in the rate's source: the rate row is written only by the call whose "
            "extra is ('', '')"
        ),
        "meets_target|compare|abs(value - low) <= EQUAL_TOLERANCE [<=] -> <|0": (
            "'=' at exactly 1e-6 from its target: the tolerance absorbs float rounding (~1e-14) of shares, "
            "none lies there"
        ),
        "measure_indicators|boolean|poor_districts and in_30a.any() [and] -> or|0": (
            "30a districts named but none surveyed: the summary of no rows has no unit, so no 30a row either "
            "way"
        ),
        '_prefer_real|compare|r.indicator_id == "poverty_rate" [==] -> !=|0': (
            "the real rate's weight from the next row: the survey's fall or electricity row, weighted by the "
            "same households"
        ),
        "who_holds_back|constant|0 [0] -> 1|1": (
            "the target of the empty table returned when the indicator has no row: no unit, no shortfall "
            "either way"
        ),
    },
    "analysis/programme_targets.py": {
        '_weighted_rate|compare|rows["households"] > 0 [>] -> >=|0': (
            "a commune of 0 households adds 0 to both sums; when all have 0 the sum 0 gives NaN as before"
        ),
        "_area|slice|0:0 [lower bound] -> (removed)|0": "iloc[:0] and iloc[0:0] are the same empty selection",
        "_area|constant|0 [0] -> 1|0": "iloc[1:0] is empty like iloc[0:0]",
    },
    "geo/tables.py": {
        "RawTable|constant|2 [2] -> 3|0": (
            "the default first_row is never used: the one constructor (_split_header) passes it"
        ),
        "_read_csv|slice|:4096 [upper bound] -> (removed)|0": (
            "the delimiter guessed from the whole text, not its first 4 KiB: the same for a table whose "
            "lines agree, slower"
        ),
        "_read_csv|constant|4096 [4096] -> 4915|0": (
            "the delimiter guessed from the first 4.8 KiB, not 4 KiB: the same for a table whose lines agree"
        ),
        '_check_workbook|compare|{"[Content_Types].xml", "xl/workbook.xml"} <= members [<=] -> <|0': (  # noqa: E501
            "a zip of just these two parts has no sheet: refused either way, both messages ask to save it "
            "again as .xlsx"
        ),
        "_check_range|boolean|value != value or value is None or value is pd.NA [or] -> and|0": (
            "a missing value reaches here as NaN (a year is Int64 only without gaps): NaN < low and NaN > "
            "high are false"
        ),
        "_read_xlsx|constant|12 [12] -> 14|0": (
            "the reading bound only has to pass MAX_ROWS + 1 rows so that the row past the limit is seen and "
            "refused; reading stops at that refusal, so +12 and +14 never read differently"
        ),
        'parse_number|boolean|thousands in v or not re.fullmatch(r"[+-]?\\d{1,3}(" + re.escape(decima [or] -> and|0': (  # noqa: E501
            "a separator twice: the grouping check after the decimal/thousands swap tests the same pattern, "
            "so every text still gives None (checked on every string of up to 9 characters of '12,.-')"
        ),
        "_parse_column|compare|series.abs().max() < 2.0**53 [<] -> <=|0": (
            "a whole number of exactly 2**53 fits a whole-number column either way"
        ),
    },
    "analysis/access.py": {
        "edge_minutes|compare|speed > 0 [>] -> >=|0": (
            "a closed road (speed 0) then divides by 0: inf minutes, the same 'closed' (lengths are never 0)"
        ),
        "edge_minutes|constant|0 [0] -> 1|2": (
            "no speed of the README's table lies in (0, 1] km/h (the slowest open road is 7.5 km/h)"
        ),
        "<module>|constant|60.0 [60.0] -> 72.0|0": (
            "the national cap never binds: no surface is faster than 50 km/h (asphalt dry), below 60 or 72"
        ),
        "<module>|constant|50.0 [50.0] -> 60.0|0": (
            "the provincial cap never binds: no surface is faster than 50 km/h (asphalt dry), min(50, 50) = "
            "min(50, 60)"
        ),
        "Dem.sample|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "walk_minutes|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "walk_minutes|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "walk_minutes|constant|2 [2] -> 3|2": (
            "the piece ends reshaped (-1, 3) before Dem.sample, which reshapes them (-1, 2) itself: the same "
            "points"
        ),
        "walk_minutes|constant|1 [1] -> 2|5": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "walk_minutes|constant|0.0 [0.0] -> 1.0|1": (
            "the slope of a piece of length 0: walked in 0 minutes at any slope"
        ),
        'link_masks.rules|boolean|season != "rainy" and (open_rainy != open_now).any() [and] -> or|0': (  # noqa: E501
            "rules 3-4 then also come when the rain closes nothing (dry) or twice the rainy network (rainy): "
            "masks equal to earlier ones, which link_masks leaves out"
        ),
        "link_masks.rules|compare|open_rainy != open_now [!=] -> ==|0": (
            "rules 3-4 then come when the rain closes nothing (masks equal to rules 1-2, left out) and are "
            "left out only when the rain closes every road (both masks empty: no link either way)"
        ),
        "link_masks|constant|0 [0] -> 1|0": (
            "no speed of the README's table lies in (0, 1] km/h: open in the baseline means faster than 7.5 "
            "km/h"
        ),
        "link_masks|constant|0 [0] -> 1|1": (
            "no speed of the README's table lies in (0, 1] km/h: open in the baseline means faster than 7.5 "
            "km/h"
        ),
        'link_masks|boolean|season == "rainy" or not len(seg) [or] -> and|0': (
            "in the rainy season the rainy mask is then computed again from the segments instead of reused: "
            "the same mask"
        ),
        "network_links|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "network_links|slice|1: [lower bound] -> (removed)|0": (
            "rule 1's mask is searched again: every point's link there is the one it has, dropped as a repeat"
        ),
        "network_links|arithmetic|mask & ~wider [&] -> ||0": (
            "a search the skip spared: where a point's earlier link (nearest of a wider set) lies in the "
            "mask, the mask's nearest is that segment (up to an exact tie in distance, which the README "
            "leaves open), dropped as a repeat"
        ),
        "network_links|negation|~wider [~] -> (removed)|0": (
            "a search the skip spared: where a point's earlier link (nearest of a wider set) lies in the "
            "mask, the mask's nearest is that segment (up to an exact tie in distance, which the README "
            "leaves open), dropped as a repeat"
        ),
        "network_links|arithmetic|ask &= ~((earlier.edge >= 0) & mask[np.maximum(earlier.edge, 0)]) [&] -> "
        "||0": (  # noqa: E501
            "a search the skip spared: where a point's earlier link (nearest of a wider set) lies in the "
            "mask, the mask's nearest is that segment (up to an exact tie in distance, which the README "
            "leaves open), dropped as a repeat"
        ),
        "network_links|compare|earlier.edge >= 0 [>=] -> >|0": (
            "a search the skip spared: where a point's earlier link (nearest of a wider set) lies in the "
            "mask, the mask's nearest is that segment (up to an exact tie in distance, which the README "
            "leaves open), dropped as a repeat"
        ),
        "network_links|constant|0 [0] -> 1|3": (
            "a search the skip spared: where a point's earlier link (nearest of a wider set) lies in the "
            "mask, the mask's nearest is that segment (up to an exact tie in distance, which the README "
            "leaves open), dropped as a repeat"
        ),
        "network_links|constant|1 [1] -> 2|2": (
            "a point not searched for a rule gets edge -2 instead of -1: every reader of a link tests edge "
            ">= 0"
        ),
        "network_links|constant|1 [1] -> 2|3": (
            "a repeated link gets edge -2 instead of -1: every reader of a link tests edge >= 0"
        ),
        "_graph_with_points|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_graph_with_points|slice|1: [lower bound] -> (removed)|0": (
            "the first link offered twice: a second split node at the same spot of the same segment, joined "
            "to the first at 0 m and 0 min: the same times, lengths and segments driven"
        ),
        "service_access|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "service_access|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "service_access|negation|-1 [-] -> (removed)|2": (
            "the fill of facility_of_node: only the facilities' end nodes are read, each set on the next line"
        ),
        "service_access|constant|1 [1] -> 2|2": (
            "the fill of facility_of_node: only the facilities' end nodes are read, each set on the next line"
        ),
        "service_access|compare|src >= 0 [>=] -> >|0": (
            "a search source is a facility's end node, numbered after every road, split and start node: "
            "never node 0"
        ),
        "service_access|constant|0 [0] -> 1|0": (
            "a search source is a facility's end node, numbered after every road, split and start node: "
            "never node 0 or 1"
        ),
        "district_centre_access|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "district_centre_access|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "district_centre_access|constant|0 [0] -> 1|1": (
            "all_season of an empty network: read only for driven segments, and an empty network has none"
        ),
        "district_centre_access|constant|1 [1] -> 2|4": (
            "an unknown district numbered -2 instead of -1: only district numbers >= 0 are read"
        ),
        "district_centre_access|constant|1 [1] -> 2|2": (
            "the fill of weakest: -2 instead of -1 for no weakest link, and only weakest >= 0 is read"
        ),
        "district_centre_access|constant|1 [1] -> 2|3": (
            "the fill of first_weak: -2 instead of -1 for none yet, and it is only tested < 0 (or >= 0 once "
            "copied)"
        ),
        "population_summary|compare|den > 0 [>] -> >=|1": (
            "the divisor where nobody reaches the service: 0 / 0 there, which the outer where replaces by "
            "NaN as before"
        ),
        "population_summary|constant|1.0 [1.0] -> 1.2|0": (
            "the divisor where nobody reaches the service: the outer where replaces that quotient by NaN"
        ),
        "allseason_connection|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "allseason_connection|boolean|len(seg) == 0 or n == 0 [or] -> and|0": (
            "the early return is a shortcut: no road (no segment to snap to) or no centre gives the same "
            "all-NaN frame"
        ),
        "allseason_connection|negation|-1 [-] -> (removed)|1": (
            "a district centre finds no all-season segment only when there is none: then no component 1 "
            "either, NaN as before"
        ),
        "allseason_connection|constant|1 [1] -> 2|1": (
            "a district centre without an all-season segment gets component -2 instead of -1: only "
            "components >= 0 are read"
        ),
        "allseason_connection|constant|1 [1] -> 2|2": (
            "an unknown district gets component -2 instead of -1: only components >= 0 are read"
        ),
        "facilities_outside|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "facilities_outside|boolean|len(xy) == 0 or area is None [or] -> and|0": (
            "the early return is a shortcut: without an outline shapely measures NaN (kept, no note); no "
            "facility, no note"
        ),
        "district_centre_access|constant|1.0 [1.0] -> 1.2|0": (
            "a higher bound than the sum of every edge's minutes + 1 (already above any route): speed only"
        ),
        "district_centre_access|constant|1e-9 [1e-09] -> 1.2e-09|0": (
            "a cap above the slowest straight walk by a little more: road times above it lose to walking "
            "anyway"
        ),
        "district_centre_access|constant|1e-9 [1e-09] -> 1.2e-09|1": (
            "a cap above the slowest straight walk by a little more: road times above it lose to walking "
            "anyway"
        ),
        "district_centre_access|constant|1.0 [1.0] -> 1.2|1": (
            "a cap 20 % above the slowest straight walk: road times above it lose to walking anyway; speed "
            "only"
        ),
        "district_centre_access|constant|30.0 [30.0] -> 36.0|0": (
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|arithmetic|crow_m[members].max() / 1000.0 / _VMAX_KMH * 60.0 * 3.0 [*] -> /|0": (  # noqa: E501
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|arithmetic|crow_m[members].max() / 1000.0 / _VMAX_KMH * 60.0 [*] -> /|0": (  # noqa: E501
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|constant|3.0 [3.0] -> 3.5999999999999996|0": (
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|arithmetic|crow_m[members].max() / 1000.0 / _VMAX_KMH [/] -> *|0": (  # noqa: E501
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|constant|60.0 [60.0] -> 72.0|0": (
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|arithmetic|crow_m[members].max() / 1000.0 [/] -> *|0": (
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|constant|1000.0 [1000.0] -> 1200.0|1": (
            "the first search window: doubled up to the cap until every commune is reached, the same "
            "distances; speed only"
        ),
        "district_centre_access|constant|2.0 [2.0] -> 2.4|0": (
            "the search window grows by 2.4 instead of 2: speed only"
        ),
    },
    "analysis/network.py": {
        "<module>|constant|0.01 [0.01] -> 0.012|0": (
            "a piece of 1-1.2 cm has both ends within the 1 m gap tolerance, one node: a loop no route uses, "
            "kept or not"
        ),
        "RoadNetwork.tree|constant|16 [16] -> 19|1": (
            "the cache key's hash length: another digest, the same trees"
        ),
        "RoadNetwork.tree|compare|len(cache) > 16 [>] -> >=|0": "how many cached trees are kept: speed only",
        "RoadNetwork.tree|constant|16 [16] -> 19|0": "how many cached trees are kept: speed only",
        "RoadNetwork.geometry_array|compare|len(cached) != len(self.segments) [!=] -> ==|0": (
            "the array is then rebuilt on every call (same values); no code replaces a network's segments"
        ),
        "build_network|arithmetic|frame.geometry.notna() & ~frame.geometry.is_empty [&] -> ||0": (
            "empty and missing features are dropped above; an empty part of a multi-line then has length 0 "
            "and the zero-length rule drops it next"
        ),
        "build_network|compare|length < MIN_LENGTH_M [<] -> <=|0": (
            "a piece of exactly 1 cm has both ends within the 1 m gap tolerance: a loop no route uses, kept "
            "or not"
        ),
        "build_network|constant|0.01 [0.01] -> 0.012|0": (
            "copies 1-1.2 cm apart: both join the same two nodes (1 m gap) and routes take the shorter, as "
            "with one"
        ),
        "build_network|constant|2 [2] -> 3|2": "an empty network's node coordinates: no rows either way",
        "build_network|compare|np.hypot(*(ends[pairs[:, 0]] - ends[pairs[:, 1]]).T) > 1e-6 [>] -> >=|0": (  # noqa: E501
            "whether ends exactly 1 micrometre apart count as a closed gap in the note"
        ),
        "build_network|constant|1e-6 [1e-06] -> 1.2e-06|0": (
            "whether ends 1-1.2 micrometres apart count as a closed gap in the note; the ends are joined "
            "either way"
        ),
        "snap_to_edges|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "snap_to_edges|boolean|m == 0 or len(candidates) == 0 [or] -> and|0": (
            "the early return is a shortcut: no points or no candidate edge gives no hit, edge -1 and NaN as "
            "before"
        ),
        "snap_to_edges|constant|1.0 [1.0] -> 1.2|0": (
            "shapely's normalised line_locate_point lies in [0, 1] already: clipping at 1.2 changes nothing"
        ),
        "RoutingGraph.n_nodes|constant|0 [0] -> 1|0": "the matrix is square: shape[1] == shape[0]",
        "build_routing_graph|constant|0 [0] -> 1|5": (
            "the first element of np.r_[0, nodes[:-1]] is never used: the first split of the sorted list "
            "starts its edge"
        ),
        "build_routing_graph|constant|0.0 [0.0] -> 1.0|1": (
            "the first element of np.r_[0.0, f[:-1]] is never used: the first split of the sorted list "
            "starts its edge"
        ),
        "build_routing_graph|constant|2 [2] -> 3|0": (
            "room for three nodes per point instead of two: the last block of nodes is joined to nothing and "
            "never read"
        ),
        "build_routing_graph|negation|-1 [-] -> (removed)|2": (
            "split points taken for the last of their edge also get a piece straight to the edge's end, at "
            "that piece's true cost and length: the same distances, driven lengths and segments"
        ),
        "build_routing_graph|constant|0 [0] -> 1|0": (
            "an empty network: that one-element array is never indexed (no open segment, no snap point)"
        ),
        "build_routing_graph|constant|0 [0] -> 1|1": (
            "an empty network: that one-element array is never indexed (no open segment, no snap point)"
        ),
        "build_routing_graph|constant|0 [0] -> 1|2": (
            "an empty network: that one-element array is never indexed (no open segment, no snap point)"
        ),
    },
    "analysis/population.py": {
        "<module>|constant|0 [0] -> 1|0": (
            "the kind order of a loaded figure: loaded figures sort first by _loaded already, and all share "
            "this kind"
        ),
        "<module>|constant|3 [3] -> 4|0": (
            "'other' ranked 4 instead of 3: still after the 2009 census (2) and before unlisted kinds (9)"
        ),
        "best_population|constant|9 [9] -> 11|0": (
            "unlisted kinds ranked 11 instead of 9: still after every listed kind"
        ),
        "best_population|negation|-1 [-] -> (removed)|0": (
            "the year of an undated figure: undated figures sort after dated ones by _stated first, all with "
            "this year"
        ),
        "best_population|constant|1 [1] -> 2|1": (
            "the year of an undated figure: undated figures sort after dated ones by _stated first, all with "
            "this year"
        ),
    },
    "analysis/classify.py": {
        "classify_values|constant|0.0 [0.0] -> 1.0|0": (
            "the lower bound of a classification without data: it has no class, so no range starts at it "
            "(nothing reads it)"
        ),
        "classify_values|compare|distinct <= 1 [<=] -> <|0": (
            "one distinct value then goes to mapclassify's Quantiles / FisherJenks with k = 1: the same "
            "single class [value, value]"
        ),
    },
    "analysis/power_access.py": {
        "_nearest_m|boolean|len(points) == 0 or len(geoms) == 0 [or] -> and|0": (
            "the early return is a shortcut: a search tree of no line, or no point, finds nothing: all NaN "
            "as before"
        ),
    },
    "analysis/survey_update.py": {
        "_same|constant|1e-9 [1e-09] -> 1.2e-09|0": (
            "the rounding tolerance of 'the same value': no survey figure differs from its update by 1e-9 to "
            "1.2e-9"
        ),
    },
    "geo/vectors.py": {
        "_redecode|compare|out[column].dtype == object [==] -> !=|0": (
            "with pandas 3 (pinned) text read from a file is a 'str' column; an object column holds no text "
            "(all-null fields, bytes, lists) and numbers or dates map to themselves"
        ),
        "_fix_legacy_text|compare|frame[column].dtype == object [==] -> !=|0": (
            "with pandas 3 (pinned) text read from a file is a 'str' column; an object column holds no text "
            "(all-null fields, bytes, lists) and numbers or dates map to themselves"
        ),
        "_fix_legacy_text|boolean|column == frame.geometry.name or not ( frame[column].dtype == object o [or] -> and|0": (  # noqa: E501
            "each cell is checked isinstance(value, str): geometry and number columns hold no such cell, "
            "nothing changes"
        ),
        "check_in_province|slice|:1 [upper bound] -> (removed)|0": (
            "only coords[0] is read, and len(coords) is non-zero either way"
        ),
        "check_in_province|constant|1 [1] -> 2|1": (
            "only coords[0] is read, and len(coords) is non-zero either way"
        ),
        "points_from_cells|compare|np.nanmax(np.abs(np.where(ok, x, 0))) > 1000 [>] -> >=|0": (
            "a value of exactly 1000 is refused as 'lies outside Điện Biên' whether read as degrees or as "
            "metres: the same message and row"
        ),
        "points_from_cells|compare|np.nanmax(np.abs(np.where(ok, y, 0))) > 1000 [>] -> >=|0": (
            "a value of exactly 1000 is refused as 'lies outside Điện Biên' whether read as degrees or as "
            "metres: the same message and row"
        ),
        "points_from_cells|constant|0 [0] -> 1|1": (
            "the fill keeps rows without coordinates out of the maximum: 1 is as far below 1000 as 0"
        ),
        "points_from_cells|constant|0 [0] -> 1|2": (
            "the fill keeps rows without coordinates out of the maximum: 1 is as far below 1000 as 0"
        ),
        "points_from_cells|boolean|np.isfinite(a) and np.isfinite(b) [and] -> or|0": (
            "pyproj returns both coordinates finite or both infinite (checked on 10^5 random and extreme "
            "inputs): the degrees path places only rows where both are finite"
        ),
        "points_from_cells|boolean|np.isfinite(a) and np.isfinite(b) [and] -> or|1": (
            "pyproj returns both coordinates finite or both infinite (checked on 10^5 random and extreme "
            "inputs): the degrees path places only rows where both are finite"
        ),
        "_inside|compare|lat <= maxy [<=] -> <|0": (
            "differs only for a converted point exactly on the box edge to the last bit after the datum shift"
        ),
        "_inside|compare|lat >= miny [>=] -> >|0": (
            "differs only for a converted point exactly on the box edge to the last bit after the datum shift"
        ),
        "_inside|compare|lon >= minx [>=] -> >|0": (
            "differs only for a converted point exactly on the box edge to the last bit after the datum shift"
        ),
        "_inside|compare|lon <= maxx [<=] -> <|0": (
            "differs only for a converted point exactly on the box edge to the last bit after the datum shift"
        ),
        "_inside|arithmetic|(lon >= minx) & (lon <= maxx) & (lat >= miny) [&] -> ||0": (
            "a point within 0.6° of the province read in the wrong order lands at lon 118–121°, lat 3–5.5°, "
            "outside on both axes: the order chosen is the same; only tables outside in both readings differ, "  # noqa: E501
            "refused either way"
        ),
        "_inside|arithmetic|(lon >= minx) & (lon <= maxx) [&] -> ||0": (
            "a point within 0.6° of the province read in the wrong order lands at lon 118–121°, lat 3–5.5°, "
            "outside on both axes: the order chosen is the same; only tables outside in both readings differ, "  # noqa: E501
            "refused either way"
        ),
    },
    "analysis/grid.py": {
        "cells_within|boolean|area is None or shapely.is_empty(area) [or] -> and|0": (
            "the early return is a shortcut: a None or empty area burns nothing, the same all-False grid"
        ),
    },
    "analysis/village_ranking.py": {
        "rank_villages|constant|2 [2] -> 3|0": (
            "np.zeros((0, 3)) is used only when no village is chosen: an empty array of any width holds no "
            "village"
        ),
        "_need_values|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_need_values|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_need_values|constant|1 [1] -> 2|2": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_need_values|constant|1 [1] -> 2|3": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_need_values|constant|0 [0] -> 1|0": (
            "the placeholder points array for zero villages is never read: the zone query runs only when "
            "there are villages"
        ),
        "_need_values|boolean|polys and n [and] -> or|0": (
            "querying an empty tree, or with no points, finds nothing: every village is still outside; speed "
            "only"
        ),
        "_score|constant|1.0 [1.0] -> 1.2|1": (
            "the upper bound of the size clip: 1 - households/100 never exceeds 1, negative counts are "
            "already excluded"
        ),
        "_score|arithmetic|has & (total > 0) [&] -> ||0": (
            "a row outside the mask has weight 0: its contribution is 0 either way"
        ),
        "_score|compare|total > 0 [>] -> >=|1": (
            "when total is 0 every weight of the row is 0: 0 * need / 1 = 0"
        ),
        "_score|compare|total > 0 [>] -> >=|2": (
            "dividing by 0 happens only in rows the outer mask sets to 0"
        ),
        "_score|constant|1 [1] -> 2|2": (
            "this divisor stands in only where total is 0, which the mask sets to 0"
        ),
        "_score|constant|0 [0] -> 1|0": (
            "out.insert(1, 'rank', ...): the front column list puts rank first again"
        ),
    },
    "analysis/suitability.py": {
        "_near_settlements|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_near_settlements|constant|8 [8] -> 10|0": (
            "a finer circle only changes which cells are candidates (a 30 m margin covers either); the "
            "exact distances decide"
        ),
        "_near_settlements|compare|burn(grid, circles, all_touched=True) > 0 [>] -> >=|0": (
            "every inside cell becomes a candidate; the exact distances decide"
        ),
        "_near_settlements|constant|1.0 [1.0] -> 1.2|0": (
            "the k-d tree limit only narrows the search; near <= buffer_m decides"
        ),
        "_falling|constant|1.0 [1.0] -> 1.2|0": (
            "the upper clip: 1 - v / z never exceeds 1, slope, minutes and km are never negative"
        ),
        "combine|constant|0 [0] -> 1|0": (
            "the list of scores is never empty (road, school, health and grid are always computed)"
        ),
        "_line_distance_km|boolean|g is not None and not shapely.is_empty(g) [and] -> or|0": (
            "densify_lines skips missing and empty geometries and nearest_point with no points gives inf, "
            "as the early return does"
        ),
        "_area_cells|arithmetic|inside &= commune >= 0 [&] -> ||0": (
            "after commune[~inside] = -1 every cell with commune >= 0 is already inside"
        ),
        "_criteria|constant|0 [0] -> 1|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_criteria|constant|0 [0] -> 1|1": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_criteria|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_criteria|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "_reach|constant|0 [0] -> 1|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|1 [1] -> 2|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|0 [0] -> 1|1": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|2 [2] -> 3|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|1 [1] -> 2|1": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|2 [2] -> 3|1": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|arithmetic|math.hypot(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 2.0 [/] -> *|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|arithmetic|bounds[2] - bounds[0] [-] -> +|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|arithmetic|bounds[3] - bounds[1] [-] -> +|0": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|2 [2] -> 3|2": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|0 [0] -> 1|2": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|1 [1] -> 2|2": (
            "the search box or reach only grows (an x/y swap or a larger half-diagonal is kilometres more): "
            "more road points kept, the same nearest ones; speed only"
        ),
        "_reach|constant|1.0 [1.0] -> 1.2|0": (
            "the reach grows by at most 1 m (farthest or 1.0): the same nearest road points"
        ),
        "_reach|constant|0.0 [0.0] -> 1.0|1": (
            "the reach grows by at most 1 m (farthest or 1.0): the same nearest road points"
        ),
        "_reach|constant|0.0 [0.0] -> 1.0|0": (
            "reached only when no road is open, and then there is no segment to choose from"
        ),
    },
    "analysis/sites.py": {
        "_polygons|constant|1 [1] -> 2|0": (
            "the crop window grows by one row or column of zeros (or is clipped at the grid edge): the "
            "strip is masked out, the transform unchanged"
        ),
        "_polygons|constant|1 [1] -> 2|1": (
            "the crop window grows by one row or column of zeros (or is clipped at the grid edge): the "
            "strip is masked out, the transform unchanged"
        ),
        "_polygons|compare|window > 0 [>] -> >=|0": (
            "it also makes outlines for label 0, which is never looked up: kept labels are above 0"
        ),
        "_polygons|compare|len(v) == 1 [==] -> !=|0": (
            "with edge-joining each label yields exactly one polygon, and union_all of one polygon is the "
            "same geometry"
        ),
        "_polygons|constant|1 [1] -> 2|3": (
            "with edge-joining each label yields exactly one polygon, and union_all of one polygon is the "
            "same geometry"
        ),
        "find_sites|constant|1 [1] -> 2|10": (
            "a 2 in the connectivity structure: scipy reads the structure as true/false, the same labels "
            "(checked on a random 50 x 50 grid)"
        ),
        "find_sites|constant|1 [1] -> 2|11": (
            "a 2 in the connectivity structure: scipy reads the structure as true/false, the same labels "
            "(checked on a random 50 x 50 grid)"
        ),
        "find_sites|constant|1 [1] -> 2|12": (
            "a 2 in the connectivity structure: scipy reads the structure as true/false, the same labels "
            "(checked on a random 50 x 50 grid)"
        ),
        "find_sites|constant|1 [1] -> 2|13": (
            "a 2 in the connectivity structure: scipy reads the structure as true/false, the same labels "
            "(checked on a random 50 x 50 grid)"
        ),
        "find_sites|constant|1 [1] -> 2|14": (
            "a 2 in the connectivity structure: scipy reads the structure as true/false, the same labels "
            "(checked on a random 50 x 50 grid)"
        ),
        "find_sites|arithmetic|n + 1 [+] -> -|2": (
            "minlength of the per-site sums: the result is at least (largest kept label + 1) long because "
            "of the labels it counts, and this code runs only when a site is kept"
        ),
        "find_sites|arithmetic|n + 1 [+] -> -|3": (
            "minlength of the per-site sums: the result is at least (largest kept label + 1) long because "
            "of the labels it counts, and this code runs only when a site is kept"
        ),
        "find_sites|constant|1 [1] -> 2|7": (
            "minlength of the per-site sums: the result is at least (largest kept label + 1) long because "
            "of the labels it counts, and this code runs only when a site is kept"
        ),
        "find_sites|constant|1 [1] -> 2|8": (
            "minlength of the per-site sums: the result is at least (largest kept label + 1) long because "
            "of the labels it counts, and this code runs only when a site is kept"
        ),
        "find_sites|constant|1 [1] -> 2|2": ("the relabel array gets one unused extra entry"),
        "find_sites|constant|1e-9 [1e-09] -> 1.2e-09|0": (
            "the size of the rounding tolerance: only a ratio within 1e-9 to 1.2e-9 of a whole number tells "
            "them apart (the tolerance itself is tested)"
        ),
        "find_sites|constant|1e-9 [1e-09] -> 1.2e-09|1": (
            "the size of the rounding tolerance: only a ratio within 1e-9 to 1.2e-9 of a whole number tells "
            "them apart (the tolerance itself is tested)"
        ),
    },
    "analysis/access_grid.py": {
        "target_segments|constant|0 [0] -> 1|1": (
            "an empty network: a one-element all-False mask instead of an empty one; every reader only asks "
            "whether some segment is all-season (no snap candidate, no source): nobody reaches one either "
            "way"
        ),
        "_no_link|constant|1 [1] -> 2|0": "edge -2 instead of -1 for 'no link': every reader tests edge >= 0",
        "vertex_minutes|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "vertex_minutes|constant|1 [1] -> 2|2": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "vertex_minutes|constant|0 [0] -> 1|0": (
            "dest_key of one element when there is no destination key: it is read only per key, and there "
            "is none"
        ),
        "vertex_minutes|constant|0 [0] -> 1|3": (
            "with no destination key, one phantom destination at (0, 0): its links only leave the road (no "
            "access link), its split point changes no length, and no key reads its time"
        ),
        "vertex_minutes|slice|1: [lower bound] -> (removed)|0": (
            "the first links added again as extra: the same split points and walks twice; parallel ways "
            "keep the cheapest, no time changes"
        ),
        "_target_nodes|arithmetic|graph.edge_keys % n [%] -> //|0": (
            "sources from the starts of all-season edges only: both ends of every all-season segment are "
            "added from the segments, and a point put on one splits it into pieces that run both ways (each "
            "piece's end is the start of its reverse)"
        ),
        "<module>|constant|16 [16] -> 19|0": (
            "block side of nearest_point: the search is exact for any side (a block is taken whole only "
            "when its four corners share their nearest point, and a Voronoi region is convex)"
        ),
        "<module>|constant|128 [128] -> 154|0": "tile side: only the order of the k-d tree queries",
        "nearest_point|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "nearest_point|constant|1 [1] -> 2|1": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "nearest_point|constant|1 [1] -> 2|5": (
            "index -2 instead of -1 when there is no point at all: the distance is inf either way and "
            "callers test index >= 0 only"
        ),
        "nearest_point|constant|32 [32] -> 38|0": "k-d tree leaf size: speed only, the query is exact",
        "nearest_point|negation|-1 [-] -> (removed)|2": (
            "the initial index: every entry is overwritten, by a uniform block's point or by a query"
        ),
        "nearest_point|constant|1 [1] -> 2|2": (
            "the initial index: every entry is overwritten, by a uniform block's point or by a query"
        ),
        "nearest_point|compare|len(xy) > 4 * BLOCK_CELLS * BLOCK_CELLS [>] -> >=|0": (
            "the count from which the block search is used: both searches are exact"
        ),
        "nearest_point|arithmetic|4 * BLOCK_CELLS * BLOCK_CELLS [*] -> /|0": (
            "the count from which the block search is used: both searches are exact"
        ),
        "nearest_point|arithmetic|4 * BLOCK_CELLS [*] -> /|0": (
            "the count from which the block search is used: both searches are exact"
        ),
        "nearest_point|constant|4 [4] -> 5|0": (
            "the count from which the block search is used: both searches are exact"
        ),
        "nearest_point|arithmetic|-g.height // b [//] -> *|0": (
            "b times more rows of block corners than blocks: the extra corners are never read (same answer, "
            "only more memory)"
        ),
        "nearest_point|arithmetic|-g.width // b [//] -> *|0": (
            "b times more columns of block corners than blocks: the extra corners are never read (same "
            "answer, only more memory)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|4": "workers=1 instead of every core: the same query",
        "nearest_point|negation|-1 [-] -> (removed)|5": "workers=1 instead of every core: the same query",
        "nearest_point|negation|-1 [-] -> (removed)|6": (
            "takes a block when corner (0, j) agrees with (i+1, j+1) and the other three agree: (i+1, j+1) "
            "differing from them would put the block's top edge, in their convex Voronoi region, on the "
            "segment from (0, j) to (i+1, j+1), in another: never (only more blocks are queried; an exact "
            "tie at a corner aside)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|7": (
            "takes a block when corner (i, 0) agrees with (i+1, j+1) and the other three agree: (i+1, j+1) "
            "differing from them would put the block's left edge, in their convex Voronoi region, on the "
            "segment from (i, 0) to (i+1, j+1), in another: never (only more blocks are queried; an exact "
            "tie at a corner aside)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|9": (
            "compares corner (i, 0) with (i, j+1): a wrong block would need the nearest point to go q, p, q "
            "along row i of corners, impossible as Voronoi regions are convex (only more blocks are "
            "queried; an exact tie at a corner aside)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|10": (
            "compares (i, j) with (0, j+1): a wrong block would need the nearest point to go p, q, p down "
            "column j+1 of corners, impossible as Voronoi regions are convex (only more blocks are queried; "
            "an exact tie at a corner aside)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|11": (
            "compares (0, j) with (i+1, j): a wrong block would need the nearest point to go q, p, q down "
            "column j of corners, impossible as Voronoi regions are convex (only more blocks are queried; "
            "an exact tie at a corner aside)"
        ),
        "nearest_point|negation|-1 [-] -> (removed)|13": (
            "compares (i, j) with (i+1, 0): a wrong block would need the nearest point to go p, q, p along "
            "row i+1 of corners, impossible as Voronoi regions are convex (only more blocks are queried; an "
            "exact tie at a corner aside)"
        ),
        "nearest_point|arithmetic|cells.cols[ask] // tile [//] -> *|0": "only the order of the queries",
        "nearest_point|arithmetic|cells.rows[ask] // tile [//] -> *|0": "only the order of the queries",
        "_walk|constant|400_000 [400000] -> 480000|0": "the chunk size bounds memory only",
        "origin_minutes|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "origin_minutes|arithmetic|~group[np.maximum(v1, 0)] & (v1 >= 0) [&] -> ||0": (
            "every cell also looks up its nearest vertex of the group; where its nearest vertex is in the "
            "group that is the same vertex, the same trip (every cell has a nearest vertex here)"
        ),
        "origin_minutes|constant|0 [0] -> 1|7": (
            "a cell nearest to vertex 0 reads vertex 1's group membership: vertices 0 and 1 lie on one "
            "segment (each has both its ends), so the same"
        ),
        "origin_minutes|compare|v1 >= 0 [>=] -> >|2": (
            "the shared-vertex shortcut: a cell nearest to vertex 0 is queried instead, and finds that "
            "vertex's twin among the straight points at the same distance (and the road leg already gives "
            "it: 0 min at an all-season vertex)"
        ),
        "origin_minutes|constant|0 [0] -> 1|3": (
            "the shared-vertex shortcut: a cell nearest to vertex 0 is queried instead, and finds that "
            "vertex's twin among the straight points at the same distance (and the road leg already gives "
            "it)"
        ),
        "origin_minutes|constant|0 [0] -> 1|4": (
            "vertex 1's 'shared' flag read for a cell nearest to vertex 0: both lie on one segment, same flag"
        ),
        "origin_minutes|compare|direct < best [<] -> <=|0": (
            "on a tie the same number is copied: origin_minutes returns minutes only, not the way"
        ),
        "minutes_to_allseason|constant|1 [1] -> 2|0": (
            "reshape(-2, 2): numpy reads any negative length as 'the rest', same array"
        ),
        "minutes_to_allseason|boolean|n and target.any() [and] -> or|0": (
            "the search is skipped only as a shortcut: with no point the answer is empty, with no "
            "all-season road the search has no source and gives inf, as skipping it does"
        ),
        "minutes_to_allseason|slice|1: [lower bound] -> (removed)|0": (
            "the first link added again as extra: the same split point and walk twice; parallel ways keep "
            "the cheapest, no time changes"
        ),
    },
    "analysis/terrain.py": {
        "horn_slope_deg|boolean|z.shape[0] < 3 or z.shape[1] < 3 [or] -> and|0": (
            "a DEM under 3 cells along one side has no full 3×3 window: the window slices are then empty and "
            "every cell stays NaN, as with the early return"
        ),
        "horn_slope_deg|constant|0 [0] -> 1|0": (
            "z.shape[1] tested twice: a DEM of fewer than 3 rows goes on to empty window slices, every cell "
            "NaN as with the early return"
        ),
        "slope_on_grid|compare|t.a == g.a [==] -> !=|0": (
            "the direct index is a shortcut: sampling each centre reads the same DEM cell (a centre lies "
            "half a cell inside it); only slower"
        ),
        "slope_on_grid|compare|t.e == g.e [==] -> !=|0": (
            "the direct index is a shortcut: sampling each centre reads the same DEM cell; only slower"
        ),
        "slope_on_grid|compare|t.b == 0 [==] -> !=|0": (
            "the direct index is a shortcut: sampling each centre reads the same DEM cell; only slower"
        ),
        "slope_on_grid|constant|0 [0] -> 1|1": (
            "t.b == 1 is never true: sampling each centre reads the same DEM cell as the direct index; only "
            "slower"
        ),
        "slope_on_grid|compare|t.d == 0 [==] -> !=|0": (
            "the direct index is a shortcut: sampling each centre reads the same DEM cell; only slower"
        ),
        "slope_on_grid|constant|0 [0] -> 1|2": (
            "t.d == 1 is never true: sampling each centre reads the same DEM cell as the direct index; only "
            "slower"
        ),
        "slope_on_grid|arithmetic|g.c - t.c [-] -> +|0": (
            "analysis grids start on a multiple of the resolution (grid_over): (g.c + t.c) / r is whole "
            "exactly when (g.c − t.c) / r is"
        ),
        "slope_on_grid|arithmetic|t.f - g.f [-] -> +|0": (
            "analysis grids start on a multiple of the resolution (grid_over): (t.f + g.f) / r is whole "
            "exactly when (t.f − g.f) / r is"
        ),
        "slope_on_grid|compare|r >= 0 [>=] -> >|0": (
            "row 0 of the cropped DEM is the edge of the array Horn ran on: its slope is NaN either way"
        ),
        "slope_on_grid|compare|c >= 0 [>=] -> >|0": (
            "column 0 of the cropped DEM is the edge of the array Horn ran on: its slope is NaN either way"
        ),
        "slope_on_grid|constant|0 [0] -> 1|3": (
            "c >= 1: column 0 of the cropped DEM is the edge of the array Horn ran on, NaN either way"
        ),
        "slope_on_grid|constant|0 [0] -> 1|4": (
            "r >= 1: row 0 of the cropped DEM is the edge of the array Horn ran on, NaN either way"
        ),
        "_crop|arithmetic|inv.a * x + inv.b * y [+] -> -|0": (
            "every DEM is north-up (imports are reprojected by calculate_default_transform; the illustrative "
            "DEM is on a grid_over grid): inv.b = 0"
        ),
        "_crop|arithmetic|inv.b * y [*] -> /|0": (
            "every DEM is north-up: inv.b = 0, and 0 / y = 0 (UTM northings in Điện Biên are never 0)"
        ),
        "_crop|arithmetic|inv.d * x [*] -> /|0": (
            "every DEM is north-up: inv.d = 0, and 0 / x = 0 (UTM eastings are never 0)"
        ),
        "_crop|constant|1 [1] -> 2|1": (
            "a crop one row wider to the north: the slopes inside the box are the same"
        ),
        "_crop|constant|2 [2] -> 3|0": (
            "a crop one row wider to the south: the slopes inside the box are the same"
        ),
        "_crop|constant|1 [1] -> 2|2": (
            "a crop one column wider to the west: the slopes inside the box are the same"
        ),
        "_crop|constant|2 [2] -> 3|1": (
            "a crop one column wider to the east: the slopes inside the box are the same"
        ),
        "_crop|boolean|r0 >= r1 or c0 >= c1 [or] -> and|0": (
            "the slice then returned is empty, or (box north or west of the DEM) its first rows or columns "
            "placed by their own transform: no mask cell lies on it, NaN as before"
        ),
        "_crop|compare|r0 >= r1 [>=] -> >|0": "r0 == r1 slices no row: an empty DEM, NaN as before",
        "_crop|compare|c0 >= c1 [>=] -> >|0": "c0 == c1 slices no column: an empty DEM, NaN as before",
        "_crop|slice|:0 [upper bound] -> (removed)|0": (
            "[:, :0] still has no cell: every slope NaN as before"
        ),
        "_crop|slice|:0 [upper bound] -> (removed)|1": (
            "[:0, :] still has no cell: every slope NaN as before"
        ),
        "_crop|constant|0 [0] -> 1|3": "[:1, :0] still has no cell: every slope NaN as before",
        "_crop|constant|0 [0] -> 1|4": "[:0, :1] still has no cell: every slope NaN as before",
        "_crop|slice|r0:r1 [upper bound] -> (removed)|0": (
            "the crop runs on to the DEM's south edge: more rows, the same slopes inside the box"
        ),
        "_crop|slice|c0:c1 [upper bound] -> (removed)|0": (
            "the crop runs on to the DEM's east edge: more columns, the same slopes inside the box"
        ),
    },
    "analysis/scenarios.py": {
        "_sites|constant|0 [0] -> 1|1": (
            "a village layer without ids knows the id '' instead of none: _moves refuses an item without a "
            "village id, so no move names ''"
        ),
    },
    "analysis/programmes.py": {
        "<module>|constant|1 [1] -> 2|1": (
            "a need indicator's direction is read only by its sign (> 0 / < 0): +2 and -2 act as +1 and -1"
        ),
        "<module>|constant|1 [1] -> 2|2": (
            "a need indicator's direction is read only by its sign (> 0 / < 0): +2 and -2 act as +1 and -1"
        ),
        "<module>|constant|1 [1] -> 2|3": (
            "a need indicator's direction is read only by its sign (> 0 / < 0): +2 and -2 act as +1 and -1"
        ),
        "<module>|constant|1 [1] -> 2|4": (
            "a need indicator's direction is read only by its sign (> 0 / < 0): +2 and -2 act as +1 and -1"
        ),
        "<module>|constant|1 [1] -> 2|5": (
            "a need indicator's direction is read only by its sign (> 0 / < 0): +2 and -2 act as +1 and -1"
        ),
        "<module>|constant|1 [1] -> 2|0": (
            "the poor-rate direction is read only by its sign (> 0 / < 0): +2 acts as +1"
        ),
        "memberships_to_2025|constant|1.0 [1.0] -> 1.2|0": (
            "the weight 'one' only weights rates, and there are none; its sum is not in the output"
        ),
        "memberships_to_2025|compare|m == NO [==] -> !=|0": (
            "only is_member == True is read, and only 'yes' gives True either way: None and False swapped "
            "for no and unknown change nothing"
        ),
        "_per_commune|constant|0 [0] -> 1|3": (
            "the default direction of a column outside NEED_INDICATORS: neither 0 nor 1 is < 0, 'first' "
            "either way"
        ),
        "need_scores|compare|w > 0 [>] -> >=|0": "a weight of 0 adds 0 to the total",
        "need_scores|compare|denominator > 0 [>] -> >=|0": (
            "a denominator of 0 comes with a numerator of 0: 0 / 0 is NaN, the documented 'no score'"
        ),
        "need_scores|compare|total > 0 [>] -> >=|0": (
            "a total of 0 makes every denominator 0: 0 / 0 is NaN as before"
        ),
        "normalise_indicator|compare|direction > 0 [>] -> >=|0": (
            "the only caller passes +1 or -1 from NEED_INDICATORS, never 0"
        ),
        "_per_commune|compare|NEED_INDICATORS.get(c, 0) > 0 [>] -> >=|0": (
            "households of a GSO code drawn as two polygons: the app and the CLI join the survey's one row "
            "per code onto both, so first, max and min agree"
        ),
        "_per_commune|compare|NEED_INDICATORS.get(c, 0) < 0 [<] -> <=|0": (
            "households of a GSO code drawn as two polygons: the app and the CLI join the survey's one row "
            "per code onto both, so first, max and min agree"
        ),
        "_per_commune|constant|0 [0] -> 1|1": (
            "households of a GSO code drawn as two polygons: the app and the CLI join the survey's one row "
            "per code onto both, so first, max and min agree"
        ),
        "_per_commune|constant|0 [0] -> 1|2": (
            "households of a GSO code drawn as two polygons: the app and the CLI join the survey's one row "
            "per code onto both, so first, max and min agree"
        ),
    },
}

#: Libraries loaded once by the runner, so that each forked test run starts with them in memory.
PRELOAD = (
    "numpy",
    "pandas",
    "geopandas",
    "shapely",
    "scipy.sparse",
    "scipy.sparse.csgraph",
    "scipy.spatial",
    "scipy.ndimage",
    "pyproj",
    "pyogrio",
    "rasterio",
    "rasterio.features",
    "openpyxl",
    "affine",
    "mapclassify",
    "exactextract",
    "folium",
    "branca",
    "jinja2",
    "matplotlib",
    "matplotlib.pyplot",
    "xlsxwriter",
    "hypothesis",
    "pytest",
    "_pytest.python",
    "networkx",
)

_COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINARY = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
}
_SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.And: "and",
    ast.Or: "or",
    ast.Not: "not",
    ast.Invert: "~",
    ast.USub: "-",
}


@dataclass
class Mutant:
    """One change: the node's place in ``ast.walk`` order, what kind of change, and where (original line)."""

    index: int
    kind: str
    line: int
    end_line: int
    function: str
    before: str
    after: str
    occurrence: int = 0
    outcome: str = ""
    seconds: float = 0.0
    detail: str = ""

    @property
    def key(self) -> str:
        """A name that survives edits elsewhere in the module: function, change and the changed text."""
        return f"{self.function}|{self.kind}|{self.before} -> {self.after}|{self.occurrence}"


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Ids of nodes never mutated: annotations, docstrings."""
    skip: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        elif isinstance(node, ast.arg):
            mark(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            mark(node.returns)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                mark(first)
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            mark(node)  # attribute docstrings
    return skip


def _scaled(value: int | float) -> int | float:
    if isinstance(value, float):
        return value * 1.2 if value else 1.0
    bigger = round(value * 1.2)
    return bigger if bigger != value else value + 1


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _changes(node: ast.AST) -> list[tuple[str, str, str, object]]:
    """The changes of one node: (kind, before, after, how) where ``how`` is applied by :func:`_apply`."""
    out: list[tuple[str, str, str, object]] = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _COMPARE:
                new = _COMPARE[type(op)]
                out.append(("compare", _SYMBOL[type(op)], _SYMBOL[new], ("ops", i, new)))
    elif isinstance(node, ast.BinOp | ast.AugAssign):
        left = node.left if isinstance(node, ast.BinOp) else node.target
        if type(node.op) in _BINARY and not (
            isinstance(node.op, ast.Add | ast.Mod)
            and (_is_text(left) or _is_text(node.value if isinstance(node, ast.AugAssign) else node.right))
        ):
            new = _BINARY[type(node.op)]
            out.append(("arithmetic", _SYMBOL[type(node.op)], _SYMBOL[new], ("op", new)))
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        out.append(("boolean", _SYMBOL[type(node.op)], _SYMBOL[new], ("op", new)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.Invert | ast.USub):
        out.append(("negation", _SYMBOL[type(node.op)], "(removed)", ("unwrap",)))
    elif (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        out.append(("constant", repr(node.value), repr(_scaled(node.value)), ("value", _scaled(node.value))))
    elif isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            if getattr(node, bound) is not None:
                out.append(("slice", f"{bound} bound", "(removed)", ("drop", bound)))
    return out


def _apply(node: ast.AST, how: tuple) -> ast.AST:
    """Return the mutated copy of ``node``."""
    new = copy.deepcopy(node)
    if how[0] == "ops":
        new.ops[how[1]] = how[2]()
    elif how[0] == "op":
        new.op = how[1]()
    elif how[0] == "unwrap":
        return new.operand
    elif how[0] == "value":
        new.value = how[1]
    elif how[0] == "drop":
        setattr(new, how[1], None)
    return new


def _function_names(tree: ast.AST) -> dict[int, str]:
    """Map every node id to the qualified name of the function or class holding it (``<module>`` at top
    level)."""
    names: dict[int, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = name
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = child.name if name == "<module>" else f"{name}.{child.name}"
            names[id(child)] = inner
            visit(child, inner)

    visit(tree, "<module>")
    return names


def list_mutants(source: str) -> list[Mutant]:
    """Every mutant of a module's source, in a stable order."""
    tree = ast.parse(source)
    skip = _skipped_nodes(tree)
    names = _function_names(tree)
    mutants: list[Mutant] = []
    seen: dict[tuple, int] = {}
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip or not hasattr(node, "lineno") and not isinstance(node, ast.Slice):
            continue
        for kind, before, after, how in _changes(node):
            segment = ast.get_source_segment(source, node) or ast.unparse(node)
            segment = " ".join(segment.split())
            text_before = f"{segment[:70]} [{before}]"
            function = names.get(id(node), "<module>")
            counter = (function, kind, text_before, after)
            seen[counter] = seen.get(counter, -1) + 1
            line = getattr(node, "lineno", 0)
            mutant = Mutant(
                index,
                kind,
                line,
                getattr(node, "end_lineno", line) or line,
                function,
                text_before,
                after,
                seen[counter],
            )
            mutant.detail = json.dumps(how, default=lambda o: o.__name__)
            mutants.append(mutant)
    return sorted(mutants, key=lambda m: (m.line, m.index))


def mutated_source(source: str, mutant: Mutant) -> str:
    """Return the module's source with ``mutant`` applied: only the node's own text is replaced when that
    gives the intended tree, else the whole module is written back from the mutated tree."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    node = nodes[mutant.index]
    how = json.loads(mutant.detail)
    if how[0] in ("ops", "op"):
        how[-1] = getattr(ast, how[-1])
    new_node = _apply(node, tuple(how))
    # the intended tree
    parents = {id(child): parent for parent in nodes for child in ast.iter_child_nodes(parent)}
    parent = parents[id(node)]
    for name, value in ast.iter_fields(parent):
        if value is node:
            setattr(parent, name, new_node)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if item is node:
                    value[i] = new_node
    wanted = ast.dump(tree)
    if hasattr(node, "end_lineno") and node.end_lineno is not None:
        lines = source.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line.encode("utf-8")))
        data = source.encode("utf-8")
        start = offsets[node.lineno - 1] + node.col_offset
        end = offsets[node.end_lineno - 1] + node.end_col_offset
        text = ast.unparse(new_node)
        if isinstance(new_node, ast.Slice):
            text = (
                (ast.unparse(new_node.lower) if new_node.lower else "")
                + ":"
                + (ast.unparse(new_node.upper) if new_node.upper else "")
                + (":" + ast.unparse(new_node.step) if new_node.step else "")
            )
        candidate = (
            (data[:start] + f"({text})".encode() + data[end:]).decode("utf-8")
            if not isinstance(new_node, ast.Slice)
            else (data[:start] + text.encode() + data[end:]).decode("utf-8")
        )
        try:
            if ast.dump(ast.parse(candidate)) == wanted:
                return candidate
        except SyntaxError:
            pass
    return ast.unparse(tree)


# --- running
# ----------------------------------------------------------------------------------------------------


def make_scratch() -> Path:
    """A copy of the repository (sources, tests, data) where mutated modules are written."""
    scratch = Path(tempfile.mkdtemp(prefix="mutation."))
    ignore = shutil.ignore_patterns(
        ".git", ".venv", ".hypothesis", "__pycache__", "test-artifacts", "out", "*.pyc"
    )
    for item in ROOT.iterdir():
        if item.name in (".git", ".venv", ".hypothesis", "test-artifacts", "out", "__pycache__"):
            continue
        if item.is_dir():
            shutil.copytree(item, scratch / item.name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(item, scratch / item.name)
    return scratch


def _child(args: list[str], log: Path, trace: str | None) -> None:
    """Run pytest in this (forked) process and exit with its code; never returns."""
    code = 99
    try:
        os.setpgid(0, 0)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        if trace:
            _start_trace(trace)
        import pytest

        code = int(pytest.main(args))
        if trace:
            sys.settrace(None)
            Path(trace + ".lines").write_text(json.dumps(sorted(_TRACED)))
    except BaseException as exc:  # noqa: BLE001 - the parent reads the exit code only
        print(f"runner error: {exc!r}", flush=True)
    finally:
        try:
            atexit._run_exitfuncs()
        except BaseException:  # noqa: BLE001, S110
            pass
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


_TRACED: set[int] = set()


def _start_trace(filename: str) -> None:
    import threading

    def local(frame, event, arg):
        if event == "line":
            _TRACED.add(frame.f_lineno)
        return local

    def root(frame, event, arg):
        if frame.f_code.co_filename == filename:
            _TRACED.add(frame.f_lineno)
            return local
        return None

    sys.settrace(root)
    threading.settrace(root)


def run_tests(
    args: list[str], log: Path, *, timeout: float, trace: str | None = None
) -> tuple[int | None, float]:
    """Fork, run pytest with ``args`` in the child, wait at most ``timeout`` s; return (exit code or None,
    seconds)."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(args, log, trace)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), time.perf_counter() - t0
        if time.perf_counter() - t0 > timeout:
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)
            return None, time.perf_counter() - t0
        time.sleep(0.05)


@dataclass
class ModuleReport:
    """Counts of one module's campaign."""

    module: str
    tests: list[str]
    baseline_seconds: float = 0.0
    wall_seconds: float = 0.0
    mutants: list[Mutant] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {
            "total": len(self.mutants),
            "killed": 0,
            "timeout": 0,
            "survived": 0,
            "not_covered": 0,
            "equivalent": 0,
        }
        for m in self.mutants:
            if m.outcome in ("survived", "not_covered") and m.key in EQUIVALENT.get(self.module, {}):
                out["equivalent"] += 1
            else:
                out[m.outcome] += 1
        return out

    def score(self) -> float:
        c = self.counts()
        judged = c["total"] - c["equivalent"]
        return 100.0 * (c["killed"] + c["timeout"]) / judged if judged else 100.0


def campaign(
    module: str,
    scratch: Path,
    *,
    tests: list[str],
    match: list[str] | None,
    list_only: bool,
    only: set[str] | None = None,
    progress=None,
) -> ModuleReport:
    """Run every mutant of ``module`` (or those matching); ``progress(report)`` is called after each one."""
    source = (ROOT / module).read_text(encoding="utf-8")
    mutants = list_mutants(source)
    if match:
        mutants = [m for m in mutants if any(text in m.key for text in match)]
    if only is not None:
        mutants = [m for m in mutants if m.key in only]
    report = ModuleReport(module, tests, mutants=mutants)
    if list_only:
        for m in mutants:
            print(f"{m.line:5d} {m.key}")
        return report
    target = scratch / module
    original = target.read_text(encoding="utf-8")
    if not any((scratch / t).exists() for t in tests if t.startswith("tests/")):
        print(
            f"{module}: no test module of its own ({' '.join(tests)}): {len(mutants)} mutants not covered",
            flush=True,
        )
        for mutant in mutants:
            mutant.outcome = "not_covered"
        return report
    logs = scratch / "_logs"
    logs.mkdir(exist_ok=True)
    args = [
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "-o",
        "addopts=",
        "--timeout=600",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        *tests,
    ]
    t_start = time.perf_counter()
    trace = None if module in UNTRACED else str(target)
    code, seconds = run_tests(args, logs / "baseline.log", timeout=3600, trace=trace)
    if code != 0:
        tail = "\n".join((logs / "baseline.log").read_text(errors="replace").splitlines()[-40:])
        raise SystemExit(f"{module}: the tests fail without any mutant (exit {code}):\n{tail}")
    covered = set(json.loads(Path(trace + ".lines").read_text())) if trace else None
    report.baseline_seconds = seconds
    limit = 2 * seconds + 30
    print(f"{module}: {len(mutants)} mutants, tests {' '.join(tests)} take {seconds:.1f} s", flush=True)
    try:
        for n, mutant in enumerate(mutants, 1):
            node_lines = set(range(mutant.line, mutant.end_line + 1))
            if (
                covered is not None
                and not node_lines & covered
                and not _module_level_line(source, mutant.line)
            ):
                mutant.outcome = "not_covered"
            else:
                target.write_text(mutated_source(source, mutant), encoding="utf-8")
                code, mutant.seconds = run_tests(args, logs / f"m{n}.log", timeout=limit)
                mutant.outcome = "timeout" if code is None else "survived" if code == 0 else "killed"
                target.write_text(original, encoding="utf-8")
                if mutant.outcome != "survived":
                    (logs / f"m{n}.log").unlink(missing_ok=True)
            flag = (
                " (equivalent)"
                if mutant.outcome in ("survived", "not_covered") and mutant.key in EQUIVALENT.get(module, {})
                else ""
            )
            print(
                f"  [{n}/{len(mutants)}] {mutant.outcome:11s} {mutant.seconds:6.1f} s  line {mutant.line}: "
                f"{mutant.key}{flag}",
                flush=True,
            )
            if progress is not None:
                report.wall_seconds = time.perf_counter() - t_start
                progress(
                    ModuleReport(module, tests, report.baseline_seconds, report.wall_seconds, mutants[:n]),
                    partial=n < len(mutants),
                )
    finally:
        target.write_text(original, encoding="utf-8")
    report.wall_seconds = time.perf_counter() - t_start
    return report


def _module_level_line(source: str, line: int) -> bool:
    """True for lines run at import (module-level statements): always covered when the module is imported."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if node.lineno <= line <= (node.end_lineno or node.lineno):
            return True
    return False


def merge_rerun(report: ModuleReport, previous: dict) -> ModuleReport:
    """The earlier run's mutants with the outcomes of those run again (a mutant no longer in the module is
    dropped)."""
    fresh = {m.key: m for m in report.mutants}
    current = {m.key for m in list_mutants((ROOT / report.module).read_text(encoding="utf-8"))}
    merged = []
    for item in previous["mutants"]:
        if item["key"] not in current:
            continue
        merged.append(fresh.get(item["key"]) or Mutant(**{k: v for k, v in item.items() if k != "key"}))
    known = {m.key for m in merged}
    merged.extend(m for m in report.mutants if m.key not in known)
    merged.sort(key=lambda m: (m.line, m.index))
    return ModuleReport(
        report.module,
        report.tests,
        baseline_seconds=report.baseline_seconds,
        wall_seconds=previous["wall_seconds"] + report.wall_seconds,
        mutants=merged,
    )


def print_summary(path: Path, modules: list[str]) -> None:
    """Print the score of each module of a results file (a Markdown table) and its survivors, as judged
    now."""
    data = json.loads(path.read_text())
    print("| module | caught / non-equivalent | score | equivalent | survived | not covered | timeout |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for module in modules:
        if module not in data:
            continue
        report = ModuleReport(
            module,
            data[module]["tests"],
            mutants=[Mutant(**{k: v for k, v in m.items() if k != "key"}) for m in data[module]["mutants"]],
        )
        c = report.counts()
        every = len(list_mutants((ROOT / module).read_text()))
        if len(report.mutants) < every:  # a stopped or --match run, or mutants of code changed since
            module = f"{module} (part: {len(report.mutants)} of {every})"
        print(
            f"| `{module}` | {c['killed'] + c['timeout']} / {c['total'] - c['equivalent']} | "
            f"{report.score():.1f} % | {c['equivalent']} | {c['survived']} | {c['not_covered']} | "
            f"{c['timeout']} |"
        )
        rows.append(report)
    for report in rows:
        for m in report.mutants:
            if m.outcome in ("survived", "not_covered") and m.key not in EQUIVALENT.get(report.module, {}):
                print(f"  {report.module}:{m.line} {m.outcome}: {m.key}")


def parse_args() -> argparse.Namespace:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module paths, e.g. analysis/flags.py")
    parser.add_argument("--json", help="write every mutant and its outcome here")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument(
        "--match", action="append", help="run only mutants whose key contains this text (repeat: any of them)"
    )
    parser.add_argument("--tests", nargs="*", help="override the test selection")
    parser.add_argument(
        "--deselect", help="a pytest -k expression added to every selection (e.g. 'not fuzz')"
    )
    parser.add_argument(
        "--rerun",
        action="store_true",
        help="run again only the mutants that survived in the --json file's last run of the module "
        "(caught ones are kept as they were) and update that file",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="run only the mutants the --json file has no outcome for yet (a stopped or partial run "
        "of the module), keep the others as they were and update that file",
    )
    parser.add_argument(
        "--summary", action="store_true", help="print a table of the --json file's scores, run nothing"
    )
    return parser.parse_args()


def enter_scratch(list_only: bool) -> Path | None:
    """Quiet, single-threaded, no bytecode; make the scratch copy, move into it and preload the libraries."""
    os.environ.setdefault("HYPOTHESIS_PROFILE", "dev")
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    sys.dont_write_bytecode = True
    if list_only:
        return None
    scratch = make_scratch()
    os.chdir(scratch)
    sys.path.insert(0, str(scratch))
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    return scratch


def previous_run(options: argparse.Namespace, json_path: Path | None, module: str) -> dict | None:
    """With --rerun or --resume, the module's earlier results from the --json file (None without either)."""
    if not (options.rerun or options.resume):
        return None
    if not (json_path and json_path.exists()):
        raise SystemExit("--rerun and --resume need the --json file of an earlier run")
    return json.loads(json_path.read_text()).get(module)


def saver(options: argparse.Namespace, json_path: Path | None, previous: dict | None):
    """Return the function that writes a module's results (after each mutant too, so a stopped run keeps its
    part)."""

    def save(report: ModuleReport, *, partial: bool = False) -> None:
        if not json_path or options.list:
            return
        match = options.match
        if previous is not None and options.resume:
            report = merge_rerun(report, previous)
        elif previous is not None:
            report = merge_rerun(report, previous)
            partial, match = partial or bool(previous.get("partial")), match or previous.get("match")
        json_path.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(json_path.read_text()) if json_path.exists() else {}
        existing[report.module] = {
            "tests": report.tests,
            "baseline_seconds": report.baseline_seconds,
            "wall_seconds": report.wall_seconds,
            "partial": partial,
            "match": match,
            "counts": report.counts(),
            "score": report.score(),
            "mutants": [asdict(m) | {"key": m.key} for m in report.mutants],
        }
        json_path.write_text(json.dumps(existing, indent=1, ensure_ascii=False))

    return save


def print_report(module: str, report: ModuleReport) -> None:
    """One module's score and its survivors that were not judged equivalent."""
    c = report.counts()
    print(
        f"{module}: {report.score():.1f} % caught of {c['total'] - c['equivalent']} non-equivalent ({c}); "
        f"tests {report.baseline_seconds:.1f} s, campaign {report.wall_seconds / 60:.1f} min",
        flush=True,
    )
    for m in report.mutants:
        if m.outcome in ("survived", "not_covered") and m.key not in EQUIVALENT.get(module, {}):
            print(f"    {m.outcome:11s} line {m.line}: {m.key}")


def run_module(
    module: str, options: argparse.Namespace, json_path: Path | None, scratch: Path | None
) -> None:
    """Run (or list) one module's mutants against its tests and report them."""
    tests = options.tests or SELECTION[module]
    tests = [*tests, "-k", options.deselect] if options.deselect else tests
    previous = previous_run(options, json_path, module)
    if (options.rerun or options.resume) and previous is None:
        print(f"{module}: no earlier run in {json_path}", flush=True)
        return
    if previous is None:
        only = None
    elif options.resume:
        done = {m["key"] for m in previous["mutants"]}
        only = {m.key for m in list_mutants((ROOT / module).read_text(encoding="utf-8"))} - done
    else:
        only = {
            m["key"]
            for m in previous["mutants"]
            if m["outcome"] in ("survived", "not_covered") and m["key"] not in EQUIVALENT.get(module, {})
        }
    save = saver(options, json_path, previous)
    try:
        report = campaign(
            module,
            scratch or ROOT,
            tests=tests,
            match=options.match,
            list_only=options.list,
            only=only,
            progress=save,
        )
    except SystemExit as exc:
        print(exc, flush=True)
        return
    save(report)
    if previous is not None:
        report = merge_rerun(report, previous)
    if not options.list:
        print_report(module, report)


def main() -> None:
    options = parse_args()
    if options.summary:
        print_summary(Path(options.json), options.modules)
        return
    json_path = Path(options.json).resolve() if options.json else None
    scratch = enter_scratch(options.list)
    try:
        for module in options.modules:
            run_module(module, options, json_path, scratch)
    finally:
        if scratch is not None:
            os.chdir(ROOT)
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
