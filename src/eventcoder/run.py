"""A coding run: inputs → documents → events → output file and/or database, with a summary.

This is the library function behind ``eventcoder code``:

    summary = run(["articles/"], output="events.jsonl", db="events.duckdb")
    summary = run(["crawl/"], output="out/", engine="dask", workers=4)          # Parquet dataset
    summary = run(["articles/"], output="events.csv", db="events.duckdb", unit="event")

Every document is written (and stored) as soon as it is coded, so nothing already coded is lost when a later
document fails or the run is stopped (even by kill -9: each document is stored in one transaction); with a
database, documents already coded with the same content (same id and content hash) are skipped unless
``force``, and a document whose content changed replaces its old events (a record with the same id; a text
or HTML file at the same path, see ``one_per_file``). Each failure is reported through
``on_failure`` and counted; the batch goes on.

**Engines** (``engine``): ``local`` codes in this process or ``workers`` processes; ``dask`` on a Dask
cluster (see ``eventcoder.engines``). Both give the same events for the same input.

**Units** (``unit``): ``mention`` writes one row per coded event (every report, as coded; the default);
``event`` writes one row per *event cluster* — one real-world event however many documents report it —
with ``n_sources`` and its mentions (``eventcoder.cluster``). With a database, the clusters are computed
over everything stored (at the end of each run that stored something) and the output holds the clusters
reported by this run's documents, coded or skipped; without one, the clusters of this run's events (kept
in memory until the end).

**Outputs**: a file (format from its name or ``fmt``), ``"-"``/a stream (JSON Lines), or a directory —
with ``engine="dask"``, or a path ending in ``/`` or naming an existing directory — which becomes a Parquet
dataset partitioned by event date (``DatasetWriter``).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from .cluster import ClusterContext, ClusterOptions, EventCluster, cluster_events
from .config import Settings
from .errors import InputError, OutputError
from .export import (
    FLAT_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    PARQUET_SCHEMA,
    EventWriter,
    event_record,
    flat_row,
    format_for,
    gdelt_row,
    plover_record,
)
from .ingest import iter_documents
from .models import Document, DocumentResult, Event
from .pipeline import Coder
from .store import Store

if TYPE_CHECKING:
    from .engines import Engine

UNITS: tuple[str, ...] = ("mention", "event")

# Columns a cluster row adds to the flat event row (CSV, Parquet) of its representative.
CLUSTER_COLUMNS: tuple[str, ...] = ("representative_id", "n_sources", "n_mentions", "date_start", "date_end",
                                    "doc_ids")
CLUSTER_PARQUET_SCHEMA = pa.schema(
    list(PARQUET_SCHEMA)
    + [pa.field("representative_id", pa.string()), pa.field("n_sources", pa.int32()),
       pa.field("n_mentions", pa.int32()), pa.field("date_start", pa.string()), pa.field("date_end", pa.string()),
       pa.field("doc_ids", pa.string())])
PARTITION = "event_date"  # the partition column of a dataset directory
DATASET_MARKER = "_eventcoder.json"


@dataclass
class RunSummary:
    documents: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    clusters: int | None = None  # event clusters computed (database: all stored; else this run's)
    engine: str = "local"

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        skipped = f", {self.skipped} skipped (already coded)" if self.skipped else ""
        clusters = f", {self.clusters} event clusters" if self.clusters is not None else ""
        return (f"{self.documents} documents coded, {self.events} events, {self.failures} failures{skipped}"
                f"{clusters} in {self.seconds:.1f} s ({self.docs_per_second:.1f} documents/s)")


def run(
    inputs: Sequence[str | Path],
    *,
    output: str | Path | TextIO | None = None,
    fmt: str | None = None,
    db: str | Path | None = None,
    settings: Settings | None = None,
    force: bool = False,
    stdin: TextIO | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
    coder: Coder | None = None,
    workers: int = 1,
    engine: str | Engine = "local",
    scheduler: str | None = None,
    unit: str = "mention",
    cluster: bool = True,
    cluster_options: ClusterOptions | None = None,
    batch_size: int | None = None,
) -> RunSummary:
    """Code ``inputs``; write events to ``output`` (path, directory, "-" or stream) and/or store them in ``db``.

    ``workers`` > 1 codes in that many processes (local) or Dask workers (a LocalCluster). ``engine`` is
    ``local`` or ``dask`` (``scheduler``: address of an existing Dask scheduler; ``batch_size``: documents
    per Dask task), or an engine already open (``engines.open_engine``; reused, not closed). ``unit`` is
    ``mention`` (one row per coded event) or ``event`` (one row per event cluster). ``cluster`` (default
    True) recomputes the database's clusters at the end when documents were stored (always when clusters
    are written); ``cluster_options`` tunes the clustering rules. See the module docstring. Raises
    ValueError for an unknown engine or unit, OutputError / StoreError / EngineError when an output, the
    database or the engine cannot be used."""
    from .engines import ENGINES, open_engine

    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    if isinstance(engine, str) and engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    engine_name = engine if isinstance(engine, str) else engine.name
    settings = settings or (coder.settings if coder is not None else Settings.from_env())
    summary = RunSummary(engine=engine_name)
    started = time.perf_counter()
    dataset = output is not None and is_dataset_output(output, engine_name)
    if dataset and fmt not in (None, "parquet"):
        raise OutputError(f"a directory output is a Parquet dataset, not {fmt}", source=str(output))
    if output is not None and not dataset and fmt is None and isinstance(output, (str, Path)):
        format_for(str(output))  # an unknown extension fails now, before any coding
    store: Store | None = None
    writer: EventWriter | DatasetWriter | None = None
    runner: Engine | None = None
    owned = True  # close the engine at the end (not one the caller opened)
    ok = False
    run_doc_ids: list[str] = []  # unit=event with a database: whose clusters to write
    kept: list[Event] = []  # unit=event without a database
    kept_docs: dict[str, Document] = {}
    try:
        store = Store(db, memory_limit=settings.db_memory_limit) if db is not None else None
        if output is not None and unit == "mention":
            writer = DatasetWriter(output, unit="mention") if dataset else EventWriter(output, fmt)  # type: ignore[arg-type]
        if isinstance(engine, str):
            runner = open_engine(engine, settings, workers=workers, scheduler=scheduler, batch_size=batch_size,
                                 coder=coder)
        else:
            runner, owned = engine, False

        def documents() -> Iterator[Document]:
            for item in iter_documents(inputs, settings, stdin=stdin):
                if isinstance(item, InputError):
                    _fail(summary, str(item), on_failure, store)
                    continue
                if store is not None and not force and store.has_document(item.id, item.content_hash):
                    summary.skipped += 1
                    if unit == "event":
                        run_doc_ids.append(item.id)
                    continue
                yield item

        for result in runner.code(documents()):
            if result.error:
                _fail(summary, result.error, on_failure, store)
                continue
            summary.documents += 1
            summary.events += len(result.events)
            if writer is not None:
                writer.write(result.events, result.document)
            if store is not None:
                store.save(result, replace_source=one_per_file(result.document))
            if unit == "event" and output is not None:
                if store is not None:
                    run_doc_ids.append(result.document.id)
                else:
                    kept.extend(result.events)
                    kept_docs[result.document.id] = result.document
            if on_result is not None:
                on_result(result)
        if owned:
            runner.close()  # free the workers before clustering
        context: ClusterContext | None = None
        writes_clusters = unit == "event" and output is not None
        if store is not None and (cluster or writes_clusters) and store.clusters_stale():
            context = _context(settings)
            summary.clusters = store.recluster(context, cluster_options)
        if writes_clusters:
            if store is not None:
                clusters = store.clusters(doc_ids=run_doc_ids)
                reps = {c.representative.doc_id for c in clusters if c.representative is not None}
                docs = {d.id: d for d in store.documents(ids=sorted(reps))}
            else:
                clusters = cluster_events(kept, context or _context(settings), cluster_options)
                summary.clusters = len(clusters)
                docs = kept_docs
            write_clusters(clusters, output, fmt, docs, dataset=dataset)
        ok = True
    finally:
        if runner is not None and owned:
            runner.close()
        if writer is not None:
            if ok:
                writer.close()
            else:
                writer.abort()
        if store is not None:
            store.close()
        summary.seconds = time.perf_counter() - started
    return summary


def one_per_file(document: Document) -> bool:
    """True for a document that is a whole file (text, HTML): its path identifies it, so a new version of the
    file (new content, hence a new content-hash id) replaces the old one in the database. Records of JSON
    Lines, JSON and WARC files are identified by their ids instead."""
    return document.metadata.get("input_format") in ("text", "html") and not document.source.startswith("<")


def _context(settings: Settings) -> ClusterContext:
    from .knowledge import load_knowledge

    return ClusterContext.from_knowledge(load_knowledge(settings.knowledge_paths))


def _fail(summary: RunSummary, message: str, on_failure: Callable[[str], None] | None,
          store: Store | None) -> None:
    summary.failures += 1
    summary.messages.append(message)
    if on_failure is not None:
        on_failure(message)
    if store is not None:
        source = message.split(": ", 1)[0]
        store.record_failure(source, message)


def code_documents(documents: Iterable[Document], settings: Settings | None = None) -> list[DocumentResult]:
    """Code already-built documents in memory (for the API and tests)."""
    return list(Coder(settings).code(documents))


def recluster(db: str | Path, settings: Settings | None = None, options: ClusterOptions | None = None) -> int:
    """Recompute the event clusters of a database from all its stored events; returns how many."""
    settings = settings or Settings.from_env()
    with Store(db, memory_limit=settings.db_memory_limit) as store:
        return store.recluster(_context(settings), options)


# ---------------------------------------------------------------------------------------------- clusters out

def cluster_record(cluster: EventCluster) -> dict[str, Any]:
    """The JSON Lines record of a cluster: its representative's event record (so event readers read it) with
    ``id`` the cluster id and the cluster's ``confidence``, plus ``representative_id``, ``n_sources``,
    ``n_mentions``, ``date_start``, ``date_end``, ``doc_ids`` and ``mentions`` (event_id, doc_id, sentence)."""
    record = event_record(cluster.representative) if cluster.representative is not None else {
        "event_type": cluster.event_type, "event_mode": cluster.event_mode, "modality": cluster.modality,
        "directed": cluster.directed}
    record.update(_cluster_fields(cluster))
    record["confidence"] = cluster.confidence
    record["mentions"] = [m.model_dump() for m in cluster.mentions]
    return record


def _cluster_fields(cluster: EventCluster) -> dict[str, Any]:
    return {"id": cluster.id, "representative_id": cluster.representative_id, "n_sources": cluster.n_sources,
            "n_mentions": cluster.n_mentions, "date_start": cluster.date_start, "date_end": cluster.date_end,
            "doc_ids": cluster.doc_ids}


def cluster_flat_row(cluster: EventCluster) -> dict[str, Any]:
    """The CSV / Parquet row of a cluster: the flat row of its representative (``id`` the cluster id) and
    CLUSTER_COLUMNS (``doc_ids`` joined with "; ")."""
    row = flat_row(cluster.representative) if cluster.representative is not None else dict.fromkeys(FLAT_COLUMNS)
    fields = _cluster_fields(cluster)
    fields["doc_ids"] = "; ".join(fields["doc_ids"])
    row.update(fields)
    return row


def cluster_plover_record(cluster: EventCluster, document: Document | None = None) -> dict[str, Any]:
    """The PLOVER record of the representative with the cluster's id, sources and mentions."""
    if cluster.representative is None:
        return cluster_record(cluster)
    record = plover_record(cluster.representative, document)
    record.update(_cluster_fields(cluster))
    record["mentions"] = [m.model_dump() for m in cluster.mentions]
    return record


_GDELT_INDEX = {name: i for i, name in enumerate(GDELT_COLUMNS)}


def cluster_gdelt_row(cluster: EventCluster, document: Document | None = None,
                      date_added: str | None = None) -> list[str]:
    """The GDELT row of the representative, with GLOBALEVENTID from the cluster id and NumMentions,
    NumSources and NumArticles counted over the cluster."""
    if cluster.representative is None:
        return [""] * len(GDELT_COLUMNS)
    row = gdelt_row(cluster.representative.model_copy(update={"id": cluster.id}), document, date_added)
    row[_GDELT_INDEX["NumMentions"]] = str(cluster.n_mentions)
    row[_GDELT_INDEX["NumSources"]] = str(cluster.n_sources)
    row[_GDELT_INDEX["NumArticles"]] = str(cluster.n_sources)
    return row


def write_clusters(clusters: Sequence[EventCluster], out: str | Path | TextIO, fmt: str | None = None,
                   documents: dict[str, Document] | None = None, *, dataset: bool = False) -> int:
    """Write one row per cluster to ``out`` (a file, "-", a stream, or with ``dataset`` a Parquet dataset
    directory partitioned by ``date_start``). File outputs appear whole or not at all. Returns rows written."""
    documents = documents or {}

    def doc(c: EventCluster) -> Document | None:
        return documents.get(c.representative.doc_id) if c.representative is not None else None

    if dataset:
        with DatasetWriter(out, unit="event") as writer:  # type: ignore[arg-type]
            writer.write_rows((cluster_flat_row(c), c.date_start) for c in clusters)
        return len(clusters)
    name = "<stdout>" if str(out) == "-" else str(getattr(out, "name", out))
    if fmt is None:
        fmt = format_for(str(out)) if isinstance(out, (str, Path)) else "jsonl"
    if fmt not in FORMATS:
        raise OutputError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}", source=name)
    to_file = isinstance(out, (str, Path)) and str(out) != "-"
    if fmt == "parquet":
        if not to_file:
            raise OutputError("Parquet is binary: write it to a file, not to a text stream", source=name)
        table = pa.Table.from_pylist([cluster_flat_row(c) for c in clusters], schema=CLUSTER_PARQUET_SCHEMA)
        _atomic(Path(out), lambda tmp: pq.write_table(table, tmp))  # type: ignore[arg-type]
        return len(clusters)

    def emit(stream: TextIO) -> None:
        if fmt == "csv":
            w = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS + CLUSTER_COLUMNS, lineterminator="\n")
            w.writeheader()
            for c in clusters:
                w.writerow(cluster_flat_row(c))
        elif fmt == "gdelt":
            comma = to_file and str(out).lower().endswith(".csv")
            g = csv.writer(stream, delimiter="," if comma else "\t", lineterminator="\n")
            g.writerow(GDELT_COLUMNS)
            added = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            for c in clusters:
                g.writerow(cluster_gdelt_row(c, doc(c), added))
        else:
            for c in clusters:
                record = cluster_record(c) if fmt == "jsonl" else cluster_plover_record(c, doc(c))
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()

    if to_file:
        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                emit(fh)
        _atomic(Path(out), write)  # type: ignore[arg-type]
    else:
        try:
            emit(sys.stdout if isinstance(out, (str, Path)) else out)
        except OSError as err:
            raise OutputError(f"write failed: {err}", source=name) from err
    return len(clusters)


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, path)
    except (OSError, pa.ArrowException) as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write here: {err}", source=str(path)) from err


# ---------------------------------------------------------------------------------------------- datasets

def is_dataset_output(output: str | Path | TextIO, engine: str = "local") -> bool:
    """True when ``output`` names a Parquet dataset directory: with the dask engine any path but "-"; with
    the local engine a path ending in "/" or naming an existing directory."""
    if not isinstance(output, (str, Path)) or str(output) == "-":
        return False
    text = str(output)
    return engine == "dask" or text.endswith(("/", os.sep)) or Path(text).is_dir()


class DatasetWriter:
    """A Parquet dataset directory partitioned by event date, written document by document.

    Layout (hive partitioning, readable by DuckDB ``read_parquet('out/**/*.parquet', hive_partitioning=1)``,
    pyarrow.dataset, pandas, Spark)::

        out/_eventcoder.json                          what the dataset holds (unit, rows, columns)
        out/event_date=2024-06-24/part-00000.parquet  the rows of events dated that day
        out/event_date=2024-06/part-00000.parquet     dated to the month only
        out/event_date=unknown/part-00000.parquet     no date

    Rows are the flat rows of ``export.flat_row`` (``unit="mention"``), or of ``cluster_flat_row``
    partitioned by the cluster's first date (``unit="event"``). Rows are buffered and written ``rows_per_file``
    at a time, into a hidden directory beside the target; ``close()`` puts it in place of the target (which
    must be absent, empty or an earlier eventcoder dataset), ``abort()`` keeps it as ``<target>.partial``.
    Raises OutputError naming the directory.
    """

    def __init__(self, out: str | Path, *, unit: str = "mention", rows_per_file: int = 20_000) -> None:
        self.path = Path(str(out).rstrip("/" + os.sep) or str(out))
        self.unit = unit
        self.count = 0
        self._files = 0
        self._rows_per_file = rows_per_file
        self._buffer: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._closed = False
        self._schema = PARQUET_SCHEMA if unit == "mention" else CLUSTER_PARQUET_SCHEMA
        if self.path.exists() and not _replaceable(self.path):
            raise OutputError("a dataset output must be a new or empty directory, or an earlier eventcoder "
                              "dataset", source=str(self.path))
        self.tmp_path = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            self.tmp_path.mkdir(parents=True)
        except OSError as err:
            raise OutputError(f"cannot write here: {err.strerror or err}", source=str(self.path)) from err

    def write(self, events: Iterable[Event], document: Document | None = None) -> int:
        """Add one document's events (``document`` is not needed by this format). Returns events added."""
        return self.write_rows((flat_row(e), e.date.value) for e in events)

    def write_rows(self, rows: Iterable[tuple[dict[str, Any], str | None]]) -> int:
        """Add (row, date) pairs; the date names the partition."""
        if self._closed:
            raise OutputError("the writer is closed", source=str(self.path))
        n = 0
        for row, day in rows:
            self._buffer.setdefault(_partition(day), []).append(row)
            n += 1
        self._buffered += n
        self.count += n
        if self._buffered >= self._rows_per_file:
            self._flush()
        return n

    def _flush(self) -> None:
        try:
            for part, rows in sorted(self._buffer.items()):
                folder = self.tmp_path / f"{PARTITION}={part}"
                folder.mkdir(exist_ok=True)
                table = pa.Table.from_pylist(rows, schema=self._schema)
                pq.write_table(table, folder / f"part-{self._files:05d}.parquet")
        except (OSError, pa.ArrowException) as err:
            raise OutputError(f"write failed: {err}", source=str(self.path)) from err
        self._files += 1
        self._buffer = {}
        self._buffered = 0

    def close(self) -> None:
        """Write what is buffered and the marker, and put the dataset in place of the target."""
        self._finish(keep=True)

    def abort(self) -> None:
        """Keep what was written as ``<target>.partial`` (nothing if nothing was written)."""
        self._finish(keep=False)

    def _finish(self, keep: bool) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._flush()
            marker = {"format": "parquet", "partitioning": "hive", "partition_column": PARTITION,
                      "partition_type": "string", "unit": self.unit, "rows": self.count,
                      "columns": self._schema.names, "complete": keep,
                      "written_at": datetime.now(UTC).isoformat(timespec="seconds")}
            (self.tmp_path / DATASET_MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
            if not keep and self.count == 0:
                shutil.rmtree(self.tmp_path)
                return
            target = self.path if keep else self.path.with_name(self.path.name + ".partial")
            if target.exists():
                if not _replaceable(target):
                    raise OutputError("cannot replace a directory that is not an eventcoder dataset",
                                      source=str(target))
                old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
                os.replace(target, old)
                os.replace(self.tmp_path, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(self.tmp_path, target)
        except (OSError, OutputError) as err:
            # e.g. a full disk: nothing half-written is left beside the target; an abort (another error on
            # its way out) raises nothing of its own
            shutil.rmtree(self.tmp_path, ignore_errors=True)
            if keep and isinstance(err, OutputError):
                raise
            if keep:
                raise OutputError(f"cannot finish the dataset: {err}", source=str(self.path)) from err

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def _partition(day: str | None) -> str:
    if not day:
        return "unknown"
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in day)


def _replaceable(path: Path) -> bool:
    """An empty directory or an eventcoder dataset (it has the marker file)."""
    return path.is_dir() and (not any(path.iterdir()) or (path / DATASET_MARKER).is_file())


def read_dataset(path: str | Path) -> pa.Table:
    """A dataset directory written by DatasetWriter as one Arrow table (partition column ``event_date`` as a
    string)."""
    import pyarrow.dataset as ds

    part = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=part,
                      exclude_invalid_files=True, ignore_prefixes=[".", "_"]).to_table()
