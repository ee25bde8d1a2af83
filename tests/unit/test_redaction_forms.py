"""What `redact` (player/logfile.py) takes from the log and the support report, and what it
keeps, in the forms review r2 found it wrong: a secret after a Bearer or in a Digest, a cookie,
a French name, a quote inside a value (leaks); a course title, a file name, a challenge
(over-redaction). The long-line time test is tests/unit/test_support_report.py's."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from player.logfile import open_log_file, redact

# ---------------------------------------------------------------------------------------------
# Leaks
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("sending Bearer ghp_abcdef1234567890: refused", "sending Bearer ***: refused"),
        ("Bearer ghp_abcdef1234567890 : refused", "Bearer *** : refused"),
        (
            "LRS said 'invalid token Bearer ghp_abcdef1234567890': 401",
            "LRS said 'invalid token Bearer ***': 401",
        ),
    ],
)
def test_a_bearer_token_followed_by_a_colon_is_redacted(text: str, redacted: str) -> None:
    """Review r2 #2 (07b4a56): the lookahead meant for a dict's next name ('Bearer',
    'expires_in':) applied after a plain space too, so a token followed by ":" was kept; and
    "token" before "Bearer" took "Bearer" for its credential, the real token after it kept."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        # RFC 7616's username* (RFC 8187 ext-value, for a non-ASCII name: amélie)
        "Authorization: Digest username*=UTF-8''am%C3%A9lie, realm=\"x\", "
        'response="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b"',
        "Authorization: Digest username*=UTF-8'fr'am%C3%A9lie, "
        'response="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b"',
        # the headers dumped as JSON: its quotes escaped
        '{"Authorization": "Digest username=\\"amelie\\", realm=\\"x\\", '
        'response=\\"6629fae49393a05397450978507c4ef1\\", cnonce=\\"0a4f113b\\""}',
        # single quotes (a hand-written or non-conforming client)
        "Authorization: Digest username='amelie', response='6629fae49393a05397450978507c4ef1', "
        "cnonce='0a4f113b'",
        # a quoted-string holding an escaped quote: the pairs after it were not read
        'Authorization: Digest username="a\\"b", response="6629fae49393a05397450978507c4ef1", '
        'cnonce="0a4f113b"',
    ],
)
def test_a_digest_s_response_is_redacted_whatever_its_user_name_s_form(text: str) -> None:
    """Review r2 #3 (f60da87): username*'s value (UTF-8''…) stopped the Digest's pairs at its
    first ', and the pairs after it (response, cnonce) were never read: kept. Same for escaped
    double quotes (JSON) and single quotes."""
    shown = redact(text)
    assert "6629fae4" not in shown and "0a4f113b" not in shown and "amelie" not in shown, shown
    assert "am%C3" not in shown, shown


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Mot de passe : hunter2", "Mot de passe : ***"),
        ("mot de passe: hunter2", "mot de passe: ***"),
        ("mots de passe=hunter2", "mots de passe=***"),
        ('{"mot de passe": "hunter2"}', '{"mot de passe": ***}'),
        ("?jeton=hunter2&lang=fr", "?jeton=***&lang=fr"),
        ('{"jeton": "hunter2"}', '{"jeton": ***}'),
        ("Jeton : hunter2", "Jeton : ***"),
        ("cle_api=hunter2", "cle_api=***"),
        ("clé_api=hunter2 clé=hunter3", "clé_api=*** clé=***"),
        ("?cle=hunter2&lang=fr", "?cle=***&lang=fr"),
        ("https://lrs.example/?clé=hunter2&lang=fr", "https://lrs.example/?clé=***&lang=fr"),
        ("?cléApi=hunter2&lang=fr", "?cléApi=***&lang=fr"),
    ],
)
def test_a_french_secret_name_is_redacted_as_the_english_one(text: str, redacted: str) -> None:
    """Review r2 #5: 4f047a4 redacted mdp and the run-together mot_de_passe/motDePasse, not the
    words as French writes them ("Mot de passe : x", while "Password: x" is redacted), nor the
    French for token (jeton) and key (clé, cle: "clé" was read "cl", its é no letter)."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "Clé de signature : Université de Dakar",
        "clé : Université de Dakar",
        "mot de passe incorrect : réessayez",
        "Mot de passe oublié",
    ],
)
def test_a_french_sentence_naming_a_key_or_a_password_is_kept(text: str) -> None:
    """A key (clé) is secret only as clé=VALUE, as a signature is: a key's comment ("Clé de
    signature : Université de Dakar") is what support reads."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "Proxy-Authorization: NTLM TlRMTVNTUAADAAAAGAAYAGgAAAAYABgAgAAAAAwADABAAAAA=",
            "Proxy-Authorization: NTLM ***",
        ),
        (
            "Authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MII=",
            "Authorization: Negotiate ***",
        ),
        (
            "Authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MII==, then 401",
            "Authorization: Negotiate ***, then 401",
        ),
    ],
)
def test_a_base64_credential_ending_in_padding_is_no_name_value_pair(
    text: str, redacted: str
) -> None:
    """Review r2 #6: after an Authorization header's scheme, `_PAIR` took a base64 token ending
    in "=" for a Credential=… pair, and kept it: a corporate proxy's NTLM or Kerberos
    credential."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Cookie: MoodleSession=abc123xyz; lang=fr", "Cookie: MoodleSession=***; lang=fr"),
        (
            "Set-Cookie: MoodleSession=abc123xyz; path=/; secure; HttpOnly",
            "Set-Cookie: MoodleSession=***; path=/; secure; HttpOnly",
        ),
        ("Cookie: ASP.NET_SessionId=abc123xyz; lang=fr", "Cookie: ASP.NET_SessionId=***; lang=fr"),
        ("Cookie: session=abc123xyz", "Cookie: session=***"),
        ("cookie: laravel_session=abc123xyz", "cookie: laravel_session=***"),
        ('Cookie: s="abc123xyz"; lang=fr', "Cookie: s=***; lang=fr"),
        (
            "{'Cookie': 'MoodleSession=abc123xyz; lang=fr', 'Accept': '*/*'}",
            "{'Cookie': 'MoodleSession=***; lang=fr', 'Accept': '*/*'}",
        ),
        (
            "Set-Cookie: id=abc123xyz; Expires=Thu, 31 Oct 2026 07:28:00 GMT; Max-Age=3600",
            "Set-Cookie: id=***; Expires=Thu, 31 Oct 2026 07:28:00 GMT; Max-Age=3600",
        ),
    ],
)
def test_a_session_cookie_s_value_is_redacted(text: str, redacted: str) -> None:
    """Review r2 #7: only sessionid/sid/… are session words, so Moodle's cookie (the LMS of most
    institutions), ASP.NET's and a plain session= were kept in a Cookie header. A Cookie
    header's every value is redacted, its attributes and the language kept (an address's
    ?session= stays kept: tests/unit/test_support_report.py)."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ('{"password": "l\'ecole2024"}', '{"password": ***}'),
        ('{"password": "hun\\"ter2l\'ecole2024", "a": 1}', '{"password": ***, "a": 1}'),
        ("{'password': 'l\\'ecole\"2024', 'a': 1}", "{'password': ***, 'a': 1}"),
    ],
)
def test_a_quoted_secret_holding_a_quote_is_redacted_whole(text: str, redacted: str) -> None:
    """Review r2 #8: a quoted value ended at its first ' or ", so a French password with an
    apostrophe left its tail."""
    assert redact(text) == redacted


# ---------------------------------------------------------------------------------------------
# Over-redaction: what support reads is kept
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "could not open eyjafjallajokull.2010.pdf",
        "unit Eyjafjallajokull.v1.2 of geo-islande 1.0.0",
        "course tags ['basic', 'algebra', 'fr']",
        '{"tags": ["basic", "algebra"], "level": "basic"}',
        "('token', 'expired')",
    ],
)
def test_a_word_that_merely_looks_like_a_jwt_or_a_bearer_list_is_kept(text: str) -> None:
    """Review r2 #4 (07b4a56): the JWT step ignored case, so any "eyj…" word with two dots went
    (a JWT is base64url of '{"': always "eyJ"); the list form ['Basic', '…'] took the next
    item of any list holding the word basic or token."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            '{"url":"https://cdn.example/c.zip?token=abc","course":"maths","version":"1.2.0"}',
            '{"url":"https://cdn.example/c.zip?token=***","course":"maths","version":"1.2.0"}',
        ),
        (
            "['https://cdn.example/c.zip?sig=abc','maths','1.2.0']",
            "['https://cdn.example/c.zip?sig=***','maths','1.2.0']",
        ),
        (
            '<a href="https://cdn.example/c.json?sig=abc">maths 1.2.0</a>',
            '<a href="https://cdn.example/c.json?sig=***">maths 1.2.0</a>',
        ),
    ],
)
def test_a_secret_query_value_ends_at_its_closing_quote(text: str, redacted: str) -> None:
    """Review r2 #9: in compact JSON, a list's repr or HTML, a secret parameter's *** swallowed
    everything to the next space: the course and the version support reads were gone."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "GET https://lab.example/c.json?password=l'ecole2024&x=1 failed",
            "GET https://lab.example/c.json?password=***&x=1 failed",
        ),
        (
            "GET https://lab.example/c.json?password=l'ecole2024 failed",
            "GET https://lab.example/c.json?password=*** failed",
        ),
        ("refused 'password=l'ecole2024' (401)", "refused 'password=***' (401)"),
        ("""{'u': 'https://x.example/?token=ab"c'}""", "{'u': 'https://x.example/?token=***'}"),
    ],
)
def test_a_quote_inside_a_secret_value_is_the_secret_s(text: str, redacted: str) -> None:
    """A value ends at a quote that closes (before a separator, a space or the end), not at a
    quote inside it: the password's tail would be logged."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "could not open /home/amelie/projets/#code=42/cours.zip: FileNotFoundError",
            "could not open /home/amelie/projets/#code=***/cours.zip: FileNotFoundError",
        ),
        (
            r"could not open C:\Users\amelie\#code=42\cours.zip",
            r"could not open C:\Users\amelie\#code=***\cours.zip",
        ),
        # an address's fragment: its value is the whole token, / included
        (
            "https://app.example/#access_token=ab/cd+ef&state=1",
            "https://app.example/#access_token=***&state=1",
        ),
        ('{"u": "https://app.example/#code=ab/cd"}', '{"u": "https://app.example/#code=***"}'),
    ],
)
def test_a_learner_s_folder_holding_hash_code_keeps_its_file_name(text: str, redacted: str) -> None:
    """Review r2 #12 (3640116 made "#" a parameter's start, for OAuth's answers in an
    address): a folder named "#code=42" lost the path after it, file name included. Outside an
    address the value ends at the path's next separator."""
    assert redact(text) == redacted


def test_a_bearer_challenge_s_realm_is_kept() -> None:
    """Review r2 #11: WWW-Authenticate's "Bearer realm=…" (what a 401 says) lost "realm=": the
    token pattern took a name=value for a token."""
    text = 'WWW-Authenticate: Bearer realm="lrs", error="invalid_token"'
    assert redact(text) == text
    assert redact("Bearer realm=lrs") == "Bearer realm=lrs"


@pytest.mark.parametrize(
    "text",
    [
        'installed course "Basic Maths" 1.2.0',
        "course Basic Maths.",
        "Basic HTML et CSS",
        "LRS answered 401: token expired",
        "Token invalide",
        "Basic 2024",
        "Basic Python3",
    ],
)
def test_a_course_title_or_a_sentence_with_basic_or_token_is_kept(text: str) -> None:
    """Review r2 #10: the Basic/Bearer/Token step ignored case and took any word after "basic"
    or "token" of 4 characters or more for a credential: a course's title, the reason of a
    401. After Basic or Token, a credential has 8 characters or more and holds a digit, a sign
    or mixes capitals and small letters (base64); Bearer's is taken whatever it is."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Authorization: Basic YWxhZGRpbjpvcGVu", "Authorization: Basic ***"),
        ("sent Basic YWxhZGRpbjpvcGVu", "sent Basic ***"),
        ("sent Basic YWJjOmRlZg==", "sent Basic ***"),
        ("sent token ghp_abcdef12", "sent token ***"),
        ("sent Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "sent Token ***"),
        ("sent Bearer abcdefgh", "sent Bearer ***"),
        ("auth: ('Basic', 'YWxhZGRpbjpvcGVu')", "auth: ('Basic', '***')"),
    ],
)
def test_a_basic_or_token_credential_is_still_redacted(text: str, redacted: str) -> None:
    assert redact(text) == redacted


# ---------------------------------------------------------------------------------------------
# Nits
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            'Authorization: Digest username = "amelie", realm = "x", response = "abc"',
            'Authorization: Digest username = ***, realm = "x", response = ***',
        ),
        (
            "Authorization: Digest username*=UTF-8''am%C3%A9lie, realm=\"x\"",
            'Authorization: Digest username*=***, realm="x"',
        ),
    ],
)
def test_a_digest_s_names_are_kept_with_spaces_or_a_star(text: str, redacted: str) -> None:
    """Review r2 #13: spaces around "=" or RFC 7616's username* made the Authorization rule
    take the first name for the credential: "Digest *** = ***"."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "['--header', 'Authorization: Bearer ghp_x', '-v']",
            "['--header', 'Authorization: Bearer ***', '-v']",
        ),
        (
            "['--header', 'Authorization: AWS AKIA:frJIUN8DYp', '-v']",
            "['--header', 'Authorization: AWS ***', '-v']",
        ),
        ('["--password=hun\'ter2", "-v"]', '["--password=***", "-v"]'),
    ],
)
def test_a_secret_inside_a_quoted_string_keeps_its_closing_quote(text: str, redacted: str) -> None:
    """Review r2 #15: the value of a name inside a quoted item (an argv's) ran over the
    item's closing quote: "Bearer ***]"."""
    assert redact(text) == redacted


# ---------------------------------------------------------------------------------------------
# The log file's lines: the message redacted, not the record's fixed fields
# ---------------------------------------------------------------------------------------------


def test_a_logger_s_name_is_never_read_as_a_secret_field(tmp_path: Path) -> None:
    """A learner's-eye run: the log said "INFO sync.credentials: *** OS keyring backend…": the
    whole formatted line was redacted, and the logger's name ending in "credentials:" was read
    as a secret field, the message's first word its value. The message and the traceback are
    redacted, the time, level and logger name are not. The real handler and file."""
    handler = open_log_file(tmp_path)
    loggers = [logging.getLogger(name) for name in ("sync.credentials", "tests.password")]
    for log in loggers:
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    try:
        loggers[0].info("no OS keyring backend; LRS secrets go to files")
        loggers[1].warning("kept as it is")
        loggers[0].warning("LRS refused password: hunter2, Bearer ghp_abcdef1234567890")
        try:
            raise ValueError("token: s3cr3t-in-a-traceback")
        except ValueError:
            loggers[0].exception("saving the LRS secret failed")
    finally:
        for log in loggers:
            log.removeHandler(handler)
            log.setLevel(logging.NOTSET)
        handler.close()
    text = (tmp_path / "cartable.log").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].endswith(
        " INFO sync.credentials: no OS keyring backend; LRS secrets go to files"
    ), lines[0]
    assert lines[1].endswith(" WARNING tests.password: kept as it is"), lines[1]
    assert lines[2].endswith(" WARNING sync.credentials: LRS refused password: ***, Bearer ***"), (
        lines[2]
    )
    assert lines[3].endswith(" ERROR sync.credentials: saving the LRS secret failed"), lines[3]
    assert "    ValueError: token: ***" in lines, text
    assert "hunter2" not in text and "ghp_" not in text and "s3cr3t" not in text, text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        # requests folds several Set-Cookie headers into one, joined by ", " (review s18 r8 #3)
        (
            "{'Set-Cookie': 'MoodleTest=x; path=/, MoodleSession=s3cr3t; path=/; HttpOnly'}",
            "{'Set-Cookie': 'MoodleTest=***; path=/, MoodleSession=***; path=/; HttpOnly'}",
        ),
        (
            "Set-Cookie: lang=fr; expires=Thu, 01 Jan 2027 00:00:00 GMT; path=/, MoodleSession=s3",
            "Set-Cookie: lang=fr; expires=Thu, 01 Jan 2027 00:00:00 GMT; path=/, MoodleSession=***",
        ),
        # a cookie's value may hold a ' (RFC 6265's cookie-octet)
        ("Cookie: MoodleSession=s3cr'3t; lang=fr", "Cookie: MoodleSession=***; lang=fr"),
        # Basic's credential is base64 of user:password: "a:b" is 4 characters (r8 #4)
        ("sent Basic YTpi", "sent Basic ***"),
        ("['-H', 'Basic', 'YTpi']", "['-H', 'Basic', '***']"),
    ],
)
def test_a_folded_cookie_or_a_short_basic_credential_is_redacted(text: str, redacted: str) -> None:
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "opened Basic statistics.pdf",
        "course Basic Maths-2024 installed",
        "Basic French-English vocabulary",
        "basic 2024-2025 course",
        "refused cookie: https://lrs.example.org/login?next=/xAPI&lang=fr",
    ],
)
def test_a_title_after_basic_or_an_address_after_cookie_is_kept(text: str) -> None:
    """Review s18 r8 #3, #4: a Basic credential is one that decodes to user:password."""
    assert redact(text) == text
