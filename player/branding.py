"""The institution's branding, built into an installer (`resources/branding.toml`).

Without a branding file the player is plain Cartable with the demo course. The example with every
key documented is packaging/branding.example.toml. Nothing the learner sets in the app overrides
the trust list given here without an explicit confirmation (see player.library.trust).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from player.course.errors import SignatureError, SourceError
from player.course.signing import PublicKey
from player.paths import resources_dir

BRANDING_FILE = "branding.toml"


@dataclass(frozen=True)
class LrsBranding:
    endpoint: str
    auth: str = "basic"  # "basic": learners type their account; "token": a bearer token


@dataclass(frozen=True)
class Branding:
    product_name: str = "Cartable"
    institution: str = ""
    logo: Path | None = None
    accent_color: str = ""
    catalogs: tuple[str, ...] = ()
    lrs: LrsBranding | None = None
    trusted_keys: tuple[PublicKey, ...] = ()
    default_language: str | None = None
    allow_unsigned_archives: bool = True
    include_demo: bool = True
    source: Path | None = field(default=None, compare=False)


def load_branding(path: Path | None = None) -> Branding:
    """Read the branding file; a broken one is an error the installer's author must see."""
    path = path or resources_dir() / BRANDING_FILE
    if not path.is_file():
        return Branding()
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(name, f"not valid TOML: {exc}") from None
    keys = []
    for index, text in enumerate(data.get("trusted_keys", [])):
        try:
            keys.append(PublicKey.from_text(str(text), f"{name}: trusted_keys[{index}]"))
        except SignatureError as exc:
            raise SourceError(name, exc.reason) from None
    lrs = data.get("lrs")
    logo = data.get("logo")
    return Branding(
        product_name=str(data.get("product_name", "Cartable")),
        institution=str(data.get("institution", "")),
        logo=(path.parent / logo) if logo else None,
        accent_color=str(data.get("accent_color", "")),
        catalogs=tuple(str(c) for c in data.get("catalogs", [])),
        lrs=LrsBranding(str(lrs["endpoint"]), str(lrs.get("auth", "basic")))
        if isinstance(lrs, dict) and "endpoint" in lrs
        else None,
        trusted_keys=tuple(keys),
        default_language=data.get("default_language"),
        allow_unsigned_archives=bool(data.get("allow_unsigned_archives", True)),
        include_demo=bool(data.get("include_demo", True)),
        source=path,
    )
