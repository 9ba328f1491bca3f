"""Write coded events out: JSON Lines, CSV, Parquet, PLOVER JSON Lines, GDELT 2.0 event table layout.

Every field of every format is listed in docs/data-model.md.

- ``event_record``  the JSONL record: the whole Event (what ``../shared/eval/score.py`` reads).
- ``flat_row``      one flat row for CSV and Parquet (lists joined with ``"; "``).
- ``plover_record`` a PLOVER / POLECAT style JSON record.
- ``gdelt_row``     the 61 columns of the GDELT 2.0 event table, CAMEO codes from ``data/cameo_map.csv``.

``EventWriter`` opens an output once and takes events document by document as they are coded. File outputs go
to a temporary file beside the target, flushed after each document, and are renamed over the target only when
the writer is closed normally; if the run stops with an exception (a coding error, a full disk) the temporary
file is kept as ``<target>.partial`` (a valid file of every record written whole so far: one cut short by a
full disk is cut off) or, when no document was written or it cannot be finished, removed; the target is left
untouched either way.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import secrets
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import OutputError
from eventcoder.models import Actor, Document, Event

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "plover", "gdelt")

# Longest suffixes first: ".plover.jsonl" must win over ".jsonl", ".gdelt.csv" over ".csv".
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".plover.jsonl", "plover"),
    (".plover.json", "plover"),
    (".gdelt.tsv", "gdelt"),
    (".gdelt.csv", "gdelt"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".parquet", "parquet"),
    (".csv", "csv"),
    (".tsv", "gdelt"),
)

FLAT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "event_type", "event_mode", "directed", "modality", "confidence", "contexts",
    "date", "date_text", "date_granularity", "date_resolution",
    "actor_name", "actor_country", "actor_sector", "actor_org", "actor_text",
    "recipient_name", "recipient_country", "recipient_sector", "recipient_org", "recipient_text",
    "location_country", "location_name", "location_lat", "location_lon",
    "evidence", "evidence_start", "evidence_end", "trigger", "n_evidence", "stage",
)

_FLAT_TYPES: dict[str, pa.DataType] = {
    "directed": pa.bool_(), "confidence": pa.float64(),
    "location_lat": pa.float64(), "location_lon": pa.float64(),
    "evidence_start": pa.int64(), "evidence_end": pa.int64(), "n_evidence": pa.int32(),
}
PARQUET_SCHEMA = pa.schema([pa.field(c, _FLAT_TYPES.get(c, pa.string())) for c in FLAT_COLUMNS])

_ACTOR_COLUMNS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLUMNS)
    + tuple(f"Actor2{c}" for c in _ACTOR_COLUMNS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"Actor2Geo_{c}" for c in _GEO_COLUMNS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLUMNS)
    + ("DATEADDED", "SOURCEURL")
)
assert len(GDELT_COLUMNS) == 61

# PLOVER non-state actor codes: they stand in CAMEO actor codes where a country code would.
_NONSTATE = frozenset({"IGO", "NGO", "ISM", "IMG", "MNC", "UNO"})
# CAMEO known-group codes of the organisations our actor tables name most often.
_KNOWN_GROUPS: dict[str, str] = {
    "UN": "UNO", "UNITED NATIONS": "UNO", "UNO": "UNO", "OHCHR": "UNO", "UNHCHR": "UNO", "UNHCR": "UNO",
    "UNICEF": "UNO", "WFP": "UNO", "WHO": "UNO", "UNSC": "UNO", "UNESCO": "UNO",
    "EU": "EEC", "EUROPEAN UNION": "EEC", "NATO": "NAT",
}
_GEO_COUNTRY, _GEO_USCITY, _GEO_WORLDCITY = "1", "3", "4"


def format_for(path: str) -> str:
    """The output format a path's name asks for.

    ``.jsonl``/``.ndjson`` -> jsonl, ``.csv`` -> csv, ``.parquet`` -> parquet, ``.plover.jsonl`` -> plover,
    ``.gdelt.tsv``/``.gdelt.csv``/``.tsv`` -> gdelt, ``"-"`` (stdout) -> jsonl. Anything else raises
    OutputError naming the path.
    """
    if path == "-":
        return "jsonl"
    name = Path(path).name.lower()
    for suffix, fmt in _SUFFIXES:
        if name.endswith(suffix):
            return fmt
    raise OutputError(
        f"cannot tell the output format from the file name; use one of "
        f"{', '.join(s for s, _ in _SUFFIXES)} or name the format", source=str(path))


def event_record(event: Event) -> dict[str, Any]:
    """The JSON Lines record of an event: every field of the Event model, JSON-ready."""
    return event.model_dump(mode="json")


def _join(values: Iterable[str | None]) -> str | None:
    """Join one field of several actors with "; " (position kept: a missing value is empty); None if none."""
    items = list(values)
    if not items or all(v is None for v in items):
        return None
    return "; ".join(v or "" for v in items)


def _role_columns(prefix: str, actors: list[Actor]) -> dict[str, str | None]:
    return {
        f"{prefix}_name": _join(a.name for a in actors),
        f"{prefix}_country": _join(a.country for a in actors),
        f"{prefix}_sector": _join(a.sector for a in actors),
        f"{prefix}_org": _join(a.org for a in actors),
        f"{prefix}_text": _join(a.text for a in actors),
    }


def flat_row(event: Event) -> dict[str, Any]:
    """One flat row (the CSV / Parquet columns, in FLAT_COLUMNS order); only the first evidence is kept."""
    first = event.evidence[0] if event.evidence else None
    loc = event.location
    row: dict[str, Any] = {
        "id": event.id,
        "doc_id": event.doc_id,
        "event_type": event.event_type,
        "event_mode": event.event_mode,
        "directed": event.directed,
        "modality": event.modality,
        "confidence": event.confidence,
        "contexts": ";".join(event.contexts) or None,
        "date": event.date.value,
        "date_text": event.date.text,
        "date_granularity": event.date.granularity,
        "date_resolution": event.date.resolution,
        **_role_columns("actor", event.actors),
        **_role_columns("recipient", event.recipients),
        "location_country": loc.country if loc else None,
        "location_name": loc.name if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "evidence": first.sentence if first else None,
        "evidence_start": first.start if first else None,
        "evidence_end": first.end if first else None,
        "trigger": first.trigger if first else None,
        "n_evidence": len(event.evidence),
        "stage": event.stage,
    }
    return {c: row[c] for c in FLAT_COLUMNS}


# ---------------------------------------------------------------------------------------------- CAMEO table

@lru_cache(maxsize=1)
def cameo_table() -> dict[tuple[str, str], tuple[str, int, float]]:
    """(PLOVER type, mode) -> (CAMEO code, QuadClass, Goldstein) from the shipped data/cameo_map.csv."""
    text = resources.files("eventcoder").joinpath("data/cameo_map.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table: dict[tuple[str, str], tuple[str, int, float]] = {}
    for row in csv.DictReader(lines):
        key = (row["plover_type"].strip(), row["plover_mode"].strip())
        table[key] = (row["cameo_code"].strip(), int(row["quad_class"]), float(row["goldstein"]))
    return table


def cameo_code(event_type: str, mode: str | None) -> tuple[str, int, float] | None:
    """The CAMEO (code, QuadClass, Goldstein) for a PLOVER type and mode; the type's default for an unknown
    mode; None for an unknown type."""
    table = cameo_table()
    return table.get((event_type, mode or "")) or table.get((event_type, ""))


def cameo_actor(actor: Actor | None) -> dict[str, str]:
    """CAMEO-style actor columns (GDELT suffixes Code, Name, CountryCode, KnownGroupCode, Type1Code).

    A state actor is its ISO 3166 alpha-3 country code plus its sector ("CHN" + "GOV" -> "CHNGOV"); an
    international or non-governmental organisation is its non-state code plus the organisation's CAMEO
    known-group code ("IGO" + "UNO" -> "IGOUNO").
    """
    if actor is None:
        return {}
    country = (actor.country or "").upper()
    sector = (actor.sector or "").upper()
    nonstate = country if country in _NONSTATE else sector if sector in _NONSTATE else ""
    if nonstate == "UNO":
        nonstate = "IGO"
    if country in _NONSTATE:
        country = ""
    group = ""
    if nonstate or actor.org:
        org = (actor.org or "").upper()
        group = _KNOWN_GROUPS.get(org, re.sub(r"[^A-Z0-9]", "", org))
        if (actor.country or "").upper() == "UNO":
            group = "UNO"
    if nonstate:
        code = country + nonstate + group
        type1 = nonstate
    else:
        code = country + sector
        type1 = sector
    return {
        "Code": code,
        "Name": actor.name or actor.text,
        "CountryCode": country,
        "KnownGroupCode": group,
        "Type1Code": type1,
    }


# ---------------------------------------------------------------------------------------------- PLOVER

def _plover_actor(actor: Actor) -> dict[str, Any]:
    return {
        "code": cameo_actor(actor)["Code"] or None,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "org": actor.org,
        "office": actor.title,
        "kind": actor.kind,
        "actor_text": actor.text,
        "start": actor.start,
        "end": actor.end,
    }


def plover_record(event: Event, document: Document | None = None) -> dict[str, Any]:
    """A PLOVER / POLECAT-style JSON record of an event (field list in docs/data-model.md)."""
    cameo = cameo_code(event.event_type, event.event_mode)
    loc = event.location
    first = event.evidence[0] if event.evidence else None
    return {
        "id": event.id,
        "date": event.date.value,
        "date_info": {"text": event.date.text, "granularity": event.date.granularity,
                      "resolution": event.date.resolution},
        "event_type": event.event_type,
        "mode": event.event_mode,
        "context": list(event.contexts),
        "actor": [_plover_actor(a) for a in event.actors],
        "recipient": [_plover_actor(a) for a in event.recipients],
        "directed": event.directed,
        "event_loc": None if loc is None else {
            "name": loc.name, "cc3": loc.country, "latitude": loc.lat, "longitude": loc.lon,
            "text": loc.text, "resolution": loc.resolution,
        },
        "event_text": [e.trigger for e in event.evidence],
        "quad_code": cameo[1] if cameo else None,
        "modality": event.modality,
        "confidence": event.confidence,
        "text": first.sentence if first else None,
        "text_info": [
            {"sequence": i, "text": e.sentence, "start": e.start, "end": e.end, "trigger": e.trigger,
             "trigger_start": e.trigger_start, "trigger_end": e.trigger_end}
            for i, e in enumerate(event.evidence)
        ],
        "cite_info": {
            "citation": event.doc_id,
            "url": document.url if document else None,
            "title": document.title if document else None,
            "published": document.published if document else None,
            "coder": f"eventcoder {_version()}",
            "codebook": "plover-16 (POLECAT)",
        },
        "coder": "eventcoder",
        "stage": event.stage,
        "rule": event.rule,
    }


def _version() -> str:
    from eventcoder import __version__

    return __version__


# ---------------------------------------------------------------------------------------------- GDELT

def _global_id(event_id: str) -> str:
    """A stable positive 63-bit integer for an event id (GDELT ids are integers)."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return str(int.from_bytes(digest, "big") >> 1)


def _date_columns(value: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate for as much of the date as is known."""
    if not value or value.startswith("--"):
        return ["", "", "", ""]
    parts = value.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else ""
    if len(parts) < 3:
        return ["", year + month if month else "", year, ""]
    try:
        day = date(int(year), int(month), int(parts[2]))
    except ValueError:
        return ["", year + month, year, ""]
    fraction = day.year + day.timetuple().tm_yday / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def _is_root(event: Event, document: Document | None) -> str:
    """"1" when the event is reported in the document's lead paragraph, else "0".

    The lead is the first line of text that ends like a sentence (so a headline above it is skipped); a
    document without such a line is all lead.
    """
    if document is None or not event.evidence:
        return "0"
    lead_end = len(document.text)
    for line in re.finditer(r"[^\n]+", document.text):
        if line.group().rstrip().endswith((".", "!", "?", '"', "\u201d")):
            lead_end = line.end()
            break
    return "1" if min(e.start for e in event.evidence) < lead_end else "0"


def _num(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def gdelt_row(event: Event, document: Document | None = None, date_added: str | None = None) -> list[str]:
    """The event as one row of the GDELT 2.0 event table: 61 strings in GDELT_COLUMNS order.

    Only the first actor and the first recipient fit (Actor1, Actor2). ``date_added`` is DATEADDED
    (YYYYMMDDHHMMSS, UTC); the current time when not given.
    """
    cameo = cameo_code(event.event_type, event.event_mode)
    code, quad, goldstein = cameo if cameo else ("", None, None)
    actor1 = cameo_actor(event.actors[0] if event.actors else None)
    actor2 = cameo_actor(event.recipients[0] if event.recipients else None)
    loc = event.location
    action_geo = [""] * 8
    if loc is not None and (loc.country or loc.name):
        named = bool(loc.name) and loc.name != loc.country
        geo_type = (_GEO_USCITY if (loc.country or "").upper() == "USA" else _GEO_WORLDCITY) if named \
            else _GEO_COUNTRY
        action_geo = [geo_type, loc.name or loc.country or "", loc.country or "", "", "",
                      _num(loc.lat), _num(loc.lon), ""]
    added = date_added or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    source_url = (document.url if document and document.url else None) or event.doc_id
    row = (
        [_global_id(event.id)] + _date_columns(event.date.value)
        + [actor1.get(c, "") for c in _ACTOR_COLUMNS]
        + [actor2.get(c, "") for c in _ACTOR_COLUMNS]
        + [_is_root(event, document), code, code[:3], code[:2],
           "" if quad is None else str(quad), _num(goldstein),
           str(max(1, len(event.evidence))), "1", "1", ""]
        + [""] * 8 + [""] * 8 + action_geo
        + [added, source_url]
    )
    return row


# ---------------------------------------------------------------------------------------------- writing

class EventWriter:
    """An output opened once and written document by document.

    ``out`` is a path, ``"-"`` (standard output) or an open text stream (written to, never closed).
    ``fmt`` is one of FORMATS; taken from the path's name when None. Use as a context manager or call
    ``close()``. Paths are written through a temporary file in the same directory, renamed over the target
    on ``close()``; an exception inside the ``with`` block keeps what was written as ``<target>.partial``
    and leaves the target as it was. Raises OutputError naming the path when it cannot be written.
    """

    def __init__(self, out: str | Path | TextIO, fmt: str | None = None, *,
                 date_added: str | None = None, gdelt_header: bool = True,
                 row_group_size: int = 10_000) -> None:
        self.count = 0
        self.path: Path | None = None
        self.tmp_path: Path | None = None
        self._closed = False
        self._stream: TextIO | None = None
        self._owns_stream = False
        self._parquet: pq.ParquetWriter | None = None
        self._rows: list[dict[str, Any]] = []
        self._row_group_size = row_group_size
        self._date_added = date_added or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._gdelt_header = gdelt_header
        if isinstance(out, (str, Path)):
            self.name = "<stdout>" if str(out) == "-" else str(out)
        else:
            self.name = str(getattr(out, "name", None) or "<stream>")
        if fmt is None:
            fmt = format_for(str(out)) if isinstance(out, (str, Path)) else "jsonl"
        if fmt not in FORMATS:
            raise OutputError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}",
                              source=self.name)
        self.fmt = fmt
        if isinstance(out, (str, Path)) and str(out) != "-":
            self._open_file(Path(out))
        else:
            if fmt == "parquet":
                raise OutputError("Parquet is binary: write it to a file, not to a text stream",
                                  source=self.name)
            self._stream = sys.stdout if isinstance(out, (str, Path)) else out
        try:
            self._start()
        except OutputError:
            self.abort()
            raise

    # -- opening
    def _open_file(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            if self.fmt == "parquet":
                self._parquet = pq.ParquetWriter(str(tmp), PARQUET_SCHEMA)
            else:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                self._stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in _finish)
                self._owns_stream = True
        except (OSError, pa.ArrowException) as err:
            raise OutputError(f"cannot write here: {_reason(err)}", source=str(path)) from err
        self.tmp_path = tmp

    def _start(self) -> None:
        if self.fmt == "csv":
            self._csv = csv.DictWriter(self._stream, fieldnames=FLAT_COLUMNS, lineterminator="\n")  # type: ignore[arg-type]
            self._guard(self._csv.writeheader)
        elif self.fmt == "gdelt":
            comma = self.path is not None and self.path.name.lower().endswith(".csv")
            self._gdelt = csv.writer(self._stream, delimiter="," if comma else "\t",  # type: ignore[arg-type]
                                     lineterminator="\n")
            if self._gdelt_header:
                self._guard(self._gdelt.writerow, GDELT_COLUMNS)

    # -- writing
    def write(self, events: Iterable[Event], document: Document | None = None) -> int:
        """Write one document's events (``document`` feeds PLOVER/GDELT citation fields), then flush.

        Returns how many events were written.
        """
        if self._closed:
            raise OutputError("the writer is closed", source=self.name)
        n = 0
        for event in events:
            self._write_one(event, document)
            n += 1
        if self._parquet is not None:
            if len(self._rows) >= self._row_group_size:
                self._flush_rows()
        else:
            self._guard(self._stream.flush)  # type: ignore[union-attr]
        self.count += n
        return n

    def _write_one(self, event: Event, document: Document | None) -> None:
        if self.fmt == "parquet":
            self._rows.append(flat_row(event))
        elif self.fmt == "csv":
            self._guard(self._csv.writerow, flat_row(event))
        elif self.fmt == "gdelt":
            self._guard(self._gdelt.writerow, gdelt_row(event, document, self._date_added))
        else:
            record = event_record(event) if self.fmt == "jsonl" else plover_record(event, document)
            self._guard(self._stream.write, json.dumps(record, ensure_ascii=False) + "\n")  # type: ignore[union-attr]

    def _flush_rows(self) -> None:
        if self._rows and self._parquet is not None:
            table = pa.Table.from_pylist(self._rows, schema=PARQUET_SCHEMA)
            self._guard(self._parquet.write_table, table)
            self._rows = []

    def _guard(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except (OSError, pa.ArrowException) as err:
            raise OutputError(f"write failed: {_reason(err)}", source=str(self.path or self.name)) from err

    # -- closing
    def close(self) -> None:
        """Finish the output: write the Parquet footer, close the file and rename it over the target."""
        self._finish(keep=True)

    def abort(self) -> None:
        """Stop without replacing the target; events written so far are kept as ``<target>.partial``."""
        self._finish(keep=False)

    def _finish(self, keep: bool) -> None:
        if self._closed:
            return
        self._closed = True
        if not keep:
            self._abandon()
            return
        try:
            if self._parquet is not None:
                self._flush_rows()
                self._parquet.close()
            elif self._stream is not None:
                self._stream.flush()
                if self._owns_stream:
                    self._stream.close()
            if self.path is not None and self.tmp_path is not None:
                os.replace(self.tmp_path, self.path)
        except OutputError:
            self._abandon()  # e.g. the disk filled up at the last flush: the target stays as it was
            raise
        except (OSError, pa.ArrowException) as err:
            self._abandon()
            raise OutputError(f"cannot finish the output: {_reason(err)}",
                              source=str(self.path or self.name)) from err

    def _abandon(self) -> None:
        """Best effort, never raising (it runs while another error is on its way out): keep the records
        written whole as ``<target>.partial`` (none if no document was), or remove the temporary file."""
        keep = self.count > 0
        try:
            if self._parquet is not None:
                self._flush_rows()
                self._parquet.close()  # the footer: without it the file is not Parquet
            elif self._stream is not None:
                if self._owns_stream:
                    self._stream.close()  # may fail again on a full disk: then the file is truncated below
                else:
                    self._stream.flush()
        except (OSError, pa.ArrowException, OutputError, ValueError):
            keep = keep and self._parquet is None
        if self.path is None or self.tmp_path is None:
            return
        try:
            if keep:
                if self._parquet is None:
                    _cut_after_last_newline(self.tmp_path)  # a record cut short by the failure goes
                os.replace(self.tmp_path, self.partial_path)  # type: ignore[arg-type]
                return
        except OSError:
            pass
        self.tmp_path.unlink(missing_ok=True)

    @property
    def partial_path(self) -> Path | None:
        """Where an aborted file output is kept."""
        return None if self.path is None else self.path.with_name(self.path.name + ".partial")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def _cut_after_last_newline(path: Path, chunk: int = 65_536) -> None:
    """Truncate a text file after its last newline: every record of our text formats ends with one."""
    with open(path, "rb+") as fh:
        end = fh.seek(0, os.SEEK_END)
        position = end
        while position > 0:
            start = max(0, position - chunk)
            fh.seek(start)
            found = fh.read(position - start).rfind(b"\n")
            if found >= 0:
                if start + found + 1 < end:
                    fh.truncate(start + found + 1)
                return
            position = start
        fh.truncate(0)


def _reason(err: BaseException) -> str:
    return err.strerror if isinstance(err, OSError) and err.strerror else str(err)


def write_events(events: Iterable[Event], out: str | Path | TextIO, fmt: str | None = None,
                 documents: Mapping[str, Document] | None = None) -> int:
    """Write events to ``out`` (path, ``"-"`` or text stream) in ``fmt`` (from the path when None).

    Streams: events are written as they come, flushed per run of events of one document; ``documents``
    (by id) feeds citation fields of PLOVER and GDELT. Returns the number of events written.
    """
    documents = documents or {}
    with EventWriter(out, fmt) as writer:
        for doc_id, group in groupby(events, key=lambda e: e.doc_id):
            writer.write(group, documents.get(doc_id))
        return writer.count
