"""`python -m bench` (`make bench`): every benchmark in turn, each on its own throwaway database and at sizes that
keep the whole run to a few minutes on a small machine; each prints its figures beside its baseline. Name some
to run only those (`python -m bench exports`). Run a module alone for its full size and options
(`python -m bench.compliance --help`)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from bench import compliance, exports, imports
from bench.harness import throwaway_database, use_test_settings

use_test_settings()

BENCHMARKS: dict[str, tuple[str, Callable[[], None]]] = {
    "imports": ("Learner import, 5,000 rows (floor: csv + bulk_create)", lambda: imports.run(5000)),
    "compliance": (
        "Compliance engine, a 2,000-learner centre and 10,000 learners nationally (floor: hand-written SQL)",
        lambda: compliance.run(2000, 10_000, 20, one_by_one=100),
    ),
    "exports": (
        "Exports, a 600-learner qualification (floor: openpyxl write-only / csv module)",
        lambda: exports.run(600, repeat=3),
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of: {', '.join(BENCHMARKS)} (default: all)")
    names = parser.parse_args().names or list(BENCHMARKS)
    if unknown := [name for name in names if name not in BENCHMARKS]:
        parser.error(f"no benchmark named {', '.join(unknown)}")
    started = time.perf_counter()
    for name in names:
        title, run = BENCHMARKS[name]
        print(f"\n== {name}: {title}", flush=True)
        start = time.perf_counter()
        with throwaway_database():
            run()
        print(f"({name}: {time.perf_counter() - start:.0f} s with its database)", flush=True)
    print(f"\nAll done in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
