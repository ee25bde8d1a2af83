"""Where a repository lives: an http(s) base URL or a folder (a USB stick, a shared drive).

Both name the same tree (`catalog.json`, `courses/...`, `blobs/sha256/<2>/<64>`), so callers
only ask for a relative path and get a URL or a file path back.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit

from sync.server_address import address_problem

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class RepositoryPathError(ValueError):
    """A relative path that could leave the repository or a malformed blob name."""


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*(?=:)")


def is_http(source: str) -> bool:
    """Whether `source` names an http(s) address, however malformed the rest of it: urlsplit
    raises ValueError on an unclosed IPv6 host ("http://[::1/"), so callers that ask this
    first got that bare error instead of their own line naming the address."""
    try:
        scheme = urlsplit(source).scheme
    except ValueError:
        match = _SCHEME.match(source.strip())
        scheme = match.group() if match else ""
    return scheme.lower() in ("http", "https")


LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",  # RFC 1918
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",  # link-local: two laptops on a cable, no DHCP
        "127.0.0.0/8",  # this computer
        "fc00::/7",  # IPv6 unique local
        "fe80::/10",  # IPv6 link-local
        "::1/128",
    )
)
"""Where a source is on this laptop's own network. Not 100.64.0.0/10: that is a carrier's
network (CGNAT), on the far side of the paid link."""


def is_local_source(source: str) -> bool:
    """The source's bytes do not cross the internet link: a folder (a USB stick, a shared
    drive), or an http(s) URL whose host is written as an IP address of a private, link-local
    or loopback range (a laptop of the lab sharing its courses, `cartable share`).

    This is what the speed limit, the download hours and "only on unmetered connections" leave
    alone: they exist to save paid bandwidth (docs/downloads.md). A host *name* is never local,
    `.local` ones included: the rule looks at the address alone, never asks a resolver, and a
    name may lead anywhere (an institution's `srv.example.local` across a satellite link). The
    flip side: a server reached at a private address over a paid link (a VPN) counts as local;
    publish it under a name to have it capped. An address no request is sent to
    (`address_problem`: "http://[::1/", a bracketed name) is not local: urlsplit raised on it."""
    if not is_http(source):
        return True
    if address_problem(source):
        return False
    try:
        address = ipaddress.ip_address(urlsplit(source).hostname or "")
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in LOCAL_NETWORKS)


def folder_of(source: str) -> Path | None:
    """The folder a non-HTTP source names (a plain path or a file:// URL), else None. Raises
    RepositoryPathError for a URL urlsplit refuses ("file://[x/"), which callers word."""
    if is_http(source):
        return None
    try:
        parts = urlsplit(source)
    except ValueError as exc:  # an unclosed "[" or a bad character in what follows "//"
        raise RepositoryPathError(
            f"{source}: not a folder nor a valid file:// URL ({exc})"
        ) from None
    scheme = parts.scheme.lower()
    if scheme == "file":
        return Path(unquote(parts.path))
    if scheme and len(scheme) > 1:  # "c:" is a Windows drive letter, not a scheme
        raise RepositoryPathError(f"{source}: unsupported repository scheme {scheme!r}")
    return Path(source)


class NotRegularFile(OSError):
    """A repository path that is a FIFO, a device or a folder where a file should be."""


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, when it is a regular file (links followed); raises
    NotRegularFile otherwise. Never blocks: a FIFO on a shared drive or a stick where a catalog,
    a manifest or a blob should be made a plain open wait for a writer, for ever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def safe_relative(relative: str) -> str:
    """`relative` if it stays inside the repository; raises otherwise."""
    path = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or "\0" in relative
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in relative.split("/"))
        or re.match(r"^[A-Za-z]:", relative)
    ):
        raise RepositoryPathError(f"unsafe repository path {relative!r}")
    return relative


def blob_relative(sha256: str) -> str:
    """`blobs/sha256/<first 2 hex>/<64 hex>` for a lowercase hex sha256."""
    if not SHA256_RE.match(sha256):
        raise RepositoryPathError(f"not a lowercase hex sha256: {sha256!r}")
    return f"blobs/sha256/{sha256[:2]}/{sha256}"


def url_for(source: str, relative: str) -> str:
    """URL of `relative` under an http(s) base (with or without a trailing slash)."""
    base = source if source.endswith("/") else source + "/"
    return base + quote(safe_relative(relative))


def path_for(folder: Path, relative: str) -> Path:
    return folder.joinpath(*safe_relative(relative).split("/"))


def repository_base(source: str) -> str:
    """The repository root of a source given either as its root or as its `catalog.json`."""
    stripped = source.rstrip("/") if is_http(source) else source
    if stripped.endswith("/catalog.json"):
        return stripped[: -len("catalog.json")]
    if not is_http(source):
        folder = folder_of(source)
        if folder is not None and folder.name == "catalog.json" and folder.is_file():
            return str(folder.parent)
    return source
