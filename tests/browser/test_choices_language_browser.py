"""Every page in headless Chromium, switched from Vietnamese to English: each choice shown (a select box's
value, a multiselect's chips, the radio buttons) reads in English and stays chosen.

Streamlit keeps the label of a keyed choice it is not sent again; the pages give each its value again on every
run (ui.state.restore) so that it is relabelled.
"""

from __future__ import annotations

import functools
import re

import pytest

from geo.messages import MESSAGES, msg
from layers.targets import load_targets
from tests.browser.pages import settle

PAGES = ["", "flags", "access", "scorecard", "programmes", "resettlement", "export", "import", "about"]
#: The label of the language switch (app.py): bilingual on purpose.
LANGUAGE = "Ngôn ngữ / Language"

#: What the page shows as chosen: the value of every select box, the chips of every multiselect, the label of
#: every radio button; and, for each radio group but the language switch, its label and the position of the
#: button checked (-1: none).
_CHOICES = """(language) => ({
  shown: [
    ...[...document.querySelectorAll('[data-testid=stSelectbox] input')].map(e => e.value),
    ...[...document.querySelectorAll('[data-testid=stMultiSelect] [data-tag]')]
      .map(e => e.getAttribute('aria-label')),
    ...[...document.querySelectorAll('[data-testid=stRadioOption]')].map(e => e.innerText.trim())],
  checked: [...document.querySelectorAll('[data-testid=stRadioGroup]')]
    .filter(g => g.getAttribute('aria-label') !== language)
    .map(g => [g.getAttribute('aria-label'), [...g.querySelectorAll('input')].findIndex(i => i.checked)]),
})"""


@functools.cache
def vietnamese_texts() -> frozenset[str]:
    """The Vietnamese texts that have an English text of their own (case folded): the message catalogue's, and
    the names of the 2020 targets' indicators (data the Scorecard page offers as choices)."""
    targets = load_targets()
    pairs = [*MESSAGES.values(), *zip(targets["indicator_vi"], targets["indicator_en"], strict=True)]
    return frozenset(vi.casefold() for vi, en in pairs if vi != en)


#: What separates the parts of a label made of several texts: "RD-0216 (đường xã, đất)", "Xã A · 03154".
_PARTS = re.compile(r"[()·,;—]")


def vietnamese_labels(shown: list[str]) -> list[str]:
    """The labels of ``shown`` that are such a Vietnamese text, or have one as a part (between brackets,
    commas, "·" or "—"; a leading mark such as "⚠" aside)."""
    texts = vietnamese_texts()
    return [
        label
        for label in shown
        if label.casefold() in texts
        or any(part.strip(" ⚠*").casefold() in texts for part in _PARTS.split(label))
    ]


def test_the_label_check_finds_vietnamese_texts_only():
    indicator = load_targets().set_index("indicator_id").loc["poverty_rate"]
    assert vietnamese_labels([msg("all_districts", "vi"), msg("all_districts", "en")]) == [
        msg("all_districts", "vi")
    ]
    assert vietnamese_labels([f"⚠ {indicator['indicator_vi']}", f"⚠ {indicator['indicator_en']}"]) == [
        f"⚠ {indicator['indicator_vi']}"
    ]
    road = "RD-0216 ({}, {})"
    vi, en = (
        road.format(msg("class_commune", lang), msg("surface_earth", lang).lower()) for lang in ("vi", "en")
    )
    assert vietnamese_labels([vi, en]) == [vi]
    # names of places and files read the same in both languages
    assert (
        vietnamese_labels(["Xã Sín Thầu (Huyện Mường Nhé) · 03154", "du_an", "A4", "150", "Shapefile (zip)"])
        == []
    )


def _choose(page, label: str, option: str | None = None) -> None:
    """Choose ``option`` (else the first one offered) in the select box or multiselect labelled ``label``."""
    box = page.locator("[data-testid=stSelectbox], [data-testid=stMultiSelect]").filter(has_text=label).first
    box.locator("input").click()
    page.keyboard.press("ArrowDown")  # a click may only focus the box; the arrow key opens its list
    options = page.locator("[role=option]")
    (options.filter(has_text=option) if option else options).first.click()
    page.keyboard.press("Escape")


def _pick(page, label: str, option: str | None = None) -> None:
    _choose(page, label, option)
    settle(page)


def _pick_road(page) -> None:
    """Choose a road of the Resettlement page's scenario, then show the first tab again (a page settles with
    the tab of its tables shown)."""
    page.get_by_role("tab", name=msg("res_tab_scenarios", "vi")).click()
    _choose(page, msg("res_scn_roads", "vi"))
    page.get_by_role("tab", name=msg("res_tab_rank", "vi")).click()
    settle(page)


def _click(page, name: str) -> None:
    page.get_by_text(name, exact=True).first.click()
    settle(page)


#: Choices a user makes in Vietnamese before the switch, so that chosen values of every kind are on screen:
#: a radio button other than the first, a district, multiselect chips (the Scorecard's filters are drawn below
#: the province level only), roads of a scenario.
PREPARE = {
    "access": lambda page: _click(page, msg("acc_method_season_rainy", "vi")),
    "scorecard": lambda page: (
        _click(page, msg("sc_district", "vi")),
        _pick(page, msg("scl_filter_indicators", "vi")),
        _pick(page, msg("scl_filter_status", "vi"), msg("sc_off_track", "vi")),
    ),
    "export": lambda page: (
        _pick(page, msg("district_filter", "vi"), "Huyện Mường Nhé"),
        _click(page, msg("exp_portrait", "vi")),
    ),
    "resettlement": _pick_road,
}


@pytest.mark.parametrize("path", PAGES)
def test_every_choice_shown_follows_a_switch_to_english(browser, app_url, path):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{app_url}/{path}")
    settle(page)
    PREPARE.get(path, lambda page: None)(page)
    before = page.evaluate(_CHOICES, LANGUAGE)
    assert vietnamese_labels(before["shown"]), before  # the check sees the Vietnamese choices
    _switch_to_english(page)
    after = page.evaluate(_CHOICES, LANGUAGE)
    assert vietnamese_labels(after["shown"]) == [], after["shown"]
    # the same button stays checked in every radio group (none left unchecked)
    assert [i for _, i in after["checked"]] == [i for _, i in before["checked"]], after["checked"]
    if path == "export":  # the district chosen survives the switch; the default title follows the language
        assert "Huyện Mường Nhé" in after["shown"], after["shown"]
        assert _title(page) == msg("app_title", "en")
    page.close()


def _switch_to_english(page) -> None:
    page.get_by_text("English", exact=True).first.click()
    page.wait_for_function(
        "(units) => document.querySelector('[data-testid=stSidebar]').innerText.includes(units)",
        arg=msg("units", "en"),
        timeout=120_000,
    )
    settle(page)


def _title(page) -> str:
    return page.get_by_label(msg("exp_title", "en"), exact=True).input_value()


def test_a_title_the_user_typed_survives_a_switch(browser, app_url):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{app_url}/export")
    settle(page)
    field = page.get_by_label(msg("exp_title", "vi"), exact=True)
    assert field.input_value() == msg("app_title", "vi")
    field.fill("Họp giao ban huyện Mường Nhé")
    field.press("Enter")
    settle(page)
    _switch_to_english(page)
    assert _title(page) == "Họp giao ban huyện Mường Nhé"
    page.close()
