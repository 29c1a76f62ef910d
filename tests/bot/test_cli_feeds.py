"""`kabarchy feeds`: the real command line (in a subprocess, as an operator runs it) against a local web server."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from news.opml import parse_opml
from storage import Store
from tests.webserver import FIXTURES, WebServer, web  # noqa: F401  (web is a fixture)

ROOT = Path(__file__).resolve().parents[2]


async def kabarchy(*args: str, db: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` with the database in KABARCHY_DB; return (exit code, stdout, stderr)."""
    environment = {
        **os.environ,
        "KABARCHY_DB": str(db),
        "KABARCHY_FETCH_PRIVATE": "true",  # the fake sites are on 127.0.0.1
        **(env or {}),
    }
    environment.pop("TELEGRAM_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def serve_site(web: WebServer) -> str:
    web.add_fixture("/ky/news/2024/05/16/mektep", "page_ky_mektep.html")
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml")
    web.add_fixture("/feeds/cp1251.xml", "rss20_cp1251.xml", content_type="application/rss+xml")
    return web.add_fixture("/", "site_home.html")


async def test_add_list_pause_resume_remove(web: WebServer, tmp_path: Path) -> None:
    db = tmp_path / "kabarchy.db"
    home = serve_site(web)
    code, out, err = await kabarchy("feeds", "add", home, db=db)
    assert code == 0, err
    assert f"found the feed {web.url('/feeds/ky.xml')} on {home}" in out
    assert "added #1 Кабар Ордо — Жаңылыктар: 3 items, 3 stored as backlog" in out

    code, out, _ = await kabarchy("feeds", "add", web.url("/feeds/ky.xml"), db=db)
    assert (code, out.strip()) == (0, "already following #1 Кабар Ордо — Жаңылыктар")

    code, out, err = await kabarchy("feeds", "add", web.url("/_/status/404"), db=db)
    assert code == 2 and out == "" and "could not fetch it: HTTP error: HTTP 404 Not Found" in err
    assert "Traceback" not in err

    code, out, _ = await kabarchy("feeds", "list", db=db)
    assert code == 0
    assert "#1 [ok] Кабар Ордо — Жаңылыктар" in out and "articles: 3" in out and web.url("/feeds/ky.xml") in out

    assert (await kabarchy("feeds", "pause", "1", db=db))[1].startswith("paused #1")
    code, out, _ = await kabarchy("feeds", "list", "--json", db=db)
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["status"], row["paused"], row["articles"]) == ("paused", True, 3)
    assert (await kabarchy("feeds", "resume", web.url("/feeds/ky.xml"), db=db))[1].startswith("resumed #1")

    code, out, err = await kabarchy("feeds", "remove", "7", db=db)
    assert code == 2 and "no feed '7'" in err
    code, out, _ = await kabarchy("feeds", "remove", "1", db=db)
    assert code == 0 and "removed #1" in out
    async with await Store.open(db) as store:
        assert await store.feeds.count() == 0 and await store.articles.count() == 3


async def test_import_poll_and_export_opml(web: WebServer, tmp_path: Path) -> None:
    db = tmp_path / "kabarchy.db"
    serve_site(web)
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Кабарлар</title></head><body>\n'
        '<outline text="Кыргызча"><outline type="rss" text="Кабар Ордо" xmlUrl="' + web.url("/feeds/ky.xml") + '"/>\n'
        '<outline type="rss" text="Түштүк Кабар" xmlUrl="' + web.url("/feeds/cp1251.xml") + '"/></outline>\n'
        '<outline type="rss" text="Сынган" xmlUrl="' + web.url("/_/status/500") + '"/>\n'
        '<outline type="rss" text="Эски" xmlUrl="javascript:alert(1)"/>\n'
        "</body></opml>\n",
        encoding="utf-8",
    )
    code, out, err = await kabarchy("feeds", "import", str(opml), db=db)
    assert code == 0, err
    assert "3 feeds added, 0 already followed (3 in feeds.opml)" in out
    assert (await kabarchy("feeds", "import", str(opml), db=db))[1].startswith("0 feeds added, 3 already followed")

    code, out, err = await kabarchy("feeds", "poll", db=db)
    assert code == 0, err
    assert "3 feeds polled: 6 items, 6 new articles (6 backlog), 1 failed" in out
    assert "HTTP error: HTTP 500" in out
    assert "polled 3/3 feeds" in err  # the progress line
    code, out, _ = await kabarchy("feeds", "poll", db=db)
    assert "0 feeds polled" in out  # nothing is due again yet

    target = tmp_path / "export.opml"
    code, _, err = await kabarchy("feeds", "export", "-o", str(target), db=db)
    assert code == 0 and "3 feeds written" in err
    exported = parse_opml(target.read_bytes())
    assert [(f.url, f.title) for f in exported][:2] == [
        (web.url("/feeds/ky.xml"), "Кабар Ордо"), (web.url("/feeds/cp1251.xml"), "Түштүк Кабар")
    ]
    code, out, _ = await kabarchy("feeds", "export", db=db)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "<opml" in out


@pytest.mark.parametrize(
    ("name", "message"),
    [("bomb.opml", "declares entities"), ("xxe.opml", "declares entities"), ("missing.opml", "cannot read")],
)
async def test_import_refuses_unsafe_or_missing_files(tmp_path: Path, name: str, message: str) -> None:
    path = FIXTURES / name if (FIXTURES / name).exists() else tmp_path / name
    code, out, err = await kabarchy("feeds", "import", str(path), db=tmp_path / "kabarchy.db")
    assert code == 2 and message in err and "Traceback" not in err


async def test_the_database_path_comes_from_the_db_option(web: WebServer, tmp_path: Path) -> None:
    serve_site(web)
    chosen = tmp_path / "chosen.db"
    code, _, err = await kabarchy("feeds", "add", web.url("/feeds/cp1251.xml"), "--db", str(chosen),
                                  db=tmp_path / "other.db")
    assert code == 0, err
    assert chosen.exists() and not (tmp_path / "other.db").exists()
