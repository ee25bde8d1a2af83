"""A downloading process for the kill tests and the benchmark: runs sync.download directly.

`python -m tests.e2e.downloads.driver SOURCE ROOT DB BLOBS_JSON [--rate B/s] [--parallel N]`
prints `progress <done bytes>` lines (flushed), then `result <state> <fetched> <reused>
<seconds>`, and exits 0 when every blob is in the store.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from sync.download import Downloader
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import BlobSpec, DownloadState, DownloadStore
from sync.http import make_session
from sync.ratelimit import RateLimiter


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("root", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("blobs", type=Path, help="JSON list of [sha256, size]")
    parser.add_argument("--rate", type=float, default=0)
    parser.add_argument("--parallel", type=int, default=3)
    parser.add_argument("--id", default="course@1")
    parser.add_argument("--progress-interval", type=float, default=0.02)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    blobs = [BlobSpec(sha, size) for sha, size in json.loads(args.blobs.read_text())]
    store = DownloadStore.open(args.db, create=True)
    options = DownloadOptions(parallel=args.parallel, progress_interval=args.progress_interval)
    with make_session("driver") as session:
        engine = Downloader(
            args.root,
            store,
            session,
            limiter=RateLimiter(args.rate),
            options=options,
            is_local=lambda source: False,  # nginx on 127.0.0.1 stands for the internet: capped
        )

        printing = threading.Lock()  # callbacks come from several threads

        def progress(p: DownloadProgress) -> None:
            if not args.quiet:
                with printing:
                    sys.stdout.write(f"progress {p.done_bytes}\n")
                    sys.stdout.flush()

        started = time.perf_counter()
        result = engine.run(args.id, args.source, blobs, progress=progress)
        seconds = time.perf_counter() - started
    print(
        f"result {result.state} {result.fetched_bytes} {result.reused_bytes} {seconds:.6f}",
        flush=True,
    )
    if result.state is not DownloadState.COMPLETED:
        print(f"driver: {result.error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
