"""Security of `eventcoder serve`: it lets no one in where they don't belong.

* It listens on 127.0.0.1 by default and, there, answers only to loopback ``Host`` names (DNS rebinding).
* Every query parameter of every endpoint reaches DuckDB as a bound parameter: injection strings in each
  filter give 200 or 422, match literally, and leave the database as it was.
* Document text is data, never markup: an article with ``<script>`` and ``<img onerror>`` comes back as the
  same characters in JSON, and the page only ever puts text in with ``textContent`` under a CSP that runs
  no inline script. (tests/test_web_browser.py, ``slow``, checks it in a real browser.)
* No path from a request reaches the file system: path-like event ids and static paths give 404.
* ``POST /api/code`` has a size limit (413), a time limit (503 + Retry-After; a timed-out request stores
  nothing), an optional rate limit (429 + Retry-After), and refuses cross-origin requests (403).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app as cli_app
from eventcoder.models import Actor, Document, DocumentResult, Event, Evidence
from eventcoder.pipeline import Coder
from eventcoder.query import EventDatabase, EventFilter
from eventcoder.store import Store
from eventcoder.web import create_app
from eventcoder.web.app import LOOPBACK_HOSTS, STATIC_DIR, _RateLimiter

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SAMPLE = Path(__file__).parent / "fixtures" / "web" / "sample_results.jsonl"
BASE = "http://127.0.0.1:8000"

INJECTIONS = [
    "'; DROP TABLE events; --",
    "1 OR 1=1",
    "' OR '1'='1",
    "\u2019 OR \u20181\u2019=\u20181",  # unicode quotes
    "KEN' UNION SELECT id, text, NULL FROM documents --",
    "%",
    "_",
    "\\",
    "\"; DELETE FROM documents; --",
    "x\x00y",
    "ʼ OR 1=1 --",
    "$1",
    "?",
    "); CHECKPOINT; --",
    "../../etc/passwd",
]


class FakeCoder:
    """One AGREE event per document over its first word; ``delay`` seconds per document."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for doc in documents:
            time.sleep(self.delay)
            first = doc.text.split()[0]
            event = Event(id=f"{doc.id}:1", doc_id=doc.id, event_type="AGREE",
                          actors=[Actor(text=first, name=first, country="NOR", start=0, end=len(first))],
                          evidence=[Evidence(sentence=doc.text, start=0, end=len(doc.text), trigger=first,
                                             trigger_start=0, trigger_end=len(first))])
            yield DocumentResult(document=doc, events=[event])


def _sample_db(path: Path) -> Path:
    results = [DocumentResult.model_validate_json(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    with Store(path) as store:
        store.save_many(results)
    return path


def _fingerprint(database: EventDatabase) -> dict[str, Any]:
    """Every table and its row count, and a hash of the events: what an injection would change."""
    tables = [r[0] for r in database._rows("SELECT table_name FROM information_schema.tables")]
    counts = {t: database._rows(f'SELECT count(*) FROM "{t}"')[0][0] for t in sorted(tables)}
    return {"counts": counts, "events": database._rows("SELECT sum(hash(id || event)) FROM events")[0][0]}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _sample_db(tmp_path_factory.mktemp("security") / "sample.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    """A read-only server, as `eventcoder serve` runs by default (a DuckDB connection per request)."""
    app = create_app(db, coder_factory=FakeCoder, allowed_hosts=LOOPBACK_HOSTS)
    with TestClient(app, base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A --writable server: one connection for its life (the same SQL, bound the same way; much faster)."""
    db = _sample_db(tmp_path_factory.mktemp("security-held") / "sample.duckdb")
    with TestClient(create_app(db, coder_factory=FakeCoder, writable=True), base_url=BASE) as c:
        yield c


# ---------------------------------------------------------------------------------------------- listening

def test_serve_listens_on_loopback_by_default_and_answers_only_loopback_names(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"
    with TestClient(seen["app"], base_url=BASE) as c:
        for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
            assert c.get("/api/summary", headers={"host": host}).status_code == 200, host
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:8000"):
            response = c.get("/api/summary", headers={"host": host})
            assert response.status_code == 400, host
            assert "Host" in response.json()["detail"]
    # --host 0.0.0.0 is a deliberate choice to share: any Host name is answered then
    CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    with TestClient(seen["app"], base_url="http://events.example.org") as c:
        assert c.get("/api/summary").status_code == 200


@pytest.mark.slow
def test_a_real_server_accepts_no_connection_from_outside_loopback(tmp_path: Path) -> None:
    db = _sample_db(tmp_path / "events.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            pytest.fail("the server did not start")
        import psutil

        listening = [c.laddr for c in psutil.Process(proc.pid).net_connections() if c.status == "LISTEN"]
        assert [(a.ip, a.port) for a in listening] == [("127.0.0.1", port)]
        outside = [a.address for addrs in psutil.net_if_addrs().values() for a in addrs
                   if a.family == socket.AF_INET and not a.address.startswith("127.")]
        for address in outside:  # the machine's own network addresses reach nothing
            with pytest.raises(OSError), socket.create_connection((address, port), timeout=1):
                pass
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# ---------------------------------------------------------------------------------------------- injection

GET_ENDPOINTS: dict[str, list[str]] = {  # endpoint -> its own free-text parameters (besides the filters)
    "/api/events": [],
    "/api/actors": ["q"],
    "/api/dyads": [],
    "/api/timeline": [],
    "/api/places": [],
}
FREE_TEXT = ["actor", "source", "target", "country", "sector", "mode", "text", "doc_id"]  # reach SQL as text
VALIDATED = ["event_type", "quad", "modality", "date_from", "date_to", "min_confidence", "dyad", "limit",
             "offset", "sort", "level", "interval", "by", "directed", "self_loops"]


def test_every_filter_field_is_covered() -> None:
    assert set(FREE_TEXT) | set(VALIDATED) >= set(EventFilter.model_fields)


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_injection_strings_in_every_filter_are_bound_parameters(held: TestClient, endpoint: str) -> None:
    client, database = held, held.app.state.db
    before = _fingerprint(database)
    everything = client.get(endpoint).json()
    for value in INJECTIONS:
        # every free-text parameter at once: each one reaches SQL, and nothing matches them all
        params = dict.fromkeys(FREE_TEXT + GET_ENDPOINTS[endpoint], value)
        response = client.get(endpoint, params=params)
        assert response.status_code == 200, (value, response.text)
        body = response.json()
        found = body["total"] if endpoint == "/api/events" else body["series"] if endpoint == "/api/timeline" \
            else body
        assert not found, value
        response = client.get(endpoint, params={"dyad": f"KEN,{value}"})
        assert response.status_code == (422 if "," in value else 200), value  # a dyad is two terms
    for value in INJECTIONS[:4]:  # validated parameters: refused (422) before any SQL, or read as what they are
        for name in VALIDATED:
            response = client.get(endpoint, params={name: value})
            assert response.status_code in (200, 422), (name, value, response.text)
    assert _fingerprint(database) == before
    assert client.get(endpoint).json() == everything


@pytest.mark.parametrize("name", ["actor", "text", "doc_id", "country"])
def test_an_injection_string_matches_literally_not_as_sql(client: TestClient, name: str) -> None:
    total = client.get("/api/events").json()["total"]
    assert total > 0
    for value in ("1 OR 1=1", "' OR '1'='1", "%", "_"):
        assert client.get("/api/events", params={name: value}).json()["total"] == 0, (name, value)


def test_injection_strings_in_event_ids_and_code_parameters(held: TestClient) -> None:
    client, database = held, held.app.state.db
    before = _fingerprint(database)
    for value in INJECTIONS:
        if "/" not in value:  # a "/" makes another route (404 either way)
            response = client.get(f"/api/events/{quote(value, safe='')}")
            assert response.status_code == 404 and response.json()["detail"] == f"no event {value!r}"
        params = {"published": value, "title": value, "url": value, "id": value}
        response = client.post("/api/code", params=params, content="Norway agreed to talks.",
                               headers={"content-type": "text/plain"})
        assert response.status_code == 422, response.text  # published is not a date
        del params["published"]
        response = client.post("/api/code", params=params, content="Norway agreed to talks.",
                               headers={"content-type": "text/plain"})
        assert response.status_code == 200, response.text
        assert response.json()["documents"][0]["id"] == value
    assert _fingerprint(database) == before


# ---------------------------------------------------------------------------------------------- markup

ARTICLE = ("NAIROBI — Kenyan police arrested two opposition leaders in Nairobi on Monday, their lawyers said. "
           "<script>alert(1)</script> The <img src=x onerror=alert(document.cookie)> interior ministry "
           "accused them of organising the protests. <a href=\"javascript:alert(2)\">Read</a>")


def test_markup_in_an_article_is_returned_as_the_same_characters(tmp_path: Path, coder: Coder) -> None:
    db = _sample_db(tmp_path / "events.duckdb")
    app = create_app(db, coder_factory=lambda: coder, writable=True)
    with TestClient(app, base_url=BASE) as c:
        coded = c.post("/api/code?store=true", json={"id": "markup", "text": ARTICLE, "published": "2024-07-08",
                                                      "title": "<script>alert('title')</script>"})
        assert coded.status_code == 200, coded.text
        assert coded.json()["stored"] == 1 and coded.json()["events"]
        for row in c.get("/api/events", params={"doc_id": "markup"}).json()["events"]:
            assert row["document"]["title"] == "<script>alert('title')</script>"
            detail = c.get(f"/api/events/{row['event']['id']}")
            assert detail.headers["content-type"] == "application/json"
            assert detail.headers["x-content-type-options"] == "nosniff"
            document = detail.json()["document"]
            assert document["text"] == ARTICLE  # the characters as written: the page shows them as text
            for ev in detail.json()["event"]["evidence"]:
                assert ARTICLE[ev["start"]:ev["end"]] == ev["sentence"]


def test_the_page_runs_only_its_own_scripts_and_puts_text_in_as_text(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and script_src.group(1).strip() == "'self'"  # no inline script, no eval
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), "the page has no inline script"
    source = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setTimeout(\"", "srcdoc"):
        assert sink not in source, f"app.js uses {sink}"
    assert re.search(r"/\^https\?:", source), "only http(s) URLs of documents become links"


# ---------------------------------------------------------------------------------------------- paths

@pytest.mark.parametrize("path", [
    "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
    "/static/..%5c..%5capp.py", "/static/%252e%252e/app.py", "/static/vendor/%2e%2e/%2e%2e/app.py",
    "/api/events/..%2f..%2fetc%2fpasswd", "/api/events/%2e%2e", "/api/events/..", "/%2e%2e/pyproject.toml",
    "/static/index.html%00.png", "/static/file:%2f%2f%2fetc%2fpasswd",
])
def test_no_path_from_a_request_reaches_the_file_system(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "root:" not in response.text and "create_app" not in response.text and "[project]" not in response.text


def test_documents_named_like_paths_are_only_data(tmp_path: Path) -> None:
    db = _sample_db(tmp_path / "events.duckdb")
    before = sorted(p.name for p in tmp_path.iterdir())
    with TestClient(create_app(db, coder_factory=FakeCoder, writable=True), base_url=BASE) as c:
        for name in ("../../escape.txt", "/tmp/escape.txt", str(tmp_path / "escape.duckdb")):
            response = c.post("/api/code?store=true", json={"id": name, "text": "Norway agreed.", "source": name,
                                                            "url": f"file://{name}"})
            assert response.status_code == 200, response.text
            assert c.get(f"/api/events/{name}:1").status_code in (200, 404)
            assert c.get("/api/events", params={"doc_id": name}).json()["total"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside the database
    assert not Path("/tmp/escape.txt").exists()


# ---------------------------------------------------------------------------------------------- limits

def test_the_body_size_limit(db: Path) -> None:
    with TestClient(create_app(db, coder_factory=FakeCoder, max_body=1_000), base_url=BASE) as c:
        assert c.post("/api/code", content="Norway agreed. " * 80).status_code == 413
        streamed = c.post("/api/code", content=iter([b"Norway agreed. " * 40] * 3))  # no Content-Length
        assert streamed.status_code == 413
        assert c.post("/api/code", content="Norway agreed.").status_code == 200


def test_the_time_limit_answers_503_and_stores_nothing_late(tmp_path: Path) -> None:
    db = _sample_db(tmp_path / "events.duckdb")
    slow = FakeCoder(delay=0.1)
    app = create_app(db, coder_factory=lambda: slow, writable=True, max_seconds=0.3)
    documents = [{"id": f"late-{i}", "text": f"Norway agreed {i}."} for i in range(20)]  # 2 s of coding
    with TestClient(app, base_url=BASE) as c:
        started = time.monotonic()
        response = c.post("/api/code?store=true", json=documents)
        assert response.status_code == 503, response.text
        assert time.monotonic() - started < 3  # answered at the limit, not when the coding ends
        assert "longer than the limit of 0.3 s" in response.json()["detail"]
        assert int(response.headers["retry-after"]) >= 1
        busy = c.post("/api/code", json={"id": "next", "text": "Norway agreed."})  # the coder is still busy
        assert busy.status_code == 503 and "busy" in busy.json()["detail"]
        time.sleep(0.8)  # the abandoned thread finishes its current chunk of 8 (0.8 s) and stops
        assert c.get("/api/events", params={"doc_id": "late-0"}).json()["total"] == 0  # stored nothing
        fine = c.post("/api/code", json={"id": "quick", "text": "Norway agreed."})
        assert fine.status_code == 200, fine.text


def test_the_rate_limit_answers_429_with_retry_after(db: Path) -> None:
    with TestClient(create_app(db, coder_factory=FakeCoder, rate_limit=3), base_url=BASE) as c:
        codes = [c.post("/api/code", content=f"Norway agreed {i}.").status_code for i in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        limited = c.post("/api/code", content="Norway agreed.")
        assert 1 <= int(limited.headers["retry-after"]) <= 20
        assert "at most 3 a minute" in limited.json()["detail"]
        assert c.get("/api/events").status_code == 200  # reading is not limited
    with TestClient(create_app(db, coder_factory=FakeCoder), base_url=BASE) as c:  # off by default
        assert {c.post("/api/code", content=f"Norway agreed {i}.").status_code for i in range(10)} == {200}


def test_the_rate_limiter_refills_per_client(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("eventcoder.web.app.time.monotonic", lambda: now[0])
    limiter = _RateLimiter(per_minute=2)
    assert [limiter.wait("a"), limiter.wait("a"), limiter.wait("a")] == [0, 0, 30]
    assert limiter.wait("b") == 0  # another client has its own bucket
    now[0] += 31
    assert limiter.wait("a") == 0 and limiter.wait("a") > 0
    with pytest.raises(ValueError, match="rate_limit"):
        create_app(":memory:", rate_limit=0)


def test_cross_origin_posts_are_refused(client: TestClient) -> None:
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9999", "http://127.0.0.1.evil.example:8000"):
        response = client.post("/api/code", content="Norway agreed.", headers={"origin": origin})
        assert response.status_code == 403, origin
        assert "cross-origin" in response.json()["detail"]
    same = client.post("/api/code", content="Norway agreed.", headers={"origin": BASE})
    assert same.status_code == 200  # the explorer page itself
    assert client.post("/api/code", content="Norway agreed.").status_code == 200  # curl sends no Origin


def test_concurrent_requests_wait_for_the_coder_in_turn(tmp_path: Path) -> None:
    db = _sample_db(tmp_path / "events.duckdb")
    app = create_app(db, coder_factory=lambda: FakeCoder(delay=0.05), max_seconds=10)
    statuses: list[int] = []
    with TestClient(app, base_url=BASE) as c:
        def post(i: int) -> None:
            statuses.append(c.post("/api/code", content=f"Norway agreed {i}.").status_code)

        threads = [threading.Thread(target=post, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert statuses == [200] * 8
