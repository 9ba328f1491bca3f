"""A coding run (``eventcoder.run.run``, the library behind ``eventcoder code``) on our own articles.

What is checked: the events of a folder holding every input format (.txt, .html with boilerplate,
.jsonl, a cp1252 .txt), their fields (the ones ../shared/eval/score.py reads plus id, evidence, modality,
confidence, stage), evidence offsets into the *original* document text, every output format, stdin,
the DuckDB store on re-runs, and bad inputs (each reported, counted, the batch going on, nothing
already written lost).

The runs share the session ``coder`` fixture (tests/conftest.py) so the model loads once.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, get_args

import pyarrow.parquet as pq
import pytest

from eventcoder.errors import OutputError
from eventcoder.export import FLAT_COLUMNS, GDELT_COLUMNS
from eventcoder.ingest import iter_documents
from eventcoder.models import EVENT_TYPES, Document, DocumentResult, Modality
from eventcoder.pipeline import Coder
from eventcoder.run import RunSummary, run
from eventcoder.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
GOOD = ARTICLES / "good"
BAD = ARTICLES / "bad"
N_GOOD_DOCS = 5  # kenya_arrests.txt, eu_sanctions.html, briefs.jsonl (2 records), brazil_cp1252.txt


# ------------------------------------------------------------------------------------------------ helpers

def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def documents_of(*inputs: Path) -> dict[str, Document]:
    """The documents ingest makes of ``inputs``, by id (the text every offset must point into)."""
    docs = {}
    for item in iter_documents([str(p) for p in inputs]):
        assert isinstance(item, Document), item
        docs[item.id] = item
    return docs


def doc_id_of(docs: dict[str, Document], source_suffix: str) -> str:
    """Id of the document whose source ends with ``source_suffix`` (a file name, or ``name.jsonl:2``)."""
    ids = [d.id for d in docs.values() if d.source.endswith(source_suffix)]
    assert len(ids) == 1, (source_suffix, [d.source for d in docs.values()])
    return ids[0]


def matches(actor: dict[str, Any], spec: dict[str, str]) -> bool:
    return all(actor.get(key) == value for key, value in spec.items())


def find_events(events: Iterable[dict[str, Any]], doc_id: str, event_type: str,
                actor: dict[str, str] | None = None, recipient: dict[str, str] | None = None,
                undirected: bool = False) -> list[dict[str, Any]]:
    """Events of ``doc_id`` with ``event_type`` whose actors / recipients include the given specs.

    ``undirected``: the two specs may be in either role or both among the actors (a meeting)."""
    found = []
    for e in events:
        if e["doc_id"] != doc_id or e["event_type"] != event_type:
            continue
        people = e["actors"] + e["recipients"]
        if undirected:
            ok = all(spec is None or any(matches(a, spec) for a in people) for spec in (actor, recipient))
        else:
            ok = (actor is None or any(matches(a, actor) for a in e["actors"])) and (
                recipient is None or any(matches(a, recipient) for a in e["recipients"]))
        if ok:
            found.append(e)
    return found


def describe(events: Iterable[dict[str, Any]], doc_id: str) -> str:
    """A short listing of what was coded for a document, for assertion messages."""
    def who(actors: list[dict[str, Any]]) -> str:
        return ", ".join(f"{a['text']!r} {a['country']}/{a['sector']}/{a['org']}" for a in actors) or "-"

    lines = [f"{e['event_type']}/{e['event_mode']} [{who(e['actors'])}] -> [{who(e['recipients'])}] "
             f"date={e['date']['value']} loc={(e['location'] or {}).get('country')}"
             for e in events if e["doc_id"] == doc_id]
    return "\n".join(lines) or "(no events)"


@pytest.fixture(scope="module")
def good_run(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> tuple[RunSummary, list[dict[str, Any]]]:
    """The good folder coded once to JSON Lines."""
    out = tmp_path_factory.mktemp("good") / "events.jsonl"
    summary = run([str(GOOD)], output=out, coder=coder)
    return summary, read_jsonl(out)


@pytest.fixture(scope="module")
def good_docs() -> dict[str, Document]:
    return documents_of(GOOD)


# ------------------------------------------------------------------------------------ the folder, coded

def test_every_good_article_is_coded_without_failure(good_run: tuple[RunSummary, list[dict[str, Any]]],
                                                      good_docs: dict[str, Document]) -> None:
    summary, events = good_run
    assert summary.failures == 0, summary.messages
    assert summary.documents == N_GOOD_DOCS == len(good_docs)
    assert summary.events == len(events)
    assert {e["doc_id"] for e in events} == set(good_docs), "every article has at least one event"
    assert summary.seconds > 0 and "5 documents coded" in summary.line()


def test_document_ids_are_given_ids_or_content_hashes(good_docs: dict[str, Document]) -> None:
    assert {"brief-modi-kishida", "brief-ukraine-refinery"} <= set(good_docs)
    kenya = good_docs[doc_id_of(good_docs, "kenya_arrests.txt")]
    assert re.fullmatch(r"[0-9a-f]{16}", kenya.id) and kenya.content_hash.startswith(kenya.id)
    again = documents_of(GOOD / "kenya_arrests.txt")
    assert list(again) == [kenya.id], "a file's id is stable across runs"


def test_records_carry_every_field_the_scorer_and_users_read(good_run: tuple[RunSummary, list[dict[str, Any]]]
                                                            ) -> None:
    _, events = good_run
    assert events
    modalities = set(get_args(Modality))
    for e in events:
        for key in ("id", "doc_id", "event_type", "event_mode", "actors", "recipients", "date", "location",
                    "evidence", "modality", "confidence", "stage"):
            assert key in e, key
        assert e["event_type"] in EVENT_TYPES
        assert e["event_mode"] is None or isinstance(e["event_mode"], str)
        assert e["actors"] or e["recipients"], "an event names somebody"
        for actor in e["actors"] + e["recipients"]:
            assert {"name", "country", "sector", "org"} <= set(actor)
            assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])
        assert "value" in e["date"]
        assert e["date"]["value"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}",
                                                            e["date"]["value"])
        assert e["location"] is None or "country" in e["location"]
        assert e["modality"] in modalities
        assert e["modality"] == "asserted", "default settings output asserted events only"
        assert 0.0 <= e["confidence"] <= 1.0
        assert isinstance(e["stage"], str) and e["stage"]
        assert e["evidence"]
    assert len({e["id"] for e in events}) == len(events), "event ids are unique"


def test_evidence_offsets_point_into_the_original_text(good_run: tuple[RunSummary, list[dict[str, Any]]],
                                                       good_docs: dict[str, Document]) -> None:
    """Offsets index Document.text as ingested: the HTML's extracted text, the cp1252 file decoded."""
    _, events = good_run
    for e in events:
        text = good_docs[e["doc_id"]].text
        for ev in e["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["sentence"]
            assert ev["start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["end"]
            assert text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        for actor in e["actors"] + e["recipients"]:
            if actor.get("start") is not None:
                assert text[actor["start"]:actor["end"]] == actor["text"]


# What a reader of each article would code. Each case asserts one clear event: type, who, to whom.
EXPECTED = [
    pytest.param("kenya_arrests.txt", "COERCE", {"country": "KEN", "sector": "COP"}, {"country": "KEN"}, False,
                 id="police-arrest"),
    pytest.param("eu_sanctions.html", "SANCTION", {"org": "EU"}, {"country": "IRN"}, False, id="eu-sanctions-iran"),
    pytest.param("briefs.jsonl:1", "CONSULT", {"country": "IND", "sector": "GOV"},
                 {"country": "JPN", "sector": "GOV"}, True, id="modi-meets-kishida"),
    pytest.param("briefs.jsonl:2", "ASSAULT", {"country": "UKR", "sector": "MIL"}, {"country": "RUS"}, False,
                 id="drone-strike-refinery"),
    pytest.param("brazil_cp1252.txt", "CONSULT", {"country": "BRA", "sector": "GOV"},
                 {"country": "ARG", "sector": "GOV"}, True, id="lula-meets-milei-cp1252"),
]


@pytest.mark.parametrize(("source", "event_type", "actor", "recipient", "undirected"), EXPECTED)
def test_the_clear_event_of_each_article_is_coded(good_run: tuple[RunSummary, list[dict[str, Any]]],
                                                  good_docs: dict[str, Document], source: str, event_type: str,
                                                  actor: dict[str, str], recipient: dict[str, str],
                                                  undirected: bool) -> None:
    _, events = good_run
    doc_id = doc_id_of(good_docs, source)
    found = find_events(events, doc_id, event_type, actor, recipient, undirected)
    assert found, f"no {event_type} {actor} -> {recipient} in {source}; coded:\n{describe(events, doc_id)}"


# Event dates resolved from the sentence against the publication date (dateline, HTML meta, JSONL field).
EXPECTED_DATES = [
    pytest.param("kenya_arrests.txt", "COERCE", "2024-03-04", "KEN", id="monday-after-dateline"),
    pytest.param("eu_sanctions.html", "SANCTION", "2024-04-15", None, id="monday-html-meta-date"),
    pytest.param("briefs.jsonl:1", "CONSULT", "2023-03-19", "JPN", id="march-19-in-tokyo"),
    pytest.param("briefs.jsonl:2", "ASSAULT", "2024-03-02", None, id="saturday-before-publication"),
    pytest.param("brazil_cp1252.txt", "CONSULT", "2024-05-06", "BRA", id="monday-non-ascii-dateline"),
]


@pytest.mark.parametrize(("source", "event_type", "date", "country"), EXPECTED_DATES)
def test_events_are_dated_and_placed(good_run: tuple[RunSummary, list[dict[str, Any]]],
                                     good_docs: dict[str, Document], source: str, event_type: str, date: str,
                                     country: str | None) -> None:
    _, events = good_run
    doc_id = doc_id_of(good_docs, source)
    found = [e for e in events if e["doc_id"] == doc_id and e["event_type"] == event_type]
    assert found, describe(events, doc_id)
    assert found[0]["date"]["value"] == date, describe(events, doc_id)
    if country is not None:
        assert (found[0]["location"] or {}).get("country") == country, describe(events, doc_id)


def test_description_and_boilerplate_give_no_event(good_run: tuple[RunSummary, list[dict[str, Any]]]) -> None:
    """Traffic and shop news, the share bar, the app prompt and the menus are not events."""
    _, events = good_run
    sentences = [ev["sentence"] for e in events for ev in e["evidence"]]
    for words in ("Traffic in the capital", "Share this article", "Download our app", "Related stories",
                  "Firefighters worked"):
        assert not any(words in s for s in sentences), words


def test_the_dateline_is_not_an_actor(coder: Coder) -> None:
    """A dateline glued to the first sentence ("NAIROBI, March 4, 2024 — Kenyan police …") is where and
    when the story was filed, never who acted, and the sentence's own date ("Monday") is the event's."""
    text = ("NAIROBI, March 6, 2024 — Kenyan police arrested two opposition leaders in Nairobi on Monday, "
            "their lawyers said.")
    result = coder.code_text(text, published="2024-03-06")
    coerce = [e for e in result.events if e.event_type == "COERCE"]
    assert coerce, result.events
    assert [(a.country, a.sector) for a in coerce[0].actors] == [("KEN", "COP")], coerce[0].actors
    assert all("NAIROBI" not in a.text for a in coerce[0].actors + coerce[0].recipients)
    assert coerce[0].date.value == "2024-03-04", coerce[0].date


def test_a_since_year_is_not_the_event_date(coder: Coder) -> None:
    """Without a publication date "on Monday" cannot be resolved; "since 2022" is not when the meeting was."""
    result = coder.code_text("Brazilian President Luiz Inácio Lula da Silva met Argentine President Javier Milei "
                             "in Brasília on Monday, the first visit by an Argentine leader since 2022.")
    consult = [e for e in result.events if e.event_type == "CONSULT"]
    assert consult, result.events
    assert consult[0].date.value != "2022", consult[0].date


# ------------------------------------------------------------------------------------- output formats

@pytest.mark.parametrize("name", ["events.jsonl", "events.csv", "events.parquet", "events.plover.jsonl",
                                  "events.gdelt.tsv"])
def test_output_format_follows_the_extension(coder: Coder, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    summary = run([str(GOOD / "briefs.jsonl")], output=out, coder=coder)
    assert summary.documents == 2 and summary.events >= 2
    assert_events_file(out, name.split(".", 1)[1], summary.events)
    assert [p.name for p in tmp_path.iterdir()] == [name], "no temporary or partial file is left"


def assert_events_file(path: Path, kind: str, n_events: int) -> None:
    """``path`` holds ``n_events`` events written in ``kind`` (an extension without the first dot)."""
    if kind == "parquet":
        table = pq.read_table(path)
        assert table.num_rows == n_events and table.column_names == list(FLAT_COLUMNS)
        assert set(table.column("event_type").to_pylist()) <= set(EVENT_TYPES)
        return
    text = path.read_text(encoding="utf-8")
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == n_events and list(rows[0]) == list(FLAT_COLUMNS)
        assert {r["event_type"] for r in rows} <= set(EVENT_TYPES)
    elif kind == "gdelt.tsv":
        rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
        assert rows[0] == list(GDELT_COLUMNS) and len(rows) == n_events + 1
        assert all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    elif kind == "plover.jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert len(records) == n_events
        assert all({"event_type", "actor", "recipient", "event_loc", "cite_info"} <= set(r) for r in records)
    else:
        records = [json.loads(line) for line in text.splitlines()]
        assert len(records) == n_events and all("doc_id" in r and "evidence" in r for r in records)


def test_format_argument_overrides_the_extension(coder: Coder, tmp_path: Path) -> None:
    out = tmp_path / "events.txt"
    summary = run([str(GOOD / "briefs.jsonl")], output=out, fmt="csv", coder=coder)
    assert_events_file(out, "csv", summary.events)


def test_unknown_extension_or_format_fails_before_coding(coder: Coder, tmp_path: Path) -> None:
    for output, fmt in ((tmp_path / "events.xyz", None), (tmp_path / "events.jsonl", "yaml")):
        with pytest.raises(OutputError) as info:
            run([str(GOOD / "briefs.jsonl")], output=output, fmt=fmt, coder=coder)
        assert str(output.name) in str(info.value) or (fmt or "") in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_events_go_to_a_stream(coder: Coder) -> None:
    stream = io.StringIO()
    summary = run([str(GOOD / "briefs.jsonl")], output=stream, coder=coder)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(records) == summary.events >= 2


def test_standard_input_is_one_article(coder: Coder) -> None:
    text = (GOOD / "kenya_arrests.txt").read_text(encoding="utf-8")
    out = io.StringIO()
    summary = run(["-"], output=out, stdin=io.StringIO(text), coder=coder)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert summary.documents == 1 and summary.failures == 0
    assert any(r["event_type"] == "COERCE" for r in records)
    ev = records[0]["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["sentence"]


def test_standard_input_as_json_lines(coder: Coder) -> None:
    lines = (GOOD / "briefs.jsonl").read_text(encoding="utf-8")
    out = io.StringIO()
    summary = run(["-"], output=out, stdin=io.StringIO(lines), coder=coder)
    assert summary.documents == 2
    assert {json.loads(line)["doc_id"] for line in out.getvalue().splitlines()} == {
        "brief-modi-kishida", "brief-ukraine-refinery"}


# ------------------------------------------------------------------------------------------- database

def test_database_rerun_does_not_duplicate_and_force_recodes(coder: Coder, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = run([str(GOOD)], db=db, coder=coder)
    assert first.documents == N_GOOD_DOCS and first.skipped == 0
    with Store(db) as store:
        counts = store.counts()
        assert counts["documents"] == N_GOOD_DOCS and counts["events"] == first.events > 0
        assert len(store.events()) == first.events

    again = run([str(GOOD)], db=db, coder=coder)
    assert (again.documents, again.skipped, again.failures) == (0, N_GOOD_DOCS, 0)
    assert "skipped" in again.line()
    with Store(db) as store:
        assert store.counts()["documents"] == counts["documents"]
        assert store.counts()["events"] == counts["events"]

    forced = run([str(GOOD)], db=db, force=True, coder=coder)
    assert (forced.documents, forced.skipped) == (N_GOOD_DOCS, 0)
    with Store(db) as store:
        assert store.counts()["documents"] == counts["documents"]
        assert store.counts()["events"] == counts["events"]


def test_database_and_file_together(coder: Coder, tmp_path: Path) -> None:
    db, out = tmp_path / "events.duckdb", tmp_path / "events.jsonl"
    summary = run([str(GOOD / "briefs.jsonl")], output=out, db=db, coder=coder)
    with Store(db) as store:
        stored = {e.id for e in store.events()}
    assert stored == {r["id"] for r in read_jsonl(out)} and len(stored) == summary.events


# ------------------------------------------------------------------------------------------ bad input

BAD_FILES = {  # file (and line) -> words the message must hold
    "empty.txt": "empty",
    "photo.txt": "binary",
    "garbage.txt": "UTF-8",
    "menu_only.html": "no article",
    "feed.jsonl:2": "JSON",
    "feed.jsonl:3": "'text'",
}


def test_each_bad_input_is_reported_and_the_batch_goes_on(coder: Coder, tmp_path: Path) -> None:
    messages: list[str] = []
    out = tmp_path / "events.jsonl"
    summary = run([str(BAD)], output=out, coder=coder, on_failure=messages.append)
    assert summary.failures == len(BAD_FILES) == len(messages) == len(summary.messages)
    assert summary.documents == 2, "the two good lines of feed.jsonl are coded"
    for where, words in BAD_FILES.items():
        hits = [m for m in messages if f"{where}:" in m]
        assert len(hits) == 1, (where, messages)
        assert words.lower() in hits[0].lower(), hits[0]
        assert "\n" not in hits[0] and re.search(r"\[E1\d\d\]$", hits[0]), hits[0]
    coded = {r["doc_id"] for r in read_jsonl(out)}
    assert coded == {"feed-1", "feed-4"}


def test_a_cp1252_file_is_decoded_not_refused(coder: Coder) -> None:
    raw = (GOOD / "brazil_cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    docs = documents_of(GOOD / "brazil_cp1252.txt")
    (doc,) = docs.values()
    assert doc.metadata.get("encoding") == "cp1252"
    assert "Luiz Inácio Lula da Silva" in doc.text and "“a frank exchange” —" in doc.text


def test_bad_files_before_good_ones_lose_nothing(coder: Coder, tmp_path: Path) -> None:
    """Documents coded before a failure are written, and so are those after it."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD / "kenya_arrests.txt", folder / "a_kenya.txt")
    shutil.copy(BAD / "photo.txt", folder / "b_photo.txt")
    shutil.copy(BAD / "garbage.txt", folder / "c_garbage.txt")
    shutil.copy(GOOD / "briefs.jsonl", folder / "d_briefs.jsonl")
    out, db = tmp_path / "events.jsonl", tmp_path / "events.duckdb"
    summary = run([str(folder)], output=out, db=db, coder=coder)
    assert (summary.documents, summary.failures) == (3, 2)
    records = read_jsonl(out)
    assert len(records) == summary.events
    assert {"brief-modi-kishida", "brief-ukraine-refinery"} <= {r["doc_id"] for r in records}
    with Store(db) as store:
        assert store.counts()["documents"] == 3
        failed = {source for source, _, _ in store.failures()}
    assert failed == {str(folder / "b_photo.txt"), str(folder / "c_garbage.txt")}


class _StopsAfterFirst(Coder):
    """A Coder whose run is cut short after its first document (a crash, a kill)."""

    def code(self, documents: Iterable[Document], batch_size: int = 16, workers: int = 1
             ) -> Iterator[DocumentResult]:
        results = super().code(documents, batch_size=1)
        yield next(results)
        raise RuntimeError("the machine went down")


def test_a_crash_keeps_what_was_written_as_partial(coder: Coder, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        run([str(GOOD / "briefs.jsonl")], output=out, coder=_StopsAfterFirst(coder.settings))
    assert out.read_text(encoding="utf-8") == "previous run\n", "the old target is left as it was"
    partial = read_jsonl(out.with_name("events.jsonl.partial"))
    assert partial and {r["doc_id"] for r in partial} == {"brief-modi-kishida"}


def test_nothing_to_code_is_counted_not_raised(coder: Coder, tmp_path: Path) -> None:
    folder = tmp_path / "bad_only"
    folder.mkdir()
    for name in ("empty.txt", "photo.txt", "garbage.txt", "menu_only.html"):
        shutil.copy(BAD / name, folder / name)
    summary = run([str(folder), str(tmp_path / "missing.txt")], output=tmp_path / "events.jsonl", coder=coder)
    assert (summary.documents, summary.failures) == (0, 5)
    assert any("missing.txt" in m and "no such file" in m for m in summary.messages)


def test_a_file_over_the_size_limit_is_refused_quickly(coder: Coder, tmp_path: Path) -> None:
    """A 5 MiB text with the default max_bytes is refused by its size before it is read."""
    big = tmp_path / "big.txt"
    paragraph = ("The regional council met on Tuesday to discuss road repairs, school budgets and water "
                 "supplies for the coming year.\n\n")
    big.write_text((paragraph * (5 * 2**20 // len(paragraph) + 1))[:5 * 2**20], encoding="utf-8")
    assert big.stat().st_size == 5 * 2**20 > coder.settings.max_bytes
    summary = run([str(big)], output=tmp_path / "events.jsonl", coder=coder)
    assert (summary.documents, summary.failures) == (0, 1)
    (message,) = summary.messages
    assert "big.txt" in message and "max_bytes" in message and "[E105]" in message
