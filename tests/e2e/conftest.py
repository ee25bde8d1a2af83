"""Real servers for the end-to-end tests: Ralph's LRS and its xAPI validator.

Ralph lives in its own virtual environment, `.venv-ralph`, made by packaging/install-ralph.sh.
A missing venv fails the tests that need it (never a skip: a skipped sync test hides a broken
sync). Fixtures:

- `ralph`: one Ralph per test session (`RalphServer`), Basic auth, empty at start. Tests share
  it, so each test uses fresh statement ids and its own actor, and filters what it reads back.
- `ralph_factory`: starts another, private Ralph (e.g. to kill it or to count everything in it).
- `ralph_statements`: `read(server=None) -> list[dict]`, every statement Ralph holds, all pages.
- `ralph_validate`: `validate(statements) -> list[str]`, `ralph validate -f xapi`'s errors.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests import children

REPO = Path(__file__).resolve().parents[2]
RALPH_VENV = REPO / ".venv-ralph"
RALPH_PYTHON = RALPH_VENV / "bin" / "python"
RALPH_CLI = RALPH_VENV / "bin" / "ralph"
LAUNCHER = Path(__file__).with_name("ralph_launcher.py")
START_TIMEOUT_S = 60.0
PAGE_LIMIT = 100  # Ralph's RUNSERVER_MAX_SEARCH_HITS_COUNT: it never returns more per page.
MAX_PAGES = 100_000


@dataclass(frozen=True)
class RalphServer:
    """A running Ralph LRS: `url` is the xAPI base (ends with /xAPI/), as a learner would set it."""

    url: str
    username: str
    password: str
    data_dir: Path

    @property
    def statements_url(self) -> str:
        return urljoin(self.url, "statements")

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)

    @property
    def grader_auth(self) -> tuple[str, str]:
        """The institution's grader (ralph_launcher.GRADER): grades are posted with it."""
        return ("grader", self.password)


class RalphProcess:
    """One launcher process; its stderr goes to a file so a chatty server never blocks."""

    def __init__(self, data_dir: Path, username: str = "cartable") -> None:
        self._require_venv()
        data_dir.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.server = RalphServer(
            url=f"http://127.0.0.1:{self.port}/xAPI/",
            username=username,
            password=secrets.token_urlsafe(16),
            data_dir=data_dir,
        )
        self.stderr_path = data_dir / "ralph.stderr.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env["CARTABLE_RALPH_PASSWORD"] = self.server.password
        with self.stderr_path.open("wb") as stderr:
            self.process: subprocess.Popen[bytes] = children.popen(
                [
                    str(RALPH_PYTHON),
                    str(LAUNCHER),
                    "--data-dir",
                    str(data_dir),
                    "--port",
                    str(self.port),
                    "--username",
                    username,
                ],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                env=env,
                cwd=data_dir,
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def _require_venv() -> None:
        if not RALPH_PYTHON.exists() or not RALPH_CLI.exists():
            pytest.fail(
                f"Ralph is not installed: {RALPH_VENV} is missing. "
                "Run packaging/install-ralph.sh first.",
                pytrace=False,
            )

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"Ralph exited with code {self.process.returncode} before answering "
                    f"on port {self.port}. Its output:\n{self.output()}",
                    pytrace=False,
                )
            try:
                answer = requests.get(
                    self.server.statements_url,
                    params={"limit": 1},
                    auth=self.server.auth,
                    headers={"X-Experience-API-Version": "1.0.3"},
                    timeout=2,
                )
                if answer.status_code == 200:
                    return
                last_error = f"HTTP {answer.status_code}: {answer.text[:300]}"
            except requests.RequestException as error:
                last_error = repr(error)
            time.sleep(0.1)
        pytest.fail(
            f"Ralph did not answer GET {self.server.statements_url} within {START_TIMEOUT_S:.0f} s "
            f"(last: {last_error}). Its output:\n{self.output()}",
            pytrace=False,
        )

    def output(self) -> str:
        try:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError as error:
            return f"(could not read {self.stderr_path}: {error})"

    def stop(self) -> None:
        children.stop(self.process, grace=10)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_all_statements(server: RalphServer, params: dict[str, str] | None = None) -> list[dict]:
    """Every statement the server holds (matching `params`), following `more` page by page."""
    headers = {"X-Experience-API-Version": "1.0.3"}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server.url))
    url: str | None = server.statements_url
    query: dict[str, str] | None = {"limit": str(PAGE_LIMIT), **(params or {})}
    statements: list[dict] = []
    seen_pages: set[str] = set()
    for _ in range(MAX_PAGES):
        if url is None:
            return statements
        answer = requests.get(url, params=query, auth=server.auth, headers=headers, timeout=30)
        assert answer.status_code == 200, f"GET {url}: HTTP {answer.status_code} {answer.text}"
        page = answer.json()
        assert len(page["statements"]) <= PAGE_LIMIT, "Ralph returned more than a page"
        statements.extend(page["statements"])
        more = page.get("more") or None
        if more is not None:
            assert more not in seen_pages, f"Ralph's `more` loops: {more}"
            seen_pages.add(more)
            url, query = urljoin(origin, more), None
        else:
            url = None
    raise AssertionError(f"more than {MAX_PAGES} pages of statements")


_LOG_RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?P<level>[A-Z]+) +(?P<logger>\S+) (?P<message>.*)$"
)
_RAISED = re.compile(r"^Raised error: (?P<error>.*), for event : (?P<event>.*)$", re.DOTALL)


def _log_records(stderr: str) -> list[tuple[str, str, str]]:
    """Split Ralph's log output into (level, logger, message) records, multi-line included."""
    records: list[tuple[str, str, str]] = []
    for line in stderr.splitlines():
        match = _LOG_RECORD.match(line)
        if match:
            records.append((match["level"], match["logger"], match["message"]))
        elif records:
            level, logger, message = records[-1]
            records[-1] = (level, logger, f"{message}\n{line}")
    return records


def validate_with_ralph(statements: list[dict]) -> list[str]:
    """Run `ralph validate -f xapi` on the statements; return one error per failing statement.

    Ralph only validates statements that match one of its profile models (video, virtual
    classroom, ...) and silently lets through the others. Here a statement no model matches is
    an error too, so a `played` statement that misses its profile's selector cannot pass by
    accident. Errors read `statement N: ...` with N the index in `statements`.
    """
    RalphProcess._require_venv()
    lines = [json.dumps(statement) for statement in statements]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    done = subprocess.run(
        [str(RALPH_CLI), "-v", "DEBUG", "validate", "-f", "xapi", "--ignore-errors"],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"ralph validate exited with {done.returncode}:\n{done.stderr}")
    records = [r for r in _log_records(done.stderr) if r[1] == "ralph.models.validator"]
    errors: list[str] = []
    unmatched = list(range(len(lines)))
    for (level, _, summary), (_, _, detail) in pairwise(records):
        raised = _RAISED.match(detail)
        if level != "ERROR" or raised is None:
            continue
        event = raised["event"].strip()
        index = next((i for i in unmatched if lines[i] == event), None)
        if index is None:
            raise AssertionError(f"ralph validate reported an event we did not send: {event}")
        unmatched.remove(index)
        reason = raised["error"] if raised["error"] != "None" else ""
        reason = "\n".join(
            line for line in reason.splitlines() if "errors.pydantic.dev" not in line
        )
        statement = statements[index]
        verb = statement.get("verb", {}).get("id") if isinstance(statement, dict) else None
        errors.append(f"statement {index} (verb {verb}): {summary} {reason}".strip())
    valid = [line for line in done.stdout.splitlines() if line.strip()]
    if len(valid) + len(errors) != len(lines):
        raise AssertionError(
            f"ralph validate: {len(lines)} statements in, {len(valid)} valid and {len(errors)} "
            f"errors out:\n{done.stderr}"
        )
    return errors


@pytest.fixture(scope="session")
def ralph_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], RalphServer]]:
    """Start private Ralph servers on demand; all are stopped at the end of the session."""
    processes: list[RalphProcess] = []

    def start() -> RalphServer:
        process = RalphProcess(tmp_path_factory.mktemp("ralph"))
        processes.append(process)
        return process.server

    yield start
    for process in processes:
        process.stop()


@pytest.fixture(scope="session")
def ralph(ralph_factory: Callable[[], RalphServer]) -> RalphServer:
    """The session's Ralph LRS on 127.0.0.1, shared by the tests."""
    return ralph_factory()


@pytest.fixture(scope="session")
def ralph_statements(request: pytest.FixtureRequest) -> Callable[..., list[dict]]:
    """`read(server=None, params=None)`: all statements in Ralph (the session's by default)."""

    def read(server: RalphServer | None = None, params: dict[str, str] | None = None) -> list[dict]:
        return read_all_statements(server or request.getfixturevalue("ralph"), params)

    return read


@pytest.fixture(scope="session")
def ralph_validate() -> Callable[[list[dict]], list[str]]:
    """`validate(statements) -> list[str]`: `ralph validate -f xapi` errors, [] when all pass."""
    return validate_with_ralph
