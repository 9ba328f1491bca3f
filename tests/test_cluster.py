"""Cross-document clustering: the rules, determinism, the store's clusters and mentions (schema 2), and the
near-duplicate fixtures (the same story rewritten by several outlets, plus different events that must stay
apart)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventcoder.cluster import (
    ClusterContext,
    ClusterOptions,
    cluster_events,
    default_context,
    dyad_match,
    overlap,
    places_compatible,
    tokens_of,
)
from eventcoder.models import Actor, DateValue, Document, DocumentResult, Event, Evidence, Place
from eventcoder.run import cluster_flat_row, cluster_gdelt_row, cluster_record, read_dataset, write_clusters
from eventcoder.store import MIGRATIONS, SCHEMA_VERSION, Store

FIXTURES = Path(__file__).parent / "fixtures" / "near_duplicates" / "stories.jsonl"


def _actor(text: str, country: str | None = None, sector: str | None = None, org: str | None = None,
           kind: str = "group") -> Actor:
    return Actor(text=text, name=text, country=country, sector=sector, org=org, kind=kind)  # type: ignore[arg-type]


def _event(eid: str, doc: str, sentence: str, *, etype: str = "COERCE", actors: list[Actor] | None = None,
           recipients: list[Actor] | None = None, day: str = "2024-06-24", resolution: str = "relative",
           granularity: str = "day", place: Place | None = None, directed: bool = True,
           mode: str | None = None, confidence: float = 0.8) -> Event:
    return Event(
        id=eid, doc_id=doc, event_type=etype, event_mode=mode,
        actors=actors if actors is not None else [_actor("Kenyan police", "KEN", "COP")],
        recipients=recipients if recipients is not None else [_actor("protesters", "KEN", "CVL")],
        date=DateValue(value=day, granularity=granularity, resolution=resolution),  # type: ignore[arg-type]
        location=place, directed=directed, confidence=confidence,
        evidence=[Evidence(sentence=sentence, start=0, end=len(sentence), trigger="x", trigger_start=0,
                           trigger_end=1)])


NAIROBI = Place(country="KEN", name="Nairobi", lat=-1.29, lon=36.82, resolution="sentence")
ARREST_A = "Kenyan police arrested 37 protesters in Nairobi on Monday during a march against fuel taxes."
ARREST_B = "Police in Kenya detained 37 demonstrators in Nairobi on Monday at a rally over fuel taxes."


def _groups(clusters) -> list[set[str]]:
    return sorted(({m.event_id for m in c.mentions} for c in clusters), key=lambda g: sorted(g))


# ---------------------------------------------------------------------------------------------- rules

def test_two_outlets_reporting_one_arrest_make_one_cluster() -> None:
    a = _event("a1", "doc-a", ARREST_A, place=NAIROBI)
    b = _event("b1", "doc-b", ARREST_B, day="2024-06-25", resolution="publication")
    clusters = cluster_events([a, b])
    assert len(clusters) == 1
    c = clusters[0]
    assert c.n_sources == 2 and c.n_mentions == 2
    assert (c.date_start, c.date_end) == ("2024-06-24", "2024-06-25")
    assert c.representative_id == "a1"  # the more precise date and the sentence-level place
    assert c.representative is a
    assert c.actor_codes == ["KEN"] and c.recipient_codes == ["KEN:CVL"]  # civilians are not the state
    assert {(m.event_id, m.doc_id, m.sentence) for m in c.mentions} == {
        ("a1", "doc-a", ARREST_A), ("b1", "doc-b", ARREST_B)}


@pytest.mark.parametrize(("day", "window", "merged"), [
    ("2024-06-25", 1, True), ("2024-06-26", 1, False), ("2024-06-26", 2, True), ("2024-07-01", 1, False)])
def test_dates_must_fall_within_the_window(day: str, window: int, merged: bool) -> None:
    a = _event("a1", "doc-a", ARREST_A)
    b = _event("b1", "doc-b", ARREST_B, day=day)
    clusters = cluster_events([a, b], options=ClusterOptions(window_days=window))
    assert (len(clusters) == 1) is merged


def test_a_cluster_never_spans_more_than_the_window() -> None:
    # 24, 25, 26 June: each adjacent pair is within one day, but not the first and the last
    events = [_event(f"e{i}", f"doc-{i}", ARREST_A, day=f"2024-06-{24 + i}") for i in range(3)]
    clusters = cluster_events(events)
    assert sorted(c.n_sources for c in clusters) == [1, 2]


def test_different_countries_types_and_dyads_stay_apart() -> None:
    base = _event("a1", "doc-a", ARREST_A, place=NAIROBI)
    uganda = _event("u1", "doc-u", ARREST_A.replace("Kenyan", "Ugandan").replace("Nairobi", "Kampala"),
                    actors=[_actor("Ugandan police", "UGA", "COP")], recipients=[_actor("protesters", "UGA", "CVL")])
    other_type = _event("t1", "doc-t", ARREST_B, etype="PROTEST")
    reversed_roles = _event("r1", "doc-r", ARREST_B, actors=[_actor("protesters", "KEN", "CVL")],
                            recipients=[_actor("Kenyan police", "KEN", "COP")])
    clusters = cluster_events([base, uganda, other_type, reversed_roles])
    assert all(c.n_sources == 1 for c in clusters) and len(clusters) == 4


def test_named_places_far_apart_are_two_events() -> None:
    kharkiv = Place(country="UKR", name="Kharkiv", lat=49.99, lon=36.23, resolution="sentence")
    kharkiv_region = Place(country="UKR", name="Kharkiv region", lat=49.5, lon=36.6, resolution="sentence")
    odesa = Place(country="UKR", name="Odesa", lat=46.48, lon=30.72, resolution="sentence")
    russia, ukraine = [_actor("Russian forces", "RUS", "MIL")], [_actor("civilians", "UKR", "CVL")]
    s1 = "Russian forces struck Kharkiv with missiles on Friday, killing six civilians."
    s2 = "A Russian missile strike on the Kharkiv region killed six civilians on Friday."
    s3 = "Russian forces struck Odesa with missiles on Friday, killing six civilians."
    events = [_event("k1", "d1", s1, etype="ASSAULT", actors=russia, recipients=ukraine, place=kharkiv),
              _event("k2", "d2", s2, etype="ASSAULT", actors=russia, recipients=ukraine, place=kharkiv_region),
              _event("o1", "d3", s3, etype="ASSAULT", actors=russia, recipients=ukraine, place=odesa)]
    assert _groups(cluster_events(events)) == [{"k1", "k2"}, {"o1"}]


def test_places_named_in_the_evidence_count_when_the_event_has_no_place() -> None:
    context = default_context()
    russia, ukraine = [_actor("Russia", "RUS", "GOV", kind="state")], [_actor("civilians", "UKR", "CVL")]
    a = _event("k1", "d1", "Russia attacked Kharkiv with drones overnight, killing civilians.", etype="ASSAULT",
               actors=russia, recipients=ukraine)
    b = _event("o1", "d2", "Russia attacked Odesa with drones overnight, killing civilians.", etype="ASSAULT",
               actors=russia, recipients=ukraine)
    assert len(cluster_events([a, b])) == 1  # no knowledge of places: nothing tells them apart
    assert len(cluster_events([a, b], context)) == 2


def test_one_document_gives_at_most_one_mention_per_cluster() -> None:
    a = _event("a1", "doc-a", ARREST_A)
    a2 = _event("a2", "doc-a", ARREST_B)  # the dedup stage kept these apart within the document
    b = _event("b1", "doc-b", ARREST_B)
    clusters = cluster_events([a, a2, b])
    assert all(len({m.doc_id for m in c.mentions}) == c.n_mentions for c in clusters)
    assert sorted(c.n_sources for c in clusters) == [1, 2]


def test_coarse_dates_only_meet_the_same_value() -> None:
    month = [_event(f"m{i}", f"doc-{i}", ARREST_A, day="2024-06", granularity="month", resolution="explicit")
             for i in range(2)]
    day = _event("d1", "doc-9", ARREST_A)
    undated = [_event(f"u{i}", f"doc-u{i}", ARREST_A, day="", granularity="day", resolution="none")
               for i in range(2)]
    for u in undated:
        u.date = DateValue()
    assert _groups(cluster_events(month + [day] + undated)) == [{"d1"}, {"m0", "m1"}, {"u0"}, {"u1"}]


def test_a_weak_dyad_match_needs_similar_evidence() -> None:
    # the second report names no recipient: only its evidence can tie it to the first
    same = _event("b1", "doc-b", "Police in Kenya arrested 37 protesters in Nairobi over fuel taxes.", recipients=[])
    unrelated = _event("c1", "doc-c", "Kenyan police detained a senior official suspected of fraud.", recipients=[])
    a = _event("a1", "doc-a", ARREST_A)
    assert _groups(cluster_events([a, same])) == [{"a1", "b1"}]
    assert len(cluster_events([a, unrelated])) == 2


def test_reprinted_sentences_merge_even_when_the_coder_disagrees_on_sectors_or_finds_no_codes() -> None:
    wire = ("On Thursday a car bomb went off beside an army checkpoint outside Quetta, leaving two security "
            "{} dead and five wounded, provincial officials said.")
    bomber = [_actor("a suicide bomber", "PAK", "REB")]
    a = _event("a1", "doc-a", wire.format("personnel"), etype="ASSAULT", actors=bomber,
               recipients=[_actor("security personnel", "PAK", "GOV")])
    b = _event("b1", "doc-b", wire.format("worker"), etype="ASSAULT", actors=bomber,
               recipients=[_actor("security worker", "PAK", "LAB")])
    assert len(cluster_events([a, b])) == 1
    vague = [_actor("gunmen")]  # no country, no organisation: no codes at all
    c = _event("c1", "doc-c", wire.format("guard"), etype="ASSAULT", actors=vague, recipients=[])
    d = _event("d1", "doc-d", wire.format("guard"), etype="ASSAULT", actors=vague, recipients=[])
    e = _event("e1", "doc-e", "Gunmen killed a guard near a convoy.", etype="ASSAULT", actors=vague, recipients=[])
    assert _groups(cluster_events([c, d, e])) == [{"c1", "d1"}, {"e1"}]


def test_statements_of_the_same_two_governments_that_share_no_words_are_two_events() -> None:
    usa, ukr = [_actor("Washington", "USA", "GOV", kind="state")], [_actor("Kyiv", "UKR", "GOV", kind="state")]
    a = _event("a1", "doc-a", "Washington voiced support for Kyiv's ceasefire plan on Tuesday.", etype="SUPPORT",
               actors=usa, recipients=ukr)
    b = _event("b1", "doc-b", "Republican lawmakers praised the cabinet's negotiating stance.", etype="SUPPORT",
               actors=usa, recipients=ukr)
    assert len(cluster_events([a, b])) == 2


def test_undirected_events_need_both_sides() -> None:
    jp, ph, vn = _actor("Japan", "JPN", "GOV", kind="state"), _actor("Philippines", "PHL", "GOV", kind="state"), \
        _actor("Vietnam", "VNM", "GOV", kind="state")
    s1 = "Japan and the Philippines signed a defence agreement in Manila on Monday."
    s2 = "Tokyo and Manila signed a reciprocal access agreement on Monday."
    s3 = "Japan and Vietnam signed a maritime security agreement on Monday."
    events = [_event("p1", "d1", s1, etype="AGREE", actors=[jp, ph], recipients=[], directed=False),
              _event("p2", "d2", s2, etype="AGREE", actors=[jp], recipients=[ph], directed=False),
              _event("v1", "d3", s3, etype="AGREE", actors=[jp, vn], recipients=[], directed=False)]
    assert _groups(cluster_events(events)) == [{"p1", "p2"}, {"v1"}]


def test_organisations_match_through_their_parents() -> None:
    family = {"OHCHR": {"OHCHR", "UN"}, "UN": {"UN"}}
    context = ClusterContext(family=lambda code: set(family.get(code, {code})))
    a = _event("a1", "doc-a", "The UN rights office condemned the arrest of 37 protesters in Nairobi.",
               etype="ACCUSE", actors=[_actor("UN rights office", None, "IGO", "OHCHR")])
    b = _event("b1", "doc-b", "The United Nations condemned the arrest of 37 protesters in Nairobi.",
               etype="ACCUSE", actors=[_actor("United Nations", None, "IGO", "UN")])
    assert len(cluster_events([a, b], context)) == 1
    assert len(cluster_events([a, b])) == 2  # without the family the codes differ


def test_clusters_do_not_depend_on_input_order() -> None:
    events = [_event(f"e{i}", f"doc-{i % 7}", ARREST_A if i % 2 else ARREST_B, day=f"2024-06-{20 + i % 5}")
              for i in range(21)]
    first = [(c.id, [m.event_id for m in c.mentions]) for c in cluster_events(events)]
    for seed in range(3):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert [(c.id, [m.event_id for m in c.mentions]) for c in cluster_events(shuffled)] == first


def test_helpers() -> None:
    assert tokens_of("Police killed 3 protesters; the killing was condemned on Monday") == frozenset(
        {"police", "kill", "protester", "condemn"})
    assert overlap(frozenset({"a", "b"}), frozenset({"a", "b", "c", "d"})) == 1.0
    assert overlap(frozenset(), frozenset({"a"})) == 0.0
    assert places_compatible(frozenset({("kharkiv", 49.99, 36.23)}), frozenset({("odesa", 46.48, 30.72)}), 150) \
        is False
    assert places_compatible(frozenset(), frozenset({("odesa", 46.48, 30.72)}), 150)
    k = frozenset({"KEN"})
    assert dyad_match(True, k, k, True, k, k) == 2
    assert dyad_match(True, k, frozenset(), True, k, k) == 1
    assert dyad_match(True, k, frozenset({"UGA"}), True, k, k) == 0


# ---------------------------------------------------------------------------------------------- outputs

def test_cluster_rows_in_every_format(tmp_path: Path) -> None:
    a = _event("a1", "doc-a", ARREST_A, place=NAIROBI)
    b = _event("b1", "doc-b", ARREST_B)
    clusters = cluster_events([a, b])
    record = cluster_record(clusters[0])
    assert record["id"] == clusters[0].id and record["representative_id"] == "a1"
    assert record["n_sources"] == 2 and record["doc_ids"] == ["doc-a", "doc-b"]
    assert record["event_type"] == "COERCE" and len(record["mentions"]) == 2
    row = cluster_flat_row(clusters[0])
    assert row["n_sources"] == 2 and row["doc_ids"] == "doc-a; doc-b"
    gdelt = cluster_gdelt_row(clusters[0])
    assert gdelt[31:34] == ["2", "2", "2"]  # NumMentions, NumSources, NumArticles
    for name in ("c.jsonl", "c.csv", "c.parquet", "c.plover.jsonl", "c.gdelt.tsv"):
        assert write_clusters(clusters, tmp_path / name) == 1
    assert json.loads((tmp_path / "c.jsonl").read_text())["n_mentions"] == 2
    assert pq.read_table(tmp_path / "c.parquet").column("n_sources").to_pylist() == [2]
    assert "n_sources" in (tmp_path / "c.csv").read_text().splitlines()[0]
    write_clusters(clusters, tmp_path / "ds", dataset=True)
    table = read_dataset(tmp_path / "ds")
    assert table.column("event_date").to_pylist() == ["2024-06-24"]
    assert not list(tmp_path.glob(".*"))  # no temporary files left


# ---------------------------------------------------------------------------------------------- store

def _result(doc_id: str, events: list[Event], content_hash: str = "h1") -> DocumentResult:
    return DocumentResult(document=Document(id=doc_id, text="x", content_hash=content_hash), events=events)


def test_store_keeps_clusters_and_mentions(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        assert store.clusters_stale()
        store.save_many([_result("doc-a", [_event("a1", "doc-a", ARREST_A, place=NAIROBI)]),
                         _result("doc-b", [_event("b1", "doc-b", ARREST_B)])])
        assert store.clusters_stale()
        assert store.recluster() == 1
        assert not store.clusters_stale()
        [c] = store.clusters()
        assert c.n_sources == 2 and c.representative is not None and c.representative.id == "a1"
        assert [m.sentence for m in c.mentions] == [ARREST_A, ARREST_B]  # sentences from the evidence table
        assert store.cluster_counts() == {"clusters": 1, "mentions": 2, "multi_source": 1}
        assert store.clusters(doc_ids=["doc-b"])[0].id == c.id and store.clusters(doc_ids=["nope"]) == []
        assert store.clusters(min_sources=3) == []
        # a changed document: its mentions go at once, the clusters are stale until recomputed
        store.save(_result("doc-b", [_event("b2", "doc-b", "Kenya's parliament passed the budget.",
                                            etype="AGREE")], "h2"))
        assert store.clusters_stale() and {m[1] for m in store.mentions()} == {"a1"}
        assert store.recluster() == 2
        assert sorted(c.n_sources for c in store.clusters()) == [1, 1]
        assert len(store.mentions()) == 2 and store.mentions(doc_id="doc-b")[0][1] == "b2"
    with Store(db, read_only=True) as store:
        assert len(store.clusters()) == 2


def test_a_version_1_database_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    with Store(db) as store:
        assert store.clusters_stale() and store.clusters() == []
        store.save(_result("doc-a", [_event("a1", "doc-a", ARREST_A)]))
        assert store.recluster() == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    con.close()


# ---------------------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def fixture_clusters(coder):
    from eventcoder.ingest import iter_documents

    docs = [d for d in iter_documents([FIXTURES], coder.settings) if isinstance(d, Document)]
    results = list(coder.code(docs))
    events = [e for r in results for e in r.events]
    story = {d.id: d.metadata["story"] for d in docs}
    return events, cluster_events(events, default_context()), story


def test_near_duplicate_fixtures_merge_reports_and_nothing_else(fixture_clusters) -> None:
    events, clusters, story = fixture_clusters
    assert len(clusters) < len(events)
    for c in clusters:
        # never two different stories in one cluster
        assert len({story[m.doc_id] for m in c.mentions}) == 1, c
    merged = {story[c.mentions[0].doc_id] for c in clusters if c.n_sources > 1}
    # each story rewritten by several outlets has its reports merged
    assert merged == {"ken-arrests-0624", "kharkiv-strike-0510", "jpn-phl-pact-0708"}
    kenya = max((c for c in clusters if story[c.mentions[0].doc_id] == "ken-arrests-0624"),
                key=lambda c: c.n_sources)
    assert kenya.n_sources == 3
