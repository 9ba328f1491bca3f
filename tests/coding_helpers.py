"""Helpers shared by the tests that code sentences written for them."""

from __future__ import annotations

from collections.abc import Callable

from eventcoder.models import Event
from eventcoder.pipeline import Coder


def code(coder: Coder, text: str, published: str) -> list[Event]:
    """The events of ``text`` published on ``published``; the document must not fail."""
    result = coder.code_text(text, published=published)
    assert result.error is None
    return result.events


def coding_at(published: str) -> Callable[[Coder, str], list[Event]]:
    """``code`` with the publication date a test module's sentences are told on."""
    def code_on(coder: Coder, text: str) -> list[Event]:
        return code(coder, text, published)
    return code_on


def only(events: list[Event], event_type: str) -> Event:
    """The one event of ``event_type`` (the test fails, listing what was coded, otherwise)."""
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.rule, [a.text for a in e.actors]) for e in events]
    return found[0]


def sides(actors) -> set[tuple[str | None, str | None]]:
    """The (country, sector) pairs of one role."""
    return {(a.country, a.sector) for a in actors}
