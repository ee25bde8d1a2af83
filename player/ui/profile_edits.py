"""Add…, Rename… and Language… in Manage profiles: the questions that make a profile, or change
its name or its interface language, each one form (another learner's PIN asked in it, see
player.ui.profile_pins), and why a name is refused, in the learner's words.

Apart from `ProfilesDialog` (player/ui/profiles_dialog.py), which holds the list and the buttons.
Its words were written, and translated, in `ProfilesDialog`: they keep that translation context
(`QCoreApplication.translate("ProfilesDialog", ...)`, not `self.tr`, whose context would be this
class). It reaches the dialog as its parent, holding no reference to it: no cycle between them.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject

from player.store.database import StoreError
from player.store.profiles import PIN_PATTERN, name_key
from player.ui.form_dialog import Field, Problem
from player.ui.i18n import LANGUAGES, fill
from player.ui.profile_dialog import NameWords
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog


class ProfileEdits(QObject):
    """Add…, Rename… and Language… of Manage profiles (its child)."""

    def __init__(self, dialog: ProfilesDialog) -> None:
        super().__init__(dialog)

    @property
    def dialog(self) -> ProfilesDialog:
        return cast("ProfilesDialog", self.parent())

    def ask_add(self) -> None:
        languages = tuple((native, code) for code, native in LANGUAGES.items())

        def check(values: list[str]) -> str | Problem:
            name, language, pin = " ".join(values[0].split()), values[1], values[2]
            if not name_key(name):  # nothing that shows (U+3164 alone): no name
                return QCoreApplication.translate(
                    "ProfilesDialog", "Type a name for the new profile."
                )
            too_long = NameWords().too_long(name)
            if too_long:
                return too_long
            if pin and not PIN_PATTERN.match(pin):
                return Problem(
                    QCoreApplication.translate(
                        "ProfilesDialog", "A PIN is exactly 4 digits, or leave it empty."
                    ),
                    2,
                )
            if pin != values[3]:  # typed twice: a slip locked the learner out for good
                return Problem(
                    QCoreApplication.translate(
                        "ProfilesDialog", "The two PINs differ. Type the same PIN twice."
                    ),
                    2,
                )
            try:
                profile = self.dialog.profiles.add(name, language, pin or None)
            except (StoreError, sqlite3.Error) as exc:
                return self._name_problem(name, exc, "")
            self.dialog.reload(select=profile.id)
            self.dialog._say(
                lambda: QCoreApplication.translate("ProfilesDialog", "Profile %1 added.").replace(
                    "%1", isolated(profile.name)
                )
            )
            return ""

        self.dialog._ask(
            QCoreApplication.translate("ProfilesDialog", "Add a profile"),
            QCoreApplication.translate(
                "ProfilesDialog", "A profile keeps one learner's progress apart from the others'."
            ),
            [
                Field(QCoreApplication.translate("ProfilesDialog", "&Name:")),
                Field(
                    QCoreApplication.translate("ProfilesDialog", "&Language:"),
                    value=self.dialog.language,
                    choices=languages,
                ),
                Field(
                    QCoreApplication.translate("ProfilesDialog", "PIN (optional, 4 &digits):"),
                    secret=True,
                ),
                Field(QCoreApplication.translate("ProfilesDialog", "PIN a&gain:"), secret=True),
            ],
            QCoreApplication.translate("ProfilesDialog", "&Add"),
            check,
        )

    def _name_problem(self, name: str, exc: Exception, other_than: str) -> str:
        """The store's refusal of `name`, in the learner's words when another profile's name
        looks the same (named as it is written: "Awa" for "awa")."""
        same = self.dialog.profiles.named_like(name, other_than)
        if same is not None:
            return QCoreApplication.translate(
                "ProfilesDialog", "A profile named %1 already exists."
            ).replace("%1", isolated(same.name))
        return str(exc)

    def ask_rename(self) -> None:
        profile = self.dialog.selected()
        if profile is None:
            return
        guarded = profile.has_pin and profile.id != self.dialog.current_id

        def check(values: list[str]) -> str | Problem:
            name = " ".join(values[0].split())
            if not name_key(name):  # nothing that shows: no name
                return QCoreApplication.translate("ProfilesDialog", "Type a name for the profile.")
            too_long = NameWords().too_long(name)
            if too_long:
                return too_long
            refused = self.dialog.pins.refused(profile, values, 1) if guarded else None
            if refused:
                return refused
            try:
                renamed = self.dialog.profiles.rename(profile.id, name)
            except (StoreError, sqlite3.Error) as exc:
                return self._name_problem(name, exc, profile.id)
            self.dialog.reload(select=renamed.id)
            self.dialog._say(
                lambda: QCoreApplication.translate("ProfilesDialog", "Renamed to %1.").replace(
                    "%1", isolated(renamed.name)
                )
            )
            self.dialog.changed.emit(renamed)
            return ""

        fields = [
            Field(QCoreApplication.translate("ProfilesDialog", "&New name:"), value=profile.name)
        ]
        if guarded:
            fields += self.dialog.pins.field(profile)
        self.dialog._ask(
            QCoreApplication.translate("ProfilesDialog", "Rename %1").replace(
                "%1", isolated(profile.name)
            ),
            fill(
                QCoreApplication.translate("ProfilesDialog", "The new name of %1:"),
                isolated(profile.name),
            ),
            fields,
            QCoreApplication.translate("ProfilesDialog", "&Rename"),
            check,
        )

    def ask_language(self) -> None:
        """The interface language, chosen when the profile was made, changed without losing
        anything; another learner's profile guarded by a PIN asks it, as renaming does."""
        profile = self.dialog.selected()
        if profile is None:
            return
        guarded = profile.has_pin and profile.id != self.dialog.current_id
        languages = tuple((native, code) for code, native in LANGUAGES.items())

        def check(values: list[str]) -> str | Problem:
            refused = self.dialog.pins.refused(profile, values, 1) if guarded else None
            if refused:
                return refused
            language = values[0]
            problem = self.dialog._store_call(
                lambda: self.dialog.profiles.set_language(profile.id, language)
            )
            if problem:
                return problem
            shown = LANGUAGES.get(language, language)
            self.dialog._after_change(
                profile.id,
                lambda name: fill(
                    QCoreApplication.translate("ProfilesDialog", "%1 now uses %3 in %2."),
                    isolated(name),
                    shown,
                    isolated(self.dialog.product),
                ),
            )
            return ""

        fields = [
            Field(
                QCoreApplication.translate("ProfilesDialog", "&Language:"),
                value=profile.language,
                choices=languages,
            )
        ]
        if guarded:
            fields += self.dialog.pins.field(profile)
        self.dialog._ask(
            fill(
                QCoreApplication.translate("ProfilesDialog", "Language of %1"),
                isolated(profile.name),
            ),
            QCoreApplication.translate(
                "ProfilesDialog", "The language of the menus, buttons and messages for %1:"
            ).replace("%1", isolated(profile.name)),
            fields,
            QCoreApplication.translate("ProfilesDialog", "C&hange"),
            check,
        )
