"""The exam answer key `cartable-pack build` writes: never replaced by other answers without
--replace-answers (--replace, which a trial build iterated in its own repository needs, is not
enough), and written before the course is published, all or nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.cli import main
from player.course.errors import CourseError
from player.course.signing import PrivateKey
from tests.support import FIXTURES, ROOT, SMALL_GIFT, write_source

MP4 = (FIXTURES / "media" / "moviepy-smpte-2997.mp4").read_bytes()
MDAT = 9006  # the fixture's ftyp and moov end there (then free and mdat)
OGG = (FIXTURES / "media" / "mutagen-multipage-setup.ogg").read_bytes()
OGG_HEADERS = 4684  # the fixture's first three pages: the Vorbis headers, each packet finished
ONE_QUESTION = "::seule::Quelle est la capitale du Sénégal ?{=Dakar ~Thiès}\n"
OTHER_ANSWERS = (
    "holds other exam answers for toy 1.0.0; refusing to overwrite them: give a trial build its "
    "own --answers-dir, or raise the version in course.toml; --replace-answers overwrites this "
    "key, the one the course already published is graded with"
)


def trial_source(folder: Path) -> Path:
    """The toy course edited, same id and version: its exam now has one question (six before)."""
    source = write_source(folder)
    (source / "m2" / "quiz.gift").write_text(ONE_QUESTION, encoding="utf-8")
    return source


def exam_questions(key: Path) -> int:
    return len(json.loads(key.read_text(encoding="utf-8"))["exams"]["exam"])


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """The toy course published in `repo`, signed, its answer key beside the signing key."""
    key_path = tmp_path / "keys" / "univ"
    PrivateKey.generate().write(key_path)
    result = build(
        write_source(tmp_path / "src"),
        tmp_path / "repo",
        key=PrivateKey.from_file(key_path),
        key_path=key_path,
    )
    assert result.answers == tmp_path / "keys" / "toy-1.0.0.answers.json"
    assert exam_questions(result.answers) == 6
    return key_path, result.answers


def test_a_trial_build_to_another_repository_keeps_the_published_answer_key(
    tmp_path: Path, published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """`cartable-pack build trial/ -o repo-trial --key keys/univ` replaced the published course's
    key (6 questions -> 1), and the next build to the real repository was refused with it gone."""
    key_path, answers = published
    before = answers.read_bytes()
    trial = trial_source(tmp_path / "trial")
    code = main(["build", str(trial), "-o", str(tmp_path / "repo-trial"), "--key", str(key_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    assert not (tmp_path / "repo-trial").exists(), "a refused build left a repository"
    # The published course builds again as it was (same answers: nothing to refuse).
    again = build(write_source(tmp_path / "src"), tmp_path / "repo", key_path=key_path)
    assert again.answers == answers and answers.read_bytes() == before


def test_a_trial_build_with_its_own_answers_dir_is_built(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    key_path, answers = published
    before = answers.read_bytes()
    result = build(
        trial_source(tmp_path / "trial"),
        tmp_path / "repo-trial",
        key_path=key_path,
        answers_dir=tmp_path / "trial-keys",
    )
    assert result.answers == tmp_path / "trial-keys" / "toy-1.0.0.answers.json"
    assert exam_questions(result.answers) == 1
    assert answers.read_bytes() == before


def test_replace_never_overwrites_the_published_answer_key(
    tmp_path: Path, published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial build iterated into repo-trial needs --replace from its second build on; one
    --replace covered the key too, so a build that forgot --answers-dir (or followed the refusal's
    advice) overwrote the published course's key: the audit's incident again."""
    key_path, answers = published
    before = answers.read_bytes()
    trial, trial_repo = trial_source(tmp_path / "trial"), tmp_path / "repo-trial"
    build(trial, trial_repo, key_path=key_path, answers_dir=tmp_path / "trial-keys")
    (trial / "m2" / "quiz.gift").write_text(ONE_QUESTION.replace("Thiès", "Kaolack"), "utf-8")
    manifest = trial_repo / "courses" / "toy" / "1.0.0" / "course.json"
    first_trial = manifest.read_bytes()
    command = ["build", str(trial), "-o", str(trial_repo), "--key", str(key_path), "--replace"]
    assert main(command) == 1
    assert capsys.readouterr().err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    assert manifest.read_bytes() == first_trial, "a refused build published the course"
    # The same refusal in the published repository itself.
    command = ["build", str(trial), "-o", str(tmp_path / "repo"), "--key", str(key_path)]
    assert main([*command, "--replace"]) == 1
    assert capsys.readouterr().err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    # Asked for by name, the key is replaced (and the version, which needs --replace too).
    assert main([*command, "--replace", "--replace-answers"]) == 0
    assert exam_questions(answers) == 1 and "Kaolack" in answers.read_text(encoding="utf-8")


def test_replace_answers_overwrites_the_answer_key_with_the_new_answers(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    """Without --replace, the key alone: a trial build into another repository that means to
    grade the published course with its answers."""
    key_path, answers = published
    result = build(
        trial_source(tmp_path / "trial"),
        tmp_path / "repo-trial",
        key_path=key_path,
        replace_answers=True,
    )
    assert result.answers == answers and exam_questions(answers) == 1


def test_a_key_that_cannot_be_written_leaves_the_course_unpublished(tmp_path: Path) -> None:
    """The key was written after the manifest and its signature: failing there left a published
    course whose key was never written."""
    blocked = tmp_path / "other-keys" / "toy-1.0.0.answers.json"
    blocked.mkdir(parents=True)  # where the key goes, something that is not a key
    with pytest.raises(CourseError, match=re.escape("toy-1.0.0.answers.json: ")):
        build(write_source(tmp_path / "new"), tmp_path / "new-repo", answers_dir=blocked.parent)
    assert not (tmp_path / "new-repo").exists()


def test_a_failed_publish_puts_the_answer_key_back(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    """A failure after the key was written (here the signature's place is taken by a folder)
    leaves the key, the signature and the manifest as they were: all or nothing."""
    key_path, answers = published
    before = answers.read_bytes()
    course_dir = tmp_path / "repo" / "courses" / "toy" / "1.0.0"
    manifest = (course_dir / "course.json").read_bytes()
    (course_dir / "course.json.sig").unlink()
    (course_dir / "course.json.sig").mkdir()
    cannot = re.escape(f"{course_dir / 'course.json.sig'}: could not write the signature (")
    with pytest.raises(CourseError, match=cannot):
        build(
            trial_source(tmp_path / "trial"),
            tmp_path / "repo",
            key=PrivateKey.from_file(key_path),
            key_path=key_path,
            replace=True,
            replace_answers=True,
        )
    assert answers.read_bytes() == before, "the replaced key was not put back"
    assert (course_dir / "course.json").read_bytes() == manifest
    # A new key for a course that could not be published is not left behind either.
    fresh = tmp_path / "fresh-keys"
    with pytest.raises(CourseError, match=cannot):
        build(
            trial_source(tmp_path / "trial2"),
            tmp_path / "repo",
            key=PrivateKey.from_file(key_path),
            answers_dir=fresh,
            replace=True,
        )
    assert not fresh.exists()


def read_error(path: Path) -> None:
    """Make `path` a file whose reads fail with the kernel's EIO, as on a failing disk (the tests
    run as root, whom no permission stops): a link to /proc/self/mem, whose first page (address
    0) is never mapped."""
    path.unlink()
    path.symlink_to("/proc/self/mem")


@pytest.mark.skipif(sys.platform != "linux", reason="reads fail through /proc/self/mem")
@pytest.mark.parametrize(
    "name, what", [("course.json.sig", "signature"), ("course.json", "manifest")]
)
def test_a_published_file_that_cannot_be_read_is_named_and_nothing_is_replaced(
    tmp_path: Path,
    published: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    name: str,
    what: str,
) -> None:
    """The build reads the signature and the manifest it replaces (to put them back on failure,
    to compare with): a read error came out as a bare OSError, naming neither the file's part
    nor what failed. Nothing is replaced: the answer key, written before the signature, is put
    back."""
    key_path, answers = published
    before = answers.read_bytes()
    course_dir = tmp_path / "repo" / "courses" / "toy" / "1.0.0"
    read_error(course_dir / name)
    command = ["build", str(trial_source(tmp_path / "trial")), "-o", str(tmp_path / "repo")]
    command += ["--key", str(key_path), "--replace", "--replace-answers"]
    assert main(command) == 1
    assert capsys.readouterr().err == (
        f"cartable-pack: {course_dir / name}: could not read the {what} already there "
        "(Input/output error)\n"
    )
    assert answers.read_bytes() == before, "the replaced key was not put back"
    assert (course_dir / name).is_symlink(), "the unreadable file was replaced"


# -- the order of the writes: the key, the signature, the manifest (which publishes the course) --


def run_build(
    *args: str, code: str = "", room: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`cartable-pack build ARGS` in its own process, after `code` (python) has run in it; `room`:
    no file may grow past that many bytes (RLIMIT_FSIZE), as on a full disk: a real EFBIG."""

    def limit() -> None:
        import resource  # POSIX only: the tests giving `room` run on Linux

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG rather than the signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    program = (
        f"import sys\n{code}\nfrom player.authoring.cli import main\nsys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", program, "build", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
        timeout=300,
        preexec_fn=limit if room is not None else None,
    )


def gift(count: int) -> str:
    return "".join(f"::q{i}::Question {i} ?{{=oui ~non ~peut-être}}\n\n" for i in range(count))


def small_media_source(folder: Path, exam: str) -> Path:
    """The toy course with small media and a long quiz: its manifest (130 KB) is the largest
    file a build writes (then the PDF, 26 KB), so a full disk can stop its write alone."""
    source = write_source(folder)
    m1 = source / "m1"
    (m1 / "video.mp4").write_bytes(MP4[:MDAT] + struct.pack(">I4s", 108, b"mdat") + bytes(100))
    (m1 / "narration.ogg").write_bytes(OGG[:OGG_HEADERS])
    (source / "m2" / "quiz.gift").write_text(gift(300), encoding="utf-8")
    (source / "m2" / "exam.gift").write_text(exam, encoding="utf-8")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('gift = "quiz.gift"\n  time_limit', 'gift = "exam.gift"\n  time_limit'),
        encoding="utf-8",
    )
    return source


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_a_manifest_that_cannot_be_written_puts_the_signature_and_the_key_back(
    tmp_path: Path,
) -> None:
    """Only the manifest's write fails (a full disk: it is the largest file of this build), after
    the new key and the new signature were written: both are put back, the course stays as it was
    published, graded with its own key."""
    key_path = tmp_path / "keys" / "univ"
    PrivateKey.generate().write(key_path)
    published = build(
        small_media_source(tmp_path / "src", SMALL_GIFT),
        tmp_path / "repo",
        key=PrivateKey.from_file(key_path),
        key_path=key_path,
    )
    answers, manifest = published.answers, published.manifest
    assert answers is not None
    signature = manifest.with_name("course.json.sig")
    before = {path: path.read_bytes() for path in (answers, signature, manifest)}
    blobs = [path for path in (tmp_path / "repo" / "blobs").rglob("*") if path.is_file()]
    largest = max(path.stat().st_size for path in [*blobs, answers, signature])
    room = (largest + manifest.stat().st_size) // 2
    assert largest < room < manifest.stat().st_size, "the manifest is not the largest file"
    trial = small_media_source(tmp_path / "trial", ONE_QUESTION)
    repo, key = str(tmp_path / "repo"), str(key_path)
    full = run_build(
        str(trial), "-o", repo, "--key", key, "--replace", "--replace-answers", room=room
    )
    assert (full.returncode, full.stderr) == (
        1,
        f"cartable-pack: {manifest}: could not write the manifest (File too large)\n",
    )
    assert {path: path.read_bytes() for path in before} == before, "not put back"
    assert stat.S_IMODE(answers.stat().st_mode) == 0o600
    assert sorted(p.name for p in manifest.parent.iterdir()) == ["course.json", "course.json.sig"]
    assert sorted(p.name for p in answers.parent.iterdir()) == [answers.name, "univ", "univ.pub"]
    rebuilt = run_build(str(trial), "-o", repo, "--key", key, "--replace", "--replace-answers")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert exam_questions(answers) == 1


@pytest.mark.parametrize("last", ["toy-1.0.0.answers.json", "course.json.sig", "course.json"])
def test_a_build_killed_between_two_writes_never_publishes_a_course_without_its_key(
    tmp_path: Path, last: str
) -> None:
    """The process dies (a power cut, a kill) right after writing `last`: a manifest found then
    has its key, with its answers, and its signature. Written after the manifest (before
    ef19d91), the key was missing from a course killed right after publishing it."""
    key_path = tmp_path / "keys" / "univ"
    PrivateKey.generate().write(key_path)
    die = (
        "import os\n"
        "import player.authoring.build as build\n"
        "write = build.write_atomic\n"
        "def write_then_die(path, data, **options):\n"
        "    write(path, data, **options)\n"
        f"    if path.name == {last!r}:\n"
        "        os._exit(75)\n"
        "build.write_atomic = write_then_die\n"
    )
    source = write_source(tmp_path / "src")
    killed = run_build(str(source), "-o", str(tmp_path / "repo"), "--key", str(key_path), code=die)
    assert killed.returncode == 75, killed.stderr  # killed where asked
    manifest = tmp_path / "repo" / "courses" / "toy" / "1.0.0" / "course.json"
    answers = tmp_path / "keys" / "toy-1.0.0.answers.json"
    if manifest.exists():
        assert answers.exists(), "a course was published without its answer key"
        assert exam_questions(answers) == 6
        signature = manifest.with_name("course.json.sig").read_bytes()
        assert signature == PrivateKey.from_file(key_path).sign(manifest.read_bytes())
    done = build(source, tmp_path / "repo", key=PrivateKey.from_file(key_path), key_path=key_path)
    assert done.answers == answers and exam_questions(answers) == 6
