"""Run every benchmark, one after another, and print their numbers.

    .venv/bin/python bench/run_all.py           # full sizes (about 40 minutes on 2 cores; databases cached in bench/out)
    .venv/bin/python bench/run_all.py --quick   # small sizes, a few minutes: a smoke run, not the targets

Each benchmark compares against a baseline measured in the same run, so the ratios mean more than the raw numbers.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("text engine", ["analyse.py"]),
    ("quotes and summaries on the dev corpus", ["eval_corpus.py"]),
    ("article store", ["storage.py"]),
    ("conversation", ["conversation.py"]),
    ("feed ingestion", ["ingest.py"]),
    ("digest fan-out", ["digests.py"]),
    ("digest pacing at a 50 ms round trip", ["pacing.py"]),
]
QUICK = [
    ("text engine", ["analyse.py", "--rounds", "1"]),
    ("quotes and summaries on the dev corpus", ["eval_corpus.py"]),
    ("article store", ["storage.py", "--articles", "3000"]),
    ("conversation", ["conversation.py", "--articles", "3000", "--samples", "40", "--users", "4"]),
    ("feed ingestion", ["ingest.py", "--feeds", "10", "--items", "200", "--samples", "20"]),
    ("digest fan-out", ["digests.py", "--subscribers", "300"]),
    ("digest pacing at a 50 ms round trip", ["pacing.py", "--rates", "25,100", "--seconds", "4"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run, not the targets")
    parser.add_argument("--only", action="append", default=[], help="run benchmarks whose script name has this")
    args = parser.parse_args()
    failures = 0
    for title, command in QUICK if args.quick else FULL:
        if args.only and not any(part in command[0] for part in args.only):
            continue
        print(f"\n=== {title}: bench/{' '.join(command)}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / command[0]), *command[1:]])
        print(f"=== {title}: exit {code} after {time.perf_counter() - started:.0f} s", flush=True)
        failures += code != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
