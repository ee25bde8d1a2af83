"""The branding file an institution builds into its installer: every key read, every mistake a
one-line error naming the key, and the trust it gives (built in, apart from the learner's keys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.branding import Branding, BrandingError, GraderAgent, LrsBranding, load_branding
from player.context import DEMO_COURSE_ID, open_context
from player.course.signing import PrivateKey
from player.library.trust import TrustedKey, TrustStore
from player.paths import Paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "packaging" / "branding.example.toml"


def write(folder: Path, text: str) -> Path:
    path = folder / "branding.toml"
    path.write_text(text, encoding="utf-8")
    return path


def key_line(comment: str = "") -> str:
    return PrivateKey.generate().public.to_text() + (f" {comment}" if comment else "")


def fresh_paths(root: Path) -> Paths:
    return Paths(root / "data", root / "config", root / "cache", root / "logs")


def test_no_file_is_plain_cartable(tmp_path: Path) -> None:
    assert load_branding(tmp_path / "absent.toml") == Branding()
    assert Branding().include_demo and Branding().product_name == "Cartable"


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "logos").mkdir()
    cover = ROOT / "resources" / "demo" / "source" / "cover.png"
    (tmp_path / "logos" / "uni.png").write_bytes(cover.read_bytes())  # the build reads it
    line = key_line("Université de Test")
    path = write(
        tmp_path,
        f"""
product_name = "Cartable UT"
institution = "Université de Test"
logo = "logos/uni.png"
accent_color = "#1A5FB4"
catalogs = ["https://courses.example.org/repo/", "/media/usb/cours", "file:///srv/cours"]
trusted_keys = ["{line}"]
default_language = "fr"
allow_unsigned_archives = false
include_demo = false

[lrs]
endpoint = "https://lrs.example.org/xAPI/"
auth = "token"
""",
    )
    branding = load_branding(path, check_files=True)
    assert branding.product_name == "Cartable UT"
    assert branding.institution == "Université de Test"
    assert branding.logo == tmp_path / "logos" / "uni.png"
    assert branding.accent_color == "#1A5FB4"
    assert branding.catalogs == (
        "https://courses.example.org/repo/",
        "/media/usb/cours",
        "file:///srv/cours",
    )
    assert branding.lrs == LrsBranding("https://lrs.example.org/xAPI/", "token")
    assert branding.lrs.account_home_page == "https://lrs.example.org"
    assert [k.to_text() for k in branding.trusted_keys] == [line]
    assert branding.default_language == "fr"
    assert branding.allow_unsigned_archives is False
    assert branding.include_demo is False


def test_the_documented_example_is_valid() -> None:
    branding = load_branding(EXAMPLE)
    assert branding.product_name != "Cartable" and branding.lrs is not None
    assert branding.trusted_keys and branding.catalogs


def test_the_example_documents_every_key() -> None:
    from player.branding import _KEYS, _LRS_KEYS

    text = EXAMPLE.read_text(encoding="utf-8")
    for key in (_KEYS - {"lrs"}) | _LRS_KEYS:
        assert f"\n{key} =" in text or f"\n# {key} =" in text, key
    assert "\n[lrs]\n" in text


def test_the_catalog_schemes_named_are_the_ones_accepted(tmp_path: Path) -> None:
    """The error and the example said 'https://' only, and the audit's http:// was accepted."""
    with pytest.raises(BrandingError) as caught:
        load_branding(write(tmp_path, "catalogs = ['ftp://ut.example/cours']"))
    assert caught.value.reason == (
        "unsupported scheme 'ftp' (use http://, https://, file:// or a folder)"
    )
    listed = ["http://ut.example/", "https://ut.example/", "file:///srv/cours", "/srv/cours"]
    assert load_branding(write(tmp_path, f"catalogs = {listed!r}")).catalogs == tuple(listed)
    comment = EXAMPLE.read_text(encoding="utf-8").split("\ncatalogs =")[0].rsplit("\n\n", 1)[1]
    assert all(scheme in comment for scheme in ("http://", "https://", "file://"))
    assert "http:// sends" in comment and "in clear" in comment


LRS = "[lrs]\nendpoint = 'https://lrs.org/'\n"


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("product_nme = 'x'", "product_nme", "unknown key"),
        ("product_name = ''", "product_name", "must not be empty"),
        ("product_name = 3", "product_name", "must be a string"),
        ('product_name = "a\\nb"', "product_name", "one line"),
        ("accent_color = 'blue'", "accent_color", "not a colour"),
        ("catalogs = 'https://x.org'", "catalogs", "must be a list"),
        ("catalogs = ['ftp://x.org/repo']", "catalogs[0]", "unsupported scheme"),
        ("catalogs = ['https://ok.org', 'relative/folder']", "catalogs[1]", "absolute path"),
        ("catalogs = ['https://ok.org', 'https://ok.org']", "catalogs[1]", "listed twice"),
        ("catalogs = ['https://u:p@x.org/']", "catalogs[0]", "credentials"),
        ("trusted_keys = ['ssh-ed25519 AAAA']", "trusted_keys[0]", "not a Cartable public key"),
        ("trusted_keys = ['cartable-ed25519 AAAA']", "trusted_keys[0]", "bytes, expected 32"),
        ("trusted_keys = ['keys/univ-2025.pub']", "trusted_keys[0]", "the line that file holds"),
        ("default_language = 'French'", "default_language", "not a language code"),
        ("allow_unsigned_archives = 'no'", "allow_unsigned_archives", "true or false"),
        ("include_demo = 0", "include_demo", "true or false"),
        ("lrs = 'https://lrs.org'", "lrs", "must be a table"),
        ("[lrs]\nauth = 'basic'", "lrs.endpoint", "is required"),
        ("[lrs]\nendpoint = 'lrs.org/xapi'", "lrs.endpoint", "not an http(s) URL"),
        ("[lrs]\nendpoint = 'https://a:b@lrs.org/'", "lrs.endpoint", "credentials"),
        ("[lrs]\nendpoint = 'https://lrs.org/'\nauth = 'oauth'", "lrs.auth", "one of basic"),
        ("[lrs]\nendpoint = 'https://lrs.org/'\npassword = 'x'", "lrs.password", "unknown key"),
        (f"{LRS}grader = 'grader'", "lrs.grader", "must name one agent"),
        (f"{LRS}grader = {{ name = 'grader' }}", "lrs.grader", "must name one agent"),
        (f"{LRS}grader = {{ mbox = 'grader@x.org' }}", "lrs.grader", "mailto:"),
        (
            f"{LRS}grader = {{ mbox = 'mailto:a@x.org', openid = 'https://x.org/a' }}",
            "lrs.grader",
            "one agent",
        ),
        (f"{LRS}grader = {{ mbox_sha1sum = 'abc' }}", "lrs.grader", "40 hexadecimal"),
        (f"{LRS}grader = {{ account = {{ name = 'grader' }} }}", "lrs.grader", "homePage"),
        (
            f"{LRS}grader = {{ account = {{ homePage = 'https://x.org', name = '' }} }}",
            "lrs.grader",
            "name",
        ),
        ("logo = '../outside.png'", "logo", "inside its folder"),
        ("logo = 'logo.bmp'", "logo", "must be one of"),
    ],
)
def test_a_mistake_is_one_line_naming_the_key(
    tmp_path: Path, text: str, where: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BrandingError) as caught:
        load_branding(path, check_files=True)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {where}: "), message
    assert reason in message


def test_the_grader_whose_grades_count_may_be_named(tmp_path: Path) -> None:
    account = '{ account = { homePage = "https://lrs.org", name = "grader" } }'
    branding = load_branding(write(tmp_path, f"{LRS}grader = {account}"))
    assert branding.lrs is not None and branding.lrs.grader == GraderAgent(
        "account", "grader", "https://lrs.org"
    )
    assert branding.lrs.grader.to_json() == {
        "objectType": "Agent",
        "account": {"homePage": "https://lrs.org", "name": "grader"},
    }
    branding = load_branding(write(tmp_path, f"{LRS}grader = {{ mbox = 'mailto:g@lrs.org' }}"))
    assert branding.lrs is not None and branding.lrs.grader is not None
    assert branding.lrs.grader.to_json() == {"objectType": "Agent", "mbox": "mailto:g@lrs.org"}
    assert load_branding(write(tmp_path, LRS)).lrs == LrsBranding("https://lrs.org/")


def test_a_key_listed_twice_is_refused(tmp_path: Path) -> None:
    line = key_line()
    path = write(tmp_path, f'trusted_keys = ["{line}", "{line} again"]')
    with pytest.raises(BrandingError, match=r"trusted_keys\[1\]: key [0-9a-f]+ is listed twice"):
        load_branding(path)


def test_broken_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'product_name = "unterminated\n')
    with pytest.raises(BrandingError, match=r"not valid TOML: .*line 1"):
        load_branding(path)


def test_a_file_not_in_utf8_names_the_line_and_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "branding.toml"
    path.write_bytes('include_demo = true\nproduct_name = "Université"\n'.encode("cp1252"))
    with pytest.raises(BrandingError) as caught:
        load_branding(path)
    assert str(caught.value) == f"{path}: line 2: not UTF-8 text (byte 0xe9): save it as UTF-8"


def test_missing_logo_stops_the_build_but_not_the_start(tmp_path: Path) -> None:
    path = write(tmp_path, 'logo = "logo.png"')
    with pytest.raises(BrandingError, match=r"logo: no such file"):
        load_branding(path, check_files=True)
    assert load_branding(path).logo is None


def test_branding_keys_are_trusted_and_cannot_be_removed(tmp_path: Path) -> None:
    line = key_line("institution")
    path = write(tmp_path, f'trusted_keys = ["{line}"]\ninclude_demo = false')
    branding = load_branding(path)
    context = open_context(fresh_paths(tmp_path / "home"), branding)
    institution = branding.trusted_keys[0]
    origins = {k.key_id: k.origin for k in context.trust.trusted()}
    assert origins == {institution.key_id: "branding"}
    assert institution in context.trust.public_keys("any-course")
    assert context.trust.remove(institution.key_id) is False
    assert institution in context.trust.public_keys("any-course")


def test_a_learner_key_is_kept_apart_and_never_replaces_a_branding_key(tmp_path: Path) -> None:
    institution = PrivateKey.generate().public
    store = TrustStore(tmp_path / "trusted-keys", [TrustedKey(institution, "branding")])
    learner = PrivateKey.generate().public
    store.add(learner)
    # A learner file holding the institution's own key does not change its origin.
    (tmp_path / "trusted-keys" / "copy.pub").write_text(institution.to_text(), encoding="utf-8")
    origins = {k.key_id: k.origin for k in store.trusted()}
    assert origins == {institution.key_id: "branding", learner.key_id: "user"}
    assert store.remove(learner.key_id)
    assert [k.origin for k in store.trusted()] == ["branding"]


def test_include_demo_false_leaves_the_demo_key_out(tmp_path: Path) -> None:
    with_demo = open_context(fresh_paths(tmp_path / "a"), Branding())
    demo = [k for k in with_demo.trust.trusted() if k.origin == "demo"]
    assert len(demo) == 1 and demo[0].only_course == DEMO_COURSE_ID
    without = open_context(fresh_paths(tmp_path / "b"), Branding(include_demo=False))
    assert [k for k in without.trust.trusted() if k.origin == "demo"] == []
