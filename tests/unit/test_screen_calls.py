"""No code of ours but player/ui/screens.py asks a widget or a window for its screen (`.screen`):
PySide6 parents the QScreen wrapper that returns to the widget, and a garbage collection taking
the widget can then delete the application's screen (screens.py says how and holds the wrapper
so that it cannot; tests/ui/test_screens.py shows it). `screens.screen_of` answers instead. The
scan covers the player, the tests and the benchmarks, since a test's window dies in the same
collector as the player's."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("player", "tests", "benchmarks")
ALLOWED = Path("player", "ui", "screens.py")  # asks, and holds what it gets


def asks_for_a_screen(tree: ast.AST) -> list[int]:
    """The lines naming `.screen` on anything, called or not, or `getattr(x, "screen")`."""
    lines = []
    for node in ast.walk(tree):
        attribute = isinstance(node, ast.Attribute) and node.attr == "screen"
        by_name = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "attrgetter", "methodcaller"}
            and any(isinstance(a, ast.Constant) and a.value == "screen" for a in node.args)
        )
        if attribute or by_name:
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_every_way_of_asking() -> None:
    code = (
        "a = w.screen()\n"
        "b = w.windowHandle().screen().availableGeometry()\n"
        "ask = w.screen\n"
        "c = getattr(w, 'screen')()\n"
        "screen = screen_of(w)\n"  # a name, not the attribute: fine
        "d = screen.availableGeometry()\n"
    )
    assert sorted(asks_for_a_screen(ast.parse(code))) == [1, 2, 3, 4]


def test_no_module_asks_a_widget_for_its_screen() -> None:
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative == ALLOWED:
                continue
            for line in asks_for_a_screen(ast.parse(path.read_text(encoding="utf-8"))):
                found.append(f"{relative}:{line}")
    assert found == [], "use player.ui.screens.screen_of: " + ", ".join(found)
