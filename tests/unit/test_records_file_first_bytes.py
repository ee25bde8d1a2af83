"""Records import: a file is looked at before it is read whole. "All files (*)" lets a video or
a disk image be picked by mistake; its gigabytes went into memory before the JSON parser said
it was no records file. Its first characters (after a byte order mark and blank space) must
open a JSON object or array, and its size be at most MAX_FILE_BYTES (128 MiB; 9000 statements
are 13 MB), else it is refused in one line, as "not a records file"."""

from __future__ import annotations

import json
import os
import threading
from contextlib import suppress
from pathlib import Path

import pytest

from player.store import records_file
from player.store.records_file import RecordsError, RecordsFault, read_records_file

NOT_JSON_START = "not a records file (a records file is a JSON object or array)"
STATEMENT = {
    "id": "6f1d3c2a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
    "actor": {"name": "Awa", "account": {"homePage": "https://lrs.example", "name": "awa"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
    "object": {"id": "https://example.org/course/unit"},
    "timestamp": "2026-01-05T10:00:00Z",
}
RECORDS = json.dumps({"format": "cartable-records", "version": 1, "statements": [STATEMENT]})


@pytest.mark.parametrize(
    "start",
    [
        b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00",  # an MP4 video
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image
        b"PK\x03\x04\x14\x00\x00\x00",  # a zip, a course package
        b"%PDF-1.7\n",
        b"hello",
        b'"text"',
        b"42",
    ],
)
def test_a_file_that_does_not_start_as_json_is_refused_before_it_is_read(
    tmp_path: Path, start: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "video.mp4"
    path.write_bytes(start + b"\x00" * 10_000 + b"{}")
    monkeypatch.setattr(records_file, "_HEAD_BYTES", 64)  # only the start is read
    with pytest.raises(RecordsError) as error:
        read_records_file(path)
    assert str(error.value) == f"{path}: {NOT_JSON_START}"
    assert error.value.kind is RecordsFault.NOT_RECORDS


@pytest.mark.parametrize(
    ("encoding", "before"),
    [("utf-8", "\ufeff\n  "), ("utf-8", "\r\n\t"), ("utf-16", ""), ("utf-16", " \n")],
)
def test_a_records_file_after_a_byte_order_mark_or_blanks_is_read(
    tmp_path: Path, encoding: str, before: str
) -> None:
    path = tmp_path / "awa.json"
    path.write_bytes((before + RECORDS).encode(encoding))
    assert [s["id"] for s in read_records_file(path).statements] == [STATEMENT["id"]]


def test_a_file_bigger_than_any_records_file_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sparse file of 128 MiB + 1 (nothing written to disk, nothing read): its size alone
    refuses it (read, a file takes 6 to 31 times its size in memory: under the 1 GiB limit it
    was, gigabytes); and a smaller limit, over a file that starts as a records file would."""
    path = tmp_path / "disk.img"
    with path.open("wb") as sparse:
        sparse.write(b"[")
        sparse.truncate((128 << 20) + 1)
    with pytest.raises(RecordsError) as error:
        read_records_file(path)
    assert str(error.value) == f"{path}: too big for a records file (more than 128 MB)"
    assert error.value.kind is RecordsFault.NOT_RECORDS

    monkeypatch.setattr(records_file, "MAX_FILE_BYTES", 4096)
    path.write_bytes(b"[" + b" " * 4096 + b"]")
    with pytest.raises(RecordsError) as error:
        read_records_file(path)
    assert "too big for a records file" in str(error.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe: POSIX")
def test_a_file_without_a_size_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named pipe (or a device) has no size: its reading stops past the limit."""
    monkeypatch.setattr(records_file, "MAX_FILE_BYTES", 4096)
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    # The writer there before the read (a pipe without one reads as empty): opened while a
    # reader of ours holds the pipe (a writer's open waits for one, and a write without one
    # fails), closed once the read is over.
    holder = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    out_fd = os.open(pipe, os.O_WRONLY)

    def write() -> None:
        with suppress(BrokenPipeError), os.fdopen(out_fd, "wb") as out:  # the reader stops
            for _ in range(1000):
                out.write(b"[" + b" " * 4096)
                out.flush()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(RecordsError) as error:
            read_records_file(pipe)
    finally:
        os.close(holder)  # the writer, blocked on a full pipe, is told it is read no more
        writer.join(60)
    assert "too big for a records file" in str(error.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe: POSIX")
def test_a_named_pipe_without_a_writer_reads_as_empty_at_once(tmp_path: Path) -> None:
    """A named pipe picked in the player's file dialog ("All files"), nothing writing to it:
    its open waited for a writer forever, holding the worker (and the import) for good."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_records_file(pipe)
        except BaseException as exc:  # told to the test
            outcome.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(60)
    if reader.is_alive():  # still waiting: a writer comes and goes to let it end
        os.close(os.open(pipe, os.O_WRONLY))
        reader.join(60)
        pytest.fail("the read waited for a writer")
    [error] = outcome
    assert isinstance(error, RecordsError) and error.kind is RecordsFault.EMPTY
    assert str(error) == f"{pipe}: is empty"
