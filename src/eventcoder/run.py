"""A coding run: inputs → documents → events → output file and/or database, with a summary.

This is the library function behind ``eventcoder code``:

    summary = run(["articles/"], output="events.jsonl", db="events.duckdb")

Every document is written (and stored) as soon as it is coded, so nothing already coded is lost
when a later document fails or the run is stopped; with a database, documents already coded with the
same content are skipped unless ``force``. Each failure is reported through ``on_failure`` and
counted; the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .config import Settings
from .errors import InputError
from .export import EventWriter
from .ingest import iter_documents
from .models import Document, DocumentResult
from .pipeline import Coder
from .store import Store


@dataclass
class RunSummary:
    documents: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        skipped = f", {self.skipped} skipped (already coded)" if self.skipped else ""
        return (f"{self.documents} documents coded, {self.events} events, {self.failures} failures{skipped} "
                f"in {self.seconds:.1f} s ({self.docs_per_second:.1f} documents/s)")


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
) -> RunSummary:
    """Code ``inputs``; write events to ``output`` (path, "-" or stream) and/or store them in ``db``.

    ``workers`` > 1 codes in that many processes (see ``Coder.code``)."""
    settings = settings or Settings.from_env()
    summary = RunSummary()
    started = time.perf_counter()
    store = Store(db) if db is not None else None
    writer: EventWriter | None = None
    ok = False
    try:
        writer = EventWriter(output, fmt) if output is not None else None
        coder = coder or Coder(settings)

        def documents() -> Iterator[Document]:
            for item in iter_documents(inputs, settings, stdin=stdin):
                if isinstance(item, InputError):
                    _fail(summary, str(item), on_failure, store)
                    continue
                if store is not None and not force and store.has_document(item.id, item.content_hash):
                    summary.skipped += 1
                    continue
                yield item

        for result in coder.code(documents(), workers=workers):
            if result.error:
                _fail(summary, result.error, on_failure, store)
                continue
            summary.documents += 1
            summary.events += len(result.events)
            if writer is not None:
                writer.write(result.events, result.document)
            if store is not None:
                store.save(result)
            if on_result is not None:
                on_result(result)
        ok = True
    finally:
        if writer is not None:
            if ok:
                writer.close()
            else:
                writer.abort()
        if store is not None:
            store.close()
        summary.seconds = time.perf_counter() - started
    return summary


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
