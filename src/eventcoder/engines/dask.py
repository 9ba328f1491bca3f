"""The Dask engine: the same Coder on a Dask distributed cluster (``pip install eventcoder[dask]``).

    with DaskEngine(settings, workers=2) as engine:              # LocalCluster on 127.0.0.1
        for result in engine.code(documents):
            ...
    DaskEngine(settings, scheduler="tcp://10.0.0.5:8786")         # an existing cluster

How it works:

* this process (the *client*) reads the inputs, cuts the documents into batches of ``batch_size``,
  scatters each batch to a worker (``client.scatter(..., hash=False)``) and submits one task per batch with
  a unique key (``client.submit(..., key=..., pure=False)``: Dask's default ``pure=True`` would silently
  merge two batches with identical content, e.g. the same story under two ids). Scattering matters: a task
  that carries its documents as arguments leaves about 0.5 MB per task behind in the client (measured with
  distributed 2026.8: +470 MB after 800 tasks of 32 news articles), scattered data is released with
  the task;
* each worker process loads the Coder (spaCy model, knowledge tables) once, on its first task, and keeps
  it in a module-level cache for the following ones;
* the LocalCluster's workers run without Dask's statistical profiler (:func:`local_worker_config`): its
  per-second profile trees made a worker grow by ~9 KB per document for its first ~1,000 s of work;
* a worker sends back only the events of each document, not the documents (the client still has them);
* at most ``2 × threads + 2`` batches are in flight, so the client's memory does not grow with the corpus;
  results are yielded in input order.

Without ``scheduler`` a LocalCluster is started with ``workers`` processes of one thread each, scheduler
and workers listening on 127.0.0.1, no dashboard: nothing is contacted but those processes. With
``scheduler`` the client talks to that address only; the workers must have eventcoder (and any
``--knowledge`` tables, at the same paths) installed, and their configuration is the cluster's: start
them with ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` for the same flat memory. docs/scale.md
shows Slurm/PBS (dask-jobqueue) and Kubernetes (dask-kubernetes) set-ups.
"""

from __future__ import annotations

import logging
import secrets
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from types import TracebackType
from typing import Any, Self

from ..config import Settings
from ..errors import EngineError
from ..models import Document, DocumentResult, Event

# (events, error, seconds) of one document, as a worker sends it back.
Coded = tuple[list[Event], str | None, float]

_CODERS: dict[Settings, Any] = {}  # per worker process: settings -> loaded Coder


def worker_coder(settings: Settings) -> Any:
    """The Coder of this worker process for ``settings``, loaded on first use and kept."""
    coder = _CODERS.get(settings)
    if coder is None:
        from ..pipeline import Coder

        coder = _CODERS[settings] = Coder(settings)
    return coder


def code_batch(settings: Settings, documents: list[Document]) -> list[Coded]:
    """The task run on a worker: code a batch of documents, return each one's (events, error, seconds)."""
    coder = worker_coder(settings)
    return [(r.events, r.error, r.seconds) for r in coder.code(documents, batch_size=max(1, len(documents)))]


def local_worker_config() -> dict[str, Any]:
    """The Dask configuration given to the workers of the LocalCluster this engine starts: the current
    configuration with the workers' statistical profiler switched off.

    The profiler samples the task's stack every 10 ms and keeps one profile tree per second of work
    (plus one per task prefix) for the last 1,000 seconds (``distributed.admin.low-level-log-length``).
    The coder's call stacks are deep and varied, so those trees cost a worker about 9 KB per document
    coded, for the first ~1,000 s of work (measured: 231 -> 277 MB RSS over 3,000 documents with the
    profiler, 217 MB flat without it; docs/scale.md). Nothing of eventcoder reads them. A whole copy of
    the ``distributed`` section is passed (the Nanny merges this dict shallowly into its own
    configuration), so a worker that the Nanny restarts gets the same setting."""
    import copy

    import dask.config

    section = copy.deepcopy(dask.config.get("distributed"))
    section.setdefault("worker", {}).setdefault("profile", {})["enabled"] = False
    return {"distributed": section}


def worker_peak_rss_mb() -> float:
    """Peak resident memory of the calling process in MB (Linux ``ru_maxrss``); run on workers by the
    benchmark through ``client.run``."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_rss_mb() -> float:
    """Current resident memory of the calling process in MB (``VmRSS`` of /proc/self/status on Linux; the
    peak elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return worker_peak_rss_mb()


class DaskEngine:
    """Codes documents on a Dask cluster. See the module docstring.

    Raises EngineError when Dask is not installed or the scheduler cannot be reached (naming it)."""

    name = "dask"
    default_batch_size = 32

    def __init__(self, settings: Settings, *, workers: int = 1, scheduler: str | None = None,
                 batch_size: int = default_batch_size, timeout: float = 30.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:  # pragma: no cover - the extra is installed in development
            raise EngineError("the dask engine needs Dask distributed: pip install 'eventcoder[dask]'") from err
        self.settings = settings
        self.batch_size = max(1, batch_size)
        self.scheduler = scheduler
        self._cluster: Any = None
        self._token = secrets.token_hex(6)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=timeout, set_as_default=False)
            else:
                self._cluster = LocalCluster(
                    n_workers=max(1, workers), threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR, config=local_worker_config())
                self.client = Client(self._cluster, set_as_default=False)
        except (OSError, TimeoutError, RuntimeError) as err:
            self.close()
            raise EngineError(f"cannot start or reach the Dask cluster: {err}", source=scheduler or "LocalCluster") \
                from err

    @property
    def threads(self) -> int:
        """Worker threads of the cluster (tasks that can run at once)."""
        return max(1, sum(self.client.nthreads().values()))

    def code(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """One result per document, in input order (batches coded on the cluster, a bounded number at
        once). A batch whose task fails on the cluster gives each of its documents a result with
        ``error`` set; a lost cluster raises EngineError."""
        it = iter(documents)
        pending: deque[tuple[list[Document], Any, Any]] = deque()
        index = 0
        window = 2 * self.threads + 2
        while True:
            while len(pending) < window:
                batch = list(islice(it, self.batch_size))
                if not batch:
                    break
                try:
                    # the documents go to a worker as data, and the task names them by key: a task that
                    # carries large arguments itself leaves ~0.5 MB per task behind in this process
                    [data] = self.client.scatter([batch], hash=False)
                except (OSError, TimeoutError) as err:
                    raise EngineError(f"lost the Dask cluster: {err}", source=self.scheduler or "LocalCluster") \
                        from err
                future = self.client.submit(code_batch, self.settings, data, pure=False,
                                            key=f"eventcoder-batch-{self._token}-{index}")
                index += 1
                pending.append((batch, future, data))
            if not pending:
                return
            batch, future, data = pending.popleft()
            yield from self._collect(batch, future, data)

    def _collect(self, batch: list[Document], future: Any, data: Any) -> Iterator[DocumentResult]:
        try:
            coded: list[Coded] = future.result()
        except (OSError, TimeoutError) as err:
            raise EngineError(f"lost the Dask cluster: {err}", source=self.scheduler or "LocalCluster") from err
        except Exception as err:  # noqa: BLE001 - a task error names the batch's documents, the run goes on
            for doc in batch:
                yield DocumentResult(document=doc, error=f"{doc.source or doc.id}: coding failed on the Dask "
                                                          f"cluster: {type(err).__name__}: {err}")
            return
        finally:
            future.release()
            data.release()
        for doc, (events, error, seconds) in zip(batch, coded, strict=True):
            yield DocumentResult(document=doc, events=events, error=error, seconds=seconds)

    def peak_worker_memory_mb(self) -> dict[str, float]:
        """Peak resident memory (MB) of each worker process, by worker address."""
        return dict(self.client.run(worker_peak_rss_mb))

    def worker_memory_mb(self) -> dict[str, float]:
        """Current resident memory (MB) of each worker process, by worker address."""
        return dict(self.client.run(worker_rss_mb))

    def close(self) -> None:
        """Close the client and, when this engine started it, the LocalCluster (idempotent)."""
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


__all__ = ["DaskEngine", "code_batch", "local_worker_config", "worker_coder", "worker_peak_rss_mb",
           "worker_rss_mb"]
