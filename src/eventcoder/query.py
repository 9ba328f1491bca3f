"""Filters and aggregates over a coded-event database: the one query layer of the CLI and the web explorer.

    db = EventDatabase("events.duckdb")                      # read-only
    f = EventFilter(dyad="CHN,OHCHR", date_from="2024-01-01")
    page = db.events(f, limit=20)                            # Page of EventRow, newest first
    db.timeline(f, interval="month", by="quad")              # counts per month per quad class
    db.dyads(EventFilter(country="KEN"))                     # who did what to whom, with balance

Every value a user gives reaches DuckDB as a bound parameter; the SQL text is built only from constants of
this module (column expressions chosen from fixed tables by validated names).

Actors are grouped under a *key*: at level ``country`` (the default) an organisation's short name (``OHCHR``,
``EU``), else the actor's ISO 3166 country code (``KEN``), else its sector (``REB``, ``UAF``), else its name;
at level ``code`` a state actor's key is its CAMEO-style country + sector (``KENCOP``, ``BFAMIL``).
A filter *term* (``actor``, ``source``, ``target``, each side of ``dyad``) matches a participant when it is,
case-insensitively, its country, organisation, country + sector, sector-less key or its exact name; a term
of four characters or more also matches a participant whose name or mention text contains it (``Iran``
matches "Iran's foreign ministry"; ``UN`` matches only the code UN, not "Union").

Quad classes follow PLOVER (``QUAD_CLASS``): this differs from the GDELT export's QuadClass, which comes from
the CAMEO code of the event (CONCEDE is CAMEO 08, material cooperation, there).

Database access: by default each call opens its own read-only DuckDB connection and closes it, so no lock is
held between calls and ``eventcoder code --db`` can write the same file while the explorer idles (DuckDB lets
one process write a file, or several read it, never both: while a writer runs, a call raises StoreError).
``writable=True`` keeps a read-write connection (and DuckDB's lock) for as long as the database is open.
"""

from __future__ import annotations

import csv
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import duckdb
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventcoder.errors import StoreError
from eventcoder.export import cameo_code
from eventcoder.models import EVENT_TYPES, Document, DocumentResult, Event
from eventcoder.store import Store

# ---------------------------------------------------------------------------------------------- quad classes

#: PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
#: The quad class of each of the 16 PLOVER event types (the one place this mapping lives).
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
assert set(QUAD_CLASS) == set(EVENT_TYPES)

MODALITIES: tuple[str, ...] = ("asserted", "negated", "future", "hypothetical", "denied", "generic")
INTERVALS: tuple[str, ...] = ("day", "week", "month", "year")
LEVELS: tuple[str, ...] = ("country", "code")

Interval = Literal["day", "week", "month", "year"]
Level = Literal["country", "code"]
SeriesBy = Literal["type", "quad", "total"]
Sort = Literal["date", "-date", "document"]


def quad_class(event_type: str) -> int | None:
    """The PLOVER quad class (1-4) of an event type; None for a type outside the 16."""
    return QUAD_CLASS.get(event_type)


def types_of_quad(quad: int) -> tuple[str, ...]:
    """The event types of a quad class, in codebook order."""
    return tuple(t for t in EVENT_TYPES if QUAD_CLASS[t] == quad)


class Balance(BaseModel):
    """Counts per quad class and the cooperation/conflict balance of a set of events.

    ``balance`` = (cooperation - conflict) / total, from -1 (all conflict) to +1 (all cooperation);
    ``goldstein`` is the mean Goldstein weight of the events' CAMEO codes (-10 .. +10), null if none.
    """

    total: int = 0
    by_type: dict[str, int] = Field(default_factory=dict)
    by_quad: dict[int, int] = Field(default_factory=dict)
    cooperation: int = 0
    conflict: int = 0
    balance: float = 0.0
    goldstein: float | None = None


def balance_of(type_counts: dict[tuple[str, str | None], int] | dict[str, int]) -> Balance:
    """Fold counts per event type (or per (type, mode)) into a Balance."""
    by_type: Counter[str] = Counter()
    by_quad: Counter[int] = Counter()
    weight = 0.0
    weighted = 0
    for key, n in type_counts.items():
        event_type, mode = key if isinstance(key, tuple) else (key, None)
        by_type[event_type] += n
        q = quad_class(event_type)
        if q is not None:
            by_quad[q] += n
        cameo = cameo_code(event_type, mode)
        if cameo is not None:
            weight += cameo[2] * n
            weighted += n
    total = sum(by_type.values())
    coop = by_quad[1] + by_quad[2]
    conflict = by_quad[3] + by_quad[4]
    return Balance(
        total=total,
        by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_quad={q: by_quad[q] for q in sorted(by_quad)},
        cooperation=coop,
        conflict=conflict,
        balance=round((coop - conflict) / total, 4) if total else 0.0,
        goldstein=round(weight / weighted, 3) if weighted else None,
    )


# ---------------------------------------------------------------------------------------------- the filter

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Z]{2,3}$")


def _split(value: Any) -> Any:
    """Accept "A,B", ["A,B", "C"] or ["A", "B"]: a flat list of trimmed non-empty items."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


class EventFilter(BaseModel):
    """Which events: every given field must hold (AND); list fields match any of their items (OR).

    Raises pydantic.ValidationError (the API answers 422 with it) on an unknown event type, modality or
    quad class, a malformed date, a ``dyad`` that is not two terms, or an unknown field.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: str | None = Field(None, description="A participant (actor or recipient): code or name.")
    source: str | None = Field(None, description="An actor in the actor (source) role: code or name.")
    target: str | None = Field(None, description="An actor in the recipient (target) role: code or name.")
    dyad: str | None = Field(None, description="Two terms 'A,B': events between A and B, either direction.")
    country: str | None = Field(None, description="ISO 3166 alpha-3 of a participant or of the location.")
    sector: str | None = Field(None, description="Sector code of a participant (GOV, MIL, REB, IGO, ...).")
    event_type: list[str] = Field(default_factory=list, description="PLOVER event types (comma-separated).")
    quad: list[int] = Field(default_factory=list, description="PLOVER quad classes 1-4 (comma-separated).")
    mode: str | None = Field(None, description="PLOVER event mode (arrest, visit, aerial, ...).")
    modality: list[str] = Field(default_factory=list, description="asserted, negated, future, ...")
    date_from: str | None = Field(None, description="First date, YYYY[-MM[-DD]] (inclusive). An event dated "
                                                     "to a month or year matches when that period overlaps.")
    date_to: str | None = Field(None, description="Last date, YYYY[-MM[-DD]] (inclusive).")
    text: str | None = Field(None, description="Words to find in an evidence sentence (case-insensitive).")
    doc_id: str | None = Field(None, description="Only events of this document.")
    min_confidence: float | None = Field(None, ge=0, le=1, description="Only events at least this confident.")

    @field_validator("actor", "source", "target", "dyad", "country", "sector", "mode", "text", "doc_id",
                     "date_from", "date_to", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("event_type", "modality", mode="before")
    @classmethod
    def _split_names(cls, value: Any) -> Any:
        return _split(value)

    @field_validator("quad", mode="before")
    @classmethod
    def _split_quads(cls, value: Any) -> Any:
        return [value] if isinstance(value, int) else _split(value)

    @field_validator("event_type")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        upper = [v.upper() for v in value]
        unknown = [v for v in upper if v not in QUAD_CLASS]
        if unknown:
            raise ValueError(f"unknown event type {', '.join(unknown)}; use one of {', '.join(EVENT_TYPES)}")
        return upper

    @field_validator("quad")
    @classmethod
    def _known_quads(cls, value: list[int]) -> list[int]:
        bad = [q for q in value if q not in QUAD_NAMES]
        if bad:
            raise ValueError(f"quad class must be 1, 2, 3 or 4, not {bad[0]}")
        return value

    @field_validator("modality")
    @classmethod
    def _known_modalities(cls, value: list[str]) -> list[str]:
        lower = [v.lower() for v in value]
        unknown = [v for v in lower if v not in MODALITIES]
        if unknown:
            raise ValueError(f"unknown modality {', '.join(unknown)}; use one of {', '.join(MODALITIES)}")
        return lower

    @field_validator("date_from", "date_to")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not _DATE.match(value):
            raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in value.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as err:
            raise ValueError(f"{value!r} is not a valid date: {err}") from None
        return value

    @field_validator("country", "sector")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return value.upper() if value is not None else None

    @model_validator(mode="after")
    def _dyad_pair(self) -> Self:
        if self.dyad is not None and len(self.dyad_terms()) != 2:
            raise ValueError(f"dyad must be two terms 'A,B', not {self.dyad!r}")
        return self

    def dyad_terms(self) -> tuple[str, ...]:
        """The two sides of ``dyad`` (empty when no dyad is asked for)."""
        return tuple(_split(self.dyad)) if self.dyad else ()

    def event_types(self) -> tuple[str, ...] | None:
        """The event types the filter allows (``event_type`` and ``quad`` combined); None for all."""
        allowed: set[str] | None = None
        if self.event_type:
            allowed = set(self.event_type)
        if self.quad:
            by_quad = {t for q in self.quad for t in types_of_quad(q)}
            allowed = by_quad if allowed is None else allowed & by_quad
        return None if allowed is None else tuple(t for t in EVENT_TYPES if t in allowed)

    def is_empty(self) -> bool:
        """True when the filter lets every event through."""
        return self == EventFilter()


# ---------------------------------------------------------------------------------------------- SQL parts

# Actor key expressions over an event_actors alias (constants: the level name picks one).
_KEY_SQL: dict[str, str] = {
    "country": "coalesce({a}.org, {a}.country, {a}.sector, {a}.name, {a}.text)",
    "code": "coalesce({a}.org, {a}.country || coalesce({a}.sector, ''), {a}.sector, {a}.name, {a}.text)",
}
# Period expressions over events alias e; NULL when the date is not precise enough for the interval.
_PERIOD_SQL: dict[str, str] = {
    "day": "CASE WHEN length(e.date_value) = 10 THEN e.date_value END",
    "week": "CASE WHEN length(e.date_value) = 10 THEN "
            "strftime(date_trunc('week', try_cast(e.date_value AS DATE)), '%Y-%m-%d') END",
    "month": "CASE WHEN length(e.date_value) >= 7 AND e.date_value NOT LIKE '--%' THEN left(e.date_value, 7) END",
    "year": "CASE WHEN e.date_value NOT LIKE '--%' THEN left(e.date_value, 4) END",
}
_DATED = "(e.date_value IS NOT NULL AND e.date_value NOT LIKE '--%')"
_ORDER_SQL: dict[str, str] = {
    "-date": f"(NOT {_DATED}), e.date_value DESC, e.doc_id, e.position",
    "date": f"(NOT {_DATED}), e.date_value ASC, e.doc_id, e.position",
    "document": "e.doc_id, e.position",
}


def _like(term: str) -> str:
    """A LIKE pattern that finds ``term`` anywhere, with LIKE's wildcards escaped (ESCAPE '\\')."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _term_sql(alias: str, term: str) -> tuple[str, list[Any]]:
    """SQL (over an event_actors alias) true when the participant matches ``term``; see the module doc."""
    upper = term.upper()
    parts = [f"upper({alias}.country) = ?", f"upper({alias}.org) = ?",
             f"upper(coalesce({alias}.country, '') || coalesce({alias}.sector, '')) = ?",
             f"upper({_KEY_SQL['country'].format(a=alias)}) = ?", f"lower({alias}.name) = lower(?)"]
    params: list[Any] = [upper, upper, upper, upper, term]
    if len(term) >= 4:
        parts += [f"{alias}.name ILIKE ? ESCAPE '\\'", f"{alias}.text ILIKE ? ESCAPE '\\'"]
        params += [_like(term), _like(term)]
    return "(" + " OR ".join(parts) + ")", params


def _participant_sql(term: str, role: str | None) -> tuple[str, list[Any]]:
    """EXISTS: the event (alias e) has a participant (in ``role``, or any) matching ``term``."""
    cond, params = _term_sql("p", term)
    role_sql = ""
    if role is not None:
        role_sql = " AND p.role = ?"
        params = [role, *params]
    return f"EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id{role_sql} AND {cond})", params


def where_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over events alias ``e``; "TRUE" when empty) and its parameters, in order."""
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, values: Sequence[Any] = ()) -> None:
        where.append(sql)
        params.extend(values)

    for term, role in ((f.actor, None), (f.source, "actor"), (f.target, "recipient")):
        if term:
            add(*_participant_sql(term, role))
    if f.dyad:
        a, b = f.dyad_terms()
        a_src, pa = _participant_sql(a, "actor")
        b_tgt, pb = _participant_sql(b, "recipient")
        b_src, pc = _participant_sql(b, "actor")
        a_tgt, pd = _participant_sql(a, "recipient")
        add(f"(({a_src} AND {b_tgt}) OR ({b_src} AND {a_tgt}))", [*pa, *pb, *pc, *pd])
    if f.country:
        add("(e.location_country = ? OR EXISTS (SELECT 1 FROM event_actors p "
            "WHERE p.event_id = e.id AND upper(p.country) = ?))", [f.country, f.country])
    if f.sector:
        add("EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id AND upper(p.sector) = ?)",
            [f.sector])
    types = f.event_types()
    if types is not None:
        add("e.event_type IN (SELECT unnest(?::VARCHAR[]))", [list(types)])
    if f.mode:
        add("lower(e.event_mode) = lower(?)", [f.mode])
    if f.modality:
        add("e.modality IN (SELECT unnest(?::VARCHAR[]))", [list(f.modality)])
    if f.date_from:
        add(f"({_DATED} AND e.date_value >= left(?, length(e.date_value)))", [f.date_from])
    if f.date_to:
        add(f"({_DATED} AND left(e.date_value, ?) <= ?)", [len(f.date_to), f.date_to])
    if f.text:
        add("EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.id AND v.sentence ILIKE ? ESCAPE '\\')",
            [_like(f.text)])
    if f.doc_id:
        add("e.doc_id = ?", [f.doc_id])
    if f.min_confidence is not None:
        add("e.confidence >= ?", [f.min_confidence])
    return (" AND ".join(where) if where else "TRUE"), params


# ---------------------------------------------------------------------------------------------- results

class DocumentInfo(BaseModel):
    """Where an event was reported: the stored document (``text`` only in an event's detail)."""

    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    text: str | None = None


class EventRow(BaseModel):
    """One event of a listing: the whole Event, its PLOVER quad class and its document's title/url/date."""

    event: Event
    quad_class: int | None
    document: DocumentInfo


class Page(BaseModel):
    """A page of events: ``total`` matching, ``events`` from ``offset`` on, at most ``limit``."""

    total: int
    limit: int
    offset: int
    sort: str
    events: list[EventRow]


class EventDetail(BaseModel):
    """An event with its evidence (offsets into ``document.text``) and the document, text included."""

    event: Event
    quad_class: int | None
    quad_name: str | None
    document: DocumentInfo


class ActorCount(BaseModel):
    """An actor key with how often it takes part, as actor and as recipient, and the balance of its events."""

    key: str
    label: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    events: int
    as_actor: int
    as_recipient: int
    names: list[str] = Field(default_factory=list)
    balance: Balance


class Dyad(BaseModel):
    """Events from ``source`` to ``target`` (or between them, when not directed), with their balance."""

    source: str
    target: str
    source_label: str
    target_label: str
    events: int
    balance: Balance


class Series(BaseModel):
    key: str
    label: str
    counts: list[int]


class Timeline(BaseModel):
    """Event counts per period (``periods`` in order, gaps filled with 0) and per series."""

    interval: str
    by: str
    periods: list[str]
    series: list[Series]
    total: int
    undated: int


class PlaceCount(BaseModel):
    """Events located at one place (a point), with their balance."""

    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    balance: Balance


class Facet(BaseModel):
    value: str
    count: int


class Summary(BaseModel):
    """What the database holds: counts, date range and the values present (for filter menus)."""

    path: str
    documents: int
    events: int
    failures: int
    date_min: str | None
    date_max: str | None
    event_types: list[Facet]
    quads: list[Facet]
    modalities: list[Facet]
    countries: list[Facet]
    sectors: list[Facet]
    modes: list[Facet]
    writable: bool


# ---------------------------------------------------------------------------------------------- database

_EVENT_COLUMNS = "e.event, e.doc_id, d.title, d.url, d.published, d.source"
_MAX_PERIODS = 20_000


class EventDatabase:
    """Read (and optionally write) a DuckDB database made by ``eventcoder code --db``.

    Opening checks the schema (StoreError when the file is missing, not an eventcoder database, or held by
    a writer). Read-only by default, with a short-lived connection per call (see the module doc);
    ``writable=True`` creates the file if missing and keeps one read-write connection until ``close()``.
    Thread-safe: calls may come from several threads (each gets its own cursor).
    """

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = str(path)
        self.writable = writable
        self._lock = threading.Lock()
        self._store: Store | None = Store(self.path, read_only=not writable)
        self._con: duckdb.DuckDBPyConnection | None = None
        if writable:
            self._con = self._connect()
        else:
            self._store.close()
            self._store = None

    # -- connections
    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path, read_only=not self.writable)
        except duckdb.Error as err:
            raise StoreError(f"cannot open the database: {err}", source=self.path) from err

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._con.cursor() if self._con is not None else self._connect()
        try:
            yield con
        finally:
            con.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._many((sql, params))[0]

    def _many(self, *queries: tuple[str, Sequence[Any]]) -> list[list[tuple[Any, ...]]]:
        """The rows of each query, all run on one connection (one open of the file)."""
        with self._cursor() as con:
            try:
                return [con.execute(sql, list(params)).fetchall() for sql, params in queries]
            except duckdb.Error as err:
                raise StoreError(f"query failed: {err}", source=self.path) from err

    # -- events
    def count(self, f: EventFilter | None = None) -> int:
        """How many events match."""
        where, params = where_sql(f or EventFilter())
        return int(self._rows(f"SELECT count(*) FROM events e WHERE {where}", params)[0][0])

    def events(self, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
               sort: Sort = "-date") -> Page:
        """A page of matching events. ``sort``: ``-date`` newest first, ``date`` oldest first, ``document``
        in document then coding order; undated events come last; ties in document order."""
        f = f or EventFilter()
        if sort not in _ORDER_SQL:
            raise ValueError(f"sort must be one of {', '.join(_ORDER_SQL)}")
        where, params = where_sql(f)
        rows, total = self._many(
            ((f"SELECT {_EVENT_COLUMNS} FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
             f"WHERE {where} ORDER BY {_ORDER_SQL[sort]} LIMIT ? OFFSET ?"), [*params, int(limit), int(offset)]),
            (f"SELECT count(*) FROM events e WHERE {where}", params))
        return Page(total=int(total[0][0]), limit=limit, offset=offset, sort=sort,
                    events=[_event_row(r) for r in rows])

    def iter_events(self, f: EventFilter | None = None, *, sort: Sort = "document",
                    batch: int = 1000) -> Iterator[tuple[Event, Document | None]]:
        """Every matching event with its document (text included; the same object for a document's
        events), streamed in batches. For exports: in ``document`` order a document's events are adjacent."""
        f = f or EventFilter()
        where, params = where_sql(f)
        current: Document | None = None
        with self._cursor() as con:
            try:
                con.execute(
                    f"SELECT e.event, d.id, d.text, d.title, d.url, d.published, d.source, d.content_hash "
                    f"FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE {where} "
                    f"ORDER BY {_ORDER_SQL[sort]}", params)
                while rows := con.fetchmany(batch):
                    for r in rows:
                        if r[1] is None:
                            document = None
                        elif current is not None and current.id == r[1]:
                            document = current
                        else:
                            document = current = Document(id=r[1], text=r[2] or "", title=r[3], url=r[4],
                                                          published=r[5], source=r[6] or "",
                                                          content_hash=r[7] or "")
                        yield Event.model_validate_json(r[0]), document
            except duckdb.Error as err:
                raise StoreError(f"query failed: {err}", source=self.path) from err

    def event(self, event_id: str) -> EventDetail | None:
        """One event with its evidence and its document (text included); None when there is no such id."""
        rows = self._rows(
            f"SELECT {_EVENT_COLUMNS}, d.text FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
            "WHERE e.id = ?", [event_id])
        if not rows:
            return None
        row = _event_row(rows[0])
        row.document.text = rows[0][6]
        q = row.quad_class
        return EventDetail(event=row.event, quad_class=q, quad_name=QUAD_NAMES.get(q) if q else None,
                           document=row.document)

    # -- aggregates
    def actors(self, f: EventFilter | None = None, *, level: Level = "country", q: str | None = None,
               limit: int = 100) -> list[ActorCount]:
        """Actor keys by number of matching events they take part in (most first); ``q`` keeps keys or
        names containing it."""
        where, params = where_sql(f or EventFilter())
        key = _key(level, "a")
        search = ""
        if q:
            search = f" AND ({key} ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\')"
            params = [*params, _like(q), _like(q)]
        rows = self._rows(
            f"SELECT {key} AS k, e.event_type, e.event_mode, count(DISTINCT e.id), "
            "count(DISTINCT e.id) FILTER (WHERE a.role = 'actor'), "
            "count(DISTINCT e.id) FILTER (WHERE a.role = 'recipient'), list(a.name ORDER BY a.name), "
            "list(a.name ORDER BY a.name) FILTER (WHERE a.kind IN ('organization', 'state')), "
            # ordered: the same answer every time (ties of mode and of the most common name)
            "mode(a.country ORDER BY a.country), mode(a.sector ORDER BY a.sector), mode(a.org ORDER BY a.org) "
            f"FROM event_actors a JOIN events e ON e.id = a.event_id WHERE {where}{search} "
            "GROUP BY ALL ORDER BY k, e.event_type, e.event_mode", params)
        types: dict[str, dict[tuple[str, str | None], int]] = defaultdict(dict)
        as_actor: Counter[str] = Counter()
        as_recipient: Counter[str] = Counter()
        names: dict[str, Counter[str]] = defaultdict(Counter)
        entity_names: dict[str, Counter[str]] = defaultdict(Counter)
        codes: dict[str, tuple[Any, Any, Any]] = {}
        for k, event_type, mode, n, n_actor, n_recipient, name_list, entities, country, sector, org in rows:
            types[k][(event_type, mode)] = n  # distinct events: an event has one type and mode
            as_actor[k] += n_actor
            as_recipient[k] += n_recipient
            names[k].update(x for x in name_list if x)
            entity_names[k].update(x for x in entities or () if x)
            codes.setdefault(k, (country, sector, org))
        out = [
            ActorCount(key=k, label=_label(k, entity_names[k] or names[k]), country=codes[k][0],
                       sector=codes[k][1],
                       org=codes[k][2], events=sum(types[k].values()), as_actor=as_actor[k],
                       as_recipient=as_recipient[k], names=[n for n, _ in names[k].most_common(5)],
                       balance=balance_of(types[k]))
            for k in types
        ]
        out.sort(key=lambda a: (-a.events, a.key))
        return out[:limit]

    def dyads(self, f: EventFilter | None = None, *, level: Level = "country", directed: bool = False,
              limit: int = 200, self_loops: bool = True) -> list[Dyad]:
        """(actor key, recipient key) pairs by number of matching events, each with its balance.

        Undirected (the default) merges A->B and B->A under the alphabetically first key as ``source``.
        An event counts once per pair it makes (two actors and one recipient make two pairs).
        ``self_loops=False`` drops pairs whose two sides have the same key (KEN police -> KEN protesters).
        """
        where, params = where_sql(f or EventFilter())
        ks, kt = _key(level, "s"), _key(level, "t")
        rows = self._rows(
            f"SELECT {ks} AS ks, {kt} AS kt, e.event_type, e.event_mode, count(DISTINCT e.id), "
            "list(DISTINCT e.id), list(s.name ORDER BY s.name) FILTER (WHERE s.kind IN ('organization', 'state')), "
            "list(t.name ORDER BY t.name) FILTER (WHERE t.kind IN ('organization', 'state')) "
            "FROM events e JOIN event_actors s ON s.event_id = e.id AND s.role = 'actor' "
            "JOIN event_actors t ON t.event_id = e.id AND t.role = 'recipient' "
            f"WHERE {where} GROUP BY ALL ORDER BY ks, kt, e.event_type, e.event_mode", params)
        types: dict[tuple[str, str], dict[tuple[str, str | None], int]] = defaultdict(dict)
        ids: dict[tuple[str, str], set[str]] = defaultdict(set)
        names: dict[str, Counter[str]] = defaultdict(Counter)
        for ks_, kt_, event_type, mode, n, event_ids, s_names, t_names in rows:
            if not self_loops and ks_ == kt_:
                continue
            pair = (ks_, kt_) if directed or ks_ <= kt_ else (kt_, ks_)
            counts = types[pair]
            counts[(event_type, mode)] = counts.get((event_type, mode), 0) + n
            ids[pair].update(event_ids)
            names[ks_].update(x for x in s_names or () if x)
            names[kt_].update(x for x in t_names or () if x)
        out = []
        for pair, counts in types.items():
            bal = balance_of(counts)
            # An event listed under both A->B and B->A of one undirected pair counts once.
            bal_total = len(ids[pair])
            out.append(Dyad(source=pair[0], target=pair[1], source_label=_label(pair[0], names[pair[0]]),
                            target_label=_label(pair[1], names[pair[1]]), events=bal_total, balance=bal))
        out.sort(key=lambda d: (-d.events, d.source, d.target))
        return out[:limit]

    def timeline(self, f: EventFilter | None = None, *, interval: Interval = "month",
                 by: SeriesBy = "type") -> Timeline:
        """Matching events per period, split by event type, by quad class, or in one ``total`` series.

        Periods run from the first to the last dated event with no gaps (``week`` periods are named by
        their Monday); events whose date is not precise enough for the interval count as ``undated``.
        Raises ValueError for an interval or split it does not know, or a span of over 20,000 periods.
        """
        if interval not in _PERIOD_SQL:
            raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
        if by not in ("type", "quad", "total"):
            raise ValueError("by must be type, quad or total")
        where, params = where_sql(f or EventFilter())
        rows = self._rows(f"SELECT {_PERIOD_SQL[interval]} AS p, e.event_type, count(*) FROM events e "
                          f"WHERE {where} GROUP BY ALL", params)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        total = undated = 0
        for period, event_type, n in rows:
            total += n
            if period is None:
                undated += n
                continue
            if by == "type":
                key = event_type
            elif by == "quad":
                q = quad_class(event_type)
                key = str(q) if q else "other"
            else:
                key = "total"
            counts[key][period] += n
        present = sorted({p for c in counts.values() for p in c})
        periods = _fill_periods(present, interval)
        if by == "type":
            order = [t for t in EVENT_TYPES if t in counts] + sorted(k for k in counts if k not in QUAD_CLASS)
            labels = {k: k for k in order}
        elif by == "quad":
            order = [k for k in ("1", "2", "3", "4", "other") if k in counts]
            labels = {k: QUAD_NAMES.get(int(k), k) if k.isdigit() else k for k in order}
        else:
            order = ["total"] if counts else []
            labels = {"total": "events"}
        series = [Series(key=k, label=labels[k], counts=[counts[k].get(p, 0) for p in periods]) for k in order]
        return Timeline(interval=interval, by=by, periods=periods, series=series, total=total, undated=undated)

    def places(self, f: EventFilter | None = None, *, limit: int = 2000) -> list[PlaceCount]:
        """Matching events with coordinates, grouped by place (most events first)."""
        where, params = where_sql(f or EventFilter())
        rows = self._rows(
            "SELECT e.location_name, e.location_country, e.lat, e.lon, e.event_type, e.event_mode, count(*) "
            f"FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY ALL", params)
        groups: dict[tuple[Any, ...], dict[tuple[str, str | None], int]] = defaultdict(dict)
        for name, country, lat, lon, event_type, mode, n in rows:
            groups[(name, country, lat, lon)][(event_type, mode)] = n
        out = [PlaceCount(name=k[0], country=k[1], lat=k[2], lon=k[3], events=sum(v.values()),
                          balance=balance_of(v)) for k, v in groups.items()]
        out.sort(key=lambda p: (-p.events, p.name or "", p.country or ""))
        return out[:limit]

    def summary(self) -> Summary:
        """Counts, the date range and the values present in the database, for filter menus."""
        counts, types_, modalities, countries, sectors, modes = self._many(
            (("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
             "(SELECT count(*) FROM failures), "
             f"(SELECT min(e.date_value) FROM events e WHERE {_DATED}), "
             f"(SELECT max(e.date_value) FROM events e WHERE {_DATED})"), ()),
            ("SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1", ()),
            ("SELECT modality, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1", ()),
            (("SELECT c, count(DISTINCT id) AS n FROM (SELECT event_id AS id, country AS c FROM event_actors "
             "UNION ALL SELECT id, location_country FROM events) GROUP BY 1 ORDER BY n DESC, 1"), ()),
            ("SELECT sector, count(DISTINCT event_id) AS n FROM event_actors GROUP BY 1 ORDER BY n DESC, 1", ()),
            ("SELECT event_mode, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1", ()),
        )

        def facet(rows: list[tuple[Any, ...]]) -> list[Facet]:
            return [Facet(value=str(v), count=n) for v, n in rows if v is not None]

        types = facet(types_)
        quads: Counter[str] = Counter()
        for t in types:
            q = quad_class(t.value)
            if q:
                quads[str(q)] += t.count
        c = counts[0]
        return Summary(
            path=self.path, documents=c[0], events=c[1], failures=c[2], date_min=c[3], date_max=c[4],
            event_types=types, quads=[Facet(value=q, count=quads[q]) for q in sorted(quads)],
            modalities=facet(modalities), countries=facet(countries), sectors=facet(sectors), modes=facet(modes),
            writable=self.writable,
        )

    # -- writing
    def save(self, results: Sequence[DocumentResult]) -> int:
        """Store coded documents (replacing what was held for their ids); StoreError when read-only."""
        if self._store is None:
            raise StoreError("the database is open read-only", source=self.path)
        with self._lock:
            return self._store.save_many(results)

    # -- lifetime
    def close(self) -> None:
        """Close the connections (idempotent)."""
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _key(level: str, alias: str) -> str:
    if level not in _KEY_SQL:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    return _KEY_SQL[level].format(a=alias)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 -> English name, from the shipped data/countries.csv."""
    text = resources.files("eventcoder").joinpath("data/countries.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["iso3"]: row["name"] for row in csv.DictReader(lines)}


def _label(key: str, names: Counter[str]) -> str:
    """A readable name for an actor key: a country's name ("KENCOP" -> "Kenya COP"), else the most frequent
    name of an organisation or state seen under the key, else the key."""
    countries = country_names()
    if key in countries:
        return countries[key]
    if len(key) > 3 and key[:3] in countries and key[3:].isupper():
        return f"{countries[key[:3]]} {key[3:]}"
    for name, _ in names.most_common():
        if name and name.upper() != key.upper():
            return name
    return key


def _event_row(r: tuple[Any, ...]) -> EventRow:
    event = Event.model_validate_json(r[0])
    return EventRow(event=event, quad_class=quad_class(event.event_type),
                    document=DocumentInfo(id=r[1], title=r[2], url=r[3], published=r[4], source=r[5]))


def _fill_periods(present: list[str], interval: str) -> list[str]:
    """Every period from the first to the last of ``present`` (sorted period names), gaps included."""
    if len(present) < 2:
        return present
    first, last = present[0], present[-1]
    out: list[str] = []
    if interval == "year":
        out = [str(y) for y in range(int(first), int(last) + 1)]
    elif interval == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        step = timedelta(days=7 if interval == "week" else 1)
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        if (end - day) // step > _MAX_PERIODS:
            raise ValueError(f"the events span more than {_MAX_PERIODS:,} {interval}s: use a coarser interval")
        while day <= end:
            out.append(day.isoformat())
            day += step
    if len(out) > _MAX_PERIODS:
        raise ValueError(f"the events span more than {_MAX_PERIODS:,} {interval}s: use a coarser interval")
    return out
