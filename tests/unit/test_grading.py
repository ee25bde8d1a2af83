"""Local grading rules, attempt scores and the seeded shuffle."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from player.course.gift import load_gift, parse_gift
from player.course.grading import (
    AttemptGrade,
    Grade,
    GradingError,
    InvalidResponseError,
    NoAnswerKeyError,
    Response,
    grade,
    grade_attempt,
    normalize_text,
    percent_value,
    shuffled,
)
from player.course.quiz import Choice, Question
from tests.support import FIXTURES as SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES / "gift"


def q(text: str) -> Question:
    (question,) = parse_gift(text, "test.gift").questions
    return question


def named(question_id: str, text: str) -> Question:
    return replace(q(text), id=question_id)


SINGLE = named(
    "single", "Hometown? {~Jerusalem#No ~%25%Bethlehem#Born ~%-50%Rome#Far =Nazareth#Yes ####Gen}"
)
MULTIPLE = named(
    "multiple", "Entombed? {~%-50%No one#Nope ~%50%Grant#One ~%50%Grant's wife#Two ~%-50%Father}"
)
TRUE_FALSE = named(
    "truefalse", "Grant is buried there. {FALSE#Wrong: he is entombed.#Right: entombed.}"
)
SHORT = named("short", "Who? {=no one#Best =%75%nobody#Fine =%50%No-one ####Gen}")
NUMERIC = named("numeric", "Born? {#=1822:0#Exact =%50%1822:2#Close =%25%1800..1900#Century}")
MATCHING = named(
    "matching", "Capitals {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris}"
)


# --- single ---------------------------------------------------------------------------------


def test_single_right_answer() -> None:
    assert grade(SINGLE, "d") == Grade(1.0, True, ("Yes",), "Gen")


def test_single_partial_weight() -> None:
    result = grade(SINGLE, "b")
    assert (result.score, result.correct, result.feedback) == (0.25, False, ("Born",))


def test_single_negative_weight_floors_at_zero() -> None:
    result = grade(SINGLE, "c")
    assert (result.score, result.correct, result.feedback) == (0.0, False, ("Far",))


def test_single_rejects_unknown_or_mistyped_choice() -> None:
    with pytest.raises(InvalidResponseError, match="no choice 'z'"):
        grade(SINGLE, "z")
    with pytest.raises(InvalidResponseError):
        grade(SINGLE, frozenset({"a"}))


# --- multiple -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "score"),
    [
        ({"b", "c"}, 1.0),
        ({"b"}, 0.5),
        ({"b", "c", "a"}, 0.5),
        ({"b", "a"}, 0.0),
        ({"a", "d"}, 0.0),  # -1 floors at 0
        ({"a", "b", "c", "d"}, 0.0),
        (set(), 0.0),
    ],
)
def test_multiple_sums_weights_and_floors_at_zero(chosen: set[str], score: float) -> None:
    result = grade(MULTIPLE, frozenset(chosen))
    assert result.score == score
    assert result.correct is (score == 1.0)


def test_multiple_caps_at_one_and_adds_thirds_to_a_full_mark() -> None:
    generous = q("Q {~%100%a ~%100%b ~c}")
    assert grade(generous, frozenset({"a", "b"})).score == 1.0
    thirds = q("Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}")
    result = grade(thirds, frozenset({"a", "b", "c"}))
    assert (result.score, result.correct) == (1.0, True)


def test_multiple_feedback_is_of_the_chosen_choices_in_choice_order() -> None:
    result = grade(MULTIPLE, frozenset({"c", "a", "d"}))
    assert result.feedback == ("Nope", "Two")  # d has no feedback


def test_multiple_accepts_any_set_and_refuses_a_bare_string() -> None:
    assert grade(MULTIPLE, {"b", "c"}).score == 1.0  # type: ignore[arg-type]
    with pytest.raises(InvalidResponseError):
        grade(MULTIPLE, "b")
    with pytest.raises(InvalidResponseError, match="no choice 'x'"):
        grade(MULTIPLE, frozenset({"b", "x"}))


@given(st.sets(st.sampled_from("abcd")))
def test_multiple_score_is_always_a_fraction(chosen: set[str]) -> None:
    result = grade(MULTIPLE, frozenset(chosen))
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (result.score == 1.0)


# --- true/false -----------------------------------------------------------------------------


def test_true_false_right_and_wrong_feedback() -> None:
    assert grade(TRUE_FALSE, False) == Grade(1.0, True, ("Right: entombed.",), "")
    assert grade(TRUE_FALSE, True) == Grade(0.0, False, ("Wrong: he is entombed.",), "")
    with pytest.raises(InvalidResponseError):
        grade(TRUE_FALSE, "false")
    with pytest.raises(InvalidResponseError):
        grade(TRUE_FALSE, 0.0)


# --- short answer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "score", "feedback"),
    [
        ("no one", 1.0, ("Best",)),
        ("  NO   One\t", 1.0, ("Best",)),
        ("No One\n", 1.0, ("Best",)),
        ("NOBODY", 0.75, ("Fine",)),
        ("no-one", 0.5, ()),
        ("noone", 0.0, ()),
        ("", 0.0, ()),
        ("no one at all", 0.0, ()),
    ],
)
def test_short_answer_ignores_case_and_spaces(
    typed: str, score: float, feedback: tuple[str, ...]
) -> None:
    result = grade(SHORT, typed)
    assert (result.score, result.feedback, result.general_feedback) == (score, feedback, "Gen")


def test_short_answer_takes_the_best_of_several_matches() -> None:
    question = q("Q {=%50%Paris#half =paris#full}")
    assert grade(question, "PARIS") == Grade(1.0, True, ("full",), "")


def test_short_answer_ignores_unicode_normalization_form() -> None:
    decomposed = unicodedata.normalize("NFD", "área de trabajo")
    question = q("Dónde? {=" + decomposed + "}")
    assert grade(question, "Área de trabajo").score == 1.0
    assert normalize_text(" Área  DE\ttrabajo ") == normalize_text(decomposed)


def test_short_answer_on_the_spanish_fixture() -> None:
    questions = load_gift(FIXTURES / "pygiftparser-imr-tema5.gift").questions
    area = questions[4]
    assert grade(area, "AREA DE TRABAJO").score == 0.8
    assert grade(area, "Área  de trabajo").score == 1.0


# --- numeric --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "score", "feedback"),
    [
        (1822.0, 1.0, ("Exact",)),
        (1822, 1.0, ("Exact",)),
        (1820.0, 0.5, ("Close",)),  # tolerance bounds are inclusive
        (1824.0, 0.5, ("Close",)),
        (1824.5, 0.25, ("Century",)),
        (1800.0, 0.25, ("Century",)),
        (1900.0, 0.25, ("Century",)),
        (1799.999, 0.0, ()),
        (-1822.0, 0.0, ()),
    ],
)
def test_numeric_best_weight_of_the_intervals_holding_the_value(
    value: float, score: float, feedback: tuple[str, ...]
) -> None:
    result = grade(NUMERIC, value)
    assert (result.score, result.feedback) == (score, feedback)


def test_numeric_tolerance_and_range_from_gift() -> None:
    pi = q("Pi? {#3.1415:0.0005}")
    assert [grade(pi, v).score for v in (3.141, 3.1415, 3.142, 3.1409, 3.1421)] == [1, 1, 1, 0, 0]
    pi_range = q("Pi? {#3.141..3.142}")
    assert [grade(pi_range, v).score for v in (3.141, 3.142, 3.14)] == [1, 1, 0]


def test_numeric_refuses_non_numbers() -> None:
    for bad in (True, "1822", float("nan"), float("inf")):
        with pytest.raises(InvalidResponseError):
            grade(NUMERIC, bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "figure", "value"),
    [
        ("{#0.8}", 80.0, 0.8),  # a fraction key: "80 %" is 0.8
        ("{#0.8:0.05}", 80.0, 0.8),  # GIFT tolerance, 0.75..0.85
        ("{#0.75..0.85}", 80.0, 0.8),  # GIFT range
        ("{#0.143}", 14.3, 0.143),  # exactly the key, not 0.14300000000000002
        ("{#1}", 100.0, 1.0),
        ("{#0..1}", 50.0, 0.5),
        ("{#=0.8 ~80#Written as a fraction, please}", 80.0, 0.8),  # the right answers decide
        ("{#75..85}", 80.0, 80.0),  # "what percentage...": the key holds the figure
        ("{#80:5}", 80.0, 80.0),
        ("{#0.5..5}", 3.0, 3.0),  # centre 2.75: figures
        ("{#-0.05}", -5.0, -0.05),  # a fall of 5 %
        ("{#0..100}", 50.0, 50.0),  # centre 50: figures
        ("{#0.8}", 8.0, 0.08),  # wrong, on the key's scale all the same
        ("{#75..85}", 8.0, 8.0),
    ],
)
def test_a_percentage_is_read_on_the_scale_of_the_key(
    key: str, figure: float, value: float
) -> None:
    question = q(f"What share? {key}")
    assert percent_value(question, figure) == value


@pytest.mark.parametrize(
    ("key", "figure", "value", "score"),
    [
        ("{#0.95:0.1}", 95.0, 0.95, 1.0),  # 0.85..1.05 once widened: still a fraction
        ("{#1:0.01}", 100.0, 1.0, 1.0),  # 0.99..1.01
        ("{#0.02:0.05}", 2.0, 0.02, 1.0),  # -0.03..0.07
        ("{#-0.2}", -20.0, -0.2, 1.0),  # a 20 % fall
        ("{#1}", 100.0, 1.0, 1.0),  # a key of 1 is a fraction: 100 %
        ("{#=0.8 =%50%80}", 80.0, 0.8, 1.0),  # full marks: the half-credit 80 does not decide
    ],
)
def test_a_right_percentage_is_read_on_the_scale_of_the_nominal_key(
    key: str, figure: float, value: float, score: float
) -> None:
    """The key's nominal values decide, not its bounds once widened by the tolerance."""
    question = q(f"What share? {key}")
    kept = percent_value(question, figure)
    assert kept == value
    assert grade(question, kept).score == score


@pytest.mark.parametrize(
    ("key", "figure", "value"),
    [
        ("{#0.8}", 0.8, 0.008),  # "0,8 %" is 0.008, not the 0.8 asked for
        ("{#0.05:0.005}", 0.05, 0.0005),  # 0.05 % is 0.0005
        ("{#5}", 500.0, 500.0),  # 500 % to a key of 5 is 500
        ("{#80}", 8000.0, 8000.0),
        ("{#1}", 1.0, 0.01),  # write {#0.01} for "1 %"
    ],
)
def test_a_percentage_never_excuses_the_factor_of_100(
    key: str, figure: float, value: float
) -> None:
    """The reviewers' cases: grading both readings and keeping the better made each right."""
    question = q(f"What share? {key}")
    kept = percent_value(question, figure)
    assert kept == value
    assert grade(question, kept).score == 0.0


def test_a_percentage_answers_a_fraction_key_and_a_figure_key_alike() -> None:
    """80 % is right to a teacher's 0.8 (JSON or GIFT) and to their 80; 8 % to neither."""
    answers = [{"min": 0.75, "max": 0.85, "weight": 1.0}]
    as_json = Question.from_json({"id": "q", "type": "numeric", "text": "?", "answers": answers})
    for question in (as_json, q("Share? {#0.8:0.05}"), q("Percentage? {#75..85}")):
        right, wrong = percent_value(question, 80.0), percent_value(question, 8.0)
        assert right is not None and wrong is not None
        assert grade(question, right).correct, question.numeric_answers
        assert not grade(question, wrong).correct


def test_a_percentage_has_no_value_to_a_question_without_a_key() -> None:
    """An exam's key stays with the institution: 0.8 or 80, nobody here can tell."""
    exam = q("Share? {#0.8}").without_answers()
    assert percent_value(exam, 80.0) is None
    assert percent_value(SHORT, 80.0) is None


# --- matching -------------------------------------------------------------------------------


def test_matching_partial_credit_is_the_share_of_sources_right() -> None:
    # Targets are numbered by text: t1 Ottawa, t2 Paris (the distractor), t3 Rome, t4 Tokyo.
    right = (("s1", "t1"), ("s2", "t3"), ("s3", "t4"))
    assert grade(MATCHING, right) == Grade(1.0, True, (), "")
    two = (("s1", "t1"), ("s2", "t3"), ("s3", "t2"))
    assert grade(MATCHING, two).score == round(2 / 3, 6)
    assert grade(MATCHING, (("s1", "t1"),)).score == round(1 / 3, 6)
    assert grade(MATCHING, ()).score == 0.0
    swapped = (("s1", "t3"), ("s2", "t1"), ("s3", "t4"))
    assert grade(MATCHING, swapped).score == round(1 / 3, 6)


def test_matching_with_a_shared_target() -> None:
    question = q("M {=Italy -> Rome =Vatican -> Rome =France -> Paris}")
    assert grade(question, (("s1", "t2"), ("s2", "t2"), ("s3", "t1"))).correct  # t1 Paris


def test_matching_refuses_bad_pairs() -> None:
    for bad in (
        (("s1", "t9"),),
        (("s9", "t1"),),
        (("s1", "t1"), ("s1", "t2")),
        (("s1",),),
        "s1t1",
    ):
        with pytest.raises(InvalidResponseError):
            grade(MATCHING, bad)  # type: ignore[arg-type]
    assert grade(MATCHING, [["s1", "t1"]]).score == round(1 / 3, 6)  # type: ignore[arg-type]


# --- exams are not graded here --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (SINGLE, "d"),
        (MULTIPLE, frozenset({"b"})),
        (TRUE_FALSE, False),
        (SHORT, "no one"),
        (NUMERIC, 1822.0),
        (MATCHING, (("s1", "t1"),)),
    ],
)
def test_grading_an_exam_question_is_refused(question: Question, response: Response) -> None:
    exam = question.without_answers()
    with pytest.raises(NoAnswerKeyError, match="exam question"):
        grade(exam, response)
    exam_from_json = Question.from_json(exam.to_json(), has_key=False)
    with pytest.raises(NoAnswerKeyError):
        grade(exam_from_json, response)
    with pytest.raises(NoAnswerKeyError):
        grade_attempt([exam], {exam.id: response}, 0.5)


# --- attempts -------------------------------------------------------------------------------


def test_attempt_is_the_mean_with_unanswered_at_zero() -> None:
    questions = [SINGLE, MULTIPLE, TRUE_FALSE, SHORT]
    ids = [x.id for x in questions]
    responses: dict[str, Response | None] = {
        ids[0]: "d",  # 1
        ids[1]: frozenset({"b"}),  # 0.5
        ids[3]: None,  # unanswered
    }
    result = grade_attempt(questions, responses, mastery_score=0.375)
    assert isinstance(result, AttemptGrade)
    assert result.scaled == 0.375
    assert result.passed is True  # equal to the mastery score passes (cmi5)
    assert result.answered == 2
    assert result.grade_of(ids[2]) is None
    assert result.grade_of(ids[1]) == Grade(0.5, False, ("One",), "")
    assert [qid for qid, _ in result.grades] == ids
    assert grade_attempt(questions, responses, mastery_score=0.4).passed is False
    with pytest.raises(KeyError):
        result.grade_of("nope")


def test_attempt_refuses_nonsense() -> None:
    with pytest.raises(GradingError):
        grade_attempt([], {}, 0.5)
    with pytest.raises(GradingError):
        grade_attempt([SINGLE], {}, 1.5)
    with pytest.raises(InvalidResponseError, match="not in this attempt"):
        grade_attempt([SINGLE], {"other": "a"}, 0.5)
    assert grade_attempt([SINGLE], {}, 0.0) == AttemptGrade(0.0, True, 0.0, ((SINGLE.id, None),))


def test_a_whole_fixture_answered_right_scores_one() -> None:
    questions = load_gift(FIXTURES / "moodle-examples.gift").questions
    responses = {x.id: _right_answer(x) for x in questions}
    result = grade_attempt(questions, responses, mastery_score=1.0)
    partial = [x.id for x in questions if result.grade_of(x.id) != _full(result, x.id)]
    assert result.scaled == 1.0 and result.passed, partial


def _full(result: AttemptGrade, qid: str) -> Grade | None:
    found = result.grade_of(qid)
    return found if found is not None and found.correct else None


def _right_answer(question: Question) -> Response:
    if question.type == "single":
        return max(question.choices, key=lambda c: c.weight or 0).id
    if question.type == "multiple":
        return frozenset(c.id for c in question.choices if (c.weight or 0) > 0)
    if question.type == "truefalse":
        return bool(question.answer)
    if question.type == "short":
        return max(question.text_answers, key=lambda a: a.weight).text.upper()
    if question.type == "numeric":
        best = max(question.numeric_answers, key=lambda a: a.weight)
        return (best.min + best.max) / 2
    return question.pairs


# --- shuffle --------------------------------------------------------------------------------

QUIZ = (
    *(
        Question(
            id=f"q{n}",
            type="single",
            text=f"Question {n}",
            choices=tuple(Choice(c, c.upper(), 1.0 if c == "a" else 0.0) for c in "abcdef"),
        )
        for n in range(1, 11)
    ),
    MATCHING,
    TRUE_FALSE,
)


def order(questions: tuple[Question, ...]) -> list[tuple[str, str]]:
    return [
        (x.id, "".join(c.id for c in x.choices) or "".join(t.id for t in x.targets))
        for x in questions
    ]


def test_shuffle_is_reproducible_and_a_permutation() -> None:
    first = shuffled(QUIZ, 1234, True, True)
    assert order(first) == order(shuffled(QUIZ, 1234, True, True))
    assert sorted(x.id for x in first) == sorted(x.id for x in QUIZ)
    for original in QUIZ:
        moved = next(x for x in first if x.id == original.id)
        assert set(moved.choices) == set(original.choices)
        assert set(moved.targets) == set(original.targets)
        assert moved.pairs == original.pairs and moved.sources == original.sources


def test_shuffle_differs_between_seeds() -> None:
    orders = {tuple(order(shuffled(QUIZ, seed, True, True))) for seed in range(20)}
    assert len(orders) == 20


def test_shuffle_flags() -> None:
    assert shuffled(QUIZ, 7, False, False) == QUIZ
    only_questions = shuffled(QUIZ, 7, True, False)
    assert [x.id for x in only_questions] != [x.id for x in QUIZ]
    assert all(x == next(o for o in QUIZ if o.id == x.id) for x in only_questions)
    only_choices = shuffled(QUIZ, 7, False, True)
    assert [x.id for x in only_choices] == [x.id for x in QUIZ]
    assert [x.choices for x in only_choices] != [x.choices for x in QUIZ]


def test_unshuffled_matching_targets_are_shown_by_text_not_in_a_published_pair_order() -> None:
    # A package built before targets were numbered by text lists them in the order of the pairs.
    published = Question.from_json(
        {
            "id": "plans",
            "type": "matching",
            "text": "Associez.",
            "sources": [{"id": "s1", "text": "Économique"}, {"id": "s2", "text": "Social"}],
            "targets": [{"id": "t1", "text": "Un marché"}, {"id": "t2", "text": "la démocratie"}],
        },
        has_key=False,
    )
    (shown,) = shuffled((published,), 3, False, False)
    assert [(t.id, t.text) for t in shown.targets] == [("t2", "la démocratie"), ("t1", "Un marché")]
    assert shown.sources == published.sources
    shuffled_on = [shuffled((published,), seed, False, True)[0].targets for seed in range(20)]
    assert set(shuffled_on) == {published.targets, shown.targets}  # the seeded shuffle, as before


def test_choice_order_does_not_depend_on_question_order() -> None:
    both = {x.id: x.choices for x in shuffled(QUIZ, 99, True, True)}
    choices_only = {x.id: x.choices for x in shuffled(QUIZ, 99, False, True)}
    assert both == choices_only


def test_shuffle_is_pinned_so_resumed_attempts_keep_their_order() -> None:
    # An attempt stores only its seed: if this order changed (new seeding scheme, another
    # generator), a learner resuming a quiz after an update would see it reshuffled.
    result = shuffled(QUIZ, 2024, True, True)
    assert order(result)[:4] == [
        ("q1", "abfced"),
        ("q7", "bdcfea"),
        ("q9", "fcebad"),
        ("q2", "dabcfe"),
    ]


def test_grading_is_unchanged_by_shuffling() -> None:
    for x in shuffled(QUIZ, 5, True, True):
        if x.type == "single":
            assert grade(x, "a").correct
    moved = next(x for x in shuffled(QUIZ, 5, True, True) if x.type == "matching")
    assert grade(moved, MATCHING.pairs).correct
