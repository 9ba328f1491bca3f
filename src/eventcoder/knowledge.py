"""Loads the shipped knowledge tables (and the user's) and finds their phrases in text.

CONTRACT (implemented by the knowledge work; the extractors code against it):

    kb = load_knowledge(extra_paths=())      # cached per process for the default tables
    kb.find(text) -> list[Mention]           # every known phrase in text, longest match wins,
                                             # word boundaries respected, sorted by start
    kb.lookup(phrase) -> list[Entry]         # exact (normalised) lookup of one phrase
    kb.country(iso3) -> CountryInfo | None   # name, capital, coordinates
"""
