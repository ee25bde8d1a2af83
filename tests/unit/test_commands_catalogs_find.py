"""`cartable catalogs find` as a lab's learner runs it: a share answering on 127.0.0.1 (a real UDP
responder; never broadcast, which the sandbox may not carry) is one line with the exact
`cartable catalogs add` to type; nothing found says so and why; a wrong `--to` is one line."""

from __future__ import annotations

import socket
from pathlib import Path

from sync.share_discovery import Announcement, DiscoveryResponder
from tests.support import run_cli


def find(home: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("-m", "player", "catalogs", "find", *args, env={"CARTABLE_HOME": str(home)})
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def test_a_share_found_is_one_line_with_the_command_to_type(tmp_path: Path) -> None:
    lab = DiscoveryResponder(Announcement("LAB-PC-01", 12, 8475), host="127.0.0.1", port=0)
    single = DiscoveryResponder(Announcement("aula-2", 1, 9000), host="127.0.0.1", port=0)
    lab.start()
    single.start()
    try:
        code, out, err = find(
            tmp_path, "--to", f"127.0.0.1:{lab.port}", "--to", f"127.0.0.1:{single.port}"
        )
    finally:
        lab.stop()
        single.stop()
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "aula-2 (127.0.0.1), 1 course: cartable catalogs add http://127.0.0.1:9000/",
        "LAB-PC-01 (127.0.0.1), 12 courses: cartable catalogs add http://127.0.0.1:8475/",
    ]


def test_nothing_found_says_so_and_why_it_may_be(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody answers there
    code, out, err = find(tmp_path, "--to", f"127.0.0.1:{port}")
    assert (code, err) == (0, "")
    assert out == (
        f"no computer sharing courses answered (127.0.0.1:{port}, 1.5 s). The sharing computer "
        "must be on the same network and sharing now (cartable share, or Share courses on this "
        "network in the player); its firewall, or a Wi-Fi network that blocks broadcasts, can "
        "also hide it: then type the address it shows (cartable catalogs add ADDRESS).\n"
    )


def test_a_wrong_address_is_one_line(tmp_path: Path) -> None:
    for value, error in [
        (
            "lab-pc",
            "--to lab-pc: not a network address (four numbers from 0 to 255, such as "
            "192.168.1.255, maybe followed by :8475)",
        ),
        ("127.0.0.1:0", "--to 127.0.0.1:0: the port after “:” goes from 1 to 65535"),
        ("127.0.0.1:x", "--to 127.0.0.1:x: the port after “:” goes from 1 to 65535"),
    ]:
        code, out, err = find(tmp_path, "--to", value)
        assert (code, out, err) == (1, "", f"cartable: {error}\n"), value
