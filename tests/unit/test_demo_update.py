"""A home holding an earlier demo (les-mooc 1.0.1, signed by the demo key of its day) gets the
demo an updated installer ships at its next start, progress kept; the earlier demo keys the
installer names let nothing else in (each demo rebuild takes a new key: resources/demo)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from player.branding import Branding
from player.context import DEMO_COURSE_ID, demo_key, ensure_demo, open_context
from player.course.errors import PackageError, SignatureError
from player.course.manifest import version_key
from player.course.signing import PrivateKey, PublicKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from player.paths import Paths, demo_repository
from player.settings import load_settings
from player.store import Store
from tests.support import ROOT

EARLIER = "a9a94c5~1"  # the tree that shipped les-mooc 1.0.1
EARLIER_KEY_ID = "0b418c3fe54b981d"  # its demo key
READ = ("definition-lecture", "enjeux-lecture")
OLD = (DEMO_COURSE_ID, "1.0.1")


def from_history(commit: str, folder: str, to: Path) -> Path:
    """`folder` as it was at `commit`, written under `to`."""
    try:
        names = subprocess.run(
            ["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", commit, folder],
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("needs the repository's git history")
    for name in names.split():
        data = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:{name}"], capture_output=True, check=True
        ).stdout
        path = to / Path(name).relative_to(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return to


def home(root: Path) -> Paths:
    return Paths(root / "data", root / "config", root / "cache", root / "logs").ensure()


def earlier_library(paths: Paths, key: PublicKey) -> Library:
    """The library as the installer of `key`'s day opened it: that key was the demo's."""
    trust = TrustStore(
        paths.config / "trusted-keys", [TrustedKey(key, "demo", only_course=DEMO_COURSE_ID)]
    )
    return Library(paths.courses, BlobStore(paths.blobs), trust, records=paths.database)


def study(paths: Paths, library: Library) -> None:
    """A learner reads two units of the installed demo."""
    course = library.get(DEMO_COURSE_ID)
    assert course is not None
    store = Store.open(paths, backup_every=None)
    try:
        profile = store.profiles.add("Awa", "fr")
        store.events.course_launched(profile.id, course.course)
        for unit in READ:
            run = store.events.unit_opened(profile.id, course.course, unit)
            store.events.reading_completed(run)
            store.events.unit_closed(run)
    finally:
        store.close()


def units_read(paths: Paths, library: Library) -> int:
    course = library.get(DEMO_COURSE_ID)
    assert course is not None
    store = Store.open(paths, backup_every=None)
    try:
        (profile,) = store.profiles.all()
        return store.progress.course(profile.id, course.course).units_satisfied
    finally:
        store.close()


def test_an_earlier_demo_becomes_the_shipped_one_at_start_progress_kept(tmp_path: Path) -> None:
    repository = from_history(EARLIER, "resources/demo/repository", tmp_path / "old-demo")
    old_key = PublicKey.from_text(
        subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{EARLIER}:resources/demo/demo-key.pub"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    assert old_key.key_id == EARLIER_KEY_ID
    paths = home(tmp_path / "home")
    library = earlier_library(paths, old_key)
    (installed,) = library.install_folder(repository)  # the first start of that day
    assert (installed.version, installed.signer) == ("1.0.1", EARLIER_KEY_ID)
    study(paths, library)

    context = open_context(paths, Branding())  # today's installer
    shipped = json.loads((demo_repository() / "catalog.json").read_bytes())["courses"][0]
    demo = ensure_demo(context)
    assert demo is not None
    assert (demo.version, demo.signer, demo.verified) == (shipped["version"], demo_key_id(), True)
    assert context.library.get(DEMO_COURSE_ID) == demo
    assert units_read(paths, context.library) == len(READ)  # the same units: progress kept
    again = open_context(paths, Branding())
    assert ensure_demo(again) == demo  # once: the next start finds it up to date


def test_a_removed_demo_is_not_brought_back_by_a_newer_one(tmp_path: Path) -> None:
    paths = home(tmp_path / "home")
    context = open_context(paths, Branding())
    context.settings.demo_removed = True
    assert ensure_demo(context) is None
    assert context.library.get(DEMO_COURSE_ID) is None


def test_a_demo_imported_again_by_hand_after_its_removal_is_updated_again(
    tmp_path: Path,
) -> None:
    """Removed in the player (`demo_removed` saved), then imported again from a folder (an
    earlier copy here): found installed at start, it is the learner's again, and an updated
    installer updates it (review r4: it stayed marked removed, never updated)."""
    repository = from_history(EARLIER, "resources/demo/repository", tmp_path / "old-demo")
    old_key = PublicKey.from_text(
        subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{EARLIER}:resources/demo/demo-key.pub"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    paths = home(tmp_path / "home")
    context = open_context(paths, Branding())
    context.settings.demo_removed = True  # removed in the player
    context.save_settings()
    earlier_library(paths, old_key).install_folder(repository)  # imported again by hand

    again = open_context(paths, Branding())  # the next start, an updated installer
    demo = ensure_demo(again)
    assert demo is not None and demo.version == shipped_version()
    assert again.library.get(DEMO_COURSE_ID) == demo
    assert not again.settings.demo_removed
    assert not load_settings(paths.settings_file).demo_removed, "saved"


def test_the_earlier_demo_keys_are_shipped_and_trusted_for_nothing(tmp_path: Path) -> None:
    context = open_context(home(tmp_path / "home"), Branding())
    earlier = {k.key_id for k in context.trust.earlier}
    # the keys of 1.0.0, 1.0.1 and 1.0.2
    assert {"579da9d2da9bc50d", EARLIER_KEY_ID, "6c4ff74526dacd47"} <= earlier
    assert all(k.only_course == DEMO_COURSE_ID for k in context.trust.earlier)
    assert demo_key_id() not in earlier
    assert not earlier & {k.key_id for k in context.trust.trusted()}
    assert not any(context.trust.trusts(key, DEMO_COURSE_ID) for key in earlier)
    without = open_context(home(tmp_path / "plain"), Branding(include_demo=False))
    assert without.trust.earlier == []


def demo_key_id() -> str:
    key = demo_key()
    assert key is not None
    return key.key_id


def resigned(repository: Path, key: PrivateKey, course_id: str, version: str) -> Path:
    """The 1.0.1 demo made `course_id` `version` and signed by `key` (a leaked earlier key)."""
    (old,) = (repository / "courses" / DEMO_COURSE_ID).iterdir()
    manifest = json.loads((old / "course.json").read_bytes())
    manifest["id"], manifest["version"] = course_id, version
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    for stale in (old / "course.json", old / "course.json.sig", repository / "catalog.json"):
        stale.unlink()
    old.rmdir()
    if course_id != DEMO_COURSE_ID:
        (repository / "courses" / DEMO_COURSE_ID).rmdir()
    folder = repository / "courses" / course_id / version
    folder.mkdir(parents=True)
    (folder / "course.json").write_bytes(data)
    (folder / "course.json.sig").write_bytes(key.sign(data))
    return repository


def shipped_version() -> str:
    """The version of the demo this tree ships: its manifest's."""
    (folder,) = (demo_repository() / "courses" / DEMO_COURSE_ID).iterdir()
    return str(json.loads((folder / "course.json").read_bytes())["version"])


def newer_than_shipped() -> str:
    """A demo version above the shipped one, whichever it is: the forged demo below was
    "1.0.3", the shipped version since a70c5fb, so no longer a newer demo."""
    *head, last = version_key(shipped_version())
    newer = ".".join(str(part) for part in (*head, last + 1))
    assert version_key(newer) > version_key(shipped_version())
    return newer


NEWER = "newer than the shipped demo"  # the version newer_than_shipped() gives, read at run time
SHIPPED = "the shipped demo's"  # the version shipped_version() gives, read at run time


@pytest.mark.parametrize(
    ("course_id", "version"),
    [(DEMO_COURSE_ID, NEWER), (DEMO_COURSE_ID, SHIPPED), ("autre-cours", "1.0.0")],
)
def test_an_earlier_demo_key_installs_nothing(tmp_path: Path, course_id: str, version: str) -> None:
    """A leaked earlier key signs neither a demo newer than the one it signed (than the one
    shipped, or at the shipped version: a forged copy of the demo of today) nor a new course:
    the installer names it only as a signer the demo's key of today takes over from."""
    if version == NEWER:
        version = newer_than_shipped()
    elif version == SHIPPED:
        version = shipped_version()
    leaked = PrivateKey.generate()
    paths = home(tmp_path / "home")
    old_demo = from_history(EARLIER, "resources/demo/repository", tmp_path / "old-demo")
    earlier_library(paths, leaked.public).install_folder(resigned(old_demo, leaked, *OLD))
    current = demo_key()
    assert current is not None
    trust = TrustStore(
        paths.config / "trusted-keys",
        [TrustedKey(current, "demo", only_course=DEMO_COURSE_ID)],
        [TrustedKey(leaked.public, "demo", only_course=DEMO_COURSE_ID)],
    )
    library = Library(paths.courses, BlobStore(paths.blobs), trust, records=paths.database)
    forged = from_history(EARLIER, "resources/demo/repository", tmp_path / "forged")
    with pytest.raises(SignatureError):
        library.install_folder(resigned(forged, leaked, course_id, version), allow_unsigned=True)
    installed = library.get(DEMO_COURSE_ID)
    assert installed is not None and installed.version == OLD[1]
    assert library.get("autre-cours") is None
    (taken,) = library.install_folder(demo_repository())  # today's key does take it over
    assert taken.signer == current.key_id
    with pytest.raises(PackageError):  # and the earlier key never takes it back
        again = from_history(EARLIER, "resources/demo/repository", tmp_path / "again")
        library.install_folder(resigned(again, leaked, *OLD), allow_downgrade=True)


def test_a_demo_the_shipped_key_may_not_take_over_is_kept_without_a_try_each_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo signed by a key the installer does not name (a developer's build): kept, and the
    shipped demo is not read, verified and refused again at every start."""
    other = PrivateKey.generate()
    paths = home(tmp_path / "home")
    old_demo = from_history(EARLIER, "resources/demo/repository", tmp_path / "old-demo")
    earlier_library(paths, other.public).install_folder(resigned(old_demo, other, *OLD))
    tried: list[Path] = []
    install = Library.install_folder

    def watched(self: Library, folder: Path, **options: object) -> object:
        tried.append(folder)
        return install(self, folder, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "install_folder", watched)
    context = open_context(paths, Branding())
    demo = ensure_demo(context)
    assert demo is not None and (demo.version, demo.signer) == (OLD[1], other.public.key_id)
    assert tried == []
