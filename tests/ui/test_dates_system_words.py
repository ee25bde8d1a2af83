"""r6: an LC_TIME of another language than LANG (GNOME's Formats) must not bring its words into
the interface's date ("28 de Nov de 2026", "28 Nov 2026 г.", "2026년 Nov 28일")."""

from __future__ import annotations

import pytest

from tests.ui.test_system_locale import probe

US = "en_US.UTF-8"


@pytest.mark.parametrize(
    ("environment", "language", "said"),
    [
        ({"LANG": US, "LC_TIME": "pt_BR.UTF-8"}, "en", "Mar 28, 2026, 08:27"),
        (
            {"LANG": US, "LC_TIME": "ru_RU.UTF-8", "LC_NUMERIC": "ru_RU.UTF-8"},
            "en",
            "Mar 28, 2026, 08:27",
        ),
        ({"LANG": US, "LC_TIME": "ja_JP.UTF-8"}, "en", "Mar 28, 2026, 8:27"),
        ({"LANG": US, "LC_TIME": "he_IL.UTF-8"}, "en", "Mar 28, 2026, 8:27"),
        ({"LANG": US, "LC_TIME": "lt_LT.UTF-8"}, "en", "Mar 28, 2026, 08:27"),
        ({"LANG": "fr_FR.UTF-8", "LC_TIME": "es_ES.UTF-8"}, "fr", "28 mars 2026 à 8:27"),
        ({"LANG": US, "LC_TIME": "de_DE.UTF-8"}, "en", "28. Mar 2026, 08:27"),  # no words: kept
    ],
)
def test_a_date_has_no_words_of_the_system_s_other_language(
    environment: dict[str, str], language: str, said: str
) -> None:
    assert probe(environment, language)["date"] == said
