"""`kabarchy ingest | quotes | search | stats` against a real database file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

HTML = """<!doctype html><html lang="ky"><head><meta charset="utf-8"><title>Жаңы мыйзам | Тест</title></head>
<body><nav>Башкы бет</nav><article><h1>Жогорку Кеңеш жаңы мыйзам кабыл алды</h1>
<p>Жогорку Кеңеш бүгүн салык мыйзамына өзгөртүүлөрдү кабыл алды. Өзгөртүүлөр кичи бизнеске тиешелүү.</p>
<p>«Бул мыйзам кичи бизнестин салык жүгүн жеңилдетет», — деди депутат Асан Үсөнов.</p>
<p>Мыйзам 2025-жылдын январынан тартып күчүнө кирет.</p></article>
<script>var x = "«Бул скрипт», — деди робот.";</script></body></html>"""

TEXT = (
    "Путин встретился с Жапаровым в Москве\n\n"
    "Владимир Путин и Садыр Жапаров провели переговоры в Кремле.\n\n"
    "«Мы готовы расширять торговлю между нашими странами», — заявил Владимир Путин."
)


def jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def test_ingest_then_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.db"
    html = tmp_path / "law.html"
    html.write_text(HTML, encoding="utf-8")
    text = tmp_path / "talks.txt"
    text.write_bytes(TEXT.encode("cp1251"))  # a legacy encoding, as Russian sites still serve
    batch = jsonl(
        tmp_path / "batch.jsonl",
        [
            {"title": "Water talks", "text": "Ministers met in Bishkek.\n\n\u201cWe must share water fairly,\u201d "
             "said Jeenbek Kulubaev.", "url": "https://test.example/water", "published": "2024-04-05T14:00:00Z",
             "source": "Test Times"},
            "{not json",
            {"title": "No text"},
            {"text": "Текст", "published": "тээ илгери"},
            [1, 2, 3],
        ],
    )
    assert main(["ingest", str(html), str(text), str(batch), "--db", str(db), "--workers", "0", "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "3 new, 0 updated, 0 already stored, 0 rejected, 4 unreadable" in out
    assert "batch.jsonl:2: not JSON" in err and "batch.jsonl:3: no \"text\"" in err
    assert "batch.jsonl:4: bad \"published\"" in err and "batch.jsonl:5: not a JSON object" in err
    assert "Traceback" not in err

    assert main(["quotes", "Путин", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "Мы готовы расширять торговлю" in out and "Владимир Путин" in out
    assert main(["quotes", "мыйзам", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "Асан Үсөнов" in out and "скрипт" not in out
    assert main(["quotes", "Kulubaev", "--speaker", "--db", str(db)]) == 0
    assert "share water" in capsys.readouterr().out
    assert main(["quotes", "--db", str(db)]) == 0  # no query: the latest key quotes
    assert capsys.readouterr().out.count("«") == 3
    assert main(["search", "мыйзамдын", "--db", str(db)]) == 0
    assert "Жогорку Кеңеш жаңы мыйзам кабыл алды" in capsys.readouterr().out
    assert main(["search", "NEAR(", "--db", str(db)]) == 0
    assert "No articles found" in capsys.readouterr().out
    assert main(["stats", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "articles     3" in out and "quotes       3" in out

    # Again: nothing new, everything recognised.
    assert main(["ingest", str(html), str(text), "--db", str(db), "--workers", "0", "--quiet"]) == 0
    assert "0 new, 0 updated, 2 already stored" in capsys.readouterr().out


def test_database_path_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("KABARCHY_DB", str(db))
    source = jsonl(tmp_path / "one.jsonl", [{"title": "Бир", "text": "Бишкекте жаан жаады. Шаарда суу көбөйдү."}])
    assert main(["ingest", str(source), "--workers", "0", "--quiet"]) == 0
    assert db.exists()
    assert main(["stats"]) == 0
    assert str(db) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ingest", "missing.jsonl"], "no such file: missing.jsonl"),
        (["ingest", "."], "is a directory"),
        (["ingest", "x.jsonl", "--batch-size", "0"], "--batch-size must be at least 1"),
        (["quotes", "x", "--limit", "0"], "--limit must be between 1 and 100"),
        (["search", "x", "--page", "0"], "--page starts at 1"),
        (["quotes", "--speaker"], "--speaker needs a name"),
    ],
)
def test_bad_arguments_give_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KABARCHY_DB", str(tmp_path / "db.sqlite"))
    (tmp_path / "x.jsonl").write_text("{}\n", encoding="utf-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_query_commands_need_an_existing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["stats"], ["quotes", "x"], ["search", "x"]):
        assert main([*command, "--db", str(tmp_path / "none.db")]) == 2
        assert "no database at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_binary_and_empty_files_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["ingest", str(binary), str(empty), "--db", str(tmp_path / "b.db"), "--workers", "0", "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "0 new" in out and "2 unreadable" in out
    assert "binary file" in err and "is empty" in err


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("бул маалымат базасы эмес\n" * 200, encoding="utf-8")
    assert main(["stats", "--db", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err and "Traceback" not in err
