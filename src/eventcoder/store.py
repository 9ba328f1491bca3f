"""The DuckDB store: documents, their coded events, and failures, kept across runs.

Saving a document is one transaction that replaces whatever the store held for that document id, so
re-running on the same input updates rather than duplicates, and a run killed mid-write leaves the previous
content (DuckDB rolls an unfinished transaction back when the database is opened again).

The ``event`` JSON column holds the whole Event and is what ``events()`` returns; the other columns and
the ``event_actors`` / ``evidence`` tables are derived from it for querying (all listed in
docs/data-model.md). Values reach DuckDB as bound parameters or Arrow batches, never inside SQL text.

Schema 2 adds cross-document **clusters** (one row per real-world event) and their **mentions** (one row
per coded event: which cluster it reports), see ``eventcoder.cluster``. Clusters depend on every stored
event, so saving documents marks them stale (and drops the mentions of replaced documents) in the same
transaction; ``recluster()`` computes them again from all stored events and replaces them in one
transaction. A run killed between the two leaves the clusters stale, never half-written: the next
``recluster()`` (``eventcoder code --db`` does it at the end of every run) repairs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from eventcoder.cluster import (
    ClusterContext,
    ClusterItem,
    ClusterMention,
    ClusterOptions,
    EventCluster,
    cluster_items,
)
from eventcoder.errors import StoreError
from eventcoder.models import Document, DocumentResult, Event

SCHEMA_VERSION = 2

# version -> statements that bring a database from the previous version to this one.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, content_hash VARCHAR, title VARCHAR, url VARCHAR, published VARCHAR,
            source VARCHAR, text VARCHAR, metadata JSON, coded_at TIMESTAMP, n_events INTEGER)""",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, position INTEGER, event_type VARCHAR,
            event_mode VARCHAR, directed BOOLEAN, modality VARCHAR, confidence DOUBLE, contexts VARCHAR[],
            date_value VARCHAR, date_text VARCHAR, date_granularity VARCHAR, date_resolution VARCHAR,
            location_country VARCHAR, location_name VARCHAR, lat DOUBLE, lon DOUBLE,
            stage VARCHAR, rule VARCHAR, event JSON NOT NULL)""",
        """CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER, text VARCHAR, name VARCHAR,
            title VARCHAR, country VARCHAR, sector VARCHAR, org VARCHAR, kind VARCHAR, start INTEGER,
            end_offset INTEGER)""",
        """CREATE TABLE evidence (
            event_id VARCHAR NOT NULL, position INTEGER, sentence VARCHAR, start INTEGER, "end" INTEGER,
            trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER)""",
        'CREATE TABLE failures (source VARCHAR, message VARCHAR, "at" TIMESTAMP)',
        "CREATE INDEX events_doc_id ON events(doc_id)",
        "CREATE INDEX events_event_type ON events(event_type)",
        "CREATE INDEX event_actors_event_id ON event_actors(event_id)",
        "CREATE INDEX event_actors_country ON event_actors(country)",
        "CREATE INDEX event_actors_name ON event_actors(name)",
        "CREATE INDEX evidence_event_id ON evidence(event_id)",
    ),
    2: (
        """CREATE TABLE clusters (
            id VARCHAR PRIMARY KEY, event_type VARCHAR, event_mode VARCHAR, modality VARCHAR, directed BOOLEAN,
            representative_id VARCHAR, actor_codes VARCHAR[], recipient_codes VARCHAR[], date_start VARCHAR,
            date_end VARCHAR, location_country VARCHAR, location_name VARCHAR, confidence DOUBLE,
            n_sources INTEGER, n_mentions INTEGER)""",
        """CREATE TABLE mentions (
            cluster_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, position INTEGER,
            sentence VARCHAR)""",
        "CREATE TABLE store_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "INSERT INTO store_state VALUES ('clusters_stale', 'true')",
        "CREATE INDEX mentions_cluster_id ON mentions(cluster_id)",
        "CREATE INDEX mentions_event_id ON mentions(event_id)",
        "CREATE INDEX mentions_doc_id ON mentions(doc_id)",
        "CREATE INDEX clusters_event_type ON clusters(event_type)",
    ),
}

# Column types of the batches handed to DuckDB (as Arrow tables: fast, and values never touch the SQL text).
_S, _I, _F, _T = pa.string(), pa.int32(), pa.float64(), pa.timestamp("us")
_BATCH_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("id", _S), ("content_hash", _S), ("title", _S), ("url", _S), ("published", _S),
                            ("source", _S), ("text", _S), ("metadata", _S), ("coded_at", _T),
                            ("n_events", _I)]),
    "events": pa.schema([("id", _S), ("doc_id", _S), ("position", _I), ("event_type", _S),
                         ("event_mode", _S), ("directed", pa.bool_()), ("modality", _S), ("confidence", _F),
                         ("contexts", pa.list_(_S)), ("date_value", _S), ("date_text", _S),
                         ("date_granularity", _S), ("date_resolution", _S), ("location_country", _S),
                         ("location_name", _S), ("lat", _F), ("lon", _F), ("stage", _S), ("rule", _S),
                         ("event", _S)]),
    "event_actors": pa.schema([("event_id", _S), ("role", _S), ("position", _I), ("text", _S),
                               ("name", _S), ("title", _S), ("country", _S), ("sector", _S), ("org", _S),
                               ("kind", _S), ("start", _I), ("end_offset", _I)]),
    "evidence": pa.schema([("event_id", _S), ("position", _I), ("sentence", _S), ("start", _I),
                           ("end", _I), ("trigger", _S), ("trigger_start", _I), ("trigger_end", _I)]),
    "failures": pa.schema([("source", _S), ("message", _S), ("at", _T)]),
    "clusters": pa.schema([("id", _S), ("event_type", _S), ("event_mode", _S), ("modality", _S),
                           ("directed", pa.bool_()), ("representative_id", _S), ("actor_codes", pa.list_(_S)),
                           ("recipient_codes", pa.list_(_S)), ("date_start", _S), ("date_end", _S),
                           ("location_country", _S), ("location_name", _S), ("confidence", _F),
                           ("n_sources", _I), ("n_mentions", _I)]),
    "mentions": pa.schema([("cluster_id", _S), ("event_id", _S), ("doc_id", _S), ("position", _I),
                           ("sentence", _S)]),
}
# The ids of the documents being replaced are one bound list parameter.
_IDS = "(SELECT unnest(?::VARCHAR[]))"
_DELETE_DOCUMENTS = (
    f"DELETE FROM mentions WHERE doc_id IN {_IDS}",
    f"DELETE FROM evidence WHERE event_id IN (SELECT id FROM events WHERE doc_id IN {_IDS})",
    f"DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE doc_id IN {_IDS})",
    f"DELETE FROM events WHERE doc_id IN {_IDS}",
    f"DELETE FROM documents WHERE id IN {_IDS}",
)


# A DuckDB memory limit as eventcoder accepts it: a size with a unit, or a share of the machine's RAM.
_MEMORY_LIMIT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:(KB|MB|GB|TB|KiB|MiB|GiB|TiB)|(%))\s*", re.IGNORECASE)
_UNIT_BYTES = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
MIN_MEMORY_LIMIT_MB = 32


def check_memory_limit(value: str, *, source: str | None = None) -> str:
    """``value`` as DuckDB's ``memory_limit`` takes it (spaces trimmed), or StoreError (E400) saying what is
    accepted: a number with KB/MB/GB/TB (powers of 1000) or KiB/MiB/GiB/TiB (powers of 1024), at least
    ``MIN_MEMORY_LIMIT_MB`` MB, or a percentage of the machine's RAM (``25%``)."""
    match = _MEMORY_LIMIT.fullmatch(value) if isinstance(value, str) else None
    problem = None
    if match is None:
        problem = "is not a memory size"
    elif match[3]:
        if not 0 < float(match[1]) <= 100:
            problem = "is not a percentage between 0 and 100"
    elif float(match[1]) * _UNIT_BYTES[match[2].lower()] < MIN_MEMORY_LIMIT_MB * 1e6:
        problem = f"is below the minimum of {MIN_MEMORY_LIMIT_MB}MB"
    if problem:
        raise StoreError(f"database memory limit (db_memory_limit) {value!r} {problem}: give a size such as "
                         f"256MB, 2GB or 1GiB, or a share of RAM such as 25%", source=source)
    return value.strip()


class Store:
    """A DuckDB database of coded documents.

    Opening creates the schema (or migrates an older one) unless ``read_only``; a read-only store needs an
    existing, current database and works where the file is not writable. Any failure to open, read or write
    raises StoreError naming the path. One process may write a database at a time (DuckDB's file lock).

    ``memory_limit`` caps the memory DuckDB uses in this process (its ``memory_limit`` setting: ``"256MB"``,
    ``"2GB"``, ``"25%"`` of RAM; checked by :func:`check_memory_limit`); by default DuckDB allows itself 80 %
    of RAM and keeps what it read and wrote cached up to that, so a long run's process grows with the
    database (docs/scale.md). Beyond the limit DuckDB evicts its cache or spills to a temporary directory
    beside the database; a query that cannot fit raises StoreError.
    """

    def __init__(self, path: str | Path, read_only: bool = False, memory_limit: str | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        config = {} if memory_limit is None else {"memory_limit": check_memory_limit(memory_limit, source=self.path)}
        self.memory_limit = config.get("memory_limit")
        if read_only and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError("no database here to open read-only", source=self.path)
        try:
            if not read_only and self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(self.path, read_only=read_only, config=config)
        except (duckdb.Error, OSError) as err:
            raise StoreError(f"cannot open the database: {_reason(err)}", source=self.path) from err
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    # -- schema
    def _version(self) -> int:
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchall()
        if not exists[0][0]:
            return 0
        row = self._con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(row[0][0]) if row[0][0] is not None else 0

    def _migrate(self) -> None:
        try:
            version = self._version()
        except duckdb.Error as err:
            raise StoreError(f"not an eventcoder database: {_reason(err)}", source=self.path) from err
        if version > SCHEMA_VERSION:
            raise StoreError(f"database schema {version} is newer than this eventcoder ({SCHEMA_VERSION})",
                             source=self.path)
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError("the database has no current eventcoder schema; open it writable once",
                             source=self.path)
        with self._transaction("create the schema"):
            if version == 0:
                self._con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES (?, ?)", [target, _now()])

    def _transaction(self, what: str) -> _Transaction:
        return _Transaction(self, what)

    # -- writing
    def has_document(self, doc_id: str, content_hash: str) -> bool:
        """True when the document was coded already with this content."""
        row = self._query("SELECT 1 FROM documents WHERE id = ? AND content_hash = ?", [doc_id, content_hash])
        return bool(row)

    def save(self, result: DocumentResult, *, replace_source: bool = False) -> None:
        """Store one document and its events, replacing what the store held for the same document id.

        With ``replace_source``, documents stored under another id from the same ``source`` are removed too
        (a text file whose content changed gets a new content-hash id: it replaces its old version).
        A result with an ``error`` is recorded as a failure and changes nothing else. One transaction:
        either everything is stored or nothing is (StoreError then).
        """
        self.save_many([result], replace_source=replace_source)

    def save_many(self, results: Iterable[DocumentResult], *, replace_source: bool = False) -> int:
        """``save`` for several documents in one transaction (faster for batches). Returns documents saved."""
        docs: list[list[Any]] = []
        events: list[list[Any]] = []
        actors: list[list[Any]] = []
        evidence: list[list[Any]] = []
        failures: list[list[Any]] = []
        ids: list[str] = []
        now = _now()
        for result in results:
            doc = result.document
            if result.error:
                failures.append([doc.source or doc.id, result.error, now])
                continue
            ids.append(doc.id)
            docs.append([doc.id, doc.content_hash, doc.title, doc.url, doc.published, doc.source, doc.text,
                         json.dumps(doc.metadata, ensure_ascii=False), now, len(result.events)])
            for position, event in enumerate(result.events):
                if event.doc_id != doc.id:
                    raise StoreError(f"event {event.id} names document {event.doc_id!r}, not {doc.id!r}",
                                     source=self.path)
                events.append(_event_row(event, position))
                for role, people in (("actor", event.actors), ("recipient", event.recipients)):
                    for i, a in enumerate(people):
                        actors.append([event.id, role, i, a.text, a.name, a.title, a.country, a.sector,
                                       a.org, a.kind, a.start, a.end])
                for i, e in enumerate(event.evidence):
                    evidence.append([event.id, i, e.sentence, e.start, e.end, e.trigger, e.trigger_start,
                                     e.trigger_end])
        if len(set(ids)) != len(ids):
            raise StoreError("the same document id twice in one batch", source=self.path)
        with self._transaction("save documents"):
            replaced = list(ids)
            if replace_source and docs:
                sources = sorted({d[5] for d in docs if d[5]})
                replaced += [r[0] for r in self._con.execute(
                    f"SELECT id FROM documents WHERE source IN {_IDS} AND id NOT IN (SELECT unnest(?::VARCHAR[]))",
                    [sources, ids]).fetchall()]
            # Only documents stored before have rows to replace (events never outlive their document).
            if docs and self._con.execute(f"SELECT count(*) FROM documents WHERE id IN {_IDS}",
                                          [replaced]).fetchall()[0][0]:
                for statement in _DELETE_DOCUMENTS:
                    self._con.execute(statement, [replaced])
            self._insert("documents", docs)
            self._insert("events", events)
            self._insert("event_actors", actors)
            self._insert("evidence", evidence)
            self._insert("failures", failures)
            if docs:
                self._con.execute("UPDATE store_state SET value = 'true' WHERE key = 'clusters_stale'")
        return len(ids)

    def record_failure(self, source: str, message: str) -> None:
        """Remember that a source could not be coded, and why."""
        with self._transaction("record a failure"):
            self._con.execute("INSERT INTO failures VALUES (?, ?, ?)", [source, message, _now()])

    # -- clusters
    def clusters_stale(self) -> bool:
        """True when documents were saved since the clusters were last computed."""
        row = self._query("SELECT value FROM store_state WHERE key = 'clusters_stale'", [])
        return not row or row[0][0] == "true"

    def recluster(self, context: ClusterContext | None = None, options: ClusterOptions | None = None,
                  *, chunk_size: int = 5_000) -> int:
        """Cluster every stored event across documents (``eventcoder.cluster``) and replace the stored
        clusters and mentions with the result, in one transaction. Returns the number of clusters.

        Events are read in chunks and reduced to slim ``ClusterItem``s, so memory grows with the number of
        events but not with their text."""
        context = context or ClusterContext()
        items = [ClusterItem.from_event(event, context, keep_sentence=False)
                 for event in self.iter_events(chunk_size=chunk_size)]
        clusters = cluster_items(items, options)
        del items
        self.replace_clusters(clusters)
        return len(clusters)

    def replace_clusters(self, clusters: Sequence[EventCluster]) -> None:
        """Store ``clusters`` (and their mentions) in place of every stored cluster; clears the stale mark.

        A mention's sentence is taken from the stored evidence when the cluster does not carry it."""
        rows: list[list[Any]] = []
        mentions: list[list[Any]] = []
        for c in clusters:
            rows.append([c.id, c.event_type, c.event_mode, c.modality, c.directed, c.representative_id,
                         list(c.actor_codes), list(c.recipient_codes), c.date_start, c.date_end,
                         c.location_country, c.location_name, c.confidence, c.n_sources, len(c.mentions)])
            for i, m in enumerate(c.mentions):
                mentions.append([c.id, m.event_id, m.doc_id, i, m.sentence or None])
        with self._transaction("store clusters"):
            self._con.execute("DELETE FROM mentions")
            self._con.execute("DELETE FROM clusters")
            self._insert("clusters", rows)
            self._insert("mentions", mentions)
            self._con.execute(
                "UPDATE mentions SET sentence = ev.sentence FROM evidence ev "
                "WHERE mentions.sentence IS NULL AND ev.event_id = mentions.event_id AND ev.position = 0")
            self._con.execute("UPDATE store_state SET value = 'false' WHERE key = 'clusters_stale'")

    def clusters(self, *, event_type: str | None = None, doc_ids: Sequence[str] | None = None,
                 min_sources: int = 1, limit: int | None = None, offset: int = 0) -> list[EventCluster]:
        """Stored clusters with their representative event and mentions, by first date then id.

        Filters (combined with AND): ``event_type``; ``doc_ids`` (clusters with a mention from any of these
        documents); ``min_sources``; ``limit`` / ``offset`` for paging. Clusters are as last computed
        (see ``clusters_stale``)."""
        where = ["c.n_sources >= ?"]
        params: list[Any] = [int(min_sources)]
        if event_type is not None:
            where.append("c.event_type = ?")
            params.append(event_type)
        if doc_ids is not None:
            where.append(f"c.id IN (SELECT cluster_id FROM mentions WHERE doc_id IN {_IDS})")
            params.append(list(doc_ids))
        sql = ("SELECT c.id, c.event_type, c.event_mode, c.modality, c.directed, c.representative_id, "
               "c.actor_codes, c.recipient_codes, c.date_start, c.date_end, c.location_country, "
               "c.location_name, c.confidence, c.n_sources, e.event FROM clusters c "
               "LEFT JOIN events e ON e.id = c.representative_id WHERE " + " AND ".join(where)
               + " ORDER BY c.date_start NULLS LAST, c.id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        rows = self._query(sql, params)
        mentions: dict[str, list[ClusterMention]] = {}
        if rows:
            for cid, event_id, doc_id, sentence in self._query(
                    f"SELECT cluster_id, event_id, doc_id, sentence FROM mentions WHERE cluster_id IN {_IDS} "
                    "ORDER BY cluster_id, position", [[r[0] for r in rows]]):
                mentions.setdefault(cid, []).append(
                    ClusterMention(event_id=event_id, doc_id=doc_id, sentence=sentence or ""))
        return [EventCluster(
            id=r[0], event_type=r[1], event_mode=r[2], modality=r[3] or "asserted", directed=bool(r[4]),
            representative_id=r[5], actor_codes=list(r[6] or []), recipient_codes=list(r[7] or []),
            date_start=r[8], date_end=r[9], location_country=r[10], location_name=r[11],
            confidence=r[12] or 0.0, n_sources=r[13],
            representative=Event.model_validate_json(r[14]) if r[14] else None,
            mentions=mentions.get(r[0], [])) for r in rows]

    def mentions(self, *, doc_id: str | None = None) -> list[tuple[str, str, str, str]]:
        """Stored mentions as (cluster_id, event_id, doc_id, sentence), by cluster then position."""
        sql = "SELECT cluster_id, event_id, doc_id, sentence FROM mentions"
        params: list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        rows = self._query(sql + " ORDER BY cluster_id, position", params)
        return [(r[0], r[1], r[2], r[3] or "") for r in rows]

    def _insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows (tuples in the table's column order) through one Arrow batch."""
        if not rows:
            return
        schema = _BATCH_SCHEMAS[table]
        columns = [pa.array(values, field.type) for values, field in zip(zip(*rows), schema, strict=True)]
        self._con.from_arrow(pa.Table.from_arrays(columns, schema=schema)).insert_into(table)

    # -- reading
    def events(self, *, doc_id: str | None = None, event_type: str | None = None, country: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[Event]:
        """Stored events, in document order then the order they were coded.

        Filters (all optional, combined with AND): ``doc_id``; ``event_type``; ``country`` (ISO3 of any actor
        or recipient); ``limit`` / ``offset`` for paging.
        """
        where: list[str] = []
        params: list[Any] = []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if event_type is not None:
            where.append("event_type = ?")
            params.append(event_type)
        if country is not None:
            where.append("id IN (SELECT event_id FROM event_actors WHERE country = ?)")
            params.append(country)
        sql = "SELECT event FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, position"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        return [Event.model_validate_json(row[0]) for row in self._query(sql, params)]

    def iter_events(self, *, chunk_size: int = 5_000) -> Iterator[Event]:
        """Every stored event, in document order, read ``chunk_size`` rows at a time (for large stores).

        Do not write to the store while iterating."""
        try:
            cursor = self._con.cursor()
            result = cursor.execute("SELECT event FROM events ORDER BY doc_id, position")
            while True:
                rows = result.fetchmany(chunk_size)
                if not rows:
                    break
                for row in rows:
                    yield Event.model_validate_json(row[0])
            cursor.close()
        except duckdb.Error as err:
            raise StoreError(f"query failed: {_reason(err)}", source=self.path) from err

    def documents(self, ids: Sequence[str] | None = None) -> list[Document]:
        """Every stored document (or those with the given ``ids``), by id."""
        sql = "SELECT id, text, title, url, published, source, content_hash, metadata FROM documents"
        params: list[Any] = []
        if ids is not None:
            sql += f" WHERE id IN {_IDS}"
            params.append(list(ids))
        rows = self._query(sql + " ORDER BY id", params)
        return [Document(id=r[0], text=r[1] or "", title=r[2], url=r[3], published=r[4], source=r[5] or "",
                         content_hash=r[6] or "", metadata=json.loads(r[7]) if r[7] else {}) for r in rows]

    def failures(self) -> list[tuple[str, str, datetime]]:
        """Recorded failures as (source, message, when), oldest first."""
        rows = self._query('SELECT source, message, "at" FROM failures ORDER BY "at"', [])
        return [(r[0], r[1], r[2]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per kind: documents, events, actors (actor and recipient mentions), failures."""
        row = self._query(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM event_actors), (SELECT count(*) FROM failures)", [])[0]
        return {"documents": row[0], "events": row[1], "actors": row[2], "failures": row[3]}

    def cluster_counts(self) -> dict[str, int]:
        """Rows of the cross-document tables: clusters, mentions, and clusters with two sources or more."""
        row = self._query(
            "SELECT (SELECT count(*) FROM clusters), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM clusters WHERE n_sources > 1)", [])[0]
        return {"clusters": row[0], "mentions": row[1], "multi_source": row[2]}

    def _query(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, params).fetchall()
        except duckdb.Error as err:
            raise StoreError(f"query failed: {_reason(err)}", source=self.path) from err

    # -- lifetime
    def close(self) -> None:
        """Close the database (idempotent)."""
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK and StoreError on failure."""

    def __init__(self, store: Store, what: str) -> None:
        self.store = store
        self.what = what

    def __enter__(self) -> None:
        if self.store.read_only:
            raise StoreError(f"cannot {self.what}: the database is open read-only", source=self.store.path)
        try:
            self.store._con.begin()
        except duckdb.Error as err:
            raise StoreError(f"cannot {self.what}: {_reason(err)}", source=self.store.path) from err

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        con = self.store._con
        if exc_type is None:
            try:
                con.commit()
                return
            except duckdb.Error as err:
                exc = err
        try:
            con.rollback()
        except duckdb.Error:
            pass
        if isinstance(exc, (duckdb.Error, pa.ArrowException)):
            raise StoreError(f"cannot {self.what}: {_reason(exc)}", source=self.store.path) from exc


def _event_row(event: Event, position: int) -> list[Any]:
    loc = event.location
    return [
        event.id, event.doc_id, position, event.event_type, event.event_mode, event.directed, event.modality,
        event.confidence, list(event.contexts), event.date.value, event.date.text, event.date.granularity,
        event.date.resolution, loc.country if loc else None, loc.name if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, event.stage, event.rule,
        event.model_dump_json(),
    ]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__
