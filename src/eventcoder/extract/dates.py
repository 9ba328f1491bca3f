"""Date stage: the DATE expressions spaCy found in a sentence -> one DateValue.

Contract
--------
``resolve_date(expressions, published)`` walks the expressions in order and
returns the first one that names a point in time, resolved against the
publication date (ISO ``YYYY-MM-DD`` or None). Text is never searched freely
for dates: only the expressions given are read.

Decisions:

* Granularity is what the text gives: ``"Nov. 20, 2000"`` -> day,
  ``"in March 2024"`` -> month ``2024-03``, ``"2019"`` -> year. dateparser fills
  missing parts with defaults; those defaults are never reported.
* Day and month without a year: with a publication date, the year that puts the
  date closest to it and not after it (after it only when the text says
  ``next``); without one, the partial value ``--MM-DD``.
* A bare month (``"in March"``) resolves the same way to ``YYYY-MM``.
* Weekdays: the most recent such day on or before the publication date (the
  publication's own weekday means the publication day); ``last Friday`` is
  strictly before it, ``next Friday`` strictly after it.
* ``"the 20th"``: that day of the publication month, or of the month before
  when the 20th is still to come.
* Weeks and weekends (``last week``, ``earlier this week``, ``over the
  weekend``, ``two weeks ago``) are spans, not days: they resolve to the month
  that contains the whole span (to the year when the span crosses months; to
  nothing when it crosses years).
* Not points in time, skipped: durations (``17 years``, ``two-day``,
  ``for three weeks``, ``the past two years``), ages (``61-year-old``),
  frequencies (``daily``, ``annual``), decades and centuries (``the 1990s`` is
  skipped: a decade is not a granularity we can state, and a year would claim
  a precision the text does not give), anaphoric days (``that day``,
  ``three days later``: they depend on a date we do not track), and generic
  phrases (``these days``, ``nowadays``, ``at present``).
* Relative expressions without a publication date are skipped (they would
  otherwise resolve against today's clock).
* Nothing resolved: the publication date (``resolution="publication"``), or
  ``DateValue()`` (``resolution="none"``) when there is none.

Speed: the result per (expression, publication date) is cached, and one
dateparser ``DateDataParser`` is built per publication date (also cached), with
``languages=['en']`` (language detection is ~22x slower).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser

from eventcoder.models import DateValue

from .syntax import QUOTING_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["resolve_date", "resolve_sentence_date"]

Resolved = tuple[str, str, str]  # (value, granularity, resolution)

# A leap-year base for parsing expressions that carry no relative part, so
# "Feb. 29" parses and the month/day of "Nov. 20" come out unchanged.
_NO_PUB_BASE = dt.datetime(2000, 12, 31)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
FUTURE_AUX = frozenset({"will", "shall", "'ll"})  # the auxiliaries of the future tense
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_NUMWORD = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
            r"|thirty|forty|fifty|hundred|few|several|many|some|couple(?: of)?|dozen|half(?: an?)?)")
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centuries)"

_MONTH_RE = re.compile(rf"\b{_MONTH}(?![a-z])")
_YEAR_RE = re.compile(r"(?<![\d,.:/-])(1[0-9]\d\d|20\d\d|21\d\d)(?![\d,:])")
_ISO_DAY_RE = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_ISO_MONTH_RE = re.compile(r"\b\d{4}-(?:0?[1-9]|1[0-2])\b")
_NUMERIC_DAY_RE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b")
_DAY_NUMBER_RE = re.compile(r"(?<![\d-])(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d-])")
_DAY_WORD_RE = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|night|days? ago|days? from now)\b")

_SKIP_PATTERNS = (
    r"year-old|years? old|\baged?\b",                                     # ages
    r"\d0'?s\b|\b(?:twen|thir|for|fif|six|seven|eigh|nine)ties\b",         # decades
    r"\b(?:decades?|century|centuries|millenni(?:um|a)|era)\b",
    r"\b(?:daily|weekly|monthly|yearly|annual(?:ly)?|biannual|biennial|quarterly|hourly|nightly)\b",
    r"\b(?:every|each|per)\b",                                              # frequencies
    r"\b(?:these days|those days|nowadays|at present|the present|currently|recently|lately|soon)\b",
    r"\b(?:the future|the past|in time|times|once|ever)\b",                # generic
    rf"\b\w+-{_UNIT}s?\b|\b{_UNIT}s?-(?:long|end)\b",                      # "two-day", "year-end"
    rf"\b(?:past|previous|following|coming|same|whole|entire|prior|preceding) {_UNIT}\b",
    rf"\b{_UNIT}s? (?:later|earlier|afterwards?|on\b|(?:before|after)(?! yesterday| tomorrow))",
    rf"^(?:the|that|a|an|one|some|all|the next|the last)(?: {_UNIT}| morning| evening| afternoon| night)?$",
    r"^day one$|^(?:the|that) time$",                                        # anaphoric
    r"^(?:since|for|within|throughout|until|till|through|from) ",            # spans
)
_SKIP_RE = re.compile("|".join(_SKIP_PATTERNS))
# A quantity and a unit ("17 years", "one day") is a duration unless anchored.
_DURATION_RE = re.compile(rf"\b{_NUMWORD} (?:(?:full|more|long|whole|straight|consecutive|additional|further|short"
                          rf"|other|odd|or so) )?{_UNIT}s?\b"
                          r"|\b(?:second|minute|hour|day|week|fortnight|month|year)s\b")
_ANCHOR_RE = re.compile(r"\b(?:ago|from now)\b|\bthe day (?:before yesterday|after tomorrow)\b")
_FUTURE_RE = re.compile(r"\b(?:next|later|coming|upcoming|tomorrow|from now)\b")

_LEADING_RE = re.compile(r"^(?:on|in|at|by|during|of|over|around|about|circa|as of|as early as|as late as)\s+")
_CLOCK_RE = re.compile(r"\b(?:at )?\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)|\b\d{1,2}:\d\d\b"
                       r"|\b(?:local time|gmt|utc|noon|midnight)\b")
_PART_OF_DAY_RE = re.compile(r"\b(?:morning|afternoon|evening|night|overnight)\b")
_MODIFIER_RE = re.compile(
    r"^(?:(?:the )?(?:very )?(?:early|earlier|late|later|middle of|mid|end of|beginning of|start of"
    r"|(?:first|second|third|fourth|last|final) (?:week|half|days?|weekend) of)(?:-|\s+)(?:in |on |of )?)+"
    r"|^the (?:morning|afternoon|evening|night) of "
)
_DAY_RANGE_RE = re.compile(rf"({_MONTH} \d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*\d{{1,2}}\b"
                           rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*\d{{1,2}}(?:st|nd|rd|th)?"
                           rf"(?= {_MONTH})")
_WEEKDAY_ONLY_RE = re.compile(rf"(?:(last|this|next|this coming|this past|past|coming) )?({_WEEKDAY})")
_WEEKEND_RE = re.compile(r"(?:(the|this|last|next|this coming|this past|past|coming) )?weekend")
_ORDINAL_ONLY_RE = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?")
_SEASON_RE = re.compile(r"(?:(this|last|the) )?(spring|summer|autumn|fall)(?: of)?(?: (\d{4}))?")
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
# What a resolved value may look like: YYYY-MM-DD, YYYY-MM, YYYY (years 0001-9999) or --MM-DD.
_VALUE_RE = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
                       r"|--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")


# ----------------------------------------------------------------- public API


def resolve_date(expressions: Sequence[str], published: str | None) -> DateValue:
    """Resolve the first expression that names a point in time.

    ``expressions`` are DATE entity texts in sentence order; ``published`` is
    the document's publication date (ISO ``YYYY-MM-DD``; anything else counts
    as unknown). Returns the resolved DateValue with ``text`` set to the
    expression used; else the publication date (``resolution="publication"``);
    else ``DateValue()`` (``resolution="none"``).
    """
    pub = _publication(published)
    pub_iso = pub.isoformat() if pub else None
    for expression in expressions:
        hit = _resolve_cached(expression, pub_iso)
        if hit is not None:
            value, granularity, resolution = hit
            return DateValue(value=value, text=expression, granularity=granularity,  # type: ignore[arg-type]
                             resolution=resolution)  # type: ignore[arg-type]
    if pub_iso:
        return DateValue(value=pub_iso, granularity="day", resolution="publication")
    return DateValue()


def forward_weekday(expression: str | None, published: str | None) -> DateValue | None:
    """A bare weekday read forward ("on Tuesday, the minister will travel ..." is the coming
    Tuesday, or the publication day itself when it is a Tuesday); None when ``expression`` is not a
    bare weekday or the publication date is unknown."""
    pub = _publication(published)
    m = _WEEKDAY_ONLY_RE.fullmatch(_core(_normalise(expression or "")))
    if pub is None or m is None or m.group(1):
        return None
    hit = _weekday("", m.group(2), pub, ahead=True)
    if hit is None:
        return None
    value, granularity, resolution = hit
    return DateValue(value=value, text=expression, granularity=granularity,  # type: ignore[arg-type]
                     resolution=resolution)  # type: ignore[arg-type]


def resolve_sentence_date(sent: Span, published: str | None) -> DateValue:
    """Resolve a spaCy sentence's date from its entities.

    Reads the sentence's DATE entities, and TIME entities that carry a day
    (``"Tuesday morning"``, ``"last night"``), in order, and calls
    :func:`resolve_date` with them.
    """
    return resolve_date([_with_modifiers(ent) for ent in _date_entities(sent)], published)


def _date_entities(sent: Span) -> list[Span]:
    """The sentence's DATE entities and the TIME entities that carry a day, not the edges of periods."""
    return [ent for ent in sent.ents
            if (ent.label_ == "DATE" or (ent.label_ == "TIME" and _time_has_date(ent.text)))
            and not _bounds_a_period(ent) and not _names_a_thing(ent)]


def _names_a_thing(ent: Span) -> bool:
    """A bare year in front of a noun names that thing ("quit the 1990 border accord", "the 2015
    nuclear deal"), not the time of the sentence's act (an event noun's own year is read by
    :func:`named_date`)."""
    root = ent.root
    return len(ent) == 1 and bool(_NAMED_YEAR.fullmatch(root.text)) and root.dep_ in ("nummod", "compound", "amod") \
        and root.head.pos_ == "NOUN" and root.i < root.head.i


def _dated_verb(sent: Span, text: str | None) -> Token | None:
    """The verb the sentence's date expression ``text`` (as :func:`resolve_sentence_date` gave it)
    hangs on, through a preposition ("said on Saturday"); None when ``text`` is not one of its dates."""
    for ent in _date_entities(sent) if text else ():
        if _with_modifiers(ent) == text:
            head = ent.root.head
            return head.head if head.dep_ == "prep" else head
    return None


def dates_coming_act(sent: Span, text: str | None) -> bool:
    """Does the date expression ``text`` date an act still to come ("will expire in October", "is due
    in May", "the vote set for June")? Such a date is not the day of the sentences after it."""
    verb = _dated_verb(sent, text)
    return verb is not None and (any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
                                 or verb.lemma_.lower() in ("due", "schedule", "set", "expire") and verb.tag_ != "VBD")


def dates_past_act(sent: Span, text: str | None) -> bool:
    """Does the date expression ``text`` hang on a verb in the past tense ("the ministry said Saturday
    that Modi will visit")? Then it is that verb's day, a past one, not the coming one."""
    verb = _dated_verb(sent, text)
    return verb is not None and verb.tag_ == "VBD"


# participles that say what something is, not what was done to it ("a cell linked to the group", "a
# militia based in the north"): a date the parser hangs on them is the sentence's act's
_RELATION_PARTICIPLES = frozenset({"link", "base", "affiliate", "ally", "align", "tie", "connect", "associate"})


def clause_date(trigger: Token, published: str | None) -> DateValue | None:
    """The date of the trigger's own clause when the sentence also dates another one: in "the
    prosecutor, who was sanctioned in 2024, resigned on Friday" the resignation is Friday's. None
    when no date of the sentence belongs to a relative or participle clause the trigger is not in."""
    ents = _date_entities(trigger.sent)

    def foreign(ent: Span) -> bool:
        for anc in [ent.root, *ent.root.ancestors]:
            if anc.i == trigger.i:
                return False
            # (a participle on a framing phrase dates the main act too: "in a statement issued in July,
            # Tokyo and Washington agreed ...")
            if anc.dep_ == "acl" and anc.lemma_.lower() in _RELATION_PARTICIPLES and any(
                    c.dep_ == "prep" and c.right_edge.i < ent.start for c in anc.children):
                # ("dismantled a cell linked to the group on Monday": a tie has no day; the act has. But
                # "a deal based on 3 May" names the thing it is based on)
                continue
            if (anc.dep_ == "relcl" or anc.dep_ == "acl" and anc.head.dep_ in ("nsubj", "nsubjpass", "dobj", "appos")) \
                    and not anc.left_edge.i <= trigger.i <= anc.right_edge.i:
                return True
            # (a date inside what is said dates what is said, not the saying: "criticized the meeting,
            # saying the deal would expire in October")
            if anc.dep_ == "ccomp" and anc.head.lemma_.lower() in QUOTING_VERBS | {"post"} and anc.head.i != trigger.i \
                    and anc.head.dep_ in ("advcl", "conj", "xcomp") and not anc.left_edge.i <= trigger.i <= anc.right_edge.i:
                return True
        return False

    kept = [e for e in ents if not foreign(e)]
    if len(kept) == len(ents):
        return None
    return resolve_date([_with_modifiers(e) for e in kept], published)


_NAMED_YEAR = re.compile(r"(1[89]|20)\d\d")


def named_date(trigger: Token, published: str | None) -> DateValue | None:
    """The date an event noun carries in its own name: "the 1998 shelling", "the May 2019 pact" --
    also for an act told in a clause on that noun ("the 1998 shelling of a village that killed six")."""
    noun = trigger
    for _ in range(6):
        if noun.pos_ == "NOUN" and (years := [t for t in noun.children if t.i < noun.i and _NAMED_YEAR.fullmatch(t.text)
                                              and t.dep_ in ("nummod", "compound", "amod", "npadvmod")]):
            break
        if noun.dep_ not in ("relcl", "acl", "pobj", "prep") or noun.head.i == noun.i:
            return None
        noun = noun.head
    else:
        return None
    first = years[0]
    month = [c for c in first.children if c.i < first.i and c.ent_type_ == "DATE"]
    text = trigger.doc.text[(month[0] if month else first).idx:first.idx + len(first)]
    found = resolve_date([text], published)
    return found if found.resolution == "explicit" else None


def when_date(trigger: Token, published: str | None) -> DateValue | None:
    """The date a "when" clause hangs on: "since 2014, when the army moved into the north",
    "in August 2022, when the president called for total war" -- the act is that date's, not the
    main clause's nor the publication's. None when the trigger's clause is no such clause."""
    node = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
    when = next((c for c in node.children if c.dep_ == "advmod" and c.lower_ == "when"), None) \
        if node is not None and node.dep_ in ("relcl", "advcl", "acl") else None
    if node is None or when is None:
        return None
    before = when.i - 1 if when.i > 0 and trigger.doc[when.i - 1].lower_ == "," else when.i
    # (any date, also the start of a period: "since 2011, when ..." is 2011; or the date just before
    # the clause, where the parser hangs it on the main verb: "Since August 2022, when ...")
    dated = next((e for e in trigger.sent.ents if e.label_ == "DATE" and (
        e.start <= node.head.i < e.end or e.end == before and when.i > trigger.sent.start)), None)
    if dated is None:
        return None
    found = resolve_date([_with_modifiers(dated)], published)
    return found if found.resolution in ("explicit", "partial", "relative") else None


_DEICTIC = {"this", "last", "next", "past", "earlier", "later", "coming", "early", "late"}


def _with_modifiers(ent: Span) -> str:
    """The entity with the deictic words the tagger left outside it: it may tag only "week" in
    "earlier this week's siege"."""
    start = ent.start
    while start > max(ent.sent.start, ent.start - 3) and ent.doc[start - 1].lower_ in _DEICTIC:
        start -= 1
    return ent.doc[start:ent.end].text


# ------------------------------------------------------------------ internals


def _bounds_a_period(ent: Span) -> bool:
    """'since 2022', 'until March', 'for two weeks': the edge of a period, not when the event was."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1].lower_
    if before == "for":  # "for two weeks" is a span; "responsibility for Tuesday's attack" names a day
        return bool(_DURATION_RE.search(ent.text.lower()))
    return before in ("since", "until", "till", "through")


def _time_has_date(text: str) -> bool:
    low = text.lower()
    return bool(re.search(rf"\b{_WEEKDAY}\b|\b(?:yesterday|today|tonight|tomorrow|last night|this morning"
                          rf"|this afternoon|this evening)\b", low) or _MONTH_RE.search(low))


def _publication(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _parser(pub_iso: str | None) -> DateDataParser:
    """One dateparser per publication date (None: a fixed leap-year base)."""
    base = dt.datetime.fromisoformat(pub_iso) if pub_iso else _NO_PUB_BASE
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
    })


def _parse(text: str, pub_iso: str | None) -> tuple[dt.date, str] | None:
    data = _parser(pub_iso).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


@lru_cache(maxsize=65536)
def _resolve_cached(expression: str, pub_iso: str | None) -> Resolved | None:
    try:
        hit = _resolve_one(expression, dt.date.fromisoformat(pub_iso) if pub_iso else None)
    except (OverflowError, ValueError):
        return None  # the date falls outside the calendar (a publication date in year 1 or 9999)
    if hit is not None and not _VALUE_RE.fullmatch(hit[0]):
        return None  # year 0 or 10000: not a value a DateValue can state
    return hit


def _normalise(expression: str) -> str:
    text = expression.lower().replace("’", "'").strip(" \t\n,;:()[]\"")
    text = re.sub(r"'s\b", "", text)
    text = _CLOCK_RE.sub(" ", text)
    text = re.sub(r"\blast night\b|\bovernight\b", "yesterday", text)
    text = re.sub(r"\btonight\b|\bthis (?:morning|afternoon|evening)\b", "today", text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    for _ in range(2):
        text = _LEADING_RE.sub("", text)
    return text


def _core(text: str) -> str:
    """A normalised expression without its modifiers, parts of the day and day ranges ("early on
    Tuesday morning" -> "tuesday")."""
    core = _MODIFIER_RE.sub("", text)
    core = _PART_OF_DAY_RE.sub(" ", core)
    core = _DAY_RANGE_RE.sub(lambda m: m.group(1) or m.group(2), core)
    return re.sub(r"\s+", " ", core).strip(" ,")


def _resolve_one(expression: str, pub: dt.date | None) -> Resolved | None:
    text = _normalise(expression)
    if not text or _SKIP_RE.search(text):
        return None
    if _DURATION_RE.search(text) and not _ANCHOR_RE.search(text):
        return None
    future = bool(_FUTURE_RE.search(text))
    core = _core(text)
    if not core or (core == "may" and "May" not in expression):
        return None

    if m := _WEEKDAY_ONLY_RE.fullmatch(core):
        return _weekday(m.group(1) or "", m.group(2), pub)
    if m := _WEEKEND_RE.fullmatch(core):
        return _weekend(m.group(1) or "", pub)
    if m := _ORDINAL_ONLY_RE.fullmatch(core):
        return _day_of_month(int(m.group(1)), pub)
    if m := _SEASON_RE.fullmatch(core):
        return _season(m.group(1), m.group(2), m.group(3), pub)

    if _YEAR_RE.search(core) or _NUMERIC_DAY_RE.search(core):
        return _explicit(core, pub)
    if _MONTH_RE.search(core):
        return _month_day(core, pub, future, last=bool(re.search(r"\b(?:last|past)\b", core)))
    if pub is None:
        return None  # everything left is relative to a date we do not have
    return _relative(core, pub, future)


def _explicit(core: str, pub: dt.date | None) -> Resolved | None:
    """An expression that states its year."""
    parsed = _parse(core, pub.isoformat() if pub else None)
    if parsed is None:
        return None
    date, period = parsed
    years = {int(y) for y in _YEAR_RE.findall(core)}
    if years and date.year not in years:
        return None  # dateparser read something else than the year written
    without_year = _YEAR_RE.sub(" ", core)
    if _ISO_DAY_RE.search(core) or _NUMERIC_DAY_RE.search(core):
        granularity = "day"
    elif _ISO_MONTH_RE.search(core):
        granularity = "month"
    elif _MONTH_RE.search(core):
        granularity = "day" if _DAY_NUMBER_RE.search(_MONTH_RE.sub(" ", without_year)) else "month"
    else:
        granularity = "year"
    granularity = _coarser(granularity, period)
    return _format(date, granularity), granularity, "explicit"


def _month_day(core: str, pub: dt.date | None, future: bool, last: bool) -> Resolved | None:
    """A month name without a year, with or without a day ("May 5 last year" too)."""
    shift = re.search(r"\b(this|last|next) year\b", core)
    if shift:
        core = core.replace(shift.group(0), " ")
    stripped = re.sub(rf"\b{_WEEKDAY}\b,?|\b(?:last|this|next|past|coming)\b", " ", core)
    stripped = re.sub(r"\s+", " ", stripped).strip(" ,")
    parsed = _parse(stripped, None)
    if parsed is None:
        return None
    date, period = parsed
    has_day = period == "day" and bool(_DAY_NUMBER_RE.search(_MONTH_RE.sub(" ", stripped)))
    if has_day:
        if pub is None:
            return f"--{date.month:02d}-{date.day:02d}", "partial", "partial"
        if shift:
            year: int | None = pub.year + {"this": 0, "last": -1, "next": 1}[shift.group(1)]
            try:
                dt.date(year, date.month, date.day)  # type: ignore[arg-type]
            except ValueError:
                return None
        else:
            year = _pick_year(pub, date.month, date.day, future)
        if year is None:
            return None
        return f"{year:04d}-{date.month:02d}-{date.day:02d}", "day", "relative"
    if pub is None:
        return None  # "--MM" is not a value we can state
    if shift:
        year = pub.year + {"this": 0, "last": -1, "next": 1}[shift.group(1)]
    elif "this" in core.split():
        year = pub.year
    elif future:
        year = pub.year + (date.month <= pub.month)
    else:
        year = pub.year - (date.month > pub.month or (last and date.month == pub.month))
    return f"{year:04d}-{date.month:02d}", "month", "relative"


def _pick_year(pub: dt.date, month: int, day: int, future: bool) -> int | None:
    """The year putting month/day closest to ``pub``: not after it, or after it when ``future``."""
    years = range(pub.year, pub.year + 9) if future else range(pub.year, pub.year - 9, -1)
    for year in years:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # Feb. 29 outside a leap year
        if (candidate > pub) if future else (candidate <= pub):
            return year
    return None


def _relative(core: str, pub: dt.date, future: bool) -> Resolved | None:
    """Yesterday, two days ago, last week, this month, next year ... against ``pub``."""
    parsed = _parse(core, pub.isoformat())
    if parsed is None:
        return None
    date, period = parsed
    if period == "day":
        if not _DAY_WORD_RE.search(core):
            return None  # "day" claimed by dateparser without a day word in the text
        return date.isoformat(), "day", "relative"
    if period == "week":
        if "week" not in core:
            return None
        start = date - dt.timedelta(days=date.weekday())
        end = start + dt.timedelta(days=6)
        if start <= pub <= end:  # this week: the part already past, unless told otherwise
            start, end = (pub, end) if future else (start, pub)
        return _span(start, end)
    if period == "month" and "month" in core:
        return _format(date, "month"), "month", "relative"
    if period == "year" and "year" in core:
        return _format(date, "year"), "year", "relative"
    return None


def _weekday(qualifier: str, name: str, pub: dt.date | None, ahead: bool = False) -> Resolved | None:
    """The day a weekday names: back from the publication (the day itself included), or ahead
    with "next" / "coming" (the day itself excluded) or ``ahead`` (a bare weekday in the future
    tense: the day itself included)."""
    if pub is None:
        return None
    target = WEEKDAYS.index(name)
    if ahead and not qualifier:
        day = pub + dt.timedelta(days=(target - pub.weekday()) % 7)
    elif qualifier in ("next", "coming", "this coming"):
        delta = (target - pub.weekday()) % 7 or 7
        day = pub + dt.timedelta(days=delta)
    else:
        back = (pub.weekday() - target) % 7
        if qualifier in ("last", "past", "this past"):
            back = back or 7
        day = pub - dt.timedelta(days=back)
    return day.isoformat(), "day", "relative"


def _weekend(qualifier: str, pub: dt.date | None) -> Resolved | None:
    if pub is None:
        return None
    if qualifier in ("next", "coming", "this coming"):
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 or 7)
        return _span(saturday, saturday + dt.timedelta(days=1))
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if qualifier in ("last", "past", "this past") and saturday >= pub - dt.timedelta(days=1):
        saturday -= dt.timedelta(days=7)
    return _span(saturday, min(saturday + dt.timedelta(days=1), pub))


def _day_of_month(day: int, pub: dt.date | None) -> Resolved | None:
    if pub is None or not 1 <= day <= 31:
        return None
    year, month = pub.year, pub.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1] and dt.date(year, month, day) <= pub:
            return dt.date(year, month, day).isoformat(), "day", "relative"
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _season(qualifier: str | None, season: str, year: str | None, pub: dt.date | None) -> Resolved | None:
    if year:
        return year, "year", "explicit"
    if pub is None or qualifier is None or qualifier == "the":
        return None
    if qualifier == "this":
        return str(pub.year), "year", "relative"
    return str(pub.year if pub.month > _SEASON_END[season] else pub.year - 1), "year", "relative"


def _span(start: dt.date, end: dt.date) -> Resolved | None:
    """The finest granularity that holds the whole span, or None across years."""
    if (start.year, start.month) == (end.year, end.month):
        return _format(start, "month"), "month", "relative"
    if start.year == end.year:
        return _format(start, "year"), "year", "relative"
    return None


_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _coarser(granularity: str, period: str) -> str:
    if period in _ORDER and period != "week" and _ORDER[period] > _ORDER[granularity]:
        return period
    return granularity


def _format(date: dt.date, granularity: str) -> str:
    if granularity == "day":
        return date.isoformat()
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"
