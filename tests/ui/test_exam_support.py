"""The exam tests' helpers refuse to run on the wall clock: a module that imports `open_exam`
without exam_support's `shell` gets conftest's (pytest finds fixtures by name in the module),
whose store reads the computer's clock, and every timed step would quietly test another thing."""

from __future__ import annotations

import pytest

from tests.ui.exam_support import clock, open_exam, sync_calls

# Imported for pytest (it finds fixtures by name here), named for ruff; `shell` left out on purpose.
SHARED_FIXTURES = (clock, open_exam, sync_calls)


def test_open_exam_with_conftests_shell_says_which_to_import(
    request: pytest.FixtureRequest,
) -> None:
    with pytest.raises(AssertionError, match="import `shell` from exam_support with open_exam"):
        request.getfixturevalue("open_exam")
