"""An import killed with SIGKILL halfway leaves a sound database of whole articles; the next run finishes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.storage.samples import generated

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 900


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not migrated yet


def ingest(db: Path, source: Path, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KABARCHY_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", str(source), "--db", str(db), "--batch-size", "25", "--quiet",
         *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the analysis workers with it
    )


@pytest.mark.timeout(300)
def test_kill_9_halfway_then_rerun(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(ARTICLES):
            handle.write(json.dumps(generated(i), ensure_ascii=False) + "\n")
    db = tmp_path / "crash.db"

    process = ingest(db, source)
    try:
        deadline = time.monotonic() + 240
        while stored_count(db) < ARTICLES // 4:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the import made no progress"
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert process.returncode == -signal.SIGKILL
    partial = stored_count(db)
    assert ARTICLES // 4 <= partial < ARTICLES

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        for index in ("articles_fts", "quote_speakers_fts", "article_titles_fts"):
            conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
        # Every generated article has two attributed quotes and a summary: all or nothing of each is stored.
        rows = conn.execute(
            "SELECT a.id, a.quote_count, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),"
            " (SELECT count(*) FROM summary_sentences s WHERE s.article_id = a.id) FROM articles a"
        ).fetchall()
        assert rows and all(declared == found == 2 and summary > 0 for _, declared, found, summary in rows)
    finally:
        conn.close()

    rerun = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(source), "--db", str(db), "--quiet"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - partial} new" in rerun.stdout
    assert f"{partial} already stored" in rerun.stdout
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*), count(DISTINCT url_key) FROM articles").fetchone() == (ARTICLES, ARTICLES)
        assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (2 * ARTICLES,)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def children_of(pid: int) -> list[int]:
    """Return the ids of the live processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and alive(int(entry.name)):
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Tell whether a process exists and is not a zombie (a dead child its new parent has not reaped yet)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.timeout(120)
def test_analysis_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(ARTICLES):
            handle.write(json.dumps(generated(i), ensure_ascii=False) + "\n")
    process = ingest(tmp_path / "orphans.db", source, "--workers", "2")
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 90
        # Wait until the pool is working: its spawned workers (and their resource tracker) are children.
        while stored_count(tmp_path / "orphans.db") < 25 or len(workers) < 2:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the import started no workers"
            workers = children_of(process.pid)
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)  # the import alone, as the OOM killer would: not its process group
        process.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)], "worker processes outlived the killed import"
    finally:
        if process.poll() is None:
            process.kill()
        if any(alive(pid) for pid in workers):
            os.killpg(process.pid, signal.SIGKILL)  # leave nothing behind, whatever the test found
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
