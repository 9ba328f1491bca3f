"""Does the coder's memory stay flat as it codes more documents? One process, no store, no engine.

    python benchmarks/memory.py                  # the VOA stories, 12 passes with new ids
    python benchmarks/memory.py --passes 30

Codes the stories of ``--corpus`` (default ../shared/voa/voa_stories.jsonl, read at run time, never
copied into the project) again and again with new document ids, and prints after each pass the
documents coded, the events, the resident set size (RSS) and the peak RSS of this process. Flat means
the RSS does not rise from pass to pass once the first pass has warmed the caches.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
from pathlib import Path

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Coder

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "voa" / "voa_stories.jsonl"


def rss_mb() -> int:
    """The current resident set size of this process, in MB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--passes", type=int, default=12)
    args = ap.parse_args()
    stories = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    coder = Coder()
    coded = 0
    print("pass  documents  events  rss_mb  peak_rss_mb")
    for number in range(args.passes):
        documents = [document_from_text(s["text"], source="memory", id=f"{s['id']}~{number}",
                                        published=s.get("published")) for s in stories]
        events = sum(len(result.events) for result in coder.code(documents))
        coded += len(documents)
        gc.collect()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{number:>4}  {coded:>9}  {events:>6}  {rss_mb():>6}  {peak:>11}", flush=True)


if __name__ == "__main__":
    main()
