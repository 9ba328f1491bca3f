"""The HTTP API, in-process (no socket): every endpoint, filter family and error case.

The database holds tests/fixtures/web/sample_results.jsonl (see test_query.py); POST /api/code runs a fake
coder except in one test that loads the real one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventcoder.models import Actor, DateValue, Document, DocumentResult, Event, Evidence
from eventcoder.store import Store
from eventcoder.web import create_app

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SAMPLE = Path(__file__).parent / "fixtures" / "web" / "sample_results.jsonl"


def load_sample(path: Path) -> Path:
    """A DuckDB store at ``path`` holding the sample documents and events (as in test_query.py)."""
    results = [DocumentResult.model_validate_json(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    with Store(path) as store:
        store.save_many(results)
    return path


class FakeCoder:
    """Codes each document into one AGREE event over its first line; a text with FAIL fails."""

    def __init__(self) -> None:
        self.calls = 0

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for doc in documents:
            self.calls += 1
            if "FAIL" in doc.text:
                yield DocumentResult(document=doc, error=f"{doc.source}: cannot code [E100]")
                continue
            end = doc.text.find("\n") if "\n" in doc.text else len(doc.text)
            first = doc.text.split()[0]
            event = Event(id=f"{doc.id}:1", doc_id=doc.id, event_type="AGREE",
                          actors=[Actor(text=first, name=first, country="NOR", sector="GOV", start=0,
                                        end=len(first))],
                          date=DateValue(value=doc.published, granularity="day", resolution="publication"),
                          evidence=[Evidence(sentence=doc.text[:end], start=0, end=end, trigger=first,
                                             trigger_start=0, trigger_end=len(first))])
            yield DocumentResult(document=doc, events=[event])


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_sample(tmp_path_factory.mktemp("api") / "sample.duckdb")


@pytest.fixture(scope="module")
def fake() -> FakeCoder:
    return FakeCoder()


@pytest.fixture(scope="module")
def client(db_path: Path, fake: FakeCoder) -> Iterator[TestClient]:
    with TestClient(create_app(db_path, coder_factory=lambda: fake, max_body=2_000)) as c:
        yield c


def event_ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {row["event"]["id"] for row in response.json()["events"]}


# ------------------------------------------------------------------------------------------- pages

def test_page_and_static_files_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/echarts.min.js",
                 "/static/vendor/topojson-client.min.js", "/static/vendor/countries-110m.json",
                 "/static/favicon.svg", "/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css"):
        assert client.get(path).status_code == 200, path
    # Nothing the page loads comes from another host.
    for path in ("/", "/static/app.js", "/static/app.css"):
        text = client.get(path).text
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path
    assert client.get("/static/nope.js").status_code == 404


def test_docs_are_offline_and_openapi_lists_endpoints(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "cdn." not in docs.text
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/summary", "/api/events", "/api/events/{event_id}", "/api/actors",
                                  "/api/dyads", "/api/timeline", "/api/places", "/api/code"}
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "country", "sector", "event_type", "quad", "mode", "modality", "date_from",
            "date_to", "text", "limit", "offset", "sort"} <= names


# ------------------------------------------------------------------------------------------- events

def test_events_filters(client: TestClient) -> None:
    get = lambda **p: event_ids(client.get("/api/events", params=p))
    assert get(actor="CHN") == {"geneva-ohchr:1", "geneva-ohchr:2", "ohchr-report:1", "ohchr-report:2"}
    assert get(actor="European") == {"eu-iran:1", "eu-iran:2"}
    assert get(source="OHCHR") == {"ohchr-report:1", "ohchr-report:2"}
    assert get(target="OHCHR") == {"geneva-ohchr:1", "geneva-ohchr:2"}
    assert get(dyad="OHCHR,CHN") == get(actor="CHN")
    assert get(country="KEN") == {"kenya-protest:1", "kenya-protest:2", "kenya-protest:3"}
    assert get(sector="COP") == {"kenya-protest:2", "kenya-protest:3"}
    assert get(event_type=["ASSAULT", "COERCE"]) == get(event_type="ASSAULT,COERCE")
    assert len(get(event_type="ASSAULT,COERCE")) == 4
    assert len(get(quad="4")) == 6 and get(quad="4", event_type="ASSAULT") == {"kenya-protest:2",
                                                                               "undated-brief:1"}
    assert get(mode="arrest") == {"kenya-protest:3", "undated-brief:2"}
    assert get(modality="negated") == {"eu-iran:3"}
    assert get(date_from="2024-05-01", date_to="2024-05-31") == {"ohchr-report:1", "ohchr-report:2"}
    assert get(text="tear gas") == {"kenya-protest:2", "kenya-protest:3"}
    assert get(doc_id="aid-manila") == {"aid-manila:1"}
    assert get(min_confidence="0.9") == set()
    assert get(country="KEN", event_type="PROTEST") == {"kenya-protest:1"}  # filters combine with AND


def test_events_paging_and_sort(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 5}).json()
    assert body["total"] == 13 and len(body["events"]) == 5 and body["sort"] == "-date"
    first = body["events"][0]
    assert first["event"]["date"]["value"] == "2024-06-25" and first["quad_class"] == 4
    assert first["document"]["title"] == "Police disperse marchers in Nairobi"
    oldest = client.get("/api/events", params={"sort": "date", "limit": 1}).json()["events"][0]
    assert oldest["event"]["id"] == "aid-manila:1"
    tail = client.get("/api/events", params={"limit": 5, "offset": 10}).json()
    assert len(tail["events"]) == 3 and tail["offset"] == 10
    everything = [r["event"]["id"] for r in client.get("/api/events", params={"limit": 1000}).json()["events"]]
    assert len(everything) == len(set(everything)) == 13


@pytest.mark.parametrize(("params", "where"), [
    ({"event_type": "PARTY"}, "event_type"),
    ({"quad": "7"}, "quad"),
    ({"modality": "perhaps"}, "modality"),
    ({"date_from": "2024-02-30"}, "date_from"),
    ({"date_to": "yesterday"}, "date_to"),
    ({"dyad": "CHN"}, "dyad"),
    ({"limit": "0"}, "limit"),
    ({"limit": "5000"}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"sort": "actor"}, "sort"),
    ({"min_confidence": "1.5"}, "min_confidence"),
    ({"colour": "red"}, "colour"),
])
def test_events_bad_parameters_are_422_with_the_reason(client: TestClient, params: dict, where: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(where in json.dumps(d) for d in detail), detail


def test_event_detail(client: TestClient) -> None:
    body = client.get("/api/events/geneva-ohchr:1").json()
    assert body["quad_class"] == 3 and body["quad_name"] == "verbal conflict"
    text = body["document"]["text"]
    ev = body["event"]["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["sentence"] and text[ev["trigger_start"]:ev["trigger_end"]] == "accused"
    actor = body["event"]["actors"][0]
    assert text[actor["start"]:actor["end"]] == "China's foreign ministry"
    assert body["document"] | {"text": None} == {
        "id": "geneva-ohchr", "title": "China rejects UN rights office criticism",
        "url": "https://news.example.org/geneva-ohchr", "published": "2024-03-12", "source": "sample:geneva-ohchr",
        "text": None}
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


# ------------------------------------------------------------------------------------------- aggregates

def test_summary(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    assert (body["documents"], body["events"], body["date_min"], body["date_max"]) == (6, 13, "2023-09-05",
                                                                                       "2024-06-25")
    assert body["writable"] is False and {f["value"] for f in body["event_types"]} >= {"ASSAULT", "AID"}


def test_actors(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    chn = next(a for a in body if a["key"] == "CHN")
    assert (chn["events"], chn["as_actor"], chn["as_recipient"], chn["label"]) == (4, 2, 2, "China")
    assert chn["balance"]["by_quad"] == {"1": 1, "3": 3} and chn["balance"]["balance"] == -0.5
    assert [a["key"] for a in client.get("/api/actors", params={"q": "ohc"}).json()] == ["OHCHR"]
    assert "KENCOP" in {a["key"] for a in client.get("/api/actors", params={"level": "code"}).json()}
    assert {a["key"] for a in client.get("/api/actors", params={"country": "PHL"}).json()} == {"JPN", "PHL"}
    assert len(client.get("/api/actors", params={"limit": 1}).json()) == 1
    assert client.get("/api/actors", params={"level": "street"}).status_code == 422


def test_dyads(client: TestClient) -> None:
    body = client.get("/api/dyads").json()
    chn = next(d for d in body if (d["source"], d["target"]) == ("CHN", "OHCHR"))
    assert chn["events"] == 4
    assert chn["balance"] | {"by_type": None, "goldstein": None} == {
        "total": 4, "by_type": None, "by_quad": {"1": 1, "3": 3}, "cooperation": 1, "conflict": 3,
        "balance": -0.5, "goldstein": None}
    assert chn["balance"]["by_type"] == {"ACCUSE": 1, "CONSULT": 1, "REJECT": 1, "REQUEST": 1}
    directed = client.get("/api/dyads", params={"directed": "true"}).json()
    assert {(d["source"], d["target"]) for d in directed} >= {("CHN", "OHCHR"), ("OHCHR", "CHN")}
    no_loops = client.get("/api/dyads", params={"self_loops": "false"}).json()
    assert all(d["source"] != d["target"] for d in no_loops)
    filtered = client.get("/api/dyads", params={"event_type": "SANCTION"}).json()
    assert [(d["source"], d["target"], d["events"]) for d in filtered] == [("EU", "IRN", 1)]
    assert client.get("/api/dyads", params={"directed": "sideways"}).status_code == 422


def test_timeline(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"dyad": "CHN,OHCHR", "interval": "month", "by": "quad"}).json()
    assert body["periods"] == ["2024-03", "2024-04", "2024-05"]
    assert {s["key"]: s["counts"] for s in body["series"]} == {"1": [0, 0, 1], "3": [2, 0, 1]}
    assert body["total"] == 4 and body["undated"] == 0
    day = client.get("/api/timeline", params={"dyad": "CHN,OHCHR", "interval": "day", "by": "total"}).json()
    assert sum(day["series"][0]["counts"]) == 3 and day["undated"] == 1
    by_type = client.get("/api/timeline", params={"country": "KEN", "interval": "year"}).json()
    assert by_type["periods"] == ["2024"] and [s["key"] for s in by_type["series"]] == ["PROTEST", "COERCE",
                                                                                       "ASSAULT"]
    for bad in ({"interval": "hour"}, {"by": "colour"}, {"quad": "x"}):
        assert client.get("/api/timeline", params=bad).status_code == 422


def test_places(client: TestClient) -> None:
    body = client.get("/api/places").json()
    assert body[0]["name"] == "Geneva" and body[0]["events"] == 4
    assert sum(p["events"] for p in body) == 13
    kenya = client.get("/api/places", params={"country": "KEN"}).json()
    assert [(p["name"], p["lat"], p["lon"], p["balance"]["balance"]) for p in kenya] == [
        ("Nairobi", -1.29, 36.82, -1.0)]
    assert client.get("/api/places", params={"limit": "0"}).status_code == 422


# ------------------------------------------------------------------------------------------- POST /api/code

def test_code_plain_text(client: TestClient, fake: FakeCoder) -> None:
    text = "Norway agreed to host the talks.\nMore text."
    response = client.post("/api/code", content=text.encode(), headers={"content-type": "text/plain"},
                           params={"published": "2024-01-02", "title": "Talks"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] == 0 and len(body["documents"]) == 1
    doc = body["documents"][0]
    assert (doc["title"], doc["published"], doc["events"], doc["error"]) == ("Talks", "2024-01-02", 1, None)
    event = body["events"][0]
    assert event["quad_class"] == 1 and event["event"]["evidence"][0]["sentence"] == "Norway agreed to host the talks."
    # Not stored: the read-only database is unchanged.
    assert client.get("/api/summary").json()["events"] == 13


def test_code_json_shapes(client: TestClient) -> None:
    one = client.post("/api/code", json={"text": "Oslo hosted talks.", "id": "a", "published": "2024-02-03",
                                         "section": "world"}).json()
    assert [d["id"] for d in one["documents"]] == ["a"] and one["events"][0]["event"]["date"]["value"] == "2024-02-03"
    many = client.post("/api/code", json=[{"text": "Oslo hosted talks.", "id": "a"},
                                          {"text": "This will FAIL.", "id": "b"}]).json()
    assert [(d["id"], d["events"], d["error"] is not None) for d in many["documents"]] == [("a", 1, False),
                                                                                      ("b", 0, True)]
    wrapped = client.post("/api/code", json={"documents": [{"text": "Bergen hosted talks."}]}).json()
    assert len(wrapped["documents"]) == 1 and len(wrapped["documents"][0]["id"]) == 16  # hash id
    # No content type: JSON when it looks like JSON, else text.
    guessed = client.post("/api/code", content=b'{"text": "Oslo hosted talks."}', headers={"content-type": ""})
    assert guessed.status_code == 200 and guessed.json()["events"][0]["event"]["actors"][0]["text"] == "Oslo"


@pytest.mark.parametrize(("body", "content_type", "reason"), [
    (b"{not json", "application/json", "not valid JSON"),
    (b'{"title": "no text"}', "application/json", "Field required"),
    (b'{"text": "   "}', "application/json", "text is empty"),
    (b'{"text": 42}', "application/json", "valid string"),
    (b'[{"text": "fine"}, 3]', "application/json", "not an object"),
    (b'{"text": "x", "published": "May 3"}', "application/json", "published"),
    (b'[{"text": "a", "id": "1"}, {"text": "b", "id": "1"}]', "application/json", "same document id"),
    (b"[]", "application/json", "no documents"),
    (b"\xff\xfe\x00bad", "application/json", "not UTF-8"),
    (b"\xff\xfe\x00bad", "text/plain", "not UTF-8"),
    (b"   \n", "text/plain", "empty"),
])
def test_code_bad_bodies_are_422_with_the_reason(client: TestClient, body: bytes, content_type: str,
                                                  reason: str) -> None:
    response = client.post("/api/code", content=body, headers={"content-type": content_type})
    assert response.status_code == 422, response.text
    assert reason in json.dumps(response.json()["detail"]), response.json()


def test_code_limits_and_media_types(client: TestClient) -> None:
    big = b"x" * 2_001
    response = client.post("/api/code", content=big, headers={"content-type": "text/plain"})
    assert response.status_code == 413 and "2,000 bytes" in response.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is enforced while reading
        for _ in range(5):
            yield b"y" * 500

    streamed = client.post("/api/code", content=chunks(), headers={"content-type": "text/plain"})
    assert streamed.status_code == 413
    assert client.post("/api/code", content=b"<a/>", headers={"content-type": "application/xml"}).status_code == 415
    stored = client.post("/api/code", params={"store": "true"}, content=b"Oslo hosted talks.",
                         headers={"content-type": "text/plain"})
    assert stored.status_code == 403 and "--writable" in stored.json()["detail"]
    assert client.post("/api/code", params={"published": "soon"}, content=b"Oslo hosted talks.",
                       headers={"content-type": "text/plain"}).status_code == 422
    assert client.post("/api/code", params={"verbose": "1"}, content=b"x").status_code == 422


def test_code_store_needs_a_writable_database(tmp_path: Path) -> None:
    path = load_sample(tmp_path / "writable.duckdb")
    coder = FakeCoder()
    with TestClient(create_app(path, coder_factory=lambda: coder, writable=True)) as client:
        assert client.get("/api/summary").json()["writable"] is True
        response = client.post("/api/code", params={"store": "true"},
                               json=[{"text": "Oslo hosted talks.", "id": "oslo", "title": "Oslo",
                                      "published": "2024-07-01"}, {"text": "FAIL here", "id": "bad"}])
        assert response.status_code == 200 and response.json()["stored"] == 1
        found = client.get("/api/events", params={"actor": "NOR"}).json()
        assert [r["event"]["id"] for r in found["events"]] == ["oslo:1"]
        assert found["events"][0]["document"]["title"] == "Oslo"
        assert client.get("/api/summary").json()["events"] == 14
        # Coding the same id again replaces it rather than duplicating.
        client.post("/api/code", params={"store": "true"}, json={"text": "Oslo hosted talks.", "id": "oslo"})
        assert client.get("/api/summary").json()["events"] == 14
    assert coder.calls == 3  # the coder was made once and kept


@pytest.mark.slow  # the session's coder (tests/conftest.py): loads the spaCy model unless already loaded
def test_code_with_the_real_coder(db_path: Path, coder: object) -> None:
    with TestClient(create_app(db_path, coder_factory=lambda: coder)) as client:
        response = client.post("/api/code", content=b"Kenyan police arrested two opposition leaders in Nairobi "
                                                    b"on Monday.", headers={"content-type": "text/plain"},
                               params={"published": "2024-07-08"})
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert [(e["event"]["event_type"], e["event"]["event_mode"]) for e in events] == [("COERCE", "arrest")]
    assert events[0]["event"]["date"]["value"] == "2024-07-08" and events[0]["quad_class"] == 4


# ------------------------------------------------------------------------------------------- database errors

def test_missing_database_fails_at_start(tmp_path: Path) -> None:
    from eventcoder.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "none.duckdb")


def test_database_held_by_a_writer_is_503(tmp_path: Path) -> None:
    path = load_sample(tmp_path / "busy.duckdb")
    with TestClient(create_app(path, coder_factory=FakeCoder)) as client:
        holder = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(f"""
                import duckdb, sys
                con = duckdb.connect({str(path)!r})
                print("locked", flush=True)
                sys.stdin.readline()
            """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            busy = client.get("/api/events")
            assert busy.status_code == 503 and "E400" in busy.json()["detail"]
        finally:
            holder.communicate("\n", timeout=10)
        assert client.get("/api/events").status_code == 200
