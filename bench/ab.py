"""Did a change make a page cheaper? Both versions in one process, in alternating blocks.

    .venv/bin/python -m bench.ab search find --switch common.compiled:_kept_cursor="lambda connection, sql: None"
    .venv/bin/python -m bench.ab event_results --switch jinshi_laotixie.jinja_env:translate=... --blocks 20

A switch names a module attribute and an expression for its other value (evaluated with the module's
names in scope): "on" is the code as it is, "off" the attribute replaced. For each page the two
versions take turns in blocks of ``--requests`` requests through the test Client (the whole
middleware stack, production settings, page cache off, the bench database), ON first in one round
and OFF first in the next, and the medians of CPU per request are compared: this process's CPU (the
worker's Python) and the CPU of its PostgreSQL backend (read from /proc; its clock ticks every
10 ms, so that column is a mean over the blocks). Single readings on these shared machines drift by
a tenth within minutes; alternating blocks see the same drift on both sides.

A switch only reaches code that looks the attribute up when it runs: a function imported by name
into another module, or stored in a registry, must be switched where it is looked up.
"""

import argparse
import importlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Switch:
    module: object
    attribute: str
    on_value: object
    off_value: object

    @classmethod
    def parse(cls, text: str) -> "Switch":
        """"package.module:attribute=expression"."""
        target, _, expression = text.partition("=")
        module_name, _, attribute = target.partition(":")
        if not (module_name and attribute and expression):
            raise argparse.ArgumentTypeError(f"{text!r}: expected module:attribute=expression")
        module = importlib.import_module(module_name)
        on_value = getattr(module, attribute)
        off_value = eval(expression, vars(module))  # a developer's own command line
        return cls(module, attribute, on_value, off_value)

    def set(self, on: bool) -> None:
        setattr(self.module, self.attribute, self.on_value if on else self.off_value)


def alternate(measure: Callable[[bool], tuple[float, float]], set_version: Callable[[bool], None], rounds: int) -> dict[bool, list[tuple[float, float]]]:
    """``rounds`` rounds of one block per version, ON first in even rounds and OFF first in odd ones.
    ``measure(on)`` returns (Python ms, PostgreSQL ms) per request of one block. Leaves ON set."""
    readings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for round_number in range(rounds):
        for on in ((True, False) if round_number % 2 == 0 else (False, True)):
            set_version(on)
            readings[on].append(measure(on))
    set_version(True)
    return readings


def summary(readings: dict[bool, list[tuple[float, float]]]) -> dict[str, float]:
    """Median Python ms, mean PostgreSQL ms per version, and the change of Python's median in %."""
    on_python = statistics.median(python for python, _ in readings[True])
    off_python = statistics.median(python for python, _ in readings[False])
    return {
        "on_python": on_python,
        "off_python": off_python,
        "python_change_pct": 100 * (on_python - off_python) / off_python,
        "on_postgres": statistics.fmean(postgres for _, postgres in readings[True]),
        "off_postgres": statistics.fmean(postgres for _, postgres in readings[False]),
    }


def _block_measure(client, url: str, requests: int, backend: int, process_cpu) -> Callable[[bool], tuple[float, float]]:
    """A measure() for alternate(): (Python ms, PostgreSQL ms) per request of one block of ``url``."""

    def measure(on: bool) -> tuple[float, float]:
        client.get(url)  # the first request after a switch pays for what the switch changed
        postgres_before, python_before = process_cpu(backend)[2], time.process_time()
        for _ in range(requests):
            client.get(url)
        python = time.process_time() - python_before
        postgres = process_cpu(backend)[2] - postgres_before
        return 1000 * python / requests, 1000 * postgres / requests

    return measure


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help="page names of bench/pages.py")
    parser.add_argument("--switch", action="append", required=True, help="module:attribute=expression (repeatable)")
    parser.add_argument("--blocks", type=int, default=16, help="rounds of one block per version")
    parser.add_argument("--requests", type=int, default=40, help="requests per block")
    args = parser.parse_args(argv)

    from bench.profile import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client

    from bench.cpu import process_cpu
    from bench.pages import PAGES, resolve

    switches = [Switch.parse(text) for text in args.switch]

    def set_version(on: bool) -> None:
        for switch in switches:
            switch.set(on)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    found, notes = resolve([page for page in PAGES if page.name in set(args.pages)])
    for note in notes:
        print(note)
    for page, url in found:
        client = Client()
        measure = _block_measure(client, url, args.requests, backend, process_cpu)
        for on in (True, False):  # warm both versions: compiled statements, templates, caches
            set_version(on)
            for _ in range(15):
                client.get(url)
        figures = summary(alternate(measure, set_version, args.blocks))
        print(
            f"{page.name:16s} python on {figures['on_python']:.3f} off {figures['off_python']:.3f} ms "
            f"({figures['python_change_pct']:+.1f} %)  postgres on {figures['on_postgres']:.3f} off {figures['off_postgres']:.3f} ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
