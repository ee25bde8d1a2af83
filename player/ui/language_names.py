"""A course's language as the learner reads it, in the interface language.

Qt names a bare code after its default region ("en" -> "American English", "es" -> "español de
España"), which a course in "en" is not, so a bare code shows the language alone and only a code
with a region ("en-GB", "fr-CA") names the region. Qt knows language names only in English and in
each language itself: the common ones are translated here; any other is in English in an English
interface and in its own language otherwise (a French learner reads "Deutsch", not "German").
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

from player.ui.i18n import fill

Language = QLocale.Language


def _translated_names() -> dict[Language, str]:
    translate = QCoreApplication.translate  # each call spelt out: lupdate reads the literals
    return {
        Language.English: translate("LanguageName", "English"),
        Language.French: translate("LanguageName", "French"),
        Language.German: translate("LanguageName", "German"),
        Language.Spanish: translate("LanguageName", "Spanish"),
        Language.Italian: translate("LanguageName", "Italian"),
        Language.Portuguese: translate("LanguageName", "Portuguese"),
        Language.Dutch: translate("LanguageName", "Dutch"),
        Language.Arabic: translate("LanguageName", "Arabic"),
    }


def _english_interface() -> bool:
    return QLocale().language() in (Language.English, Language.C)


def _language(locale: QLocale) -> str:
    english = QLocale.languageToString(locale.language())
    if _english_interface():
        return english
    name = _translated_names().get(locale.language(), english)
    if name == english and locale.language() != Language.English:
        # Not translated (yet): its own name rather than English in a French interface.
        name = QLocale(locale.language()).nativeLanguageName() or english
    return name


def _territory(locale: QLocale) -> str:
    english = QLocale.territoryToString(locale.territory())
    if _english_interface():
        return english
    # "fr-CA" in French: "Canada" from the French locale of that region, when there is one.
    same = QLocale(QLocale().language(), locale.territory())
    if same.territory() == locale.territory() and same.language() == QLocale().language():
        return same.nativeTerritoryName() or english
    return english


def language_name(code: str) -> str:
    """ "English" for "en", "English (United Kingdom)" for "en-GB"; the code itself when Qt
    does not know it."""
    locale = QLocale(code)
    if locale.language() == Language.C:
        return code
    name = _language(locale)
    name = name[:1].upper() + name[1:]
    if re.fullmatch(r"[A-Za-z]{2,3}", code.strip()):
        return name
    return fill(
        QCoreApplication.translate("LanguageName", "%1 (%2)", "language (region)"),
        name,
        _territory(locale),
    )
