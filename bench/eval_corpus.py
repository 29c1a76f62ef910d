"""Score news.analyse on the dev corpus with the corpus scorer, next to a lead-3 baseline.

    .venv/bin/python bench/eval_corpus.py [CORPUS.jsonl] [--details] [--out DIR]

Writes pred.jsonl (our quotes and summaries) and lead3.jsonl (the first three body sentences, no quotes) to a
temporary directory (or --out DIR), then runs score.py (next to the corpus) on both and prints its tables. The
predictions quote corpus text, which must not ship with the product: keep them out of the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from news import analyse  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus/dev.jsonl")


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
    pred_path = args.out / "pred.jsonl"
    lead_path = args.out / "lead3.jsonl"
    with args.corpus.open(encoding="utf-8") as src, pred_path.open("w", encoding="utf-8") as pred, lead_path.open(
        "w", encoding="utf-8"
    ) as lead:
        for line in src:
            if not line.strip():
                continue
            row = json.loads(line)
            result = analyse(row["text"], title=row.get("title"))
            quotes = [{"text": q.text, "speaker": q.speaker} for q in sorted(result.quotes, key=lambda q: q.position)]
            pred.write(
                json.dumps({"id": row["id"], "quotes": quotes, "summary": list(result.summary)}, ensure_ascii=False)
                + "\n"
            )
            lead3 = [s.text for s in result.sentences[:3]]
            lead.write(json.dumps({"id": row["id"], "quotes": [], "summary": lead3}, ensure_ascii=False) + "\n")
    extra = ["--details"] if args.details else []
    print(f"predictions: {pred_path}")
    print("== news.analyse ==")
    subprocess.run([sys.executable, str(scorer), str(args.corpus), str(pred_path), *extra], check=False)
    print("\n== lead-3 baseline (summary only) ==")
    subprocess.run([sys.executable, str(scorer), str(args.corpus), str(lead_path)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
