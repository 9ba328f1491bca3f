"""Faults: a full disk, an unwritable output directory and a process killed mid-write give clear errors and
leave nothing half-written at the target; the database stays readable (as the explorer reads it).

How the faults are made (no tiny file system is mounted for the tests):

* **disk full** — in-process, ``open`` in ``eventcoder.export`` is replaced by one whose ``write`` raises
  ``ENOSPC`` ("No space left on device") after some bytes; at the OS level, a child process runs with
  ``RLIMIT_FSIZE`` (writes past the limit fail with ``EFBIG``, "File too large", the same path through
  the code as ``ENOSPC``: Parquet, DuckDB and the dataset writer are tested this way); a stream output is
  written to ``/dev/full``.
* **unwritable directory** — ``chmod 555``, or, for root (whom permissions do not stop), ``chattr +i``.
* **killed** — ``os._exit`` inside a store transaction (clusters, schema), and ``SIGKILL`` at several
  moments of ``eventcoder code --db`` (``slow``). tests/test_incremental.py already checks that a killed
  run restarts without loss or duplicates, and tests/test_store.py a document save killed mid-transaction.
"""

from __future__ import annotations

import builtins
import csv
import errno
import hashlib
import inspect
import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventcoder import export
from eventcoder.errors import OutputError, StoreError
from eventcoder.export import EventWriter
from eventcoder.models import Actor, Document, DocumentResult, Event, Evidence
from eventcoder.pipeline import Coder
from eventcoder.query import EventDatabase, EventFilter
from eventcoder.run import run
from eventcoder.store import Store

ROOT = Path(__file__).resolve().parent.parent
STORY = "Kenyan police arrested two opposition leaders in Nairobi on Monday, their lawyers said."


def result(i: int, events: int = 3) -> DocumentResult:
    """A coded document with ``events`` events (no model needed; names that do not compress)."""
    text = f"{STORY} Report {i}."
    doc = Document(id=f"doc-{i:04d}", text=text, content_hash=f"hash-{i}", source=f"doc-{i}.txt",
                   published="2024-07-08")
    evs = [Event(id=f"doc-{i:04d}:{k}", doc_id=doc.id, event_type="COERCE", event_mode="arrest",
                 actors=[Actor(text="Kenyan police", name=hashlib.sha256(f"{i}:{k}".encode()).hexdigest(),
                               country="KEN", sector="COP", start=0, end=13)],
                 evidence=[Evidence(sentence=STORY, start=0, end=len(STORY), trigger="arrested",
                                    trigger_start=14, trigger_end=22)])
           for k in range(events)]
    return DocumentResult(document=doc, events=evs)


# ``result`` for child processes (they need not import the tests, pytest or the model)
RESULT = ("import hashlib\nfrom eventcoder.models import Actor, Document, DocumentResult, Event, Evidence\n"
          f"STORY = {STORY!r}\n{inspect.getsource(result)}")


def child_code(template: str, **values: str) -> str:
    """A child's program: ``result`` and its imports, then ``template`` (dedented, then formatted)."""
    return RESULT + textwrap.dedent(template).format(**values)


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary files or folders a writer left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name)


class FullDisk:
    """A text file whose writes fail with ENOSPC once ``budget`` characters have been written."""

    def __init__(self, fh: Any, budget: int) -> None:
        self.fh, self.budget = fh, budget

    def write(self, text: str) -> int:
        if len(text) > self.budget:
            self.fh.write(text[: self.budget])  # what a real full disk does: part of the write lands
            self.budget = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.budget -= len(text)
        return self.fh.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fh, name)


@pytest.fixture
def disk_fills_after(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    def fill(budget: int) -> None:
        real_open = builtins.open
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:  # the output file (opened from a descriptor)
            fh = real_open(file, *args, **kwargs)
            return FullDisk(fh, budget) if isinstance(file, int) else fh

        monkeypatch.setattr(export, "open", opener, raising=False)
    return fill


def in_child_with_file_limit(code: str, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a child whose files cannot grow past ``limit`` bytes (EFBIG, not SIGXFSZ)."""
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-c", code, *args], preexec_fn=limited,
                          capture_output=True, text=True, timeout=120, check=False)


# ---------------------------------------------------------------------------------------------- disk full

@pytest.mark.parametrize("name", ["events.jsonl", "events.csv", "events.plover.jsonl", "events.gdelt.tsv"])
def test_disk_full_leaves_the_target_as_it_was_and_a_partial_of_whole_records(
        tmp_path: Path, disk_fills_after: Callable[[int], None], name: str) -> None:
    target = tmp_path / name
    target.write_text("the previous output\n", encoding="utf-8")
    disk_fills_after(6_000)
    written: list[DocumentResult] = []
    with pytest.raises(OutputError) as info, EventWriter(target) as writer:
        for i in range(100):
            r = result(i)
            writer.write(r.events, r.document)
            written.append(r)
    message = str(info.value)
    assert "No space left on device" in message and str(target) in message and message.endswith("[E500]")
    assert target.read_text(encoding="utf-8") == "the previous output\n"
    partial = target.with_name(name + ".partial")
    text = partial.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert 0 < len(written) < 100 and text.endswith("\n")
    if name.endswith("jsonl"):  # every record whole: the one the disk cut short is gone
        docs = [json.loads(line).get("doc_id") or json.loads(line)["cite_info"]["citation"] for line in lines]
        assert set(docs) >= {r.document.id for r in written} and len(docs) < 3 * len(written) + 3
    else:
        columns = len(lines[0].split("\t" if name.endswith(".tsv") else ","))
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if name.endswith(".tsv") else ","))
        assert all(len(row) == columns for row in rows) and len(rows) >= 1 + 3 * len(written)
    assert leftovers(tmp_path) == []


def test_disk_full_before_the_first_document_leaves_nothing(tmp_path: Path,
                                                             disk_fills_after: Callable[[int], None]) -> None:
    disk_fills_after(100)
    with pytest.raises(OutputError, match="No space left on device"), EventWriter(tmp_path / "e.jsonl") as writer:
        writer.write(result(0).events)
    assert list(tmp_path.iterdir()) == []


def test_disk_full_through_a_run(tmp_path: Path, coder: Coder, disk_fills_after: Callable[[int], None]) -> None:
    (tmp_path / "in.txt").write_text(STORY, encoding="utf-8")
    disk_fills_after(50)
    with pytest.raises(OutputError, match="write failed: No space left on device"):
        run([tmp_path / "in.txt"], output=tmp_path / "out" / "events.jsonl", coder=coder)
    assert list((tmp_path / "out").iterdir()) == []


WRITE_EVENTS = """
    import json, sys
    from eventcoder.errors import EventcoderError
    from eventcoder.export import EventWriter
    from eventcoder.run import DatasetWriter
    errors = {{}}
    for target in sys.argv[1:]:
        try:
            writer = DatasetWriter(target) if target.endswith("/") else EventWriter(target)
            with writer:
                for i in range(1000):
                    r = result(i, events=5)
                    writer.write(r.events, r.document)
        except EventcoderError as err:
            errors[target] = str(err)
    print(json.dumps(errors))
"""


def test_a_file_size_limit_in_the_os_gives_a_clear_error_and_no_leftovers(tmp_path: Path) -> None:
    targets = [f"{tmp_path}/{name}" for name in ("events.parquet", "dataset/", "events.jsonl", "events.csv")]
    child = in_child_with_file_limit(child_code(WRITE_EVENTS), 100_000, *targets)
    assert child.returncode == 0, child.stderr
    errors = json.loads(child.stdout)
    assert sorted(errors) == sorted(targets)  # "dataset/": a trailing slash makes a dataset directory
    for target, message in errors.items():
        assert "File too large" in message and message.endswith("[E500]"), message
        assert not Path(target).exists()
    assert leftovers(tmp_path) == []
    for partial in tmp_path.glob("*.partial"):  # whole records only
        text = partial.read_text(encoding="utf-8")
        assert text.endswith("\n")
        if partial.name.endswith(".jsonl.partial"):
            assert all(json.loads(line)["doc_id"] for line in text.splitlines())
        else:
            rows = list(csv.reader(io.StringIO(text)))
            assert len({len(row) for row in rows}) == 1


def test_a_stream_output_on_a_full_device(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        store.save_many([result(i) for i in range(50)])
    with open("/dev/full", "w") as full:
        child = subprocess.run([sys.executable, "-m", "eventcoder.cli", "export", "--db", str(db), "-o", "-"],
                               stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert child.returncode == 2
    assert child.stderr.strip() == "error: <stdout>: write failed: No space left on device [E500]"


def test_a_full_disk_under_the_database_keeps_what_was_stored_readable(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        store.save_many([result(i) for i in range(5)])
    size = db.stat().st_size
    code = """
        import sys
        from eventcoder.errors import StoreError
        from eventcoder.store import Store
        try:
            with Store(sys.argv[1]) as store:
                for i in range(5, 5000):
                    store.save(result(i, events=8))
        except StoreError as err:
            print(err)
            sys.exit(2)
    """
    assert size > 200_000  # DuckDB allocates blocks ahead: the limit stops the write-ahead log's growth
    child = in_child_with_file_limit(child_code(code), 200_000, str(db))
    assert child.returncode == 2, (child.stdout, child.stderr)
    assert "File too large" in child.stdout and child.stdout.strip().endswith("[E400]")
    with EventDatabase(db) as database:  # read-only, as the explorer opens it
        summary = database.summary()
        assert 5 < summary.documents < 5000  # what was stored before the disk filled up is there
        assert database.events(EventFilter(doc_id="doc-0000")).total == 3
    assert_consistent(db)


# ---------------------------------------------------------------------------------------------- unwritable

@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable for this process, root included (chattr +i), for the ``with`` block."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True,
                                                         check=False).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: no way to make a folder unwritable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("output", ["events.jsonl", "events.parquet", "sub/events.csv", "dataset/"])
def test_an_unwritable_output_directory_fails_before_coding(tmp_path: Path, coder: Coder, output: str) -> None:
    (tmp_path / "in.txt").write_text(STORY, encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    coded: list[DocumentResult] = []
    with unwritable(folder), pytest.raises(OutputError) as info:
        run([tmp_path / "in.txt"], output=f"{folder}/{output}", coder=coder, on_result=coded.append)
    assert not coded  # refused before any coding
    assert info.value.code == "E500" and str(folder) in str(info.value)
    assert re.search(r"Operation not permitted|Permission denied", str(info.value))
    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


def test_an_unwritable_database_directory(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with unwritable(folder), pytest.raises(StoreError) as info:
        Store(folder / "events.duckdb")
    assert info.value.code == "E400" and "events.duckdb" in str(info.value)
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------------------------------------- killed

def assert_consistent(db: Path) -> None:
    """What a reader sees is whole: every document's events are all there, nothing points at nothing."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        def one(sql: str) -> Any:
            return con.execute(sql).fetchall()[0][0]

        assert one("SELECT count(*) FROM documents d WHERE d.n_events <> "
                   "(SELECT count(*) FROM events e WHERE e.doc_id = d.id)") == 0
        assert one("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc_id)") == 0
        assert one("SELECT count(*) FROM event_actors a WHERE NOT EXISTS "
                   "(SELECT 1 FROM events e WHERE e.id = a.event_id)") == 0
        assert one("SELECT count(*) FROM evidence v WHERE NOT EXISTS "
                   "(SELECT 1 FROM events e WHERE e.id = v.event_id)") == 0
        stale = one("SELECT value FROM store_state WHERE key = 'clusters_stale'") == "true"
        if not stale:  # clusters are either marked stale or cover every event exactly once
            assert one("SELECT count(*) FROM mentions") == one("SELECT count(*) FROM events")
            assert one("SELECT count(DISTINCT event_id) FROM mentions") == one("SELECT count(*) FROM events")
    finally:
        con.close()


DIE_IN = """
    import os, sys
    from eventcoder.store import Store
    store = Store(sys.argv[1])
    class Dying:
        def __init__(self, con): self.con = con
        def execute(self, sql, *args):
            out = self.con.execute(sql, *args)
            if {trigger!r} in sql:
                os._exit(9)  # killed mid-transaction: no rollback, no close
            return out
        def __getattr__(self, name): return getattr(self.con, name)
    {action}
"""


def test_killed_while_storing_clusters_keeps_the_previous_clusters(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        store.save_many([result(i) for i in range(6)])
        store.recluster()
        before = store.cluster_counts()
        store.save(result(6))  # clusters are stale again
    action = "store._con = Dying(store._con)\nstore.recluster()"
    child = subprocess.run([sys.executable, "-c", child_code(
        DIE_IN, trigger="DELETE FROM clusters", action=action), str(db)],
        capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == 9, child.stderr
    with Store(db, read_only=True) as store:  # as the explorer would open it
        assert store.cluster_counts() == before and store.clusters_stale()
        assert store.counts()["documents"] == 7
    assert_consistent(db)
    with Store(db) as store:  # and the next run repairs them
        store.recluster()
    assert_consistent(db)


def test_killed_while_creating_the_schema_leaves_a_database_that_opens(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    code = textwrap.dedent("""
        import os, sys, duckdb
        from eventcoder import store as module
        real_connect = duckdb.connect
        class Dying:
            def __init__(self, con): self.con = con
            def execute(self, sql, *args):
                out = self.con.execute(sql, *args)
                if sql.lstrip().startswith("CREATE TABLE events"):
                    os._exit(9)
                return out
            def __getattr__(self, name): return getattr(self.con, name)
        module.duckdb.connect = lambda *a, **k: Dying(real_connect(*a, **k))
        module.Store(sys.argv[1])
    """)
    child = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=120,
                           check=False)
    assert child.returncode == 9, child.stderr
    with Store(db) as store:  # the half-made schema was rolled back and is made again
        store.save(result(1))
        assert store.counts()["documents"] == 1
    assert_consistent(db)


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_a_database_the_explorer_reads(tmp_path: Path) -> None:
    """``eventcoder code --db`` killed with SIGKILL at six moments (loading, coding, storing new documents,
    replacing stored ones with --force, clustering, closing): each time the database opens read-only at once,
    as the explorer opens it, and is consistent; the last run completes it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [json.loads(line) for line in (ROOT / "examples" / "stories.jsonl").read_text("utf-8").splitlines()]
    n = 48
    for i in range(n):
        (corpus / f"{i:03d}.txt").write_text(f"NAIROBI, June {1 + i % 28}, 2024 --\n"
                                             f"{records[i % len(records)]['text']}\n(Report {i}.)\n", "utf-8")
    db = tmp_path / "events.duckdb"
    command = [sys.executable, "-m", "eventcoder.cli", "code", str(corpus), "--db", str(db), "-q"]
    seen: list[int] = []
    # the first runs store new documents; the later ones (--force) replace stored ones and recluster
    for delay, force in ((1.5, False), (3.0, False), (4.5, False), (5.0, True), (7.0, True), (9.0, True)):
        proc = subprocess.Popen(command + ["--force"] * force, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if db.exists():
            with EventDatabase(db) as database:
                seen.append(database.summary().documents)
            assert_consistent(db)
    final = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert final.returncode == 0, final.stderr
    with EventDatabase(db) as database:
        assert database.summary().documents == n
    assert_consistent(db)
    assert seen == sorted(seen)  # what was stored stays stored
    print("documents seen after each kill:", seen)
