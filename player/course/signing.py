"""ed25519 signatures over the exact bytes of `course.json`.

Key files: the private key is PKCS#8 PEM (mode 0600); the public key is one line,
`cartable-ed25519 <base64 of the 32 raw bytes> [comment]`, easy to paste into a branding file.
A key id is the first 16 hex digits of the sha256 of the raw public key: it names the key in
signatures and in the UI, it is not a secret and not a security boundary.

Signature file `course.json.sig` (JSON): {"algorithm": "ed25519", "key_id": ..., "signature": b64}.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from player.course.errors import (
    KeyFileUnreadable,
    KeyScope,
    PrivateKeyGiven,
    SignatureError,
    UntrustedKey,
)
from player.course.strict_json import DuplicateKeyError, loads

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# cryptography loads on first signing or verifying (30 ms): reading a key list at start does not.

PUBLIC_PREFIX = "cartable-ed25519"
MAX_SIGNATURE_BYTES = 4096
#: A key file is a few hundred bytes: one larger is no key, and is not read whole.
MAX_KEY_FILE_BYTES = 64 * 1024


#: What Windows Notepad puts before the text of a file it saves as UTF-8: a key file opened and
#: saved there starts with it, and was refused as no key (review s17 #7).
UTF8_BOM = b"\xef\xbb\xbf"


class _NotAFile(Exception):
    """A key path that is a device or a folder: `/dev/zero` took memory without end."""


class _TooLarge(Exception):
    """A key file over MAX_KEY_FILE_BYTES."""


def _key_file_bytes(path: Path) -> bytes:
    """A key file's bytes, at most MAX_KEY_FILE_BYTES, from a regular file or a pipe only.
    Opened without blocking: a FIFO with no writer would otherwise hang the open itself. A pipe
    is read blocking (`--trust <(cat k.pub)`, `cat k.pub | cartable trust add /dev/stdin`): its
    writer is waited for, and one with no writer reads as empty at once."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            os.set_blocking(fd, True)
        elif not stat.S_ISREG(mode):
            raise _NotAFile
        data = handle.read(MAX_KEY_FILE_BYTES + 1)
    if len(data) > MAX_KEY_FILE_BYTES:
        raise _TooLarge
    return data.removeprefix(UTF8_BOM)


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key that verifies signatures; `comment` names it for people."""

    raw: bytes  # 32 bytes
    comment: str = ""

    @property
    def key_id(self) -> str:
        import hashlib  # OpenSSL loads in 3 ms that a start without keys to show does not need

        return hashlib.sha256(self.raw).hexdigest()[:16]

    def to_text(self) -> str:
        text = f"{PUBLIC_PREFIX} {base64.b64encode(self.raw).decode('ascii')}"
        return f"{text} {self.comment}" if self.comment else text

    @classmethod
    def from_text(cls, text: str, source: str = "public key") -> PublicKey:
        # A BOM, as a key file's (UTF8_BOM), pasted too: after the whitespace a paste brings
        # with it (" \ufeffcartable-ed25519 ..." was no key, review r6 #9).
        text = text.strip().removeprefix("\ufeff")
        parts = text.strip().split(maxsplit=2)
        if text.lstrip().startswith("-----BEGIN PRIVATE KEY-----"):
            raise PrivateKeyGiven(
                source, "a private key, not a public one: give its .pub file (and keep this secret)"
            )
        if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
            raise SignatureError(
                source, f"not a Cartable public key (expected '{PUBLIC_PREFIX} …')"
            )
        try:
            raw = base64.b64decode(parts[1], validate=True)
        except ValueError:  # binascii.Error, or a character outside ASCII
            raise SignatureError(source, "public key is not valid base64") from None
        if len(raw) != 32:
            raise SignatureError(source, f"public key has {len(raw)} bytes, expected 32")
        return cls(raw, parts[2] if len(parts) > 2 else "")

    @classmethod
    def from_file(cls, path: Path) -> PublicKey:
        try:
            return cls.from_text(_key_file_bytes(path).decode("utf-8"), str(path))
        except OSError as exc:
            raise KeyFileUnreadable(str(path), f"cannot read public key ({exc.strerror})") from None
        except _NotAFile:
            raise KeyFileUnreadable(
                str(path), "not a regular file or a pipe; a public key is a file"
            ) from None
        except _TooLarge:
            raise SignatureError(str(path), "too large for a public key file") from None
        except UnicodeDecodeError:
            raise SignatureError(str(path), "public key file is not text") from None


@dataclass(frozen=True)
class PrivateKey:
    """An Ed25519 private key that signs course packages (the authoring tools')."""

    key: Ed25519PrivateKey

    @property
    def public(self) -> PublicKey:
        from cryptography.hazmat.primitives import serialization

        raw = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw)

    @classmethod
    def generate(cls) -> PrivateKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_file(cls, path: Path) -> PrivateKey:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        try:
            data = _key_file_bytes(path)
        except OSError as exc:
            raise SignatureError(str(path), f"cannot read private key ({exc.strerror})") from None
        except _NotAFile:
            raise SignatureError(
                str(path), "not a regular file or a pipe; a private key is a file"
            ) from None
        except _TooLarge:
            raise SignatureError(str(path), "too large for a private key file") from None
        if data.lstrip().startswith(PUBLIC_PREFIX.encode("ascii")):
            raise SignatureError(
                str(path), "a public key, not a private one: sign with the file without .pub"
            )
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError):
            raise SignatureError(str(path), "not an unencrypted PEM private key") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SignatureError(str(path), "not an ed25519 key")
        return cls(key)

    def pem(self) -> bytes:
        """The private key file's bytes (unencrypted PKCS#8 PEM): keep them secret."""
        from cryptography.hazmat.primitives import serialization

        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def write(self, path: Path, comment: str = "") -> Path:
        """Write the private key (0600, never group/world readable) and `<path>.pub`."""
        pem = self.pem()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        public_path = path.with_name(path.name + ".pub")
        public = PublicKey(self.public.raw, comment)
        public_path.write_text(public.to_text() + "\n", encoding="utf-8")
        return public_path

    def sign(self, data: bytes) -> bytes:
        """The signature file's bytes for `data`."""
        signature = base64.b64encode(self.key.sign(data)).decode("ascii")
        document = {"algorithm": "ed25519", "key_id": self.public.key_id, "signature": signature}
        return (json.dumps(document, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Signature:
    """A package's signature: the id of the key that made it and its bytes."""

    key_id: str
    value: bytes


def parse_signature(data: bytes, file: str) -> Signature:
    if len(data) > MAX_SIGNATURE_BYTES:
        raise SignatureError(file, "signature file too large")
    try:
        doc = loads(data.decode("utf-8"))
    except DuplicateKeyError as exc:  # readers would disagree on which key signed
        raise SignatureError(
            file, f"duplicate key {exc.key!r}: one JSON object names it twice", where=exc.where
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSON errors, deep nesting
        raise SignatureError(file, "signature file is not JSON") from None
    if not isinstance(doc, dict) or doc.get("algorithm") != "ed25519":
        raise SignatureError(file, "signature algorithm must be ed25519")
    key_id, value = doc.get("key_id"), doc.get("signature")
    if not isinstance(key_id, str) or not isinstance(value, str):
        raise SignatureError(file, "signature needs a key_id and a signature")
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII
        raise SignatureError(file, "signature is not valid base64") from None
    if len(raw) != 64:
        raise SignatureError(file, f"signature has {len(raw)} bytes, expected 64")
    return Signature(key_id, raw)


def signer_of(data: bytes) -> str | None:
    """The key id a signature file names, None when it is no signature file. Who *claims* to
    have signed: only `verify` says the bytes match."""
    try:
        return parse_signature(data, "signature").key_id
    except SignatureError:
        return None


def verify(
    data: bytes,
    signature: Signature,
    trusted: list[PublicKey],
    file: str,
    scoped: Mapping[str, str] | None = None,
    earlier: Collection[str] = (),
) -> PublicKey:
    """Return the trusted key that signed `data`, or raise `SignatureError` saying why not.
    `scoped`: the keys trusted here for one other course only (key id: that course), named as
    such (`KeyScope`), not as keys to trust: they are already listed. `earlier`: the ids among
    them of earlier keys (`TrustStore.earlier_ids`), accepted for no course whichever course
    they sign: said so (`KeyScope.earlier`), never "accepted only for" their course."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    for key in trusted:
        if key.key_id != signature.key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(key.raw).verify(signature.value, data)
        except InvalidSignature:
            raise SignatureError(
                file, f"signature by key {key.key_id} does not match the manifest's bytes"
            ) from None
        return key
    if scoped and signature.key_id in scoped:
        scope = scoped[signature.key_id]
        raise KeyScope(file, signature.key_id, scope, earlier=signature.key_id in earlier)
    raise UntrustedKey(file, signature.key_id)
