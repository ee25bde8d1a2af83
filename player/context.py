"""Everything Qt-free the player is made of, wired once: paths, branding, settings, trust,
library. The GUI (player/app.py) and the headless commands both start from `open_context`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from player.branding import Branding, load_branding
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


def open_context(paths: Paths | None = None, branding: Branding | None = None) -> Context:
    paths = (paths or user_paths()).ensure()
    branding = branding or load_branding()
    built_in = [TrustedKey(k, "branding") for k in branding.trusted_keys]
    key = demo_key() if branding.include_demo else None
    if key is not None:
        built_in.append(TrustedKey(key, "demo", only_course=DEMO_COURSE_ID))
    trust = TrustStore(paths.config / "trusted-keys", built_in)
    library = Library(paths.courses, BlobStore(paths.blobs), trust, records=paths.database)
    return Context(paths, branding, load_settings(paths.settings_file), trust, library)


def ensure_demo(context: Context) -> InstalledCourse | None:
    """Install the bundled demo on first start, offline; never again once the learner removed it."""
    if not context.branding.include_demo or context.settings.demo_removed:
        return None
    existing = context.library.get(DEMO_COURSE_ID)
    if existing is not None:
        return existing
    repository = demo_repository()
    if not (repository / "catalog.json").is_file():
        log.warning("demo repository missing at %s", repository)
        return None
    installed = context.library.install_folder(repository)
    return installed[0] if installed else None
