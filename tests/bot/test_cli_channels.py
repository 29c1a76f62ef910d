"""`kabarchy channels`: the real command line (in a subprocess, as an operator runs it) on a real database."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from bot.ingest import Ingester
from news.models import ChannelStatus
from storage import Store
from tests.bot.test_cli_feeds import kabarchy
from tests.storage.samples import EN_WATER, KY_MEETING, RU_TALKS


async def test_list_allow_and_revoke_keeping_or_purging_articles(tmp_path: Path) -> None:
    db = tmp_path / "kabarchy.db"
    async with await Store.open(db) as store:
        await store.channels.seen(-1001, title="Ош Жаңылыктары", username="osh_news", added_by=77)
        await store.channels.decide(-1001, ChannelStatus.ALLOWED, by=4242)
        await Ingester(store).save(dataclasses.replace(KY_MEETING, guid="tg:-1001:1", origin="channel:-1001"))
        await Ingester(store).save(dataclasses.replace(RU_TALKS, guid="tg:-1001:2", origin="channel:-1001"))
        await Ingester(store).save(EN_WATER)
        await store.channels.seen(-1002, title="Fake News")

    code, out, err = await kabarchy("channels", "list", db=db)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("-1001  allowed") and "2 articles" in lines[0] and "@osh_news" in lines[0]
    assert lines[1].startswith("-1002  pending") and "Fake News" in lines[1]

    code, out, _ = await kabarchy("channels", "revoke", "@osh_news", db=db)
    assert code == 0 and "2 articles stay searchable" in out
    code, out, _ = await kabarchy("channels", "list", "--json", db=db)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["status"], r["articles"]) for r in rows] == [(-1002, "pending", 0), (-1001, "revoked", 2)]

    code, out, _ = await kabarchy("channels", "allow", "-1002", db=db)
    assert code == 0 and out.startswith("allowed Fake News")
    code, out, _ = await kabarchy("channels", "revoke", "-1001", "--purge", db=db)
    assert code == 0 and "removed its 2 articles" in out
    code, _, err = await kabarchy("channels", "revoke", "@nobody", db=db)
    assert code == 2 and "no channel '@nobody'" in err and "Traceback" not in err
    async with await Store.open(db) as store:
        assert await store.articles.count() == 1
        assert (await store.channels.status(-1002)) is ChannelStatus.ALLOWED
