"""The profile chooser before any profile is open speaks the language of the last profile used
on this computer, else the one all profiles share, else the system's: in a lab of French
profiles on an English or C-locale computer it asked "Who is studying?", "PIN:" and "New
profile" in English (shared-lab run f6 #1). The tests run under LC_ALL=C.UTF-8 (conftest): the
system's language is English. The real store, the real translation files."""

from __future__ import annotations

from player.ui.main_window import MainWindow
from player.ui.profile_dialog import ProfilePage
from player.ui.shell import ShellServices


def chooser(window: MainWindow) -> ProfilePage:
    window.start()
    page = window.profile_page
    assert isinstance(page, ProfilePage) and page.isVisible()
    return page


def test_two_french_profiles_on_a_c_locale_computer_are_asked_in_french(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    awa = services.profiles.add("Awa", "fr", "1357")
    services.profiles.add("Binta", "fr", "2468")
    services.context.settings.last_profile = awa.id  # her PIN asked: the chooser shows
    page = chooser(window)
    assert services.translations.language == "fr"
    assert page.heading.text() == "Qui étudie\u00a0?"
    assert page.new_label.text() == "Nouveau profil"
    assert page.pin_label.isVisible() and page.pin_label.text() == "Code P&IN\u00a0:"


def test_no_profile_used_yet_the_language_all_profiles_share(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add("Awa", "fr")
    services.profiles.add("Binta", "fr")
    assert chooser(window).heading.text() == "Qui étudie\u00a0?"


def test_the_last_profile_used_speaks_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add("Awa", "fr")
    chidi = services.profiles.add("Chidi", "en", "1357")
    services.profiles.add("Binta", "fr")
    services.context.settings.last_profile = chidi.id
    assert chooser(window).heading.text() == "Who is studying?"


def test_profiles_of_several_languages_none_used_yet_the_system_s(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add("Awa", "fr")
    services.profiles.add("Chidi", "en")
    assert chooser(window).heading.text() == "Who is studying?"
    assert services.translations.language == "en"
