"""An answer in words, as the learner's language writes it: for the review list and the
feedback beside a question (numbers with the interface's decimal mark, several answers on one
line)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

# An answer ending with one of these needs no "; " after it ("modules.; Le rôle" read badly).
_OWN_PUNCTUATION = (".", "!", "?", "\u2026", ";", ":")
# Closing marks looked through for that punctuation ("(… modules.)", "« … ! »").
_CLOSING = " \u00a0\u202f)]\u00bb\u201d\"'"


def joined(answers: Iterable[str]) -> str:
    """Several answers in one line: "; " between them, as the interface's language writes it
    (French: a no-break space before the ";"), or a space alone after an answer that ends a
    sentence of its own (the choices of a multiple answer question often do)."""
    separator = QCoreApplication.translate("AnswerWords", "; ")
    line = ""
    for answer in answers:
        answer = answer.strip()
        if not answer:
            continue
        if line:
            line += " " if line.rstrip(_CLOSING).endswith(_OWN_PUNCTUATION) else separator
        line += answer
    return line


def decimal_mark() -> str:
    """The interface language's own decimal mark ("." in English, "," in French), never the
    system's: the hints beside a numeric question say the language's convention ("a comma
    separates thousands (1,500)" in English), and the default locale may be the system's
    (en_DK's ",", an LC_NUMERIC of its own), which read an English "1,500" as 1.5 (review r11)."""
    return "," if QLocale(QLocale().language()).decimalPoint() == "," else "."


def number_text(value: float) -> str:
    """A saved number shown again as the learner's language writes it (3,14 in French)."""
    text = str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return text.replace(".", decimal_mark())
