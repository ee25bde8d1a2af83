"""The download engine's tables, versioned like the outbox's (sync/outbox.py).

Standard library only and nothing else here: the store's migrations import it at every start.
`SCHEMA_V1` is run by the store's migration 4, `SCHEMA_V2` by its migration 7. Never edit them:
a change is a new `SCHEMA_V3` that a new migration runs, and `CURRENT` lists every version in
order (tests and tools).
"""

from __future__ import annotations

SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS download (
    id          TEXT PRIMARY KEY,            -- chosen by the caller, e.g. 'les-mooc@1.0.0'
    source      TEXT NOT NULL,               -- repository root: http(s) URL or folder
    state       TEXT NOT NULL,               -- DownloadState
    total_bytes INTEGER NOT NULL,
    error       TEXT,                        -- why failed / what it waits for
    meta        TEXT NOT NULL DEFAULT '{}',  -- caller's JSON (course id, version, manifest...)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS download_blob (
    download_id TEXT NOT NULL REFERENCES download(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',  -- BlobState
    attempts    INTEGER NOT NULL DEFAULT 0,       -- content mismatches so far
    PRIMARY KEY (download_id, sha256)
);
CREATE INDEX IF NOT EXISTS download_blob_by_sha256 ON download_blob(sha256);
CREATE TABLE IF NOT EXISTS download_part (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    done_bytes  INTEGER NOT NULL,   -- bytes fsynced in <blob root>/.partial/<sha256>.part
    validator   TEXT,               -- ETag or Last-Modified the bytes came with (If-Range)
    boot_id     TEXT,               -- boot during which done_bytes was recorded
    updated_at  TEXT NOT NULL
);
"""

# What a failed download failed on, as the engine knew it (sync.download_state.FailureKind), so
# the player words it for the learner without reading the English `error`. A table of its own,
# not a column: every version stays a script that may run twice (tools and tests create the
# tables on an existing file). A FAILED download without a row failed before this version.
SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS download_failure (
    download_id TEXT PRIMARY KEY REFERENCES download(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL                -- FailureKind
);
"""

#: Every version, in order: today's tables.
CURRENT = (SCHEMA_V1, SCHEMA_V2)
