"""Plain text from HTML, and the one word-boundary cut every plugin uses."""

from __future__ import annotations

import pytest
from givefirst_kit.text import plain_text, shorten
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<em>Markup</em> &amp; entities &lt;here&gt;", "Markup & entities <here>"),
        ("Line\nbreaks\tand &nbsp; spaces", "Line breaks and spaces"),
        ("<p>One</p>\n<p>two</p>", "One two"),
        ("<!-- a comment -->Seen", "Seen"),
        (None, ""),
    ],
)
def test_plain_text_is_what_a_reader_sees_on_one_line(html, text):
    assert plain_text(html) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_plain_text_without_markup_is_the_text_on_one_line(text):
    """The short way for text with no tag and no reference gives what parsing gives."""
    assert plain_text(text) == " ".join(Markup(text).striptags().split())


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=15),
        max_size=40,
    ),
    st.integers(min_value=20, max_value=300),
)
def test_shorten_never_exceeds_the_limit_and_never_splits_a_word(words, limit):
    text = " ".join(" ".join(words).split())
    result = shorten(text, limit)
    assert len(result) <= limit
    if len(text) <= limit:
        assert result == text
        return
    head = result.removesuffix("…")
    assert result.endswith("…") and text.startswith(head)
    rest = text[len(head) :]
    hard_cut = " " not in text[:limit]
    assert hard_cut or rest[0] in " \t,;:.-–—", f"cut inside a word: {head!r} | {rest!r}"


@pytest.mark.parametrize(
    "text",
    ["人脈づくりは長い時間をかけて育てるものです" * 10, "e\u0301" * 100, "🚀" * 100],
)
def test_shorten_handles_text_without_spaces(text):
    result = shorten(text, 25)
    assert len(result) <= 25 and result.endswith("…")
    assert text.startswith(result[:-1])
    assert text[len(result) - 1] != "\u0301", "a combining accent lost its letter"
