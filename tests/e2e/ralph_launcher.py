"""Start Ralph's LRS on 127.0.0.1 for the end-to-end tests.

Run with the Ralph venv's python (`.venv-ralph/bin/python`), never with the project's: Ralph and
its pinned dependencies live there. Ralph 5.x's `fs` LRS backend writes with a CREATE operation,
so every POST after the first fails with a 500; we switch the backend's default operation to
APPEND before `ralph.api.app` builds its backend client (and fix its verb/activity filters, see
`patch_fs_backend`). Basic auth credentials are written with
Ralph's own models and bcrypt, exactly as `ralph auth -w` writes them, so the password never
appears on a command line.

Usage: ralph_launcher.py --data-dir DIR --port N [--username NAME]
       with the password in the environment variable CARTABLE_RALPH_PASSWORD.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PASSWORD_ENV = "CARTABLE_RALPH_PASSWORD"
DATA_DIR_ENV = "CARTABLE_RALPH_DATA_DIR"


def configure_environment(data_dir: Path) -> None:
    """Point every file Ralph touches into data_dir; must run before importing ralph."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "RALPH_APP_DIR": str(data_dir),
            "RALPH_AUTH_FILE": str(data_dir / "auth.json"),
            "RALPH_HISTORY_FILE": str(data_dir / "history.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir / "lrs"),
        }
    )
    # A developer's shell may carry settings that would change Ralph's answers.
    for name in ("RALPH_SENTRY_DSN", "RALPH_LRS_RESTRICT_BY_SCOPES", "RALPH_XAPI_FORWARDINGS"):
        os.environ.pop(name, None)


#: The institution's grader: its own account, as a real deployment has (a grade written with
#: a learner's credentials is not a grade).
GRADER = "grader"


def write_auth_file(path: Path, usernames: list[str], password: str) -> None:
    """Write Ralph's Basic auth file: these users, every scope, one password."""
    import bcrypt
    from ralph.api.auth.basic import ServerUsersCredentials, UserCredentials

    users = [
        UserCredentials(
            username=username,
            hash=bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=4)).decode(),
            scopes=["all"],
            agent={
                "objectType": "Agent",
                "account": {"homePage": "http://127.0.0.1", "name": username},
            },
        ).model_dump(mode="json")
        for username in usernames
    ]
    credentials = ServerUsersCredentials.model_validate(users)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(credentials.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(path)


def patch_fs_backend() -> None:
    """Fix the two faults of Ralph 5.1.0's fs LRS backend that no real deployment has.

    1. It writes with CREATE, so only the first POST succeeds: make it APPEND.
    2. The API turns `verb` and `activity` query parameters into pydantic `IRI` objects, which
       never equal the strings in stored statements, so GET ?verb=... always returned nothing:
       compare their string values (as the Elasticsearch and Mongo backends effectively do).
    """
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    by_verb = FSLRSBackend._add_filter_by_verb
    by_activity = FSLRSBackend._add_filter_by_activity

    def add_filter_by_verb(filters: list, verb_id: object) -> None:
        by_verb(filters, None if verb_id is None else str(verb_id))

    def add_filter_by_activity(filters: list, object_id: object, related: object) -> None:
        by_activity(filters, None if object_id is None else str(object_id), related)

    FSLRSBackend._add_filter_by_verb = staticmethod(add_filter_by_verb)
    FSLRSBackend._add_filter_by_activity = staticmethod(add_filter_by_activity)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Ralph's LRS (fs backend) on 127.0.0.1.")
    parser.add_argument("--data-dir", type=Path, default=os.environ.get(DATA_DIR_ENV))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--username", default="cartable")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    if args.data_dir is None:
        parser.error(f"--data-dir or {DATA_DIR_ENV} is required")
    password = os.environ.get(PASSWORD_ENV)
    if not password:
        parser.error(f"the password must be given in {PASSWORD_ENV}")

    data_dir = args.data_dir.resolve()
    configure_environment(data_dir)
    write_auth_file(data_dir / "auth.json", [args.username, GRADER], password)
    patch_fs_backend()

    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level=args.log_level, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
