"""Learner records in SQLite: profiles, progress, attempts and the xAPI outbox (no Qt).

Open it with `Store.open(paths)`, then call `store.start()` once. See store.py for the map.
"""

from player.store.errors import DatabaseUnavailable, StoreError
from player.store.integrity import IntegrityCheck
from player.store.recovery import RecoveryReport
from player.store.store import StartupReport, Store

__all__ = [
    "DatabaseUnavailable",
    "IntegrityCheck",
    "RecoveryReport",
    "StartupReport",
    "Store",
    "StoreError",
]
