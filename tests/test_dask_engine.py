"""The Dask engine: the same events as the local engine (on the near-duplicate fixtures plus a WARC file of
crawled pages), identical inputs never dropped, Parquet datasets partitioned by event date, clear errors —
on a LocalCluster bound to 127.0.0.1. And a WARC file coded end to end by the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.config import Settings
from eventcoder.errors import EngineError
from eventcoder.models import Document
from eventcoder.run import read_dataset, run
from eventcoder.store import Store

pytest.importorskip("distributed", reason="the dask extra is not installed")

from eventcoder.engines.dask import DaskEngine

FIXTURES = Path(__file__).parent / "fixtures" / "near_duplicates" / "stories.jsonl"

KHARKIV_PAGE = """<html><head><title>Kharkiv counts the cost of Friday's missile strike</title>
<meta property="article:published_time" content="2024-05-11"></head><body><article>
<h1>Kharkiv counts the cost of Friday's missile strike</h1>
<p>Russia hit Kharkiv with a barrage of missiles on Friday, killing six civilians and knocking out power to
thousands of homes, the city's mayor said.</p>
<p>Engineers were working on Saturday to restore electricity to the northern districts of the city.</p>
</article></body></html>"""
COUNCIL_PAGE = """<html><head><title>Lake council adopts fishing quota</title>
<meta property="article:published_time" content="2024-03-02"></head><body><article>
<h1>Lake council adopts fishing quota</h1>
<p>Kenya and Uganda agreed on Friday to cut fishing quotas on Lake Victoria for two years, officials of
both governments said after a meeting in Kisumu.</p>
<p>Fishing groups said the cut would hurt thousands of families along the shore.</p>
</article></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    """A gzipped WARC file of HTML responses (url, html), as a crawler writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventcoder-tests"}))
        for url, html in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-05-11T09:00:00Z"}))
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("dask-inputs")
    warc = write_warc(folder / "crawl.warc.gz", [("https://dnipro-post.example/kharkiv", KHARKIV_PAGE),
                                                 ("https://lake-herald.example/quota", COUNCIL_PAGE)])
    return [FIXTURES, warc]


@pytest.fixture(scope="module")
def engine():
    # small batches so that several tasks run on both workers
    with DaskEngine(Settings.from_env(), workers=2, batch_size=3) as eng:
        yield eng


def _events(db: Path) -> list[dict]:
    with Store(db) as store:
        return [e.model_dump(mode="json") for e in store.events()]


def _clusters(db: Path) -> list[tuple[str, list[str]]]:
    with Store(db) as store:
        return [(c.id, [m.event_id for m in c.mentions]) for c in store.clusters()]


def _rows(path: Path) -> list[dict]:
    return sorted(read_dataset(path).to_pylist(), key=lambda r: r["id"])


def test_dask_codes_the_same_events_as_the_local_engine(tmp_path: Path, inputs: list[Path], engine) -> None:
    local = run(inputs, db=tmp_path / "local.duckdb", output=f"{tmp_path}/local/")  # a directory: a dataset
    distributed = run(inputs, db=tmp_path / "dask.duckdb", output=tmp_path / "dask", engine=engine)
    assert distributed.engine == "dask" and distributed.failures == local.failures == 0
    assert (distributed.documents, distributed.events) == (local.documents, local.events)
    assert local.documents == 13  # 11 stories and the 2 crawled pages
    assert _events(tmp_path / "dask.duckdb") == _events(tmp_path / "local.duckdb")
    assert _clusters(tmp_path / "dask.duckdb") == _clusters(tmp_path / "local.duckdb")
    # the outputs are Parquet datasets partitioned by event date, row for row the same
    rows = _rows(tmp_path / "dask")
    assert rows == _rows(tmp_path / "local") and len(rows) == local.events
    assert all(r["event_date"] == (r["date"] or "unknown") for r in rows)
    assert (tmp_path / "dask" / "event_date=2024-05-10").is_dir()
    marker = json.loads((tmp_path / "dask" / "_eventcoder.json").read_text())
    assert marker["unit"] == "mention" and marker["rows"] == local.events
    # the crawled Kharkiv page joins the two outlets' reports of the strike
    with Store(tmp_path / "dask.duckdb") as store:
        assert any(c.n_sources == 3 and "kyiv-bulletin-0510" in c.doc_ids for c in store.clusters())


def test_identical_documents_are_all_coded(engine) -> None:
    # client.map/submit with pure=True would merge tasks with identical arguments
    doc = Document(id="same", text="Kenyan police arrested 37 protesters in Nairobi on Monday.",
                   published="2024-06-24", content_hash="h")
    results = list(engine.code([doc] * 7))
    assert len(results) == 7 and all(r.document.id == "same" and not r.error for r in results)
    assert len({json.dumps([e.model_dump(mode="json") for e in r.events]) for r in results}) == 1


def test_results_come_back_in_input_order_and_workers_load_the_model_once(engine) -> None:
    docs = [Document(id=f"d{i:02d}", text=f"Ugandan police detained {i + 2} journalists in Kampala on Friday.",
                     published="2024-03-01", content_hash=str(i)) for i in range(20)]
    assert [r.document.id for r in engine.code(docs)] == [d.id for d in docs]
    loaded = engine.client.run(lambda: len(__import__("eventcoder.engines.dask", fromlist=["_CODERS"])._CODERS))
    assert 1 in loaded.values() and set(loaded.values()) <= {0, 1}  # one Coder per worker, kept across tasks
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in loaded)
    assert all(0 < mb < 4000 for mb in engine.peak_worker_memory_mb().values())


def test_unit_event_dataset(tmp_path: Path, engine) -> None:
    summary = run([FIXTURES], output=tmp_path / "clusters", engine=engine, unit="event")
    rows = read_dataset(tmp_path / "clusters").to_pylist()
    assert len(rows) == summary.clusters < summary.events
    assert max(r["n_sources"] for r in rows) == 3
    assert all(r["event_date"] == r["date_start"] for r in rows)


def test_an_unreachable_scheduler_is_an_engine_error() -> None:
    with pytest.raises(EngineError) as info:
        DaskEngine(Settings.from_env(), scheduler="tcp://127.0.0.1:9", timeout=1)
    assert "E600" in str(info.value) and "127.0.0.1:9" in str(info.value)


def test_a_dataset_never_overwrites_a_foreign_directory(tmp_path: Path) -> None:
    from eventcoder.errors import OutputError

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError):
        run([FIXTURES], output=tmp_path / "mine/")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_the_command_line_codes_a_warc_file(tmp_path: Path, inputs: list[Path]) -> None:
    from eventcoder.cli import app

    out = tmp_path / "crawl.jsonl"
    result = CliRunner().invoke(app, ["code", str(inputs[1]), "-o", str(out), "--db", str(tmp_path / "c.duckdb"),
                                      "--unit", "event"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and all(r["n_sources"] == 1 for r in records)
    with Store(tmp_path / "c.duckdb") as store:
        docs = store.documents()
    assert {d.url for d in docs} == {"https://dnipro-post.example/kharkiv", "https://lake-herald.example/quota"}
    assert all(d.metadata["input_format"] == "warc" for d in docs)
    bad = CliRunner().invoke(app, ["code", str(inputs[1]), "--scheduler", "tcp://127.0.0.1:9"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output


def test_local_workers_run_without_the_statistical_profiler(engine) -> None:
    # Dask's profiler keeps a profile tree per second of work for the last 1,000 s: ~9 KB per document
    list(engine.code([Document(id="p", text="Kenyan police arrested 37 protesters in Nairobi on Monday.",
                               published="2024-06-24", content_hash="p")]))
    state = engine.client.run(lambda dask_worker: (
        __import__("dask").config.get("distributed.worker.profile.enabled"),
        "profile" in dask_worker.periodic_callbacks, len(dask_worker.profile_history)))
    assert state and all(s == (False, False, 0) for s in state.values())
    # only the workers' copy is changed: this process keeps its own Dask configuration
    import dask

    from eventcoder.engines.dask import local_worker_config

    before = dask.config.get("distributed.worker.profile.enabled")
    assert local_worker_config()["distributed"]["worker"]["profile"]["enabled"] is False
    assert dask.config.get("distributed.worker.profile.enabled") == before
