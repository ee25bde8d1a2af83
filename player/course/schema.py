"""JSON Schema validation of the manifest, with errors that name the JSON path.

The schema file lives in resources/schema/ (shared with course authors and other tools). This
package imports nothing else of ours, so it finds the file itself: beside the source tree, or in
the PyInstaller bundle.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from player.course.errors import PackageError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAME = "course.schema.json"


def schema_path() -> Path:
    if getattr(sys, "frozen", False):
        base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    else:
        base = Path(__file__).resolve().parents[2]
    return base / "resources" / "schema" / SCHEMA_NAME


@cache
def _validator() -> Draft202012Validator:
    # Imported on first use (60 ms): a verification starts hashing blobs meanwhile.
    from jsonschema import Draft202012Validator, validators

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    # The schema itself is checked against the metaschema by a test, not at every start (160 ms).
    strict = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return strict(schema)


def _pattern(
    validator: Draft202012Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    """JSON Schema's `pattern` as ECMA 262 reads it: `$` ends the text. Python's `$` also
    matches before a final line break, so jsonschema let a course id ending in one pass (and
    name a folder of the library and of a repository)."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def validate(raw: Any, file: str) -> None:
    """Raise `PackageError` for the most relevant schema violation, if any."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(raw), key=_relevance)
    if error is not None:
        raise PackageError(file, _reason(error), where=error.json_path)


def _relevance(error: ValidationError) -> tuple[int, int]:
    # Prefer the deepest error: "modules[0].units[1].duration: -1 is less than..." beats
    # "modules[0]: is not valid under any of the given schemas".
    return (len(error.absolute_path), 0 if error.validator in ("if", "allOf") else 1)


def _reason(error: ValidationError) -> str:
    message = error.message
    if len(message) > 200:
        message = message[:197] + "..."
    return message
