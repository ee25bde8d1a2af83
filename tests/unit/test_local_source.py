"""sync.repository.is_local_source: which sources the speed limit, the download hours and "only on
unmetered connections" leave alone (they save paid bandwidth; docs/downloads.md). A folder, or an
http(s) URL whose host is an IP address of this laptop's own network; never a host name."""

from __future__ import annotations

import pytest

from sync.repository import is_local_source


@pytest.mark.parametrize(
    "source",
    [
        "http://192.168.1.12:8475/",  # what `cartable share` prints
        "http://10.0.4.20:8475/",
        "http://172.16.0.1/",
        "http://172.31.255.254:8475/catalog.json",
        "https://192.168.0.2/depot/",  # the scheme does not change where the bytes travel
        "http://169.254.10.3:8475/",  # two laptops on a cable, no DHCP
        "http://127.0.0.1:8475/",  # this computer
        "http://[::1]:8475/",
        "http://[fe80::1%25eth0]:8475/",
        "http://[fd12:3456::1]/",
        "http://[::ffff:192.168.1.12]:8475/",
        "/media/usb/depot",  # a USB stick
        "file:///srv/depot",
        "C:\\depot",
    ],
)
def test_the_lab_network_and_folders_are_local(source: str) -> None:
    assert is_local_source(source)


@pytest.mark.parametrize(
    "source",
    [
        "https://cours.example.org/depot/",
        "http://203.0.113.7/",  # a public address
        "http://8.8.8.8:8475/",
        "http://100.64.3.2:8475/",  # a carrier's network (CGNAT), past the paid link
        "http://172.32.0.1/",  # just outside 172.16.0.0/12
        "http://11.0.0.1/",
        "http://[2001:db8::1]/",
        "http://salle-info.local:8475/",  # a name, even .local: the rule never resolves one
        "http://localhost:8475/",
        "http://192.168.1/",  # not an address as written
        "http://3232235788/",
        "http:///catalog.json",  # no host
    ],
)
def test_the_internet_and_host_names_are_not_local(source: str) -> None:
    assert not is_local_source(source)
