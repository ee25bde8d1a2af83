"""The store's errors, apart so that the database, its backups and its recovery can each raise
them without importing one another."""


class StoreError(Exception):
    """A records problem the user can act on; `str()` is one line."""


class DatabaseUnavailable(StoreError):
    """The file cannot be opened at all (locked by another Cartable, no permission...)."""


class WriteFailed(StoreError):
    """A change could not be saved (disk full, I/O error, another program holding the file):
    nothing of it was written, the learner may try again."""
