"""The Continue banner's words: the unit named by its title after its module's number.

"Continue: module 2, quiz 2" meant the module's 2nd unit but read as its second quiz."""

from __future__ import annotations

from dataclasses import replace

from player.ui.resume import TITLE_LIMIT, ResumePoint, continue_text, shortened

QUIZ = ResumePoint(
    course_id="les-mooc",
    course_title="Les MOOC",
    unit_id="phenomene-quiz",
    module_number=2,
    unit_number=2,
    unit_type="quiz",
    position=3.0,
    narrated=False,
    unit_title="Quiz d'entraînement",
)


def test_the_banner_names_the_unit_by_its_title(qapp) -> None:  # type: ignore[no-untyped-def]
    assert continue_text(QUIZ) == "Continue: Module 2 \u00b7 \u2068Quiz d'entraînement\u2069"
    deck = replace(QUIZ, unit_type="slides", unit_title="Un phénomène", position=4.0)
    assert continue_text(deck) == "Continue: Module 2 \u00b7 \u2068Un phénomène\u2069, slide 4"
    video = replace(QUIZ, unit_type="video", unit_title="Intro", position=252.0, length=600.0)
    assert continue_text(video) == "Continue: Module 2 \u00b7 \u2068Intro\u2069 at 4:12"


def test_a_long_title_is_cut_at_a_word(qapp) -> None:  # type: ignore[no-untyped-def]
    long = "Les enjeux économiques, pédagogiques et institutionnels des cours en ligne " * 2
    text = continue_text(replace(QUIZ, unit_title=long))
    title = text.removeprefix("Continue: Module 2 \u00b7 \u2068").removesuffix("\u2069")
    assert len(title) <= TITLE_LIMIT and title.endswith("\u2026")
    assert long.startswith(title.removesuffix("\u2026")), "cut, never rewritten"
    assert long[len(title) - 1] == " " or title[-2] != " ", "at a word"
    assert shortened("  two\n lines ") == "two lines"
    assert shortened("x" * 100) == "x" * (TITLE_LIMIT - 1) + "\u2026", "one long word: cut in it"


def test_a_title_keeps_its_no_break_spaces(qapp) -> None:  # type: ignore[no-untyped-def]
    # French typography: the demo's "Qu'est-ce qu'un MOOC ?" must not break before its "?"
    assert shortened("Qu'est-ce qu'un MOOC\u00a0?") == "Qu'est-ce qu'un MOOC\u00a0?"
    assert (
        shortened("Le\u202f«\u202fMOOC\u202f»\n  et ses enjeux")
        == "Le\u202f«\u202fMOOC\u202f» et ses enjeux"
    )
    long = "Pourquoi un tel tapage\u00a0? " + "Les enjeux des cours en ligne\u00a0: " * 3
    title = shortened(long)
    assert len(title) <= TITLE_LIMIT and title.endswith("\u2026")
    assert long.startswith(title.removesuffix("\u2026")), (
        "cut at an ordinary space, never in a no-break one"
    )
    assert title[-2] not in " \u00a0:", "no space or colon left before the ellipsis"


def test_a_title_holding_placeholders_is_shown_as_written(qapp) -> None:  # type: ignore[no-untyped-def]
    video = replace(QUIZ, unit_type="video", unit_title="50%2 off %1", position=65.0)
    assert continue_text(video) == "Continue: Module 2 \u00b7 \u206850%2 off %1\u2069 at 1:05"
    untitled = replace(QUIZ, unit_title="")
    assert continue_text(untitled) == "Continue: Module 2 \u00b7 quiz"
