"""`cartable` / `python -m player`: no arguments opens the player; sub-commands run headless.

Each headless job is one module in player/commands/ exposing `register(subparsers)`; it sets
`func(args) -> int` on its parser. Errors the user can act on are printed as one line.
"""

from __future__ import annotations

import sys

#: What a Ctrl+C says, at whatever point of a start or a command it comes (exit code 130).
INTERRUPTED = "cartable: interrupted"

try:  # `python -m player` runs these before main(), a Ctrl+C then as quiet as after
    import gc
    import logging
    from collections.abc import Sequence
    from typing import TYPE_CHECKING

    from player import __version__
    from player.closed_pipe import closed_output, flushed
except KeyboardInterrupt:
    print(INTERRUPTED, file=sys.stderr)
    sys.exit(130)

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from player.commands import command_modules

    parser = argparse.ArgumentParser(
        prog="cartable",
        description="Cartable, the offline course player. Without a command, opens the player.",
    )
    parser.add_argument("--version", action="version", version=f"cartable {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation works (offscreen), then exit; same as `cartable self-test`",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def _open_window(argv: list[str]) -> int:
    """The player's window. The cyclic collector is off from here: the window's own collector
    (player/ui/ui_thread_gc.py) takes over on the UI thread once the application exists, and
    before that a start allocates some 35,000 long-lived objects (modules, classes, Qt's enums)
    that 58 automatic collections walked for nothing (8 to 40 ms before the library showed).
    A Ctrl+C while its modules load (Qt's take a second or more on a slow laptop) or before the
    window shows ends it in one line, as it does a command: it printed a traceback."""
    gc.disable()
    try:
        from player.app import run_gui
        from player.ui.pyside_import_hook import check_sources_from_bytes

        check_sources_from_bytes()  # after player.app, which loads no Qt: 8 to 25 ms of a start
        return run_gui(argv, INTERRUPTED)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130


def _escape_unencodable() -> None:
    """A command's output: what its encoding cannot write escaped (`\\u674e`), not an error. A
    stdout that is no UTF-8 (Windows' cp1252 in a pipe or `> sync.log`, PYTHONIOENCODING) raised
    UnicodeEncodeError on a profile named 'Awa 李': `sync` said it failed though its statements
    were sent, `profiles list` and `account show` ended there."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None: closed, or not a text file
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """The command's exit code; a reader of its output that stopped (`| head`) ends it quietly
    with CLOSED_PIPE_EXIT (player/closed_pipe.py), whatever the command."""
    try:
        return flushed(_main(argv))
    except BrokenPipeError:
        return closed_output()


def _main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        # A plain launch goes straight to the window: the headless commands, argparse and what
        # they import are not loaded at all, which saves a tenth of a second on a slow laptop.
        return _open_window([])
    try:  # importing every command takes a second on a slow laptop: a Ctrl+C then too
        parser = build_parser()
        args = parser.parse_args(args_list)
        if args.self_test:
            args = parser.parse_args(["self-test"])
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    if args.command is None:
        return _open_window(args_list)  # Qt is imported only when a window is wanted
    _escape_unencodable()
    from player.commands import CommandError, os_failure
    from player.logfile import terminal_handler

    # Warnings on stderr; a command that keeps the log file (`logfile.headless_log`) turns them
    # into one line each, the traceback going to the file.
    logging.basicConfig(level=logging.WARNING, handlers=[terminal_handler()])
    try:
        return int(args.func(args))
    except CommandError as exc:
        print(f"cartable: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output's reader stopped: `main`'s, not a disk's failure
        raise
    except OSError as exc:  # a folder, a disk or a lock no command expected to fail: its path
        from player.branding import product_name_or_plain
        from player.wording import named

        product = named(product_name_or_plain(), sys.stderr)
        print(f"cartable: {os_failure(exc, product)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, the traceback in the log file
        if _not_utf8(exc):
            print(NOT_UTF8, file=sys.stderr)
        else:
            print(f"cartable: {_unexpected(args, exc)}", file=sys.stderr)
        return 1


#: Bytes of argv or stdin that are no UTF-8 (a Latin-1 terminal) are surrogates in Python's
#: text, which cannot be saved: it is the user's terminal, not a bug of ours.
NOT_UTF8 = "cartable: a name or secret given is not UTF-8 text (set the terminal to UTF-8)"


def _not_utf8(error: Exception) -> bool:
    return isinstance(error, UnicodeEncodeError) and "surrogates" in error.reason


def _unexpected(args: argparse.Namespace, error: Exception) -> str:
    from player.logfile import logged_failure
    from player.paths import user_paths

    what = " ".join(str(a) for a in (args.command, getattr(args, "action", None)) if a)
    return logged_failure(user_paths().logs, error, what)


if __name__ == "__main__":
    sys.exit(main())
