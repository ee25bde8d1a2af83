"""A layout nested in another is added to it empty, and filled after: `nested`.

PySide's `addLayout` (and `insertLayout`, `addItem`) gives every item already in the layout it
adds (a QWidgetItem for each widget, a QSpacerItem for each stretch or spacing, those of its
own nested layouts too) a Python wrapper, made the Python child of the outer layout; C++ owns
the item, the layout deletes it. When the cyclic collector frees a widget of its own (a view,
a dialog) holding such wrappers, it may clear one of them before the widget: shiboken's clear
takes the wrapper from its parent and gives it the ownership of its item, and the wrapper's
deallocation then deletes the item its layout still holds. The widget's deletion deletes it a
second time (SIGSEGV in QBoxLayout::~QBoxLayout); which one the collector clears first depends
on the order of its list, so an unrelated change (an attribute more) made it crash. An empty
layout has no item to wrap, and `addWidget`, `addStretch`, `addSpacing` make none: no wrapper
of a layout item exists, whatever order the collector takes. (`itemAt` makes one too: use
`indexOf` or the widgets themselves.)
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QLayout

L = TypeVar("L", bound=QLayout)


def nested(outer: QBoxLayout, inner: L, stretch: int = 0) -> L:
    """`inner`, still empty, added to `outer` (with `stretch`): fill it after."""
    if inner.count():
        raise ValueError("a layout is nested while empty, then filled (player/ui/layouts.py)")
    outer.addLayout(inner, stretch)
    return inner
