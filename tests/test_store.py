"""The DuckDB store: round trips, idempotent re-saves, filters, transactions, read-only use, speed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventcoder.errors import StoreError
from eventcoder.models import Actor, DateValue, Document, DocumentResult, Event, Evidence, Place
from eventcoder.store import SCHEMA_VERSION, Store

VISIT_TEXT = (
    "UN chief in Beijing\n"
    "UN Secretary-General António Guterres met Chinese Vice Premier Liu He in Beijing on Friday. "
    "Liu said China supported the United Nations' role in development."
)
SAKE_TEXT = (
    "M23 rebels shelled the town of Sake on Wednesday, killing at least four civilians, "
    "local officials said."
)
EU_TEXT = "The European Union on Friday called on Russia to release the detained journalists."


def _evidence(text: str, sentence: str, trigger: str) -> Evidence:
    start = text.index(sentence)
    t = text.index(trigger, start)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), trigger=trigger,
                    trigger_start=t, trigger_end=t + len(trigger))


def _actor(text: str, mention: str, **codes: object) -> Actor:
    start = text.index(mention)
    return Actor(text=mention, start=start, end=start + len(mention), resolved_by="lexicon", **codes)


def visit_result(content_hash: str = "sha-visit-1") -> DocumentResult:
    doc = Document(id="xinhua-2019-04-26", text=VISIT_TEXT, title="UN chief in Beijing",
                   url="https://news.example.org/un-chief-beijing", published="2019-04-26",
                   source="feeds/asia.jsonl:12", content_hash=content_hash,
                   metadata={"section": "World", "keywords": ["UN", "China"]})
    consult = Event(
        id="xinhua-2019-04-26:e1", doc_id=doc.id, event_type="CONSULT", event_mode="visit",
        actors=[_actor(VISIT_TEXT, "UN Secretary-General António Guterres", name="António Guterres",
                       title="Secretary-General", sector="IGO", org="UN", kind="person")],
        recipients=[_actor(VISIT_TEXT, "Chinese Vice Premier Liu He", name="Liu He", title="Vice Premier",
                           country="CHN", sector="GOV", kind="person")],
        date=DateValue(value="2019-04-26", text="Friday", granularity="day", resolution="relative"),
        location=Place(country="CHN", name="Beijing", lat=39.9042, lon=116.4074, text="Beijing",
                       resolution="sentence"),
        directed=False, contexts=["diplomatic"], confidence=0.92,
        evidence=[_evidence(VISIT_TEXT, "UN Secretary-General António Guterres met Chinese Vice Premier "
                                        "Liu He in Beijing on Friday.", "met")],
        rule="meet-with",
    )
    support = Event(
        id="xinhua-2019-04-26:e2", doc_id=doc.id, event_type="SUPPORT",
        actors=[_actor(VISIT_TEXT, "Liu", name="Liu He", country="CHN", sector="GOV", kind="person")],
        recipients=[Actor(text="the United Nations", org="UN", sector="IGO", kind="organization")],
        date=DateValue(value="2019-04-26", resolution="publication", granularity="day"),
        confidence=0.6, stage="rules", rule="support-for",
        evidence=[_evidence(VISIT_TEXT, "Liu said China supported the United Nations' role in development.",
                            "supported")],
    )
    return DocumentResult(document=doc, events=[consult, support], seconds=0.12)


def sake_result() -> DocumentResult:
    doc = Document(id="sake-0207", text=SAKE_TEXT, published="2024-02-07", source="kivu/sake.txt",
                   content_hash="sha-sake")
    assault = Event(
        id="sake-0207:e1", doc_id=doc.id, event_type="ASSAULT", event_mode="heavy-weapons",
        actors=[_actor(SAKE_TEXT, "M23 rebels", name="M23", country="COD", sector="REB", kind="group")],
        recipients=[_actor(SAKE_TEXT, "civilians", country="COD", sector="CVL", kind="group")],
        date=DateValue(value="2024-02-07", text="Wednesday", granularity="day", resolution="relative"),
        location=Place(country="COD", name="Sake", lat=-1.5736, lon=29.0458),
        contexts=["military"], confidence=0.85, modality="asserted",
        evidence=[_evidence(SAKE_TEXT, SAKE_TEXT, "shelled")],
    )
    return DocumentResult(document=doc, events=[assault])


def eu_result() -> DocumentResult:
    doc = Document(id="eu-0303", text=EU_TEXT, published="2023-03-03", source="eu.html",
                   content_hash="sha-eu")
    request = Event(
        id="eu-0303:e1", doc_id=doc.id, event_type="REQUEST", event_mode="yield",
        actors=[_actor(EU_TEXT, "The European Union", name="European Union", sector="IGO", org="EU",
                       kind="organization")],
        recipients=[_actor(EU_TEXT, "Russia", country="RUS", sector="GOV", kind="state")],
        date=DateValue(value="2023-03-03", text="Friday", granularity="day", resolution="relative"),
        confidence=0.75, evidence=[_evidence(EU_TEXT, EU_TEXT, "called on")],
    )
    return DocumentResult(document=doc, events=[request])


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture()
def filled(db_path: Path) -> Path:
    with Store(db_path) as store:
        for result in (visit_result(), sake_result(), eu_result()):
            store.save(result)
    return db_path


def test_round_trip_returns_the_saved_models(filled: Path) -> None:
    with Store(filled) as store:
        stored = {e.id: e for e in store.events()}
        originals = [e for r in (visit_result(), sake_result(), eu_result()) for e in r.events]
        assert stored == {e.id: e for e in originals}
        assert store.events(doc_id="xinhua-2019-04-26") == visit_result().events  # coded order kept
        assert store.documents() == sorted((r.document for r in (visit_result(), sake_result(), eu_result())),
                                           key=lambda d: d.id)
        assert store.counts() == {"documents": 3, "events": 4, "actors": 8, "failures": 0}


def test_derived_tables_hold_the_actor_and_evidence_rows(filled: Path) -> None:
    con = duckdb.connect(str(filled), read_only=True)
    try:
        actors = con.execute("SELECT role, position, name, country, sector, org, start, end_offset "
                             "FROM event_actors WHERE event_id = ? ORDER BY role",
                             ["xinhua-2019-04-26:e1"]).fetchall()
        assert actors == [
            ("actor", 0, "António Guterres", None, "IGO", "UN", VISIT_TEXT.index("UN Secretary"),
             VISIT_TEXT.index("UN Secretary") + len("UN Secretary-General António Guterres")),
            ("recipient", 0, "Liu He", "CHN", "GOV", None, VISIT_TEXT.index("Chinese Vice"),
             VISIT_TEXT.index("Chinese Vice") + len("Chinese Vice Premier Liu He")),
        ]
        evidence = con.execute('SELECT sentence, start, "end", trigger FROM evidence '
                               "WHERE event_id = 'sake-0207:e1'").fetchall()
        assert evidence == [(SAKE_TEXT, 0, len(SAKE_TEXT), "shelled")]
        row = con.execute("SELECT contexts, lat, date_value, stage, directed FROM events "
                          "WHERE id = 'sake-0207:e1'").fetchall()
        assert row == [(["military"], -1.5736, "2024-02-07", "rules", True)]
        visit = con.execute("SELECT directed FROM events WHERE id = ?", ["xinhua-2019-04-26:e1"]).fetchall()
        assert visit == [(False,)]
        assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        con.close()


def test_saving_the_same_document_again_replaces_not_duplicates(filled: Path) -> None:
    with Store(filled) as store:
        before = store.counts()
        store.save(visit_result())
        store.save_many([visit_result(), sake_result()])
        assert store.counts() == before
        assert store.events(doc_id="xinhua-2019-04-26") == visit_result().events


def test_a_changed_document_replaces_its_old_events(filled: Path) -> None:
    changed = visit_result(content_hash="sha-visit-2")
    changed.document.text = VISIT_TEXT.replace("on Friday", "on Saturday")
    only = changed.events[0].model_copy(update={"id": "xinhua-2019-04-26:e9", "confidence": 0.5})
    changed.events = [only]
    with Store(filled) as store:
        assert store.has_document("xinhua-2019-04-26", "sha-visit-1")
        store.save(changed)
        assert store.events(doc_id="xinhua-2019-04-26") == [only]
        assert store.counts()["events"] == 3 and store.counts()["actors"] == 6
        assert not store.has_document("xinhua-2019-04-26", "sha-visit-1")
        assert store.has_document("xinhua-2019-04-26", "sha-visit-2")
        assert not store.has_document("never-seen", "sha-visit-2")
        [doc] = [d for d in store.documents() if d.id == "xinhua-2019-04-26"]
        assert "on Saturday" in doc.text


def test_filters(filled: Path) -> None:
    with Store(filled) as store:
        assert [e.id for e in store.events(event_type="ASSAULT")] == ["sake-0207:e1"]
        assert [e.id for e in store.events(country="RUS")] == ["eu-0303:e1"]  # a recipient
        assert {e.id for e in store.events(country="CHN")} == {"xinhua-2019-04-26:e1", "xinhua-2019-04-26:e2"}
        assert store.events(country="CHN", event_type="SUPPORT")[0].id == "xinhua-2019-04-26:e2"
        everything = [e.id for e in store.events()]
        assert [e.id for e in store.events(limit=2)] == everything[:2]
        assert [e.id for e in store.events(limit=2, offset=2)] == everything[2:4]
        assert store.events(event_type="PROTEST") == []


def test_values_are_bound_not_spliced_into_sql(db_path: Path) -> None:
    result = eu_result()
    hostile = "eu'); DROP TABLE events; --"
    result.document.id = hostile
    result.events = [e.model_copy(update={"doc_id": hostile, "id": hostile + ":e1"}) for e in result.events]
    with Store(db_path) as store:
        store.save(result)
        assert [e.doc_id for e in store.events(doc_id=hostile)] == [hostile]
        assert store.counts()["events"] == 1


def test_failures_are_recorded_and_failed_documents_not_marked_coded(db_path: Path) -> None:
    failed = DocumentResult(document=Document(id="broken", text="", source="inbox/broken.html"),
                            error="inbox/broken.html: an HTML page with no article text [E104]")
    with Store(db_path) as store:
        store.record_failure("inbox/scan.pdf", "not text [E102]")
        store.save(failed)
        assert store.counts() == {"documents": 0, "events": 0, "actors": 0, "failures": 2}
        assert [(s, m) for s, m, _ in store.failures()] == [
            ("inbox/scan.pdf", "not text [E102]"),
            ("inbox/broken.html", "inbox/broken.html: an HTML page with no article text [E104]")]
        assert not store.has_document("broken", "")


def test_an_aborted_transaction_leaves_the_previous_content(filled: Path) -> None:
    with Store(filled) as store:
        before = store.events()
        # The store's own transaction: insert, then fail before the commit -> rolled back.
        with pytest.raises(RuntimeError, match="power cut"), store._transaction("test"):
            store._con.execute("DELETE FROM events WHERE doc_id = ?", ["sake-0207"])
            store._con.execute("INSERT INTO failures VALUES (?, ?, now())", ["x", "half-written"])
            raise RuntimeError("power cut")
        assert store.events() == before
        assert store.counts()["failures"] == 0
        # A save that fails half way (an event id already taken by another document) stores nothing.
        clash = eu_result()
        clash.document.content_hash = "sha-eu-2"
        clash.events.append(clash.events[0].model_copy(update={"id": "sake-0207:e1"}))
        with pytest.raises(StoreError, match="save documents"):
            store.save(clash)
        assert store.events() == before
        assert store.has_document("eu-0303", "sha-eu")


def test_a_killed_writer_leaves_a_readable_database(filled: Path) -> None:
    script = (
        "import os, sys\n"
        "from eventcoder.models import DocumentResult\n"
        "from eventcoder.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "insert = store._insert\n"
        "def dying(table, rows):\n"
        "    insert(table, rows)\n"
        "    if table == 'events':\n"
        "        os._exit(9)  # killed mid-transaction, no cleanup\n"
        "store._insert = dying\n"
        "store.save(DocumentResult.model_validate_json(sys.argv[2]))\n"
    )
    changed = sake_result()
    changed.document.content_hash = "sha-sake-2"
    changed.events = [e.model_copy(update={"id": "sake-0207:e7"}) for e in changed.events]
    proc = subprocess.run([sys.executable, "-c", script, str(filled), changed.model_dump_json()],
                          check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    with Store(filled, read_only=True) as store:
        assert store.events(doc_id="sake-0207") == sake_result().events
        assert store.has_document("sake-0207", "sha-sake")
        assert store.counts()["events"] == 4


def test_read_only_store(filled: Path) -> None:
    os.chmod(filled, 0o444)
    try:
        with Store(filled, read_only=True) as store:
            assert len(store.events()) == 4
            with pytest.raises(StoreError, match="read-only"):
                store.save(eu_result())
    finally:
        os.chmod(filled, 0o644)
    missing = filled.parent / "nowhere.duckdb"
    with pytest.raises(StoreError, match="nowhere.duckdb"):
        Store(missing, read_only=True)
    assert not missing.exists()


def test_unusable_paths_raise_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreError, match="data") as info:
        Store(blocker / "events.duckdb")
    assert info.value.code == "E400"
    garbage = tmp_path / "notes.duckdb"
    garbage.write_text("meeting notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store(garbage)


def test_events_must_belong_to_their_document(db_path: Path) -> None:
    result = eu_result()
    result.events[0] = result.events[0].model_copy(update={"doc_id": "someone-else"})
    with Store(db_path) as store, pytest.raises(StoreError, match="someone-else"):
        store.save(result)


def test_reopening_keeps_content_and_schema(filled: Path) -> None:
    with Store(filled) as store:
        assert store.counts()["documents"] == 3
    with Store(filled) as store:
        assert store.counts()["documents"] == 3


def _batch(n_docs: int, offset: int = 0) -> list[DocumentResult]:
    results = []
    template = visit_result()
    for i in range(offset, offset + n_docs):
        doc = template.document.model_copy(update={"id": f"feed-{i:05d}", "content_hash": f"h{i}"})
        events = [template.events[j % 2].model_copy(update={"id": f"feed-{i:05d}:e{j}", "doc_id": doc.id})
                  for j in range(5)]
        results.append(DocumentResult(document=doc, events=events))
    return results


def test_saving_a_thousand_documents_is_quick(db_path: Path) -> None:
    batch = _batch(1000)
    with Store(db_path) as store:
        start = time.perf_counter()
        store.save_many(batch)
        batched = time.perf_counter() - start
        singles = _batch(100, offset=1000)
        start = time.perf_counter()
        for result in singles:
            store.save(result)
        single = (time.perf_counter() - start) / len(singles)
        start = time.perf_counter()
        store.save_many(batch)  # re-save: delete + insert
        resave = time.perf_counter() - start
        assert store.counts()["events"] == 5500 and store.counts()["documents"] == 1100
        print(f"\nstore: save_many 1,000 docs x 5 events {batched:.2f} s; re-save {resave:.2f} s; "
              f"save() one document {single * 1000:.1f} ms (1,000 one by one ~ {single * 1000:.1f} s)")
