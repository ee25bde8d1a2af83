"""No module of player/ui but layouts.py adds a layout or a layout item to a layout: the GC crash
(SIGSEGV in QBoxLayout::~QBoxLayout, 9e96a93) stays fixed at its root, not by the order the
cyclic collector happens to take (player/ui/layouts.py says why). And no module but
combo_popup.py makes a bare QComboBox: its open list is cut at the box's width (ChoiceBox).

`addLayout`, `insertLayout` give a Python wrapper to every item already in the layout they add;
`addItem`, `insertItem`, `addSpacerItem`, `insertSpacerItem` to the item they add; `itemAt`,
`itemAtPosition` to the item they return. The first two are refused on any receiver, called
or not (an alias `add = row.addLayout`, `partial(row.addLayout, ...)`, `getattr(row,
"addLayout")`, the name as a string anywhere): a layout is nested with `layouts.nested`, empty,
and filled after. The others are refused unless the code shows that their receiver is no layout
(a combo box, a list widget, a scene). Names are typed per function, the way Python binds them:
a parameter's annotation, an assignment from a constructor or from a function whose return type
is known; a name also bound where the scan cannot type it (a loop, unpacking, `with ... as`) is
unknown, so refused. `self` is its class; `self.x` is typed from the class (and its bases) alone:
a class attribute's annotation, or every `self.x = ...` of its methods, all typed.

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
COMBO_ALLOWED = Path("player", "ui", "combo_popup.py")

NESTING = ("addLayout", "insertLayout")
"""Refused on any receiver: they wrap the items of the layout they add."""
ITEM_CALLS = (
    "addItem",
    "insertItem",
    "addSpacerItem",
    "insertSpacerItem",
    "itemAt",
    "itemAtPosition",
)
"""Refused unless the receiver is known to be no layout (combo boxes, lists, scenes have some)."""

Kinds = frozenset[str] | None
"""The class names an expression may have; None when the scan cannot tell."""
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


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


def _union(kinds: Iterable[Kinds]) -> Kinds:
    """All of them, or None when any is unknown."""
    found: set[str] = set()
    for one in kinds:
        if one is None:
            return None
        found |= one
    return frozenset(found)


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `node`'s scope: a nested function, lambda or class is yielded (its name is
    bound here) but not entered."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        child = todo.pop()
        yield child
        if not isinstance(child, (*_SCOPES, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(child))


def _target_names(target: ast.AST) -> Iterator[str]:
    for part in ast.walk(target):
        if isinstance(part, ast.Name):
            yield part.id


class _Binding:
    """One way a name (or `self.x`) gets its value: an annotation, a value read in a scope, or
    neither (a loop variable, an unpacked value...: unknown)."""

    def __init__(
        self, scope: Scope, annotation: ast.AST | None = None, value: ast.AST | None = None
    ) -> None:
        self.scope = scope
        self.annotation = annotation
        self.value = value


class Scope:
    """A module, function or lambda: the names it binds, read the way Python reads them."""

    def __init__(self, project: Project, node: ast.AST, parent: Scope | None) -> None:
        self.project = project
        self.node = node
        self.parent = parent
        self.bindings: dict[str, list[_Binding]] = {}
        self.own = list(_own_nodes(node))

    def bind(
        self, name: str, annotation: ast.AST | None = None, value: ast.AST | None = None
    ) -> None:
        self.bindings.setdefault(name, []).append(_Binding(self, annotation, value))

    def read_bindings(self, method_of: str | None) -> None:
        node = self.node
        if isinstance(node, _SCOPES):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            for index, arg in enumerate(every):
                if index == 0 and method_of is not None:
                    self.bindings[arg.arg] = [_Binding(self, ast.Name(method_of))]
                else:
                    self.bind(arg.arg, arg.annotation)
            for arg in (arguments.vararg, arguments.kwarg):
                if arg is not None:
                    self.bind(arg.arg)
        for part in self.own:
            if isinstance(part, ast.Assign):
                for target in part.targets:
                    if isinstance(target, ast.Name):
                        self.bind(target.id, value=part.value)
                    else:
                        for name in _target_names(target):
                            self.bind(name)  # unpacked, or a subscript's index: unknown
            elif isinstance(part, ast.AnnAssign) and isinstance(part.target, ast.Name):
                self.bind(part.target.id, part.annotation, part.value)
            elif isinstance(part, ast.NamedExpr):
                self.bind(part.target.id, value=part.value)
            elif isinstance(part, ast.AugAssign | ast.For | ast.AsyncFor | ast.comprehension):
                for name in _target_names(part.target):
                    self.bind(name)
            elif isinstance(part, ast.withitem) and part.optional_vars is not None:
                for name in _target_names(part.optional_vars):
                    self.bind(name)
            elif isinstance(
                part,
                ast.ExceptHandler
                | ast.MatchAs
                | ast.MatchStar
                | ast.FunctionDef
                | ast.AsyncFunctionDef
                | ast.ClassDef,
            ):
                if part.name:
                    self.bind(part.name)
            elif isinstance(part, ast.Import | ast.ImportFrom):
                for alias in part.names:
                    self.bind((alias.asname or alias.name).split(".")[0])

    def name_kinds(self, name: str, seen: frozenset[object]) -> Kinds:
        """What a name read here may be: bound here, else in an enclosing function or the
        module (a class body's names are not seen from its methods)."""
        scope: Scope | None = self
        while scope is not None and name not in scope.bindings:
            scope = scope.parent
        if scope is None or (id(scope), name) in seen:
            return None
        return self.project.bound_kinds(scope.bindings[name], seen | {(id(scope), name)})


class Project:
    """What the modules tell of their classes, functions and names' types."""

    def __init__(self, trees: dict[Path, ast.Module]) -> None:
        self.bases: dict[str, set[str]] = {}
        self.returns: dict[str, set[str]] = {}
        self.untyped_returns: set[str] = set()
        self.attributes: dict[str, dict[str, list[_Binding]]] = {}  # class -> "x" -> bindings
        self.scopes: dict[int, Scope] = {}  # by id() of a module, function or lambda node
        self.class_scopes: dict[int, Scope] = {}  # by id() of a class: where it is written
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self.bases.setdefault(node.name, set()).update(
                        n for base in node.bases for n in _names(base)
                    )
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.returns.setdefault(node.name, set()).update(_names(node.returns))
                    if node.returns is None:
                        self.untyped_returns.add(node.name)
            self._read_scope(tree, None, None)
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self._read_class(node)

    def _read_scope(self, node: ast.AST, parent: Scope | None, method_of: str | None) -> None:
        scope = Scope(self, node, parent)
        scope.read_bindings(method_of)
        self.scopes[id(node)] = scope
        self._read_parts(scope.own, scope)

    def _read_parts(self, parts: Iterable[ast.AST], scope: Scope) -> None:
        for part in parts:
            if isinstance(part, _SCOPES):
                self._read_scope(part, scope, None)
            elif isinstance(part, ast.ClassDef):
                self.class_scopes[id(part)] = scope
                for item in part.body:
                    if isinstance(item, _SCOPES):
                        static = any("staticmethod" in _names(d) for d in item.decorator_list)
                        self._read_scope(item, scope, None if static else part.name)
                    else:  # the class body's statements: a method does not see their names
                        nested = isinstance(item, ast.ClassDef)
                        self._read_parts([item] if nested else [item, *_own_nodes(item)], scope)

    def _read_class(self, node: ast.ClassDef) -> None:
        """`x: T` in the class body, and `self.x = ...` in its methods (their first parameter)."""
        found = self.attributes.setdefault(node.name, {})
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                outer = self.class_scopes[id(node)]
                found.setdefault(item.target.id, []).append(
                    _Binding(outer, item.annotation, item.value)
                )
            elif isinstance(item, ast.Assign):
                outer = self.class_scopes[id(node)]
                for target in item.targets:
                    for name in _target_names(target):
                        value = item.value if isinstance(target, ast.Name) else None
                        found.setdefault(name, []).append(_Binding(outer, value=value))
            elif isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                first = [*item.args.posonlyargs, *item.args.args][:1]
                if not first or not self.scopes[id(item)].bindings[first[0].arg][0].annotation:
                    continue
                for inner in ast.walk(item):  # the method and the functions written in it
                    if isinstance(inner, _SCOPES):
                        scope = self.scopes[id(inner)]
                        for part in scope.own:
                            _read_attribute(part, first[0].arg, found, scope)

    def value_kinds(self, value: ast.AST | None, scope: Scope, seen: frozenset[object]) -> Kinds:
        """The types an expression has: a constructor's class, a function's return type, a
        name's or an attribute's; None when the scan cannot tell."""
        if isinstance(value, ast.Constant) and value.value is None:
            return frozenset()  # no layout, whatever it becomes
        if isinstance(value, ast.IfExp):
            return _union(self.value_kinds(v, scope, seen) for v in (value.body, value.orelse))
        if isinstance(value, ast.BoolOp):
            return _union(self.value_kinds(v, scope, seen) for v in value.values)
        if isinstance(value, ast.Name):
            return scope.name_kinds(value.id, seen)
        if isinstance(value, ast.Attribute):
            owners = self.value_kinds(value.value, scope, seen)
            if not owners:
                return None
            return _union(self.attribute_kinds(o, value.attr, seen) for o in owners)
        if not isinstance(value, ast.Call):
            return None
        name = _callee(value)
        if name is None:
            return None
        if name in ("nested", "layout"):  # layouts.nested(...), widget.layout()
            return frozenset({"QLayout"})
        if name == "cast" and value.args:
            return frozenset(_names(value.args[0])) or None
        if name in self.returns and name not in self.untyped_returns:
            return frozenset(self.returns[name]) or None
        return frozenset({name}) if name[:1].isupper() else None

    def bound_kinds(self, bindings: list[_Binding], seen: frozenset[object]) -> Kinds:
        """A name's (or an attribute's) types: its annotations if any (and what it is given),
        else what every binding gives it, None if one cannot be told."""
        declared = {n for b in bindings for n in _names(b.annotation)}
        given = [
            self.value_kinds(b.value, b.scope, seen) if b.value is not None else None
            for b in bindings
            if b.value is not None or not b.annotation
        ]
        if declared:
            return frozenset(declared.union(*(g for g in given if g is not None)))
        kinds = _union(given)
        return kinds or None

    def attribute_kinds(self, owner: str, attr: str, seen: frozenset[object]) -> Kinds:
        """`x.attr`'s types, `x` being of class `owner`: bound in that class, else in its bases
        (ours); None for a class we do not write (Qt's) or an attribute it never binds."""
        if (owner, attr) in seen:
            return None
        seen = seen | {(owner, attr)}
        bindings = self.attributes.get(owner, {}).get(attr)
        if bindings:  # and what a subclass binds it to: `self` may be one of its objects
            below = [
                b for sub in self.subclasses(owner) for b in self.attributes[sub].get(attr, [])
            ]
            return self.bound_kinds(bindings + below, seen)
        found = [self.attribute_kinds(base, attr, seen) for base in self.bases.get(owner, ())]
        return next((kinds for kinds in found if kinds is not None), None)

    def subclasses(self, name: str) -> set[str]:
        """Our classes deriving from `name`, directly or not."""
        found: set[str] = set()
        todo = [name]
        while todo:
            base = todo.pop()
            for sub, bases in self.bases.items():
                if base in bases and sub not in found and sub != name:
                    found.add(sub)
                    todo.append(sub)
        return found & self.attributes.keys()

    def is_layout(self, name: str, seen: frozenset[str] = frozenset()) -> bool:
        """A layout class (QVBoxLayout, QFormLayout...), or a class of ours deriving from one."""
        if name.endswith("Layout") or name == "QLayoutItem":
            return True
        return any(
            self.is_layout(base, seen | {name})
            for base in self.bases.get(name, ())
            if base not in seen
        )

    def no_layout(self, receiver: ast.AST, scope: Scope) -> bool:
        """Whether the code shows that `receiver` is never a layout."""
        kinds = self.value_kinds(receiver, scope, frozenset())
        return bool(kinds) and not any(self.is_layout(kind) for kind in kinds or ())


def _read_attribute(part: ast.AST, me: str, found: dict[str, list[_Binding]], scope: Scope) -> None:
    """A binding of `me.x` (`self.x`) in `part`, if it is one."""

    def attr(target: ast.AST) -> str | None:
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            return target.attr if target.value.id == me else None
        return None

    if isinstance(part, ast.Assign):
        for target in part.targets:
            if (name := attr(target)) is not None:
                found.setdefault(name, []).append(_Binding(scope, value=part.value))
            else:  # self.a, self.b = ...: unknown
                for inner in ast.walk(target):
                    if (name := attr(inner)) is not None:
                        found.setdefault(name, []).append(_Binding(scope))
    elif isinstance(part, ast.AnnAssign) and (name := attr(part.target)) is not None:
        found.setdefault(name, []).append(_Binding(scope, part.annotation, part.value))
    elif isinstance(part, ast.AugAssign | ast.For | ast.AsyncFor | ast.withitem):
        target = part.optional_vars if isinstance(part, ast.withitem) else part.target
        for inner in ast.walk(target) if target is not None else ():
            if (name := attr(inner)) is not None:
                found.setdefault(name, []).append(_Binding(scope))


def _walk(tree: ast.Module, project: Project) -> Iterator[tuple[ast.AST, Scope]]:
    """Every node with the scope its names are read in."""
    todo: list[tuple[ast.AST, Scope]] = [(tree, project.scopes[id(tree)])]
    while todo:
        node, scope = todo.pop()
        for child in ast.iter_child_nodes(node):
            inner = project.scopes.get(id(child), scope)
            yield child, inner
            todo.append((child, inner))


_NESTING_WHY = (
    "wraps every item of the layout it adds, which the cyclic collector can then delete twice "
    "(SIGSEGV): nest it empty with player.ui.layouts.nested, then fill it"
)
_ITEM_WHY = (
    "on a layout gives its item a Python wrapper, which the cyclic collector can then delete "
    "twice (SIGSEGV; player/ui/layouts.py): use addWidget/addStretch/addSpacing, a layout "
    "nested with player.ui.layouts.nested, or indexOf; if the receiver is no layout, let the "
    "function show its type (assign it from its constructor, or annotate it)"
)


def layout_calls(files: Iterable[Path], root: Path) -> list[str]:
    """`file:line: why` for each use of a method that may wrap a layout's items, in files other
    than player/ui/layouts.py."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in files}
    project = Project(trees)
    problems: list[tuple[Path, int, str]] = []
    for path, tree in trees.items():
        if path.relative_to(root) == ALLOWED:
            continue
        getattrs = {
            id(node.args[1]): node.args[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and _callee(node) == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
        }
        for node, scope in _walk(tree, project):
            if isinstance(node, ast.Attribute):
                method, receiver = node.attr, node.value
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                method, receiver = node.value, getattrs.get(id(node))
            else:
                continue
            if method in NESTING:
                problems.append((path, node.lineno, f".{method}() {_NESTING_WHY}"))
            elif method in ITEM_CALLS and not (
                receiver is not None and project.no_layout(receiver, scope)
            ):
                problems.append((path, node.lineno, f".{method}() {_ITEM_WHY}"))
    return [f"{p.relative_to(root)}:{line}: {why}" for p, line, why in sorted(problems)]


def combo_boxes(files: Iterable[Path], root: Path) -> list[str]:
    """`file:line: why` for each QComboBox made or derived from outside combo_popup.py."""
    problems: list[tuple[Path, int]] = []
    for path in files:
        if path.relative_to(root) == COMBO_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            made = isinstance(node, ast.Call) and _callee(node) == "QComboBox"
            if made or (
                isinstance(node, ast.ClassDef) and any("QComboBox" in _names(b) for b in node.bases)
            ):
                problems.append((path.relative_to(root), node.lineno))
    return [
        f"{path}:{line}: a QComboBox opens its list as wide as the box, cutting longer "
        "choices: use player.ui.combo_popup.ChoiceBox"
        for path, line in sorted(problems)
    ]


def test_no_module_of_player_ui_but_layouts_py_nests_a_layout_or_adds_an_item() -> None:
    found = layout_calls(UI.rglob("*.py"), ROOT)
    assert found == [], "\n".join(found)


def test_no_module_of_player_ui_but_combo_popup_py_makes_a_qcombobox() -> None:
    found = combo_boxes(UI.rglob("*.py"), ROOT)
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


def test_the_scan_types_names_per_function_and_sees_a_method_not_called(tmp_path: Path) -> None:
    """The reviewer's modules (r1): a name typed in one function says nothing of the same name
    in another, nor one class's `self.rows` of another's; an alias, `getattr`, `partial` and
    `itemAtPosition` wrap items as a call does."""
    (tmp_path / "other.py").write_text(
        "from PySide6.QtWidgets import QListWidget\n"
        "class Page:\n"
        "    def __init__(self) -> None:\n"
        "        self.rows = QListWidget()\n",
        encoding="utf-8",
    )
    (tmp_path / "third.py").write_text(
        "from PySide6.QtWidgets import QSpacerItem, QWidget\n"
        "class Card:\n"
        "    def __init__(self, w: QWidget) -> None:\n"
        "        self.rows = w.layout\n"
        "    def fill(self) -> None:\n"
        "        self.rows.addItem(QSpacerItem(1, 1))\n",  # 6: Page's rows are not Card's
        encoding="utf-8",
    )
    (tmp_path / "view.py").write_text(
        "from functools import partial\n"
        "from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QSpacerItem\n"
        "from PySide6.QtWidgets import QVBoxLayout, QWidget\n"
        "def combos() -> None:\n"
        "    row = QComboBox()\n"
        "    row.addItem('a')\n"
        "def via_getattr(outer: QVBoxLayout) -> None:\n"
        "    getattr(outer, 'addLayout')(QHBoxLayout())\n"  # 8
        "def via_alias(outer: QVBoxLayout) -> None:\n"
        "    add = outer.addLayout\n"  # 10
        "    add(QHBoxLayout())\n"
        "def via_partial(outer: QVBoxLayout) -> None:\n"
        "    partial(outer.addLayout, QHBoxLayout())()\n"  # 13
        "def via_loop(rows: list[QHBoxLayout]) -> None:\n"
        "    for row in rows:\n"
        "        row.addItem(QSpacerItem(1, 1))\n"  # 16: 'row' is a QComboBox in combos()
        "def via_unpack(w: QWidget) -> None:\n"
        "    row, label = w.findChild(QHBoxLayout), None\n"
        "    row.itemAt(0)\n"  # 19
        "def via_grid(grid: QGridLayout) -> None:\n"
        "    grid.itemAtPosition(0, 0)\n"  # 21
        "def via_cast(w: QWidget) -> None:\n"
        "    row = w.findChild(QHBoxLayout)\n"
        "    row.addSpacerItem(QSpacerItem(1, 1))\n"  # 24
        "def rebound() -> None:\n"
        "    box = QComboBox()\n"
        "    for box in [QHBoxLayout()]:\n"
        "        pass\n"
        "    box.addItem(QSpacerItem(1, 1))\n"  # 29: bound by a loop too
        "def by_name(outer: QVBoxLayout, item: QSpacerItem) -> None:\n"
        "    getattr(outer, 'addItem')(item)\n"  # 31
        "    getattr(QComboBox(), 'addItem')('a')\n"
        "class Panel(QWidget):\n"
        "    names: QComboBox\n"
        "    def fill(self) -> None:\n"
        "        self.names.addItem('a')\n"
        "        self.grid = QGridLayout()\n"
        "        self.grid.itemAtPosition(0, 0)\n"  # 38
        "class Inherited(Panel):\n"
        "    def more(self) -> None:\n"
        "        self.names.addItem('b')\n"
        "        (lambda: self.grid.itemAt(0))()\n"  # 42
        "class Base(QWidget):\n"
        "    def __init__(self) -> None:\n"
        "        self.kinds = QComboBox()\n"
        "    def fill(self) -> None:\n"
        "        self.kinds.addItem('a')\n"  # 47: a subclass makes it a layout
        "class Derived(Base):\n"
        "    def __init__(self) -> None:\n"
        "        self.kinds = QHBoxLayout()\n",
        encoding="utf-8",
    )
    found = layout_calls(tmp_path.glob("*.py"), tmp_path)
    assert [line.split(": ")[0] for line in found] == [
        "third.py:6",
        "view.py:8",
        "view.py:10",
        "view.py:13",
        "view.py:16",
        "view.py:19",
        "view.py:21",
        "view.py:24",
        "view.py:29",
        "view.py:31",
        "view.py:38",
        "view.py:42",
        "view.py:47",
    ]


def test_the_scan_finds_each_combo_box_not_a_choice_box(tmp_path: Path) -> None:
    (tmp_path / "player" / "ui").mkdir(parents=True)
    popup = tmp_path / "player" / "ui" / "combo_popup.py"
    popup.write_text(
        "from PySide6.QtWidgets import QComboBox\nclass ChoiceBox(QComboBox):\n    pass\n",
        encoding="utf-8",
    )
    view = tmp_path / "player" / "ui" / "view.py"
    view.write_text(
        "from PySide6 import QtWidgets\n"
        "from PySide6.QtWidgets import QComboBox\n"
        "from player.ui.combo_popup import ChoiceBox\n"
        "def build() -> None:\n"
        "    ChoiceBox()\n"
        "    QComboBox()\n"  # 6
        "    QtWidgets.QComboBox()\n"  # 7
        "    QComboBox.SizeAdjustPolicy.AdjustToContents\n"
        "class Box(QComboBox):\n"  # 9
        "    pass\n",
        encoding="utf-8",
    )
    found = combo_boxes([popup, view], tmp_path)
    assert [line.split(": ")[0] for line in found] == [
        "player/ui/view.py:6",
        "player/ui/view.py:7",
        "player/ui/view.py:9",
    ]
    assert all("ChoiceBox" in line for line in found)
