"""Records import: whose records a file holds, told by its name and every actor it gives.

Another learner's file (its `profile.name` not the profile's, none of its actors the profile's)
is refused, with records here or not: a profile without records would take his identity, his
linked account, and send its learner's next statements as his. The learner's own file is taken:
her linked account in the file's header, or an actor of the records she has here, says so when
the names differ. `--same-learner` (the player's yes) takes the file all the same."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from player.__main__ import main
from player.commands.profiles import open_store as cli_store
from player.commands.records import same_learner_command
from player.store.records import OtherLearner
from tests.unit.test_records_import_actor import bruno_file  # noqa: F401 (a fixture)
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything
from tests.unit.test_store_records import dump

LRS = "https://lrs.univ.example.org"


def test_her_account_linked_on_both_laptops_under_two_names_is_taken(tmp_path: Path) -> None:
    """Old laptop: 'Awa Diop' studied, then linked her institution account (her statements
    queued before keep the device's actor) and exported. New laptop: 'Awa', linked to the same
    account, has records. Only the file's header (profile.actor) says she is the same."""
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa Diop").id
    study_everything(old, clock, awa_old, make_course())
    old.profiles.link_account(awa_old, LRS, "adiop")
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)
    old.close()
    document = json.loads(path.read_text())
    assert document["profile"]["actor"]["account"]["name"] == "adiop"
    assert all(s["actor"]["account"]["name"] != "adiop" for s in document["statements"])
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    new.profiles.link_account(awa, LRS, "adiop")
    new.events.course_launched(awa, make_course())
    report = new.records.import_file(awa, path)
    assert report.added > 0 and not report.adopted_actor


def test_a_profile_without_records_refuses_another_learner_s_file_and_identity(
    tmp_path: Path,
) -> None:
    """Bruno linked his account; his file, taken by Awa's new profile, gave her his account:
    her next statements went to the institution as Bruno's."""
    clock = FakeClock()
    other = open_store(tmp_path / "bruno", clock)
    bruno = other.profiles.add("Bruno").id
    other.profiles.link_account(bruno, LRS, "bmartin")
    study_everything(other, clock, bruno, make_course())
    path = tmp_path / "bruno.json"
    other.records.export(bruno, path)
    other.close()
    store = open_store(tmp_path / "awa", FakeClock(1_900_000_000.0))
    awa = store.profiles.add("Awa").id
    before = dump(store.conn)
    with pytest.raises(OtherLearner) as error:
        store.records.import_file(awa, path)
    assert str(error.value) == f"{path}: the records of 'Bruno', not of 'Awa'"
    assert error.value.learner == "Bruno" and not error.value.has_records
    assert dump(store.conn) == before
    profile = store.profiles.get(awa)
    assert not profile.account_linked and profile.actor.name != "bmartin"

    # Told they are hers (named otherwise there): taken, with the identity they hold.
    report = store.records.import_file(awa, path, same_learner=True)
    assert report.added > 0 and report.adopted_actor
    assert store.profiles.get(awa).actor.name == "bmartin"


def test_a_file_naming_no_learner_is_not_checked(tmp_path: Path, bruno_file: Path) -> None:  # noqa: F811
    """A bare array of statements says whose they are nowhere: taken as before."""
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(json.loads(bruno_file.read_text())["statements"]))
    store = open_store(tmp_path / "awa", FakeClock(1_900_000_000.0))
    awa = store.profiles.add("Awa").id
    assert store.records.import_file(awa, bare).adopted_actor


def test_renamed_and_linked_here_she_takes_a_later_file_of_her_old_laptop(tmp_path: Path) -> None:
    """Awa moves: her new profile takes her first file (and the old laptop's actor); she
    studies here, links her account here, renames herself 'Awa Diop'. Her later export from
    the old laptop (still 'Awa') shares only the old laptop's actor, which only the records
    here hold now (_identities' actors of the profile's rows)."""
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    old.events.course_launched(awa_old, make_course())
    first = tmp_path / "first.json"
    old.records.export(awa_old, first)
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    assert new.records.import_file(awa, first).adopted_actor
    new.profiles.link_account(awa, LRS, "adiop")
    new.events.course_launched(awa, make_course())
    new.profiles.rename(awa, "Awa Diop")
    study_everything(old, clock, awa_old, make_course())
    later = tmp_path / "later.json"
    old.records.export(awa_old, later)
    assert new.records.import_file(awa, later).added > 0


def test_the_refusal_gives_the_command_that_takes_the_file_as_it_is_to_paste(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
) -> None:
    """`cartable records import --same-learner` alone failed (PROFILE and FILE.json needed)."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "N'Diaye Awa"]) == 0
    store = cli_store()
    store.events.course_launched(store.profiles.find("N'Diaye Awa").id, make_course())
    store.close()
    folder = tmp_path / "my records"
    folder.mkdir()
    path = folder / "Bruno's $HOME.json"
    path.write_bytes(bruno_file.read_bytes())
    capsys.readouterr()
    assert main(["records", "import", "N'Diaye Awa", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("`\n")
    command = shlex.split(err.split("`")[-2])
    assert command == ["cartable", "records", "import", "--same-learner", "N'Diaye Awa", str(path)]
    assert main(command[1:]) == 0
    assert "statements added" in capsys.readouterr().out

    # A file's name that would not print as itself (escaped, it names no file): said in words.
    odd = folder / "bruno\x1b[2J.json"
    odd.write_bytes(bruno_file.read_bytes())
    assert main(["profiles", "add", "Moussa"]) == 0
    capsys.readouterr()
    assert main(["records", "import", "Moussa", str(odd)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(", run the same command with --same-learner\n")


def _refusal(main_args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The refusal's line, after the command ran and was refused."""
    capsys.readouterr()
    assert main(["records", "import", *main_args]) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(("profile", "typed"), [("-Awa", "plain.json"), ("Zoé", "-records.json")])
def test_the_pasted_command_runs_for_a_name_starting_with_a_dash(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
    profile: str,
    typed: str,
) -> None:
    """Review r7, R1: `--same-learner -Awa plain.json` made argparse read -Awa as an option
    (exit 2: 'FILE.json' missing), and `-records.json` too: `--` goes before them."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / typed).write_bytes(bruno_file.read_bytes())
    store = cli_store()
    store.profiles.add(profile)
    store.close()
    err = _refusal(["--", profile, typed], capsys)
    command = shlex.split(err.split("`")[-2])
    assert command == ["cartable", "records", "import", "--same-learner", "--", profile, typed]
    assert main(command[1:]) == 0


def test_a_file_name_not_utf8_is_told_in_words(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
) -> None:
    """Review r7, R2: 'caf\\xe9.json' (Latin-1 bytes, a stick formatted elsewhere) reaches the
    command as os.fsdecode's surrogate; the suggested command printed it as 'caf?.json' or
    'caf\\udce9.json', which names no file."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(raw, "wb") as handle:
        handle.write(bruno_file.read_bytes())
    assert main(["profiles", "add", "Inès"]) == 0
    store = cli_store()
    profile = store.profiles.find("Inès")
    store.close()
    file = os.fsdecode(raw)
    assert same_learner_command(profile, "Inès", file, sys.stderr) == (
        "run the same command with --same-learner"
    )
    assert main(["records", "import", "--same-learner", "Inès", file]) == 0  # it is the file


def test_the_pasted_command_names_the_profile_as_typed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
) -> None:
    """Review r7, R3: typed by its id, the profile was named in the command by its name, which
    a look-alike name saved before names were told apart (Profiles.find) made ambiguous: the
    pasted command was refused. Its id, as typed, finds it."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    store = cli_store()
    awa = store.profiles.add("Awa")
    other = store.profiles.add("Awa D")
    store.conn.execute("UPDATE profiles SET name = ? WHERE id = ?", ("\uff21wa", other.id))
    store.conn.commit()
    store.close()
    err = _refusal([awa.id, str(bruno_file)], capsys)
    command = shlex.split(err.split("`")[-2])
    assert command[-2:] == [awa.id, str(bruno_file)]
    assert main(command[1:]) == 0
    # Typed as a name that would not print as itself (escaped, it finds no profile): its id.
    assert same_learner_command(awa, "Awa\x1b[2J", "f.json", sys.stderr).endswith(
        f" {awa.id} f.json`"
    )


def test_on_windows_the_way_to_take_the_file_is_told_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review r7, R5: cmd.exe and PowerShell read no POSIX quoting ('N'"'"'Diaye Awa'), and
    the console program there is cartable-cli.exe (packaging/cartable.spec), not `cartable`."""
    store = open_store(tmp_path / "laptop", FakeClock())
    profile = store.profiles.add("N'Diaye Awa")
    store.close()
    monkeypatch.setattr(os, "name", "nt")
    said = same_learner_command(profile, "N'Diaye Awa", "bruno.json", sys.stderr)
    monkeypatch.undo()
    assert said == "run the same command with --same-learner"
