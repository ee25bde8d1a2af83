"""`cartable --help` and each sub-command's: an admin learns the commands from them."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from player.__main__ import build_parser


def _silent(parser: argparse.ArgumentParser, name: str) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {a.dest: a.help for a in action._choices_actions}
            for command, sub in action.choices.items():
                if not listed.get(command):
                    yield f"{name} {command} (the command itself)"
                yield from _silent(sub, f"{name} {command}")
        elif not isinstance(action, argparse._HelpAction) and not action.help:
            what = action.option_strings[-1] if action.option_strings else action.metavar
            yield f"{name} {what or action.dest}"


def test_every_cartable_argument_says_what_it_is() -> None:
    """A bare `FILE_OR_FOLDER` or `-o FILE` did not say what the file is for, or which folder
    (an archive, a repository, a course's folder)."""
    assert list(_silent(build_parser(), "cartable")) == []
