"""The interface languages Cartable ships, by code: one list for the player's choosers
(player.ui.i18n) and for `cartable profiles add --language`, which took any code and stored it
(review s17 #8). Plain Python: the command line loads no Qt for it."""

from __future__ import annotations

#: Each with its name in its own language; a resources/translations/cartable_<code>.qm each.
LANGUAGES: dict[str, str] = {"fr": "Français", "en": "English"}


def supported(language: str | None) -> str | None:
    """`fr_CA`, `fr-FR`, `FR` -> `fr`; None when Cartable does not speak it. Here, not in
    player.ui.i18n, so that `profiles add --language fr_FR` takes what the player takes."""
    if not language:
        return None
    code = language.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None
