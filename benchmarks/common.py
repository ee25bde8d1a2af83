"""The one line format every benchmark prints, and small measuring helpers."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Op = Literal["<=", ">=", ""]


@dataclass(frozen=True)
class Figure:
    """One measured figure. `reference` None prints `reference=- ratio=-`; the goal then applies
    to `ours` itself."""

    benchmark: str
    name: str
    ours: float
    unit: str
    reference: float | None = None
    op: Op = ""
    goal: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference == 0:
            return None
        return self.ours / self.reference

    @property
    def met(self) -> bool | None:
        if not self.op or self.goal is None:
            return None
        value = self.ratio if self.reference is not None else self.ours
        if value is None:
            return None
        return value <= self.goal if self.op == "<=" else value >= self.goal

    def line(self) -> str:
        ref = "-" if self.reference is None else f"{_fmt(self.reference)}{self.unit}"
        ratio = "-" if self.ratio is None else f"{self.ratio:.3f}"
        goal = f"{self.op}{_fmt(self.goal)}" if self.op and self.goal is not None else "-"
        verdict = {True: "met", False: "missed", None: "-"}[self.met]
        return (
            f"{self.benchmark}.{self.name} ours={_fmt(self.ours)}{self.unit} reference={ref} "
            f"ratio={ratio} goal={goal} {verdict}"
        )


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == int(value) and abs(value) < 1e12:
        return str(int(value))
    return f"{value:.4g}"


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def median_time(func: Callable[[], object], repeat: int = 5) -> float:
    return statistics.median(timed(func) for _ in range(repeat))


@dataclass(frozen=True)
class ProcessResult:
    seconds: float
    peak_rss_mb: float
    stdout: str


_PYCACHE = Path(tempfile.gettempdir()) / "cartable-bench-pycache"


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured child: bytecode caching on (in a cache folder of its own),
    as for an installed program, whatever PYTHONDONTWRITEBYTECODE the calling shell has."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    env.update(extra or {})
    return env


def run_measured(
    argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> ProcessResult:
    """Run a child process; wall time and its peak resident memory (ru_maxrss of the child)."""
    script = (
        "import resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
        "dt=time.perf_counter()-t\n"
        "sys.stderr.write(p.stderr)\n"
        "if p.returncode: sys.exit(p.returncode)\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(p.stdout, end='')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        env=child_environment(env),
        cwd=cwd,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"{argv[0]} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    first, _, rest = proc.stdout.partition("\n")
    seconds, rss_kb = first.split()
    return ProcessResult(float(seconds), int(rss_kb) / 1024, rest)


def self_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
