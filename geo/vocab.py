"""The closed vocabularies of the tool as ``Literal`` types, and the tuples of their values.

Each value has one spelling.
"""

from __future__ import annotations

from typing import Literal, get_args

#: Commune sets: the 130 communes before the 2025 merger, or the 45 from 1 July 2025.
Units = Literal["pre2025", "2025"]
#: Seasons of the travel-time analysis (rainy: unpaved roads that are not all-season are closed).
Season = Literal["dry", "rainy"]
#: Languages of every message, map and export (Vietnamese first, the default).
Lang = Literal["vi", "en"]
#: Levels the 2020 targets are judged at.
Level = Literal["province", "district", "commune"]
#: Years of the commune survey.
SurveyYear = Literal[2015, 2016, 2017, 2018, 2019, 2020]

UNITS: tuple[Units, ...] = get_args(Units)
SEASONS: tuple[Season, ...] = get_args(Season)
LANGS: tuple[Lang, ...] = get_args(Lang)
LEVELS: tuple[Level, ...] = get_args(Level)
SURVEY_YEARS: tuple[SurveyYear, ...] = get_args(SurveyYear)
