"""Tests of the knowledge tables and their loader (eventcoder.knowledge)."""

from __future__ import annotations

import csv
import time
from importlib import resources
from pathlib import Path

import pytest

from eventcoder.errors import KnowledgeError
from eventcoder.knowledge import Entry, Knowledge, Mention, _default_rows, load_knowledge


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def spans(kb: Knowledge, text: str) -> list[tuple[str, str]]:
    """(matched text, kind of the first entry) for every mention."""
    return [(m.text, m.entries[0].kind) for m in kb.find(text)]


def first(m: Mention, kind: str) -> Entry:
    return next(e for e in m.entries if e.kind == kind)


def mention(kb: Knowledge, text: str, phrase: str) -> Mention:
    found = [m for m in kb.find(text) if m.text == phrase]
    assert found, f"{phrase!r} not found in {[m.text for m in kb.find(text)]}"
    return found[0]


# ------------------------------------------------------------------ shipped tables

def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("eventcoder") / "data" / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must start with its source and licence"
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_shipped_tables_have_the_promised_size() -> None:
    countries = _rows("countries.csv")
    assert len(countries) >= 249
    assert len({r["iso3"] for r in countries}) == len(countries)
    assert len(_rows("organizations.csv")) >= 150
    assert len(_rows("places.csv")) >= 1000
    assert len(_rows("roles.csv")) >= 2000
    assert len(_rows("leaders.csv")) >= 300
    header = (resources.files("eventcoder") / "data" / "roles.csv").read_text(encoding="utf-8")
    assert "plover_agents" in header and "MIT" in header


def test_every_capital_is_also_a_place(kb: Knowledge) -> None:
    for info in kb.countries():
        if info.capital:
            kinds = {e.kind for e in kb.lookup(info.capital) if e.country == info.iso3}
            assert {"capital", "place"} <= kinds, info


# ------------------------------------------------------------------ find(): countries, demonyms, capitals

def test_demonyms_and_possessives(kb: Knowledge) -> None:
    text = "China's navy shadowed Chinese-made drones while Afghan and Emirati officials met Saudi envoys."
    found = {m.text: m for m in kb.find(text)}
    assert first(found["China"], "country").country == "CHN"
    assert first(found["Chinese"], "demonym").country == "CHN"
    assert first(found["Afghan"], "demonym").country == "AFG"
    assert first(found["Emirati"], "demonym").country == "ARE"
    assert first(found["Saudi"], "demonym").country == "SAU"
    assert "navy" in found and "officials" in found


def test_plural_demonyms(kb: Knowledge) -> None:
    m = mention(kb, "Israelis and Palestinians marched as Americans watched.", "Palestinians")
    assert first(m, "demonym").country == "PSE"
    assert first(mention(kb, "Israelis gathered.", "Israelis"), "demonym").country == "ISR"
    # a plural that is the country's own name is the country only ("Laos" is not the plural of "Lao")
    assert {e.kind for e in mention(kb, "Kenya asked Laos to return the suspects.", "Laos").entries} == {"country"}


def test_capital_metonymy(kb: Knowledge) -> None:
    text = "Beijing said on Tuesday that Washington and Moscow must return to talks hosted in Kabul."
    beijing = mention(kb, text, "Beijing")
    cap = first(beijing, "capital")
    assert (cap.country, cap.sector) == ("CHN", "GOV")
    assert any(e.kind == "place" for e in beijing.entries)  # a capital is a city too
    assert first(mention(kb, text, "Washington"), "capital").country == "USA"
    assert first(mention(kb, text, "Kabul"), "capital").country == "AFG"


def test_the_chinese_side(kb: Knowledge) -> None:
    found = kb.find("The Chinese side firmly opposes the move, the spokesperson said.")
    assert [m.text for m in found] == ["Chinese", "side", "spokesperson"]
    side = found[1].entries[0]
    assert (side.kind, side.sector, side.role_kind) == ("role", "GOV", "group")


# ------------------------------------------------------------------ case rules

def test_us_is_case_sensitive(kb: Knowledge) -> None:
    found = kb.find("US officials told us the deal was off.")
    assert [m.text for m in found] == ["US", "officials"]
    assert first(found[0], "country").country == "USA"
    assert kb.lookup("us") == []
    assert kb.lookup("US")[0].country == "USA"


def test_acronyms_that_are_english_words(kb: Knowledge) -> None:
    text = "WHO warned of cholera. Who knows? IS fighters attacked a village; it is unclear who sent them."
    found = spans(kb, text)
    assert ("WHO", "org") in found and ("IS", "org") in found
    assert all(t not in ("Who", "who", "is") for t, _ in found)
    assert first(mention(kb, text, "IS"), "org").org == "ISIS"


def test_au_only_in_capitals(kb: Knowledge) -> None:
    assert first(mention(kb, "The AU suspended Niger.", "AU"), "org").org == "AU"
    assert spans(kb, "Ciao, au revoir.") == []


def test_names_need_capitals(kb: Knowledge) -> None:
    assert spans(kb, "Chad closed its border.")[0] == ("Chad", "country")
    assert spans(kb, "a hanging chad and nice weather in turkey season") == []
    assert ("the States", "country") in spans(kb, "He moved back to the States.")
    assert all(t != "the states" for t, _ in spans(kb, "the states agreed"))


def test_roles_match_any_case(kb: Knowledge) -> None:
    found = spans(kb, "Troops and riot police faced protesters; The Government said.")
    assert ("Troops", "role") in found and ("riot police", "role") in found
    assert ("protesters", "role") in found and ("Government", "role") in found


def test_word_boundaries(kb: Knowledge) -> None:
    found = [m.text for m in kb.find("The Omani minister and the Indiana senator discussed Iranian oil.")]
    assert "Oman" not in found and "India" not in found and "Iran" not in found
    assert "Omani" in found and "Indiana" in found and "Iranian" in found


def test_diacritics_and_curly_apostrophes_fold(kb: Knowledge) -> None:
    found = kb.find("Officials at the Elysee said Côte d’Ivoire and Cote d'Ivoire agreed.")
    texts = [m.text for m in found]
    assert "Elysee" in texts
    assert [first(m, "country").country for m in found if m.entries[0].kind == "country"] == ["CIV", "CIV"]
    # offsets point into the text as given
    text = "Réunion, Türkiye and Kyiv"
    for m in kb.find(text):
        assert text[m.start:m.end] == m.text


# ------------------------------------------------------------------ longest match, organisations, roles

def test_longest_match_wins(kb: Knowledge) -> None:
    found = kb.find("The UN Security Council met after the UN General Assembly vote.")
    assert [m.text for m in found] == ["UN Security Council", "UN General Assembly"]
    unsc = first(found[0], "org")
    assert (unsc.org, unsc.parent, unsc.sector, unsc.country) == ("UNSC", "UN", "IGO", None)
    assert [m.text for m in kb.find("North Korea fired a missile toward South Korea.")] == [
        "North Korea", "South Korea"]


def test_un_human_rights_titles_and_offices(kb: Knowledge) -> None:
    text = ("UN High Commissioner for Human Rights Volker Türk said the UN human rights office "
            "had documented abuses.")
    title = first(mention(kb, text, "UN High Commissioner for Human Rights"), "role")
    assert (title.sector, title.org, title.parent, title.country) == ("IGO", "OHCHR", "UN", None)
    assert title.role_kind == "title"
    person = first(mention(kb, text, "Volker Türk"), "person")
    assert (person.org, person.sector, person.country) == ("OHCHR", "IGO", None)
    office = first(mention(kb, text, "UN human rights office"), "org")
    assert (office.org, office.parent) == ("OHCHR", "UN")


def test_armed_groups_and_national_institutions(kb: Knowledge) -> None:
    text = ("Houthi rebels, al-Shabaab and the Taliban were named by the Pentagon, the Kremlin, "
            "the Knesset and Xinhua.")
    codes = {m.text: {(e.org, e.country, e.sector) for e in m.entries if e.kind == "org"}
             for m in kb.find(text)}
    assert ("HOUTHIS", "YEM", "REB") in codes["Houthi rebels"]
    assert ("SHABAAB", "SOM", "REB") in codes["al-Shabaab"]
    assert ("TALIBAN", "AFG", "REB") in codes["the Taliban"]
    assert ("DOD", "USA", "MIL") in codes["the Pentagon"]
    assert ("KREMLIN", "RUS", "GOV") in codes["the Kremlin"]
    assert ("KNESSET", "ISR", "LEG") in codes["Knesset"]
    assert ("XINHUA", "CHN", "JRN") in codes["Xinhua"]


def test_titles_and_groups(kb: Knowledge) -> None:
    text = "Vice Foreign Minister Ma Zhaoxu met lawmakers, the Ministry of Foreign Affairs said."
    vfm = first(mention(kb, text, "Vice Foreign Minister"), "role")
    assert (vfm.role_kind, vfm.title, vfm.sector) == ("title", "Vice Foreign Minister", "GOV")
    mfa = first(mention(kb, text, "Ministry of Foreign Affairs"), "role")
    assert (mfa.role_kind, mfa.sector, mfa.title) == ("group", "GOV", "Foreign Ministry")
    assert first(mention(kb, text, "lawmakers"), "role").sector == "LEG"
    assert kb.lookup("Minister of Foreign Affairs")[0].title == "Foreign Minister"
    assert kb.lookup("insurgents")[0].sector == "REB"
    assert kb.lookup("soldiers")[0].sector == "MIL"


def test_general_needs_its_capital(kb: Knowledge) -> None:
    assert ("General", "role") in spans(kb, "General Abdel Fattah al-Burhan spoke.")
    assert all(t.lower() != "general" for t, _ in spans(kb, "in general the general election"))


# ------------------------------------------------------------------ places and landmarks

def test_landmarks_stand_for_their_city(kb: Knowledge) -> None:
    text = "Officials at Zhongnanhai, Downing Street and the Palais des Nations responded."
    znh = first(mention(kb, text, "Zhongnanhai"), "landmark")
    assert (znh.country, znh.admin, znh.sector) == ("CHN", "Beijing", "GOV")
    dst = first(mention(kb, text, "Downing Street"), "landmark")
    assert (dst.country, dst.admin) == ("GBR", "London")
    pdn = first(mention(kb, text, "Palais des Nations"), "landmark")
    assert (pdn.country, pdn.admin, pdn.sector) == ("CHE", "Geneva", None)
    kremlin = {e.kind for e in kb.lookup("Kremlin")}
    assert {"org", "landmark"} <= kremlin


def test_newsworthy_places(kb: Knowledge) -> None:
    text = "Strikes hit Khan Younis, El Fasher, Goma and Kharkiv; Crimea and the West Bank braced."
    got = {m.text: first(m, "place").country for m in kb.find(text)}
    assert got == {"Khan Younis": "PSE", "El Fasher": "SDN", "Goma": "COD", "Kharkiv": "UKR",
                   "Crimea": "UKR", "West Bank": "PSE"}
    place = first(mention(kb, "Fighting near Goma.", "Goma"), "place")
    assert place.lat is not None and -2.5 < place.lat < -1 and 28 < (place.lon or 0) < 30


# ------------------------------------------------------------------ leaders

def test_leaders_by_surname_and_year(kb: Knowledge) -> None:
    putin_2010 = kb.persons_named("Putin", 2010)
    assert [(e.name, e.title) for e in putin_2010] == [("Vladimir Putin", "Prime Minister")]
    assert kb.persons_named("Putin", 2020)[0].title == "President"
    assert {e.name for e in kb.persons_named("Wang", 2015)} >= {"Wang Yi"}
    assert [e.title for e in kb.persons_named("Qian Qichen", 1996)] == ["Foreign Minister", "Vice Premier"]
    assert [e.name for e in kb.persons_named("Assad", 2015)] == ["Bashar al-Assad"]
    assert kb.persons_named("Kim", 2019)[0].name == "Kim Jong Un"
    assert kb.persons_named("Blinken", 2010) == []


def test_distinctive_surnames_of_leaders_are_found_alone_in_text(kb: Knowledge) -> None:
    text = "Trump phoned Macron, and Zelenskyy thanked Farmajo; Ms. May and Mr. Johnson did not."
    found = {m.text: {e.country for e in m.entries if e.kind == "person"} for m in kb.find(text)}
    assert found["Trump"] == {"USA"} and found["Macron"] == {"FRA"} and found["Zelenskyy"] == {"UKR"}
    assert found["Farmajo"] == {"SOM"}  # a common spelling of the nickname
    assert "May" not in found and "Johnson" not in found  # common words and surnames are not aliases


def test_igo_heads_have_no_country(kb: Knowledge) -> None:
    guterres = kb.persons_named("Guterres", 2020)
    assert [(e.org, e.country, e.sector) for e in guterres] == [("UN", None, "IGO")]


def test_person_mentions_carry_every_office(kb: Knowledge) -> None:
    m = mention(kb, "Chinese President Xi Jinping met Foreign Minister Sergei Lavrov.", "Xi Jinping")
    assert {e.title for e in m.entries} >= {"President", "General Secretary", "Vice President"}
    lavrov = first(mention(kb, "Lavrov arrived.", "Lavrov"), "person")
    assert (lavrov.country, lavrov.title) == ("RUS", "Foreign Minister")


# ------------------------------------------------------------------ country()

def test_country_info(kb: Knowledge) -> None:
    chn = kb.country("CHN")
    assert chn is not None and (chn.name, chn.capital) == ("China", "Beijing")
    assert chn.cap_lat is not None and abs(chn.cap_lat - 39.9) < 0.2
    assert kb.country("usa") is not None and kb.country("USA").capital == "Washington"  # type: ignore[union-attr]
    assert kb.country("XYZ") is None


# ------------------------------------------------------------------ user extension

USER_PLACES = """\
# my newsroom's additions
name,aliases,country,lat,lon,kind,admin
Nice,,FRA,43.70,7.27,city,
Zapadnyi Port,Western Port,UKR,46.49,30.73,site,
Bankova,,UKR,50.45,30.53,seat,Kyiv
"""

USER_ORGS = """\
code,name,aliases,parent,sector,country
ACME,Acme Relief Alliance,ARA|Acme Relief,,NGO,
KREMLIN,Presidential Administration of Russia,Kremlin|the Kremlin,,GOV,RUS
"""


def test_user_tables_add_and_override(tmp_path: Path, kb: Knowledge) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "places.csv").write_text(USER_PLACES, encoding="utf-8")
    (folder / "orgs.csv").write_text(USER_ORGS, encoding="utf-8")
    (folder / "notes.txt").write_text("not a table", encoding="utf-8")
    mine = load_knowledge([folder])
    text = "Acme Relief said a ship left Western Port as ARA staff met the Kremlin."
    acme = first(mention(mine, text, "Acme Relief"), "org")
    assert (acme.org, acme.sector, acme.country) == ("ACME", "NGO", None)
    assert first(mention(mine, text, "ARA"), "org").org == "ACME"
    assert first(mention(mine, text, "Western Port"), "place").country == "UKR"
    kremlin = [e for e in mine.lookup("Kremlin") if e.kind == "org"]
    assert [e.name for e in kremlin] == ["Presidential Administration of Russia"]  # overridden
    assert "Acme Relief" not in [m.text for m in kb.find(text)]  # the shipped tables are untouched
    assert load_knowledge([folder]) is mine  # cached while the files are unchanged


def test_peoples_are_communities_with_a_homeland_when_they_have_one(tmp_path: Path, kb: Knowledge) -> None:
    text = "Police held 12 Uighurs and several Kurds near the Rohingya camps."
    assert first(mention(kb, text, "Uighurs"), "people").country == "CHN"
    assert first(mention(kb, text, "Kurds"), "people").country is None  # several states: none
    assert first(mention(kb, text, "Rohingya"), "people").country == "MMR"
    assert not [m for m in kb.find("the yazidi question") if any(e.kind == "people" for e in m.entries)]
    (tmp_path / "communities.csv").write_text("people,aliases,country\nSorbs,Sorb|Sorbian,DEU\n", encoding="utf-8")
    mine = load_knowledge([tmp_path])
    assert first(mention(mine, "two Sorbian villages", "Sorbian"), "people").country == "DEU"
    (tmp_path / "communities.csv").write_text("people,country\nSorbs,Germany\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="communities.csv:2: country 'Germany' is not an ISO"):
        load_knowledge([tmp_path])


def test_user_leader_file(tmp_path: Path) -> None:
    path = tmp_path / "leaders.csv"
    path.write_text(
        "name,aliases,country,title,sector,start_year,end_year\n"
        "Amina Okafor,,NGA,Governor,GOV,2023,\n", encoding="utf-8")
    mine = load_knowledge([path])
    assert [(e.name, e.title) for e in mine.persons_named("Okafor", 2024)] == [("Amina Okafor", "Governor")]
    assert mine.persons_named("Okafor", 2020) == []


@pytest.mark.parametrize(
    ("content", "where", "problem"),
    [
        ("code,name,aliases,parent,sector,country\nXYZ,Xyz Group,,,ZZZ,\n", ":2", "unknown sector"),
        ("name,aliases,country,lat,lon,kind,admin\n# c\nOkay,,FRA,1,2,city,\nBad,,FRA,95,2,city,\n",
         ":4", "lat 95.0 out of range"),
        ("phrase,sector,kind,title\nforeign envoy,GOV,title\n", ":2", "3 cells"),
        ("phrase,sector,kind,title\nforeign envoy,GOV,person,Envoy\n", ":2", "title or group"),
        ("iso3,name,wingspan\nFOO,Fooland,3\n", ":1", "unknown columns wingspan"),
        ("colour,size\nred,big\n", ":1", "matches no knowledge table"),
        ("name,aliases,country,title,sector,start_year,end_year\nA B,,USA,President,GOV,2020,2010\n",
         ":2", "end_year before start_year"),
    ],
)
def test_malformed_user_table(tmp_path: Path, content: str, where: str, problem: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([path])
    message = str(info.value)
    assert f"{path}{where}" in message and problem in message and "[E200]" in message


def test_missing_user_path(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        load_knowledge([tmp_path / "nowhere.csv"])


# ------------------------------------------------------------------ speed

def test_speed(kb: Knowledge) -> None:
    paragraph = (
        "Chinese Foreign Minister Wang Yi told US Secretary of State Marco Rubio in Kuala Lumpur that "
        "Beijing opposed new sanctions, while UN High Commissioner for Human Rights Volker Türk urged "
        "restraint in Gaza and Khan Younis. Russian troops shelled Kharkiv as Ukrainian officials said "
        "the Kremlin was stalling; protesters gathered outside Downing Street and the Élysée. "
    )
    repeats = 1_000_000 // len(paragraph) + 1
    text = paragraph * repeats
    start = time.perf_counter()
    found = kb.find(text)
    seconds = time.perf_counter() - start
    build = time.perf_counter()
    Knowledge(list(_default_rows()))
    build = time.perf_counter() - build
    print(f"\nfind: {len(text) / seconds / 1e6:.1f} M chars/s ({len(found)} mentions); "
          f"build: {build:.2f} s for {kb.phrase_count} phrases")
    assert len(found) == len(kb.find(paragraph)) * repeats


def test_media_are_jrn_and_health_workers_med_as_in_the_agents_dictionary(kb: Knowledge) -> None:
    # the CAMEO/PLOVER agents dictionary codes journalists JRN and doctors MED (medical)
    for phrase in ("journalist", "reporters", "state broadcaster", "newspaper", "news agency", "opposition newspaper"):
        assert {e.sector for e in kb.lookup(phrase)} == {"JRN"}, phrase
    for phrase in ("doctors", "nurses", "paramedics", "health workers"):
        assert {e.sector for e in kb.lookup(phrase)} == {"MED"}, phrase
    assert {e.sector for e in kb.lookup("Reuters")} == {"JRN"}


def test_leaders_of_smaller_states_are_known_by_surname(kb: Knowledge) -> None:
    # heads of state and government beyond the most newsworthy sixty countries
    for surname, year, country in [("Hichilema", 2023, "ZMB"), ("Bukele", 2024, "SLV"), ("Dodik", 2025, "BIH"),
                                   ("Tebboune", 2022, "DZA"), ("Mirziyoyev", 2020, "UZB")]:
        found = kb.persons_named(surname, year=year)
        assert [p.country for p in found] == [country], surname


def test_a_country_named_like_a_place_elsewhere_is_read_by_the_story(kb: Knowledge) -> None:
    from eventcoder.knowledge import favour_country

    georgia = [m for m in kb.find("Police in Georgia detained him.") if m.text == "Georgia"]
    assert {e.country for e in georgia[0].entries} == {"GEO", "USA"}
    about_georgia = favour_country(georgia, "GEO")[0]
    assert {e.country for e in about_georgia.entries} == {"GEO"}
    about_america = favour_country(georgia, "USA")[0]
    assert about_america.entries[0].country == "USA"


def test_an_armed_group_that_governs_is_its_states_government_in_its_spells(tmp_path: Path, kb: Knowledge) -> None:
    taliban = kb.organization("TALIBAN")
    assert taliban is not None and taliban.sector == "REB"
    assert taliban.in_power("2019-04-02").sector == "REB"
    assert taliban.in_power("2021-07-30").sector == "REB"  # before the fall of Kabul
    assert taliban.in_power("2021-09-01").sector == "GOV"
    assert taliban.in_power("1999-05-10").sector == "REB"  # the first emirate: coded as rebels (docs/knowledge.md)
    assert taliban.in_power(None).sector == "REB"
    (tmp_path / "orgs.csv").write_text("code,name,aliases,parent,sector,country,governs\n"
                                       "NLF,Northern Liberation Front,NLF,,REB,TCD,2010..2012\n", encoding="utf-8")
    front = load_knowledge([tmp_path]).organization("NLF")
    assert front is not None and [front.in_power(d).sector for d in ("2009-12-31", "2011-06-01", "2013-01-01")] \
        == ["REB", "GOV", "REB"]
    (tmp_path / "orgs.csv").write_text("code,name,aliases,parent,sector,country,governs\n"
                                       "NLF,Northern Liberation Front,NLF,,REB,TCD,since 2010\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="orgs.csv:2: governs period 'since 2010'"):
        load_knowledge([tmp_path])
