"""Contexts: which of PLOVER's 37 contexts an event belongs to (human_rights, diplomatic, ...).

Reads: the sentence text and the document text; the cue table ``data/contexts.csv``.
Writes: a sorted list of context names. A context is on an event when its cues occur in the
event's sentence, or at least twice in the document (the document's subject carries over to
each of its events: a visit in a story about human rights is a human-rights engagement).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, str]]:
    text = resources.files("eventcoder.data").joinpath("contexts.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    cue_to_context: dict[str, str] = {}
    for row in rows:
        for cue in row["cues"].split("|"):
            cue_to_context.setdefault(cue.strip().lower(), row["context"])
    ordered = sorted(cue_to_context, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in ordered) + r")(?![\w-])")
    return pattern, cue_to_context


def count_contexts(text: str) -> Counter[str]:
    """How often each context's cues occur in a text."""
    pattern, table = _cues()
    return Counter(table[m.group(1)] for m in pattern.finditer(text.lower()))


def document_contexts(text: str, min_count: int = 2) -> set[str]:
    """Contexts a whole document is about (cues seen at least ``min_count`` times)."""
    return {c for c, n in count_contexts(text).items() if n >= min_count}


def event_contexts(sentence: str, doc_contexts: set[str]) -> list[str]:
    """Contexts of an event: its sentence's, plus its document's."""
    return sorted(set(count_contexts(sentence)) | doc_contexts)
