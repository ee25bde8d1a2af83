"""find_text.py: a word typed without its case, accents or ligatures finds the text's own."""

from __future__ import annotations

from player.ui.find_text import Matches, find_all


def test_case_accents_ligatures_decomposed_letters_and_line_breaks_are_ignored() -> None:
    text = "Un ÉLÈVE, une élève, un e\u0301le\u0300ve ; le cœur\r\nbat. Elevé."
    assert [text[a:b] for a, b in find_all(text, "eleve")] == [
        "ÉLÈVE",
        "élève",
        "e\u0301le\u0300ve",
        "Elevé",
    ]
    assert [text[a:b] for a, b in find_all(text, "COEUR bat")] == ["cœur\r\nbat"]
    assert [text[a:b] for a, b in find_all(text, "élève")] == [
        text[a:b] for a, b in find_all(text, "eleve")
    ]
    assert find_all(text, "   ") == [] and find_all(text, "professeur") == []
    assert find_all("a.b axb", "a.b") == [(0, 3)]  # typed, not a pattern


def test_matches_step_round_the_ends_and_count_from_one() -> None:
    matches = Matches([(2, 5), (0, 1)])
    matches.add([(1, 0)])
    assert matches.found == [(0, 1), (1, 0), (2, 5)]
    assert matches.first_from((1,)) == (1, 0) and matches.first_from((3,)) == (0, 1)
    assert matches.step(-1) == (2, 5) and matches.position == 3
    assert matches.step(1) == (0, 1) and matches.position == 1
