"""No module of player/ui but layouts.py adds a layout or a layout item to a layout: the GC crash
(SIGSEGV in QBoxLayout::~QBoxLayout, 9e96a93) stays fixed at its root, not by the order the
cyclic collector happens to take (player/ui/layouts.py says why).

`addLayout`, `insertLayout` give a Python wrapper to every item already in the layout they add;
`addItem`, `insertItem`, `addSpacerItem`, `insertSpacerItem` to the item they add; `itemAt` to
the item it returns. The first two are refused on any receiver: a layout is nested with
`layouts.nested`, empty, and filled after. The others are refused unless the module shows that
their receiver is no layout (a combo box, a list widget, a scene): assigned from a constructor
or a function whose return type is known, annotated, or `self` in a class that is no layout.

A form's `addRow`/`insertRow`/`setLayout(row, role, layout)` and a widget's `setLayout` are not
refused: given a filled layout they make no wrapper (measured with PySide 6, kept so by
test_a_form_row_or_a_widget_given_a_filled_layout_wraps_none_of_its_items in
tests/ui/test_layout_items_unwrapped.py); the code base gives them widgets and texts today.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "player" / "ui"
ALLOWED = Path("player", "ui", "layouts.py")  # from the root scanned

NESTING = ("addLayout", "insertLayout")
"""Refused on any receiver: they wrap the items of the layout they add."""
ITEM_CALLS = ("addItem", "insertItem", "addSpacerItem", "insertSpacerItem", "itemAt")
"""Refused unless the receiver is known to be no layout (combo boxes, lists, scenes have some)."""


def _names(node: ast.AST | None) -> set[str]:
    """The class names an annotation or a callee names: `QComboBox | None` -> {QComboBox}."""
    if node is None:
        return set()
    found: set[str] = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            found.add(part.id)
        elif isinstance(part, ast.Attribute):
            found.add(part.attr)
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            with contextlib.suppress(SyntaxError):
                found |= _names(ast.parse(part.value, mode="eval"))  # "QWidget | None"
    return found - {"None", "list", "tuple", "dict", "set", "Sequence", "Iterable"}


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _key(target: ast.AST) -> str | None:
    """A plain name as itself, an attribute (self.x, row.x) as ".x"."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return "." + target.attr
    return None


class Project:
    """What the modules tell of their classes, functions and attributes' types."""

    def __init__(self, trees: dict[Path, ast.Module]) -> None:
        self.bases: dict[str, set[str]] = {}
        self.returns: dict[str, set[str]] = {}
        self.attributes: dict[str, set[str]] = {}  # ".x": across modules (pages, mixins)
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self.bases.setdefault(node.name, set()).update(
                        n for base in node.bases for n in _names(base)
                    )
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.returns.setdefault(node.name, set()).update(_names(node.returns))
        self.local = {path: self.kinds(tree) for path, tree in trees.items()}
        for found in self.local.values():
            for key, kinds in found.items():
                if key.startswith("."):
                    self.attributes.setdefault(key, set()).update(kinds)

    def value_kinds(self, value: ast.AST | None) -> set[str]:
        """The types an expression has: a constructor's class, a function's return type."""
        if not isinstance(value, ast.Call):
            return set()
        name = _callee(value)
        if name is None:
            return set()
        if name == "nested":
            return {"QLayout"}
        if name == "layout":  # widget.layout()
            return {"QLayout"}
        if self.returns.get(name):
            return self.returns[name]
        return {name} if name[:1].isupper() else set()

    def kinds(self, tree: ast.AST) -> dict[str, set[str]]:
        """Each name or attribute of a module: the types it is assigned or annotated with."""
        found: dict[str, set[str]] = {}

        def note(target: ast.AST, kinds: set[str]) -> None:
            key = _key(target)
            if key is not None and kinds:
                found.setdefault(key, set()).update(kinds)

        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    note(target, self.value_kinds(node.value))
            elif isinstance(node, ast.AnnAssign):
                note(node.target, _names(node.annotation) | self.value_kinds(node.value))
            elif isinstance(node, ast.arg):
                note(ast.Name(node.arg), _names(node.annotation))
        return found

    def is_layout(self, name: str, seen: frozenset[str] = frozenset()) -> bool:
        """A layout class (QVBoxLayout, QFormLayout...), or a class of ours deriving from one."""
        if name.endswith("Layout") or name == "QLayoutItem":
            return True
        return any(
            self.is_layout(base, seen | {name})
            for base in self.bases.get(name, ())
            if base not in seen
        )


def _calls(tree: ast.Module) -> Iterator[tuple[ast.ClassDef | None, ast.Call]]:
    """Every method call with the class it is written in (None outside any class)."""
    stack: list[tuple[ast.AST, ast.ClassDef | None]] = [(tree, None)]
    while stack:
        node, owner = stack.pop()
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield owner, node
        inner = node if isinstance(node, ast.ClassDef) else owner
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def layout_calls(files: Iterable[Path], root: Path) -> list[str]:
    """`file:line: why` for each call that may wrap a layout's items, in files other than
    player/ui/layouts.py."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in files}
    project = Project(trees)
    problems = []
    for path, tree in sorted(trees.items()):
        if path.relative_to(root) == ALLOWED:
            continue
        local = project.local[path]
        for owner, node in sorted(_calls(tree), key=lambda found: found[1].lineno):
            assert isinstance(node.func, ast.Attribute)
            method = node.func.attr
            where = f"{path.relative_to(root)}:{node.lineno}"
            if method in NESTING:
                problems.append(
                    f"{where}: .{method}() wraps every item of the layout it adds, which the "
                    "cyclic collector can then delete twice (SIGSEGV): nest it empty with "
                    "player.ui.layouts.nested, then fill it"
                )
            elif method in ITEM_CALLS:
                receiver = node.func.value
                if isinstance(receiver, ast.Name) and receiver.id == "self" and owner:
                    kinds = {owner.name}
                elif isinstance(receiver, ast.Call):
                    kinds = project.value_kinds(receiver)
                else:
                    key = _key(receiver)
                    kinds = set()
                    if key is not None:
                        kinds = local.get(key, set()) | project.attributes.get(key, set())
                if kinds and not any(project.is_layout(kind) for kind in kinds):
                    continue
                problems.append(
                    f"{where}: .{method}() on a layout gives its item a Python wrapper, which "
                    "the cyclic collector can then delete twice (SIGSEGV; player/ui/layouts.py): "
                    "use addWidget/addStretch/addSpacing, a layout nested with "
                    "player.ui.layouts.nested, or indexOf; if the receiver is no layout, let the "
                    "module show its type (assign it from its constructor, or annotate it)"
                )
    return problems


def test_no_module_of_player_ui_but_layouts_py_nests_a_layout_or_adds_an_item() -> None:
    found = layout_calls(UI.rglob("*.py"), ROOT)
    assert found == [], "\n".join(found)


def test_the_scan_finds_each_call_that_wraps_a_layout_s_items(tmp_path: Path) -> None:
    """The scan itself: what it refuses, and the receivers it lets through."""
    module = tmp_path / "view.py"
    module.write_text(
        "from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QSpacerItem\n"
        "from player.ui.layouts import nested\n"
        "class Row(QHBoxLayout):\n"
        "    def fill(self) -> None:\n"
        "        self.addItem(QSpacerItem(1, 1))\n"  # 5: a layout of ours
        "class Box(QComboBox):\n"
        "    def fill(self) -> None:\n"
        "        self.addItem('a', 1)\n"
        "def build(outer: QHBoxLayout, widget, given) -> None:\n"
        "    row = QHBoxLayout()\n"
        "    outer.addLayout(row)\n"  # 11
        "    outer.insertLayout(0, QHBoxLayout())\n"  # 12
        "    row.addItem(QSpacerItem(1, 1))\n"  # 13
        "    outer.insertSpacerItem(0, QSpacerItem(1, 1))\n"  # 14
        "    inner = nested(outer, QHBoxLayout())\n"
        "    inner.itemAt(0)\n"  # 16
        "    widget.layout().addItem(QSpacerItem(1, 1))\n"  # 17
        "    given.addItem('unknown receiver')\n"  # 18
        "    combo = QComboBox()\n"
        "    combo.addItem('a', 1)\n"
        "    combo.insertItem(0, 'b')\n"
        "    names = QListWidget()\n"
        "    names.addItem('a')\n"
        "    names.itemAt(0, 0)\n",
        encoding="utf-8",
    )
    found = layout_calls([module], tmp_path)
    assert [line.split(":")[1] for line in found] == ["5", "11", "12", "13", "14", "16", "17", "18"]
    assert all("player.ui.layouts.nested" in line for line in found)
    assert found[1].startswith("view.py:11: .addLayout() wraps every item")
