"""The machine's speed at the hour, as three references (not targets): a pure-Python loop, a system call,
and a message to another thread and back over a local socket. The suite and the server use all three
(Chromium's processes, Playwright's pipe, loopback HTTP), and here each varies on its own from hour to
hour: two runs of `make bench` or `make test` are compared through these lines."""
from __future__ import annotations

import os
import socket
import statistics
import threading
import time


def timed(work, repeat: int = 5) -> float:
    """The median duration of `work()`, in seconds."""
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def python_loop() -> None:
    sum(i * i for i in range(10**6))


def system_calls(count: int = 100_000) -> None:
    for _ in range(count):
        os.getppid()


def round_trips(count: int = 5_000) -> float:
    """Seconds for `count` one-byte messages to an echoing thread and back."""
    here, there = socket.socketpair()

    def echo() -> None:
        while data := there.recv(64):
            there.send(data)

    thread = threading.Thread(target=echo, daemon=True)
    thread.start()
    start = time.perf_counter()
    for _ in range(count):
        here.send(b"x")
        here.recv(64)
    elapsed = time.perf_counter() - start
    here.close()
    thread.join(5)
    there.close()
    return elapsed


def machine_speed(when: str) -> None:
    loop = timed(python_loop)
    call = timed(system_calls) / 100_000
    trip = statistics.median(round_trips() for _ in range(3)) / 5_000
    print(f"Machine, {when} (medians; lower is faster): Python loop {loop * 1e3:.0f} ms, system call "
          f"{call * 1e9:.0f} ns, thread round trip over a socket {trip * 1e6:.1f} µs")


if __name__ == "__main__":  # python scripts/machine.py: the same line, beside a `make test`
    machine_speed("now")
