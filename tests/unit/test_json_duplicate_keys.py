"""Signed and trusted JSON has one meaning: an object that names a key twice is refused (Python
keeps the last value, other readers the first), with one line naming the key and its JSON path."""

from __future__ import annotations

import base64
import json

import pytest

from player.course.errors import PackageError, SignatureError
from player.course.manifest import load_installed_manifest, parse_manifest
from player.course.signing import parse_signature
from player.course.strict_json import DuplicateKeyError, loads
from sync.catalog_parse import CatalogError, parse_catalog
from tests.unit.test_manifest_hostile import MANIFEST

SIG = base64.b64encode(bytes(64)).decode()
ENTRY = (
    '{"id": "maths", "version": "1.0", "title": "Maths", "language": "fr", "size": 10, "files": 1, '
    '"manifest_size": 10, "manifest": "courses/maths/1.0/course.json", "manifest_sha256": "'
    + "ab" * 32
    + '"}'
)


def manifest_with_second_title() -> bytes:
    """The valid manifest, its first unit's title given twice (the second would win)."""
    text = json.dumps(MANIFEST)
    first = '"title": "Vid\\u00e9o"'
    assert text.count(first) == 1
    return text.replace(first, first + ', "title": "Autre"').encode()


def test_loads_refuses_a_duplicate_key_naming_its_path() -> None:
    with pytest.raises(DuplicateKeyError) as caught:
        loads('{"a": [{"b": 1}, {"c": {"d": 1, "d": 2}}]}')
    assert caught.value.key == "d" and caught.value.where == "$.a[1].c.d"
    assert loads('{"a": [{"b": 1}, {"b": 2}]}') == {"a": [{"b": 1}, {"b": 2}]}  # not a repeat


def test_manifest_with_a_duplicate_key_is_refused_at_its_path() -> None:
    data = manifest_with_second_title()
    assert json.loads(data)["modules"][0]["units"][0]["title"] == "Autre"  # what json would do
    for parse in (parse_manifest, lambda d: load_installed_manifest(d, "course.json")):
        with pytest.raises(PackageError) as caught:
            parse(data)
        message = str(caught.value)
        assert message == (
            "course.json: $.modules[0].units[0].title: duplicate key 'title': one JSON object "
            "names it twice, so readers may disagree"
        )


def test_manifest_with_a_duplicate_top_level_key_is_refused() -> None:
    data = json.dumps(MANIFEST).replace('"id": "maths"', '"id": "maths", "id": "evil"').encode()
    with pytest.raises(PackageError, match=r"\$\.id: duplicate key 'id'"):
        parse_manifest(data)


def test_signature_with_a_duplicate_key_is_refused() -> None:
    data = (
        '{"algorithm": "ed25519", "key_id": "good", "key_id": "evil", "signature": "' + SIG + '"}'
    ).encode()
    with pytest.raises(SignatureError) as caught:
        parse_signature(data, "course.json.sig")
    assert str(caught.value) == (
        "course.json.sig: $.key_id: duplicate key 'key_id': one JSON object names it twice"
    )
    good = f'{{"algorithm": "ed25519", "key_id": "good", "signature": "{SIG}"}}'.encode()
    assert parse_signature(good, "course.json.sig").key_id == "good"


def test_catalog_with_a_duplicate_key_is_refused_at_its_path() -> None:
    entry = ENTRY.replace('"size": 10', '"size": 10, "size": 99999')
    data = f'{{"format": 1, "courses": [{ENTRY}, {entry}]}}'.encode()
    with pytest.raises(CatalogError) as caught:
        parse_catalog(data, "catalog.json")
    assert str(caught.value) == (
        "catalog.json: $.courses[1].size: duplicate key 'size': one JSON object names it "
        "twice, so readers may disagree"
    )
    fine = f'{{"format": 1, "courses": [{ENTRY}]}}'.encode()
    assert [c.id for c in parse_catalog(fine, "catalog.json").courses] == ["maths"]
