"""Tests that keep the documentation honest: they fail when something a user can type or set is undocumented,
when the README's quick start stops matching the repository, or when a doc links to a missing file.

The documentation is README.md plus docs/*.md. The contract for the README (issue 2): a section
"Quick start" whose first code block holds exactly three commands, in order: set-up (pip install), test
(the command .ci/run runs), and the main job (``eventcoder code <path in this repo> ...``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import typer

from eventcoder.cli import app
from eventcoder.config import Settings
from eventcoder.export import FORMATS
from eventcoder.ingest import KNOWN_EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def doc_files() -> list[Path]:
    return ([README] if README.exists() else []) + sorted(DOCS.glob("*.md"))


def docs_text() -> str:
    assert README.exists(), "README.md is missing"
    return "\n".join(p.read_text(encoding="utf-8") for p in doc_files())


def cli() -> Any:
    return typer.main.get_command(app)


def section(markdown: str, title: str) -> str:
    """The text of the section headed ``title`` (any level), up to the next heading of that level or higher."""
    match = re.search(rf"^(#+)\s*{re.escape(title)}\s*$", markdown, re.MULTILINE | re.IGNORECASE)
    assert match, f"no section {title!r}"
    level = len(match[1])
    rest = markdown[match.end():]
    end = re.search(rf"^#{{1,{level}}}\s", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def code_blocks(markdown: str) -> list[str]:
    return [m[1] for m in re.finditer(r"^```[^\n]*\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)]


def commands(block: str) -> list[str]:
    """The commands of a shell code block: comments and blank lines dropped, ``$ `` prompts removed."""
    out = []
    for line in block.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        line = line.removeprefix("$ ").strip()
        if line:
            out.append(line)
    return out


def quick_start() -> list[str]:
    assert README.exists(), "README.md is missing"
    blocks = code_blocks(section(README.read_text(encoding="utf-8"), "Quick start"))
    assert blocks, "the Quick start section has no code block"
    return commands(blocks[0])


# ------------------------------------------------------------------------------------ every CLI name

@pytest.mark.parametrize("name", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_every_command_is_documented(name: str) -> None:
    assert re.search(rf"eventcoder {re.escape(name)}\b", docs_text()), \
        f"`eventcoder {name}` appears nowhere in README.md or docs/*.md"


def _code_options() -> list[list[str]]:
    """Each option of ``code`` as its list of spellings (``["-o", "--output"]``), --help left out."""
    params = cli().commands["code"].params
    return sorted(p.opts + p.secondary_opts for p in params
                  if p.param_type_name == "option" and "--help" not in p.opts)


@pytest.mark.parametrize("spellings", _code_options(), ids=lambda s: max(s, key=len))
def test_every_option_of_code_is_documented(spellings: list[str]) -> None:
    """Documented under any of its names: ``--output`` or ``-o``."""
    text = docs_text()
    assert any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) for opt in spellings), \
        f"`eventcoder code {' / '.join(spellings)}` appears nowhere in README.md or docs/*.md"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_documented_with_its_variable(name: str) -> None:
    text = docs_text()
    assert re.search(rf"\b{name}\b", text), f"setting {name} appears nowhere in the docs"
    assert f"EVENTCODER_{name.upper()}" in text, f"EVENTCODER_{name.upper()} appears nowhere in the docs"


def test_no_documented_variable_is_stale() -> None:
    """Every EVENTCODER_* variable the docs mention is a real setting."""
    real = {f"EVENTCODER_{f.name.upper()}" for f in fields(Settings)}
    mentioned = set(re.findall(r"EVENTCODER_[A-Z_]*[A-Z]", docs_text()))
    assert mentioned <= real, f"documented but not settings: {sorted(mentioned - real)}"


def test_every_output_format_and_input_extension_is_documented() -> None:
    text = docs_text()
    for fmt in FORMATS:
        assert re.search(rf"`{fmt}`|\b{fmt}\b", text), fmt
    for ext in KNOWN_EXTENSIONS:
        head, _, tail = ext[1:].partition(".")
        written = (ext, f".{head}(.{tail})") if tail else (ext,)  # ".warc.gz" may be written ".warc(.gz)"
        assert any(w in text for w in written), f"input extension {ext} appears nowhere in the docs"


# --------------------------------------------------------------------------------------- quick start

def test_quick_start_has_three_commands() -> None:
    assert len(quick_start()) == 3, quick_start()


def test_quick_start_set_up_installs_this_package() -> None:
    setup = quick_start()[0]
    words = shlex.split(setup)
    assert "pip" in words and "install" in words, setup
    target = words[-1]
    assert target.split("[")[0] in (".", "./", str(ROOT)) or target.startswith((".[", "./[")), \
        f"the set-up installs this checkout: {setup}"
    extras = re.findall(r"\[([\w,-]+)\]", target)
    if extras:
        import tomllib

        declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get(
            "optional-dependencies", {})
        for extra in extras[0].split(","):
            assert extra in declared, f"extra [{extra}] is not declared in pyproject.toml"


def test_quick_start_test_command_is_what_ci_runs() -> None:
    test = quick_start()[1]
    assert "pytest" in test, test
    ci = ROOT / ".ci" / "run"
    assert ci.exists(), ".ci/run is missing"
    ci_commands = commands(ci.read_text(encoding="utf-8"))
    assert test in ci_commands, f".ci/run does not run the README's test command {test!r}: {ci_commands}"


def test_quick_start_main_job_codes_a_folder_of_this_repo() -> None:
    job = shlex.split(quick_start()[2])
    assert job[:2] == ["eventcoder", "code"], job
    assert job[2] in cli().commands["code"].params[0].opts or not job[2].startswith("-")
    inputs = []
    for word in job[2:]:
        if word.startswith("-"):
            break
        inputs.append(word)
    assert inputs, f"the main job names no input: {job}"
    for item in inputs:
        path = ROOT / item
        assert path.exists(), f"the main job's input {item} is not in the repository"
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.name.lower().endswith(KNOWN_EXTENSIONS)]
            assert files, f"{item} holds no article eventcoder reads"


def test_quick_start_main_job_is_among_the_help_examples() -> None:
    job = quick_start()[2]
    assert job.startswith("eventcoder code examples/")
    from eventcoder.cli import HELP

    assert job.split(" -o ")[0] in HELP


# -------------------------------------------------------------------------------------------- links

def _links() -> list[tuple[str, str]]:
    """(document, target) of every relative Markdown link of the docs, each once."""
    found: dict[tuple[str, str], None] = {}
    for path in doc_files():
        for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:|#", target):
                found[(str(path.relative_to(ROOT)), target)] = None
    return list(found)


@pytest.mark.parametrize(("doc", "target"), _links())
def test_relative_links_point_to_existing_files(doc: str, target: str) -> None:
    path = (ROOT / doc).parent / target.split("#")[0]
    assert path.exists(), f"{doc} links to {target}, which does not exist"
