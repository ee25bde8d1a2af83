"""Everything Qt-free the player is made of, wired once: paths, branding, settings, trust,
library. The GUI (player/app.py) and the headless commands both start from `open_context`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from player.branding import Branding, load_branding
from player.course.errors import CourseError
from player.course.manifest import version_key
from player.course.signing import PublicKey
from player.library.blobstore import BlobStore
from player.library.library import InstalledCourse, Library
from player.library.trust import TrustedKey, TrustStore
from player.paths import Paths, demo_repository, resources_dir, user_paths
from player.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)
DEMO_COURSE_ID = "les-mooc"


@dataclass
class Context:
    """The installation: its folders, branding, settings, trusted keys and library."""

    paths: Paths
    branding: Branding
    settings: Settings
    trust: TrustStore
    library: Library

    def save_settings(self) -> None:
        save_settings(self.paths.settings_file, self.settings)


def demo_key() -> PublicKey | None:
    path = resources_dir() / "demo" / "demo-key.pub"
    return PublicKey.from_file(path) if path.is_file() else None


def earlier_demo_keys() -> list[PublicKey]:
    """The keys that signed earlier demos (each rebuild takes a new key): a demo one of them
    signed is replaced by the shipped one, and they sign nothing else (`TrustStore.earlier`)."""
    folder = resources_dir() / "demo" / "earlier-keys"
    return [PublicKey.from_file(path) for path in sorted(folder.glob("*.pub"))]


def open_context(paths: Paths | None = None, branding: Branding | None = None) -> Context:
    paths = (paths or user_paths()).ensure()
    branding = branding or load_branding()
    built_in = [TrustedKey(k, "branding") for k in branding.trusted_keys]
    key = demo_key() if branding.include_demo else None
    earlier: list[TrustedKey] = []
    if key is not None:
        built_in.append(TrustedKey(key, "demo", only_course=DEMO_COURSE_ID))
        earlier = [TrustedKey(k, "demo", DEMO_COURSE_ID) for k in earlier_demo_keys()]
    trust = TrustStore(paths.config / "trusted-keys", built_in, earlier)
    library = Library(paths.courses, BlobStore(paths.blobs), trust, records=paths.database)
    return Context(paths, branding, load_settings(paths.settings_file), trust, library)


def ensure_demo(context: Context) -> InstalledCourse | None:
    """Install the bundled demo on first start, offline, and the newer one an updated installer
    ships over the installed one (the learner's progress kept: same units); never again once
    the learner removed it, unless they imported it again by hand (then it is theirs again:
    updated as before)."""
    if not context.branding.include_demo:
        return None
    existing = context.library.get(DEMO_COURSE_ID)
    if context.settings.demo_removed:
        if existing is None:
            return None
        context.settings.demo_removed = False  # imported again: the installer updates it again
        try:
            context.save_settings()
        except OSError as exc:  # this run updates it all the same; the next start tries again
            log.warning("could not save settings: %s", exc)
    repository = demo_repository()
    if existing is not None:
        if not _ships_newer(repository, existing.version):
            return existing
        key = demo_key()
        if key is None or context.library.other_signer(DEMO_COURSE_ID, key.key_id):
            return existing  # signed by a key the shipped demo's may not take over: every
            # start would read and verify the shipped demo to be refused, and say so in the log
        try:
            installed = context.library.install_folder(repository)
        except CourseError as exc:  # a demo signed by another key...: the learner keeps theirs
            log.warning("demo %s not updated: %s", existing.version, exc)
            return existing
        return installed[0] if installed else existing
    if not (repository / "catalog.json").is_file():
        log.warning("demo repository missing at %s", repository)
        return None
    installed = context.library.install_folder(repository)
    return installed[0] if installed else None


def _ships_newer(repository: Path, installed: str) -> bool:
    """Whether the shipped demo is newer than the installed one: its catalog's version alone
    (a few hundred bytes: every start reads it)."""
    try:
        catalog = json.loads((repository / "catalog.json").read_bytes())
        (shipped,) = [c["version"] for c in catalog["courses"] if c["id"] == DEMO_COURSE_ID]
        return version_key(shipped) > version_key(installed)
    except (OSError, ValueError, KeyError, TypeError):
        return False  # no demo shipped, or a damaged catalog: the installed demo stays
