"""Clean: remove the web boilerplate that survives extraction, keeping a map back.

:func:`clean` never rewrites text: the clean text is the original with some
characters dropped, so ``original[offsets[i]] == clean_text[i]`` for every ``i``
and every later offset maps back into ``Document.text`` exactly. Boilerplate is
removed a whole line at a time (with its newline), except for a prompt glued to
the end of a real sentence ("...the year. Read more: ...") and an advert label
inside a paragraph, where only that segment goes.

The rules are general, never a list of one site's lines. Per line, in order:

``prompt``        the line starts with a share / app / comment / subscribe / cookie /
                  copyright / "read more" prompt, or is only prompts glued together
                  ("Tell A Friend:GET OUR APP: ..."); the line goes. After a real
                  sentence, only the prompt segment to the end of the line goes.
``related-links`` the short, unpunctuated lines right after a "Related articles" /
                  "Most read" / "Read more" heading.
``advert``        "Advertisement", "Story continues below", ... alone or between sentences.
``social``        a line of only network names ("Facebook Twitter WhatsApp Email").
``breadcrumb``    a short line of short segments joined by ``>``, ``»``, ``›``, ``→``
                  (two or more), or `` / ``, `` | `` (three or more).
``caption``       a photo caption: a line starting with "Photo:", "Image:", "File photo",
                  "(Photo: ...", "Photo credit"; a short line ending with a photo credit
                  ("(Xinhua/Name)", "(AP Photo/Name)", "(Reuters)"); or a short line where
                  a Name is followed by a position mark ("(R)", "(2nd L)") and a present-tense
                  verb ("X (R) meets with Y"), and no reporting verb ("said").
``credit``        a line that is only a parenthesised credit ("(Reporting by ...)").
``duplicate``     a short line whose normalised words (case, spacing, punctuation, position
                  marks and credits ignored) equal a line above it or are contained in
                  another line: a repeated caption or pull quote. The first copy stays.
``short-line``    a line of at most four words with no final punctuation, no verb-like word
                  and no date, that is not the headline (the first line left after the
                  rules above) and not a dateline ("WASHINGTON --"): "Most Read", "Share",
                  "By Jane Doe", "Top Stories".
``long-token``    in a kept line, a run of more than 256 characters without whitespace (a data
                  blob, minified code, a tracking URL, a wall of symbols or emoji): no word is
                  that long, and the tokenizer's time grows with the square of such a run
                  (8,000 "$" took 46 s), so one run could hang a worker. Only the run goes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import ahocorasick

from eventcoder.models import CleanText

__all__ = ["clean"]


# --------------------------------------------------------------------------- patterns

_PROMPT_PATTERNS = (
    r"share\s*(?::|$)",
    r"share\s+(?:this|on|via|with\s+(?:a\s+)?friends?|the\s+(?:story|article))\b",
    r"(?:suggest|recommend|send|tell|e-?mail)\s+(?:this\s+|it\s+)?(?:(?:article|story|page)\s+)?to\s+a\s+friend\b",
    r"tell\s+a\s+friend\b",
    r"e-?mail\s+this(?:\s+(?:article|story|page))?\b",
    r"print\s+(?:this(?:\s+(?:page|article|story))?|friendly(?:\s+version)?|version)\b",
    r"(?:download|get|install)\s+(?:our\s+|the\s+)?(?:[\w-]+\s+){0,3}app\b",
    r"(?:now\s+)?available\s+(?:on|in|at|from)\s+(?:the\s+)?(?:google\s+play|play\s+store|app\s+store|apple\s+store)",
    r"(?:facebook|disqus)\s+comments?(?:\s+(?:box|plugin|section))?\b",
    r"(?:leave|post|add|write|view|show|hide)\s+(?:a\s+|your\s+)?(?:comments?|reply)\b",
    r"(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\b",
    r"subscribe\s+now\b",
    r"(?:follow|like)\s+us\s+(?:on|at)\b",
    r"click\s+here\b",
    r"(?:read|see)\s+(?:more|also)\s*(?::|»|>|$)",
    r"read\s+the\s+full\s+(?:story|article)\b",
    r"related\s+(?:articles?|stories|story|news|content|posts|links|coverage|topics|reading)\b",
    r"you\s+(?:may|might)\s+also\s+like\b",
    r"recommended\s+(?:for\s+you|stories|articles|reading)\b",
    r"all\s+rights\s+reserved\b",
    r"copyright\s*(?:©|\(c\)|\d{4})",
    r"©",
    r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b",
    r"cookies?\s+(?:policy|settings|preferences|notice|consent)\b",
    r"(?:accept|manage)\s+(?:all\s+)?cookies\b",
    r"by\s+continuing\s+to\s+(?:use|browse)\b",
    r"(?:tags|topics|keywords|filed\s+under)\s*:",
)
_PROMPTS = "|".join(_PROMPT_PATTERNS)
# A prompt starts a line (after bullets) or follows the end of a sentence or a ":", "|".
# Two patterns rather than one with look-behinds: a search that must begin with a
# punctuation mark skips most positions at once (3x faster on plain news).
_LINE_START = r"[\s•·*|>-]*"
_AFTER_PUNCT = r"(?:[.!?][\"”’)]?|[:|•·»])[ \t]*"
_PROMPT_START = re.compile(rf"{_LINE_START}(?P<p>{_PROMPTS})", re.IGNORECASE)
_PROMPT_INLINE = re.compile(rf"{_AFTER_PUNCT}(?P<p>{_PROMPTS})", re.IGNORECASE)
_LIST_HEADING = re.compile(
    r"^[\s•·*-]*(?:related(?:\s+\w+)?|more\s+(?:stories|news|(?:from|on)\b[^.!?]{0,40})"
    r"|most\s+(?:read|popular|viewed|shared)|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+\w+){0,2}|(?:read|see)\s+(?:more|also)"
    r"|top\s+stories|latest\s+(?:news|stories)|trending(?:\s+\w+)?|editor'?s\s+picks?)\s*[:»>]?\s*$",
    re.IGNORECASE,
)
_LABELS = (
    r"advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+content))?"
    r"|continue\s+reading(?:\s+(?:below|the\s+main\s+story))?"
)
_LABEL_HINTS = ("advertis", "sponsored", "continues below", "continue reading", "scroll")
_LABEL_LINE = re.compile(rf"^[\s•·*-]*(?:{_LABELS})[\s.:…-]*$", re.IGNORECASE)
_LABEL_INLINE = re.compile(
    rf"(?:^|(?<=[.!?:|•·»\"”’)]))[ \t]*(?P<p>{_LABELS})(?:[ \t]+(?=[A-Z\"“‘'])|[ \t]*$)", re.IGNORECASE
)
_SOCIAL_LINE = re.compile(
    r"^(?:[\s|•·/,-]*(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|print|reddit|pinterest|"
    r"share|tweet|copy\s+link|messenger|weibo|wechat|instagram|youtube|tiktok|viber|line)\b){2,}[\s|•·/,-]*$",
    re.IGNORECASE,
)

_CRUMB_STRONG = re.compile(r"\s*(?:>|»|›|→)\s*")
_CRUMB_WEAK = re.compile(r"\s+(?:/|\||::)\s+")

_POSITION = (
    r"(?:(?:\d(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth))\s+)?"
    r"(?:[LRC]|(?i:left|right|cent(?:er|re)|front|back|top|bottom|row))"
)
_POS_MARK = re.compile(rf"\({_POSITION}(?:\s*[,/]\s*{_POSITION})*\)")
_AGENCIES = (
    r"Xinhua|Reuters|AFP|AP|AP\s+Photo|EPA(?:-EFE)?|Getty\s+Images|ANI|PTI|IANS|Bernama|Yonhap|Kyodo|TASS"
    r"|RIA\s+Novosti|Sputnik|Anadolu(?:\s+Agency)?|IRNA|WAFA|SANA|KCNA|dpa|UPI|Bloomberg|NurPhoto|VCG|CNS"
)
# "(Xinhua/Li Yan)", "(AP Photo/Name)", "(Photo/Ministry)", "(Lakeside Daily Photo/Name)", "(Photo: Name)"
_CREDIT_SLASH_END = re.compile(
    rf"\((?:(?:{_AGENCIES}|[A-Z][\w.&'’ -]{{0,30}}\s(?i:photos?|pictures?|images?)"
    r"|(?i:photos?|pictures?|images?|file))"
    r"\s*/\s*[^()/]{1,60}|(?i:photos?|pictures?|images?|file\s+photo)\s*:\s*[^()]{1,60}"
    r"|(?i:photo|picture)\s+(?i:by|courtesy\s+of)\s+[^()]{1,60})\)[\s.]*$"
)
_CREDIT_AGENCY_END = re.compile(rf"\((?:{_AGENCIES})(?:\s+(?i:photo))?\)[\s.]*$")
# A line that starts as a caption does: "Photo: ...", "(Photo: ...", "Photo credit", "File photo".
_CAPTION_PREFIX = re.compile(
    r"^\s*[(\[]?\s*(?i:(?:photos?|images?|pictures?|pics?|video)\s*(?:credits?\b|courtesy\b|:|/|-\s)"
    r"|file\s+(?:photo|picture|image)s?\b|pictured\s*(?::|\(|above|below|from|left|right)|captions?\s*:"
    r"|credits?\s*:)"
)
_CAPTION_BY = re.compile(r"^\s*[(\[]?\s*(?i:photos?|images?|pictures?|video)\s+(?i:by)\b")  # "Photo by Name"
_CAPTION_BY_MAX_WORDS = 8
_CREDIT_LINE = re.compile(
    r"^\s*\((?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by)\b[^()]*\)[\s.]*$"
)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|according|added|adds|stated|states|announced|reported|reports|urged|warned|"
    r"insisted|noted|wrote|argued|claimed)\b",
    re.IGNORECASE,
)
_AUXILIARY = frozenset(
    (
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "did",
        "does",
        "do",
        "been",
    )
)
_NAME_PARTICLES = frozenset(
    (
        "and",
        "of",
        "the",
        "de",
        "del",
        "da",
        "van",
        "von",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "du",
        "der",
        "den",
    )
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_HAS_DATE = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:19|20)\d{2}\b"
)
_DATELINE = re.compile(  # "WASHINGTON —", "NAIROBI, Kenya --", "GENEVA (Reuters) -"
    r"^[A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][A-Za-z.' ]*)?\s*(?:\([^)]*\)\s*(?:--|[—–:-])?|--|[—–:-])\s*$"
)
_DATELINE_PREFIX = re.compile(  # "GENEVA, March 4, 2024 — Text", "NAIROBI (Reuters) - Text"
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+){0,3}"
    r"(?:,\s*[A-ZÀ-ÖØ-Þ][a-zA-ZÀ-ÖØ-öø-ÿ.]+(?:\s+[A-ZÀ-ÖØ-Þ][a-zA-ZÀ-ÖØ-öø-ÿ.]+)?)?"
    rf"(?:,\s*{_MONTHS}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?:\([^()]{1,40}\))?\s*(?:—|–|--|-)\s+(?=\S)"
)
_FINAL_PUNCT = re.compile(r"[.!?;:\"”’'…]\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]?\s*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NONWORD = re.compile(r"[\W_]+")


def _verb_forms() -> frozenset[str]:
    irregular = (
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "done",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "say",
        "says",
        "said",
        "meet",
        "meets",
        "met",
        "hold",
        "holds",
        "held",
        "win",
        "wins",
        "won",
        "lose",
        "loses",
        "lost",
        "die",
        "dies",
        "died",
        "seek",
        "seeks",
        "sought",
        "begin",
        "begins",
        "began",
        "rise",
        "rises",
        "rose",
        "fall",
        "falls",
        "fell",
        "send",
        "sends",
        "sent",
        "take",
        "takes",
        "took",
        "taken",
        "give",
        "gives",
        "gave",
        "given",
        "make",
        "makes",
        "made",
        "go",
        "goes",
        "went",
        "gone",
        "come",
        "comes",
        "came",
        "get",
        "gets",
        "got",
        "keep",
        "keeps",
        "kept",
        "leave",
        "leaves",
        "left",
        "tell",
        "tells",
        "told",
        "hit",
        "hits",
        "cut",
        "cuts",
        "set",
        "sets",
        "put",
        "puts",
        "run",
        "runs",
        "ran",
        "fight",
        "fights",
        "fought",
        "flee",
        "flees",
        "fled",
        "lead",
        "leads",
        "led",
        "speak",
        "speaks",
        "spoke",
        "see",
        "sees",
        "saw",
        "seen",
        "think",
        "thinks",
        "thought",
    )
    regular = (
        "visit",
        "attack",
        "kill",
        "agree",
        "sign",
        "call",
        "urge",
        "warn",
        "talk",
        "vote",
        "ban",
        "open",
        "close",
        "launch",
        "arrest",
        "seize",
        "reject",
        "accuse",
        "condemn",
        "protest",
        "strike",
        "resign",
        "elect",
        "approve",
        "deny",
        "claim",
        "threaten",
        "vow",
        "pledge",
        "ask",
        "plan",
        "face",
        "back",
        "quit",
        "fire",
        "end",
        "raise",
        "want",
        "need",
        "help",
        "join",
        "return",
        "remain",
        "report",
        "announce",
        "accept",
        "offer",
        "demand",
        "order",
        "release",
        "move",
        "block",
        "support",
        "oppose",
        "expel",
        "recall",
        "summon",
        "sanction",
        "invade",
        "bomb",
        "shell",
        "capture",
        "free",
        "host",
        "sentence",
        "charge",
    )
    forms = set(irregular)
    for verb in regular:
        stem = verb.removesuffix("e")
        forms.update({verb, verb + "s", stem + "ed", stem + "ing", verb + "es"})
    return frozenset(forms)


_VERBS = _verb_forms()

_SHORT_WORDS = 4
_CAPTION_MAX_WORDS = 45
_DUPLICATE_MAX_WORDS = 60
_DUPLICATE_MIN_CHARS = 20
_RELATED_MAX_WORDS = 15
_LONG_RUN_CHARS = 256
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{_LONG_RUN_CHARS + 1},}}")  # from the start of a run: linear


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    start: int  # first character of the line
    end: int  # end of its content (before "\r\n" / "\n")
    next: int  # start of the following line (after its newline)
    content: str  # text[start:end]
    stripped: str  # content without surrounding whitespace ("" for a blank line)
    words: int  # number of whitespace-separated words
    removed: str | None = None  # reason, when the whole line goes
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # partial removals


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    size = len(text)
    for raw in text.split("\n"):
        end = pos + len(raw)
        content = raw.removesuffix("\r")
        stripped = content.strip()
        words = len(stripped.split()) if stripped else 0
        lines.append(_Line(pos, pos + len(content), min(end + 1, size), content, stripped, words))
        pos = end + 1
    return lines


# --------------------------------------------------------------------------- public API


def clean(text: str) -> CleanText:
    """Remove boilerplate lines and segments from ``text``; map every kept char back.

    Returns a :class:`CleanText` whose ``text`` is a subsequence of ``text`` (nothing
    inserted or changed), ``offsets[i]`` the index in ``text`` of ``clean.text[i]``
    plus a final ``len(text)``, and ``removed`` the (start, end, reason) spans cut,
    in order and not overlapping.
    """
    if not text:
        return CleanText.identity(text)
    lines = _split_lines(text)
    lower = text.lower()
    _mark_line_rules(lines, labels=any(hint in lower for hint in _LABEL_HINTS))
    headline = next((ln for ln in lines if ln.removed is None and ln.stripped), None)
    _mark_duplicates(lines, headline)
    _mark_short_lines(lines, headline)
    for line in lines:
        if line.removed is None and line.end - line.start > _LONG_RUN_CHARS:
            _mark_long_runs(line)
    return _assemble(text, lines)


# --------------------------------------------------------------------------- rules


def _mark_line_rules(lines: list[_Line], *, labels: bool) -> None:
    """Prompts, adverts, social and breadcrumb lines, captions, credits, related links."""
    in_related_list = False
    for line in lines:
        stripped = line.stripped
        if not stripped:
            in_related_list = False
            continue
        if in_related_list:
            if line.words <= _RELATED_MAX_WORDS and not _FINAL_PUNCT.search(stripped):
                line.removed = "related-links"
                continue
            in_related_list = False
        if line.words <= 8:
            if _LIST_HEADING.match(stripped):
                line.removed = "prompt"
                in_related_list = True
                continue
            if labels and _LABEL_LINE.match(stripped):
                line.removed = "advert"
                continue
            if _SOCIAL_LINE.match(stripped):
                line.removed = "social"
                continue
        if _mark_prompt(line):
            continue
        if _is_breadcrumb(line):
            line.removed = "breadcrumb"
            continue
        reason = _caption_reason(line)
        if reason is not None:
            line.removed = reason
            continue
        if labels:
            _mark_inline_labels(line)
        _mark_dateline(line)


def _mark_dateline(line: _Line) -> None:
    """'NAIROBI — Police said ...': the dateline is not part of the first sentence (its place and
    date were read at ingest); cutting it keeps the parser from taking the city for the subject."""
    lead = len(line.content) - len(line.content.lstrip())
    match = _DATELINE_PREFIX.match(line.content, lead)
    if match is None or len(match.group().split()[0].strip(",.")) < 2:
        return
    if line.words - len(match.group().split()) < 4:
        return  # a line that is only a dateline is kept (short-line rules decide)
    line.cuts.append((line.start + lead, line.start + match.end(), "dateline"))
    line.cuts.sort()


def _mark_prompt(line: _Line) -> bool:
    """Mark a prompt line or a trailing prompt segment; True when the whole line goes."""
    if _PROMPT_START.match(line.content):
        line.removed = "prompt"
        return True
    match = _PROMPT_INLINE.search(line.content)
    if match is None:
        return False
    cut = match.start("p")
    prefix = line.content[:cut].strip(" \t•·*|>-:")
    if len(prefix.split()) <= _SHORT_WORDS and not _SENTENCE_END.search(prefix):
        line.removed = "prompt"  # only a label or two before it: the line is all prompts
        return True
    while cut > 0 and line.content[cut - 1] in " \t":
        cut -= 1
    line.cuts.append((line.start + cut, line.end, "prompt"))
    return False


def _mark_inline_labels(line: _Line) -> None:
    """'Advertisement' between two sentences: drop the label, keep the sentences."""
    limit = min((c[0] for c in line.cuts), default=line.end)
    for match in _LABEL_INLINE.finditer(line.content):
        start = line.start + match.start("p")
        if start >= limit:
            break
        line.cuts.append((start, min(line.start + match.end(), limit), "advert"))
    line.cuts.sort()


def _is_breadcrumb(line: _Line) -> bool:
    stripped = line.stripped
    if len(stripped) > 200 or _SENTENCE_END.search(stripped):
        return False
    segments = _CRUMB_STRONG.split(stripped)
    if len(segments) < 2:
        segments = _CRUMB_WEAK.split(stripped)
        if len(segments) < 3:
            return False
    segments = [s.strip() for s in segments]
    if not segments[0]:
        segments = segments[1:]  # "» News » World"
    return all(s and len(s) <= 50 and len(s.split()) <= 6 and not _SENTENCE_END.search(s) for s in segments)


def _caption_reason(line: _Line) -> str | None:
    stripped, words = line.stripped, line.words
    if words > 80:
        return None
    if stripped.startswith("(") and _CREDIT_LINE.match(stripped):
        return "credit"
    if words <= _CAPTION_MAX_WORDS and _CAPTION_PREFIX.match(stripped):
        return "caption"
    if words <= _CAPTION_BY_MAX_WORDS and _CAPTION_BY.match(stripped):
        return "caption"
    if stripped.rstrip(". ").endswith(")"):
        if _CREDIT_SLASH_END.search(stripped):
            return "caption"
        if (
            words <= _CAPTION_MAX_WORDS
            and _CREDIT_AGENCY_END.search(stripped)
            and not _REPORTING.search(stripped)
        ):
            return "caption"
    if words <= _CAPTION_MAX_WORDS and "(" in stripped and _is_marked_caption(stripped):
        return "caption"
    return None


def _is_marked_caption(stripped: str) -> bool:
    """'Name (R) meets with Name': a position mark after a name, then a present-tense verb."""
    match = _POS_MARK.search(stripped)
    if match is None or not stripped[0].isupper() or _REPORTING.search(stripped):
        return False
    before = stripped[: match.start()].split()
    if not before or not before[-1][:1].isupper():
        return False
    for word in _WORD.findall(stripped[match.end() :]):
        if word[0].isupper() or word in _NAME_PARTICLES:
            continue
        return not (word.endswith("ed") or word in _AUXILIARY)
    return False


def _normalise(content: str) -> str:
    """Words only, lower case, single spaces, position marks and photo credits dropped."""
    if "(" in content:
        content = _CREDIT_SLASH_END.sub(" ", _POS_MARK.sub(" ", content))
    return " " + " ".join(_NONWORD.sub(" ", content.lower()).split()) + " "


def _mark_duplicates(lines: list[_Line], headline: _Line | None) -> None:
    """Remove later copies of a short line, and short lines contained in another line.

    Containment is found in one pass with an Aho-Corasick automaton over all kept
    lines, so the cost stays linear in the text length.
    """
    kept = [ln for ln in lines if ln.removed is None and ln.stripped]
    if len(kept) < 2 or not any(ln.words <= _DUPLICATE_MAX_WORDS for ln in kept):
        return
    norms = [_normalise(ln.content) for ln in kept]
    first_seen: set[str] = set()
    candidates: dict[str, list[int]] = {}
    for i, (line, norm) in enumerate(zip(kept, norms)):
        if len(norm) < _DUPLICATE_MIN_CHARS + 2 or line is headline:
            first_seen.add(norm)
            continue
        if norm in first_seen and line.words <= _DUPLICATE_MAX_WORDS:
            line.removed = "duplicate"
            continue
        first_seen.add(norm)
        if line.words <= _CAPTION_MAX_WORDS:
            candidates.setdefault(norm, []).append(i)
    if not candidates:
        return
    automaton = ahocorasick.Automaton()
    for norm in candidates:
        automaton.add_word(norm, norm)
    automaton.make_automaton()
    starts: list[int] = []
    pieces: list[str] = []
    pos = 0
    for line, norm in zip(kept, norms):
        piece = norm if line.removed is None else ""
        starts.append(pos)
        pieces.append(piece)
        pos += len(piece) + 1
    haystack = "\x00".join(pieces)
    contained: set[str] = set()
    for end, norm in automaton.iter(haystack):
        owner = bisect.bisect_right(starts, end) - 1
        if norms[owner] != norm:  # found inside a different, longer line
            contained.add(norm)
    for norm in contained:
        for i in candidates[norm]:
            kept[i].removed = "duplicate"


def _mark_short_lines(lines: list[_Line], headline: _Line | None) -> None:
    """Short lines without sentence structure (not the headline, not a dateline)."""
    for line in lines:
        if line.removed is not None or line is headline or not 0 < line.words <= _SHORT_WORDS:
            continue
        stripped = line.stripped
        if _FINAL_PUNCT.search(stripped) or _DATELINE.match(stripped) or _HAS_DATE.search(stripped):
            continue
        if any(_is_verb_like(w) for w in _WORD.findall(stripped)):
            continue
        line.removed = "short-line"


def _mark_long_runs(line: _Line) -> None:
    """Cut each run of more than _LONG_RUN_CHARS non-space characters (what other cuts leave of it)."""
    other_cuts = list(line.cuts)
    for match in _LONG_RUN.finditer(line.content):
        pieces = [(line.start + match.start(), line.start + match.end())]
        for cut_start, cut_end, _ in other_cuts:
            pieces = [(a, b) for start, end in pieces
                      for a, b in ((start, min(end, cut_start)), (max(start, cut_end), end)) if b > a]
        line.cuts.extend((a, b, "long-token") for a, b in pieces)
    line.cuts.sort()


def _is_verb_like(word: str) -> bool:
    lower = word.lower()
    if lower in _VERBS:
        return True
    return word.islower() and len(word) >= 5 and lower.endswith(("ed", "ing"))


# --------------------------------------------------------------------------- output


def _assemble(text: str, lines: list[_Line]) -> CleanText:
    removed: list[tuple[int, int, str]] = []
    for line in lines:
        if line.removed is not None:
            if line.next > line.start:
                removed.append((line.start, line.next, line.removed))
        else:
            removed.extend(cut for cut in line.cuts if cut[1] > cut[0])
    if not removed:
        return CleanText.identity(text)
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end, _ in removed:
        if start > pos:
            pieces.append(text[pos:start])
            offsets.extend(range(pos, start))
        pos = max(pos, end)
    if pos < len(text):
        pieces.append(text[pos:])
        offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return CleanText(text="".join(pieces), offsets=offsets, removed=removed)
