"""Random ids and seeds for the records, straight from `os.urandom`.

Not `uuid` and `secrets`: with `platform`, `hmac` and OpenSSL's `_hashlib` under them they are 4 ms
of every cold start, for what two lines do here.
"""

from __future__ import annotations

import os

_VARIANT = "89ab"


def new_uuid() -> str:
    """A random (version 4, RFC 4122 variant) UUID, written as `str(uuid.uuid4())` writes it."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def random_bits(bits: int) -> int:
    """A random int of `bits` bits, as `secrets.randbits` gives (quiz shuffle seeds)."""
    return int.from_bytes(os.urandom((bits + 7) // 8), "big") >> (-bits % 8)


def random_below(limit: int) -> int:
    """A random int in [0, limit), as `secrets.randbelow` gives (rejection: no modulo bias)."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    bits = limit.bit_length()
    while True:
        value = random_bits(bits)
        if value < limit:
            return value
