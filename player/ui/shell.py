"""What the shell's views work with, made once by the composition root (player/app.py).

Plain references, no global: the library, the learner records (`Store`: profiles, progress
queries, the event recorder), the task runner and the translations. `Session` adds the learner
who is studying; views get it once a profile is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from player.context import Context
from player.library.library import Library
from player.store.database import Database
from player.store.profiles import Profile, Profiles
from player.store.progress import ProgressQueries
from player.store.store import Store
from player.ui.i18n import Translations
from player.ui.logging_setup import LogSetup
from player.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from player.store.events import Recorder


@dataclass(frozen=True)
class ShellServices:
    """What the views share: the installation, records, task runner, translations, logs."""

    context: Context
    store: Store
    tasks: TaskRunner
    translations: Translations
    logs: LogSetup | None = field(default=None, compare=False)

    @property
    def library(self) -> Library:
        return self.context.library

    @property
    def database(self) -> Database:
        return self.store.database

    @property
    def profiles(self) -> Profiles:
        return self.store.profiles

    @property
    def progress(self) -> ProgressQueries:
        return self.store.progress

    @property
    def recorder(self) -> Recorder:
        return self.store.events


@dataclass(frozen=True)
class Session:
    """A learner studying: the services plus the open profile."""

    services: ShellServices
    profile: Profile

    @property
    def profile_id(self) -> str:
        return self.profile.id
