"""Moving a blob's bytes into its part, from an http(s) repository or a folder.

Each attempt reads its answer and raises what the engine acts on (sync/download_failures.py): a
server's status, a range it did not honour, a folder that went away. Only the network is capped:
a USB stick is read at full speed (and a computer of this network gets an uncapped `limiter` from
the Downloader).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
import urllib3

from sync.download_failures import Fatal, Halted, Mismatch, NetworkFailure
from sync.download_io import ReceiveBuffer, network_reason, range_validator
from sync.download_options import DownloadOptions
from sync.download_part import Part
from sync.download_run import Run
from sync.download_stall import Stalled, StallRule
from sync.download_state import DownloadState, FailureKind
from sync.http import Timeouts, parse_retry_after, watch_of
from sync.ratelimit import RateLimiter
from sync.repository import (
    NotRegularFile,
    blob_relative,
    folder_of,
    open_regular,
    path_for,
    url_for,
)


@dataclass(frozen=True)
class Transfer:
    """What an attempt needs of its Downloader, read when the blob's fetch begins."""

    session: requests.Session
    options: DownloadOptions
    limiter: RateLimiter
    """The cap for this run's network reads (uncapped for a local source)."""
    gate: Callable[[], tuple[DownloadState, str] | None]
    """The Downloader's window and unmetered check for this run: a gate that closes halts the
    copy."""

    def attempt_http(self, run: Run, part: Part) -> None:
        opts = self.options
        blob = part.blob
        url = url_for(run.source, blob_relative(blob.sha256))
        headers = {"Accept-Encoding": "identity"}
        if part.offset:
            headers["Range"] = f"bytes={part.offset}-"
            if part.validator:
                headers["If-Range"] = part.validator
        try:
            response = self.session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(opts.connect_timeout, opts.read_timeout),
                allow_redirects=True,
            )
        except requests.RequestException as exc:
            if run.halted():  # stopped while its name was looked up (sync/lookup.py)
                raise Halted from None
            reason = network_reason(exc, url, self._timeouts())
            raise NetworkFailure(f"{url}: {reason}") from None
        with response:
            status = response.status_code
            if status == 206 and part.offset:
                _check_content_range(response, part, url)
                part.validator = part.validator or range_validator(response)
            elif status in (200, 206):
                # A full body (a fresh start, or the validator changed: If-Range sent it all).
                part.restart(range_validator(response))
                length = response.headers.get("Content-Length")
                if (
                    status == 200
                    and length is not None
                    and length.isdigit()
                    and int(length) != blob.size
                ):
                    raise Mismatch(f"server has {length} bytes, expected {blob.size}")
                if status == 206:
                    _check_content_range(response, part, url)
            elif status == 416:
                raise Mismatch(f"server refused range from byte {part.offset} (HTTP 416)")
            elif status in (404, 410):
                raise Fatal(
                    f"blob {blob.sha256} is missing at {url} (HTTP {status})", FailureKind.MISSING
                )
            elif status in (408, 425, 429) or status >= 500:
                raise NetworkFailure(
                    f"{url}: HTTP {status}",
                    retry_after=parse_retry_after(response.headers.get("Retry-After")),
                    kind=FailureKind.SERVER,  # it answered: the network is not at fault
                )
            else:
                raise Fatal(f"{url}: server answered HTTP {status}", FailureKind.SERVER)
            encoding = response.headers.get("Content-Encoding", "identity").lower()
            if encoding not in ("identity", ""):
                raise Fatal(
                    f"{url}: server sent {encoding}-encoded bytes despite identity",
                    FailureKind.SERVER,
                )
            start_offset = part.offset  # after a restart to byte 0, progress counts from there
            raw: urllib3.HTTPResponse = response.raw
            buffer = ReceiveBuffer(raw, self.options.parallel)
            rule = StallRule(opts.read_timeout, opts.stall_bytes, watch_of(response))
            try:
                self._copy(
                    run,
                    part,
                    lambda size: rule.read(raw.read1, size),
                    limited=True,
                    on_rate=buffer.fit,
                )
            except (
                urllib3.exceptions.HTTPError,
                requests.RequestException,
                OSError,
                Stalled,
            ) as exc:
                if run.halted():  # a pause shut the connection (sync/http_stop.py)
                    raise Halted from None
                if isinstance(exc, Stalled):
                    reason = str(exc)
                else:
                    reason = network_reason(exc, url, self._timeouts())
                raise NetworkFailure(
                    f"{url}: {reason}",
                    progressed=part.offset - start_offset >= opts.progress_reset_bytes,
                ) from None
            if part.offset < blob.size:
                raise NetworkFailure(
                    f"{url}: connection closed at byte {part.offset} of {blob.size}",
                    progressed=part.offset - start_offset >= opts.progress_reset_bytes,
                )

    def _timeouts(self) -> Timeouts | None:
        """The timeouts the request had, to say how long the server was given."""
        try:
            return Timeouts(self.options.connect_timeout, self.options.read_timeout)
        except ValueError:  # a test's or a caller's non-positive timeout: said without them
            return None

    def attempt_folder(self, run: Run, part: Part) -> None:
        folder = folder_of(run.source)
        assert folder is not None
        path = path_for(folder, blob_relative(part.blob.sha256))
        try:
            handle = open_regular(path)
        except NotRegularFile:  # a FIFO: a plain open waited for a writer, for ever
            raise Fatal(f"{path}: not a regular file", FailureKind.SERVER) from None
        except FileNotFoundError:
            if folder.is_dir():
                raise Fatal(
                    f"blob {part.blob.sha256} is missing from {folder}", FailureKind.MISSING
                ) from None
            raise NetworkFailure(f"{folder} is not reachable (removed?)", kind=None) from None
        except OSError as exc:
            raise NetworkFailure(f"{path}: {exc.strerror or exc}", kind=None) from None
        with handle:
            try:
                size = os.fstat(handle.fileno()).st_size
                if size != part.blob.size:
                    raise Mismatch(f"{path} has {size} bytes, expected {part.blob.size}")
                if not part.offset:
                    part.restart(None)
                handle.seek(part.offset)
                self._copy(run, part, handle.read, limited=False)
            except OSError as exc:
                raise NetworkFailure(f"{path}: {exc.strerror or exc}", kind=None) from None

    def _copy(
        self,
        run: Run,
        part: Part,
        read: Callable[[int], bytes],
        *,
        limited: bool,
        on_rate: Callable[[float], None] | None = None,
    ) -> None:
        """Pump bytes into the part, hashing, rate-limiting (network only: a USB stick is not
        capped) and checkpointing as they come. `on_rate` hears every change of the cap."""
        opts = self.options
        limiter = self.limiter if limited else RateLimiter(0)
        next_check = time.monotonic() + opts.gate_poll_seconds
        rate = -1.0
        while True:
            if run.halted():
                raise Halted
            if on_rate is not None and limiter.rate != rate:
                rate = limiter.rate
                on_rate(rate)
            data = read(limiter.chunk_size(opts.chunk_size))
            if not data:
                if run.halted():  # a pause shut the connection: the end may be a false one
                    raise Halted
                return
            part.write(data)
            run.add_fetched(len(data))
            limiter.consume(len(data), run.cancel)
            now = time.monotonic()
            if now >= part.next_checkpoint:
                part.checkpoint()
            if now >= next_check:
                next_check = now + opts.gate_poll_seconds
                if self.gate() is not None:
                    run.gate_closed = True
                    raise Halted


def _check_content_range(response: requests.Response, part: Part, url: str) -> None:
    value = response.headers.get("Content-Range", "")
    try:
        unit, _, rest = value.partition(" ")
        span, _, total = rest.partition("/")
        first = int(span.split("-")[0])
        if unit != "bytes":
            raise ValueError
    except ValueError:
        raise NetworkFailure(
            f"{url}: unusable Content-Range {value!r}", kind=FailureKind.SERVER
        ) from None
    if total not in ("*", str(part.blob.size)):
        raise Mismatch(f"server has {total} bytes, expected {part.blob.size}")
    if first != part.offset:
        raise NetworkFailure(
            f"{url}: asked for byte {part.offset}, got {value!r}", kind=FailureKind.SERVER
        )
