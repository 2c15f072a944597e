"""The one message catalogue: one key, one text; one Vietnamese text, one English text."""

from __future__ import annotations

import pytest

from geo import messages
from geo.messages import MESSAGES, DuplicateMessage, merge, msg


def test_a_key_defined_in_two_domains_is_refused():
    with pytest.raises(DuplicateMessage, match="'title'.*'a'.*'b'"):
        merge({"a": {"title": ("Tiêu đề", "Title")}, "b": {"title": ("Tên", "Name")}})


def test_every_domain_module_is_merged_and_every_message_is_a_pair():
    for domain in messages.DOMAINS:
        table = __import__(f"geo.messages.{domain}", fromlist=["MESSAGES"]).MESSAGES
        for key in table:
            assert MESSAGES[key] == table[key]
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key


def test_msg_picks_the_language_and_fills_fields():
    key = next(k for k, (vi, en) in MESSAGES.items() if vi != en and "{" not in vi)
    assert msg(key) == MESSAGES[key][0]
    assert msg(key, "en") == MESSAGES[key][1]
    assert msg("no such key", "en") == "no such key"
    templated = next(k for k, (vi, _) in MESSAGES.items() if "{rows}" in vi)
    assert "12" in msg(templated, "vi", rows=12, removed=3, updated=1, added=2, columns="x", kept=0, years="2020")
