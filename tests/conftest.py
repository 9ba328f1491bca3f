"""Shared test fixtures.

- ``coder``: one :class:`eventcoder.pipeline.Coder` with default settings for the whole test session, so
  the spaCy model and the knowledge tables load once. Treat it as read-only (do not change its settings).
  Library runs can reuse it: ``run(inputs, output=..., coder=coder)``.
- ``ARTICLES``: tests/fixtures/articles/, our own example articles: ``good/`` (one event-rich article per
  input format: .txt, .html with boilerplate, .jsonl, a cp1252 .txt) and ``bad/`` (an empty, a binary, an
  undecodable file, an HTML page with no article, a JSON Lines file with a broken line and a line
  without ``text`` between two good ones). See tests/fixtures/articles/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.config import Settings
from eventcoder.pipeline import Coder

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="session")
def coder() -> Coder:
    """A Coder with default settings (not the environment's), loaded once per test session."""
    return Coder(Settings())
