"""Several answers on one line are separated as the interface's language writes it: French puts
a no-break space before ";" ("Économique → un marché ; Social → le savoir"), and the separator
was a plain "; " in every language (review u2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from player.ui.answer_words import joined


class SeparatorTranslator(QTranslator):
    """A catalog holding the French separator alone, as the shipped one will."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return "\u00a0; " if (context, source) == ("AnswerWords", "; ") else ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def separator_in_french(qapp: QApplication) -> Iterator[None]:
    translator = SeparatorTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def test_answers_are_separated_as_english_writes_it() -> None:
    assert joined(["Économique \u2192 un marché", "Social \u2192 le savoir"]) == (
        "Économique \u2192 un marché; Social \u2192 le savoir"
    )


def test_answers_are_separated_as_the_interfaces_language_writes_it(
    separator_in_french: None,
) -> None:
    assert QCoreApplication.translate("AnswerWords", "; ") == "\u00a0; "
    assert joined(["Économique \u2192 un marché", "Social \u2192 le savoir", "x"]) == (
        "Économique \u2192 un marché\u00a0; Social \u2192 le savoir\u00a0; x"
    )
    # an answer ending a sentence of its own is still followed by a space alone
    assert joined(["(déjà autonome.)", "Gratuit ?", "fin"]) == "(déjà autonome.) Gratuit ? fin"
