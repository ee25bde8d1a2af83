"""The screening of a records file's text before its parse: whatever says it is no records file
(a dump of data picked by mistake, "All files (*)") without parsing it whole.

A JSON file of data parses in calls that look at the read's cancel too seldom or never (an
array of numbers, of empty arrays, a GeoJSON file's polygons): 100 MB took 4 to 20 s and
gigabytes, and Stop waited for it. So before the parse, `statement_first` parses the
statements' first element alone and refuses it when it is no object (as its check would), and
`no_dump` counts object ends (`}`) in 1 MB windows and refuses a long run of windows with few
of them. What they refuse is said as the rest of the read says it (records_faults.RecordsError,
NOT_RECORDS or INVALID); the read itself is player/store/records_file.py's.
"""

from __future__ import annotations

import json
import re

from player.store.records_faults import (
    Json,
    RecordsError,
    RecordsFault,
    check_header,
    fail,
    not_json,
    not_json_reason,
)

# A bare array's start, up to its first element: JSON's blank space alone (not str.isspace's).
_ARRAY_START = re.compile(r"[ \t\n\r]*\[[ \t\n\r]*")
# A records object's start, and what separates its members' parts: JSON's blank space alone.
_OBJECT_START = re.compile(r"[ \t\n\r]*\{[ \t\n\r]*")
_BLANK_SPACE = re.compile(r"[ \t\n\r]+")
# How much of the text the first statement is looked for in, and parsed in when it is no
# object: a file's header and one statement take a few kilobytes; a dump's first element
# ([[1,1,…]], a whole 100 MB file) was parsed whole, in one call the cancel is never looked at.
_FIRST_CHARS = 1 << 16


def _past_blank(text: str, pos: int) -> int:
    """Where `text`'s blank space from `pos` on ends."""
    blank = _BLANK_SPACE.match(text, pos)
    return blank.end() if blank is not None else pos


def _statements_start(text: str) -> tuple[int, Json] | None:
    """Where a records object's `statements` array's first element starts, and the members
    before it (a file's header), found in the text's first _FIRST_CHARS; None when it is not
    there, or the object goes wrong before it: the whole parse says what it said."""
    head = text[:_FIRST_CHARS]
    start = _OBJECT_START.match(head)
    if start is None:
        return None
    pos = start.end()
    plain = json.JSONDecoder(parse_constant=not_json)
    header: Json = {}
    try:
        while head.startswith('"', pos):
            key, pos = json.decoder.scanstring(head, pos + 1)
            pos = _past_blank(head, pos)
            if not head.startswith(":", pos):
                return None
            pos = _past_blank(head, pos + 1)
            if key == "statements":
                array = _ARRAY_START.match(head, pos)
                return (array.end(), header) if array is not None else None
            header[key], pos = plain.raw_decode(head, pos)
            pos = _past_blank(head, pos)
            if not head.startswith(",", pos):
                return None
            pos = _past_blank(head, pos + 1)
    except (ValueError, RecursionError):  # JSONDecodeError among them: the parse's to say
        return None
    return None


def statement_first(decoder: json.JSONDecoder, text: str, file: str) -> None:
    """The statements' first element, when it is no object, refused as its check would (a
    statement is an object) once that element is parsed, before the rest is: a dump of data
    ([1,1,…], [[],[],…], [[1,1,…]], {"statements": [1,2,…]}) has no object whose parse looks at
    the cancel, and its parse took 4 to 20 s and gigabytes at 100 MiB, Stop waiting for it. Parsed
    in the text's first _FIRST_CHARS: an element longer than that is no statement either. An
    error in that element is the parse's own (the whole parse, stopped there, says it)."""
    array = _ARRAY_START.match(text)
    if array is not None:
        first, where, header = array.end(), "$[0]", {}
    else:
        found = _statements_start(text)
        if found is None:
            return
        (first, header), where = found, "$.statements[0]"
    if text.startswith(("{", "]"), first):
        return
    window = text[: first + _FIRST_CHARS]
    try:
        decoder.raw_decode(window, first)
    except json.JSONDecodeError as exc:
        # Cut by the window (not by the file's end): longer than it, no statement; any other
        # fault lies before the window's end, where the whole parse stops to say it.
        if len(window) == len(text) or not_json_reason(exc)[0] != RecordsFault.CUT_SHORT:
            return
    except ValueError:  # a number of thousands of digits, NaN: the whole parse says it
        return
    if where != "$[0]":  # an export writes its format and version before its statements
        check_header(header, file)
    raise fail(file, where, "a statement is a JSON object")


# The text is looked at for object ends in windows this long (one str.count each: ~128 calls).
_WINDOW_CHARS = 1 << 20
# The fewest object ends (`}`) in a window that make it a records file's: its statements, a few
# hundred characters each and three objects or more, end thousands of times a megabyte; a dump
# of large polygons (GeoJSON) ends 3 to 6 times a megabyte, too few for the parse to look at
# the cancel (every _STOP_OBJECTS objects).
_WINDOW_OBJECTS = 64
# The fewest windows in a row with few object ends that make a file a dump of data: no statement
# is megabytes long, and a records file's one long run without one, its `delivered` ids (40
# characters each), is below a third of the file (a statement takes over 100 characters).
_DUMP_WINDOWS = 4


def no_dump(text: str, file: str) -> None:
    """Refused when `text` has a run with few object ends (`}`) of several megabytes, and a
    third of it: a dump of data ({"data": [1,1,…]}, [{}, [1,1,…]], the `results` of one, a
    GeoJSON file's polygons), which the parse takes whole in calls that look at the cancel too
    seldom or never (100 MB: 4 to 10 s and half a gigabyte), Stop waiting for it. A records
    file's statements end every few hundred characters."""
    least = max(_DUMP_WINDOWS, len(text) // _WINDOW_CHARS // 3)
    run = 0
    for start in range(0, len(text), _WINDOW_CHARS):
        if text.count("}", start, start + _WINDOW_CHARS) >= _WINDOW_OBJECTS:
            run = 0
            continue
        run += 1
        if run >= least:
            wrong = f"not a records file: {run} MB of data with few JSON objects"
            raise RecordsError(f"{file}: {wrong}", RecordsFault.NOT_RECORDS)
