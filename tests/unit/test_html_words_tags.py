"""player/course/spaces.py reads tags with regexes (html_words: summaries, accessible names,
xAPI activity names). A tag's inside is read as html.parser reads it, a quoted value whole, and
never past an unquoted "<": with `[^>]*`, each "<" that no ">" closed scanned to the end of the
text, and 140 KB of "<option" (a hostile or broken course) held the player for 26 s. No clock
here: the patterns are checked to stop at the next "<" by construction."""

from __future__ import annotations

import html
import re

import pytest

from player.course import spaces
from player.course.spaces import html_words, one_line
from player.ui.question_text import plain_text, sanitize_html

TAG_PATTERNS = [
    (name, value)
    for name, value in vars(spaces).items()
    if isinstance(value, re.Pattern)
    and (value.pattern.startswith("<") or value.pattern.startswith("(?P<tag><"))
]
NAMES = ["a", "b", "p", "br", "span", "script", "style", "img", "input", "select", "option"]


def test_the_tag_patterns_are_the_module_s() -> None:
    names = {name for name, _ in TAG_PATTERNS}
    assert {"_BLOCK_TAG", "_SPAN", "_CODE", "_BOX_TAG", "_TAG", "_PIECE", "_LEFT_OPEN"} <= names


@pytest.mark.parametrize(("name", "pattern"), TAG_PATTERNS, ids=[n for n, _ in TAG_PATTERNS])
def test_a_tag_left_open_ends_at_the_next_tag_not_at_the_end(
    name: str, pattern: re.Pattern[str]
) -> None:
    """Each "<" is read up to the next "<" at most, so reading every one is linear."""
    assert "[^>]" not in pattern.pattern, name
    for tag in NAMES:
        for text in (f"<{tag} x<{tag}>", f"<{tag} x=1 y<{tag} z>w</{tag}>"):
            match = pattern.match(text)
            assert match is None or "<" not in match.group()[1:], (name, tag, match)


@pytest.mark.parametrize(("name", "pattern"), TAG_PATTERNS, ids=[n for n, _ in TAG_PATTERNS])
def test_a_quoted_value_does_not_carry_a_tag_past_the_next_tag(
    name: str, pattern: re.Pattern[str]
) -> None:
    """A "<" that starts a tag ends a quoted value too: '<a x="<a" x="<a"...' read each value
    whole, so each "<" inside one started a scan to the end (html_words: 247 s for 200 KB)."""
    for tag in NAMES:
        for text in (
            f'<{tag} x="<{tag}" y="<{tag}" z',
            f"<{tag} x='<{tag} y' z<{tag}>",
            f'<{tag} x="</{tag}>" y>',
            f'<{tag} x="<!--" y>',
        ):
            match = pattern.match(text)
            assert match is None or "<" not in match.group()[1:], (name, tag, match)


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ('<img alt="2 > 1" src=x>vrai', "2 > 1 vrai"),  # was '1" src=x>vrai'
        ('<img alt="2 < 3" src=x>, <img alt=vrai>?', "2 < 3 , vrai ?"),
        ('<p title="a > b">Quoi ?</p>', "Quoi ?"),  # was 'b">Quoi ?'
        ("<p title=l'école>Quoi</p> l'autre, l'un", "Quoi l'autre, l'un"),
        ("2 < 3 et <b>4 > 3</b>", "2 < 3 et 4 > 3"),
    ],
)
def test_a_quoted_value_is_read_whole(fragment: str, words: str) -> None:
    assert one_line(html_words(fragment)) == words


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ('u <select><option value="z label=EVIL">a</option></select> v', "u [a] v"),
        ("u <select><option title='label=EVIL' label=L>a</option></select> v", "u [L] v"),
        ('<img title="x alt=EVIL" alt="Carte">', "Carte"),
        ("<img title='un alt=EVIL'>ok", "ok"),
        ('<IMG SRC=x ALT = "a &amp; b">', "a & b"),
        ("<img/alt=Carte>", "Carte"),
    ],
)
def test_an_attribute_inside_another_s_value_is_no_attribute(fragment: str, words: str) -> None:
    """ "label=" or "alt=" was found anywhere in the tag, a quoted value too; the attributes are
    read in order now, as html.parser (the player's screen) reads them."""
    assert one_line(html_words(fragment)) == words
    if "select" in fragment:
        assert plain_text(sanitize_html(fragment)) == words


@pytest.mark.parametrize(
    ("fragment", "words", "screen"),
    [
        # the screen's alt is "Carte<b" (html.parser: an unquoted value runs to the ">")
        ("a<img alt=Carte<b>c</b>d", "a Carte cd", "a[Carte<b]cd"),  # was 'a<img alt=Cartecd'
        ("a<p x<b>c</b>d", "a cd", "a cd"),
        ('a<b x="1" y<i>c</i>d', "acd", "acd"),
        ("u</select x<b>c</b>d", "u cd", "u cd"),
        (
            "<p>Ville <select><option>Paris</option></select un.</p>",
            "Ville [Paris]",
            "Ville [Paris]",
        ),
        ("2 < 3 <b>4</b> et a <b", "2 < 3 4 et a <b", "2 < 3 4 et a <b"),  # no tag: text
    ],
)
def test_a_tag_the_next_one_starts_before_its_end_is_no_words(
    fragment: str, words: str, screen: str
) -> None:
    """html.parser (the screen) reads "<img x<b>" as one tag up to its ">", the "<b" in it; here
    it is a tag too, closed where the next tag starts (reading up to the ">" rescanned the text
    from each "<"), not the words "<img x" in a name. So the name has the screen's words around
    such a tag, but not an unquoted value the next tag cuts short: alt=Carte<b is "Carte".
    `screen` is the summary read from the sanitized text (plain_text(sanitize_html))."""
    assert one_line(html_words(fragment)) == words
    assert plain_text(sanitize_html(fragment)) == screen


@pytest.mark.parametrize(
    "fragment",
    ["Si 2 < 3 et 5 > 4, alors ?", "<p>x < y</p><p>et y > z ?</p>", "a <- b -> c"],
)
def test_a_lower_than_sign_that_starts_no_tag_leaves_the_words_after_it(fragment: str) -> None:
    """ "< 3 et 5 >" was read as a tag and dropped: the name was 'Si 2 4, alors ?', where the
    screen shows the whole sentence (html.parser reads a "<" no letter follows as text)."""
    words = html.unescape(re.sub("<[a-z/][^>]*>", " ", fragment))
    assert one_line(html_words(fragment)) == one_line(words)
    assert plain_text(sanitize_html(fragment)) == one_line(words)  # a summary, from the screen's


MANY = 4400  # digits past int()'s limit of 4,300: html.unescape and html.parser raised ValueError


@pytest.mark.parametrize(
    ("reference", "decoded"),
    [
        ("&#" + "9" * MANY + ";", "\ufffd"),
        ("&#" + "9" * MANY, "\ufffd"),
        ("&#x" + "f" * MANY + ";", "\ufffd"),
        ("&#" + "0" * MANY + "65;", "A"),
        ("&#X" + "0" * MANY + "41;", "A"),
        ("&#" + "0" * MANY + ";", "\ufffd"),
    ],
)
def test_a_long_numeric_character_reference_is_read_as_it_decodes(
    reference: str, decoded: str
) -> None:
    """A question holding one could not be shown (QuestionWidget raised) nor named: it is the
    character it stands for, U+FFFD past U+10FFFF as for a short one."""
    fragment = f"<p>a {reference}b <img alt='x{reference}'></p>"
    assert one_line(html_words(fragment)) == f"a {decoded}b x{decoded}"
    assert sanitize_html(fragment) == f"<p>a {decoded}b [x{decoded}]</p>"


@pytest.mark.parametrize(
    "reference",
    [
        *("&#1114111;", "&#1114112;", "&#x10FFFF", "&#x110000;", "&#0000065;", "&#x0000041;"),
        *("&#99999999", "&#x1000000;", "&#00000000065", "&#x000000041z", "&#00000000128;"),
        *("&#000000055296;", "&#0000000000;", "&#x" + "f" * 200 + ";", "&#" + "9" * 200),
    ],
)
def test_a_character_reference_decodes_as_html_unescape_decodes_it(reference: str) -> None:
    """A reference is written short for html.parser and html.unescape, never changed."""
    expected = html.unescape(reference + "9x")
    assert html.unescape(spaces.short_charrefs(reference + "9x")) == expected
    assert html_words(reference + "9x") == expected


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ('a<span class="MULTILANG">b</span>c', "abc"),
        ('a<span title="class=multilang">b</span>c', "abc"),
        ('a<span class="not-multilang">b</span>c', "abc"),
        ('u <select><option>a<span class="Multilang">b</span></select> v', "u [ab] v"),
        ('u <select><option>a<span title="class=multilang">b</span></select> v', "u [ab] v"),
        ('a<span lang="fr" class="x multilang">b</span>c', "a b c"),  # a multilang span
        ("u <select><option>a<span class='multilang'>b</span></select> v", "u [a] b v"),
    ],
)
def test_a_multilang_span_is_one_whose_class_says_so(fragment: str, words: str) -> None:
    """Its class attribute is read as the sanitizer (the screen) reads it: a search for
    "class=...multilang" anywhere in the tag, in any case, put line breaks (and ended a list)
    in the names where the screen has none; and it backtracked from each "class=" (a span of
    20 KB of "class= " 1.8 s, 200 KB 371 s)."""
    assert one_line(html_words(fragment)) == words
    assert plain_text(sanitize_html(fragment)) == words
