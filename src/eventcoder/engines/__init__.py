"""Engines: where the coding happens. Every engine turns documents into ``DocumentResult``s with the same
``Coder``, so the same input gives the same events whatever the engine.

==========  =====================================================================================
``local``   this process, or ``workers`` processes of this machine (``Coder.code``)
``dask``    a Dask distributed cluster: a LocalCluster on 127.0.0.1 with ``workers`` processes, or the
            scheduler at ``scheduler`` (``pip install eventcoder[dask]``; see docs/scale.md)
==========  =====================================================================================

    with open_engine("dask", settings, workers=2) as engine:
        for result in engine.code(documents):      # in input order
            ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Protocol, Self

from ..config import Settings
from ..models import Document, DocumentResult

ENGINES: tuple[str, ...] = ("local", "dask")


class Engine(Protocol):
    """What ``run`` needs of an engine."""

    name: str

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """One result per document, in input order."""
        ...

    def close(self) -> None:
        """Release processes and connections (idempotent)."""
        ...


class LocalEngine:
    """Codes in this process (``workers`` = 1) or in a pool of ``workers`` processes of this machine."""

    name = "local"

    def __init__(self, settings: Settings, workers: int = 1, coder: object | None = None) -> None:
        from ..pipeline import Coder

        self.coder: Coder = coder if isinstance(coder, Coder) else Coder(settings)
        self.workers = workers

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        return self.coder.code(documents, workers=self.workers)

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_engine(name: str, settings: Settings, *, workers: int = 1, scheduler: str | None = None,
                batch_size: int | None = None, coder: object | None = None) -> Engine:
    """The engine called ``name`` (one of ENGINES), ready to code.

    ``scheduler`` (dask only) is the address of a running Dask scheduler; without it a LocalCluster of
    ``workers`` processes is started on 127.0.0.1. ``batch_size`` is the number of documents per task
    (dask). ``coder`` reuses an already loaded Coder (local only). Raises ValueError for an unknown name or
    a scheduler given to the local engine; ``ModelError`` when the dask extra is not installed."""
    if name == "local":
        if scheduler:
            raise ValueError("--scheduler needs --engine dask")
        return LocalEngine(settings, workers, coder)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(settings, workers=workers, scheduler=scheduler,
                          batch_size=batch_size or DaskEngine.default_batch_size)
    raise ValueError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "LocalEngine", "open_engine"]
