"""Reading `.cartable` archives safely: a zip whose entries are stored, never compressed.

We read the central directory with `zipfile` but never extract or inflate anything through it:
every check below runs before a byte of content is used, and blob bytes are read straight from
their offsets (`os.pread`), so a hostile archive cannot make us write outside a destination,
follow a link, or decompress a bomb.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from player.course.errors import PackageError

ARCHIVE_SUFFIX = ".cartable"
MAX_ENTRIES = 20_100  # 10,000 files per manifest, a handful of courses, their folders
#: Central directory bytes one entry may take: 46 fixed, a name of at most 130 in our tree, and
#: room for the extra fields other zip tools add (a legitimate entry takes under 250).
MAX_DIRECTORY_ENTRY_BYTES = 512
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_END = struct.Struct("<4s4H2IH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sIQI")
_END64 = struct.Struct("<4sQ2H2I4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_ZIP64_SIZE = 0xFFFFFFFF  # a local header's size field: see the zip64 extra field
_EXTRA_FIELD = struct.Struct("<HH")  # header id, data size
_ZIP64_EXTRA = 0x0001

# Every name an archive may hold: the repository tree and nothing else.
_ALLOWED = re.compile(
    r"^(?:catalog\.json"
    r"|courses/[a-z0-9][a-z0-9._-]{0,63}/[0-9][0-9.]{0,40}/course\.json(?:\.sig)?"
    r"|blobs/sha256/[0-9a-f]{2}/[0-9a-f]{64})$"
)
_ALLOWED_DIRS = re.compile(
    r"^(?:courses|blobs|blobs/sha256|blobs/sha256/[0-9a-f]{2}"
    r"|courses/[a-z0-9][a-z0-9._-]{0,63}|courses/[a-z0-9][a-z0-9._-]{0,63}/[0-9][0-9.]{0,40})/$"
)


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    data_offset: int


def check_name(name: str, archive: str) -> None:
    """Refuse any name that could escape the tree or mean something else on another system."""
    if not name:
        raise PackageError(archive, "an entry has an empty name")
    if "\\" in name:
        raise PackageError(archive, f"entry {name!r} contains a backslash")
    if "\x00" in name or any(ord(c) < 32 for c in name):
        raise PackageError(archive, f"entry {name!r} contains a control character")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise PackageError(archive, f"entry {name!r} is an absolute path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise PackageError(archive, f"entry {name!r} escapes the archive tree")
    if not (_ALLOWED.match(name) or _ALLOWED_DIRS.match(name)):
        raise PackageError(archive, f"entry {name!r} is not part of a Cartable repository tree")


def _zip64_local_sizes(extra: bytes) -> tuple[int, int] | None:
    """The (compressed, uncompressed) sizes a local header's zip64 extra field gives (it holds
    the uncompressed size first), None without one."""
    at = 0
    while at + _EXTRA_FIELD.size <= len(extra):
        kind, length = _EXTRA_FIELD.unpack_from(extra, at)
        at += _EXTRA_FIELD.size
        if kind == _ZIP64_EXTRA and length >= 16:
            size, compressed = struct.unpack_from("<QQ", extra, at)
            return compressed, size
        at += length
    return None


class Archive:
    """An open `.cartable` file whose directory has passed every safety check."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self._fd = -1
        self.entries: dict[str, Entry] = {}
        self._open()

    def _open(self) -> None:
        try:
            info = os.stat(self.path)
        except OSError as exc:
            raise PackageError(self.name, f"cannot open archive ({exc.strerror})") from None
        if not stat.S_ISREG(info.st_mode):
            raise PackageError(self.name, "not a regular file")
        if info.st_size == 0:
            raise PackageError(self.name, "empty file")
        self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            self._read_directory(info.st_size)
        except BaseException:
            self.close()
            raise

    def _directory_claims(self, file_size: int) -> tuple[int, int] | None:
        """The entry count and central directory size the end records claim, found as zipfile
        finds them; None when there is no end record (zipfile then says what is wrong)."""
        tail_start = max(0, file_size - _END.size - (1 << 16))  # the record, then a comment
        tail = os.pread(self._fd, file_size - tail_start, tail_start)
        if tail[-_END.size : -_END.size + 4] == _END_SIGNATURE and tail[-2:] == b"\0\0":
            at = len(tail) - _END.size
        else:
            at = tail.rfind(_END_SIGNATURE)
            if at < 0 or len(tail) - at < _END.size:
                return None
        fields = _END.unpack_from(tail, at)
        entries, size = fields[4], fields[5]
        end = tail_start + at
        if end >= _END64_LOCATOR.size + _END64.size:  # zip64: the locator, the record before it
            locator = os.pread(self._fd, _END64_LOCATOR.size, end - _END64_LOCATOR.size)
            record = os.pread(self._fd, _END64.size, end - _END64_LOCATOR.size - _END64.size)
            if locator[:4] == b"PK\x06\x07" and record[:4] == _END64_SIGNATURE:
                fields64 = _END64.unpack(record)
                entries, size = fields64[7], fields64[8]
        return entries, size

    def _read_directory(self, file_size: int) -> None:
        # zipfile builds an object per entry before we could count them: a directory claiming
        # millions costs a gigabyte. The end records say how many and how big: refuse first.
        claims = self._directory_claims(file_size)
        if claims is not None:
            entries, size = claims
            if entries > MAX_ENTRIES:
                raise PackageError(self.name, f"{entries} entries, over the limit of {MAX_ENTRIES}")
            if size > entries * MAX_DIRECTORY_ENTRY_BYTES:  # zipfile reads by size, not count
                raise PackageError(
                    self.name,
                    f"corrupt archive (a directory of {size} bytes for {entries} entries)",
                )
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
        except zipfile.BadZipFile:
            raise PackageError(self.name, "not a zip archive, or truncated") from None
        except NotImplementedError as exc:  # e.g. an entry "needing" a zip version from the future
            raise PackageError(self.name, f"corrupt archive ({exc})") from None
        except (OSError, EOFError, ValueError) as exc:
            raise PackageError(self.name, f"unreadable archive ({exc})") from None
        if len(infos) > MAX_ENTRIES:
            raise PackageError(self.name, f"{len(infos)} entries, over the limit of {MAX_ENTRIES}")
        for info in infos:
            name = info.filename
            check_name(name, self.name)
            if name in self.entries or name.rstrip("/") + "/" in self.entries:
                raise PackageError(self.name, f"duplicate entry {name!r}")
            mode = info.external_attr >> 16
            if (
                info.create_system == 3
                and mode
                and stat.S_IFMT(mode)
                not in (
                    stat.S_IFREG,
                    stat.S_IFDIR,
                    0,
                )
            ):
                kind = "a symbolic link" if stat.S_ISLNK(mode) else "a special file"
                raise PackageError(self.name, f"entry {name!r} is {kind}")
            if name.endswith("/"):
                self.entries[name] = Entry(name, 0, 0)
                continue
            if info.compress_type != zipfile.ZIP_STORED:
                raise PackageError(
                    self.name, f"entry {name!r} is compressed; entries must be stored"
                )
            if info.flag_bits & 0x1:
                raise PackageError(self.name, f"entry {name!r} is encrypted")
            if info.compress_size != info.file_size:
                raise PackageError(self.name, f"entry {name!r} declares inconsistent sizes")
            offset = self._data_offset(info, file_size)
            self.entries[name] = Entry(name, info.file_size, offset)

    def _data_offset(self, info: zipfile.ZipInfo, file_size: int) -> int:
        if info.header_offset < 0:  # zipfile adds a damaged directory offset to every entry's
            raise PackageError(
                self.name, f"corrupt archive (entry {info.filename!r} starts before the file)"
            )
        header = os.pread(self._fd, _LOCAL_HEADER.size, info.header_offset)
        if len(header) < _LOCAL_HEADER.size:
            raise PackageError(self.name, f"entry {info.filename!r} is truncated")
        fields = _LOCAL_HEADER.unpack(header)
        if fields[0] != _LOCAL_SIGNATURE:
            raise PackageError(self.name, f"entry {info.filename!r} has a corrupt local header")
        flags, method, name_len, extra_len = fields[2], fields[3], fields[9], fields[10]
        local_name = os.pread(self._fd, name_len, info.header_offset + _LOCAL_HEADER.size)
        if method != zipfile.ZIP_STORED:
            raise PackageError(self.name, f"entry {info.filename!r} is compressed")
        if (
            local_name.decode("utf-8", "replace") != info.filename
            and local_name.decode("cp437", "replace") != info.filename
        ):
            raise PackageError(
                self.name, f"entry {info.filename!r} has a different name in its local header"
            )
        sizes = (fields[7], fields[8])  # compressed, uncompressed
        if sizes == (_ZIP64_SIZE, _ZIP64_SIZE):  # the sizes are in the zip64 extra field
            extra = os.pread(
                self._fd, extra_len, info.header_offset + _LOCAL_HEADER.size + name_len
            )
            sizes = _zip64_local_sizes(extra) or sizes
        streamed = flags & 0x8 and sizes == (0, 0)  # sizes in a data descriptor after the data
        if not streamed and sizes != (info.compress_size, info.file_size):
            raise PackageError(
                self.name, f"entry {info.filename!r} declares other sizes in its local header"
            )
        offset = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
        if offset + info.file_size > file_size:
            raise PackageError(self.name, f"entry {info.filename!r} runs past the end (truncated)")
        return offset

    def names(self) -> list[str]:
        return [name for name in self.entries if not name.endswith("/")]

    def size_of(self, name: str) -> int | None:
        entry = self.entries.get(name)
        return None if entry is None or name.endswith("/") else entry.size

    def read(self, name: str, limit: int) -> bytes | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        if entry.size > limit:
            raise PackageError(self.name, f"{name} is {entry.size} bytes, over the {limit} limit")
        data = os.pread(self._fd, entry.size, entry.data_offset)
        if len(data) != entry.size:
            raise PackageError(self.name, f"{name} is truncated")
        return data

    def pread(self, name: str, size: int, offset: int) -> bytes:
        entry = self.entries[name]
        return os.pread(self._fd, size, entry.data_offset + offset)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
