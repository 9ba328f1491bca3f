"""The ``eventcoder`` command line: ``code`` on our own articles, output formats, stdout/stderr discipline,
the database, bad input and exit codes, and the help texts.

Most tests call the Typer app in-process (``typer.testing.CliRunner``; the spaCy model stays loaded between
runs); a few run the installed ``eventcoder`` entry point in a subprocess. Exit codes: 0 when something was
coded, 1 when nothing could be coded, 2 on a usage error.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner, Result

from eventcoder.cli import app
from eventcoder.config import Settings
from eventcoder.export import FLAT_COLUMNS, GDELT_COLUMNS
from eventcoder.models import EVENT_TYPES
from eventcoder.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
GOOD = ARTICLES / "good"
BAD = ARTICLES / "bad"
N_GOOD_DOCS = 5
SUMMARY = re.compile(r"^(\d+) documents coded, (\d+) events, (\d+) failures.* in [\d.]+ s ", re.MULTILINE)


def invoke(*args: str, stdin: str | None = None) -> Result:
    """Run ``eventcoder ARGS`` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=stdin, prog_name="eventcoder")


def summary_of(result: Result) -> tuple[int, int, int]:
    """(documents, events, failures) from the summary line on stderr."""
    match = SUMMARY.search(result.stderr)
    assert match, result.stderr
    return int(match[1]), int(match[2]), int(match[3])


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module", autouse=True)
def _warm(coder: object) -> None:
    """Load the model once for the module (the in-process runs then reuse it)."""


# ------------------------------------------------------------------------------------------- code

def test_code_a_folder_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("code", str(GOOD), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "", "data goes to the file, nothing to stdout"
    docs, n_events, failures = summary_of(result)
    assert (docs, failures) == (N_GOOD_DOCS, 0)
    records = jsonl(out.read_text(encoding="utf-8"))
    assert len(records) == n_events > 0
    for key in ("id", "doc_id", "event_type", "event_mode", "actors", "recipients", "date", "location",
                "evidence", "modality", "confidence", "stage"):
        assert all(key in r for r in records), key
    types = {r["event_type"] for r in records}
    assert {"COERCE", "SANCTION", "CONSULT", "ASSAULT"} <= types
    kenya = [r for r in records if r["event_type"] == "COERCE"]
    assert any(a["country"] == "KEN" and a["sector"] == "COP" for r in kenya for a in r["actors"])
    sanctions = [r for r in records if r["event_type"] == "SANCTION"]
    assert any(any(a["org"] == "EU" for a in r["actors"]) and any(a["country"] == "IRN" for a in r["recipients"])
               for r in sanctions), sanctions


def test_dash_o_dash_writes_only_events_to_stdout() -> None:
    result = invoke("code", str(GOOD / "briefs.jsonl"), "-o", "-")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)  # every line of stdout is an event
    assert len(records) == summary_of(result)[1] >= 2
    assert {r["doc_id"] for r in records} == {"brief-modi-kishida", "brief-ukraine-refinery"}
    assert "documents coded" not in result.stdout


def test_without_output_events_go_to_stdout() -> None:
    result = invoke("code", str(GOOD / "briefs.jsonl"))
    assert result.exit_code == 0
    assert len(jsonl(result.stdout)) == summary_of(result)[1]


def test_quiet_prints_no_summary() -> None:
    result = invoke("code", str(GOOD / "briefs.jsonl"), "-q")
    assert result.exit_code == 0 and result.stderr == ""
    assert jsonl(result.stdout)


def test_standard_input_to_standard_output() -> None:
    text = (GOOD / "kenya_arrests.txt").read_text(encoding="utf-8")
    result = invoke("code", "-", "-o", "-", stdin=text)
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert summary_of(result)[0] == 1
    coerce = [r for r in records if r["event_type"] == "COERCE"]
    assert coerce and coerce[0]["date"]["value"] == "2024-03-04"
    ev = coerce[0]["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["sentence"]


@pytest.mark.parametrize("name", ["events.jsonl", "events.csv", "events.parquet", "events.plover.jsonl",
                                  "events.gdelt.tsv"])
def test_output_format_from_the_extension(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = invoke("code", str(GOOD / "briefs.jsonl"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    n_events = summary_of(result)[1]
    if name.endswith(".parquet"):
        table = pq.read_table(out)
        assert table.num_rows == n_events and table.column_names == list(FLAT_COLUMNS)
    elif name.endswith(".gdelt.tsv"):
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
        assert rows[0] == list(GDELT_COLUMNS) and len(rows) == n_events + 1
    elif name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert len(rows) == n_events and {r["event_type"] for r in rows} <= set(EVENT_TYPES)
    elif name.endswith(".plover.jsonl"):
        records = jsonl(out.read_text(encoding="utf-8"))
        assert len(records) == n_events and all("actor" in r and "cite_info" in r for r in records)
    else:
        records = jsonl(out.read_text(encoding="utf-8"))
        assert len(records) == n_events and all("actors" in r for r in records)


@pytest.mark.parametrize(("fmt", "check"), [
    ("csv", lambda out: next(csv.reader(io.StringIO(out))) == list(FLAT_COLUMNS)),
    ("gdelt", lambda out: out.splitlines()[0].split("\t") == list(GDELT_COLUMNS)),
    ("plover", lambda out: all("event_loc" in r for r in jsonl(out))),
    ("jsonl", lambda out: all("evidence" in r for r in jsonl(out))),
])
def test_format_option_on_stdout(fmt: str, check: Any) -> None:
    result = invoke("code", str(GOOD / "briefs.jsonl"), "--format", fmt, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout), result.stdout[:500]


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("code", str(GOOD / "briefs.jsonl"), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(",".join(FLAT_COLUMNS) + "\n")


# ----------------------------------------------------------------------------------- usage errors: 2

@pytest.mark.parametrize("args", [
    pytest.param(["code"], id="no-inputs"),
    pytest.param(["code", str(GOOD / "briefs.jsonl"), "--format", "yaml"], id="unknown-format"),
    pytest.param(["code", str(GOOD / "briefs.jsonl"), "-o", "events.xyz"], id="unknown-extension"),
    pytest.param(["code", str(GOOD / "briefs.jsonl"), "-f", "parquet", "-o", "-"], id="parquet-to-stdout"),
    pytest.param(["code", str(GOOD / "briefs.jsonl"), "--workers", "0"], id="zero-workers"),
    pytest.param(["code", str(GOOD / "briefs.jsonl"), "--no-such-option"], id="unknown-option"),
    pytest.param(["no-such-command"], id="unknown-command"),
])
def test_usage_errors_exit_2_with_a_message_on_stderr(args: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.stderr.strip(), "the user is told what is wrong"
    assert list(tmp_path.iterdir()) == [], "nothing is written"


def test_unknown_format_message_names_the_choices() -> None:
    result = invoke("code", str(GOOD / "briefs.jsonl"), "--format", "yaml")
    (line,) = error_lines(result)
    assert "yaml" in line and all(f in line for f in ("jsonl", "csv", "parquet", "plover", "gdelt"))


# ------------------------------------------------------------------------------------------ database

def test_db_rerun_does_not_duplicate_and_force_recodes(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = invoke("code", str(GOOD), "--db", str(db))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "", "with --db and no -o nothing goes to stdout"
    docs, n_events, _ = summary_of(first)
    with Store(db) as store:
        counts = store.counts()
    assert (counts["documents"], counts["events"]) == (docs, n_events)
    assert docs == N_GOOD_DOCS and n_events > 0

    again = invoke("code", str(GOOD), "--db", str(db))
    assert again.exit_code == 0, again.stderr
    assert summary_of(again)[0] == 0 and f"{N_GOOD_DOCS} skipped" in again.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == counts["documents"]
        assert store.counts()["events"] == counts["events"]

    forced = invoke("code", str(GOOD), "--db", str(db), "--force")
    assert forced.exit_code == 0 and summary_of(forced)[0] == N_GOOD_DOCS
    with Store(db) as store:
        assert store.counts()["documents"] == counts["documents"]
        assert store.counts()["events"] == counts["events"]


def test_db_tables_are_queryable_with_duckdb(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "events.duckdb"
    assert invoke("code", str(GOOD / "briefs.jsonl"), "--db", str(db), "-q").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        assert {"documents", "events"} <= tables
        ids = {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}
        assert ids == {"brief-modi-kishida", "brief-ukraine-refinery"}
        types = {row[0] for row in con.execute("SELECT event_type FROM events").fetchall()}
        assert {"CONSULT", "ASSAULT"} <= types
    finally:
        con.close()


# ------------------------------------------------------------------------------------------ bad input

EXPECTED_ERRORS = {  # where (file, or file:line) -> a word of the message
    "empty.txt": "empty",
    "photo.txt": "binary",
    "garbage.txt": "UTF-8",
    "menu_only.html": "no article",
    "feed.jsonl:2": "JSON",
    "feed.jsonl:3": "text",
}


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("code", str(BAD), "-o", str(out))
    assert result.exit_code == 0, "something was coded (two good lines of feed.jsonl)"
    errors = error_lines(result)
    assert len(errors) == len(EXPECTED_ERRORS), result.stderr
    for where, word in EXPECTED_ERRORS.items():
        hits = [line for line in errors if f"{BAD.name}/{where}:" in line]
        assert len(hits) == 1, (where, errors)
        assert word.lower() in hits[0].lower()
    # every stderr line is a message or the summary: nothing is wrapped onto a second line
    assert all(line.startswith("error: ") or SUMMARY.match(line) for line in result.stderr.splitlines()), \
        result.stderr
    assert summary_of(result) == (2, summary_of(result)[1], len(EXPECTED_ERRORS))
    assert {r["doc_id"] for r in jsonl(out.read_text(encoding="utf-8"))} == {"feed-1", "feed-4"}


def test_nothing_coded_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "bad_only"
    folder.mkdir()
    for name in ("empty.txt", "photo.txt", "garbage.txt", "menu_only.html"):
        shutil.copy(BAD / name, folder / name)
    result = invoke("code", str(folder), str(tmp_path / "missing.txt"), "-o", "-")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(error_lines(result)) == 5
    assert any("missing.txt" in line for line in error_lines(result))
    assert summary_of(result) == (0, 0, 5)


def test_good_and_bad_together_exit_0_and_keep_every_event(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD / "kenya_arrests.txt", folder / "a_kenya.txt")
    shutil.copy(BAD / "garbage.txt", folder / "b_garbage.txt")
    shutil.copy(GOOD / "eu_sanctions.html", folder / "c_eu.html")
    shutil.copy(BAD / "empty.txt", folder / "d_empty.txt")
    out = tmp_path / "events.csv"
    result = invoke("code", str(folder), "-o", str(out))
    assert result.exit_code == 0
    docs, n_events, failures = summary_of(result)
    assert (docs, failures) == (2, 2)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n_events
    assert {"COERCE", "SANCTION"} <= {r["event_type"] for r in rows}


def test_stdin_garbage_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["code", "-", "-o", "-"], input=(BAD / "photo.txt").read_bytes(),
                                prog_name="eventcoder")
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "<stdin>" in line and "binary" in line


def test_a_5mib_text_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "The council met on Tuesday to discuss road repairs and school budgets for the year.\n"
    big.write_text((line * (5 * 2**20 // len(line) + 1))[:5 * 2**20], encoding="utf-8")
    result = invoke("code", str(big), "-o", "-")
    assert result.exit_code == 1
    (message,) = error_lines(result)
    assert "big.txt" in message and "5,242,880" in message and "max_bytes" in message


# --------------------------------------------------------------------------------------------- help

def _command() -> Any:
    """The Click group behind the Typer app (Typer vendors its own Click: compare by duck type)."""
    command = typer.main.get_command(app)
    assert hasattr(command, "commands")
    return command


def test_top_level_help_lists_every_command_and_examples() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in _command().commands:
        assert re.search(rf"^\s+{re.escape(name)}\s", result.stdout, re.MULTILINE), name
    assert "eventcoder code examples/ -o events.jsonl" in result.stdout
    assert "Examples" in result.stdout


def test_top_level_help_names_every_environment_variable() -> None:
    """The help says settings come from EVENTCODER_* variables: it names each one, and no other."""
    text = invoke("--help").stdout
    names = {f"EVENTCODER_{f.upper()}" for f in Settings.__dataclass_fields__}
    mentioned = set(re.findall(r"EVENTCODER_[A-Z_]+[A-Z]", text))
    assert mentioned == names


def test_no_arguments_shows_the_help() -> None:
    result = invoke()
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.stdout + result.stderr and "code" in result.stdout + result.stderr


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and re.fullmatch(r"eventcoder \d+\.\d+\.\d+\S*\n", result.stdout)


@pytest.mark.parametrize("name", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_each_command_help_reads_like_a_manual(name: str) -> None:
    """Exit 0, a description, and every option and argument described."""
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.stderr
    command = _command().commands[name]
    assert command.help and len(command.help.split()) >= 5, "the command says what it does"
    words = " ".join(result.stdout.split())  # the help is re-wrapped to the terminal width
    assert " ".join(command.help.split("\n\n")[0].split()) in words
    for param in command.params:
        if param.param_type_name == "option":
            for opt in param.opts + param.secondary_opts:
                assert opt in result.stdout, f"{name} --help does not mention {opt}"
            assert param.help and len(param.help.split()) >= 3, f"{name} {param.opts[0]} has no real help"
        elif param.param_type_name == "argument":
            assert (getattr(param, "help", None) or "").strip(), f"{name} argument {param.name} has no help"


# ------------------------------------------------------------------------------ the installed command

def _entry_point() -> list[str]:
    exe = shutil.which("eventcoder")
    if exe is None:
        pytest.fail("the eventcoder entry point is not on PATH: install the package (pip install -e .)")
    return [exe]


def test_installed_entry_point_help() -> None:
    done = subprocess.run([*_entry_point(), "--help"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Usage: eventcoder" in done.stdout and "code" in done.stdout


@pytest.mark.slow
def test_installed_entry_point_stdin_to_stdout() -> None:
    """cat article.txt | eventcoder code - -o -  : events on stdout, the summary on stderr."""
    text = (GOOD / "kenya_arrests.txt").read_bytes()
    done = subprocess.run([*_entry_point(), "code", "-", "-o", "-"], input=text, check=False, capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert any(r["event_type"] == "COERCE" for r in records)
    stderr = done.stderr.decode("utf-8")
    assert SUMMARY.search(stderr) and "\x1b[" not in stderr, "no progress bar or colour when not a terminal"


@pytest.mark.slow
def test_installed_entry_point_exit_codes(tmp_path: Path) -> None:
    """1 when nothing could be coded, 2 on a usage error, messages on stderr, stdout empty."""
    nothing = subprocess.run([*_entry_point(), "code", str(BAD / "empty.txt"), str(BAD / "photo.txt")],
                             check=False, capture_output=True, text=True, timeout=120)
    assert nothing.returncode == 1 and nothing.stdout == ""
    assert len([x for x in nothing.stderr.splitlines() if x.startswith("error: ")]) == 2
    usage = subprocess.run([*_entry_point(), "code"], check=False, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and usage.stdout == "" and "Missing argument" in usage.stderr
    module = subprocess.run([sys.executable, "-m", "eventcoder.cli", "--version"], check=False, capture_output=True, text=True,
                            timeout=60)
    assert module.returncode == 0 and module.stdout.startswith("eventcoder ")


def test_explain_takes_a_text_longer_than_a_file_name() -> None:
    # a paragraph is not mistaken for a path, however long ("File name too long" must not escape)
    text = ("The Kenyan foreign minister met his Ugandan counterpart in Kampala on Monday to discuss the "
            "border. " * 4).strip()
    assert len(text) > 300
    result = invoke("explain", text)
    assert result.exit_code == 0, result.stderr
    assert "CONSULT" in result.stdout
