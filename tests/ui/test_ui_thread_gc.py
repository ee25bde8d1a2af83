"""Python's cyclic garbage is collected on the UI thread, never in a task's worker: a worker
rendering megabytes of Markdown collected the Qt objects the UI thread had left in cycles, and
destroyed them there (a segmentation fault in test_reading_hostile.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from player.course.reading import render_reading
from player.ui.tasks import ThreadPoolRunner


class _Cycle:
    """A Qt object in a reference cycle, as a closed view and its CourseLinks are; says on
    which thread it was collected."""

    def __init__(self, collected_on: list[str]) -> None:
        self.me = self
        self.qt = QObject()  # the Python wrapper owns it: destroyed with the cycle
        self.collected_on = collected_on

    def __del__(self) -> None:
        self.collected_on.append(threading.current_thread().name)


def test_a_worker_rendering_markdown_leaves_the_ui_thread_s_cycles_to_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    collected_on: list[str] = []
    runner, gate = ThreadPoolRunner(1), threading.Event()
    rendered: list[int] = []

    def render() -> int:
        gate.wait(30)  # the cycle is garbage by now: the worker allocates first
        text = "Du *gras*, un [lien](https://example.org) et du `code`.\n\n" * 20_000
        html = render_reading(text, image_url=lambda _: None, unit_link=lambda _: None).html
        return len(html)

    runner.run_task(render, rendered.append)
    _Cycle(collected_on)
    gate.set()
    assert runner.wait_idle(60_000)  # the UI thread waits in Qt, the worker renders
    assert collected_on == []  # before: ["Dummy-1"], collected by the worker
    # The worker's objects are freed with its task: the UI thread's own allocations take the
    # count past the threshold again, as it goes on working.
    ballast = [[] for _ in range(2 * gc.get_threshold()[0])]
    qtbot.waitUntil(lambda: bool(rendered) and collected_on != [], timeout=10_000)
    assert collected_on == [threading.main_thread().name]
    del ballast


def test_the_collector_is_installed_once_per_application(qapp) -> None:  # type: ignore[no-untyped-def]
    """Each UI test asks for it (conftest): one collector, one timer, whatever the count."""
    from player.ui.ui_thread_gc import UiThreadCollector, collect_on_ui_thread

    first = collect_on_ui_thread(qapp)
    assert collect_on_ui_thread(qapp) is first
    assert isinstance(first, UiThreadCollector) and first.parent() is qapp
