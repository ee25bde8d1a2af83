"""The GIFT importer: every shared fixture, every question type, escapes, and the error lines."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from player.course.errors import SourceError
from player.course.gift import GiftFile, load_gift, parse_gift
from player.course.quiz import Question
from player.course.schema import schema_path

# The shared fixtures live beside the checkout: ../shared/fixtures.
from tests.support import FIXTURES as SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES / "gift"

# Decided by reading each file: only this one is broken (its first answer, "Correct Answer", has
# neither = nor ~ in front of it). Every other fixture is valid GIFT that Cartable supports.
INVALID = {"gift-parser-ide-missingAnswer.gift": (1, 2)}


def fixture_files() -> list[Path]:
    files = sorted(FIXTURES.glob("*.gift"))
    assert files, f"no GIFT fixtures in {FIXTURES}"
    return files


@cache
def _validator(definition: str) -> Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"})


def assert_valid(data: dict[str, Any], definition: str) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in _validator(definition).iter_errors(data)]
    assert not errors, errors


def parse(text: str) -> GiftFile:
    return parse_gift(text, "test.gift")


def one(text: str) -> Question:
    questions = parse(text).questions
    assert len(questions) == 1, questions
    return questions[0]


def error_of(text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse(text)
    return caught.value


# --- Every fixture --------------------------------------------------------------------------


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_every_fixture_is_either_parsed_into_schema_valid_questions_or_refused(path: Path) -> None:
    if path.name in INVALID:
        with pytest.raises(SourceError) as caught:
            load_gift(path, path.name)
        assert caught.value.file == path.name
        assert caught.value.line in INVALID[path.name]
        assert str(caught.value).startswith(f"{path.name}: line {caught.value.line}: ")
        return
    gift = load_gift(path, path.name)
    assert gift.questions
    assert len(gift.question_categories) == len(gift.questions)
    ids = [q.id for q in gift.questions]
    assert len({i.lower() for i in ids}) == len(ids)
    for question in gift.questions:
        assert_valid(question.to_json(), "question")
        exam = question.without_answers()
        assert_valid(exam.to_json(), "examQuestion")
        assert Question.from_json(question.to_json()) == question


def test_the_fixture_list_names_only_files_that_exist() -> None:
    names = {p.name for p in fixture_files()}
    assert set(INVALID) <= names


def fixture(name: str) -> GiftFile:
    return load_gift(FIXTURES / name, name)


def test_moodle_examples() -> None:
    gift = fixture("moodle-examples.gift")
    questions = gift.questions
    assert len(questions) == 43
    assert gift.categories == ()
    types = [q.type for q in questions]
    assert types.count("single") == 16
    assert types.count("multiple") == 2
    assert types.count("truefalse") == 5
    assert types.count("short") == 9
    assert types.count("numeric") == 8
    assert types.count("matching") == 3

    tomb = questions[0]
    assert (tomb.id, tomb.type, tomb.text) == ("q1", "single", "Who's buried in Grant's tomb?")
    assert [(c.id, c.text, c.weight) for c in tomb.choices] == [
        ("a", "Grant", 0.0),
        ("b", "Jefferson", 0.0),
        ("c", "no one", 1.0),
    ]
    # Missing word: the blank sits between text and text_after, spaces kept around it.
    missing = questions[1]
    assert (missing.text, missing.text_after) == ("Grant is ", " in Grant's tomb.")

    by_id = {q.id: q for q in questions}
    hometown = by_id["jesus-hometown"]
    assert hometown.type == "single" and hometown.title == "Jesus' hometown"
    assert [c.weight for c in hometown.choices] == [0, 0.25, 0.5, 1]
    assert hometown.choices[1].feedback == "He was born here, but not raised here."
    assert hometown.text_after == "."
    # Same title twice: the second gets a suffix; this one is short answer with partial credit.
    short = by_id["jesus-hometown-2"]
    assert short.type == "short"
    assert [(a.text, a.weight) for a in short.text_answers] == [
        ("Nazareth", 1.0),
        ("Nazereth", 0.75),
        ("Bethlehem", 0.25),
    ]
    assert short.text_answers[1].feedback == "Right, but misspelled."

    control = by_id["gift-control-characters"]
    assert [c.text for c in control.choices] == ["~", "=", "#", "{", "}", "\\"]
    right = [c for c in control.choices if c.weight == 1.0]
    assert len(right) == 1 and right[0].text == "\\"
    assert right[0].feedback.startswith("Correct! \\ (backslash) is not a control character.")
    assert right[0].feedback.endswith("(as shown in this example).")
    assert control.choices[0].feedback == "~ is a control character."

    equals = next(q for q in questions if q.text == "Which answer equals 5?")
    assert [(c.text, c.weight) for c in equals.choices] == [
        ("= 2 + 2", 0.0),
        ("= 2 + 3", 1.0),
        ("= 2 + 4", 0.0),
    ]

    multiples = [q for q in questions if q.type == "multiple"]
    assert [c.weight for c in multiples[0].choices] == [0, 0.5, 0.5, 0]
    assert [c.weight for c in multiples[1].choices] == [-0.5, 0.5, 0.5, -0.5]

    false_feedback = next(q for q in questions if q.feedback_wrong)
    assert false_feedback.answer is False
    assert false_feedback.feedback_wrong == "No one is buried in Grant's tomb."
    assert false_feedback.feedback_right == ""
    assert [q.answer for q in questions if q.type == "truefalse"] == [
        False,
        False,
        True,
        False,
        False,
    ]

    markdown = next(q for q in questions if q.format == "markdown")
    assert markdown.text == "Who's buried in **Grant's tomb**?"

    kanji = by_id["kanji-origins"]
    assert kanji.text == "Japanese characters originally\ncame from what country?"
    assert [a.text for a in kanji.text_answers] == ["China"]

    capitals = next(q for q in questions if q.type == "matching" and len(q.sources) == 4)
    assert [s.text for s in capitals.sources] == ["Canada", "Italy", "Japan", "India"]
    assert [t.text for t in capitals.targets] == ["New Delhi", "Ottawa", "Rome", "Tokyo"]
    assert capitals.pairs == (("s1", "t2"), ("s2", "t3"), ("s3", "t4"), ("s4", "t1"))
    one_line = [q for q in questions if q.type == "matching"][-1]
    assert [(s.text, t.text) for s, t in zip(one_line.sources, one_line.targets, strict=True)] == [
        ("Canada", "Ottawa"),
        ("Italy", "Rome"),
        ("Japan", "Tokyo"),
    ]

    numeric = by_id["numerical-example"]
    assert [(a.min, a.max, a.weight) for a in numeric.numeric_answers] == [
        (1822, 1822, 1.0),
        (1820, 1824, 0.5),
    ]
    assert numeric.numeric_answers[0].feedback == "Correct! 100% credit"
    # A feedback continued on the next line keeps its line break, not the file's indentation.
    assert numeric.numeric_answers[1].feedback == (
        "He was born in 1822.\nYou get 50% credit for being close."
    )
    tolerance = [q for q in questions if q.type == "numeric"]
    assert [(a.min, a.max) for a in tolerance[0].numeric_answers] == [(1821, 1823)]
    assert [(a.min, a.max) for a in tolerance[-2].numeric_answers] == [(1817, 1827)]


def test_gift_peg_numerical() -> None:
    questions = fixture("gift-peg-numerical1.gift").questions
    assert len(questions) == 10
    assert all(q.type == "numeric" for q in questions)
    intervals = [[(a.min, a.max, a.weight) for a in q.numeric_answers] for q in questions]
    assert intervals[:8] == [
        [(1822, 1822, 1)],
        [(-1, -1, 1)],
        [(3.141, 3.142, 1)],  # 3.1415:0.0005, computed in decimal: no 3.1410000000000000142
        [(-3.143, -3.141, 1)],
        [(3.141, 3.142, 1)],
        [(-3.142, -3.141, 1)],
        [(1, 5, 1)],
        [(-5, 5, 1)],
    ]
    assert intervals[8] == [(1822, 1822, 1), (1820, 1824, 0.5)]
    # The text after `{#...}` is a lone "." : a missing-word question in GIFT's terms.
    assert questions[2].text_after == "."
    grasp = questions[9]
    assert grasp.id == "combien-de-principes-grasp-y-a-t-il"
    assert grasp.title == "Combien de principes GRASP y a-t-il?"
    assert grasp.format == "html"
    assert grasp.text == "<p>Combien de principes GRASP y a-t-il?</p>"
    assert [(a.min, a.weight) for a in grasp.numeric_answers] == [(5, 0), (9, 1), (23, 0)]
    # `\=` and `\:` in the feedback's HTML attributes come back as plain = and :.
    assert 'href="http://fr.wikipedia.org/wiki/Design_Patterns"' in (
        grasp.numeric_answers[2].feedback
    )
    assert grasp.numeric_answers[1].feedback == "<p>Correct. Il y a neuf (9) principes GRASP.</p>"


def test_pygiftparser_tema5() -> None:
    gift = fixture("pygiftparser-imr-tema5.gift")
    assert gift.categories == (
        "T5/Apartado-1,2,2.1",
        "T5/Apartado-2.2,2.3",
        "T5/Apartado-2.4,2.5",
        "T5/Apartado-2.6,2.7",
    )
    questions = gift.questions
    assert len(questions) == 40
    counts = {c: gift.question_categories.count(c) for c in gift.categories}
    assert counts == {
        "T5/Apartado-1,2,2.1": 8,
        "T5/Apartado-2.2,2.3": 10,
        "T5/Apartado-2.4,2.5": 9,
        "T5/Apartado-2.6,2.7": 13,
    }
    # `{ TRUE }` and `{ FALSE }` with spaces inside the braces.
    assert [q.answer for q in questions[:3]] == [True, False, True]
    assert all(q.type == "truefalse" for q in questions[:3])
    area = questions[4]
    assert area.type == "short"
    assert [(a.text, a.weight) for a in area.text_answers] == [
        ("área de trabajo", 1.0),
        ("area de trabajo", 0.8),
        ("área trabajo", 0.8),
        ("area trabajo", 0.5),
    ]
    # Tab-indented choices.
    assert questions[3].type == "single"
    assert questions[3].choices[3].text.startswith("Las redes deben diseñarse")
    assert questions[3].choices[3].weight == 1.0
    switch = questions[38]
    assert switch.format == "html"
    assert '<img width="200" src="http://www.newdesignfile.com/' in switch.text
    assert [a.text for a in switch.text_answers] == ["Switch", "Conmutador"]


def test_missing_answer_fixture_names_the_answer_line() -> None:
    with pytest.raises(SourceError) as caught:
        fixture("gift-parser-ide-missingAnswer.gift")
    assert caught.value.line == 2
    assert "'Correct Answer' has no = or ~" in caught.value.reason


# --- Question types -------------------------------------------------------------------------


def test_single_choice_with_feedback_and_general_feedback() -> None:
    q = one("Capital of France? {=Paris#Yes ~London#No, England ~Rome ####Paris since 508.}")
    assert q.type == "single"
    assert [(c.id, c.text, c.weight, c.feedback) for c in q.choices] == [
        ("a", "Paris", 1.0, "Yes"),
        ("b", "London", 0.0, "No, England"),
        ("c", "Rome", 0.0, ""),
    ]
    assert q.general_feedback == "Paris since 508."


def test_multiple_answer_weights_including_negative() -> None:
    q = one("Primes? {~%50%2 ~%50%3 ~%-100%4 ~%-33.33333%9}")
    assert q.type == "multiple"
    assert [c.weight for c in q.choices] == [0.5, 0.5, -1.0, -0.3333333]


def test_weighted_right_answer_in_single_choice() -> None:
    q = one("Q {=%50%half ~%100%full}")
    assert q.type == "single"
    assert [c.weight for c in q.choices] == [0.5, 1.0]


@pytest.mark.parametrize(
    ("block", "answer"),
    [
        ("{T}", True),
        ("{TRUE}", True),
        ("{F}", False),
        ("{FALSE}", False),
        ("{ TRUE }", True),
        ("{ false }", False),
        ("{t}", True),
    ],
)
def test_true_false_spellings(block: str, answer: bool) -> None:
    q = one(f"The sky is blue. {block}")
    assert (q.type, q.answer) == ("truefalse", answer)


def test_true_false_feedback_order_is_wrong_then_right() -> None:
    q = one("Two and two make four. {TRUE#You said false: wrong.#You said true: right.####Sums.}")
    assert q.answer is True
    assert q.feedback_wrong == "You said false: wrong."
    assert q.feedback_right == "You said true: right."
    assert q.general_feedback == "Sums."


def test_multi_line_answers_and_feedback() -> None:
    q = one("Q?\n{\n  =right answer\n   continued # good\n   job\n  ~wrong\n}")
    assert [(c.text, c.feedback) for c in q.choices] == [
        ("right answer\ncontinued", "good\njob"),
        ("wrong", ""),
    ]


def test_short_answer_with_partial_weights() -> None:
    q = one("Two plus two is {=four =4 =%75%for #Close. =%0%five}.")
    assert q.type == "short"
    assert [(a.text, a.weight, a.feedback) for a in q.text_answers] == [
        ("four", 1.0, ""),
        ("4", 1.0, ""),
        ("for", 0.75, "Close."),
        ("five", 0.0, ""),
    ]
    assert (q.text, q.text_after) == ("Two plus two is ", ".")


@pytest.mark.parametrize(
    ("block", "intervals"),
    [
        ("{#1822}", [(1822, 1822, 1)]),
        ("{#3.1415:0.0005}", [(3.141, 3.142, 1)]),
        ("{#3.141..3.142}", [(3.141, 3.142, 1)]),
        ("{#-5..-1}", [(-5, -1, 1)]),
        ("{#1e3:10}", [(990, 1010, 1)]),
        ("{# =1822:0 =%50%1822:2}", [(1822, 1822, 1), (1820, 1824, 0.5)]),
        ("{#=4 ~%0%5 #five is close}", [(4, 4, 1), (5, 5, 0)]),
        ("{#4:0#well done}", [(4, 4, 1)]),
    ],
)
def test_numeric_forms(block: str, intervals: list[tuple[float, float, float]]) -> None:
    q = one(f"Number? {block}")
    assert q.type == "numeric"
    assert [(a.min, a.max, a.weight) for a in q.numeric_answers] == intervals


def test_numeric_feedback() -> None:
    q = one("Year? {#\n=1822:0 #Exact\n=%50%1822:2 #Close\n####Grant was born in 1822.}")
    assert [a.feedback for a in q.numeric_answers] == ["Exact", "Close"]
    assert q.general_feedback == "Grant was born in 1822."


def test_matching_with_distractor_and_shared_target() -> None:
    q = one(
        "Match capitals. {\n"
        "  =Canada -> Ottawa\n"
        "  =Italy -> Rome\n"
        "  =Vatican -> Rome\n"
        "  = -> Paris\n"
        "}"
    )
    assert q.type == "matching"
    assert [(s.id, s.text) for s in q.sources] == [
        ("s1", "Canada"),
        ("s2", "Italy"),
        ("s3", "Vatican"),
    ]
    assert [(t.id, t.text) for t in q.targets] == [
        ("t1", "Ottawa"),
        ("t2", "Paris"),
        ("t3", "Rome"),
    ]
    assert q.pairs == (("s1", "t1"), ("s2", "t3"), ("s3", "t3"))


def test_matching_targets_are_numbered_by_their_text_not_by_the_pairs() -> None:
    # Written as an author does (each answer beside its prompt), numbered in that order, the
    # targets told which prompt each belongs to: s1-t1, s2-t2... Their text orders them instead.
    q = one("Match. {\n  =b -> beta\n  =c -> alpha\n  =a -> Alpha\n  = -> Gamma\n}")
    assert [(t.id, t.text) for t in q.targets] == [
        ("t1", "Alpha"),  # case folded first, then the text: "Alpha" before "alpha"
        ("t2", "alpha"),
        ("t3", "beta"),
        ("t4", "Gamma"),
    ]
    assert [s.text for s in q.sources] == ["b", "c", "a"]  # prompts keep the author's order
    assert q.pairs == (("s1", "t3"), ("s2", "t2"), ("s3", "t1"))


def test_missing_word_keeps_text_on_both_sides() -> None:
    q = one("The {~red =blue ~green} sky.")
    assert (q.text, q.text_after) == ("The ", " sky.")
    q = one("Question ending in a blank {=x}")
    assert (q.text, q.text_after) == ("Question ending in a blank", "")


def test_missing_word_keeps_a_non_breaking_space_beside_the_blank() -> None:
    # French typography: "des ____ ; la suite" must not break before its ";" (the demo's quiz)
    q = one("Des\u00a0{=cursus ~cours}\u00a0; l'Europe suit.")
    assert (q.text, q.text_after) == ("Des\u00a0", "\u00a0; l'Europe suit.")
    q = one("Les plateformes proposent des {=cursus ~cours}\u202f; la suite.")
    assert (q.text, q.text_after) == ("Les plateformes proposent des ", "\u202f; la suite.")
    q = one("Le {=bleu}\n  ciel.")  # a line break or a tab is one ordinary space, as before
    assert (q.text, q.text_after) == ("Le ", " ciel.")


def test_a_title_keeps_its_non_breaking_spaces() -> None:
    # French typography in a title (the demo's feedback "Aux États-Unis, 80 % des cours"): the
    # results list shows it, so "80 %" and "cours ?" must not break; a line break is a space.
    gift = parse(
        "::Aux États-Unis, 80\u00a0% des cours\u00a0?::Quel pourcentage\u00a0? {#75..85}\n\n"
        "::Le «\u202fblended\n   learning\u202f»::Un cours hybride\u00a0? {T}\n"
    )
    first, second = gift.questions
    assert first.title == "Aux États-Unis, 80\u00a0% des cours\u00a0?"
    assert second.title == "Le «\u202fblended learning\u202f»"
    # Ids are made from the title as before (a no-break space is a "-" there too).
    assert (first.id, second.id) == ("aux-etats-unis-80-des-cours", "le-blended-learning")


def test_a_title_padded_with_no_break_spaces_keeps_one_and_loads() -> None:
    # 300 " \u00a0" pairs between two words loaded as "x y" before no-break spaces were kept;
    # keeping them all made a title of 302 characters, refused as longer than 300.
    gift = parse("::x" + " \u00a0" * 300 + "y::Question\u00a0? {T}\n")
    assert gift.questions[0].title == "x\u00a0y"
    assert gift.questions[0].id == "x-y"


@pytest.mark.parametrize(
    ("title", "question_id"),
    [
        ("80\u00a0% des cours\u00a0?", "80-des-cours"),
        ("a \u00a0\n\u00a0 b", "a-b"),  # a run of no-break space, space and line break
        ("\u00a0\u00a0", "q1"),  # no-break spaces alone: no title, the question's number
        ("\u00a0x\u00a0", "x"),
        ("a\u2007b", "a-b"),
        ("a\u200bb", "ab"),  # a zero-width space is no space
        ("«\u202fmot\u202f»", "mot"),
        ("a\u3000b", "a-b"),
        ("Même\u00a0titre", "meme-titre"),
        ("x" + "\u00a0 " * 150 + "y", "x-y"),
        ("a\u00a0\u00a0\u00a0b", "a-b"),
    ],
)
def test_an_odd_title_gives_the_id_it_always_gave(title: str, question_id: str) -> None:
    # A learner's progress and answers are kept by question id: a changed id orphans them.
    # These are the ids these titles had before titles kept their no-break spaces (fb0a22b^).
    assert [q.id for q in parse(f"::{title}::Question\u00a0? {{T}}\n").questions] == [question_id]


def test_titles_alike_but_for_their_spaces_give_numbered_ids_as_before() -> None:
    gift = parse(
        "::Même titre::Q1 {T}\n\n::Même\u00a0titre::Q2 {T}\n\n::\u00a0\u00a0::Q3 {T}\n\n"
        "::Même \u00a0\n titre::Q4 {T}\n"
    )
    assert [q.id for q in gift.questions] == ["meme-titre", "meme-titre-2", "q3", "meme-titre-3"]


def test_title_format_comments_and_multiline() -> None:
    gift = parse(
        "// a comment\n"
        "::Cap. 1::[markdown]**Which**\n"
        "// a comment inside a question\n"
        "  - is *right*?\n"
        "{\n"
        "  =this one\n"
        "  ~that one\n"
        "}\n"
        "\n"
        "::Cap. 1::[html]<b>Again</b> {T}\n"
        "\n"
        "[moodle]Plain {F}\n"
        "\n"
        "[plain]Plain too {F}\n"
    )
    first, second, third, fourth = gift.questions
    assert (first.id, first.title, first.format) == ("cap.-1", "Cap. 1", "markdown")
    assert first.text == "**Which**\n  - is *right*?"
    assert [c.text for c in first.choices] == ["this one", "that one"]
    assert (second.id, second.format, second.text) == ("cap.-1-2", "html", "<b>Again</b>")
    assert (third.id, third.format) == ("q3", "plain")
    assert (fourth.id, fourth.format) == ("q4", "plain")


def test_format_markers_in_answers_and_feedback_are_not_text() -> None:
    q = one("[html]<b>Q</b>? {=[html]<i>yes</i>#[html]<b>good</b> ~no ####[html]<p>gen</p>}")
    assert q.format == "html"
    assert (q.choices[0].text, q.choices[0].feedback) == ("<i>yes</i>", "<b>good</b>")
    assert q.general_feedback == "<p>gen</p>"


def test_escapes_everywhere() -> None:
    q = one(
        "::A\\: b \\{c\\}::Is 1 \\= 1 \\~ \\#1?\\nSecond line \\\\ done {\n"
        "=yes \\{\\}\\=\\~\\#\\:\\\\ #fb \\# \\= \\~ \\{ \\}\n"
        "~no}"
    )
    assert q.title == "A: b {c}"
    assert q.text == "Is 1 = 1 ~ #1?\nSecond line \\ done"
    assert q.choices[0].text == "yes {}=~#:\\"
    assert q.choices[0].feedback == "fb # = ~ { }"


def escape(text: str) -> str:
    return "".join("\\" + c if c in "~=#{}:\\" else c for c in text)


# Letters, spaces and every control character; "-" and ">" are left out because "->" next to an
# unescaped "=" makes Moodle (and us) read a matching question, and "%" because a leading "%n%"
# is a weight.
GIFT_TEXT = st.text(alphabet="ab Z\u00e9~=#{}:\\", min_size=1).filter(lambda t: t.strip())


@given(GIFT_TEXT, GIFT_TEXT, GIFT_TEXT, GIFT_TEXT)
def test_any_escaped_text_reads_back_unchanged(
    title: str, text: str, answer: str, feedback: str
) -> None:
    source = f"::{escape(title)}::{escape(text)} {{={escape(answer)}#{escape(feedback)} ~x}}"
    question = one(source)
    assert question.title == " ".join(title.split())
    assert question.text == text.strip()
    assert question.choices[0].text == answer.strip()
    assert question.choices[0].feedback == feedback.strip()


def test_unknown_backslash_sequences_stay_as_written() -> None:
    q = one("Path C:\\temp\\x? {=C:\\temp ~D\\:\\data}")
    assert q.text == "Path C:\\temp\\x?"
    assert [c.text for c in q.choices] == ["C:\\temp", "D:\\data"]


def test_crlf_bom_and_blank_lines_with_spaces() -> None:
    text = "\ufeff::One::First? {T}\r\n  \t \r\n\r\n::Two::Second?\r\n{=a ~b}\r\n"
    gift = parse(text)
    assert [q.id for q in gift.questions] == ["one", "two"]
    assert gift.questions[1].text == "Second?"
    cr_only = parse("First? {T}\r\rSecond? {F}\r")
    assert [q.answer for q in cr_only.questions] == [True, False]


def test_categories_apply_to_following_questions() -> None:
    gift = parse(
        "Before? {T}\n\n$CATEGORY: $course$/Unit 1\n\nA? {T}\n\nB? {F}\n"
        "$CATEGORY: Unit 2\nC? {T}\n\n$CATEGORY: Unit 1\n\nD? {T}\n"
    )
    assert gift.categories == ("$course$/Unit 1", "Unit 2", "Unit 1")
    assert gift.question_categories == (
        "",
        "$course$/Unit 1",
        "$course$/Unit 1",
        "Unit 2",
        "Unit 1",
    )


def test_ids_are_slugs_made_unique_and_valid() -> None:
    long_title = "É" * 10 + " a very long title " * 10
    gift = parse(
        f"::Q1::a {{T}}\n\n::q1::b {{T}}\n\nc {{T}}\n\n::{long_title}::d {{T}}\n\n"
        "::!!!::e {T}\n\n::Straße – 2::f {T}\n"
    )
    ids = [q.id for q in gift.questions]
    assert ids[:3] == ["q1", "q1-2", "q3"]
    assert ids[3].startswith("eeeeeeeeee-a-very-long-title") and len(ids[3]) <= 64
    assert ids[4] == "q5"  # a title with nothing usable falls back to the position
    assert ids[5] == "strae-2"
    for question in gift.questions:
        assert_valid(question.to_json(), "question")


def test_choice_ids_go_past_z() -> None:
    block = " ".join(f"~c{i}" for i in range(27)) + " =right"
    q = one("Many? {" + block + "}")
    assert [c.id for c in q.choices][24:] == ["y", "z", "aa", "ab"]


def test_exam_strip_keeps_no_key() -> None:
    gift = parse(
        "::S::S? {=a#fa ~b ####gen}\n\n::M::M? {~%50%a ~%50%b ~%-50%c}\n\n::T::T? {T#w#r}\n\n"
        "::Sh::Sh? {=x =%50%y}\n\n::N::N? {#4:1}\n\n::Ma::Ma? {=a -> 1 =b -> 2 = -> 3}\n"
    )
    for question in gift.questions:
        exam = question.without_answers()
        data = exam.to_json()
        assert_valid(data, "examQuestion")
        assert exam.has_key is False
        flat = json.dumps(data)
        for leak in ("weight", "feedback", "answer", "pairs", "general_feedback"):
            assert leak not in flat, (question.id, flat)
        assert exam.choices == tuple(type(c)(c.id, c.text) for c in question.choices)
        assert Question.from_json(data, has_key=False).to_json() == data


# --- Errors name the line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Q? {T}\n\nWrite an essay.\n{}\n", 3, "essay"),
        ("Q? {T}\n\n// c\nJust a description.\n", 4, "description"),
        ("::Title only::\n", 1, "description"),
        ("Q? {T}\n\nOpen {=a\n~b\n\nNext? {T}\n", 3, "not closed"),
        ("Q? {=a}}\n", 1, "one answer block"),
        ("Close } first {T}\n", 1, "'}' without '{'"),
        ("Nested {=a {=b}}\n", 1, "inside an answer block"),
        ("Two? {T}\nblocks? {F}\n", 2, "one answer block"),
        ("Q? {\n  wrong\n=right\n~other}\n", 2, "has no = or ~"),
        ("Q? {\n~a\n~b\n}\n", 1, "no right answer"),
        ("Q? {~a ~%0%b}\n", 1, "no right answer"),
        (
            "Q? {\n=%50%a\n~%50%b\n~c\n}\n",
            1,
            "single-answer question: its best answer is worth 50%",
        ),
        ("Q? {\n~%33%a\n~%33%b\n~%-50%c\n}\n", 1, "the right answers together are worth 66%"),
        (
            "Q? {\n=%33%a\n=%33%b\n=%33%c\n}\n",
            1,
            "short-answer question: its best answer is worth 33%",
        ),
        ("Num {#\n=%50%1\n=%25%2\n}\n", 1, "numeric question: its best answer is worth 50%"),
        ("Match {\n=a -> 1\n}\n", 1, "at least 2 pairs"),
        ("Match {\n=a -> 1\n= -> 2\n=b\n}\n", 4, "'->'"),
        ("Match {\n=a -> 1\n~b -> 2\n}\n", 3, "=question -> answer"),
        ("Match {\n=a -> 1#fb\n=b -> 2\n}\n", 2, "#feedback"),
        ("Num {#abc}\n", 1, "not a number"),
        ("Num {#\n=1\n=%50%1,5\n}\n", 3, "not a number"),
        ("Num {#5..1}\n", 1, "minimum above"),
        ("Num {#5:-1}\n", 1, "negative"),
        ("Num {#}\n", 1, "no number"),
        ("Num {#nan}\n", 1, "not a number"),
        ("Num {#1e999}\n", 1, "out of range"),
        ("Q {=%150%a ~b}\n", 1, "outside"),
        ("Q {=%abc%a ~b}\n", 1, "%50%"),
        ("Q {=a ~}\n", 1, "empty answer"),
        ("::unclosed title {T}\n", 1, "title"),
        ("{T}\n", 1, "no text"),
        ("Short {=%0%a}\n", 1, "positive weight"),
        ("TF {T#a#b#c}\n", 1, "two feedbacks"),
        ("Nothing {just words}\n", 1, "no answers"),
        ("Cat\n\n$CATEGORY:   \n", 3, "category name"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    error = error_of(text)
    assert error.line == line, error
    assert words in error.reason, error
    assert error.file == "test.gift"
    assert "\n" not in str(error)


def test_errors_report_lines_of_the_file_not_of_the_question() -> None:
    error = error_of("// header\n\nA? {T}\n\n\n// about B\nB?\n{\n  y\n  =x\n}\n")
    assert error.line == 9


def test_a_brace_opened_and_never_closed_names_its_line() -> None:
    error = error_of("A? {T}\n\nB? {=x ~y\n~z\n")
    assert (error.line, "unbalanced brace" in error.reason) == (3, True)


def test_not_utf8_is_a_source_error_with_its_line_and_byte(tmp_path: Path) -> None:
    """The byte named as a subtitle file's or a reading's are: a Windows-1252 quiz said only
    'line 1: not UTF-8 text' (u2)."""
    path = tmp_path / "latin1.gift"
    path.write_bytes("Q? {T}\n\nCaf\u00e9? {F}\n".encode("cp1252"))
    with pytest.raises(SourceError) as caught:
        load_gift(path, "latin1.gift")
    assert str(caught.value) == (
        "latin1.gift: line 3: not UTF-8 text (byte 0xe9): save it as UTF-8"
    )


def test_reserved_private_use_characters_are_refused() -> None:
    assert error_of("Q \U000f0001? {T}\n").line == 1


def test_empty_or_comment_only_file_has_no_questions() -> None:
    assert parse("") == GiftFile((), (), ())
    assert parse("// nothing\n\n   \n").questions == ()


def test_too_many_answers_is_refused_with_a_line() -> None:
    block = "\n".join(f"~c{i}" for i in range(100)) + "\n=right"
    error = error_of("Many? {\n" + block + "\n}\n")
    assert error.line == 102 and "100" in error.reason
