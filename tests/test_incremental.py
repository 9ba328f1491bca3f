"""Incremental runs over a database: documents already coded are skipped, changed documents replace their
events and clusters, and a run killed with SIGKILL at any point loses nothing and codes what is left once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventcoder.models import Document, DocumentResult, Event, Evidence
from eventcoder.pipeline import Coder
from eventcoder.run import run
from eventcoder.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "near_duplicates" / "stories.jsonl"
RECORDS = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _kenya_cluster_sources(store: Store) -> int:
    return max(c.n_sources for c in store.clusters() if c.event_type == "COERCE"
               and set(c.doc_ids) & {"nairobi-ledger-0624", "eastafrica-wire-0625", "continental-times-0624"})


def test_rerun_skips_coded_documents_and_a_changed_record_replaces_its_events(tmp_path: Path, coder: Coder) -> None:
    db = tmp_path / "events.duckdb"
    stories = _write_jsonl(tmp_path / "stories.jsonl", RECORDS)
    first = run([stories], db=db, coder=coder)
    assert (first.documents, first.skipped) == (len(RECORDS), 0)
    assert first.clusters is not None and first.clusters < first.events
    with Store(db) as store:
        counts = store.counts()
        assert _kenya_cluster_sources(store) == 3
        old_events = {e.id for e in store.events(doc_id="continental-times-0624")}
    again = run([stories], db=db, coder=coder)
    assert (again.documents, again.skipped, again.clusters) == (0, len(RECORDS), None)  # nothing to recompute
    # one outlet corrects its story: now about a different event
    changed = [dict(r) for r in RECORDS]
    for r in changed:
        if r["id"] == "continental-times-0624":
            r["text"] = ("Kenyan lawmakers approved a revised finance bill in Nairobi on Thursday after "
                         "weeks of debate over fuel taxes.")
    _write_jsonl(stories, changed)
    third = run([stories], db=db, coder=coder)
    assert (third.documents, third.skipped) == (1, len(RECORDS) - 1)
    with Store(db) as store:
        assert store.counts()["documents"] == counts["documents"]
        new_events = store.events(doc_id="continental-times-0624")
        assert {e.id for e in new_events} != old_events
        assert all(e.event_type != "COERCE" for e in new_events)  # the arrest report is gone
        assert not store.clusters_stale()
        assert _kenya_cluster_sources(store) == 2  # the corrected story left the cluster
        assert sorted(m[1] for m in store.mentions()) == sorted(e.id for e in store.iter_events())
    forced = run([stories], db=db, coder=coder, force=True)
    assert forced.documents == len(RECORDS)
    with Store(db) as store:
        assert store.counts()["events"] == sum(1 for _ in store.iter_events())
        assert store.cluster_counts()["mentions"] == store.counts()["events"]


def test_a_changed_text_file_replaces_its_old_version(tmp_path: Path, coder: Coder) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kenya.txt").write_text(RECORDS[0]["text"], encoding="utf-8")
    (folder / "uganda.txt").write_text(RECORDS[9]["text"], encoding="utf-8")
    db = tmp_path / "events.duckdb"
    run([folder], db=db, coder=coder)
    (folder / "kenya.txt").write_text(RECORDS[0]["text"] + " Rights groups demanded their release.",
                                      encoding="utf-8")
    summary = run([folder], db=db, coder=coder)
    assert (summary.documents, summary.skipped) == (1, 1)
    with Store(db) as store:
        docs = store.documents()
        assert len(docs) == 2  # the new version replaced the old one (a new content-hash id, the same path)
        assert "Rights groups" in next(d.text for d in docs if d.source.endswith("kenya.txt"))
        assert {e.doc_id for e in store.iter_events()} <= {d.id for d in docs}


def test_stale_clusters_left_by_a_stopped_run_are_repaired_by_the_next(tmp_path: Path, coder: Coder) -> None:
    db = tmp_path / "events.duckdb"
    stories = _write_jsonl(tmp_path / "stories.jsonl", RECORDS[:3])
    with Store(db) as store:  # what a run killed after storing, before clustering, leaves behind
        for result in coder.code(Document(id=r["id"], text=r["text"], published=r["published"],
                                          content_hash="x") for r in RECORDS[:3]):
            store.save(result)
        assert store.clusters_stale() and store.clusters() == []
    summary = run([stories], db=db, coder=coder)
    assert summary.documents == 3  # the hashes differ: coded again, once each
    with Store(db) as store:
        assert not store.clusters_stale() and store.cluster_counts()["clusters"] == summary.clusters


def test_save_is_all_or_nothing_for_mentions(tmp_path: Path) -> None:
    text = "Police arrested protesters."
    ev = Event(id="e1", doc_id="d1", event_type="COERCE",
               evidence=[Evidence(sentence=text, start=0, end=len(text), trigger="arrested", trigger_start=7,
                                  trigger_end=15)])
    with Store(tmp_path / "x.duckdb") as store:
        store.save(DocumentResult(document=Document(id="d1", text=text, content_hash="a"), events=[ev]))
        store.recluster()
        bad = DocumentResult(document=Document(id="d1", text=text, content_hash="b"),
                             events=[ev.model_copy(update={"doc_id": "other"})])
        with pytest.raises(Exception):  # noqa: B017 - StoreError: the event names another document
            store.save(bad)
        assert len(store.mentions()) == 1 and not store.clusters_stale()


# ---------------------------------------------------------------------------------------------- kill -9

def _corpus(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    names = []
    for i in range(n):
        record = RECORDS[i % len(RECORDS)]
        name = f"{i:03d}.txt"
        # a dateline and a closing line make each file a distinct document (its own content hash)
        (folder / name).write_text(f"NAIROBI, June {1 + i % 28}, 2024 --\n{record['text']}\n"
                                   f"(Report {i} of the test desk.)\n", encoding="utf-8")
        names.append(name)
    return names


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventcoder.cli", "code", *args]


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db))  # writable: replays what the killed process left in the WAL
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_a_run_killed_with_sigkill_restarts_without_loss_or_duplicates(tmp_path: Path) -> None:
    n = 72
    _corpus(tmp_path / "corpus", n)
    db, out = tmp_path / "events.duckdb", tmp_path / "events.jsonl"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_cli(str(tmp_path / "corpus"), "--db", str(db), "-o", str(out), "-q"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        written = 0
        while time.monotonic() < deadline and proc.poll() is None:
            # the output is written (flushed) document by document just before each is stored
            partial = list(tmp_path.glob(".events.jsonl.*.tmp"))
            written = len({json.loads(x)["doc_id"] for x in partial[0].read_text().splitlines()
                           if x.endswith("}")}) if partial else 0
            if written >= 3:
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not out.exists()  # the killed run never put a half output in place
    before = dict(_rows(db, "SELECT id, coded_at FROM documents"))
    assert 0 < len(before) < n  # killed midway: some documents stored, not all

    restart = subprocess.run(_cli(str(tmp_path / "corpus"), "--db", str(db)), capture_output=True, text=True,
                             check=False, env=env, timeout=300)
    assert restart.returncode == 0, restart.stderr
    summary = " ".join(restart.stderr.split())  # the console may wrap the summary line
    # each remaining document coded exactly once; those already stored skipped, not coded again
    assert f"{n - len(before)} documents coded" in summary and f"{len(before)} skipped" in summary
    after = dict(_rows(db, "SELECT id, coded_at FROM documents"))
    assert len(after) == n
    assert all(after[doc_id] == coded_at for doc_id, coded_at in before.items())
    per_doc = _rows(db, "SELECT d.id, d.n_events, count(e.id) FROM documents d LEFT JOIN events e "
                        "ON e.doc_id = d.id GROUP BY d.id, d.n_events")
    assert all(stored == counted for _, stored, counted in per_doc)
    assert _rows(db, "SELECT count(*), count(DISTINCT id) FROM events")[0][0] == \
        _rows(db, "SELECT count(DISTINCT id) FROM events")[0][0]
    assert _rows(db, "SELECT count(*) FROM mentions")[0][0] == _rows(db, "SELECT count(*) FROM events")[0][0]
    assert _rows(db, "SELECT value FROM store_state WHERE key = 'clusters_stale'") == [("false",)]

    # and a third run has nothing left to do
    third = subprocess.run(_cli(str(tmp_path / "corpus"), "--db", str(db)), capture_output=True, text=True,
                           check=False, env=env, timeout=300)
    assert f"0 documents coded, 0 events, 0 failures, {n} skipped" in " ".join(third.stderr.split())
