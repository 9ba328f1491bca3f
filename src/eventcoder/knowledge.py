"""Loads the shipped knowledge tables (and the user's) and finds their phrases in text.

CONTRACT (the extractors code against it)::

    kb = load_knowledge(extra_paths=())      # cached per process for the default tables
    kb.find(text) -> list[Mention]           # every known phrase in text, longest leftmost match wins,
                                             # word boundaries respected, sorted by start
    kb.lookup(phrase) -> list[Entry]         # exact (normalised) lookup of one phrase
    kb.country(iso3) -> CountryInfo | None   # name, capital, coordinates
    kb.persons_named(name, year=None)        # leaders by full name, alias or surname
    kb.persons() -> list[Entry]              # every leader, one entry per office
    kb.organization(code) -> Entry | None    # an organisation by its short code

The six tables (``data/*.csv``; formats in docs/knowledge.md) are CSV files with a
header row, ``#`` comment lines and ``|`` between the values of a multi-valued cell:

=============  =================================================================
countries      iso3,name,aliases,demonyms,capital,capital_aliases,lat,lon,cap_lat,cap_lon
organizations  code,name,aliases,parent,sector,country[,governs]
roles          phrase,sector,kind,title[,org]
places         name,aliases,country,lat,lon,kind,admin
leaders        name,aliases,country,title,sector,start_year,end_year[,org,surname]
peoples        people,aliases,country
=============  =================================================================

Matching rules of :meth:`Knowledge.find`:

* a match must not start or end inside a word (``"China's"`` gives ``China``,
  ``"Chinese-made"`` gives ``Chinese``, ``"Sino-US"`` gives ``US``);
* diacritics, curly apostrophes and dashes are folded (``Elysee`` finds ``Élysée``);
* acronyms (all capitals, at most five letters, an optional plural ``s``: ``US``,
  ``AU``, ``IS``, ``WHO``, ``MPs``) and phrases written with a leading ``=`` in a
  table match with exactly that case;
* names (countries, demonyms, capitals, organisations, places, landmarks,
  persons, peoples) need every capital letter of the phrase to be a capital in the text
  (``Chad`` but not ``chad``; ``the States`` but not ``the states``);
* roles match in any case;
* among overlapping matches the leftmost wins, and of those the longest.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Literal

import ahocorasick

from eventcoder.errors import KnowledgeError

EntryKind = Literal["country", "demonym", "capital", "org", "role", "place", "landmark", "person", "people"]

# Sector codes accepted in the tables: PLOVER/CAMEO primary and secondary role codes.
SECTORS: frozenset[str] = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "SPY", "CVL", "BUS", "MED", "EDU",
    "LAB", "AGR", "REL", "CRM", "REF", "ELI", "JRN", "NGO", "IGO", "ENV", "MNC",
})
PLACE_KINDS: frozenset[str] = frozenset({
    "city", "town", "village", "district", "region", "territory", "island", "landmark", "seat", "site",
    "camp", "crossing", "water", "mountain",
})
ROLE_KINDS: frozenset[str] = frozenset({"title", "group"})

# Column order of each table: (required columns, all columns).
SCHEMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "countries": (
        ("iso3", "name"),
        ("iso3", "name", "aliases", "demonyms", "capital", "capital_aliases", "lat", "lon",
         "cap_lat", "cap_lon"),
    ),
    "organizations": (
        ("code", "name", "sector"),
        ("code", "name", "aliases", "parent", "sector", "country", "governs"),
    ),
    "roles": (("phrase", "sector", "kind"), ("phrase", "sector", "kind", "title", "org")),
    "places": (("name",), ("name", "aliases", "country", "lat", "lon", "kind", "admin")),
    "peoples": (("people",), ("people", "aliases", "country")),
    "leaders": (
        ("name", "title", "sector", "start_year"),
        ("name", "aliases", "country", "title", "sector", "start_year", "end_year", "org", "surname"),
    ),
}
# Tables in the order their entries are listed for a phrase.
TABLE_ORDER: tuple[str, ...] = ("countries", "organizations", "leaders", "places", "roles", "peoples")
DATA_FILES: dict[str, str] = {t: f"{t}.csv" for t in TABLE_ORDER}

# Family name first: the surname is the first word of the name.
FAMILY_NAME_FIRST: frozenset[str] = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "KHM", "MNG"})


@dataclass(frozen=True)
class Entry:
    """One thing a phrase can stand for.

    ``kind`` says which table and which use: ``country``/``demonym``/``capital``
    come from countries (a capital's ``sector`` is ``GOV``: "Beijing said" names
    the government), ``org`` from organizations, ``role`` from roles, ``place``
    and ``landmark`` from places (a government seat such as Zhongnanhai is a
    ``landmark`` with sector ``GOV``; ``admin`` is the city it stands for),
    ``person`` from leaders (``title`` is the office, years its term), ``people``
    from peoples (an ethnic or religious community; ``country`` is its homeland when
    it has one state, else empty).
    """

    kind: EntryKind
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    parent: str | None = None
    title: str | None = None
    role_kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    start_year: int | None = None
    end_year: int | None = None
    admin: str | None = None
    governs: tuple[tuple[str, ...], ...] = ()  # an armed group's (from, to) spells as its state's government

    def in_power(self, when: str | None) -> Entry:
        """This organisation as it stood on ``when`` (an ISO date): a group in one of its ``governs``
        spells is its country's government (the Taliban after August 2021), otherwise unchanged."""
        if not when or not self.governs:
            return self
        for start, end in self.governs:
            if start <= when[:len(start)] and (not end or when[:len(end)] <= end):
                return replace(self, sector="GOV")
        return self


@dataclass(frozen=True)
class Mention:
    """A known phrase found in a text: ``text[start:end]`` and every entry it can stand for."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]


def favour_country(mentions: list[Mention], country: str | None) -> list[Mention]:
    """The mentions with each ambiguous place name read first as the one in ``country`` (the
    country a story is about): "Punjab" in a story about Pakistan is Pakistan's province. Other
    entries keep their order; a country and a place of the same name ("Georgia") are read as the
    one of ``country``."""
    if not country:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        places = [e for e in m.entries if e.kind in ("place", "landmark")]
        if places and any(e.kind == "country" and e.country == country for e in m.entries):
            # "Georgia" in a story about Georgia is the country, not the U.S. state
            m = Mention(m.start, m.end, m.text, tuple(e for e in m.entries
                                                      if e.kind not in ("place", "landmark") or e.country == country))
        elif any(e.country == country for e in places) and any(e.kind == "country" for e in m.entries):
            # ... and in a story about the United States, the U.S. state first
            m = Mention(m.start, m.end, m.text, tuple(sorted(m.entries, key=lambda e: e.country != country)))
        elif len({e.country for e in places}) > 1 and any(e.country == country for e in places):
            ordered = iter(sorted(places, key=lambda e: e.country != country))
            m = Mention(m.start, m.end, m.text, tuple(next(ordered) if e.kind in ("place", "landmark") else e
                                                      for e in m.entries))
        out.append(m)
    return out


@dataclass(frozen=True)
class CountryInfo:
    """A country's name, capital and coordinates (country centroid and capital)."""

    iso3: str
    name: str
    capital: str | None
    lat: float | None
    lon: float | None
    cap_lat: float | None
    cap_lon: float | None


# ---------------------------------------------------------------- text normalisation

def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[code] = base
    extra = {
        "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "ı": "i", "Ħ": "H", "ħ": "h",
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\n": " ", "\t": " ", "\r": " ", "\u2009": " ", "\u202f": " ",
    }
    for src, dst in extra.items():
        table[ord(src)] = dst
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Fold diacritics, quotes, dashes and white space; the result has the same length."""
    return text.translate(_FOLD)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalise(phrase: str) -> str:
    """The key of a phrase: folded, lower case, single spaces."""
    return " ".join(_lower_same_length(fold(phrase)).split())


_ACRONYM = re.compile(r"^[A-Z0-9&.\-]+s?$")


def is_acronym(phrase: str) -> bool:
    """All capitals with at most five letters (an optional plural ``s``): ``US``, ``WHO``, ``MPs``."""
    if not _ACRONYM.match(phrase):
        return False
    core = phrase.removesuffix("s")
    letters = sum(c.isalpha() for c in core)
    return 1 <= letters <= 5 and core.upper() == core


def _capitals(phrase: str) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(phrase) if c.isupper())


# ---------------------------------------------------------------- table parsing

def _cells(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@dataclass
class _Row:
    table: str
    values: dict[str, str]
    source: str


def _read_table(text: str, source: str) -> tuple[str, list[_Row]]:
    """Parse one CSV table; return its name and rows. Raises KnowledgeError."""
    lines = text.splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, 1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise KnowledgeError("no header row", source=source)
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)))
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    table = _detect(header, f"{source}:{numbered[0][0]}")
    out: list[_Row] = []
    for (lineno, _), cells in zip(numbered[1:], rows[1:], strict=False):
        where = f"{source}:{lineno}"
        if len(cells) != len(header):
            raise KnowledgeError(
                f"{len(cells)} cells where the header has {len(header)} columns", source=where)
        values = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        _validate(table, values, where)
        out.append(_Row(table, values, where))
    if len(rows) != len(numbered):  # a quoted cell spanning lines: keep it simple, refuse it
        raise KnowledgeError("a quoted cell spans several lines", source=source)
    return table, out


def _detect(header: list[str], where: str) -> str:
    if "iso3" in header:
        table = "countries"
    elif "code" in header:
        table = "organizations"
    elif "phrase" in header:
        table = "roles"
    elif "people" in header:
        table = "peoples"
    elif "start_year" in header or "end_year" in header:
        table = "leaders"
    elif "name" in header and ("lat" in header or "kind" in header or "admin" in header):
        table = "places"
    else:
        raise KnowledgeError(f"header {','.join(header)!r} matches no knowledge table", source=where)
    required, allowed = SCHEMAS[table]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in allowed]
    if missing or unknown or len(set(header)) != len(header):
        problem = "; ".join(filter(None, [
            missing and f"missing columns {','.join(missing)}",
            unknown and f"unknown columns {','.join(unknown)}",
            len(set(header)) != len(header) and "repeated columns",
        ]))
        raise KnowledgeError(f"{table} table header: {problem}", source=where)
    return table


_ISO3 = re.compile(r"^[A-Z]{3}$")
_PERIOD = re.compile(r"\d{4}(?:-\d{2})?\.\.(?:\d{4}(?:-\d{2})?)?")


def _validate(table: str, v: dict[str, str], where: str) -> None:
    def need(col: str) -> None:
        if not v.get(col):
            raise KnowledgeError(f"empty {col}", source=where)

    def number(col: str, lo: float, hi: float) -> None:
        if v.get(col):
            try:
                x = float(v[col])
            except ValueError:
                raise KnowledgeError(f"{col} {v[col]!r} is not a number", source=where) from None
            if not lo <= x <= hi:
                raise KnowledgeError(f"{col} {x} out of range", source=where)

    def iso(col: str) -> None:
        if v.get(col) and not _ISO3.match(v[col]):
            raise KnowledgeError(f"{col} {v[col]!r} is not an ISO 3166 alpha-3 code", source=where)

    def sector(col: str = "sector") -> None:
        if v.get(col) and v[col] not in SECTORS:
            raise KnowledgeError(f"unknown sector {v[col]!r}", source=where)

    def year(col: str) -> None:
        if v.get(col) and not re.fullmatch(r"\d{3,4}", v[col]):
            raise KnowledgeError(f"{col} {v[col]!r} is not a year", source=where)

    for col in ("lat", "cap_lat"):
        number(col, -90, 90)
    for col in ("lon", "cap_lon"):
        number(col, -180, 180)
    if table == "countries":
        need("iso3"), need("name"), iso("iso3")
    elif table == "organizations":
        need("code"), need("name"), need("sector"), sector(), iso("country")
        for period in _cells(v.get("governs")):
            if not _PERIOD.fullmatch(period):
                raise KnowledgeError(f"governs period {period!r} is not FROM..TO (YYYY[-MM], TO may be empty)",
                                     source=where)
    elif table == "roles":
        need("phrase"), need("sector"), need("kind"), sector()
        if v["kind"] not in ROLE_KINDS:
            raise KnowledgeError(f"role kind {v['kind']!r} is not title or group", source=where)
    elif table == "peoples":
        need("people"), iso("country")
    elif table == "places":
        need("name"), iso("country")
        if v.get("kind") and v["kind"] not in PLACE_KINDS:
            raise KnowledgeError(f"unknown place kind {v['kind']!r}", source=where)
    elif table == "leaders":
        need("name"), need("title"), need("sector"), sector(), iso("country")
        year("start_year"), year("end_year")
        if v.get("start_year") and v.get("end_year") and int(v["end_year"]) < int(v["start_year"]):
            raise KnowledgeError("end_year before start_year", source=where)


def _row_key(row: _Row) -> tuple[str, ...]:
    v = row.values
    if row.table == "countries":
        return (row.table, v["iso3"])
    if row.table == "organizations":
        return (row.table, v["code"])
    if row.table == "roles":
        return (row.table, normalise(v["phrase"].lstrip("=")))
    if row.table == "places":
        return (row.table, normalise(v["name"].lstrip("=")), v.get("country", ""))
    if row.table == "peoples":
        return (row.table, normalise(v["people"].lstrip("=")))
    return (row.table, normalise(v["name"].lstrip("=")), normalise(v["title"]), v.get("start_year", ""))


def _csv_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix.lower() == ".csv"))
        elif p.is_file():
            files.append(p)
        else:
            raise KnowledgeError("knowledge table not found", source=str(p))
    return files


def _read_file(path: Path) -> tuple[str, list[_Row]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read table: {exc}", source=str(path)) from None
    return _read_table(text, str(path))


@functools.lru_cache(maxsize=1)
def _default_rows() -> tuple[_Row, ...]:
    rows: list[_Row] = []
    data = resources.files("eventcoder") / "data"
    for table in TABLE_ORDER:
        resource = data / DATA_FILES[table]
        found, table_rows = _read_table(resource.read_text(encoding="utf-8"), f"data/{DATA_FILES[table]}")
        if found != table:
            raise KnowledgeError(f"expected the {table} table", source=f"data/{DATA_FILES[table]}")
        rows.extend(table_rows)
    return tuple(rows)


# ---------------------------------------------------------------- building entries

def _f(value: str | None) -> float | None:
    return float(value) if value else None


def _i(value: str | None) -> int | None:
    return int(value) if value else None


def _demonym_plural(word: str) -> str | None:
    if word.endswith(("ese", "ish", "ch", "sh", "s", "z", "x")) or " " in word:
        return None
    return word + "s"


@dataclass
class _Builder:
    orgs: dict[str, dict[str, str]]
    # phrase as written in the table (without "=") -> entries, with its exactness
    phrases: list[tuple[str, bool, Entry]] = field(default_factory=list)

    def add(self, phrase: str, entry: Entry) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            return
        exact = phrase.startswith("=")
        phrase = phrase.lstrip("=")
        self.phrases.append((phrase, exact or is_acronym(phrase), entry))


def _entries_from_rows(
    rows: Sequence[_Row],
) -> tuple[_Builder, dict[str, CountryInfo], dict[Entry, str | None], dict[str, Entry]]:
    orgs = {r.values["code"]: r.values for r in rows if r.table == "organizations"}
    b = _Builder(orgs)
    countries: dict[str, CountryInfo] = {}
    persons: dict[Entry, str | None] = {}  # person -> explicit surname
    org_entries: dict[str, Entry] = {}
    by_table: dict[str, list[_Row]] = {t: [] for t in TABLE_ORDER}
    for r in rows:
        by_table[r.table].append(r)
    for r in by_table["countries"]:
        v = r.values
        iso3, name = v["iso3"], v["name"]
        countries[iso3] = CountryInfo(iso3, name, _opt(v.get("capital")), _f(v.get("lat")),
                                      _f(v.get("lon")), _f(v.get("cap_lat")), _f(v.get("cap_lon")))
        country = Entry("country", name, country=iso3, lat=_f(v.get("lat")), lon=_f(v.get("lon")))
        for p in [name, *_cells(v.get("aliases"))]:
            b.add(p, country)
        demonym = Entry("demonym", name, country=iso3)
        for d in _cells(v.get("demonyms")):
            b.add(d, demonym)
            plural = _demonym_plural(d)
            if plural and plural.lower() not in {n.lower() for n in [name, *_cells(v.get("aliases"))]}:
                b.add(plural, demonym)  # (not "Laos", the country, as the plural of "Lao")
        if v.get("capital"):
            capital = Entry("capital", v["capital"], country=iso3, sector="GOV",
                            lat=_f(v.get("cap_lat")), lon=_f(v.get("cap_lon")))
            for p in [v["capital"], *_cells(v.get("capital_aliases"))]:
                b.add(p, capital)
    for r in by_table["organizations"]:
        v = r.values
        parent = _opt(v.get("parent"))
        e = Entry("org", v["name"], country=_opt(v.get("country")), sector=v["sector"], org=v["code"],
                  parent=parent, governs=tuple(tuple(p.split("..")) for p in _cells(v.get("governs"))))
        org_entries[v["code"]] = e
        for p in [v["name"], *_cells(v.get("aliases"))]:
            b.add(p, e)
    for r in by_table["leaders"]:
        v = r.values
        org = _opt(v.get("org"))
        e = Entry("person", v["name"].lstrip("="), country=_opt(v.get("country")), sector=v["sector"],
                  org=org, parent=_opt(orgs.get(org, {}).get("parent")) if org else None,
                  title=v["title"], start_year=_i(v.get("start_year")), end_year=_i(v.get("end_year")))
        persons[e] = _opt(v.get("surname"))
        for p in [v["name"], *_cells(v.get("aliases"))]:
            b.add(p, e)
    for r in by_table["places"]:
        v = r.values
        kind = v.get("kind") or "city"
        e = Entry("landmark" if kind in ("landmark", "seat") else "place", v["name"].lstrip("="),
                  country=_opt(v.get("country")), sector="GOV" if kind == "seat" else None,
                  lat=_f(v.get("lat")), lon=_f(v.get("lon")), admin=_opt(v.get("admin")))
        for p in [v["name"], *_cells(v.get("aliases"))]:
            b.add(p, e)
    for r in by_table["roles"]:
        v = r.values
        org = _opt(v.get("org"))
        info = orgs.get(org or "", {})
        e = Entry("role", v.get("title") or v["phrase"].lstrip("="), sector=v["sector"], org=org,
                  country=_opt(info.get("country")), parent=_opt(info.get("parent")),
                  title=_opt(v.get("title")), role_kind=v["kind"])
        b.add(v["phrase"], e)
    for r in by_table["peoples"]:
        v = r.values
        e = Entry("people", v["people"].lstrip("="), country=_opt(v.get("country")))
        for p in [v["people"], *_cells(v.get("aliases"))]:
            b.add(p, e)
    return b, countries, persons, org_entries


# ---------------------------------------------------------------- the knowledge base

_PROPER_KINDS = frozenset({"country", "demonym", "capital", "org", "place", "landmark", "person", "people"})


def _is_word_char(c: str) -> bool:
    return c.isalnum()


class Knowledge:
    """The merged tables, indexed for lookup and for scanning text."""

    def __init__(self, rows: Sequence[_Row]) -> None:
        builder, self._countries, self._persons, self._orgs = _entries_from_rows(rows)
        self._person_phrases = [p for p in builder.phrases if p[2].kind == "person"]
        # exact-case phrases keyed by their folded form; others by their normalised form.
        exact: dict[str, list[Entry]] = {}
        loose: dict[str, list[tuple[Entry, tuple[int, ...]]]] = {}
        for phrase, is_exact, entry in builder.phrases:
            if is_exact:
                bucket = exact.setdefault(fold(phrase), [])
                if entry not in bucket:
                    bucket.append(entry)
            else:
                key = normalise(phrase)
                caps = _capitals(fold(phrase)) if entry.kind in _PROPER_KINDS else ()
                lbucket = loose.setdefault(key, [])
                if all(e != entry for e, _ in lbucket):
                    lbucket.append((entry, caps))
        self._exact = {k: tuple(v) for k, v in exact.items()}
        self._loose = {k: tuple(v) for k, v in loose.items()}
        self._exact_ac = self._automaton(self._exact)
        self._loose_ac = self._automaton(self._loose)
        self._person_index = self._index_persons()

    @staticmethod
    def _automaton(table: dict[str, tuple]) -> ahocorasick.Automaton | None:
        if not table:
            return None
        ac = ahocorasick.Automaton()
        for key, value in table.items():
            ac.add_word(key, (len(key), value))
        ac.make_automaton()
        return ac

    def _index_persons(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}

        def put(key: str, e: Entry) -> None:
            bucket = index.setdefault(normalise(key), [])
            if e not in bucket:
                bucket.append(e)

        for phrase, _, e in self._person_phrases:
            put(phrase, e)
        for e, explicit in self._persons.items():
            words = e.name.split()
            if explicit:
                surnames = {explicit}
            elif len(words) < 2:
                continue
            elif e.country in FAMILY_NAME_FIRST:
                surnames = {words[0]}
            else:
                surnames = {words[-1]}
            surnames |= {re.sub(r"^(al|el|ad|as|ash|bin|ibn)-", "", s, flags=re.IGNORECASE) for s in surnames}
            for s in surnames:
                put(s, e)
        return index

    # -- public API ------------------------------------------------------------

    def find(self, text: str) -> list[Mention]:
        """Every known phrase in ``text``, leftmost-longest, no overlaps, sorted by start.

        Offsets are into ``text`` as given. See the module docstring for the
        word-boundary and letter-case rules.
        """
        if not text:
            return []
        folded = fold(text)
        low = _lower_same_length(folded)
        n = len(text)
        spans: dict[tuple[int, int], list[Entry]] = {}

        def bounded(start: int, end: int) -> bool:
            return (start == 0 or not _is_word_char(folded[start - 1])) and (
                end == n or not _is_word_char(folded[end]))

        if self._exact_ac is not None:
            for last, (length, entries) in self._exact_ac.iter(folded):
                start, end = last - length + 1, last + 1
                if bounded(start, end):
                    spans.setdefault((start, end), []).extend(entries)
        if self._loose_ac is not None:
            for last, (length, pairs) in self._loose_ac.iter(low):
                start, end = last - length + 1, last + 1
                if not bounded(start, end):
                    continue
                ok = [e for e, caps in pairs if all(folded[start + i].isupper() for i in caps)]
                if ok:
                    bucket = spans.setdefault((start, end), [])
                    bucket.extend(e for e in ok if e not in bucket)
        chosen: list[Mention] = []
        taken_to = -1
        for (start, end) in sorted(spans, key=lambda s: (s[0], -s[1])):
            if start < taken_to:
                continue
            chosen.append(Mention(start, end, text[start:end], tuple(spans[(start, end)])))
            taken_to = end
        return chosen

    def lookup(self, phrase: str) -> list[Entry]:
        """Every entry for one phrase, compared after normalising.

        Case is ignored except for exact-case phrases (acronyms: ``lookup("US")``
        finds the United States, ``lookup("us")`` finds nothing). A trailing
        possessive and a leading ``the`` are dropped when the phrase itself is unknown.
        """
        candidates = [" ".join(fold(phrase).split())]
        c = candidates[0]
        for suffix in ("'s", "'"):
            if c.endswith(suffix) and len(c) > len(suffix):
                candidates.append(c[: -len(suffix)])
        for c in list(candidates):
            if c.lower().startswith("the "):
                candidates.append(c[4:])
        for c in candidates:
            found = list(self._exact.get(c, ()))
            found.extend(e for e, _ in self._loose.get(normalise(c), ()) if e not in found)
            if found:
                return found
        return []

    def country(self, iso3: str) -> CountryInfo | None:
        """Name, capital and coordinates of a country or territory by ISO 3166 alpha-3 code."""
        return self._countries.get(iso3.upper())

    def countries(self) -> list[CountryInfo]:
        """Every country and territory of the tables."""
        return list(self._countries.values())

    def persons(self) -> list[Entry]:
        """Every leader of the tables, one entry per office held."""
        return list(self._persons)

    def organization(self, code: str) -> Entry | None:
        """The organisation with this short code (``"OHCHR"``), or None."""
        return self._orgs.get(code)

    def persons_named(self, surname_or_name: str, year: int | None = None) -> list[Entry]:
        """Leaders by full name, alias or surname, in office during ``year`` when given.

        The surname is the last word of the name (the first for Chinese, Korean,
        Cambodian and Mongolian names), also without an ``al-``/``bin`` particle.
        One person with several offices gives one entry per office. Sorted by start year.
        """
        found = self._person_index.get(normalise(surname_or_name), [])
        if year is not None:
            found = [e for e in found
                     if (e.start_year is None or e.start_year <= year)
                     and (e.end_year is None or year <= e.end_year)]
        return sorted(found, key=lambda e: (e.start_year or 0, e.name))

    @property
    def phrase_count(self) -> int:
        """How many distinct phrases the automata hold."""
        return len(self._exact) + len(self._loose)


# ---------------------------------------------------------------- loading

def _load_rows(extra_paths: Sequence[Path]) -> list[_Row]:
    merged: dict[tuple[str, ...], _Row] = {}
    for row in _default_rows():
        merged[_row_key(row)] = row
    for path in _csv_files(extra_paths):
        _, rows = _read_file(path)
        for row in rows:
            key = _row_key(row)
            merged.pop(key, None)  # an override moves to the end: user rows are listed last
            merged[key] = row
    return list(merged.values())


@functools.lru_cache(maxsize=16)
def _cached(signature: tuple[tuple[str, float, int], ...]) -> Knowledge:
    return Knowledge(_load_rows([Path(p) for p, _, _ in signature]))


def load_knowledge(extra_paths: Sequence[Path] = ()) -> Knowledge:
    """The shipped tables merged with the user's (CSV files or directories of them).

    A user row replaces the shipped row with the same key (countries: ``iso3``;
    organizations: ``code``; roles: ``phrase``; places: ``name`` + ``country``;
    leaders: ``name`` + ``title``) and adds itself otherwise. Results are cached
    per process, keyed by the files' paths, sizes and modification times.
    Raises :class:`KnowledgeError` naming the file and line of a malformed table.
    """
    signature: list[tuple[str, float, int]] = []
    for path in _csv_files(extra_paths):
        st = path.stat()
        signature.append((str(path.resolve()), st.st_mtime, st.st_size))
    return _cached(tuple(signature))
