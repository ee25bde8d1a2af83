"""xAPI interaction definitions, response strings and their inverse."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from player.course.gift import load_gift, parse_gift
from player.course.grading import InvalidResponseError, NoAnswerKeyError, Response, grade
from player.course.interactions import (
    CMI_INTERACTION,
    activity_definition,
    correct_responses_pattern,
    parse_response,
    response_string,
)
from player.course.quiz import Question
from tests.support import FIXTURES as SHARED_FIXTURES
from tests.support import ROOT

FIXTURES = SHARED_FIXTURES / "gift"
DEMO_SOURCE = ROOT / "resources" / "demo" / "source"


def q(question_id: str, text: str) -> Question:
    (question,) = parse_gift(text, "test.gift").questions
    return replace(question, id=question_id)


SINGLE = q("single", "::Capital::Capital of France? {=Paris ~London ~%50%Lutetia}")
MULTIPLE = q("multiple", "Primes? {~%50%Two ~%50%Three ~%-100%Four}")
TRUE_FALSE = q("truefalse", "The sun rises in the east. {T}")
SHORT = q("short", "Two plus two is {=four =%100%4 =%50%for}.")
NUMERIC = q("numeric", "Pi? {#=3.1415:0.0005 =%50%3.1..3.2}")
MATCHING = q("matching", "Match. {=Canada -> Ottawa =Italy -> Rome =Vatican -> Rome = -> Paris}")
ALL = (SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERIC, MATCHING)


# --- definitions ----------------------------------------------------------------------------


def test_choice_definition() -> None:
    assert activity_definition(SINGLE, "fr") == {
        "type": CMI_INTERACTION,
        "name": {"fr": "Capital"},
        "description": {"fr": "Capital of France?"},
        "interactionType": "choice",
        "choices": [
            {"id": "a", "description": {"fr": "Paris"}},
            {"id": "b", "description": {"fr": "London"}},
            {"id": "c", "description": {"fr": "Lutetia"}},
        ],
        "correctResponsesPattern": ["a"],
    }
    multiple = activity_definition(MULTIPLE, "en")
    assert multiple["interactionType"] == "choice"
    assert multiple["correctResponsesPattern"] == ["a[,]b"]
    assert multiple["name"] == {"en": "Primes?"}  # no title: the text names it


def test_true_false_fill_in_and_numeric_definitions() -> None:
    tf = activity_definition(TRUE_FALSE, "en")
    assert (tf["interactionType"], tf["correctResponsesPattern"]) == ("true-false", ["true"])
    assert "choices" not in tf
    short = activity_definition(SHORT, "en")
    assert short["interactionType"] == "fill-in"
    assert short["correctResponsesPattern"] == ["four", "4"]  # only full-mark answers
    assert short["description"] == {"en": "Two plus two is _____."}
    numeric = activity_definition(NUMERIC, "en")
    assert numeric["interactionType"] == "numeric"
    assert numeric["correctResponsesPattern"] == ["3.141[:]3.142"]
    exact = activity_definition(q("n", "Year? {#1822}"), "en")
    assert exact["correctResponsesPattern"] == ["1822"]


def test_matching_definition() -> None:
    definition = activity_definition(MATCHING, "en-GB")
    assert definition["interactionType"] == "matching"
    assert definition["source"] == [
        {"id": "s1", "description": {"en-GB": "Canada"}},
        {"id": "s2", "description": {"en-GB": "Italy"}},
        {"id": "s3", "description": {"en-GB": "Vatican"}},
    ]
    assert [t["id"] for t in definition["target"]] == ["t1", "t2", "t3"]  # t2 Paris: distractor
    assert definition["correctResponsesPattern"] == ["s1[.]t1[,]s2[.]t3[,]s3[.]t3"]


def test_patterns_list_only_responses_worth_a_full_mark() -> None:
    # cartable-pack refuses a question nobody can answer for full marks; another tool's
    # manifest may still hold one
    right = q("x", "Q {~%50%a ~%50%b ~c}")
    short_of_full = replace(
        right,
        choices=tuple(
            replace(c, weight=w) for c, w in zip(right.choices, (0.5, 0.25, 0), strict=True)
        ),
    )
    assert correct_responses_pattern(short_of_full) == []
    assert correct_responses_pattern(q("x", "Q {=a =b ~c}")) == ["a", "b"]
    halves = q("x", "Q {=half =other}")
    halves = replace(
        halves, text_answers=tuple(replace(a, weight=0.5) for a in halves.text_answers)
    )
    assert correct_responses_pattern(halves) == []
    thirds = q("x", "Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-50%d}")
    assert correct_responses_pattern(thirds) == ["a[,]b[,]c"]


@pytest.mark.parametrize("question", ALL, ids=lambda x: x.id)
def test_every_pattern_grades_as_correct(question: Question) -> None:
    patterns = correct_responses_pattern(question)
    assert patterns
    for pattern in patterns:
        # A numeric pattern may be a range: both of its bounds are right answers.
        for text in pattern.split("[:]") if question.type == "numeric" else [pattern]:
            assert grade(question, parse_response(question, text)).correct, pattern


def test_exam_definitions_never_carry_the_answers() -> None:
    for question in ALL:
        exam = question.without_answers()
        definition = activity_definition(exam, "fr")
        assert "correctResponsesPattern" not in definition
        assert definition == {
            k: v
            for k, v in activity_definition(question, "fr").items()
            if k != "correctResponsesPattern"
        }
        with pytest.raises(NoAnswerKeyError):
            correct_responses_pattern(exam)
    flat = json.dumps([activity_definition(x.without_answers(), "en") for x in ALL])
    for secret in ("four", "3.141", "for", '"t2"]'):
        assert secret not in flat


def test_exam_fixture_questions_leak_nothing() -> None:
    for path in sorted(FIXTURES.glob("*.gift")):
        if path.name == "gift-parser-ide-missingAnswer.gift":
            continue
        for question in load_gift(path).questions:
            exam = question.without_answers()
            definition = activity_definition(exam, "es")
            assert "correctResponsesPattern" not in definition
            assert set(definition) <= {
                "type",
                "name",
                "description",
                "interactionType",
                "choices",
                "source",
                "target",
            }


def test_missing_word_and_html_names() -> None:
    html = q("h", "[html]<p>Quel  <b>mot</b>\nmanque</p> {=x} ici ?")
    definition = activity_definition(html, "fr")
    assert definition["name"] == {"fr": "Quel mot manque _____ ici ?"}
    assert definition["description"] == {"fr": "<p>Quel  <b>mot</b>\nmanque</p> _____ ici ?"}
    long = q("l", "Word " * 60 + "{T}")
    name = activity_definition(long, "en")["name"]["en"]
    assert len(name) == 100 and name.endswith("\u2026")


def test_an_html_name_is_words_not_entities() -> None:
    """Moodle writes HTML questions with entities (&nbsp;, &eacute;): the name is read by people."""
    html = q("h", "[html]<p>Qu&eacute;&nbsp;es R&amp;D? 2 &lt; 3</p> {=x}")
    assert activity_definition(html, "es")["name"] == {"es": "Qu\u00e9\u00a0es R&D? 2 < 3"}


def test_a_name_keeps_french_no_break_spaces() -> None:
    """The name is what people read in the LRS and in the Sync panel's refused statements:
    the demo's "diaporama ?", "{…} ;", "80 %" keep their no-break space (French typography)."""
    quiz = load_gift(DEMO_SOURCE / "02-un-phenomene" / "quiz.gift").questions
    texts = {question.title: replace(question, title="") for question in quiz}
    name = activity_definition(texts["\u00c9tats-Unis"], "fr")["name"]["fr"]
    assert name.endswith("selon le diaporama\u00a0? (un nombre)")
    name = activity_definition(texts["Des cours aux cursus"], "fr")["name"]["fr"]
    assert "mais des _____\u00a0; l'Europe suit le mou" in name  # cut at 100 characters
    html = q("h", "[html]<p>Aux \u00c9tats-Unis, <b>80</b>&nbsp;%\ndes cours\u00a0?</p> {#80}")
    assert activity_definition(html, "fr")["name"] == {
        "fr": "Aux \u00c9tats-Unis, 80\u00a0% des cours\u00a0?"
    }


def test_an_editor_s_empty_paragraph_in_a_name_is_an_ordinary_space() -> None:
    """Moodle's editor fills an empty paragraph with "&nbsp;": between two paragraphs it is a
    break, no French typography, so the name has an ordinary space there."""
    html = q("h", "[html]<p>Lisez le texte.</p><p>&nbsp;</p><p>Combien de cours\u00a0?</p> {#3}")
    assert activity_definition(html, "fr")["name"] == {
        "fr": "Lisez le texte. Combien de cours\u00a0?"
    }


@pytest.mark.parametrize("language", ["", "french!", "en_US", "e"])
def test_language_must_be_a_tag(language: str) -> None:
    with pytest.raises(ValueError, match="language tag"):
        activity_definition(SINGLE, language)


# --- response strings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "response", "text"),
    [
        (SINGLE, "b", "b"),
        (MULTIPLE, frozenset({"b", "a"}), "a[,]b"),
        (MULTIPLE, frozenset({"c"}), "c"),
        (MULTIPLE, frozenset(), ""),
        (TRUE_FALSE, True, "true"),
        (TRUE_FALSE, False, "false"),
        (SHORT, "  Four ", "  Four "),
        (NUMERIC, 3.14, "3.14"),
        (NUMERIC, 1822.0, "1822"),
        (NUMERIC, -0.5, "-0.5"),
        (NUMERIC, 1e20, "1e+20"),
        (MATCHING, (("s1", "t2"), ("s2", "t1")), "s1[.]t2[,]s2[.]t1"),
        (MATCHING, (), ""),
    ],
)
def test_response_strings(question: Question, response: Response, text: str) -> None:
    assert response_string(question, response) == text
    assert parse_response(question, text) == response


def test_response_string_checks_the_response() -> None:
    with pytest.raises(InvalidResponseError):
        response_string(SINGLE, "z")
    with pytest.raises(InvalidResponseError):
        response_string(NUMERIC, float("nan"))
    with pytest.raises(InvalidResponseError):
        response_string(TRUE_FALSE, "true")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (SINGLE, ""),
        (SINGLE, "a[,]b"),
        (SINGLE, "z"),
        (MULTIPLE, "a[,]z"),
        (TRUE_FALSE, "True"),
        (TRUE_FALSE, "1"),
        (NUMERIC, "abc"),
        (NUMERIC, "nan"),
        (NUMERIC, "inf"),
        (NUMERIC, "1e999"),
        (NUMERIC, "1[:]2"),
        (NUMERIC, "1_000"),
        (NUMERIC, ""),
        (MATCHING, "s1t1"),
        (MATCHING, "s1[.]t1[.]t2"),
        (MATCHING, "s1[.]t9"),
        (MATCHING, "s1[.]t1[,]s1[.]t2"),
    ],
)
def test_parse_response_refuses_what_no_response_string_looks_like(
    question: Question, text: str
) -> None:
    with pytest.raises(InvalidResponseError):
        parse_response(question, text)


def test_parse_response_works_on_exam_questions() -> None:
    exam = MATCHING.without_answers()
    assert parse_response(exam, "s3[.]t3") == (("s3", "t3"),)
    assert response_string(exam, (("s3", "t3"),)) == "s3[.]t3"


# --- round trip (hypothesis) ----------------------------------------------------------------


def responses(question: Question) -> st.SearchStrategy[Any]:
    ids = [c.id for c in question.choices]
    if question.type == "single":
        return st.sampled_from(ids)
    if question.type == "multiple":
        return st.frozensets(st.sampled_from(ids))
    if question.type == "truefalse":
        return st.booleans()
    if question.type == "short":
        return st.text()
    if question.type == "numeric":
        return st.floats(allow_nan=False, allow_infinity=False)
    sources = [s.id for s in question.sources]
    targets = [t.id for t in question.targets]
    return st.lists(st.sampled_from(sources), unique=True).flatmap(
        lambda chosen: st.tuples(*(st.tuples(st.just(s), st.sampled_from(targets)) for s in chosen))
    )


@given(st.sampled_from(ALL).flatmap(lambda x: st.tuples(st.just(x), responses(x))))
def test_parse_response_inverts_response_string(case: tuple[Question, Response]) -> None:
    question, response = case
    text = response_string(question, response)
    assert parse_response(question, text) == response
    assert response_string(question, parse_response(question, text)) == text
    exam = question.without_answers()
    assert parse_response(exam, response_string(exam, response)) == response


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_round_trip_exactly(value: float) -> None:
    text = response_string(NUMERIC, value)
    back = parse_response(NUMERIC, text)
    assert isinstance(back, float) and back == value


def test_an_html_name_has_no_space_for_an_inline_tag() -> None:
    html = q("h", "[html]Who's buried in <b>Grant's tomb</b>? {=no one}")
    assert activity_definition(html, "en")["name"] == {"en": "Who's buried in Grant's tomb?"}


def test_a_markdown_name_is_its_words_as_the_player_shows_them() -> None:
    """The name is what institutions read in their dashboards: Markdown's "**", "_", "`" and
    "[text](url)" are no words; a no-break space stays one; the description stays as written."""
    text = (
        "[markdown]Quel **mot** manque {=x} dans _la_ [phrase](https://exemple.org) ![la carte]"
        "(carte.png) `A\\{B\\}`, 2 < 3 &amp; 80\u00a0%\u00a0?"
    )
    markdown = q("m", text)
    definition = activity_definition(markdown, "fr")
    assert definition["name"] == {
        "fr": "Quel mot manque _____ dans la phrase la carte A{B}, 2 < 3 & 80\u00a0%\u00a0?"
    }
    assert definition["description"] == {
        "fr": "Quel **mot** manque _____ dans _la_ [phrase](https://exemple.org) ![la carte]"
        "(carte.png) `A{B}`, 2 < 3 &amp; 80\u00a0%\u00a0?"
    }


def test_a_markdown_blank_alone_on_its_line_stays_a_blank() -> None:
    """A "_____" alone on a line is a Markdown rule: the blank is kept out of the rendering."""
    question = Question(
        "m", "short", "Complétez\u00a0:\n", text_after="\nla fin.", format="markdown"
    )
    assert activity_definition(question, "fr")["name"] == {"fr": "Complétez\u00a0: _____ la fin."}


def _html_name(text: str) -> str:
    question = Question("q7", "short", text, format="html")
    return str(activity_definition(question, "fr")["name"]["fr"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("<dl><dt>Chat</dt><dd>Cat</dd></dl>", "Chat Cat"),
        ("<section>Un</section><section>Deux</section>", "Un Deux"),
        ("<article>Un</article><article>Deux</article>", "Un Deux"),
        (
            "<figure><figcaption>Carte 1</figcaption></figure>Quelle ville ?",
            "Carte 1 Quelle ville ?",
        ),
        ("<table><caption>Prix</caption><tr><td>10</td></tr></table>", "Prix 10"),
        ("<details><summary>Indice</summary>Paris</details>", "Indice Paris"),
        ("<address>Rue</address><header>Haut</header><footer>Bas</footer>", "Rue Haut Bas"),
        ("<select><option>Paris</option><option>Lyon</option></select>", "[Paris / Lyon]"),
        ("<h5>Titre</h5><h6>Sous-titre</h6>Quoi ?", "Titre Sous-titre Quoi ?"),
    ],
)
def test_a_block_element_s_words_are_apart_in_an_html_name(text: str, name: str) -> None:
    """Since an inline tag is nothing (58b83e9), a block tag off the list glued words."""
    assert _html_name(text) == name


def test_moodle_multilang_spans_are_apart_in_an_html_name() -> None:
    """Moodle's multilang filter shows one of them; the player shows each on a line of its
    own (question_text), so the name has a space between, not "Which city?Quelle ville ?"."""
    text = (
        '<span lang="en" class="multilang">Which city?</span>'
        '<span class="multilang" lang="fr">Quelle <span>ville</span>\u00a0?</span>(Lyon)'
    )
    assert _html_name(text) == "Which city? Quelle ville\u00a0? (Lyon)"
    assert _html_name("<span lang='en'>Which</span><span>city?</span>") == "Whichcity?"


def test_an_image_or_a_field_is_a_space_in_an_html_name() -> None:
    assert _html_name('un<img src="x.png">deux<input>trois') == "un deux trois"


def test_an_html_name_has_an_image_s_alt_text_and_no_script_or_style() -> None:
    """The player shows an image as its alt text: a question of one image is named by it,
    not by its id ("q7"); a style sheet or a script is no words."""
    assert _html_name('<p><img src="@@PLUGINFILE@@/t.png" alt="Quel monument ?"></p>') == (
        "Quel monument ?"
    )
    assert _html_name("Où<img alt='la tour &amp; le pont' src=x>?") == "Où la tour & le pont ?"
    assert _html_name('<img alt="2 < 3" src=x>, <img alt=vrai>?') == "2 < 3 , vrai ?"
    assert _html_name("<STYLE type='text/css'>p{color:red}</style>Quoi ?<script>x()</script>") == (
        "Quoi ?"
    )


def test_a_private_use_character_stays_in_a_name_without_a_blank() -> None:
    question = Question("m", "short", "icône \ue000 ici", format="markdown")
    assert activity_definition(question, "fr")["name"] == {"fr": "icône \ue000 ici"}


def test_a_form_field_s_words_are_apart_in_an_html_name() -> None:
    """As the player shows them (test_question_text): a button's or a text area's words
    ran into the next ones ("OKsuite"); a drop-down list is its choices in brackets."""
    assert _html_name("a<button>OK</button>suite<textarea>b</textarea>c") == "a OK suite b c"
    assert _html_name("<form>un</form>deux") == "un deux"
    select = (
        "la <select><option value=''>&nbsp;</option><option label='L'>x</option>"
        "<option>2 &lt; 3</option></select>suite"
    )
    assert _html_name(select) == "la [L / 2 < 3] suite"
