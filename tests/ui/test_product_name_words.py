"""A branded installer's learner reads the branding's name, never "Cartable": "another Cartable
window", "holds no Cartable course" meant nothing on a "Campus Cours" installer (docs/
architecture.md, how a message names the player and the machine)."""

from __future__ import annotations

from pathlib import Path

from player.branding import Branding
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_getting_courses_walkthrough import failed_import
from tests.ui.test_learner_walkthrough import studying

PRODUCT = "Campus Cours"


def test_a_refused_import_names_the_branding_s_product(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    services.context.branding = Branding(product_name=PRODUCT)
    studying(window, services)
    broken = tmp_path / "maths-1.0.0.cartable"
    broken.write_bytes(b"half a file")
    box = failed_import(window, services, broken)
    text = box.text()
    assert f"holds no \u2068{PRODUCT}\u2069 course" in text, text
    assert "Cartable" not in text.replace("maths-1.0.0.cartable", "")


def test_the_exam_quit_question_names_the_branding_s_product() -> None:
    from player.ui.exam.running import quit_question

    text = quit_question(125.0, PRODUCT)
    assert f"while \u2068{PRODUCT}\u2069 is closed" in text and "Cartable" not in text
