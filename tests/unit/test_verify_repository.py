"""`cartable-pack verify REPO` checks what a player will: catalog.json as the player parses it,
each entry's manifest against its sha256 and size, the courses and their blobs, and every
`.cartable` archive beside them. Each case here passed verify ("ok", rc 0) and failed in the
player; each problem is one line naming its file, and the exit status is 1."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from player.authoring.cli import main
from player.course.manifest import FileRef
from player.course.package import FolderSource
from tests.support import BuiltCourse, build_toy, run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


def verify(
    repo: Path, built: BuiltCourse, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, list[str]]:
    code = main(["verify", str(repo), "--trust", f"{built.key_path}.pub"])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def copy(built: BuiltCourse, tmp_path: Path, change: Callable[[Path], None]) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(built.repo, repo)
    change(repo)
    return repo


def edit_catalog(repo: Path, **fields: object) -> None:
    document = json.loads((repo / "catalog.json").read_text(encoding="utf-8"))
    document["courses"][0].update(fields)
    (repo / "catalog.json").write_text(json.dumps(document), encoding="utf-8")


def refused(code: int, problems: list[str], *words: str) -> str:
    """The single problem line (the last line counts them), holding every word."""
    assert code == 1
    *lines, summary = problems
    assert len(lines) == 1 and summary.endswith(": 1 problem found"), problems
    for word in words:
        assert word in lines[0], lines[0]
    assert lines[0].startswith("cartable-pack: ")
    return lines[0]


def test_a_good_repository_says_ok_for_its_catalog_courses_and_archives(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = verify(built.repo, built, capsys)
    assert (code, err) == (0, [])
    assert out.splitlines() == [
        "ok catalog.json: 1 course listed",
        f"ok toy 1.0.0: 7 files verified, signed by {built.public.key_id}",
        f"ok toy-1.0.0.cartable: toy 1.0.0: 7 files verified, signed by {built.public.key_id}",
    ]


def test_a_wrong_manifest_sha256_in_the_catalog(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy(built, tmp_path, lambda r: edit_catalog(r, manifest_sha256="0" * 64))
    code, _out, err = verify(repo, built, capsys)
    refused(code, err, "catalog.json: toy 1.0.0", "courses/toy/1.0.0/course.json", "0" * 64)


def test_a_wrong_manifest_size_in_the_catalog(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy(built, tmp_path, lambda r: edit_catalog(r, manifest_size=12))
    code, _out, err = verify(repo, built, capsys)
    refused(code, err, "catalog.json: toy 1.0.0", "the catalog says 12")


def test_a_catalog_that_is_html(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "<html><body><h1>Welcome to nginx!</h1></body></html>"
    repo = copy(built, tmp_path, lambda r: (r / "catalog.json").write_text(page))
    code, out, err = verify(repo, built, capsys)
    refused(code, err, f"{repo / 'catalog.json'}: catalog is not JSON")
    assert "ok catalog.json" not in out


def test_a_manifest_path_leaving_the_repository(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy(built, tmp_path, lambda r: edit_catalog(r, manifest="../../nginx/nginx.conf"))
    code, _out, err = verify(repo, built, capsys)
    refused(code, err, "catalog.json: $.courses[0].manifest: unsafe", "../../nginx/nginx.conf")


def test_a_manifest_the_catalog_names_that_is_missing(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy(built, tmp_path, lambda r: edit_catalog(r, manifest="courses/toy/9/course.json"))
    code, _out, err = verify(repo, built, capsys)
    assert code == 1
    assert (
        "cartable-pack: catalog.json: toy 1.0.0: its manifest courses/toy/9/course.json is missing"
        in err
    )
    # ...and the course really there is not listed any more: players do not see it.
    assert any("courses/toy/1.0.0/course.json: not listed in catalog.json" in e for e in err)


def test_a_truncated_archive(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def cut(repo: Path) -> None:
        archive = repo / "toy-1.0.0.cartable"
        archive.write_bytes(archive.read_bytes()[:1000])

    code, _out, err = verify(copy(built, tmp_path, cut), built, capsys)
    refused(code, err, "toy-1.0.0.cartable: not a zip archive, or truncated")


def test_a_missing_catalog(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy(built, tmp_path, lambda r: (r / "catalog.json").unlink())
    code, _out, err = verify(repo, built, capsys)
    refused(code, err, "catalog.json: no catalog.json in this folder")


def test_every_problem_is_said_not_only_the_first(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_all(repo: Path) -> None:
        edit_catalog(repo, manifest_sha256="0" * 64)
        blob = max(
            (p for p in (repo / "blobs").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size
        )
        blob.write_bytes(b"\0" * blob.stat().st_size)
        (repo / "toy-1.0.0.cartable").write_bytes(b"PK")

    code, _out, err = verify(copy(built, tmp_path, break_all), built, capsys)
    assert code == 1
    assert err[-1].endswith("3 problems found"), err
    assert any("blobs/sha256/" in e and "does not match its sha256" in e for e in err)
    assert any("catalog.json: toy 1.0.0" in e and "0" * 64 in e for e in err)
    assert any(e.startswith("cartable-pack: toy-1.0.0.cartable: ") for e in err)


def test_an_archive_signed_by_a_key_not_trusted_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An archive built by another publisher beside the repository's courses: a player given
    it refuses it."""
    ours = build_toy(tmp_path / "ours")
    theirs = build_toy(tmp_path / "theirs", version="2.0.0")
    shutil.copy(theirs.repo / "toy-2.0.0.cartable", ours.repo)
    code, _out, err = verify(ours.repo, ours, capsys)
    refused(code, err, "toy-2.0.0.cartable", "not trusted")


@pytest.fixture(scope="module")
def verify_imports(built: BuiltCourse) -> set[str]:
    """The modules a real `python -X importtime -m player.pack verify REPO` imports."""
    trust = ("--trust", f"{built.key_path}.pub")
    done = run_cli("-X", "importtime", "-m", "player.pack", "verify", str(built.repo), *trust)
    assert done.returncode == 0, done.stderr
    assert "ok catalog.json: 1 course listed" in done.stdout
    return {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_verify_loads_no_http_client(verify_imports: set[str]) -> None:
    """The catalog is read without the network (sync.catalog_parse): `requests` and urllib3
    cost 0.1-0.3 s of startup that every verify paid, the pack benchmark's included."""
    assert "sync.catalog_parse" in verify_imports  # the catalog was read, by the player's reader
    network = sorted(m for m in verify_imports if m.split(".")[0] in ("requests", "urllib3"))
    assert network == []


def test_verify_loads_no_records_store(verify_imports: set[str]) -> None:
    """`cartable-pack` took `plural` from player.commands, which loads the learners' records
    store (player.store, about 0.2 s): every command paid for it; it has no records to open."""
    assert "player.wording" in verify_imports  # the counts were said, by the shared wording
    ours = sorted(m for m in verify_imports if m.startswith(("player.store", "player.commands")))
    assert ours == []


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each blob of a folder is hashed (FolderSource.hash_blob, by sha256)."""
    counts: Counter[str] = Counter()
    real = FolderSource.hash_blob

    def counted(
        self: FolderSource, ref: FileRef, sink: Callable[[bytes], None] | None = None
    ) -> str:
        counts[ref.sha256] += 1
        return real(self, ref, sink)

    monkeypatch.setattr(FolderSource, "hash_blob", counted)
    return counts


def blobs_of(*courses: BuiltCourse) -> set[str]:
    return {ref.sha256 for c in courses for ref in c.result.course.files().values()}


def test_each_blob_of_the_repository_is_hashed_once(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str], hashed: Counter[str]
) -> None:
    """A course of courses/ that catalog.json lists is hashed for one of them, not again for
    the other (its blobs are the bound of a verify)."""
    code, out, err = verify(built.repo, built, capsys)
    assert (code, err) == (0, []) and "ok catalog.json: 1 course listed" in out
    assert hashed == dict.fromkeys(blobs_of(built), 1)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltCourse, BuiltCourse]:
    """toy 1.0.0 and 1.1.0 in one repository: the second changes its manifest only, so all of
    its 7 blobs are the first's, as a repository keeping its old versions shares most."""
    tmp = tmp_path_factory.mktemp("versions")
    first, second = build_toy(tmp, "1.0.0"), build_toy(tmp, "1.1.0")
    assert blobs_of(first) == blobs_of(second) and len(blobs_of(first)) == 7
    return first, second


def test_blobs_shared_by_versions_are_hashed_once(
    two_versions: tuple[BuiltCourse, BuiltCourse],
    capsys: pytest.CaptureFixture[str],
    hashed: Counter[str],
) -> None:
    """Each version was verified with its own hashes: every shared blob read once per version
    kept, so a verify cost more with each release."""
    first, second = two_versions
    code, out, err = verify(first.repo, first, capsys)
    assert (code, err) == (0, [])
    assert "ok catalog.json: 1 course (2 versions) listed" in out  # was "2 courses" (u2)
    assert f"ok toy 1.0.0: 7 files verified, signed by {first.public.key_id}" in out
    assert f"ok toy 1.1.0: 7 files verified, signed by {first.public.key_id}" in out
    assert hashed == dict.fromkeys(blobs_of(first, second), 1)


def test_a_damaged_blob_shared_by_versions_is_said_for_each(
    two_versions: tuple[BuiltCourse, BuiltCourse],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    hashed: Counter[str],
) -> None:
    """Read once, the blob is still compared by each course naming it: both are refused, each
    line naming its course (the blob's path alone was the same line twice)."""
    first, second = two_versions
    ref = max(first.result.course.files().values(), key=lambda r: r.size)

    def damage(repo: Path) -> None:
        (repo / ref.blob_path).write_bytes(b"\0" * ref.size)

    repo = copy(first, tmp_path, damage)
    code, out, err = verify(repo, first, capsys)
    assert code == 1
    assert err == [
        f"cartable-pack: toy 1.0.0: {ref.blob_path}: content does not match its sha256 "
        "(cartable-pack build writes it again from the course's source)",
        f"cartable-pack: toy 1.1.0: {ref.blob_path}: content does not match its sha256 "
        "(cartable-pack build writes it again from the course's source)",
        f"cartable-pack: {repo}: 2 problems found",
    ]
    assert "ok toy 1.0.0" not in out and "ok toy 1.1.0" not in out
    assert hashed == dict.fromkeys(blobs_of(first, second), 1)


def test_a_refused_version_leaves_the_shared_blobs_to_the_next(
    two_versions: tuple[BuiltCourse, BuiltCourse],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    hashed: Counter[str],
) -> None:
    """1.0.0 refused once its blobs' hashes are under way (its manifest is checked meanwhile):
    the hashes it had not started are cancelled, and 1.1.0, naming the same blobs, hashes them
    rather than taking a cancelled one."""
    first, second = two_versions
    repo = copy(first, tmp_path, lambda r: (r / "courses/toy/1.0.0/course.json.sig").unlink())
    code, out, err = verify(repo, first, capsys)
    assert code == 1
    assert err[0] == (
        "cartable-pack: courses/toy/1.0.0/course.json: not signed (course.json.sig is missing)"
    )
    assert f"ok toy 1.1.0: 7 files verified, signed by {first.public.key_id}" in out
    assert set(hashed) == blobs_of(first, second) and set(hashed.values()) == {1}
