"""query.py: filters, aggregates, the read-only/writable database, and `eventcoder export` through it.

The database is made from tests/fixtures/web/sample_results.jsonl: hand-coded events over our own short
articles (regenerate with tests/fixtures/web/make_sample.py), so every expected count is known.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.errors import StoreError
from eventcoder.export import FLAT_COLUMNS, GDELT_COLUMNS
from eventcoder.models import EVENT_TYPES, DocumentResult
from eventcoder.query import (
    QUAD_CLASS,
    EventDatabase,
    EventFilter,
    balance_of,
    quad_class,
    types_of_quad,
    where_sql,
)
from eventcoder.store import Store

SAMPLE = Path(__file__).parent / "fixtures" / "web" / "sample_results.jsonl"


def load_sample(path: Path) -> Path:
    """A DuckDB store at ``path`` holding the sample documents and events."""
    results = [DocumentResult.model_validate_json(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    with Store(path) as store:
        store.save_many(results)
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_sample(tmp_path_factory.mktemp("query") / "sample.duckdb")


@pytest.fixture(scope="module")
def db(db_path: Path) -> EventDatabase:
    with EventDatabase(db_path) as database:
        yield database


def ids(db: EventDatabase, **filters: object) -> set[str]:
    return {r.event.id for r in db.events(EventFilter(**filters), limit=1000).events}


# ------------------------------------------------------------------------------------------- quad classes

def test_quad_classes_follow_plover() -> None:
    assert set(QUAD_CLASS) == set(EVENT_TYPES)
    assert types_of_quad(1) == ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")
    assert types_of_quad(2) == ("COOPERATE", "AID", "RETREAT")
    assert types_of_quad(3) == ("REQUEST", "ACCUSE", "REJECT", "THREATEN")
    assert types_of_quad(4) == ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
    assert quad_class("ASSAULT") == 4 and quad_class("NOPE") is None


def test_balance_of_counts() -> None:
    b = balance_of({("AGREE", None): 3, ("ASSAULT", "aerial"): 1})
    assert (b.total, b.cooperation, b.conflict, b.balance) == (4, 3, 1, 0.5)
    assert b.by_quad == {1: 3, 4: 1} and b.by_type == {"AGREE": 3, "ASSAULT": 1}
    assert b.goldstein is not None and b.goldstein < 4.0  # an assault pulls the mean Goldstein weight down
    assert balance_of({}).balance == 0.0 and balance_of({}).goldstein is None


# ------------------------------------------------------------------------------------------- filters

def test_actor_terms_match_codes_and_names(db: EventDatabase) -> None:
    chn = {"geneva-ohchr:1", "geneva-ohchr:2", "ohchr-report:1", "ohchr-report:2"}
    assert ids(db, actor="CHN") == chn
    assert ids(db, actor="chn") == chn  # codes are case-insensitive
    assert ids(db, actor="OHCHR") == chn
    assert ids(db, actor="European") == {"eu-iran:1", "eu-iran:2"}  # part of a name (4+ characters)
    assert ids(db, actor="Tehran") == {"eu-iran:2"}  # the mention text
    assert ids(db, actor="UN") == set()  # a short term is a code, never a part of "Union"
    assert ids(db, actor="KENCOP") == {"kenya-protest:2", "kenya-protest:3"}  # country + sector
    assert ids(db, source="OHCHR") == {"ohchr-report:1", "ohchr-report:2"}
    assert ids(db, target="OHCHR") == {"geneva-ohchr:1", "geneva-ohchr:2"}


def test_dyad_is_either_direction(db: EventDatabase) -> None:
    both = ids(db, dyad="CHN,OHCHR")
    assert both == {"geneva-ohchr:1", "geneva-ohchr:2", "ohchr-report:1", "ohchr-report:2"}
    assert ids(db, dyad="OHCHR, CHN") == both
    assert ids(db, dyad="EU,IRN") == {"eu-iran:1", "eu-iran:2"}  # the negated AGREE has no recipient
    assert ids(db, dyad="CHN,EU") == set()


def test_country_sector_type_mode_modality(db: EventDatabase) -> None:
    assert ids(db, country="KEN") == {"kenya-protest:1", "kenya-protest:2", "kenya-protest:3"}
    assert len(ids(db, country="CHE")) == 4  # the location's country counts too
    assert ids(db, sector="COP") == {"kenya-protest:2", "kenya-protest:3"}
    assert ids(db, event_type=["ASSAULT", "coerce"]) == ids(db, event_type="ASSAULT,COERCE")
    assert len(ids(db, event_type="ASSAULT,COERCE")) == 4
    assert len(ids(db, quad=[4])) == 6
    assert ids(db, quad="4", event_type="ASSAULT") == {"kenya-protest:2", "undated-brief:1"}
    assert ids(db, quad="1", event_type="ASSAULT") == set()  # type and class both hold
    assert ids(db, mode="ARREST") == {"kenya-protest:3", "undated-brief:2"}
    assert ids(db, modality="negated") == {"eu-iran:3"}
    assert ids(db, doc_id="aid-manila") == {"aid-manila:1"}
    assert ids(db, min_confidence=0.9) == set()


def test_date_range_and_partial_dates(db: EventDatabase) -> None:
    may_on = ids(db, date_from="2024-05")
    assert may_on == {"ohchr-report:1", "ohchr-report:2", "kenya-protest:1", "kenya-protest:2",
                      "kenya-protest:3"}
    assert ids(db, date_to="2024-03") == {"aid-manila:1", "geneva-ohchr:1", "geneva-ohchr:2"}
    assert ids(db, date_from="2024-05-01", date_to="2024-05-31") == {"ohchr-report:1", "ohchr-report:2"}
    assert ids(db, date_from="2024-05-03", date_to="2024-05-31") == {"ohchr-report:2"}  # "2024-05" overlaps
    assert ids(db, date_from="2024-04-23", date_to="2024-04-30") == set()
    assert ids(db, date_from="2024") & {"undated-brief:1", "undated-brief:2"} == set()  # undated: never


def test_text_search_escapes_wildcards(db: EventDatabase) -> None:
    assert ids(db, text="TEAR GAS") == {"kenya-protest:2", "kenya-protest:3"}
    assert ids(db, text="%") == set() and ids(db, text="_") == set()
    assert ids(db, text="<b>measures</b>") == {"eu-iran:2"}


def test_filter_validation() -> None:
    for bad in ({"event_type": "PARTY"}, {"quad": "5"}, {"modality": "maybe"}, {"date_from": "2024-13"},
                {"date_to": "May 2024"}, {"dyad": "CHN"}, {"dyad": "A,B,C"}, {"colour": "red"},
                {"min_confidence": 2}):
        with pytest.raises(ValidationError):
            EventFilter(**bad)
    f = EventFilter(event_type="assault, coerce", country=" ken ", text="  ")
    assert f.event_type == ["ASSAULT", "COERCE"] and f.country == "KEN" and f.text is None
    assert EventFilter().is_empty() and not f.is_empty()


def test_values_are_bound_never_in_the_sql() -> None:
    hostile = "x'); DROP TABLE events; --"
    sql, params = where_sql(EventFilter(actor=hostile, text=hostile, mode=hostile, doc_id=hostile,
                                        dyad=f"{hostile},B"))
    assert "DROP" not in sql and any(hostile in str(p) for p in params)


# ------------------------------------------------------------------------------------------- events

def test_events_paging_and_sort(db: EventDatabase) -> None:
    page = db.events(limit=5)
    assert page.total == 13 and len(page.events) == 5 and page.sort == "-date"
    assert page.events[0].event.date.value == "2024-06-25"
    dates = [r.event.date.value for r in db.events(limit=100).events]
    assert dates[-2:] == [None, "--05-13"] or set(dates[-2:]) == {None, "--05-13"}  # undated last
    oldest = db.events(sort="date", limit=1).events[0]
    assert oldest.event.id == "aid-manila:1" and oldest.quad_class == 2
    assert oldest.document.title == "Japan flies relief to Manila" and oldest.document.text is None
    rest = db.events(limit=5, offset=10)
    assert len(rest.events) == 3 and rest.offset == 10
    in_doc = [r.event.id for r in db.events(EventFilter(doc_id="kenya-protest"), sort="document").events]
    assert in_doc == ["kenya-protest:1", "kenya-protest:2", "kenya-protest:3"]


def test_event_detail_has_document_text_and_offsets(db: EventDatabase) -> None:
    detail = db.event("eu-iran:2")
    assert detail is not None and detail.quad_class == 3 and detail.quad_name == "verbal conflict"
    text = detail.document.text
    ev = detail.event.evidence[0]
    assert text[ev.start:ev.end] == ev.sentence and text[ev.trigger_start:ev.trigger_end] == "threatened"
    actor = detail.event.actors[0]
    assert text[actor.start:actor.end] == "Tehran"
    assert detail.document.url == "https://news.example.org/eu-iran" and detail.document.published == "2024-04-22"
    assert db.event("no-such-event") is None


def test_iter_events_groups_documents(db: EventDatabase) -> None:
    pairs = list(db.iter_events(EventFilter(country="KEN")))
    assert [e.id for e, _ in pairs] == ["kenya-protest:1", "kenya-protest:2", "kenya-protest:3"]
    assert pairs[0][1] is pairs[2][1] and pairs[0][1].text.startswith("Police disperse")


# ------------------------------------------------------------------------------------------- aggregates

def test_actors(db: EventDatabase) -> None:
    actors = {a.key: a for a in db.actors()}
    chn = actors["CHN"]
    assert (chn.events, chn.as_actor, chn.as_recipient, chn.label) == (4, 2, 2, "China")
    assert chn.balance.by_quad == {1: 1, 3: 3} and chn.balance.balance == -0.5
    assert actors["OHCHR"].label == "Office of the UN High Commissioner for Human Rights"
    assert actors["KEN"].events == 3 and actors["KEN"].as_actor == 3
    assert [a.key for a in db.actors(q="ohc")] == ["OHCHR"]
    assert "KENCOP" in {a.key for a in db.actors(level="code")}
    assert len(db.actors(limit=2)) == 2
    assert {a.key for a in db.actors(EventFilter(dyad="EU,IRN"))} == {"EU", "IRN"}


def test_dyads_with_balance(db: EventDatabase) -> None:
    dyads = {(d.source, d.target): d for d in db.dyads()}
    chn = dyads[("CHN", "OHCHR")]
    assert chn.events == 4 and chn.balance.by_type == {"ACCUSE": 1, "CONSULT": 1, "REJECT": 1, "REQUEST": 1}
    assert (chn.balance.cooperation, chn.balance.conflict, chn.balance.balance) == (1, 3, -0.5)
    assert chn.source_label == "China"
    assert dyads[("EU", "IRN")].balance.balance == -1.0 and dyads[("JPN", "PHL")].balance.balance == 1.0
    assert dyads[("KEN", "KEN")].events == 3  # domestic: police and students
    assert ("KEN", "KEN") not in {(d.source, d.target) for d in db.dyads(self_loops=False)}
    directed = {(d.source, d.target): d.events for d in db.dyads(directed=True)}
    assert directed[("CHN", "OHCHR")] == 2 and directed[("OHCHR", "CHN")] == 2
    coded = {(d.source, d.target) for d in db.dyads(level="code")}
    assert ("KENCOP", "KENEDU") in coded
    assert [(d.source, d.target) for d in db.dyads(EventFilter(country="PHL"))] == [("JPN", "PHL")]


def test_timeline_periods_and_series(db: EventDatabase) -> None:
    month = db.timeline(interval="month", by="quad")
    assert month.periods[0] == "2023-09" and month.periods[-1] == "2024-06" and len(month.periods) == 10
    assert month.total == 13 and month.undated == 2  # no date, and "--05-13"
    assert {s.key: sum(s.counts) for s in month.series} == {"1": 2, "2": 1, "3": 4, "4": 4}
    assert month.series[0].label == "verbal cooperation"
    day = db.timeline(EventFilter(dyad="CHN,OHCHR"), interval="day", by="type")
    assert day.undated == 1  # the May meeting is dated to the month only
    assert day.periods[0] == "2024-03-12" and day.periods[-1] == "2024-05-02" and len(day.periods) == 52
    assert [s.key for s in day.series] == ["REQUEST", "ACCUSE", "REJECT"]
    week = db.timeline(EventFilter(country="KEN"), interval="week", by="total")
    assert week.periods == ["2024-06-24"] and week.series[0].counts == [3]  # the Monday of the week
    year = db.timeline(interval="year", by="total")
    assert year.periods == ["2023", "2024"] and year.series[0].counts == [1, 10]
    empty = db.timeline(EventFilter(actor="nobody at all"))
    assert empty.periods == [] and empty.series == [] and empty.total == 0
    with pytest.raises(ValueError):
        db.timeline(interval="hour")  # type: ignore[arg-type]


def test_places_and_summary(db: EventDatabase) -> None:
    places = db.places()
    assert (places[0].name, places[0].events) == ("Geneva", 4)
    nairobi = next(p for p in places if p.name == "Nairobi")
    assert nairobi.country == "KEN" and nairobi.balance.balance == -1.0
    assert sum(p.events for p in places) == 13
    summary = db.summary()
    assert (summary.documents, summary.events, summary.date_min, summary.date_max) == (6, 13, "2023-09-05",
                                                                                         "2024-06-25")
    assert {f.value: f.count for f in summary.quads} == {"1": 2, "2": 1, "3": 4, "4": 6}
    assert {"KEN", "CHN", "CHE"} <= {f.value for f in summary.countries}
    assert summary.writable is False


# ------------------------------------------------------------------------------------------- opening

def test_read_only_holds_no_lock_between_calls(db_path: Path, tmp_path: Path) -> None:
    path = load_sample(tmp_path / "copy.duckdb")
    reader = EventDatabase(path)
    assert reader.count() == 13
    with Store(path) as writer:  # a writer can open the file while the reader idles
        writer.record_failure("x", "y")
    assert reader.summary().failures == 1
    with pytest.raises(StoreError):
        reader.save([])  # read-only


def test_writer_in_another_process_makes_reads_fail_clearly(tmp_path: Path) -> None:
    path = load_sample(tmp_path / "locked.duckdb")
    reader = EventDatabase(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(path)!r})
            print("locked", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="cannot open the database"):
            reader.count()
    finally:
        holder.communicate("\n", timeout=10)
    assert reader.count() == 13


def test_writable_saves_and_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        EventDatabase(tmp_path / "missing.duckdb")
    results = [DocumentResult.model_validate_json(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    with EventDatabase(tmp_path / "new.duckdb", writable=True) as db:
        assert db.count() == 0
        assert db.save(results[:2]) == 2
        assert db.count() == 4 and db.summary().writable
    assert EventDatabase(tmp_path / "new.duckdb").count() == 4


# ------------------------------------------------------------------------------------------- export command

runner = CliRunner()


def test_export_formats_with_filters(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ken.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out), "--country", "KEN"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["kenya-protest:1", "kenya-protest:2", "kenya-protest:3"]
    assert "3 events written" in result.output

    out = tmp_path / "dyad.csv"
    assert runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out), "--dyad", "CHN,OHCHR",
                               "--type", "ACCUSE", "--type", "REQUEST"]).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == FLAT_COLUMNS and {r["event_type"] for r in rows} == {"ACCUSE", "REQUEST"}

    out = tmp_path / "all.parquet"
    assert runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out), "-q"]).exit_code == 0
    assert pq.read_table(out).num_rows == 13

    out = tmp_path / "conflict.out"
    assert runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out), "--format", "plover",
                               "--quad", "4", "--from", "2024-06"]).exit_code == 0
    plover = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {p["event_type"] for p in plover} == {"PROTEST", "ASSAULT", "COERCE"}
    assert plover[0]["cite_info"]["url"] == "https://news.example.org/kenya"  # the document reached the writer
    assert plover[0]["text_info"][0]["start"] > 0

    result = runner.invoke(app, ["export", "--db", str(db_path), "-o", "-", "--text", "tear gas", "-q"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2


def test_export_errors(db_path: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(tmp_path / "x.jsonl"), "--type", "PARTY",
                              "--from", "2024-13"])
    assert bad.exit_code == 2 and "unknown event type PARTY" in bad.output and "date_from" in bad.output
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "-o", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2 and "E400" in missing.output
    unknown = runner.invoke(app, ["export", "--db", str(db_path), "-o", str(tmp_path / "x.xyz")])
    assert unknown.exit_code == 2 and "E500" in unknown.output


# GDELT 2.0 event-table column types (GDELT codebook), as docs/explorer.md tells readers to declare them.
GDELT_INTEGER = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                 "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
GDELT_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone"} | {c for c in GDELT_COLUMNS
                                                              if c.endswith(("_Lat", "_Long"))}


def test_gdelt_export_loads_in_duckdb_and_pandas(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    assert runner.invoke(app, ["export", "--db", str(db_path), "-o", str(out), "-q"]).exit_code == 0

    # As it comes, with the codebook's column names and the types readers detect.
    frame = pd.read_csv(out, sep="\t", dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert tuple(frame.columns) == GDELT_COLUMNS and len(frame.columns) == 61 and len(frame) == 13
    assert str(frame["GLOBALEVENTID"].dtype) == "int64" and str(frame["GoldsteinScale"].dtype) == "float64"
    assert str(frame["QuadClass"].dtype) == "int64" and str(frame["NumMentions"].dtype) == "int64"
    assert str(frame["ActionGeo_Lat"].dtype) == "float64"
    report = frame[frame["SOURCEURL"] == "https://news.example.org/ohchr-report"]
    assert set(report["EventRootCode"]) == {"04", "10"}  # CONSULT, REQUEST (DEMAND): leading zeros kept

    # With the codebook's types declared (the recipe of docs/explorer.md): nullable integers in pandas.
    typed = pd.read_csv(out, sep="\t", dtype={c: "Int64" if c in GDELT_INTEGER else "float64"
                                              if c in GDELT_FLOAT else "string" for c in GDELT_COLUMNS})
    assert str(typed["SQLDATE"].dtype) == "Int64" and typed["SQLDATE"].isna().sum() == 3  # no full date
    assert int(typed["SQLDATE"].max()) == 20240625 and str(typed["Actor1Code"].dtype) == "string"

    con = duckdb.connect()
    auto = con.sql("SELECT * FROM read_csv(?, delim='\t', header=true)", params=[str(out)])
    assert tuple(auto.columns) == GDELT_COLUMNS
    kinds = dict(zip(auto.columns, (str(t) for t in auto.types), strict=True))
    assert kinds["GLOBALEVENTID"] == "BIGINT" and kinds["GoldsteinScale"] == "DOUBLE"
    columns = {c: "BIGINT" if c in GDELT_INTEGER else "DOUBLE" if c in GDELT_FLOAT else "VARCHAR"
               for c in GDELT_COLUMNS}
    rel = con.sql("SELECT * FROM read_csv(?, delim='\t', header=true, columns=?)",
                  params=[str(out), columns])
    kinds = dict(zip(rel.columns, (str(t) for t in rel.types), strict=True))
    assert tuple(rel.columns) == GDELT_COLUMNS and kinds == columns
    assert con.sql("SELECT count(*) FROM rel WHERE QuadClass = 4 AND EventRootCode LIKE '1%'").fetchall()[0][0] == 6
