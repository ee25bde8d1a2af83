"""Run benchmarks by name (all when none given) and print one line per figure."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import NoReturn

import benchmarks

SKIP = {"common"}


def available() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if not info.name.startswith("_") and info.name not in SKIP
    )


class Parser(argparse.ArgumentParser):
    """argparse's exit status 2, but one line that names the benchmarks there are (argparse
    prints its usage line first, which does not)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}; known: {', '.join(available())}\n")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {available()})")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(map(repr, unknown))}")
    missed = 0
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        for figure in module.run():
            print(figure.line(), flush=True)
            missed += figure.met is False
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
