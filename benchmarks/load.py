"""Load on the explorer API: `eventcoder serve` on loopback under many concurrent clients, for a bounded time.

    python benchmarks/load.py                               # 50 clients, 60 s, on a database coded from examples/
    python benchmarks/load.py --clients 100 --seconds 120 --code-share 0.5
    python benchmarks/load.py --rate-limit 600              # with `serve --rate-limit 600` (429s are expected)
    python benchmarks/load.py --db events.duckdb --json     # an existing database; JSON only

It codes ``examples/`` into a temporary database (unless ``--db``), starts ``eventcoder serve`` on
127.0.0.1 and a free port, loads the coder with one request (the cold start is reported apart), then runs
``--clients`` asyncio clients (httpx) for ``--seconds``: each sends, one after the other, either
``GET /api/events`` with random filters (country, event type, quad class, actor, dyad, dates, text, sort,
page) or, with probability ``--code-share``, ``POST /api/code`` with a short article of its own (a new text
each time: nothing is cached). After ``--seconds`` no new request starts; those under way finish (each has a
120 s timeout), then the server is stopped.

It prints, per endpoint: requests, requests/s, latency p50/p90/p99/max, answers by status; the total
requests/s; the server's resident memory (RSS) after the warm-up, at the end and at its peak (sampled every
second); and every answer outside 200 and the documented 413/422/429, which make the exit status 1. All of it
runs on this machine: the numbers include the clients' own CPU (they share the cores with the server).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {200, 413, 422, 429}  # the documented answers to a client's mistake or to too many requests

# Short articles of our own, assembled at random so that every POST codes a new text.
ACTORS = ["Kenyan police", "The Ugandan army", "Nigerian troops", "Protesters in Lagos", "The European Union",
          "Brazil's foreign ministry", "Indian police", "The United Nations refugee agency", "Rebels in Darfur",
          "Japan's prime minister", "The Philippine coast guard", "Ghana's president", "Striking teachers"]
ACTIONS = ["arrested dozens of opposition supporters in {place} on Monday",
           "met officials from {other} in {place} on Tuesday to discuss border security",
           "accused {other} of violating the ceasefire near {place}",
           "fired tear gas at demonstrators outside parliament in {place} on Wednesday",
           "pledged emergency food aid to families displaced by floods in {place}",
           "imposed sanctions on three companies in {place} linked to arms smuggling",
           "signed a trade agreement with {other} in {place} on Friday",
           "demanded the release of journalists detained in {place}",
           "deployed troops to {place} after clashes killed at least six people"]
OTHERS = ["Tanzania", "Ethiopia", "China", "France", "the African Union", "Somalia", "Vietnam", "Chile", "Mali"]
PLACES = ["Nairobi", "Kampala", "Abuja", "Lagos", "Brussels", "Brasilia", "New Delhi", "Khartoum", "Tokyo",
          "Manila", "Accra", "Mombasa", "Kisumu"]


def article(rng: random.Random, n: int) -> str:
    sentences = [f"{rng.choice(ACTORS)} {rng.choice(ACTIONS).format(place=rng.choice(PLACES), other=rng.choice(OTHERS))}."
                 for _ in range(rng.randint(2, 5))]
    return f"Dispatch {n}\n\n" + " ".join(sentences) + f" Officials said the talks would resume (report {n})."


def event_filters(rng: random.Random, facets: dict[str, list[str]]) -> dict[str, Any]:
    """Random filters of GET /api/events, drawn from what the database holds (and a few that match nothing)."""
    params: dict[str, Any] = {}
    options = {
        "country": lambda: rng.choice(facets["countries"] or ["KEN"]),
        "event_type": lambda: ",".join(rng.sample(facets["event_types"] or ["AGREE"],
                                                  k=min(2, len(facets["event_types"] or ["AGREE"])))),
        "quad": lambda: rng.choice(["1", "2", "3", "4", "3,4"]),
        "actor": lambda: rng.choice((facets["countries"] or ["KEN"]) + ["police", "Iran", "nobody-at-all"]),
        "dyad": lambda: ",".join(rng.sample((facets["countries"] or ["KEN", "UGA"]) + ["UN", "EU"], k=2)),
        "date_from": lambda: rng.choice(["2023", "2024-01", "2024-06-01"]),
        "date_to": lambda: rng.choice(["2024-12", "2025"]),
        "text": lambda: rng.choice(["police", "talks", "the", "zzz"]),
        "modality": lambda: "asserted",
        "min_confidence": lambda: rng.choice(["0.3", "0.6"]),
    }
    for name in rng.sample(sorted(options), k=rng.randint(0, 3)):
        params[name] = options[name]()
    params["limit"] = rng.choice([10, 25, 50, 200])
    params["offset"] = rng.choice([0, 0, 0, 10])
    params["sort"] = rng.choice(["-date", "date", "document"])
    return params


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def code_database(folder: Path) -> Path:
    db = folder / "events.duckdb"
    subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", str(ROOT / "examples"), "--db", str(db), "-q"],
                   check=True)
    return db


def rss_mb(proc: psutil.Process) -> float:
    try:
        procs = [proc, *proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.Error:
        return float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def run_load(base: str, clients: int, seconds: float, code_share: float, seed: int,
                   server: psutil.Process) -> dict[str, Any]:
    # idle connections are dropped by the client before uvicorn's 5 s keep-alive ends, so that a request is
    # never sent on a connection the server is closing (a client-side race, not a server error)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)
    timeout = httpx.Timeout(120.0)
    results: list[tuple[str, int, float]] = []  # (endpoint, status, seconds); status 0: a transport error
    failures: Counter[str] = Counter()
    rss: list[float] = []
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
        summary = (await http.get("/api/summary")).json()
        facets = {k: [f["value"] for f in summary[k]] for k in ("countries", "event_types")}
        started = time.monotonic()
        cold = await http.post("/api/code", content=article(random.Random(seed), 0),
                               headers={"content-type": "text/plain"})
        cold_seconds = time.monotonic() - started
        rss_start = rss_mb(server)
        deadline = time.monotonic() + seconds

        async def client(k: int) -> None:
            rng = random.Random(seed * 1000 + k)
            n = 0
            while time.monotonic() < deadline:
                n += 1
                code = rng.random() < code_share
                began = time.monotonic()
                try:
                    if code:
                        endpoint = "POST /api/code"
                        response = await http.post("/api/code", content=article(rng, k * 100_000 + n),
                                                   headers={"content-type": "text/plain"})
                    else:
                        endpoint = "GET /api/events"
                        response = await http.get("/api/events", params=event_filters(rng, facets))
                    status = response.status_code
                    if status not in ALLOWED:
                        failures[f"{endpoint} {status}: {response.text[:200]}"] += 1
                except httpx.HTTPError as err:
                    status = 0
                    failures[f"{endpoint} {type(err).__name__}: {err}"] += 1
                results.append((endpoint, status, time.monotonic() - began))

        async def sample_memory() -> None:
            while time.monotonic() < deadline:
                rss.append(rss_mb(server))
                await asyncio.sleep(1.0)

        load_started = time.monotonic()
        await asyncio.gather(sample_memory(), *(client(k) for k in range(clients)))
        elapsed = time.monotonic() - load_started
        rss_end = rss_mb(server)
    per_endpoint: dict[str, Any] = {}
    grouped: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for endpoint, status, took in results:
        grouped[endpoint].append((status, took))
    for endpoint, rows in sorted(grouped.items()):
        ok = [took for status, took in rows if status == 200]
        every = [took for _, took in rows]
        per_endpoint[endpoint] = {
            "requests": len(rows), "requests_per_s": round(len(rows) / elapsed, 1),
            "p50_ms": round(percentile(every, 50) * 1000, 1), "p90_ms": round(percentile(every, 90) * 1000, 1),
            "p99_ms": round(percentile(every, 99) * 1000, 1), "max_ms": round(max(every) * 1000, 1),
            "ok_mean_ms": round(statistics.fmean(ok) * 1000, 1) if ok else None,
            "status": dict(sorted(Counter(str(status) for status, _ in rows).items())),
        }
    return {
        "clients": clients, "seconds": round(elapsed, 1), "code_share": code_share,
        "cold_start_s": round(cold_seconds, 2), "cold_start_status": cold.status_code,
        "requests": len(results), "requests_per_s": round(len(results) / elapsed, 1),
        "endpoints": per_endpoint,
        "rss_mb": {"after_warm_up": round(rss_start, 1), "end": round(rss_end, 1),
                   "peak": round(max(rss or [rss_end]), 1), "samples": len(rss),
                   "every_10_s": [round(v, 1) for v in rss[::10]]},
        "undocumented_errors": dict(failures.most_common(20)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load lasts (default 60)")
    parser.add_argument("--code-share", type=float, default=0.2,
                        help="share of requests that are POST /api/code (default 0.2)")
    parser.add_argument("--rate-limit", type=float, help="start the server with --rate-limit N")
    parser.add_argument("--code-timeout", type=float, help="start the server with --code-timeout S")
    parser.add_argument("--db", type=Path, help="an existing database (default: examples/ coded afresh)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print only the JSON result")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="eventcoder-load-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        db = args.db or code_database(work)
        port = free_port()
        command = [sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db), "--port", str(port)]
        if args.rate_limit:
            command += ["--rate-limit", str(args.rate_limit)]
        if args.code_timeout is not None:
            command += ["--code-timeout", str(args.code_timeout)]
        log = work / "server.log"
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/summary", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            if server.poll() is not None:
                raise SystemExit(f"the server stopped: {log.read_text(errors='replace')}")
        else:
            raise SystemExit("the server did not answer within a minute")
        listening = sorted({f"{c.laddr.ip}:{c.laddr.port}" for c in psutil.Process(server.pid).net_connections()
                            if c.status == psutil.CONN_LISTEN})
        report = asyncio.run(run_load(base, args.clients, args.seconds, args.code_share, args.seed,
                                      psutil.Process(server.pid)))
        report["listening"] = listening
        report["command"] = " ".join(["python", "benchmarks/load.py", *sys.argv[1:]])
        report["cpus"] = psutil.cpu_count()
        report["server_log"] = [line for line in log.read_text(errors="replace").splitlines()
                                if not line.startswith("eventcoder explorer on")][:20]
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{report['clients']} clients for {report['seconds']} s on {', '.join(listening)} "
              f"({report['cpus']} CPUs shared with the clients); first POST /api/code (loads the coder): "
              f"{report['cold_start_s']} s")
        print(f"{'endpoint':18s} {'requests':>8s} {'req/s':>7s} {'p50 ms':>8s} {'p90 ms':>8s} {'p99 ms':>8s} "
              f"{'max ms':>8s}  status")
        for endpoint, row in report["endpoints"].items():
            print(f"{endpoint:18s} {row['requests']:8d} {row['requests_per_s']:7.1f} {row['p50_ms']:8.1f} "
                  f"{row['p90_ms']:8.1f} {row['p99_ms']:8.1f} {row['max_ms']:8.1f}  {row['status']}")
        print(f"{'total':18s} {report['requests']:8d} {report['requests_per_s']:7.1f}")
        mem = report["rss_mb"]
        print(f"server RSS: {mem['after_warm_up']} MB after warm-up, {mem['end']} MB at the end, peak "
              f"{mem['peak']} MB; every 10 s: {mem['every_10_s']}")
        if report["server_log"]:
            print("the server logged:")
            for line in report["server_log"]:
                print(f"  {line}")
        if report["undocumented_errors"]:
            print("undocumented errors:")
            for message, count in report["undocumented_errors"].items():
                print(f"  {count} x {message}")
        else:
            print("no answer outside 200 and the documented 413/422/429")
    return 1 if report["undocumented_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
