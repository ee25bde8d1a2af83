"""The PIN in Manage profiles: the field that asks it and the check of what was typed (before a
profile is opened, renamed, given another language, deleted, or another learner's records are
copied or added to), and the two questions about the PIN itself: set or change it, remove it.

Apart from `ProfilesDialog` (player/ui/profiles_dialog.py), which holds the list and the buttons,
so that what a PIN guards reads in one place. Its words were written, and translated, in
`ProfilesDialog`: they keep that translation context (`QCoreApplication.translate(
"ProfilesDialog", ...)`, not `self.tr`, whose context would be this class). It reaches the
dialog as its parent, holding no reference to it: no cycle between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject

from player.store.profiles import PIN_PATTERN, Profile
from player.ui.form_dialog import Field, Problem
from player.ui.i18n import fill, no_mnemonic
from player.ui.profile_dialog import PinWords
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog


class ProfilePins(QObject):
    """The PIN questions of Manage profiles (its child)."""

    def __init__(self, dialog: ProfilesDialog) -> None:
        super().__init__(dialog)
        self._after_pin: Callable[[], None] | None = None  # see ask_for_copy

    @property
    def dialog(self) -> ProfilesDialog:
        return cast("ProfilesDialog", self.parent())

    def field(self, profile: Profile) -> list[Field]:
        """The PIN field of a form about `profile`: none when it has no PIN."""
        if not profile.has_pin:
            return []
        return [
            Field(
                fill(
                    QCoreApplication.translate("ProfilesDialog", "&PIN of %1:"),
                    isolated(no_mnemonic(profile.name)),
                ),
                secret=True,
            )
        ]

    def refused(self, profile: Profile, values: list[str], field: int = 0) -> Problem | None:
        """None when `values[field]` opens `profile` (or it has no PIN), else what to say, the
        cursor back in that field (a try counted by the store's limit, unless the value is not
        4 digits: asked again, uncounted)."""
        if not profile.has_pin:
            return None
        refused = PinWords().try_pin(self.dialog.profiles, profile, values[field])
        return Problem(refused, field) if refused else None

    def ask_set(self) -> None:
        """Set a PIN…, or Change the PIN… (the old one asked first)."""
        dialog = self.dialog
        profile = dialog.selected()
        if profile is None:
            return
        offset = 1 if profile.has_pin else 0

        def check(values: list[str]) -> str | Problem:
            refused = self.refused(profile, values)
            if refused:
                return refused
            new, again = values[offset], values[offset + 1]
            if not PIN_PATTERN.match(new):
                return QCoreApplication.translate("ProfilesDialog", "A PIN is exactly 4 digits.")
            if new != again:
                return QCoreApplication.translate(
                    "ProfilesDialog", "The two PINs differ. Type the same PIN twice."
                )
            problem = self.dialog._store_call(lambda: self.dialog.profiles.set_pin(profile.id, new))
            if problem:
                return problem
            self.dialog._after_change(
                profile.id,
                lambda name: fill(
                    QCoreApplication.translate("ProfilesDialog", "The PIN of %1 is set."),
                    isolated(name),
                ),
            )
            return ""

        dialog._ask(
            fill(QCoreApplication.translate("ProfilesDialog", "PIN of %1"), isolated(profile.name)),
            QCoreApplication.translate(
                "ProfilesDialog",
                "A PIN keeps classmates on a shared computer out of your progress. "
                "Write it down somewhere safe: it cannot be recovered.",
            ),
            [
                *self.field(profile),
                Field(
                    QCoreApplication.translate("ProfilesDialog", "&New PIN (4 digits):"),
                    secret=True,
                ),
                Field(QCoreApplication.translate("ProfilesDialog", "New PIN &again:"), secret=True),
            ],
            QCoreApplication.translate("ProfilesDialog", "&Save the PIN"),
            check,
        )

    def ask_remove(self) -> None:
        """Remove the PIN…, the PIN asked first."""
        dialog = self.dialog
        profile = dialog.selected()
        if profile is None or not profile.has_pin:
            return

        def check(values: list[str]) -> str | Problem:
            refused = self.refused(profile, values)
            if refused:
                return refused
            problem = self.dialog._store_call(
                lambda: self.dialog.profiles.set_pin(profile.id, None)
            )
            if problem:
                return problem
            self.dialog._after_change(
                profile.id,
                lambda name: QCoreApplication.translate(
                    "ProfilesDialog", "%1 has no PIN any more."
                ).replace("%1", isolated(name)),
            )
            return ""

        dialog._ask(
            fill(
                QCoreApplication.translate("ProfilesDialog", "Remove the PIN of %1"),
                isolated(profile.name),
            ),
            QCoreApplication.translate(
                "ProfilesDialog", "Anyone using this computer will be able to open %1."
            ).replace("%1", isolated(profile.name)),
            self.field(profile),
            QCoreApplication.translate("ProfilesDialog", "&Remove the PIN"),
            check,
        )

    def ask_for_copy(
        self, profile: Profile, then: Callable[[], None], *, title: str | None = None
    ) -> None:
        """The PIN of `profile`, then `then` (once the form has closed): before a copy of
        their records is written, or a file's records added to theirs (`title` says which)."""

        def check(values: list[str]) -> str | Problem:
            return self.refused(profile, values) or ""

        form = self.dialog._ask(
            title
            or fill(
                QCoreApplication.translate("ProfilesDialog", "Save a copy of the records of %1"),
                isolated(profile.name),
            ),
            fill(
                QCoreApplication.translate("ProfilesDialog", "Type the PIN of %1."),
                isolated(profile.name),
            ),
            self.field(profile),
            QCoreApplication.translate("ProfilesDialog", "&Continue"),
            check,
        )
        self._after_pin = then  # kept here, answered by a method: see
        # ProfilesDialog._form_finished
        form.accepted.connect(self._pin_given)

    def _pin_given(self) -> None:
        then, self._after_pin = self._after_pin, None
        if then is not None:
            then()
