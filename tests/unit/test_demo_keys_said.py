"""The demo key (trusted for the demo only) and the earlier demo keys (trusted for nothing), as a
lab admin meets them on the command line in a fresh CARTABLE_HOME: `trust add` of one, a
catalog whose courses they sign, the demo an earlier demo key signed. Said as the Downloads
page's refusal says it (KEY_SCOPE, EARLIER_KEY), never as a key to add. The installer's keys
are replaced by generated ones: the demo's private key is nowhere in the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from player import context
from player.__main__ import main
from player.course.signing import PrivateKey
from tests.course_repo import add_course, random_files


class DemoKeys:
    def __init__(self) -> None:
        self.current = PrivateKey.generate()
        self.earlier = PrivateKey.generate()


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DemoKeys:
    """CARTABLE_HOME in `tmp_path`, and an installer whose demo key and earlier demo key are
    generated here (so this test can sign with them)."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    found = DemoKeys()
    monkeypatch.setattr(context, "demo_key", lambda: found.current.public)
    monkeypatch.setattr(context, "earlier_demo_keys", lambda: [found.earlier.public])
    return found


def key_file(tmp_path: Path, key: PrivateKey) -> Path:
    path = tmp_path / f"{key.public.key_id}.pub"
    path.write_text(key.public.to_text() + "\n", encoding="utf-8")
    return path


def test_trust_add_refuses_the_demo_key_and_an_earlier_one(
    keys: DemoKeys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both said "trusted key ..." and wrote a file that trusts nothing more (the installer's
    limited entry wins; an earlier key's file is ignored): one line, exit 1, nothing written."""
    current, earlier = key_file(tmp_path, keys.current), key_file(tmp_path, keys.earlier)
    assert main(["trust", "add", str(current)]) == 1
    assert capsys.readouterr().err == (
        f"cartable: {current}: key {keys.current.public.key_id} is the demo course's key, "
        "accepted only for the course les-mooc; not added\n"
    )
    assert main(["trust", "add", str(earlier)]) == 1
    assert capsys.readouterr().err == (
        f"cartable: {earlier}: key {keys.earlier.public.key_id} is an earlier key of the course "
        "les-mooc, which this computer no longer accepts; not added\n"
    )
    assert not list((tmp_path / "home").rglob("*.pub"))
    stranger = key_file(tmp_path, PrivateKey.generate())
    assert main(["trust", "add", str(stranger)]) == 0  # any other key, as before


def test_catalogs_add_names_the_courses_demo_keys_sign_and_courses_lists_them_refused(
    keys: DemoKeys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A USB stick holding a course the demo key signed and the demo an earlier demo key signed
    (a classmate's share of an old demo): the add said nothing, though both downloads are
    refused; the demo was listed as available and its download said "which is not trusted"
    (as if a key to add would help)."""
    usb = tmp_path / "usb"
    add_course(usb, random_files(1, 1000, 1), key=keys.current)
    add_course(usb, random_files(1, 1000, 2), key=keys.earlier, course_id="les-mooc", title="D")
    current, earlier = keys.current.public.key_id, keys.earlier.public.key_id
    assert main(["catalogs", "add", str(usb)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"cartable: warning: key {earlier}, an earlier key of the course les-mooc, which this "
        "computer no longer accepts, signs 1 course of this catalog (les-mooc): their downloads "
        "are refused",
        f"cartable: warning: key {current}, which this computer accepts only for the course "
        "les-mooc, signs 1 course of this catalog (maths): their downloads are refused; tell "
        "its publisher",
    ]
    assert main(["catalogs", "courses"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        f"les-mooc\t1.0.0\tfr\trefused (key {earlier} is an earlier key, which this computer "
        "no longer accepts)\t1.0 KB\tD",
        f"maths\t1.0.0\tfr\trefused (key {current} is accepted only for another course)"
        "\t1.0 KB\tMathématiques",
    ]
    assert main(["download", "les-mooc"]) == 1
    err = capsys.readouterr().err
    assert err.rstrip().endswith(
        f"refused: signed by key {earlier}, an earlier key of the course les-mooc, which this "
        "computer no longer accepts"
    ), err
    assert "trust add" not in err
    assert main(["import", str(usb)]) == 1
    assert "an earlier key of the course les-mooc" in capsys.readouterr().err


def test_an_earlier_key_is_said_earlier_whatever_course_it_signs(
    keys: DemoKeys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An earlier demo key signing the demo and maths (review r1 #1): it was "earlier" only on
    the demo; on maths "which this computer accepts only for the course les-mooc", false (it
    accepts it for none), and the add, one key on two courses, said that of both. One phrase
    now, wherever the key is met: the add, `catalogs courses`, the download, the import."""
    usb = tmp_path / "usb"
    add_course(usb, random_files(1, 1000, 1), key=keys.earlier)
    add_course(usb, random_files(1, 1000, 2), key=keys.earlier, course_id="les-mooc", title="D")
    earlier = keys.earlier.public.key_id
    said = f"key {earlier}, an earlier key of the course les-mooc, which this computer no longer "
    assert main(["catalogs", "add", str(usb)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"cartable: warning: {said}accepts, signs 2 courses of this catalog (les-mooc, maths): "
        "their downloads are refused",
    ]
    assert main(["catalogs", "courses"]) == 0
    refused = f"refused (key {earlier} is an earlier key, which this computer no longer accepts)"
    assert [line.split("\t")[3] for line in capsys.readouterr().out.splitlines()] == [
        refused,
        refused,
    ]
    for course_id in ("maths", "les-mooc"):
        assert main(["download", course_id]) == 1
        err = capsys.readouterr().err
        assert err.rstrip().endswith(f"refused: signed by {said}accepts"), err
        assert "accepts only" not in err and "trust add" not in err
    maths = tmp_path / "maths"
    add_course(maths, random_files(1, 1000, 3), key=keys.earlier)
    assert main(["import", str(maths)]) == 1
    err = capsys.readouterr().err
    assert f"signed by {said}accepts" in err and "accepts only" not in err, err
