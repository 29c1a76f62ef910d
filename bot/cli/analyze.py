"""`kabarchy analyze`: language, summary and key quotes of an article, or of a JSONL batch of articles.

    kabarchy analyze article.txt            readable analysis (plain text or HTML; `-` or nothing reads stdin)
    kabarchy analyze article.txt --json     the same as one JSON object
    kabarchy analyze --jsonl in.jsonl [-o out.jsonl]
        reads lines {"id", "text", "title"?}; writes lines {"id", "language", "summary", "quotes"}
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from bot.cli import CommandError
from news import analyse
from news.models import Analysis

logger = logging.getLogger(__name__)

# Far above any news article; a file this big is a mistake, not an article.
MAX_INPUT_BYTES = 20 * 1024 * 1024
LANGUAGE_NAMES = {"ky": "Kyrgyz", "ru": "Russian", "en": "English", "other": "other or unknown"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `analyze` subcommand."""
    parser = subparsers.add_parser(
        "analyze",
        help="summarise an article and pull out its key quotes",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default="-", help="article as plain text or HTML (default: stdin)")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.add_argument("--jsonl", metavar="IN.jsonl", help='batch: analyse lines {"id", "text", "title"?}')
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="with --jsonl: write here instead of stdout")
    parser.add_argument("--title", help="the article's title, when the text does not start with it")
    parser.add_argument("--language", choices=("ky", "ru", "en"), help="skip language detection")
    parser.add_argument("--sentences", type=int, default=3, metavar="N", help="summary length (default 3)")
    parser.add_argument("--quotes", type=int, default=5, metavar="N", help="key quotes to show (default 5)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run `kabarchy analyze` with parsed arguments; return the exit code."""
    if args.sentences < 1:
        raise CommandError("--sentences must be at least 1")
    if args.jsonl:
        if args.file != "-":
            raise CommandError("give either FILE or --jsonl IN.jsonl, not both")
        return run_batch(Path(args.jsonl), args.output, language=args.language, sentences=args.sentences)
    if args.output:
        raise CommandError("-o/--output goes with --jsonl; redirect the output instead")
    name = "stdin" if args.file == "-" else args.file
    text = decode(read_input(args.file), name)
    if not text.strip():
        raise CommandError(f"{name} is empty: there is no text to analyse")
    result = analyse(text, title=args.title, language=args.language, max_sentences=args.sentences)
    if not result.sentences and not result.title:
        raise CommandError(f"{name} has no readable text (only markup, symbols or control characters)")
    if args.json:
        json.dump(analysis_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_readable(result, quotes=args.quotes, out=sys.stdout)
    return 0


def read_input(file: str) -> bytes:
    """Read a file or stdin as bytes, refusing directories, missing files and absurd sizes."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file")
        if path.is_dir():
            raise CommandError(f"{file} is a directory, not an article")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise CommandError(f"{file}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; that is not one article")
    return data


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a guessed legacy encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{name}: broken UTF-16 text") from exc
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 100 + 2:
        raise CommandError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 100):
        # A few broken bytes in an otherwise UTF-8 file (a bad copy and paste): keep the rest of the text.
        print(f"kabarchy: {name}: {bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD", file=sys.stderr)
        return text
    legacy = data.decode("cp1251", errors="replace")  # the usual legacy encoding for Kyrgyz and Russian
    letters = [ch for ch in legacy if ch.isalpha()]
    spaces = sum(1 for ch in legacy if ch.isspace())
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    # Text has words: letters with spaces between them. Random bytes read as cp1251 have almost no spaces.
    if letters and cyrillic >= 0.6 * len(letters) and spaces * 25 >= len(legacy) and len(letters) * 2 >= len(legacy):
        print(f"kabarchy: {name} is not UTF-8; read it as windows-1251", file=sys.stderr)
        return legacy
    raise CommandError(f"{name} is not UTF-8 text (first bad byte at offset {first_bad}); convert it to UTF-8")


def print_readable(result: Analysis, *, quotes: int, out: TextIO) -> None:
    """Print an analysis for a person to read."""
    out.write(f"Language: {result.language} ({LANGUAGE_NAMES.get(result.language, result.language)})\n")
    if result.title:
        out.write(f"Title: {result.title}\n")
    out.write("\nSummary:\n")
    if result.summary:
        for i, sentence in enumerate(result.summary, 1):
            out.write(f"  {i}. {sentence}\n")
    else:
        out.write("  (no sentences to summarise)\n")
    out.write("\nKey quotes:\n")
    shown = result.quotes[: max(quotes, 0)]
    if not shown:
        out.write("  (no direct quotes)\n")
    for i, quote in enumerate(shown, 1):
        speaker = quote.speaker or "unattributed"
        out.write(f"  {i}. «{quote.text}» — {speaker}\n")
    if len(result.quotes) > len(shown):
        out.write(f"  … and {len(result.quotes) - len(shown)} more (--quotes N to show more)\n")


def analysis_json(result: Analysis) -> dict[str, Any]:
    """Return the analysis as a JSON-ready dict."""
    return {
        "language": result.language,
        "title": result.title,
        "lead": result.lead,
        "summary": list(result.summary),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "position": q.position, "score": q.score} for q in result.quotes
        ],
        "blocks": [{"kind": b.kind.value, "text": b.text} for b in result.blocks],
        "sentences": len(result.sentences),
    }


def run_batch(path: Path, output: str | None, *, language: str | None, sentences: int) -> int:
    """Analyse a JSONL file line by line; bad lines are reported and skipped. Exit 1 when any was skipped."""
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    if path.is_dir():
        raise CommandError(f"{path} is a directory, not a JSONL file")
    done = skipped = 0
    try:
        out: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise CommandError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    try:
        for number, row, problem in _rows(path):
            if problem:
                skipped += 1
                print(f"kabarchy: {path}:{number}: {problem}; skipped", file=sys.stderr)
                continue
            assert row is not None
            result = analyse(row["text"], title=row.get("title"), language=language, max_sentences=sentences)
            quotes = sorted(result.quotes, key=lambda q: q.position)
            record = {
                "id": row["id"],
                "language": result.language,
                "summary": list(result.summary),
                "quotes": [{"text": q.text, "speaker": q.speaker} for q in quotes],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            done += 1
    finally:
        if output:
            out.close()
    if skipped:
        print(f"kabarchy: analysed {done} articles, skipped {skipped} bad lines", file=sys.stderr)
        return 1
    return 0


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, row, problem) for each non-blank line of a JSONL file."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None, "not valid UTF-8"
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"not valid JSON ({exc.msg})"
                continue
            if not isinstance(row, dict):
                yield number, None, "not a JSON object"
                continue
            if not isinstance(row.get("text"), str):
                yield number, None, 'no "text" string'
                continue
            if "id" not in row or not isinstance(row["id"], (str, int)):
                yield number, None, 'no "id" (a string or a number)'
                continue
            if row.get("title") is not None and not isinstance(row["title"], str):
                yield number, None, '"title" is not a string'
                continue
            yield number, row, None
