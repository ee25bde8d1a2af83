"""The installer bundle tests build real PyInstaller bundles: slow (about a minute a build).
Select them with `-m bundle`, leave them out with `-m "not bundle"`."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "bundle: builds the PyInstaller bundle (slow: about a minute per build)"
    )
