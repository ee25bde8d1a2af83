"""Ids and seeds made without `uuid` and `secrets` (player/store/ids.py)."""

from __future__ import annotations

import uuid

import pytest

from player.store import ids, statements


def test_new_uuid_is_a_random_version_4_uuid_written_as_uuid_writes_it() -> None:
    made = [ids.new_uuid() for _ in range(2000)]
    assert len(set(made)) == len(made)
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert {text[19] for text in made} == set("89ab"), "every variant digit comes up"
    assert statements.new_id is ids.new_uuid


def test_random_bits_and_below_stay_in_range_and_cover_it() -> None:
    bits = [ids.random_bits(31) for _ in range(2000)]
    assert all(0 <= b < 2**31 for b in bits) and max(bits) > 2**30
    assert {ids.random_bits(3) for _ in range(500)} == set(range(8))
    below = [ids.random_below(10) for _ in range(2000)]
    assert set(below) == set(range(10))
    assert all(0 <= ids.random_below(1_000_000_000) < 1_000_000_000 for _ in range(200))
    with pytest.raises(ValueError):
        ids.random_below(0)
