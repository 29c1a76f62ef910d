"""Benchmark the digest pacing: how close the fan-out comes to the configured rate, with a real round trip.

    .venv/bin/python bench/pacing.py [--latency 0.05] [--rates 25,100,1000] [--seconds 10]

For each rate, the real `kabarchy run` process sends one digest to each of rate x --seconds subscribers, all due
at once (bench/digests.py's run), through `python -m botapi_emulator` in its own process answering every call after
--latency seconds, as Telegram's tens of milliseconds would. Rates above Telegram's free 30/s use paid broadcasts.

Printed per rate: the achieved digest messages/s as the emulator received them and as a share of the configured
rate (target: at least 95 %), and the busiest one-second window (target: never above the rate). The baseline in
the same run is the arithmetic of the limiter before issue 13, which held each of `rate` permits until a second
after its answer: rate / (1.01 s + round trip) per second.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.digests import FIRST_USER, run_once, start_emulator  # noqa: E402
from botapi_emulator import EmulatorClient  # noqa: E402


async def main(args: argparse.Namespace) -> int:
    rates = [float(r) for r in args.rates.split(",")]
    failed = False
    rows = []
    for rate in rates:
        # A fresh emulator per rate, holding only this run's users: one holding 10,000 users stalls now and then
        # (its garbage collector), stamps a few arrivals late, and a one-second window then shows a few too many.
        emulator, root = start_emulator()
        try:
            async with EmulatorClient(root, request_timeout=300) as client:
                await client.set_latency(args.latency)
                users = await client.create_users(int(rate * args.seconds), first_id=FIRST_USER, language_code="ky")
                reader = (await client.create_user(first_name="Reader", language_code="ky"))["id"]
                if not rows:
                    print(f"emulator answering after {args.latency * 1000:.0f} ms; the bot: kabarchy run")
                run = argparse.Namespace(rate=rate, paid=rate > 30, inline=False, burst=0, burst_wait=3)
                result = await run_once(client, root, users, reader, run, burst=0)
        finally:
            emulator.send_signal(signal.SIGTERM)
            emulator.wait(timeout=10)
        share = result.achieved / rate * 100
        before = rate / (1.01 + args.latency)
        rows.append((rate, result.achieved, share, result.busiest_second, before / rate * 100))
        ok = share >= 95 and result.busiest_second <= rate and not result.missing and not result.duplicates
        failed |= not ok
        print(f"{rate:6.0f}/s: {len(users)} digests, achieved {result.achieved:7.1f}/s = {share:5.1f} %,"
              f" busiest second {result.busiest_second}, missing {result.missing},"
              f" duplicates {result.duplicates}  {'PASS' if ok else 'FAIL'}", flush=True)
    print(f"\n{'rate':>8}{'achieved':>10}{'share':>8}{'busiest s':>11}{'before':>9}")
    for rate, achieved, share, busiest, before in rows:
        print(f"{rate:>8.0f}{achieved:>10.1f}{share:>7.1f}%{busiest:>11}{before:>8.1f}%")
    print("(before: the share the limiter of issue 12 reaches at this round trip, rate / (1.01 s + round trip))")
    return 1 if failed else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the emulator waits before answering")
    parser.add_argument("--rates", default="25,100,1000", help="KABARCHY_MESSAGES_PER_SECOND values, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of sending per rate (subscribers)")
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(asyncio.run(main(parse_args())))
