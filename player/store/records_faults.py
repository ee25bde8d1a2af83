"""What a records file's readers share (player/store/records_file.py's read and
player/store/records_screening.py's look before the parse): the format a records file says it is
of, what is wrong with a file (RecordsFault) and the error that says it (RecordsError), and the
words for a file that is no JSON, no text, or of another format. Both modules import it; neither
imports the other's helpers. records_file re-exports RecordsError, RecordsFault and FORMAT: a
read's callers take what it raises from where the read is.
"""

from __future__ import annotations

import enum
import json
import re
from typing import Any

from player.store.errors import StoreError

Json = dict[str, Any]
FORMAT = "cartable-records"
FORMAT_VERSION = 1


class RecordsFault(enum.StrEnum):
    """What is wrong with a records file, for the player to say in the learner's language (the
    message, in English, is the command's line and the player's tooltip)."""

    NO_FILE = "no_file"
    FOLDER = "folder"
    UNREADABLE = "unreadable"  # the system refused to read it (no permission, an I/O error)
    EMPTY = "empty"
    CUT_SHORT = "cut_short"  # a copy stopped early
    NOT_TEXT = "not_text"  # not UTF-8
    NOT_JSON = "not_json"
    NOT_RECORDS = "not_records"  # JSON, or anything else, but no records file
    VERSION = "version"  # a records file of a format version this Cartable does not know
    INVALID = "invalid"  # a records file, one of whose fields or statements is not as written
    ALREADY_HERE = "already_here"  # for a new profile, but every record is here already


class RecordsError(StoreError):
    """A records file cannot be imported; the message names the file and the JSON path;
    `kind`: what is wrong, for the player's words."""

    def __init__(self, message: str, kind: RecordsFault = RecordsFault.NOT_RECORDS) -> None:
        super().__init__(message)
        self.kind = kind


def fail(
    file: str, where: str, reason: str, kind: RecordsFault = RecordsFault.INVALID
) -> RecordsError:
    return RecordsError(f"{file}: {where}: {reason}", kind)


def not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not a JSON number")


# What the parser stopped at when a file ends inside `true`, `false`, `null` or a number: the
# start of one (`tru`, `-`, `2.`, `1e-`), which it reads as no value or as a stray character.
_PARTIAL = re.compile(r"(?:-|t|tr|tru|f|fa|fal|fals|n|nu|nul|[.eE]|[eE][+-])?")
# ... and when it ends inside a `\\uXXXX` escape (or between a surrogate pair's two halves).
_PARTIAL_ESCAPE = re.compile(r"u[0-9a-fA-F]{0,4}(?:\\u?[0-9a-fA-F]{0,3})?")
# Where a copy stops: blank space, or zero bytes (a FAT stick pulled out keeps the file's
# length, its unwritten end zeros).
TAIL = " \t\r\n\0"


def _cut_short(line: int) -> str:
    return (
        f"line {line}: ends before its JSON does: the file is cut short"
        " (a copy stopped early?); copy it again from where it was exported"
    )


def not_json_reason(exc: json.JSONDecodeError) -> tuple[RecordsFault, str]:
    """Why a file is not JSON, a file cut short said as such: a copy stopped early (a USB stick
    pulled out, a full disk) is the usual cause, and the parser's words ('Unterminated string
    starting at', 'Expecting value') named none a learner could act on. Cut anywhere, inside a
    string, a number, `true` or an escape, or padded with zeros after the cut, it says so; a
    file that goes wrong before its end ('hello', `[{},]`, two files one after the other) is
    still 'not JSON', and so is a whole one followed by more ('Extra data': a `t`, a `-` or
    zeros after it are no cut value)."""
    doc = exc.doc.rstrip(TAIL)
    if not doc:
        return RecordsFault.EMPTY, "is empty"
    if exc.msg.startswith("Extra data"):  # a whole JSON value, then more: not cut short
        return RecordsFault.NOT_JSON, f"line {exc.lineno}: not JSON: {exc.msg}"
    rest = doc[exc.pos :]
    if (
        exc.pos >= len(doc)
        or exc.msg.startswith("Unterminated string")
        or _PARTIAL.fullmatch(rest)
        or (exc.msg.startswith("Invalid \\uXXXX") and _PARTIAL_ESCAPE.fullmatch(rest))
    ):
        return RecordsFault.CUT_SHORT, _cut_short(exc.lineno)
    return RecordsFault.NOT_JSON, f"line {exc.lineno}: not JSON: {exc.msg}"


def not_text_reason(exc: UnicodeDecodeError) -> tuple[RecordsFault, str]:
    """Why a file is not text: cut inside a character (UTF-8's take up to four bytes), zeros
    after the cut or not, it is cut short; else it is not UTF-8 text."""
    data = exc.object
    cut = exc.reason in ("unexpected end of data", "truncated data")
    if not cut and isinstance(data, bytes) and data.endswith(b"\0"):
        try:
            data.rstrip(b"\0").decode(exc.encoding)
        except UnicodeDecodeError as unpadded:
            cut = unpadded.reason in ("unexpected end of data", "truncated data")
        except LookupError:
            pass
    if cut:
        return RecordsFault.CUT_SHORT, _cut_short(bytes(data[: exc.start]).count(b"\n") + 1)
    return RecordsFault.NOT_TEXT, "not UTF-8 text"


def check_header(data: Json, file: str) -> None:
    """A records object's format and version, as this Cartable reads them."""
    if data.get("format") != FORMAT:
        wrong = f"not a Cartable records file (expected {FORMAT!r})"
        raise fail(file, "$.format", wrong, RecordsFault.NOT_RECORDS)
    if data.get("version") != FORMAT_VERSION:
        version = f"unsupported version {data.get('version')!r}"
        raise fail(file, "$.version", version, RecordsFault.VERSION)
