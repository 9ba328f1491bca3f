"""Export formats: JSONL, CSV, Parquet, PLOVER, GDELT; streaming, atomic file writes, errors."""

from __future__ import annotations

import csv
import io
import json
import os

import duckdb
import pyarrow.parquet as pq
import pytest

from eventcoder.errors import OutputError
from eventcoder.export import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    PARQUET_SCHEMA,
    EventWriter,
    cameo_code,
    cameo_table,
    event_record,
    flat_row,
    format_for,
    gdelt_row,
    plover_record,
    write_events,
)
from eventcoder.models import EVENT_TYPES, Actor, DateValue, Document, Event, Evidence, Place

BEIJING_TEXT = (
    "Guterres holds talks in Beijing\n"
    "BEIJING, April 26 (Wire) -- UN Secretary-General António Guterres met Chinese Vice Premier Liu He "
    "in Beijing on Friday to discuss financing for development.\n"
    "The two sides also exchanged views on climate change, a UN spokesman said."
)
KIVU_TEXT = (
    "GOMA, Feb 7 -- M23 rebels shelled the town of Sake in North Kivu on Wednesday, "
    "forcing thousands of residents to flee toward Goma.\n"
    "The Congolese army said it had repelled the attack."
)
BRUSSELS_TEXT = (
    "BRUSSELS, March 3 -- The European Union on Friday called on Russia to release "
    "the detained journalists immediately and without conditions."
)


def _evidence(text: str, sentence_start: str, trigger: str) -> Evidence:
    start = text.index(sentence_start)
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    t = text.index(trigger, start)
    return Evidence(sentence=text[start:end], start=start, end=end, trigger=trigger,
                    trigger_start=t, trigger_end=t + len(trigger))


def _span(text: str, mention: str) -> dict[str, int]:
    start = text.index(mention)
    return {"start": start, "end": start + len(mention)}


DOCS = {
    "wire-0426": Document(id="wire-0426", text=BEIJING_TEXT, title="Guterres holds talks in Beijing",
                          url="https://news.example.org/2019/04/26/guterres-beijing", published="2019-04-26",
                          source="wire.jsonl:1", content_hash="a1"),
    "wire-0207": Document(id="wire-0207", text=KIVU_TEXT, title=None, url=None, published="2024-02-07",
                          source="kivu.txt", content_hash="b2"),
    "wire-0303": Document(id="wire-0303", text=BRUSSELS_TEXT, title="EU calls on Russia",
                          url="https://news.example.org/eu-russia", published="2023-03-03",
                          source="eu.html", content_hash="c3"),
}

CONSULT = Event(
    id="wire-0426:1", doc_id="wire-0426", event_type="CONSULT", event_mode="visit",
    actors=[Actor(text="UN Secretary-General António Guterres", name="António Guterres",
                  title="Secretary-General", country=None, sector="IGO", org="UN", kind="person",
                  **_span(BEIJING_TEXT, "UN Secretary-General António Guterres"))],
    recipients=[Actor(text="Chinese Vice Premier Liu He", name="Liu He", title="Vice Premier", country="CHN",
                      sector="GOV", kind="person", **_span(BEIJING_TEXT, "Chinese Vice Premier Liu He"))],
    date=DateValue(value="2019-04-26", text="Friday", granularity="day", resolution="relative"),
    location=Place(country="CHN", name="Beijing", lat=39.9042, lon=116.4074, text="Beijing",
                   resolution="sentence"),
    directed=False, contexts=["diplomatic", "economic"], confidence=0.9,
    evidence=[_evidence(BEIJING_TEXT, "BEIJING, April 26", "met")], stage="rules", rule="meet-with",
)
ASSAULT = Event(
    id="wire-0207:1", doc_id="wire-0207", event_type="ASSAULT", event_mode="heavy-weapons",
    actors=[Actor(text="M23 rebels", name="M23", country="COD", sector="REB", kind="group",
                  **_span(KIVU_TEXT, "M23 rebels"))],
    recipients=[Actor(text="residents", country="COD", sector="CVL", kind="group",
                      **_span(KIVU_TEXT, "residents")),
                Actor(text="The Congolese army", country="COD", sector="MIL", kind="organization",
                      **_span(KIVU_TEXT, "The Congolese army"))],
    date=DateValue(value="2024-02-07", text="Wednesday", granularity="day", resolution="relative"),
    location=Place(country="COD", name="Sake", lat=-1.5736, lon=29.0458, text="Sake"),
    contexts=["military"], confidence=0.8,
    evidence=[_evidence(KIVU_TEXT, "GOMA, Feb 7", "shelled"),
              _evidence(KIVU_TEXT, "The Congolese army", "attack")],
)
REQUEST = Event(
    id="wire-0303:1", doc_id="wire-0303", event_type="REQUEST", event_mode="yield",
    actors=[Actor(text="The European Union", name="European Union", sector="IGO", org="EU",
                  kind="organization", **_span(BRUSSELS_TEXT, "The European Union"))],
    recipients=[Actor(text="Russia", country="RUS", sector="GOV", kind="state",
                      **_span(BRUSSELS_TEXT, "Russia"))],
    date=DateValue(value="2023-03", text="March", granularity="month", resolution="explicit"),
    location=None, confidence=0.7,
    evidence=[_evidence(BRUSSELS_TEXT, "BRUSSELS", "called on")],
)
EVENTS = [CONSULT, ASSAULT, REQUEST]


# ------------------------------------------------------------------------------------------- format_for

@pytest.mark.parametrize(("path", "fmt"), [
    ("out/events.jsonl", "jsonl"), ("events.ndjson", "jsonl"), ("-", "jsonl"), ("EVENTS.CSV", "csv"),
    ("events.parquet", "parquet"), ("events.plover.jsonl", "plover"), ("events.gdelt.tsv", "gdelt"),
    ("events.gdelt.csv", "gdelt"), ("events.tsv", "gdelt"),
])
def test_format_for_reads_the_extension(path: str, fmt: str) -> None:
    assert format_for(path) == fmt


def test_format_for_unknown_extension_names_the_path() -> None:
    with pytest.raises(OutputError, match=r"events\.xlsx"):
        format_for("results/events.xlsx")


# ------------------------------------------------------------------------------------------- records

def test_jsonl_round_trips_every_event_field(tmp_path) -> None:
    out = tmp_path / "events.jsonl"
    assert write_events(EVENTS, out) == 3
    raw = out.read_text(encoding="utf-8")
    assert "António Guterres" in raw  # ensure_ascii=False: names stay readable
    records = [json.loads(line) for line in raw.splitlines()]
    assert [Event.model_validate(r) for r in records] == EVENTS
    first = records[0]
    # what ../shared/eval/score.py reads
    assert first["doc_id"] == "wire-0426" and first["event_type"] == "CONSULT"
    assert {k: first["actors"][0][k] for k in ("name", "country", "sector", "org")} == \
        {"name": "António Guterres", "country": None, "sector": "IGO", "org": "UN"}
    assert first["recipients"][0]["country"] == "CHN" and first["date"]["value"] == "2019-04-26"
    assert first["location"]["country"] == "CHN"
    assert records[2]["location"] is None
    assert event_record(REQUEST) == records[2]


def test_flat_row_joins_several_actors_and_keeps_the_first_evidence() -> None:
    row = flat_row(ASSAULT)
    assert list(row) == list(FLAT_COLUMNS)
    assert row["recipient_sector"] == "CVL; MIL"
    assert row["recipient_text"] == "residents; The Congolese army"
    assert row["recipient_name"] is None  # neither recipient has a resolved name
    assert row["actor_name"] == "M23" and row["actor_country"] == "COD"
    assert row["evidence"].startswith("GOMA, Feb 7") and row["trigger"] == "shelled"
    assert KIVU_TEXT[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
    assert row["n_evidence"] == 2 and row["contexts"] == "military"
    consult = flat_row(CONSULT)
    assert consult["actor_country"] is None and consult["actor_org"] == "UN"  # IGO official: no country
    assert consult["contexts"] == "diplomatic;economic" and consult["directed"] is False


def test_csv_written_and_read_back(tmp_path) -> None:
    out = tmp_path / "events.csv"
    write_events(EVENTS, out)
    with out.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        rows = list(reader)
    assert [r["id"] for r in rows] == ["wire-0426:1", "wire-0207:1", "wire-0303:1"]
    assert rows[0]["actor_name"] == "António Guterres"
    assert float(rows[0]["location_lat"]) == pytest.approx(39.9042)
    assert rows[2]["location_country"] == "" and rows[2]["date"] == "2023-03"
    assert int(rows[1]["evidence_start"]) == KIVU_TEXT.index("GOMA")


def test_parquet_written_with_explicit_schema_and_row_groups(tmp_path) -> None:
    out = tmp_path / "events.parquet"
    with EventWriter(out, row_group_size=2) as writer:
        for event in EVENTS:
            writer.write([event], DOCS[event.doc_id])
    parquet = pq.ParquetFile(out)
    assert parquet.schema_arrow == PARQUET_SCHEMA
    assert parquet.metadata.num_row_groups == 2  # 2 rows, then the last one on close
    assert parquet.read().to_pylist() == [flat_row(e) for e in EVENTS]


def test_plover_record_fields(tmp_path) -> None:
    out = tmp_path / "events.plover.jsonl"
    write_events(EVENTS, out, documents=DOCS)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    consult = records[0]
    assert consult["event_type"] == "CONSULT" and consult["mode"] == "visit"
    assert consult["context"] == ["diplomatic", "economic"]
    assert consult["actor"][0]["code"] == "IGOUNO" and consult["actor"][0]["office"] == "Secretary-General"
    assert consult["recipient"][0] | {"code": "CHNGOV", "country": "CHN", "sector": "GOV"} == \
        consult["recipient"][0]
    assert consult["event_loc"] == {"name": "Beijing", "cc3": "CHN", "latitude": 39.9042,
                                    "longitude": 116.4074, "text": "Beijing", "resolution": "sentence"}
    assert consult["quad_code"] == 1 and consult["event_text"] == ["met"]
    info = consult["text_info"][0]
    assert BEIJING_TEXT[info["start"]:info["end"]] == info["text"] == consult["text"]
    assert consult["cite_info"]["url"] == DOCS["wire-0426"].url
    assert consult["cite_info"]["citation"] == "wire-0426"
    assert plover_record(REQUEST, None)["cite_info"]["url"] is None
    assert records[1]["quad_code"] == 4 and len(records[1]["text_info"]) == 2


# ------------------------------------------------------------------------------------------- GDELT

def test_cameo_table_covers_every_plover_type() -> None:
    table = cameo_table()
    for event_type in EVENT_TYPES:
        assert (event_type, "") in table
    for code, quad, goldstein in table.values():
        root = int(code[:2])
        assert quad == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)
        assert -10.0 <= goldstein <= 10.0
    assert cameo_code("CONSULT", "visit") == ("042", 1, 1.9)
    assert cameo_code("PROTEST", "no-such-mode") == cameo_code("PROTEST", None)
    assert cameo_code("NOT-A-TYPE", None) is None


def test_gdelt_row_layout() -> None:
    row = dict(zip(GDELT_COLUMNS, gdelt_row(CONSULT, DOCS["wire-0426"], "20190426120000"), strict=True))
    assert row["SQLDATE"] == "20190426" and row["MonthYear"] == "201904" and row["Year"] == "2019"
    assert row["FractionDate"] == "2019.3178"
    assert row["Actor1Code"] == "IGOUNO" and row["Actor1KnownGroupCode"] == "UNO"
    assert row["Actor1CountryCode"] == "" and row["Actor1Type1Code"] == "IGO"
    assert row["Actor2Code"] == "CHNGOV" and row["Actor2Name"] == "Liu He"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("042", "042", "04")
    assert row["QuadClass"] == "1" and float(row["GoldsteinScale"]) == 1.9
    assert row["IsRootEvent"] == "1"  # the lead paragraph, below the headline
    later = CONSULT.model_copy(update={"evidence": [_evidence(BEIJING_TEXT, "The two sides", "exchanged")]})
    assert gdelt_row(later, DOCS["wire-0426"])[GDELT_COLUMNS.index("IsRootEvent")] == "0"
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_CountryCode"] == "CHN"
    assert float(row["ActionGeo_Lat"]) == pytest.approx(39.9042)
    assert row["DATEADDED"] == "20190426120000" and row["SOURCEURL"] == DOCS["wire-0426"].url
    assert int(row["GLOBALEVENTID"]) == int(gdelt_row(CONSULT, None)[0]) > 0  # stable per event id

    assault = dict(zip(GDELT_COLUMNS, gdelt_row(ASSAULT, DOCS["wire-0207"]), strict=True))
    assert assault["Actor1Code"] == "CODREB" and assault["Actor2Code"] == "CODCVL"
    assert (assault["EventCode"], assault["QuadClass"], assault["GoldsteinScale"]) == ("194", "4", "-10.0")
    assert assault["IsRootEvent"] == "1" and assault["NumMentions"] == "2"
    assert assault["SOURCEURL"] == "wire-0207"  # no URL: the document id

    request = dict(zip(GDELT_COLUMNS, gdelt_row(REQUEST, DOCS["wire-0303"]), strict=True))
    assert request["Actor1Code"] == "IGOEEC" and request["Actor2Code"] == "RUSGOV"
    assert (request["SQLDATE"], request["MonthYear"], request["Year"]) == ("", "202303", "2023")
    assert request["EventRootCode"] == "10" and request["ActionGeo_Type"] == ""


def test_gdelt_file_has_61_codebook_columns(tmp_path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    write_events(EVENTS, out, documents=DOCS)
    rel = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=true, all_varchar=true)")
    assert tuple(rel.columns) == GDELT_COLUMNS and len(rel.columns) == 61
    rows = rel.fetchall()
    assert [r[GDELT_COLUMNS.index("EventCode")] for r in rows] == ["042", "194", "105"]
    comma = tmp_path / "events.gdelt.csv"
    write_events(EVENTS, comma, documents=DOCS)
    assert comma.read_text(encoding="utf-8").splitlines()[0] == ",".join(GDELT_COLUMNS)


# ------------------------------------------------------------------------------------------- writing

def test_writer_flushes_each_document_and_renames_on_close(tmp_path) -> None:
    out = tmp_path / "events.jsonl"
    with EventWriter(out) as writer:
        writer.write([CONSULT], DOCS["wire-0426"])
        assert not out.exists()  # the target appears only when complete
        assert writer.tmp_path is not None and writer.tmp_path.parent == tmp_path
        assert len(writer.tmp_path.read_text(encoding="utf-8").splitlines()) == 1  # flushed already
        writer.write([ASSAULT], DOCS["wire-0207"])
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert os.listdir(tmp_path) == ["events.jsonl"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not a private temp-file mode


def _failing(events):
    yield from events[:2]
    raise RuntimeError("the NLP worker died")


@pytest.mark.parametrize("name", ["events.jsonl", "events.csv", "events.parquet", "events.gdelt.tsv"])
def test_a_failed_run_leaves_the_target_untouched(tmp_path, name: str) -> None:
    out = tmp_path / name
    out.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="worker died"):
        write_events(_failing(EVENTS), out, documents=DOCS)
    assert out.read_text(encoding="utf-8") == "previous run\n"
    partial = tmp_path / (name + ".partial")
    assert sorted(os.listdir(tmp_path)) == sorted([name, partial.name])
    if name.endswith(".parquet"):
        assert pq.read_table(partial).num_rows == 2  # still a valid Parquet file
    elif name.endswith(".jsonl"):
        assert [json.loads(x)["id"] for x in partial.read_text(encoding="utf-8").splitlines()] == \
            ["wire-0426:1", "wire-0207:1"]


def test_no_file_at_a_new_target_when_writing_fails(tmp_path) -> None:
    out = tmp_path / "new.csv"
    with pytest.raises(RuntimeError):
        write_events(_failing(EVENTS), out)
    assert not out.exists() and (tmp_path / "new.csv.partial").exists()
    with pytest.raises(RuntimeError), EventWriter(tmp_path / "early.gdelt.tsv"):
        raise RuntimeError("the model could not be loaded")
    assert sorted(os.listdir(tmp_path)) == ["new.csv.partial"]  # nothing coded: nothing kept


def test_stdout_and_text_streams(capsys) -> None:
    assert write_events(EVENTS, "-") == 3
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["event_type"] for x in lines] == ["CONSULT", "ASSAULT", "REQUEST"]
    buffer = io.StringIO()
    write_events(EVENTS, buffer, fmt="csv")
    assert buffer.getvalue().splitlines()[0] == ",".join(FLAT_COLUMNS)
    assert not buffer.closed  # a stream the caller gave stays open
    with pytest.raises(OutputError, match="Parquet"):
        write_events(EVENTS, "-", fmt="parquet")


@pytest.mark.parametrize("name", ["events.jsonl", "events.parquet"])
def test_unwritable_directory_raises_output_error(tmp_path, name: str) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("a file where a directory should be", encoding="utf-8")
    target = blocker / name
    with pytest.raises(OutputError) as info:
        write_events(EVENTS, target)
    assert str(target) in str(info.value) and info.value.code == "E500"


def test_unknown_format_and_empty_outputs(tmp_path) -> None:
    with pytest.raises(OutputError, match="xml"):
        EventWriter(tmp_path / "events.jsonl", fmt="xml")
    assert write_events([], tmp_path / "none.csv") == 0
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").strip() == ",".join(FLAT_COLUMNS)
    assert write_events([], tmp_path / "none.parquet") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0
