"""The log file, without Qt: redaction of secrets and the size-rotated `cartable.log`, shared by
the GUI (player/ui/logging_setup.py adds Qt's messages and the recent-problems buffer) and the
headless commands (which write a failure's traceback here and print one line).

A log file that cannot be written (a full disk, a removed folder) never puts logging's
"--- Logging error ---" and its traceback on the terminal: the handler keeps the error
(`RotatingFile.write_error`) and the one line printed says the log could not be written.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOG_FILE = "cartable.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# A URL's query parameter, its name matched whole then split into words (`_secret_name`): a
# pattern for the secret name itself backtracked on a long "?keykeykey…" with no "=" (r9:
# quadratic, 8.7 s for a 40 kB line, on every record, under the handler's lock).
# A fragment's parameters too (#access_token=, #code=: OAuth's answers in the address), a
# form's field in brackets (user[password]=), and the parameters of an address given encoded as
# another's value (?service=https%3A%2F%2Fa%2Fcb%3Fticket%3DST-1%26lang%3Dfr, twice encoded
# too: %253F): group 2 is the "=" or its encoding. A name never runs over a parameter's start
# (?, &, #, nor their encodings), so each one is scanned from one start only: linear.
_QUERY = re.compile(
    r"((?:[?&#]|%(?:25)*(?:3F|26|23))"
    r"(?:[\w.\[\]-]|%(?!(?:25)*(?:3F|26|23|3D))[0-9a-f]{2})+(=|%(?:25)*3D))",
    re.I,
)
# A value ends at an angle bracket, and at a quote that closes (before a separator, a space or
# the end): compact JSON, a list's repr, an HTML attribute (review r2 #9: ?token=abc","course":
# "maths",… lost the course and the version). A quote inside the value is the secret's own
# (?password=l'ecole2024).
_CLOSING_QUOTE = r"""["'](?=[,;:)}\]>\s]|$)"""
_PLAIN_VALUE = re.compile(rf"""(?:[^&#\s"'<>]|(?!{_CLOSING_QUOTE})["'])+""")
# A "#" outside an address (a learner's folder "/projets/#code=42/cours.zip": r2 #12) is no
# fragment's: a value there ends at the path's next separator.
_PATH_VALUE = re.compile(rf"""(?:[^&#\s"'<>/\\]|(?!{_CLOSING_QUOTE})["'])+""")
# Where a word (a space, a quote, an angle bracket) or an address ("://") starts.
_WORD_OR_ADDRESS = re.compile(r"""[\s"'<>]|://""")
# After an encoded "=", an encoded & or # ends the value (the next parameter stays readable);
# after a plain one, an encoded & is the secret's own.
_ENCODED_VALUE = re.compile(r"(?:[^&#\s%]|%(?!(?:25)*(?:26|23)))+", re.I)
_PERCENT = re.compile(r"%(?:25)*[0-9a-f]{2}", re.I)
# A name's words: split at "_", "-", "." and digits, and where camelCase starts a word. Latin
# letters with accents are letters (review r2 #5: "clé" was read "cl").
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_WORD = re.compile(rf"[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]+(?![{_LOWER}])")
#: A parameter is secret when one of its name's words is one of these, whole: ?key=, ?apiKey=,
#: ?access_token=, ?sig= (Azure), X-Amz-Signature=; not ?keyword= (a word that merely holds
#: one: every "?monkey=1" was redacted).
QUERY_SECRET_WORDS = frozenset(
    (
        *("key", "apikey", "token", "accesstoken", "authtoken", "auth"),
        *("password", "passwd", "pwd", "passphrase", "pin", "secret"),
        # French: "mdp", "mot de passe" (run together by `_secret_name`: motdepasse), "jeton"
        *("mdp", "motdepasse", "motsdepasse", "jeton", "jetons"),
        *("signature", "sig", "credential", "credentials"),
        # a session's id or token is as good as the password while it lasts
        *("sid", "sessionid", "jsessionid", "phpsessid", "jwt", "authorization"),
        # a one-time password, as good as the password until used
        *("otp", "totp", "hotp"),
    )
)
#: An address's (or a form's) parameter secret by its whole name only, its words run together:
#: an OAuth code (?code=, #code=, ?device_code=), a CAS ticket (?ticket=ST-…, ?pgtIou=), a SAML
#: response, as good as the password until used. A word of a sentence's ("error code: 404",
#: "exit code=1", ?country_code=) is kept.
_PARAMETER_ONLY = frozenset(
    (
        *("code", "authcode", "authorizationcode", "devicecode", "usercode"),
        *("ticket", "serviceticket", "proxyticket", "pgt", "pgtiou", "pgtid"),
        *("samlresponse", "samlart"),
    )
)
#: A name run together from words, one word for `_NAME_WORD` (?apitoken=, ?clientsecret=,
#: ?newpassword=, ?ACCESSKEY=), is secret when it ends with one of these, a plural too
#: (?tokens=, ?secrets=: review r12).
_SECRET_ENDINGS = (
    *("token", "tokens", "secret", "secrets", "password", "passwords", "passwd"),
    *("passphrase", "credential", "credentials"),
)
#: A word ending in "key" or "keys" is secret (?hmackey=, ?storagekey=, ?apikeys=: r12 found a
#: list of the words allowed before "key" missing most), except these, which merely end so.
_HARMLESS_KEYS = frozenset(
    (
        *("monkey", "turkey", "donkey", "hockey", "jockey", "whiskey", "lackey", "malarkey"),
        *("hotkey", "turnkey", "latchkey"),
    )
)
#: Secret only as `name=value` (a URL's signature, an AWS header's Signature=…): "signature:"
#: is a sentence's (r12: "Clé de signature : Université de Dakar" lost its institution).
#: French's key (clé, cle_api=) too: "Clé de signature : Université de Dakar" is a sentence's.
_EQUALS_ONLY = frozenset(
    ("signature", "signatures", "sig", "cle", "clé", "clef", "cles", "clés", "clefs")
)
#: A lone word before ":", unquoted, is a sentence's more often than a field's ("signed by a
#: trusted key: the installed version is kept", "could not save a trusted key: <why>"): secret
#: only when it is one of these (those redacted before r12, and the HTTP header); a name of
#: several words (refresh_token:, X-Api-Key:) or a quoted one (JSON) is judged as a URL's.
_COLON_WORDS = frozenset(
    (
        *("pin", "password", "passwd", "passphrase", "token", "secret", "apikey"),
        *("credential", "credentials", "authorization", "otp", "mdp", "jeton"),
    )
)


def _secret_word(word: str, equals: bool = True) -> bool:
    word = word.lower()
    if word in _EQUALS_ONLY:
        return equals
    if word in QUERY_SECRET_WORDS or word.endswith(_SECRET_ENDINGS):
        return True
    one = word[:-1] if word.endswith("keys") else word
    return one.endswith("key") and one not in _HARMLESS_KEYS


def _judge_name(name: str, equals: bool) -> bool:
    words = _NAME_WORD.findall(name)
    joined = "".join(words).lower()
    return any(_secret_word(word, equals) for word in words) or (
        joined in QUERY_SECRET_WORDS and (equals or joined not in _EQUALS_ONLY)
    )


def _judge_parameter(name: str) -> bool:
    return _judge_name(name, True) or "".join(_NAME_WORD.findall(name)).lower() in _PARAMETER_ONLY


# A log's names repeat ("?v=", "url":): each judged once. Only short ones are kept.
_judged_name = functools.lru_cache(maxsize=1024)(_judge_name)
_judged_parameter = functools.lru_cache(maxsize=1024)(_judge_parameter)
_SHORT_NAME = 64


def _secret_name(name: str, equals: bool = True) -> bool:
    """A word of the name is secret, or its words together are one: ?session_id=, ?sessionId=.
    `equals`: the name is followed by "=" (not ":")."""
    return (_judged_name if len(name) <= _SHORT_NAME else _judge_name)(name, equals)


def _secret_parameter(name: str) -> bool:
    """An address's parameter (`_QUERY`'s match, its encodings made spaces): a secret name, or
    a name secret as a parameter only (`_PARAMETER_ONLY`)."""
    return (_judged_parameter if len(name) <= _SHORT_NAME else _judge_parameter)(name)


def _redact_query(text: str) -> str:
    """A secret parameter's value becomes ***; after any other parameter's name the search goes
    on inside its value (a nested URL: ?next=/login?token=x)."""
    parts: list[str] = []
    position = 0
    in_address, looked_to = False, 0  # whether the word up to `looked_to` holds "://"
    while match := _QUERY.search(text, position):
        name_end = match.end(1)
        name = _PERCENT.sub(" ", match[1])  # access%5Ftoken, user%5Bpassword%5D
        parts.append(text[position:name_end])
        position = name_end
        # A kept parameter's value is never scanned (review r2 #1: it was, to its end, then
        # again from each later name: "?a=" x 32 kB took 6 s, a compact JSON of addresses
        # 200 kB 19 s, under the handler's lock).
        if not _secret_parameter(name):
            continue
        value_pattern = _PLAIN_VALUE if match[2] == "=" else _ENCODED_VALUE
        if match[1][0] == "#":  # each character looked at once: from the last "#" looked from
            for mark in _WORD_OR_ADDRESS.finditer(text, looked_to, match.start()):
                in_address = mark[0] == "://"
            looked_to = match.start()
            if not in_address:
                value_pattern = _PATH_VALUE
        value = value_pattern.match(text, name_end)
        if value is not None:
            parts.append("***")
            position = value.end()
    parts.append(text[position:])
    return "".join(parts)


# A name then "=" or ":", the name quoted or not (JSON's "access_token": "x", client_secret=x,
# refresh_token: x, a cookie's sessionid=x; csrftoken=y): its value is redacted when the name is
# secret (`_secret_name`, as in a URL's query). Each match starts where a name does, and each
# character of the text is looked at a bounded number of times: linear.
# French's "mot de passe" is three words (review r2 #5: "Mot de passe : hunter2" was kept).
_NAMED = re.compile(
    r"""(?<![\w.-])(["']?)((?i:mots?[ \t]+de[ \t]+passe)|-*[A-Za-z][\w.-]*(?:\[[\w.-]*\])*)\1"""
    r"""\s*([=:])\s*"""
)
# A quoted value runs to its own closing quote, over the other quote and escaped ones (review
# r2 #8: {"password": "l'ecole2024"} showed ***ecole2024").
_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&)}\]]+)""")
# A name just after a quote is inside a quoted string (['--header', 'Authorization: Bearer x']):
# its value unquoted ends at that quote, which is kept (review r2 #15).
_VALUE_IN = {
    quote: re.compile(
        rf"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""
        rf"""|(?:[^\s,;&)}}\]{quote}]|{quote}(?![,;:)}}\]>\s]|$))+)"""
    )
    for quote in ("'", '"')
}
# An Authorization header's scheme (Basic, Bearer, Digest, AWS, AWS4-HMAC-SHA256) is kept; the
# credentials after it are redacted unless they are name=value pairs (Credential=…, Signature=…).
# A base64 credential ending in its "=" padding is none (review r2 #6: NTLM's, Negotiate's); a
# Digest's username*= or name = value is one (r2 #13: "Digest *** = ***").
_SCHEME = re.compile(r"[A-Za-z][\w-]*[ \t]+(?=\S)")
_PAIR = re.compile(r"[A-Za-z][\w*.-]*(?:=(?=[^=\s,])|[ \t]+=)")
# A Cookie or Set-Cookie header: every cookie's value is redacted (review r2 #7: MoodleSession=,
# session=, laravel_session=, ASP.NET_SessionId= are a logged-in session, their names no secret
# words), the attributes and the language kept. Its pairs are read while ";" joins them.
_COOKIE_HEADERS = frozenset(("cookie", "set-cookie"))
# A cookie's name is RFC 6265's token (no ':', '/', '?': "cookie: https://a/?x=1" is none). A
# value ends at ";" or ",", or at a quote that closes (a headers dict's); an Expires date's
# comma is the date's. Requests folds several Set-Cookie headers into one, joined by ", ": there
# a comma before the next name=value goes on to the next cookie (r8: the session was kept).
_COOKIE_NAME = r"[!#$%&*+.^_`|~\w-]+"
_COOKIE_PAIR = re.compile(
    rf"""[ \t]*({_COOKIE_NAME})(?:[ \t]*=[ \t]*("[^"]*\""""
    r"""|[A-Za-z]{3,9},[ \t]*[\w -]*?\d\d:\d\d:\d\d[ \t]*GMT"""
    r"""|(?:[^\s;,"']|'(?![,;:)}\]>\s]|$))*))?"""
    rf"""[ \t]*(;|,(?=[ \t]*{_COOKIE_NAME}[ \t]*=))?"""
)
_COOKIE_KEPT = frozenset(
    (
        *("path", "domain", "expires", "max-age", "samesite", "secure", "httponly"),
        *("partitioned", "priority", "version", "comment", "lang"),
    )
)


def _redact_cookies(text: str, position: int, parts: list[str], folded: bool) -> int:
    """The cookies from `position` (after "Cookie: ", a quote skipped) appended to `parts`, each
    value redacted but an attribute's; returns where they end."""
    if text[position : position + 1] in ("'", '"'):
        parts.append(text[position])
        position += 1
    while pair := _COOKIE_PAIR.match(text, position):
        start, end = pair.span(2)
        if pair[1].lower() not in _COOKIE_KEPT and end > start:
            parts.append(text[position:start] + "***" + text[end : pair.end()])
        else:
            parts.append(pair[0])
        position = pair.end()
        if pair[3] == "," and not folded:  # a comma folds Set-Cookie's only
            parts[-1] = parts[-1][:-1]
            position -= 1
        if pair[3] != ";" and not (pair[3] and folded):
            break
    return position


def _redact_named(text: str) -> str:
    parts: list[str] = []
    position = 0
    while match := _NAMED.search(text, position):
        end = match.end()
        name = match[2]
        words = _NAME_WORD.findall(name)
        if match[3] == "=" or match[1]:
            secret = _secret_name(name, equals=match[3] == "=")
        elif len(words) > 1:  # refresh_token:, X-Api-Key:, sessionId: by the last word or
            # all of them; not "KeyError: 'a'" (an exception's name, what support reads)
            joined = "".join(words).lower()
            secret = _secret_word(words[-1], equals=False) or (
                joined in QUERY_SECRET_WORDS and joined not in _EQUALS_ONLY
            )
        else:
            secret = name.lower() in _COLON_WORDS
        if name.lower() in _COOKIE_HEADERS and match[3] == ":":
            parts.append(text[position:end])
            position = _redact_cookies(text, end, parts, name.lower() == "set-cookie")
            continue
        if not secret:
            parts.append(text[position:end])
            position = end
            continue
        if name.lower().endswith("authorization") and (scheme := _SCHEME.match(text, end)):
            end = scheme.end()
            if _PAIR.match(text, end):  # Credential=…: each pair judged by its name
                parts.append(text[position:end])
                position = end
                continue
        if text.startswith("***", end):  # redacted already: its rest is read by the names
            # after it, never once per secret name before them (r8: "?key=a#" x 100 kB, 12 s)
            parts.append(text[position : end + 3])
            position = end + 3
            continue
        opener = text[match.start() - 1] if match.start() and not match[1] else ""
        value = _VALUE_IN.get(opener, _VALUE).match(text, end)
        if value is None:  # nothing there
            parts.append(text[position:end])
            position = end
            continue
        parts.append(text[position:end] + "***")
        position = value.end()
    parts.append(text[position:])
    return "".join(parts)


# An HTTP Digest's credentials (RFC 7616), wherever they appear (an Authorization header, a
# challenge, a headers dict, a sentence): "Digest" then name=value pairs. Their names are no
# secret words, yet the user name, the nonces, the response (the password can be searched for
# from it offline) and the opaque value are the exchange's secrets; realm, uri, algorithm, qop
# and nc are kept (what support reads). Each pair is matched where the last one ended: linear.
_DIGEST = re.compile(r"\bDigest[ \t]+(?=[A-Za-z][\w*-]*[ \t]*=)", re.I)
# A value quoted ("…" with its \" escapes, '…', or \"…\" in headers dumped as JSON) or not,
# RFC 8187's username*=UTF-8''am%C3%A9lie included: a value read short (at its first ' or an
# escaped ") stopped the pairs, and the response after it was kept (review r2 #3).
_DIGEST_PAIR = re.compile(
    r"""[ \t]*([A-Za-z][\w*-]*)[ \t]*=[ \t]*"""
    r"""("(?:[^"\\]|\\.)*"|\\"(?:[^"\\]|\\[^"])*\\"|'[^']*'"""
    r"""|[^\s,"']*(?:'[^\s,"']*'[^\s,"']*)?)[ \t]*,?"""
)
_DIGEST_SECRETS = frozenset(("username", "username*", "nonce", "cnonce", "response", "opaque"))


def _redact_digest(text: str) -> str:
    parts: list[str] = []
    position = 0
    while match := _DIGEST.search(text, position):
        parts.append(text[position : match.end()])
        position = match.end()
        while pair := _DIGEST_PAIR.match(text, position):
            start, end = pair.span(2)
            if pair[1].lower() in _DIGEST_SECRETS and end > start:
                parts.append(text[position:start] + "***" + text[end : pair.end()])
            else:
                parts.append(pair[0])
            position = pair.end()
    parts.append(text[position:])
    return "".join(parts)


# A Basic, Bearer or Token scheme's credential, taken whole (atomic): token68's characters, and
# %2B (encoded).
_TOKEN = r"(?>[A-Za-z0-9._~+/=%-]{4,})"
# A credential has 8 characters or more (base64 of "ab:cd"), and holds a digit or a sign (not
# a sentence's final "."), or mixes small letters and capitals after its first (base64:
# YWxhZGRp): a word ("Maths", "expired", "HTML", "2024") does not.
_CREDENTIAL_LOOK = (
    r"(?=[A-Za-z0-9._~+/=%-]{8})"
    r"(?=[A-Za-z]*(?:[0-9_~+/=%-]|\.[A-Za-z0-9])|[A-Za-z](?:[a-z]+[A-Z]|[A-Z]+[a-z]))"
)


# Basic, Bearer or Token then its credential (group 4 or 6); Token's must look like one.
_SCHEME_CREDENTIAL = re.compile(
    r"""\b((?i:Bearer|Basic)|((?i:Token)))"""
    r"""(?:(\s+["']?)(?!(?i:Basic|Bearer|Token)\b)(?![A-Za-z][\w.-]*=[^=\s,])"""
    rf"""(?(2){_CREDENTIAL_LOOK})({_TOKEN})"""
    rf"""|(["'],[ \t]*["'])(?(2){_CREDENTIAL_LOOK})({_TOKEN})(?!["']?\s*:))"""
)


def _basic_credential(token: str) -> bool:
    """Basic's credential is base64 of "user:password" (RFC 7617): "YTpi" ("a:b") is one;
    "Maths", "2024", "statistics.pdf", "French-English" are not."""
    token = token.replace("%2B", "+").replace("%2b", "+").replace("%3D", "=").replace("%3d", "=")
    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded


def _scheme_credential(match: re.Match[str]) -> str:
    if match[1].lower() == "basic" and not _basic_credential(match[4] or match[6]):
        return match[0]
    return f"{match[1]}{match[3] or match[5]}***"


def _redact_schemes(text: str) -> str:
    return _SCHEME_CREDENTIAL.sub(_scheme_credential, text)


def _replacing(pattern: str, replacement: str) -> Callable[[str], str]:
    return functools.partial(re.compile(pattern, re.I).sub, replacement)


#: `redact`'s steps, in order.
_STEPS: tuple[Callable[[str], str], ...] = (
    # a JWT alone (eyJ…): a bearer's credential. Not after a word's character, so that a run of
    # "eyJeyJ…" is scanned from its start only: linear. Its case is exact, base64 of '{"'
    # (review r2 #4: "eyjafjallajokull.2010.pdf" was redacted).
    functools.partial(re.compile(r"(?<![\w-])eyJ[\w-]+\.[\w-]+\.[\w.-]*").sub, "***"),
    # Authorization: Basic xxx / Bearer xxx, wherever they appear; the token quoted, encoded
    # (%2B), or the next word of a list (['Bearer', 'eyJ…'], an argv) but not a dict's next
    # name ('token_type': 'Bearer', 'expires_in': …), the token taken whole (atomic) for that.
    # After a space the token is taken whatever follows it ("Bearer ghp_x: refused": review r2
    # #2), never another scheme ("invalid token Bearer ghp_x" kept the real token), nor a
    # challenge's name=value (Bearer realm="lrs": r2 #11). Basic and Token are words of
    # sentences and titles ("Basic Maths", "token expired", ['basic', 'algebra']: r2 #4, #10):
    # their credential must look like one (`_CREDENTIAL_LOOK`).
    _redact_schemes,
    # https://user:password@host, up to the host's @ (a password may hold one: p@ss), and a
    # token given as the user name (https://ghp_xxx@host). The scheme bounded (RFC 3986 sets no
    # limit, none is this long): unbounded, each letter of a long "a.a.a…" started a scan to
    # the end of the run (r9: quadratic). A ' or a comma in the user info (a password
    # pa'ss,w), but not side by side, a list's separator: urls=['https://a.org','mailto:x@y.org']
    # keeps its host a.org. No double quote nor bracket: {"u": ["https://a.org","x@y.org"]}.
    # Each character has one way through: still linear.
    _replacing(r"([a-z][a-z0-9+.-]{0,31}://)(?:[^/\s?#\"'<>\[\]{},]|'(?!,)|,(?!'))*@", r"\1***@"),
    _redact_query,
    # Digest username="x", nonce="y", response="z"
    _redact_digest,
    # pin=1234, "password": "x", token: abc, secret='...', "access_token": "x", Cookie: sid=x
    _redact_named,
)


def redact(text: str) -> str:
    for step in _STEPS:
        text = step(text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats the record, its message and traceback with anything secret-looking removed.

    The message and the traceback are redacted, not the line: the record's fixed fields (time,
    level, logger name) are never read as a field's name (a learner's-eye run: "INFO
    sync.credentials: no OS keyring backend…" became "INFO sync.credentials: *** OS keyring
    backend…", the logger's name ending in "credentials:")."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = redact(record.getMessage())
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        parts = [self.formatMessage(record).removesuffix("\n")]
        # logging keeps the traceback's text on the record, for every handler: redacted here
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            parts.append(redact(record.exc_text))
        if record.stack_info:
            parts.append(redact(self.formatStack(record.stack_info)))
        # A record's further lines (its traceback, a file name or an error holding a line
        # break) indented: none can pass for a record of its own, in the file or in Help's Last
        # problems (r9: a records file named "x.json\n<date> INFO …" wrote a fake line).
        first, *rest = "\n".join(parts).splitlines() or [""]
        return "\n".join([first, *(f"    {line}" for line in rest)])


class RotatingFile(logging.FileHandler):
    """A log file rotated by size (`cartable.log`, `.1`, `.2`...), like the standard library's
    RotatingFileHandler, without loading logging.handlers (sockets, pickle, queues: 7 ms at
    every start for a feature we do not use)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backups
        #: Why the last record (or closing) could not be written; None when it was.
        self.write_error: OSError | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.write_error = None
        try:
            if self.stream is not None and self.stream.tell() >= self.maxBytes:
                self._rotate()
        except OSError:
            pass  # not rotated: the record still goes to the file as it is
        try:
            super().emit(record)  # a write error comes to handleError
        except OSError as error:  # reopening the file after a failed rotation
            self.write_error = error

    def handleError(self, record: logging.LogRecord) -> None:
        """A write that failed is kept, not printed: the terminal is not the log's fallback.
        Anything else (a bad format string: a bug) is reported as logging does."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            self.write_error = error
            return
        super().handleError(record)

    def close(self) -> None:
        try:
            super().close()
        except OSError as error:  # the last flush, on a full disk
            self.write_error = error

    def _rotate(self) -> None:
        self.close()
        base = Path(self.baseFilename)
        for index in range(self.backupCount - 1, 0, -1):
            older = base.with_name(f"{base.name}.{index}")
            if older.exists():
                os.replace(older, base.with_name(f"{base.name}.{index + 1}"))
        if self.backupCount > 0 and base.exists():
            os.replace(base, base.with_name(f"{base.name}.1"))
        self.stream = self._open()


def open_log_file(logs_dir: Path) -> RotatingFile:
    """The rotating `cartable.log` in `logs_dir`, redacting, as the GUI writes it."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFile(logs_dir / LOG_FILE, MAX_BYTES, BACKUPS)
    handler.setFormatter(RedactingFormatter(FORMAT))
    return handler


def one_line(error: BaseException) -> str:
    """`Type: message`, its first line only, redacted and cut at 300 characters."""
    lines = f"{type(error).__name__}: {error}".strip().splitlines()
    return redact(lines[0] if lines else type(error).__name__)[:300]


def logged_failure(logs: Path, error: BaseException, what: str) -> str:
    """The line a headless command prints for an unexpected failure (`what failed: Type:
    message`), its traceback written to the log file in `logs` only: a log that cannot be
    written is said in that line, nothing else reaches the terminal."""
    line = f"{what} failed: {one_line(error)}"
    unwritable = f"{line} (the log file in {logs} could not be written)"
    failure_log = logging.getLogger("cartable.failure")
    failure_log.propagate = False  # the terminal's handler would print the traceback
    try:
        handler = open_log_file(logs)
    except OSError:
        return unwritable
    failure_log.addHandler(handler)
    try:
        failure_log.error("cartable %s failed", what, exc_info=error)
    finally:
        failure_log.removeHandler(handler)
        handler.close()
    if handler.write_error is not None:
        return unwritable
    return f"{line} (details in {handler.baseFilename})"


#: The terminal's format while a command keeps no log file.
TERMINAL_FORMAT = "%(levelname)s %(name)s: %(message)s"


class TerminalFormatter(logging.Formatter):
    """The terminal's lines of the headless commands. While a command writes the log file
    (`headless_log`): one line per record, an exception's first line and where its traceback
    went; otherwise the message and its traceback, as logging prints them (nowhere else keeps
    it)."""

    def __init__(self) -> None:
        super().__init__(TERMINAL_FORMAT)
        self.logs_dir: Path | None = None
        self.log_file: RotatingFile | None = None

    def format(self, record: logging.LogRecord) -> str:
        if self.logs_dir is None:
            return super().format(record)
        message = " ".join(record.getMessage().split())
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            message = f"{message}: {one_line(error)} {self._where()}"
        warning = "" if record.levelno >= logging.ERROR else "warning: "
        return redact(f"cartable: {warning}{message}")

    def _where(self) -> str:
        log_file = self.log_file
        if log_file is None or log_file.write_error is not None:
            return f"(the log file in {self.logs_dir} could not be written)"
        return f"(details in {log_file.baseFilename})"


def terminal_handler() -> logging.Handler:
    """stderr, WARNING and up (the log file takes INFO), through a `TerminalFormatter`."""
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(TerminalFormatter())
    return handler


@contextmanager
def headless_log(logs_dir: Path, level: int = logging.INFO) -> Iterator[RotatingFile | None]:
    """While inside: the root logger also writes `cartable.log` in `logs_dir` (from `level`,
    redacted, tracebacks included), like the player, and the terminal's handlers print one line
    per record saying where the details are. The file comes first, so that line knows whether
    it could be written. Yields the file's handler, None when it could not be opened."""
    root = logging.getLogger()
    try:
        log_file: RotatingFile | None = open_log_file(logs_dir)
    except OSError:
        log_file = None
    terminals = [
        (handler, handler.formatter)
        for handler in root.handlers
        if isinstance(handler.formatter, TerminalFormatter)
    ]
    for handler, _ in terminals:
        root.removeHandler(handler)
    if log_file is not None:
        root.addHandler(log_file)
    for handler, formatter in terminals:
        formatter.logs_dir, formatter.log_file = logs_dir, log_file
        root.addHandler(handler)
    old_level = root.level
    root.setLevel(min(old_level, level))  # NOTSET (0) stays: everything already passes
    try:
        yield log_file
    finally:
        root.setLevel(old_level)
        for _, formatter in terminals:
            formatter.logs_dir, formatter.log_file = None, None
        if log_file is not None:
            root.removeHandler(log_file)
            log_file.close()
