"""The institution's branding, built into an installer (`resources/branding.toml`).

Without a branding file the player is plain Cartable with the demo course. The example with every
key documented is packaging/branding.example.toml; packaging/build.py checks the file with
`load_branding(path, check_files=True)` so that a broken one stops the build with one line naming
the key, never the learner's start. It also refuses a branding whose catalogs could install
nothing (`trust_refusal`: no trusted key to sign their courses), and warns of one that installs
only what each computer's own keys allow (`trust_warning`).

Trust: the keys listed here are built in. The learner may add keys of their own (Settings or
`cartable trust add`, an explicit act); those are kept apart, in the config folder, and can never
remove or replace a branding key (see player.library.trust).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal, cast
from urllib.parse import SplitResult, urlsplit

from player.course.errors import CourseError, SignatureError
from player.course.signing import PublicKey
from player.paths import resources_dir

log = logging.getLogger(__name__)

BRANDING_FILE = "branding.toml"
LOGO_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")
LrsAuth = Literal["basic", "token"]
LRS_AUTH: tuple[LrsAuth, ...] = ("basic", "token")

_COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_KEYS = {
    "product_name",
    "institution",
    "logo",
    "accent_color",
    "catalogs",
    "lrs",
    "trusted_keys",
    "default_language",
    "allow_unsigned_archives",
    "include_demo",
}
_LRS_KEYS = {"endpoint", "auth", "home_page", "grader"}
GraderIfi = Literal["mbox", "mbox_sha1sum", "openid", "account"]
GRADER_IFIS: tuple[GraderIfi, ...] = ("mbox", "mbox_sha1sum", "openid", "account")
_GRADER_FORM = (
    "must name one agent, as the LRS stamps the grader's statements: { mbox = 'mailto:…' }, "
    "{ mbox_sha1sum = '…' }, { openid = 'https://…' } or "
    "{ account = { homePage = 'https://…', name = '…' } }"
)
_SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
MAX_TEXT = 200  # a product or institution name: a window title, not a paragraph
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class BrandingError(CourseError):
    """The branding file cannot be used; `where` is the key (`lrs.endpoint`, `catalogs[1]`)."""


@dataclass(frozen=True)
class GraderAgent:
    """The institution's grader as its LRS stamps it (`authority`): when named, only grades it
    wrote count, so one the learner's own credentials wrote never does (see sync.results)."""

    ifi: GraderIfi  # which xAPI inverse functional identifier
    value: str  # the mailto: IRI, the SHA-1 hex, the OpenID URL, or the account's name
    home_page: str = ""  # the account's homePage (account only)

    def to_json(self) -> dict[str, Any]:
        if self.ifi == "account":
            account = {"homePage": self.home_page, "name": self.value}
            return {"objectType": "Agent", "account": account}
        return {"objectType": "Agent", self.ifi: self.value}


@dataclass(frozen=True)
class LrsBranding:
    """Where learner traces go and how a learner proves who they are to that LRS."""

    endpoint: str  # the xAPI base URL, ending before `statements`
    auth: LrsAuth = "basic"  # basic: the learner types an account and password; token: pastes one
    home_page: str = ""  # the actor account's homePage; empty: the endpoint's scheme and host
    grader: GraderAgent | None = None  # None: any authority but the learner's may grade

    @property
    def account_home_page(self) -> str:
        if self.home_page:
            return self.home_page
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Branding:
    """What an institution's build sets: names, logo, colour, catalogs, LRS and keys."""

    product_name: str = "Cartable"  # the window title and the desktop entry
    institution: str = ""
    logo: Path | None = None  # beside the branding file in the bundle
    accent_color: str = ""  # "#rrggbb"; empty: the theme's own
    catalogs: tuple[str, ...] = ()  # http(s) URLs, file:// URLs or absolute folders
    lrs: LrsBranding | None = None
    trusted_keys: tuple[PublicKey, ...] = ()
    default_language: str | None = None  # before a profile chooses; None: the system's
    allow_unsigned_archives: bool = True  # a teacher's unsigned archive, after a warning
    include_demo: bool = True  # the demo course and its (demo-only) key
    source: Path | None = field(default=None, compare=False)


def product_name_or_plain() -> str:
    """The branding's `product_name` where no context is at hand (a start or a command that
    stopped before it, a line that never needed one): the plain name when the branding cannot
    be read either (what opens the context says so)."""
    try:
        return load_branding().product_name
    except (BrandingError, OSError):
        return Branding().product_name


def load_branding(path: Path | None = None, *, check_files: bool = False) -> Branding:
    """Read and check the branding file; a missing file is plain Cartable.

    `check_files` (the build) also requires the logo to exist and hold a PNG, JPEG or SVG image
    (player.logo_content); at start a missing logo is only logged, since the learner can do
    nothing about it.
    """
    path = path or resources_dir() / BRANDING_FILE
    if not path.is_file():
        return Branding()
    import tomllib  # only when there is a branding file to read

    from player.course.text_problems import not_utf8

    name = str(path)
    raw = b""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BrandingError(name, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # a Windows editor's ANSI: say where, as TOML errors do
        problem = not_utf8(raw, exc)
        raise BrandingError(name, problem.reason, where=f"line {problem.line}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise BrandingError(name, "not valid TOML: nested too deeply") from None
    except OSError as exc:
        raise BrandingError(name, f"cannot read ({exc.strerror})") from None
    return parse_branding(data, path, check_files=check_files)


def parse_branding(data: dict[str, Any], path: Path, *, check_files: bool = False) -> Branding:
    name = str(path)

    def fail(key: str, reason: str) -> BrandingError:
        return BrandingError(name, reason, where=key)

    for key in data:
        if key not in _KEYS:
            raise fail(key, f"unknown key (known: {', '.join(sorted(_KEYS))})")

    def text(key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise fail(key, "must be a string")
        if "\n" in value or "\r" in value:
            raise fail(key, "must be one line")
        if _CONTROL_RE.search(value):
            raise fail(key, "must not hold control characters")
        if len(value) > MAX_TEXT:
            raise fail(key, f"is {len(value)} characters long, over the limit of {MAX_TEXT}")
        return value.strip()

    def flag(key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise fail(key, "must be true or false")
        return value

    product_name = text("product_name", "Cartable")
    if not product_name:
        raise fail("product_name", "must not be empty")
    accent = text("accent_color", "")
    if accent and not _COLOR_RE.match(accent):
        raise fail("accent_color", f"{accent!r} is not a colour like '#1a5fb4'")
    language = text("default_language", "") or None
    if language and not _LANGUAGE_RE.match(language):
        raise fail("default_language", f"{language!r} is not a language code like 'fr'")
    return Branding(
        product_name=product_name,
        institution=text("institution", ""),
        logo=_logo(text("logo", ""), path, check_files, fail),
        accent_color=accent,
        catalogs=_catalogs(data.get("catalogs", []), fail),
        lrs=_lrs(data.get("lrs"), fail),
        trusted_keys=_keys(data.get("trusted_keys", []), name, fail),
        default_language=language,
        allow_unsigned_archives=flag("allow_unsigned_archives", True),
        include_demo=flag("include_demo", True),
        source=path,
    )


_ADD_KEY = (
    "add the public key that signs them, the line its KEY.pub holds "
    "('cartable-ed25519 …', from cartable-pack keygen)"
)


def trust_refusal(branding: Branding) -> BrandingError | None:
    """Why the branding's catalogs could install nothing, for the build to refuse it: a
    catalog's courses must be signed by a trusted key (player.library.download_manifests) and
    it lists none; only a folder catalog's unsigned courses may install, as unverified, and only
    with allow_unsigned_archives. Not checked at start: a learner could do nothing about it."""
    if branding.trusted_keys or not branding.catalogs:
        return None
    name = str(branding.source or BRANDING_FILE)
    if not branding.allow_unsigned_archives:
        reason = (
            "is empty and allow_unsigned_archives = false, so the player would refuse every "
            f"course of its catalogs: {_ADD_KEY}"
        )
        return BrandingError(name, reason, where="trusted_keys")
    servers = [c for c in branding.catalogs if urlsplit(c).scheme.lower() in ("http", "https")]
    if servers:
        reason = (
            f"is empty, so the player would refuse every course of {servers[0]!r} (a server's "
            f"courses must be signed by a trusted key): {_ADD_KEY}"
        )
        return BrandingError(name, reason, where="trusted_keys")
    return None


def trust_warning(branding: Branding) -> str:
    """The build's warning for a branding with no catalog, no trusted key and no unsigned
    archives: legitimate (an evaluation installer with the demo, or keys a lab's admin adds
    on each computer with `cartable trust add`), yet usually a key left out."""
    if branding.trusted_keys or branding.catalogs or branding.allow_unsigned_archives:
        return ""
    demo = "the demo course and " if branding.include_demo else ""
    return (
        "trusted_keys: is empty and allow_unsigned_archives = false, so the player will install "
        f"only {demo}courses signed by a key added on each computer (Settings or cartable trust "
        "add); unless that is meant, add the public key that signs your courses"
    )


Fail = Callable[[str, str], BrandingError]  # builds the error for a key and a reason


def _logo(value: str, path: Path, check_files: bool, fail: Fail) -> Path | None:
    if not value:
        return None
    relative = PurePosixPath(value)
    if relative.is_absolute() or ".." in relative.parts or "\\" in value:
        raise fail("logo", "must be a path relative to the branding file, inside its folder")
    if relative.suffix.lower() not in LOGO_SUFFIXES:
        raise fail("logo", f"must be one of {', '.join(LOGO_SUFFIXES)}")
    logo = path.parent.joinpath(*relative.parts)
    try:
        found = logo.is_file()
    except OSError as exc:  # a name over the system's limit: ENAMETOOLONG
        raise fail("logo", f"cannot be read ({exc.strerror})") from None
    if not found:
        if check_files:
            raise fail("logo", f"no such file: {logo}")
        log.warning("branding logo missing: %s", logo)
        return None
    if check_files:  # the build: at start the player says it in Help, the learner can't act
        from player.logo_content import logo_problem  # not at start: XML parsing, the build's

        try:
            problem = logo_problem(logo)
        except OSError as exc:
            raise fail("logo", f"{value}: cannot be read ({exc.strerror})") from None
        if problem:
            raise fail("logo", f"{value} {problem}")
    return logo


def _catalogs(value: object, fail: Fail) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise fail("catalogs", "must be a list of URLs or folders")
    found: list[str] = []
    for index, item in enumerate(value):
        key = f"catalogs[{index}]"
        if not isinstance(item, str) or not item.strip():
            raise fail(key, "must be a non-empty string")
        item = item.strip()
        parts = _split(item, key, fail)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            if not parts.hostname:
                raise fail(key, f"{item!r} has no host")
            if parts.username or parts.password:
                raise fail(key, "must not carry credentials")
            _server(item, key, fail)
        elif scheme == "file":
            if not parts.path.startswith("/"):
                raise fail(key, f"{item!r} is not an absolute file:// URL")
        elif len(scheme) > 1:
            raise fail(
                key, f"unsupported scheme {scheme!r} (use http://, https://, file:// or a folder)"
            )
        elif not (item.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", item)):
            raise fail(key, f"{item!r}: a folder must be an absolute path")
        if item in found:
            raise fail(key, f"{item!r} is listed twice")
        found.append(item)
    return tuple(found)


def _split(url: str, key: str, fail: Fail) -> SplitResult:
    """urlsplit, whose ValueError ('http://[x' is an invalid IPv6 host; a port over 65535 once
    read) becomes the key's error."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its check
    except ValueError as exc:
        shown = url if len(url) <= 80 else url[:79] + "…"
        raise fail(key, f"{shown!r} is not a valid URL ({exc})") from None
    return parts


def _server(url: str, key: str, fail: Fail) -> None:
    """An http(s) address the player will request, held to the rule of the Sync panel's form
    (sync.server_address): refused here, not at every learner's start."""
    from sync.server_address import address_problem

    problem = address_problem(url)
    if problem:
        shown = url if len(url) <= 80 else url[:79] + "…"
        raise fail(key, f"{shown!r} {problem}")


def _no_control(url: str, key: str, fail: Fail) -> None:
    """The key's error when `url` holds a control or bidirectional character (the rule of the
    addresses typed, sync.server_address)."""
    from sync.server_address import refuse_control_characters

    try:
        refuse_control_characters(url, "the address")
    except ValueError as error:
        raise fail(key, str(error)) from None


def _lrs(value: object, fail: Fail) -> LrsBranding | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise fail("lrs", "must be a table ([lrs] with endpoint and auth)")
    for key in value:
        if key not in _LRS_KEYS:
            raise fail(f"lrs.{key}", f"unknown key (known: {', '.join(sorted(_LRS_KEYS))})")
    endpoint = value.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise fail("lrs.endpoint", "is required: the LRS's xAPI base URL")
    endpoint = endpoint.strip()
    # The Sync panel's form, which it fills, refused the address the build took (a tab, which
    # urlsplit drops, passed every check here): no learner could save it (review r10 #2).
    _no_control(endpoint, "lrs.endpoint", fail)
    parts = _split(endpoint, "lrs.endpoint", fail)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise fail("lrs.endpoint", f"{endpoint!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise fail("lrs.endpoint", "must not carry credentials (learners give their own)")
    _server(endpoint, "lrs.endpoint", fail)
    if PurePosixPath(parts.path).name == "statements":  # the player appends it
        base = endpoint[: endpoint.rstrip("/").rindex("/") + 1]
        raise fail(
            "lrs.endpoint", f"ends with 'statements': give the xAPI base URL before it ({base!r})"
        )
    auth = value.get("auth", "basic")
    if auth not in LRS_AUTH:
        raise fail("lrs.auth", f"must be one of {', '.join(LRS_AUTH)}, not {auth!r}")
    home_page = value.get("home_page", "")
    if not isinstance(home_page, str):
        raise fail("lrs.home_page", "must be a string")
    _no_control(home_page, "lrs.home_page", fail)  # every statement's, as `--home-page`'s
    if home_page and _split(home_page, "lrs.home_page", fail).scheme.lower() not in (
        "http",
        "https",
    ):
        raise fail("lrs.home_page", f"{home_page!r} is not an http(s) URL")
    grader = _grader(value.get("grader"), fail)
    return LrsBranding(endpoint, cast(LrsAuth, auth), home_page.strip(), grader)


def _grader(value: object, fail: Fail) -> GraderAgent | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in GRADER_IFIS:
        raise fail("lrs.grader", _GRADER_FORM)
    [(ifi, item)] = value.items()
    if ifi == "account":
        if not isinstance(item, dict) or set(item) != {"homePage", "name"}:
            raise fail("lrs.grader", "account must have a homePage and a name, nothing else")
        home, name = item["homePage"], item["name"]
        if not isinstance(home, str) or _split(home, "lrs.grader", fail).scheme.lower() not in (
            "http",
            "https",
        ):
            raise fail("lrs.grader", f"account homePage {home!r} is not an http(s) URL")
        if not isinstance(name, str) or not name.strip():
            raise fail("lrs.grader", "account name must be a non-empty string")
        return GraderAgent("account", name.strip(), home.strip())
    if not isinstance(item, str) or not item.strip():
        raise fail("lrs.grader", f"{ifi} must be a non-empty string")
    item = item.strip()
    if ifi == "mbox" and not (item.startswith("mailto:") and "@" in item):
        raise fail("lrs.grader", f"mbox {item!r} is not a 'mailto:' address")
    if ifi == "mbox_sha1sum" and not _SHA1_RE.match(item):
        raise fail("lrs.grader", "mbox_sha1sum must be 40 hexadecimal digits")
    if ifi == "openid" and _split(item, "lrs.grader", fail).scheme.lower() not in (
        "http",
        "https",
    ):
        raise fail("lrs.grader", f"openid {item!r} is not an http(s) URL")
    return GraderAgent(cast(GraderIfi, ifi), item)


def _keys(value: object, name: str, fail: Fail) -> tuple[PublicKey, ...]:
    if not isinstance(value, list):
        raise fail("trusted_keys", "must be a list of 'cartable-ed25519 …' lines")
    keys: list[PublicKey] = []
    for index, item in enumerate(value):
        key = f"trusted_keys[{index}]"
        if not isinstance(item, str):
            raise fail(key, "must be a string")
        if item.strip().lower().endswith(".pub") and " " not in item.strip():
            holds = "give the line that file holds ('cartable-ed25519 …')"
            raise fail(key, f"{item!r} is a file name: {holds}")
        try:
            public = PublicKey.from_text(item, key)
        except SignatureError as exc:
            raise fail(key, exc.reason) from None
        if any(k.raw == public.raw for k in keys):
            raise fail(key, f"key {public.key_id} is listed twice")
        keys.append(public)
    return tuple(keys)
