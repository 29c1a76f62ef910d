"""`kabarchy analyze`: readable and JSON output, the JSONL batch, and bad input that gets a message, not a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.news.articles import EN_RATES, KY_TAX, RU_BUSINESS

ROOT = Path(__file__).resolve().parents[2]


def article_file(tmp_path: Path, article, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(article.title + "\n\n" + article.text, encoding="utf-8")
    return path


def test_readable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(article_file(tmp_path, KY_TAX))]) == 0
    out = capsys.readouterr().out
    assert "Language: ky (Kyrgyz)" in out
    assert f"Title: {KY_TAX.title}" in out
    assert "Summary:\n  1. Жогорку Кеңештин депутаттары 12-мартта" in out
    assert "Key quotes:" in out
    assert "— Нурлан Осмонов" in out
    assert "… and 4 more" in out


def test_quotes_knob_and_unattributed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--quotes", "20", str(article_file(tmp_path, KY_TAX))]) == 0
    out = capsys.readouterr().out
    assert "«салык жеңилдиги баарына бирдей берилет» — unattributed" in out
    assert "more (--quotes N" not in out


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--json", "--sentences", "2", str(article_file(tmp_path, RU_BUSINESS))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "ru"
    assert data["title"] == RU_BUSINESS.title
    assert len(data["summary"]) == 2
    assert data["quotes"][0]["speaker"]
    assert {b["kind"] for b in data["blocks"]} >= {"title", "body", "caption", "heading"}


def test_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><h1>Central bank holds rates</h1><p>The bank kept its rate at 13% on Thursday.</p>"
        '<p>"We see inflation easing," said Melis Bokonbaev, the chairman.</p></body></html>',
        encoding="utf-8",
    )
    assert main(["analyze", "--json", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Central bank holds rates"
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [("We see inflation easing", "Melis Bokonbaev")]


def test_jsonl_batch_in_the_scorer_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "ky-1", "text": KY_TAX.text, "title": KY_TAX.title},
        {"id": 2, "text": EN_RATES.text},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["analyze", "--jsonl", str(source), "-o", str(target)]) == 0
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["ky-1", 2]
    assert set(lines[0]) == {"id", "language", "summary", "quotes"}
    assert lines[0]["language"] == "ky" and lines[1]["language"] == "en"
    assert lines[0]["quotes"][0] == {
        "text": "Бул өзгөртүүлөр чакан ишкерлерге оорчулук жаратпайт. Тескерисинче, отчет берүү жеңилдейт",
        "speaker": "Нурлан Осмонов",
    }
    assert all(isinstance(s, str) for s in lines[1]["summary"])
    assert capsys.readouterr().err == ""


def test_jsonl_to_stdout_skips_bad_lines_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id": "a", "text": "\xd0\x91\xd0\xb8\xd1\x88\xd0\xba\xd0\xb5\xd0\xba\xd1\x82\xd0\xb5 \xd0\xb6\xd0\xb0\xd0\xb0\xd0\xbd."}\n'
        b"{not json\n"
        b"[1, 2]\n"
        b'{"id": "b"}\n'
        b'{"text": "no id"}\n'
        b'{"id": "c", "text": "ok", "title": 5}\n'
        b'{"id": "d", "text": "\xff\xfe broken"}\n'
        b"\n"
        b'{"id": "e", "text": ""}\n'
    )
    assert main(["analyze", "--jsonl", str(source)]) == 1
    captured = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in captured.out.splitlines()]
    assert ids == ["a", "e"]
    for number, problem in [(2, "not valid JSON"), (3, "not a JSON object"), (4, 'no "text"'), (5, 'no "id"'),
                            (6, '"title" is not a string'), (7, "not valid UTF-8")]:
        assert f"in.jsonl:{number}: {problem}" in captured.err
    assert "Traceback" not in captured.err
    assert "analysed 2 articles, skipped 6 bad lines" in captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t\n  ", "is empty"),
        (b"\x00\x01\x02\x03binary\x00data" * 10, "looks like a binary file"),
        (bytes(range(1, 32)) * 20, "looks like a binary file"),
        (b"<html><body><script>var a = 1;</script></body></html>", "no readable text"),
        (b"\xff\xfe\x00", "broken UTF-16"),
        (bytes(range(128, 256)) * 40, "not UTF-8"),
    ],
)
def test_bad_files_get_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("kabarchy: ")


def test_missing_file_directory_and_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["analyze", "--jsonl", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["analyze", "-o", str(tmp_path / "x"), str(tmp_path / "x")]) == 2
    assert "goes with --jsonl" in capsys.readouterr().err
    assert main(["analyze", "--sentences", "0", str(tmp_path / "x")]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_a_few_invalid_utf8_bytes_are_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "almost.txt"
    path.write_bytes("Бишкекте жаан жаады. ".encode() * 20 + b"\xc0\xc1 " + "«Биз даярбыз», — деди мэр.".encode())
    assert main(["analyze", str(path)]) == 0
    captured = capsys.readouterr()
    assert "invalid UTF-8 byte sequence(s) replaced" in captured.err
    assert "Language: ky" in captured.out


def test_windows_1251_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Министр заявил, что переговоры продолжатся. «Мы готовы», — сказал он.".encode("cp1251"))
    assert main(["analyze", str(path)]) == 0
    captured = capsys.readouterr()
    assert "read it as windows-1251" in captured.err
    assert "«Мы готовы»" in captured.out


def test_large_text_and_unbalanced_marks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text("«Бул тырмакча жабылбайт жана текст абдан узун. " * 120_000, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    assert main(["analyze", str(path)]) == 0
    assert "Language: ky" in capsys.readouterr().out


def test_stdin_through_the_console_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "-"],
        input=(EN_RATES.title + "\n\n" + EN_RATES.text).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Language: en (English)" in out
    assert "— Melis Bokonbaev" in out


def test_empty_stdin_through_the_console_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "analyze"], input=b"", capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "kabarchy: stdin is empty: there is no text to analyse"
