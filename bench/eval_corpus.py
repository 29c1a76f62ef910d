"""Score news.analyse on the dev corpus with the corpus scorer, per language and per source family, next to lead-3.

    .venv/bin/python bench/eval_corpus.py [CORPUS.jsonl] [--details] [--out DIR]

The corpus defaults to `../shared/corpus/dev.jsonl` beside the repository (or $KABARCHY_CORPUS). Writes pred.jsonl
(our quotes and summaries) and lead3.jsonl (the first three body sentences, no quotes) to a temporary directory (or
--out DIR), runs score.py (next to the corpus) on both and prints its tables: per language, then per source family
(kgnews, 24kg, corus, xlsum, bbc2005, seed), so that a change which helps one family and hurts another shows. The
predictions quote corpus text, which must not ship with the product: keep them out of the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from news import analyse  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("KABARCHY_CORPUS", ROOT.parent / "shared" / "corpus" / "dev.jsonl"))
FAMILIES = ("kgnews", "24kg", "corus", "xlsum", "bbc2005", "seed")


def family(article_id: str) -> str:
    """The source family of a corpus id: ky_kgnews_008 -> kgnews, ru_corus_tass_5 -> corus."""
    parts = article_id.split("_")
    if parts[0] == "seed":
        return "seed"
    return parts[1] if len(parts) > 1 and parts[1] in FAMILIES else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--details", action="store_true", help="per-article misses, false positives, speakers")
    parser.add_argument("--out", type=Path, help="directory for the prediction files (default: a temporary one)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (nothing to score)")
        return 1
    scorer = args.corpus.parent / "score.py"
    if args.out is None:
        args.out = Path(tempfile.mkdtemp(prefix="kabarchy-eval-"))
    args.out.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    predictions, lead3 = [], []
    for row in rows:
        result = analyse(row["text"], title=row.get("title"))
        quotes = [{"text": q.text, "speaker": q.speaker} for q in sorted(result.quotes, key=lambda q: q.position)]
        predictions.append({"id": row["id"], "quotes": quotes, "summary": list(result.summary)})
        lead3.append({"id": row["id"], "quotes": [], "summary": [s.text for s in result.sentences[:3]]})
    pred_path, lead_path = args.out / "pred.jsonl", args.out / "lead3.jsonl"
    write_jsonl(pred_path, predictions)
    write_jsonl(lead_path, lead3)
    print(f"predictions: {pred_path}")
    print("== news.analyse, per language ==")
    subprocess.run([sys.executable, str(scorer), str(args.corpus), str(pred_path)], check=False)
    print("\n== lead-3 baseline (summary only), per language ==")
    subprocess.run([sys.executable, str(scorer), str(args.corpus), str(lead_path)], check=False)
    print("\n== per source family (news.analyse; R1/R2 of lead-3 beside) ==")
    print_families(scorer, args.out, rows, predictions, lead3)
    if args.details:
        print("\n== details ==")
        subprocess.run([sys.executable, str(scorer), str(args.corpus), str(pred_path), "--details"], check=False)
    return 0


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_json(scorer: Path, gold: Path, pred: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json"], check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout)["overall"]


def print_families(scorer: Path, out: Path, rows: list[dict], predictions: list[dict], lead3: list[dict]) -> None:
    header = f"{'family':10} {'art':>4} {'gold':>5} {'P':>6} {'R':>6} {'spkAcc':>7} {'spkWrg':>7} {'R1':>6} {'R2':>6}"
    print(header + f" {'lead R1':>8} {'lead R2':>8}")
    for name in FAMILIES:
        members = [r for r in rows if family(r["id"]) == name]
        if not members:
            continue
        ids = {r["id"] for r in members}
        gold, pred, lead = out / f"gold-{name}.jsonl", out / f"pred-{name}.jsonl", out / f"lead3-{name}.jsonl"
        write_jsonl(gold, members)
        write_jsonl(pred, [p for p in predictions if p["id"] in ids])
        write_jsonl(lead, [p for p in lead3 if p["id"] in ids])
        ours, base = score_json(scorer, gold, pred), score_json(scorer, gold, lead)
        print(
            f"{name:10} {len(members):>4} {ours['tp'] + ours['fn']:>5} {fmt(ours['precision'])} {fmt(ours['recall'])}"
            f" {fmt(ours['speaker_acc'], 7)} {fmt(ours['speaker_wrong'], 7)} {fmt(ours['rouge1_f'])}"
            f" {fmt(ours['rouge2_f'])} {fmt(base['rouge1_f'], 8)} {fmt(base['rouge2_f'], 8)}"
        )


def fmt(value: float | None, width: int = 6) -> str:
    return f"{value:>{width}.3f}" if isinstance(value, int | float) else f"{'n/a':>{width}}"


if __name__ == "__main__":
    sys.exit(main())
