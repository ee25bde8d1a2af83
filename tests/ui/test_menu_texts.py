"""Menu items named in sentences (player/ui/menu_texts.py): the path reads as the menus do, each
step without its Alt-key "&" or its closing "…", wherever it stands in the path."""

from __future__ import annotations

from player.ui.menu_texts import menu_path, translated_menu_path
from tests.ui.unit_support import french


def test_every_step_of_a_menu_path_loses_its_ampersand_and_ellipsis() -> None:
    assert menu_path("&Course", "Se&ttings…", "Catalogs") == "Course → Settings → Catalogs"
    assert menu_path("&Cours", "Ré&glages...", "Q&&R…") == "Cours → Réglages → Q&R"
    assert menu_path("&Course") == "Course"


def test_a_path_through_the_settings_reads_in_french_without_the_ellipsis(qapp) -> None:  # type: ignore[no-untyped-def]
    path = (("MainWindow", "&Course"), ("GettingCourses", "Se&ttings…"))
    with french(qapp):
        assert translated_menu_path(*path, ("SettingsDialog", "&Catalogs")) == (
            "Cours → Réglages → Catalogues"
        )
    assert translated_menu_path(*path) == "Course → Settings"
