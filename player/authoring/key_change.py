"""What `cartable-pack build --key NEW` says when the repository holds earlier versions of the
course signed by another key: players that installed one take the new version only once their
installer holds the new key (packaging/README.md, "Changing the signing key"). The build printed
only "signed by key …", and an institution changing its key learnt it from its learners' refused
updates (review u2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from player.course.manifest import VERSION_PATTERN, version_key
from player.course.signing import MAX_SIGNATURE_BYTES, signer_of

#: Where the steps of a key change are, named in the warning.
STEPS = 'packaging/README.md, "Changing the signing key"'


@dataclass(frozen=True)
class SignedElsewhere:
    """The newest other version of a course in a repository signed by another key."""

    version: str
    key_id: str


def signed_by_another_key(
    repo: Path, course_id: str, version: str, key_id: str
) -> SignedElsewhere | None:
    """The newest version of `course_id` in `repo` other than `version`, when another key than
    `key_id` signed it; None when that key did or there is none (an unreadable signature is no
    key: the next newest decides). Only the newest counts: after a change of key, the older
    versions signed by the old one made every later build warn for ever (review r16 #1)."""
    try:
        folders = list((repo / "courses" / course_id).iterdir())
    except OSError:
        return None
    others = [f for f in folders if f.name != version and VERSION_PATTERN.match(f.name)]
    for folder in sorted(others, key=lambda f: version_key(f.name), reverse=True):
        try:
            with open(folder / "course.json.sig", "rb") as handle:
                signer = signer_of(handle.read(MAX_SIGNATURE_BYTES + 1))
        except OSError:
            continue
        if signer is None:
            continue
        return None if signer == key_id else SignedElsewhere(folder.name, signer)
    return None


def key_change_warning(
    repo_shown: str, repo: Path, course_id: str, version: str, key_id: str
) -> str | None:
    """One line when this build's key is not the one of the course's other versions in `repo`
    (`repo_shown`: the folder as the user typed it)."""
    other = signed_by_another_key(repo, course_id, version, key_id)
    if other is None:
        return None
    return (
        f"{repo_shown} holds {course_id} {other.version} signed by key {other.key_id}; "
        f"installed copies take {version} (signed by key {key_id}) only once their installer "
        f"holds that key ({STEPS})"
    )
