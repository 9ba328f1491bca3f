"""The database's memory cap (setting ``db_memory_limit``, ``EVENTCODER_DB_MEMORY_LIMIT``, ``--db-memory``):
it reaches DuckDB's ``memory_limit`` from the Store, from the settings of a run and from the command line,
and a value that is not a memory size is a StoreError (E400) before anything is opened or coded."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventcoder import store as store_module
from eventcoder.config import Settings
from eventcoder.errors import StoreError
from eventcoder.run import run
from eventcoder.store import Store, check_memory_limit


def _limit(store: Store) -> str:
    return store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_the_limit_reaches_duckdb(tmp_path: Path) -> None:
    db = tmp_path / "capped.duckdb"
    with Store(db, memory_limit="256MB") as store:
        assert _limit(store) == "244.1 MiB" and store.memory_limit == "256MB"  # DuckDB prints MiB
    with Store(db, read_only=True, memory_limit="1GiB") as store:
        assert _limit(store) == "1.0 GiB"
    with Store(db) as store:  # no limit: DuckDB's own default (80 % of RAM), not a leftover of the last open
        assert _limit(store) not in ("244.1 MiB", "1.0 GiB") and store.memory_limit is None
    with Store(":memory:", memory_limit=" 25% ") as store:
        assert store.memory_limit == "25%" and _limit(store).endswith("B")


@pytest.mark.parametrize("value", ["12", "lots", "-1", "1e3MB", "10KB", "31MB", "0%", "150%", ""])
def test_a_bad_limit_is_a_store_error_and_opens_nothing(tmp_path: Path, value: str) -> None:
    db = tmp_path / "never.duckdb"
    with pytest.raises(StoreError) as info:
        Store(db, memory_limit=value)
    message = str(info.value)
    assert "[E400]" in message and "db_memory_limit" in message and repr(value) in message
    assert "256MB" in message and str(db) in message  # what to write instead, and which database
    assert not db.exists()


@pytest.mark.parametrize("value", ["32MB", "256 MB", "2gb", "1.5GB", "512MiB", "1TiB", "100%"])
def test_accepted_limits(value: str) -> None:
    assert check_memory_limit(value) == value.strip()
    duckdb.connect(config={"memory_limit": value}).close()  # and DuckDB takes each of them


@pytest.fixture
def seen_limits(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The memory_limit of every Store opened while the test runs."""
    seen: list[str | None] = []
    real = store_module.Store.__init__

    def spy(self: Store, *args: object, **kwargs: object) -> None:
        real(self, *args, **kwargs)  # type: ignore[arg-type]
        seen.append(_limit(self) if self.memory_limit else None)

    monkeypatch.setattr(store_module.Store, "__init__", spy)
    return seen


def test_a_run_passes_the_setting_to_its_store(tmp_path: Path, seen_limits: list[str | None],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "one.txt"
    doc.write_text("Kenyan police arrested 37 protesters in Nairobi on Monday.\n", encoding="utf-8")
    run([doc], db=tmp_path / "a.duckdb", settings=Settings(db_memory_limit="128MB"))
    assert seen_limits == ["122.0 MiB"]
    monkeypatch.setenv("EVENTCODER_DB_MEMORY_LIMIT", "64MB")
    assert Settings.from_env().db_memory_limit == "64MB"
    run([doc], db=tmp_path / "a.duckdb")  # settings from the environment
    assert seen_limits[-1] == "61.0 MiB"


def test_the_command_line_option(tmp_path: Path, seen_limits: list[str | None]) -> None:
    from eventcoder.cli import app

    doc = tmp_path / "one.jsonl"
    doc.write_text(json.dumps({"id": "n1", "text": "Ugandan police detained two journalists in Kampala on "
                                                    "Friday.", "published": "2024-03-01"}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "c.duckdb"
    ok = CliRunner().invoke(app, ["code", str(doc), "--db", str(db), "--db-memory", "96MB", "-q"])
    assert ok.exit_code == 0, ok.output
    assert seen_limits == ["91.5 MiB"]
    bad = CliRunner().invoke(app, ["code", str(doc), "--db", str(tmp_path / "d.duckdb"), "--db-memory", "plenty"])
    assert bad.exit_code == 2 and "db_memory_limit" in bad.output and "[E400]" in bad.output
    assert not (tmp_path / "d.duckdb").exists()
    alone = CliRunner().invoke(app, ["code", str(doc), "--db-memory", "96MB"])
    assert alone.exit_code == 2 and "--db-memory needs --db" in alone.output
