"""The HTTP API and the web explorer: a thin FastAPI layer over ``eventcoder.query``.

    app = create_app("events.duckdb")                 # read-only; what `eventcoder serve` runs
    app = create_app("events.duckdb", writable=True)  # POST /api/code?store=true may store

Endpoints (OpenAPI at /docs, /openapi.json): ``GET /api/summary``, ``/api/events``, ``/api/events/{id}``,
``/api/actors``, ``/api/dyads``, ``/api/timeline``, ``/api/places``, ``POST /api/code``; the explorer page
at ``/`` and its files under ``/static`` (every script, style and map outline is shipped: no CDN).

Errors answer JSON ``{"detail": ...}``: 404 unknown event, 413 body over ``max_body``, 415 body neither JSON nor
text, 422 bad parameter or bad JSON (with the reason), 403 ``store=true`` on a read-only server or a POST from
another site's page, 400 a ``Host`` the server does not answer to (``allowed_hosts``), 429 over the rate limit
(with ``Retry-After``), 503 the database cannot be read (e.g. ``eventcoder code --db`` is writing it: DuckDB
allows one writer or several readers of a file, not both) or the coding took longer than ``max_seconds``.

Security (docs/reliability.md): every query value reaches DuckDB as a bound parameter (``eventcoder.query``);
no path from a request reaches the file system (the database path is fixed when the app is made; static files
are served by Starlette from the shipped folder only); the page puts document text in with ``textContent`` and
loads only its own scripts (a Content-Security-Policy says so); ``POST /api/code`` has a size limit, a time
limit and an optional rate limit, and refuses requests whose ``Origin`` is another site (a page elsewhere
cannot make a browser code or store through this server).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import anyio
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from eventcoder import __version__
from eventcoder.errors import EventcoderError, StoreError
from eventcoder.ingest import document_from_text
from eventcoder.models import Document, DocumentResult, Event
from eventcoder.query import (
    ActorCount,
    Dyad,
    EventDatabase,
    EventDetail,
    EventFilter,
    Page,
    PlaceCount,
    Summary,
    Timeline,
    quad_class,
)

DEFAULT_MAX_BODY = 5_000_000
DEFAULT_MAX_SECONDS = 60.0
#: The Host names a server listening on a loopback address answers to (``allowed_hosts``): a page on another
#: site whose name is made to resolve to 127.0.0.1 (DNS rebinding) gets 400, not the database.
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
STATIC_DIR = Path(str(resources.files("eventcoder").joinpath("web/static")))

# The explorer page loads only its own files; ECharts sets inline styles, hence 'unsafe-inline' for styles.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

CoderFactory = Callable[[], Any]  # returns an object with .code(Iterable[Document]) -> Iterable[DocumentResult]


# ---------------------------------------------------------------------------------------------- request models

class _Paging(BaseModel):
    limit: int = Field(50, ge=1, le=1000, description="Events per page.")
    offset: int = Field(0, ge=0, description="Events to skip.")
    sort: Literal["-date", "date", "document"] = Field(
        "-date", description="-date newest first, date oldest first, document: document and coding order.")


class EventsQuery(EventFilter, _Paging):
    """Filters and paging of GET /api/events."""


class ActorsQuery(EventFilter):
    level: Literal["country", "code"] = Field("country", description="Group actors by country/organisation "
                                                                     "or by CAMEO-style code (KENCOP).")
    q: str | None = Field(None, description="Only actor keys or names containing this.")
    limit: int = Field(100, ge=1, le=5000)


class DyadsQuery(EventFilter):
    level: Literal["country", "code"] = "country"
    directed: bool = Field(False, description="Keep A->B and B->A apart.")
    self_loops: bool = Field(True, description="Keep pairs of one key (KEN police -> KEN protesters).")
    limit: int = Field(200, ge=1, le=5000)


class TimelineQuery(EventFilter):
    interval: Literal["day", "week", "month", "year"] = "month"
    by: Literal["type", "quad", "total"] = Field("type", description="One series per event type, per quad "
                                                                     "class, or one total.")


class PlacesQuery(EventFilter):
    limit: int = Field(2000, ge=1, le=20000)


class CodeParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: bool = Field(False, description="Also store the documents and events (server started --writable).")
    published: str | None = Field(None, description="text/plain body: publication date YYYY-MM-DD.")
    title: str | None = Field(None, description="text/plain body: the title.")
    url: str | None = Field(None, description="text/plain body: the URL.")
    id: str | None = Field(None, description="text/plain body: the document id (default: hash of the text).")


class PostedDocument(BaseModel):
    """One document in a JSON body of POST /api/code."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(description="The article text.")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value


class CodedDocument(BaseModel):
    id: str
    title: str | None
    published: str | None
    events: int
    error: str | None


class CodedEvent(BaseModel):
    event: Event
    quad_class: int | None


class CodeResponse(BaseModel):
    """What POST /api/code made of the posted documents; ``stored`` documents were saved."""

    documents: list[CodedDocument]
    events: list[CodedEvent]
    stored: int


# ---------------------------------------------------------------------------------------------- the app

def _filter(q: EventFilter) -> EventFilter:
    """The EventFilter part of an endpoint's query model."""
    return EventFilter(**q.model_dump(include=set(EventFilter.model_fields)))


def _default_coder_factory() -> Any:
    from eventcoder.pipeline import Coder

    return Coder()


def create_app(db_path: str | Path, *, coder_factory: CoderFactory | None = None,
               max_body: int = DEFAULT_MAX_BODY, writable: bool = False,
               max_seconds: float | None = DEFAULT_MAX_SECONDS, rate_limit: float | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The FastAPI app serving the API and the explorer over the database at ``db_path``.

    The database is opened at once (StoreError if it is missing or not an eventcoder database), read-only
    unless ``writable``. ``coder_factory`` makes the coder for POST /api/code, called once, on the first
    request (default: ``pipeline.Coder()`` with settings from the environment). Limits of POST /api/code:
    ``max_body`` caps request bodies in bytes (413 beyond it); ``max_seconds`` caps the time a request may
    take, waiting for the coder included (503 beyond it; None or 0: no limit); ``rate_limit`` allows each
    client address that many requests a minute, in bursts of up to that many (429 with ``Retry-After``
    beyond it; None: no limit). ``allowed_hosts``: the only ``Host`` names answered (400 for others; None:
    any), e.g. LOOPBACK_HOSTS for a server on 127.0.0.1.
    """
    if rate_limit is not None and not rate_limit > 0:
        raise ValueError(f"rate_limit must be a positive number of requests a minute, not {rate_limit!r}")
    db = EventDatabase(db_path, writable=writable)
    factory = coder_factory or _default_coder_factory
    coder_lock = threading.Lock()
    coder_box: list[Any] = []
    limiter = _RateLimiter(rate_limit) if rate_limit else None
    hosts = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts is not None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventcoder explorer API",
        version=__version__,
        description="Coded political events (PLOVER) with their evidence: filter, aggregate, and code text. "
                    "Filter parameters are shared by the event, actor, dyad, timeline and place endpoints.",
        docs_url=None, redoc_url=None,
    )
    app.state.db = db
    app.state.max_body = max_body

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(ValidationError)
    async def _validation_error(request: Request, exc: ValidationError) -> JSONResponse:
        return JSONResponse({"detail": jsonable_encoder(exc.errors(include_url=False))}, status_code=422)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Any]) -> Any:
        if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
            return JSONResponse({"detail": "this server does not answer to that Host name"}, status_code=400)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.url.path == "/" or request.url.path.startswith("/static/"):
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    # -- pages
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventcoder API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # -- reading
    @app.get("/api/summary", response_model=Summary, tags=["events"])
    def summary() -> Summary:
        """Counts, date range and the values present (event types, countries, ...)."""
        return db.summary()

    @app.get("/api/events", response_model=Page, tags=["events"])
    def events(q: Annotated[EventsQuery, Query()]) -> Page:
        """Events matching the filters, a page at a time, sorted by date (undated last)."""
        return db.events(_filter(q), limit=q.limit, offset=q.offset, sort=q.sort)

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"],
             responses={404: {"description": "No event with this id"}})
    def event(event_id: str) -> EventDetail:
        """One event with its evidence sentences (offsets into the document text) and its document."""
        found = db.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/api/actors", response_model=list[ActorCount], tags=["aggregates"])
    def actors(q: Annotated[ActorsQuery, Query()]) -> list[ActorCount]:
        """Actors of the matching events, most events first, with counts by type and quad class."""
        return db.actors(_filter(q), level=q.level, q=q.q, limit=q.limit)

    @app.get("/api/dyads", response_model=list[Dyad], tags=["aggregates"])
    def dyads(q: Annotated[DyadsQuery, Query()]) -> list[Dyad]:
        """Actor -> recipient pairs of the matching events with counts by type and the cooperation/conflict
        balance (PLOVER quad classes)."""
        return db.dyads(_filter(q), level=q.level, directed=q.directed, self_loops=q.self_loops,
                        limit=q.limit)

    @app.get("/api/timeline", response_model=Timeline, tags=["aggregates"])
    def timeline(q: Annotated[TimelineQuery, Query()]) -> Timeline:
        """Matching events per day, week, month or year, by event type, quad class or in total."""
        try:
            return db.timeline(_filter(q), interval=q.interval, by=q.by)
        except ValueError as err:  # a span too long for the interval
            raise HTTPException(422, str(err)) from err

    @app.get("/api/places", response_model=list[PlaceCount], tags=["aggregates"])
    def places(q: Annotated[PlacesQuery, Query()]) -> list[PlaceCount]:
        """Matching events with coordinates, grouped by place."""
        return db.places(_filter(q), limit=q.limit)

    # -- coding
    def get_coder() -> Any:
        if not coder_box:
            coder_box.append(factory())
        return coder_box[0]

    def code_and_store(documents: list[Document], store: bool, deadline: float | None,
                       cancelled: threading.Event, coding: threading.Event) -> CodeResponse:
        """Code (a few documents at a time, so a deadline is seen between them), then store unless cancelled.

        Sets ``coding`` once the coder is ours. Raises _OutOfTime when the coder is not free, or the coding
        not done, by ``deadline``."""
        wait = -1.0 if deadline is None else max(0.0, deadline - time.monotonic())
        if not coder_lock.acquire(timeout=wait):
            raise _OutOfTime(_BUSY)
        coding.set()
        try:
            results: list[DocumentResult] = []
            for start in range(0, len(documents), _CODE_CHUNK):
                if cancelled.is_set() or (deadline is not None and time.monotonic() > deadline):
                    raise _OutOfTime(_LATE)
                results.extend(get_coder().code(documents[start:start + _CODE_CHUNK]))
        finally:
            coder_lock.release()
        if cancelled.is_set():
            raise _OutOfTime(_LATE)  # the client was answered 503: store nothing
        stored = db.save([r for r in results if not r.error]) if store else 0
        return CodeResponse(
            documents=[CodedDocument(id=r.document.id, title=r.document.title, published=r.document.published,
                                     events=len(r.events), error=r.error) for r in results],
            events=[CodedEvent(event=e, quad_class=quad_class(e.event_type)) for r in results for e in r.events],
            stored=stored)

    @app.post("/api/code", response_model=CodeResponse, tags=["coding"], responses={
        403: {"description": "store=true on a read-only server, or a request from another site's page"},
        413: {"description": "Body larger than the limit"},
        429: {"description": "Over the rate limit (server started with --rate-limit); see Retry-After"},
        503: {"description": "Coding took longer than the time limit, or the database cannot be read"},
        415: {"description": "Body neither JSON nor plain text"},
        422: {"description": "Bad JSON or a document without text"}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "text/plain": {"schema": {"type": "string"}, "example": "KYIV — Ukraine's foreign minister met "
                                                                    "his Polish counterpart on Monday."},
            "application/json": {"schema": {"anyOf": [
                {"$ref": "#/components/schemas/PostedDocument"},
                {"type": "array", "items": {"$ref": "#/components/schemas/PostedDocument"}},
                {"type": "object", "properties": {"documents": {
                    "type": "array", "items": {"$ref": "#/components/schemas/PostedDocument"}}}}]}}}}})
    async def code(request: Request, params: Annotated[CodeParams, Query()]) -> CodeResponse:
        """Code posted text (``text/plain``: one article) or JSON documents (``application/json``: one
        ``{"text": ..., "id", "title", "url", "published"}`` object, a list of them, or
        ``{"documents": [...]}``) and return their events. Stored only with ``?store=true``."""
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
            raise HTTPException(403, "cross-origin request refused: only this server's own page may code")
        if limiter is not None:
            retry = limiter.wait(request.client.host if request.client else "")
            if retry:
                raise HTTPException(429, f"too many requests: at most {rate_limit:g} a minute; retry in "
                                         f"{retry} s", headers={"Retry-After": str(retry)})
        if params.store and not db.writable:
            raise HTTPException(403, "this server opened the database read-only; start it with "
                                     "`eventcoder serve --writable` to store coded documents")
        body = await _read_body(request, max_body)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content_type:
            content_type = "application/json" if body.lstrip()[:1] in (b"{", b"[") else "text/plain"
        if content_type == "application/json" or content_type.endswith("+json"):
            documents = _json_documents(body)
        elif content_type.startswith("text/"):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as err:
                raise HTTPException(422, f"the body is not UTF-8 text (at byte {err.start + 1})") from err
            if not text.strip():
                raise HTTPException(422, "the body is empty: nothing to code")
            try:
                posted = PostedDocument(text=text, id=params.id, title=params.title, url=params.url,
                                        published=params.published)
            except ValidationError as err:
                raise RequestValidationError(err.errors(include_url=False)) from err
            documents = [_document(posted, "<api>")]
        else:
            raise HTTPException(415, f"cannot code a body of type {content_type}: send application/json or "
                                     "text/plain")
        deadline = time.monotonic() + max_seconds if max_seconds else None
        cancelled, coding = threading.Event(), threading.Event()
        try:
            with anyio.fail_after(max_seconds or None):
                return await anyio.to_thread.run_sync(code_and_store, documents, params.store, deadline, cancelled,
                                                      coding, abandon_on_cancel=True)
        except (TimeoutError, _OutOfTime) as err:
            cancelled.set()  # a coding thread still running stores nothing (threads cannot be stopped)
            reason = str(err) if isinstance(err, _OutOfTime) else _LATE if coding.is_set() else _BUSY
            detail = f"{reason} of {max_seconds:g} s: try again later, or send fewer or shorter documents"
            raise HTTPException(503, detail, headers={"Retry-After": str(math.ceil(max_seconds or 1))}) from None

    @app.exception_handler(EventcoderError)
    async def _our_error(request: Request, exc: EventcoderError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    return app


_CODE_CHUNK = 8  # documents coded between two looks at the deadline of a POST /api/code
_BUSY = "the coder is busy with other requests"
_LATE = "coding took longer than the limit"


class _OutOfTime(Exception):
    """A POST /api/code could not finish by its deadline (answered 503)."""


class _RateLimiter:
    """A token bucket per client address: ``per_minute`` tokens a minute, holding at most ``per_minute``
    (so a client may send that many at once, then one every 60/per_minute s). Used from the event loop only."""

    MAX_CLIENTS = 10_000  # beyond this many addresses, those with a full bucket are forgotten

    def __init__(self, per_minute: float) -> None:
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)

    def wait(self, client: str) -> int:
        """0 and one token taken when ``client`` may go on; else the whole seconds until it may."""
        now = time.monotonic()
        tokens, then = self.buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
        if tokens >= 1.0:
            self.buckets[client] = (tokens - 1.0, now)
            if len(self.buckets) > self.MAX_CLIENTS:
                self._forget(now)
            return 0
        self.buckets[client] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _forget(self, now: float) -> None:
        full = [c for c, (t, w) in self.buckets.items() if t + (now - w) * self.rate >= self.capacity]
        for client in full:
            del self.buckets[client]


def _host_name(header: str) -> str:
    """The host name of a ``Host`` header, without port or IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to be over ``limit`` bytes."""
    too_large = HTTPException(413, f"the request body is larger than the limit of {limit:,} bytes")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _json_documents(body: bytes) -> list[Document]:
    """Documents from a JSON body; 422 with the reason when it is not valid JSON or not documents."""
    try:
        value = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise HTTPException(422, f"the body is not UTF-8 (at byte {err.start + 1})") from err
    except json.JSONDecodeError as err:
        raise HTTPException(422, f"the body is not valid JSON: {err.msg.lower()} (line {err.lineno}, "
                                 f"column {err.colno})") from err
    if isinstance(value, dict) and "documents" in value and "text" not in value:
        value = value["documents"]
    items = value if isinstance(value, list) else [value]
    if not items:
        raise HTTPException(422, "no documents to code")
    documents: list[Document] = []
    errors: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append({"loc": ["body", i], "msg": f"a JSON {type(item).__name__}, not an object with "
                                                      f"'text'", "type": "document"})
            continue
        try:
            posted = PostedDocument.model_validate(item)
        except ValidationError as err:
            errors.extend({**e, "loc": ["body", i, *e["loc"]]} for e in err.errors(include_url=False))
            continue
        documents.append(_document(posted, f"<api>[{i}]"))
    if errors:
        raise RequestValidationError(jsonable_encoder(errors))
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        raise HTTPException(422, "the same document id twice in one request")
    return documents


def _document(posted: PostedDocument, source: str) -> Document:
    extra = {k: v for k, v in (posted.model_extra or {}).items()}
    return document_from_text(posted.text, source=source, id=posted.id, title=posted.title, url=posted.url,
                              published=posted.published, metadata={**extra, "input_format": "api"})
