"""The pure parts of the guard and of admission: no server, no model (fast)."""

from __future__ import annotations

import base64
import threading

import pytest

from qa.admission import Admission, Busy
from qa.guard import LoginThrottle, credentials_match, host_name, parse_basic

pytestmark = pytest.mark.fast  # the fast tier: make test-fast


def test_throttle_delay_grows_and_resets():
    now = [1000.0]
    t = LoginThrottle(free=5, base=0.5, cap=60, clock=lambda: now[0])
    for _ in range(5):
        assert t.wait("a") == 0
        t.failed("a")
    assert t.wait("a") == pytest.approx(0.5)  # the 6th attempt waits
    assert t.wait("b") == 0  # per client
    delays = []
    for _ in range(10):
        now[0] += t.wait("a")
        t.failed("a")
        delays.append(t.wait("a"))
    assert delays == sorted(delays) and delays[-1] == 60  # grows, capped
    t.succeeded("a")
    assert t.wait("a") == 0


def test_basic_credentials_utf8_and_latin1():
    header = "Basic " + base64.b64encode("ünï:pä:ss".encode()).decode()
    assert parse_basic(header) == ("ünï", "pä:ss")
    assert parse_basic("Basic " + base64.b64encode("ann:caf\xe9".encode("latin-1")).decode()) == ("ann", "café")
    assert parse_basic("Basic !!!") is None and parse_basic("Bearer x") is None and parse_basic(None) is None
    assert parse_basic("Basic " + base64.b64encode(b"nocolon").decode()) is None
    assert credentials_match(("ünï", "pä:ss"), "ünï", "pä:ss")
    assert not credentials_match(("ünï", "pä:ss"), "ünï", "pä:sS")
    assert not credentials_match(("ünï", "pä:ss"), "uni", "pä:ss")
    assert not credentials_match(("a", "b"), "a\ud800", "b")  # a lone surrogate compares, never raises


@pytest.mark.parametrize("header,name", [("127.0.0.1:7860", "127.0.0.1"), ("[::1]:80", "::1"), ("LocalHost", "localhost"),
                                         ("example.org:443", "example.org"), ("::1", "::1")])
def test_host_name(header, name):
    assert host_name(header) == name


def test_admission_refuses_at_once_and_never_leaks():
    adm = Admission(limit=2, queue=1)
    permits = [adm.admit() for _ in range(3)]
    with pytest.raises(Busy):
        adm.admit()
    assert permits[0].compute() and permits[1].compute()
    started = threading.Event()
    result: list = []

    def waiter():
        started.set()
        result.append(permits[2].compute(poll=0.01))

    t = threading.Thread(target=waiter)
    t.start()
    started.wait()
    permits[2].release()  # the client left while waiting: the waiter computes nothing
    t.join(5)
    assert result == [False]
    for p in permits:
        p.release()
        p.release()  # twice is harmless
    assert adm.admitted == 0
    again = [adm.admit() for _ in range(3)]
    assert all(p.compute(poll=0.01) for p in again[:2])
    for p in again:
        p.release()
    assert adm.admitted == 0
