"""Scale: a synthetic corpus of >= 20,000 documents through the local engine and Dask with 1 and 2 workers.

    python benchmarks/scale.py                                   # 20,000 docs: local:1, dask:1, dask:2
    python benchmarks/scale.py --docs 2000 --configs dask:2      # a quick look
    python benchmarks/scale.py --json scale.json                 # also write the results as JSON

The corpus is the VOA stories (../shared/voa/voa_stories.jsonl, read at run time, never copied into the
project) repeated with new ids (``<id>~r<pass>``) until ``--docs`` documents, written as JSON Lines shards
of 500 documents into a temporary directory that is removed at the end.

Each configuration (``local:N`` = the local engine with N processes, ``dask:N`` = a Dask LocalCluster on
127.0.0.1 with N worker processes of one thread) runs in a fresh subprocess of this script and does what
``eventcoder code CORPUS --db X -o out/ [--engine dask --workers N]`` does: every document coded, stored
in a DuckDB database and written to a Parquet dataset partitioned by event date. Measured:

* **throughput**: documents/s over the whole run (model loading included) and in steady state (from the
  first coded document to the last);
* **peak memory per worker**, sampled at several corpus sizes during the run (500, 1,000, 2,000, 3,000,
  5,000, 7,500, 10,000, 15,000, 20,000 documents ... whichever are reached): the peak RSS so far of each
  worker process (Linux ``ru_maxrss``; for ``local:1`` the one process is the worker) and of the client,
  their current RSS, and the load average. Flat means the per-worker peak does not grow with the number of
  documents coded;
* **clustering**: after coding, the database's events clustered across documents (``Store.recluster``):
  seconds, raw events and clusters. A story repeated R times reports each of its events R times, so the
  clusters should number about the events of one pass;
* **scaling ratio**: steady-state throughput of each configuration over that of ``dask:1``;
* **CPU seconds per document** (client and workers, user + system): less sensitive than wall time to other
  processes on a shared machine.

The machine may be shared: the load average is printed before and after each configuration.
``--db-memory 128MB`` caps DuckDB's memory in the process that stores the events (``EVENTCODER_DB_MEMORY_LIMIT``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "voa" / "voa_stories.jsonl"
CHECKPOINTS = (500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 50_000, 100_000)
SHARD = 500


def make_corpus(source: Path, n: int, folder: Path) -> int:
    """Write ``n`` documents (the stories of ``source`` repeated with new ids) as JSONL shards."""
    stories = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = 0
    shard = 0
    while written < n:
        with (folder / f"shard-{shard:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for _ in range(min(SHARD, n - written)):
                story = stories[written % len(stories)]
                record = {"id": f"{story['id']}~r{written // len(stories)}", "text": story["text"],
                          "title": story.get("title"), "url": story.get("url"),
                          "published": story.get("published")}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
        shard += 1
    return written


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    """Current resident memory of this process in MB (Linux; the peak elsewhere)."""
    from eventcoder.engines.dask import worker_rss_mb

    return worker_rss_mb()


def _cpu_s() -> float:
    """CPU seconds (user + system) of the calling process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(config: str, corpus: Path, work: Path, batch_size: int) -> dict[str, Any]:
    """One configuration, in this (fresh) process: code the corpus, sample memory, cluster."""
    from eventcoder.cluster import default_context
    from eventcoder.config import Settings
    from eventcoder.engines import open_engine
    from eventcoder.run import run
    from eventcoder.store import Store

    kind, _, n = config.partition(":")
    workers = int(n or 1)
    settings = Settings.from_env()
    started = time.perf_counter()
    engine = open_engine(kind, settings, workers=workers, batch_size=batch_size)
    ready = time.perf_counter() - started
    samples: list[dict[str, Any]] = []
    state = {"docs": 0, "first": None, "last": None}

    def worker_peaks() -> list[float]:
        if kind == "dask":
            return sorted(round(v, 1) for v in engine.peak_worker_memory_mb().values())  # type: ignore[attr-defined]
        if workers == 1:
            return [round(_rss_mb(), 1)]
        return [round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)]  # finished pools only

    def worker_now() -> list[float]:
        if kind == "dask":
            return sorted(round(v, 1) for v in engine.worker_memory_mb().values())  # type: ignore[attr-defined]
        return [round(_current_rss_mb(), 1)] if workers == 1 else []

    def sample(docs: int, now: float) -> dict[str, Any]:
        return {"docs": docs, "seconds": round(now - started, 1), "worker_peak_mb": worker_peaks(),
                "worker_rss_mb": worker_now(), "client_peak_mb": round(_rss_mb(), 1),
                "client_rss_mb": round(_current_rss_mb(), 1), "load": _load()}

    def on_result(_result: Any) -> None:
        now = time.perf_counter()
        state["docs"] += 1
        state["first"] = state["first"] or now
        state["last"] = now
        if state["docs"] in CHECKPOINTS:
            samples.append(sample(state["docs"], now))

    db = work / f"{kind}{workers}.duckdb"
    summary = run([corpus], output=f"{work}/{kind}{workers}-out/", db=db, engine=engine, cluster=False,
                  on_result=on_result)
    final = sample(summary.documents, time.perf_counter())
    if not samples or samples[-1]["docs"] != summary.documents:
        samples.append(final)
    client_cpu = _cpu_s()
    worker_cpu = sum(engine.client.run(_cpu_s).values()) if kind == "dask" else 0.0  # type: ignore[attr-defined]
    engine.close()
    t = time.perf_counter()
    with Store(db, memory_limit=settings.db_memory_limit) as store:
        clusters = store.recluster(default_context(settings.knowledge_paths))
        counts = store.counts()
        multi = store.cluster_counts()["multi_source"]
    cluster_seconds = time.perf_counter() - t
    steady = (state["docs"] - 1) / (state["last"] - state["first"]) \
        if state["first"] and state["last"] and state["last"] > state["first"] else 0.0
    import eventcoder

    return {
        "config": config, "eventcoder": f"{eventcoder.__version__} at {Path(eventcoder.__file__).parent}",
        "db_memory_limit": settings.db_memory_limit,
        "documents": summary.documents, "events": summary.events, "failures": summary.failures,
        "engine_start_s": round(ready, 2), "run_s": round(summary.seconds, 1),
        "docs_per_s": round(summary.documents / summary.seconds, 2) if summary.seconds else 0.0,
        "steady_docs_per_s": round(steady, 2), "samples": samples,
        "cpu_s_per_doc": round((client_cpu + worker_cpu) / max(1, summary.documents), 3),
        "client_cpu_s": round(client_cpu, 1), "worker_cpu_s": round(worker_cpu, 1),
        "cluster_s": round(cluster_seconds, 1), "clusters": clusters, "multi_source_clusters": multi,
        "stored_events": counts["events"], "peak_rss_after_clustering_mb": round(_rss_mb(), 1),
    }


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL stories to repeat")
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the synthetic corpus")
    ap.add_argument("--configs", nargs="+", default=["local:1", "dask:1", "dask:2"])
    ap.add_argument("--batch-size", type=int, default=32, help="documents per Dask task")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--db-memory", help="cap on DuckDB's memory in the process that stores the events (e.g. "
                                        "128MB; sets EVENTCODER_DB_MEMORY_LIMIT for each configuration)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.work, args.batch_size)), flush=True)
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="eventcoder-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        t = time.perf_counter()
        n = make_corpus(args.corpus, args.docs, corpus)
        print(f"corpus: {n} documents ({args.corpus.name} repeated) in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
        for config in args.configs:
            work = Path(tmp) / config.replace(":", "-")
            work.mkdir()
            print(f"{config}: load {_load()} ...", file=sys.stderr, flush=True)
            env = dict(os.environ, **({"EVENTCODER_DB_MEMORY_LIMIT": args.db_memory} if args.db_memory else {}))
            proc = subprocess.run(
                [sys.executable, __file__, "--child", config, "--corpus", str(corpus), "--work", str(work),
                 "--batch-size", str(args.batch_size)], capture_output=True, text=True, check=False, env=env)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["load_after"] = _load()
            results.append(result)
            if args.json:  # after each configuration, so a long run that is stopped keeps what it measured
                args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
            print(f"{config}: {result['documents']} docs in {result['run_s']} s, load {_load()}", file=sys.stderr,
                  flush=True)
    base = next((r["steady_docs_per_s"] for r in results if r["config"] == "dask:1"), None) or \
        results[0]["steady_docs_per_s"]
    for r in results:
        r["scaling_vs_dask1"] = round(r["steady_docs_per_s"] / base, 2) if base else None
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def report(results: list[dict[str, Any]]) -> str:
    """A Markdown report: one table of throughput, one of memory by corpus size."""
    lines = [("| config | docs | events | start s | run s | docs/s | steady docs/s | scaling vs dask:1 | "
              "CPU s/doc | cluster s | clusters | load after |"), "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['config']} | {r['documents']} | {r['events']} | {r['engine_start_s']} | {r['run_s']} | "
                     f"{r['docs_per_s']} | {r['steady_docs_per_s']} | {r['scaling_vs_dask1']} | "
                     f"{r['cpu_s_per_doc']} | {r['cluster_s']} | {r['clusters']} | {r.get('load_after', '')} |")
    lines += ["", ("| config | docs coded | seconds | peak RSS per worker (MB) | RSS per worker now (MB) | "
                   "client peak / now (MB) | load |"), "|---|---|---|---|---|---|---|"]
    for r in results:
        for s in r["samples"]:
            lines.append(f"| {r['config']} | {s['docs']} | {s['seconds']} | "
                         f"{', '.join(str(x) for x in s['worker_peak_mb'])} | "
                         f"{', '.join(str(x) for x in s.get('worker_rss_mb', []))} | "
                         f"{s['client_peak_mb']} / {s.get('client_rss_mb', '')} | {s.get('load', '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
