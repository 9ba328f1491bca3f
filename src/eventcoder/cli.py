"""The ``eventcoder`` command: a thin layer over the library (run, evaluate, explain, store, export)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .config import DEFAULT_MODEL, Settings
from .errors import EventcoderError

HELP = """\
eventcoder turns news articles into PLOVER political event data: who did what to whom,
when and where, each event with the sentence that proves it.

It reads plain text, HTML, JSON Lines and WARC files (or standard input), removes web
boilerplate, finds actors (states, organisations, office holders, armed groups), codes events
into the 16 PLOVER types with modes and modality, dates and places them, merges reports of one
event, and writes JSON Lines, CSV, Parquet, PLOVER JSON or the GDELT layout, or a DuckDB database.
Everything runs offline on a CPU.

Examples:

  eventcoder code examples/ -o events.jsonl

  eventcoder code stories.jsonl --db events.duckdb

  cat article.txt | eventcoder code - -o -

  eventcoder evaluate --gold gold.jsonl --docs docs.jsonl --errors

  eventcoder explain "Kenyan police arrested two opposition leaders in Nairobi on Monday."

Settings also come from environment variables EVENTCODER_MODEL, EVENTCODER_MAX_BYTES,
EVENTCODER_MAX_SENTENCE_CHARS, EVENTCODER_MAX_SECONDS, EVENTCODER_KNOWLEDGE_PATHS, EVENTCODER_INCLUDE_MODAL,
EVENTCODER_MIN_CONFIDENCE, EVENTCODER_DB_MEMORY_LIMIT (see the README's Settings).
"""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode=None)
# soft_wrap: a message is one line on stderr, whatever the width (never wrapped into two lines).
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventcoder {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """eventcoder: news in, PLOVER events out."""


ModelOpt = Annotated[str, typer.Option("--model", envvar="EVENTCODER_MODEL",
                                       help="spaCy pipeline to load (package name or path).")]
KnowledgeOpt = Annotated[list[Path] | None, typer.Option(
    "--knowledge", help="Extra knowledge table (CSV) or folder of tables; repeatable. See docs/knowledge.md.")]


def _settings(model: str, knowledge: list[Path] | None, include_modal: bool | None = None,
              min_confidence: float | None = None) -> Settings:
    return Settings.from_env(model=model, knowledge_paths=tuple(knowledge or ()), include_modal=include_modal,
                             min_confidence=min_confidence)


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(
        help="Files or folders to code (.txt, .html/.htm, .jsonl, .json, .warc/.warc.gz); '-' reads standard input.",
        show_default=False)],
    output: Annotated[str | None, typer.Option(
        "-o", "--output",
        help="Where to write events: a file (format from its extension: .jsonl, .csv, .parquet, "
             ".plover.jsonl, .gdelt.tsv) or '-' for standard output. Default: standard output "
             "unless --db is given.")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="Output format: jsonl, csv, parquet, plover or gdelt (overrides the extension).")] = None,
    db: Annotated[Path | None, typer.Option(
        "--db", help="DuckDB database to store documents and events in (created if missing; "
                     "re-running updates rather than duplicates).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="With --db: code again documents already stored with the same content.")] = False,
    db_memory: Annotated[str | None, typer.Option(
        "--db-memory", help="With --db: cap on the memory the database (DuckDB) may use in this process, "
                            "e.g. 256MB, 2GB or 25% of RAM (default: DuckDB's 80% of RAM; setting "
                            "db_memory_limit).")] = None,
    include_modal: Annotated[bool, typer.Option(
        "--include-modal", help="Also output negated, future, hypothetical, denied and generic events "
                                "(flagged in 'modality').")] = False,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", help="Drop events below this confidence (0-1).")] = 0.0,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes to code in (each loads the model once); with --engine dask, "
                                       "the workers of the local Dask cluster.")] = 1,
    engine: Annotated[str, typer.Option(
        "--engine", help="local (this machine) or dask (a Dask cluster; pip install 'eventcoder[dask]'). "
                         "With dask, -o names a directory that becomes a Parquet dataset partitioned by "
                         "event date.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="With --engine dask: address of a running Dask scheduler (tcp://host:8786); "
                            "default: a local cluster on 127.0.0.1 with --workers processes.")] = None,
    unit: Annotated[str, typer.Option(
        "--unit", help="mention: one row per coded event (every report); event: one row per real-world "
                       "event, reports merged across documents, with n_sources.")] = "mention",
    model: ModelOpt = DEFAULT_MODEL,
    knowledge: KnowledgeOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Code news articles into PLOVER events.

    Writes one event per line (JSON Lines by default) with its type, mode, actors, recipients,
    date, location, modality, confidence and evidence sentences. Bad documents are reported on
    standard error, one line each, and skipped; the exit code is 1 only when nothing could be coded.
    With --db, documents already stored with the same content are skipped (unless --force), a changed
    document replaces its old events, and the event clusters are brought up to date at the end.
    """
    from .run import run

    settings = _settings(model, knowledge, include_modal, min_confidence)
    if engine not in ("local", "dask") or unit not in ("mention", "event"):
        err.print("error: --engine is local or dask; --unit is mention or event", markup=False)
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        err.print("error: --scheduler needs --engine dask", markup=False)
        raise typer.Exit(2)
    if db_memory is not None:
        if db is None:
            err.print("error: --db-memory needs --db", markup=False)
            raise typer.Exit(2)
        settings = replace(settings, db_memory_limit=db_memory)
    if output is None and db is None:
        output = "-"
    show = not quiet and err.is_terminal
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        TextColumn("{task.fields[docs]} docs, {task.fields[events]} events, "
                                   "{task.fields[fails]} failures"), TimeElapsedColumn(),
                        console=err, transient=True, disable=not show)
    task = progress.add_task("coding", total=None, docs=0, events=0, fails=0)
    counts = {"docs": 0, "events": 0, "fails": 0}

    def on_result(result) -> None:
        counts["docs"] += 1
        counts["events"] += len(result.events)
        progress.update(task, advance=1, **counts)

    def on_failure(message: str) -> None:
        counts["fails"] += 1
        progress.update(task, **counts)
        progress.console.print(f"error: {message}", markup=False, highlight=False)

    try:
        with progress:
            summary = run(inputs, output=output, fmt=fmt, db=db, settings=settings, force=force,
                          on_result=on_result, on_failure=on_failure, workers=workers, engine=engine,
                          scheduler=scheduler, unit=unit)
    except EventcoderError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2) from error
    if not quiet:
        err.print(summary.line(), markup=False)
    if summary.documents == 0 and summary.failures > 0:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold file (JSON Lines, see docs/evaluation.md).")],
    docs: Annotated[list[str] | None, typer.Option(
        "--docs", help="Documents to code and score (any input `code` reads); repeatable.")] = None,
    events: Annotated[Path | None, typer.Option(
        "--events", help="Score events already coded (JSON Lines) instead of coding --docs.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and false alarm with its evidence.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    model: ModelOpt = DEFAULT_MODEL,
    knowledge: KnowledgeOpt = None,
) -> None:
    """Score coded events against a gold standard: precision, recall, F1, per-type scores,
    type confusions, date and location accuracy, duplicates."""
    from .evaluate import evaluate as score
    from .evaluate import load_events, load_gold, render_report
    from .export import event_record
    from .pipeline import Coder

    if (docs is None) == (events is None):
        err.print("error: give either --docs (to code and score) or --events (to score a file)")
        raise typer.Exit(2)
    try:
        gold_docs = load_gold(gold)
        if events is not None:
            predictions = load_events(events)
        else:
            from .ingest import iter_documents

            settings = _settings(model, knowledge)
            documents = []
            for item in iter_documents(docs or [], settings):
                if isinstance(item, EventcoderError):
                    err.print(f"error: {item}", markup=False)
                else:
                    documents.append(item)
            predictions = [event_record(e) for r in Coder(settings).code(documents) for e in r.events]
        report = score(gold_docs, predictions)
    except EventcoderError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(render_report(report, errors=errors))


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file (a sentence longer than a file name is not one)."""
    try:
        return "\n" not in text and Path(text).is_file()
    except (OSError, ValueError):
        return False


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="A sentence or short text to explain, or a file path, or '-' for stdin.")],
    published: Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD.")] = None,
    model: ModelOpt = DEFAULT_MODEL,
    knowledge: KnowledgeOpt = None,
) -> None:
    """Show how a text is coded: each sentence's parse, the triggers found, the actors resolved
    and why each event was or was not produced."""
    from .explain import explain_text

    if text == "-":
        text = sys.stdin.read()
    elif _is_file(text):
        text = Path(text).read_text(encoding="utf-8", errors="replace")
    typer.echo(explain_text(text, _settings(model, knowledge), published=published))


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database made by `eventcoder code --db`.")],
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port to listen on.")] = 8000,
    writable: Annotated[bool, typer.Option(
        "--writable", help="Open the database read-write so that POST /api/code?store=true can store "
                           "(holds DuckDB's lock: no other process can open the file meanwhile).")] = False,
    max_body: Annotated[int, typer.Option(
        "--max-body", min=1, help="Largest request body accepted, in bytes (413 beyond it).")] = 5_000_000,
    code_timeout: Annotated[float, typer.Option(
        "--code-timeout", min=0, help="Most seconds a POST /api/code may take, waiting for the coder included "
                                      "(503 beyond it; 0: no limit).")] = 60.0,
    rate_limit: Annotated[float | None, typer.Option(
        "--rate-limit", min=0.001, help="POST /api/code requests a minute allowed per client address, in "
                                        "bursts of up to that many (429 beyond it). Default: no limit.")] = None,
    model: ModelOpt = DEFAULT_MODEL,
    knowledge: KnowledgeOpt = None,
) -> None:
    """Serve the web explorer and the HTTP API (OpenAPI at /docs) over a database of coded events.

    Read-only by default, opening the database per request, so `eventcoder code --db` can add to it
    between requests (while it writes, requests answer 503). Everything the page needs is shipped:
    it works with no internet.
    """
    import uvicorn

    from .web import create_app
    from .web.app import LOOPBACK_HOSTS

    settings = _settings(model, knowledge)
    # on a loopback address, answer only to loopback names (a page elsewhere cannot rebind its name to us)
    hosts = LOOPBACK_HOSTS if host.strip("[]").lower() in LOOPBACK_HOSTS else None

    def coder_factory() -> object:
        from .pipeline import Coder

        return Coder(settings)

    try:
        application = create_app(db, coder_factory=coder_factory, max_body=max_body, writable=writable,
                                 max_seconds=code_timeout, rate_limit=rate_limit, allowed_hosts=hosts)
    except EventcoderError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2) from error
    err.print(f"eventcoder explorer on http://{host}:{port}/ (API docs at /docs); Ctrl+C stops it",
              markup=False, highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("export")
def export_events(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database made by `eventcoder code --db`.")],
    output: Annotated[str, typer.Option(
        "-o", "--output", help="File to write (format from its extension, as for `code`) or '-' for "
                               "standard output.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="jsonl, csv, parquet, plover or gdelt (overrides the extension).")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="A participant: code (KEN, EU, KENCOP) or name.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="An actor in the actor (source) role: code or name.")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="An actor in the recipient (target) role: code or name.")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Events between two actors, 'A,B'.")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="ISO3 of a participant or the location.")] = None,
    sector: Annotated[str | None, typer.Option(
        "--sector", help="Sector code of a participant (GOV, MIL, REB, ...).")] = None,
    event_type: Annotated[list[str] | None, typer.Option(
        "--type", help="PLOVER event type(s), comma-separated or repeated.")] = None,
    quad: Annotated[list[str] | None, typer.Option(
        "--quad", help="PLOVER quad class(es): 1 verbal cooperation, 2 material cooperation, "
                       "3 verbal conflict, 4 material conflict.")] = None,
    mode: Annotated[str | None, typer.Option(
        "--mode", help="PLOVER event mode (arrest, visit, ...).")] = None,
    modality: Annotated[list[str] | None, typer.Option(
        "--modality", help="Modality: asserted, negated, future, hypothetical, denied, generic.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First date YYYY[-MM[-DD]].")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date YYYY[-MM[-DD]].")] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help="Words found in an evidence sentence (case-insensitive).")] = None,
    doc_id: Annotated[str | None, typer.Option("--doc", help="Only the events of this document id.")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", help="Only events at least this confident (0-1).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary line.")] = False,
) -> None:
    """Write the events of a database, or those matching filters, as JSON Lines, CSV, Parquet, PLOVER
    JSON Lines or the GDELT 2.0 event-table layout."""
    from pydantic import ValidationError

    from .export import EventWriter
    from .query import EventDatabase, EventFilter

    try:
        flt = EventFilter(actor=actor, source=source, target=target, dyad=dyad, country=country,
                          sector=sector,
                          event_type=event_type or [], quad=quad or [], mode=mode, modality=modality or [],
                          date_from=date_from, date_to=date_to, text=text, doc_id=doc_id,
                          min_confidence=min_confidence)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            where = ".".join(map(str, problem["loc"])) or "filter"
            err.print(f"error: {where}: {problem['msg'].removeprefix('Value error, ')}", markup=False,
                      soft_wrap=True)
        raise typer.Exit(2) from error
    try:
        with EventDatabase(db) as database, EventWriter(output, fmt) as writer:
            batch: list = []
            current = None
            for event, document in database.iter_events(flt):
                if batch and document is not current:
                    writer.write(batch, current)
                    batch = []
                batch.append(event)
                current = document
            if batch:
                writer.write(batch, current)
            count = writer.count
    except EventcoderError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2) from error
    if not quiet:
        err.print(f"{count} events written to {'standard output' if output == '-' else output}", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
