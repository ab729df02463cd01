"""Tests of the actor dictionary and matcher (timeline.actors)."""

from __future__ import annotations

import datetime
import json
from importlib.resources import files

import pytest

from timeline.actors import ActorDictionary, ActorMention, find_dateline

D = datetime.date


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def ids(mentions: list[ActorMention]) -> list[str]:
    return [m.actor_id for m in mentions]


def pairs(mentions: list[ActorMention]) -> list[tuple[str, str]]:
    return [(m.text, m.actor_id) for m in mentions]


# --- dictionary contents -------------------------------------------------------------------------

def test_counts_and_un_status(actors: ActorDictionary) -> None:
    states = actors.countries()
    assert sum(s.status == "member" for s in states) == 193
    assert {s.id for s in states if s.status == "observer"} == {"VAT", "PSE"}
    assert {"TWN", "XKX", "HKG", "PRI", "GRL"} <= {s.id for s in states}
    assert len(actors.organisations()) >= 30
    assert len(actors.persons()) >= 400


def test_countryinfo_gaps_fixed(actors: ActorDictionary) -> None:
    assert actors.get("PRK").name == "North Korea"
    assert actors.get("KOR").name == "South Korea"
    assert actors.get("COD").name == "Democratic Republic of the Congo"
    assert actors.get("COG").name == "Republic of the Congo"
    assert actors.get("CIV").name == "Ivory Coast"
    assert actors.get("PSE").name == "Palestine"
    assert actors.get("XKX").name == "Kosovo"
    assert actors.get("VAT").name == "Holy See"
    assert actors.get("TWN").status == "disputed"
    text = ("The DRC, Congo-Brazzaville, Côte d'Ivoire, Kosovo, Taiwan, the Holy See, "
            "the State of Palestine, the DPRK and the Republic of Korea.")
    assert ids(actors.find(text)) == ["COD", "COG", "CIV", "XKX", "TWN", "VAT", "PSE", "PRK", "KOR"]


def test_organisations(actors: ActorDictionary) -> None:
    text = ("NATO, the EU, the European Union, the IAEA, ASEAN, the African Union, the G7, the G-20, OPEC, "
            "the WTO, the WHO, the IMF, the World Bank, the OSCE, the Arab League, the GCC, the SCO, BRICS, "
            "the OAS, Interpol, the ICC, the ICJ and the U.N.")
    assert ids(actors.find(text)) == [
        "org:NATO", "org:EU", "org:EU", "org:IAEA", "org:ASEAN", "org:AU", "org:G7", "org:G20", "org:OPEC",
        "org:WTO", "org:WHO", "org:IMF", "org:WB", "org:OSCE", "org:ARABLEAGUE", "org:GCC", "org:SCO",
        "org:BRICS", "org:OAS", "org:INTERPOL", "org:ICC", "org:ICJ", "org:UN"]
    m = actors.find("the European Union")[0]
    assert (m.name, m.kind, m.country, m.form) == ("European Union", "organisation", None, "name")


def test_brussels_is_not_the_eu(actors: ActorDictionary) -> None:
    assert ids(actors.find("Officials in Brussels said.")) == ["BEL"]


def test_aliases_and_demonyms(actors: ActorDictionary) -> None:
    text = ("the U.S., US, America, the United States, Britain, the UK, the ROK, North Koreans, "
            "Chinese, Japanese and American officials")
    assert ids(actors.find(text)) == ["USA", "USA", "USA", "USA", "GBR", "GBR", "KOR", "PRK", "CHN", "JPN",
                                      "USA"]
    forms = [m.form for m in actors.find("America and Americans; the United States")]
    assert forms == ["alias", "demonym", "name"]


def test_capitals_and_seats(actors: ActorDictionary) -> None:
    text = ("Pyongyang, Washington, Beijing, Tokyo, Moscow, Seoul, Tehran, the Kremlin, the White House, "
            "the Blue House, Downing Street, the Elysee and the Élysée")
    got = actors.find(text)
    assert ids(got) == ["PRK", "USA", "CHN", "JPN", "RUS", "KOR", "IRN", "RUS", "USA", "KOR", "GBR", "FRA",
                        "FRA"]
    assert {m.form for m in got} == {"capital"}


# --- matching rules -------------------------------------------------------------------------------

def test_word_boundaries(actors: ActorDictionary) -> None:
    assert actors.find("Irani and Tiranë are not Iran; a USB stick; tell us; US$5") == [
        ActorMention(25, 29, "Iran", "IRN", "Iran", "state", "IRN", "name")]


def test_case_rules(actors: ActorDictionary) -> None:
    assert actors.find("who would know? the us and them; iran; nato") == []
    assert ids(actors.find("The WHO and NATO")) == ["org:WHO", "org:NATO"]


def test_possessives(actors: ActorDictionary) -> None:
    for text in ("North Korea’s missiles", "North Korea's missiles", "the U.S.’ position"):
        got = actors.find(text)
        assert len(got) == 1 and got[0].text in ("North Korea", "U.S.")


def test_hyphenated_pairs(actors: ActorDictionary) -> None:
    assert pairs(actors.find("the U.S.-North Korea summit")) == [("U.S.", "USA"), ("North Korea", "PRK")]
    got = actors.find("the Xi-Kim summit", D(2018, 6, 20))
    assert ids(got) == ["person:xi-jinping", "person:kim-jong-un"]
    assert [m.form for m in got] == ["surname", "surname"]


def test_longest_match_wins(actors: ActorDictionary) -> None:
    got = actors.find("North Korean soldiers")
    assert pairs(got) == [("North Korean", "PRK")] and got[0].form == "demonym"
    assert pairs(actors.find("South Korea")) == [("South Korea", "KOR")]
    assert pairs(actors.find("the UN Security Council")) == [("UN Security Council", "org:UNSC")]
    assert pairs(actors.find("the White House")) == [("White House", "USA")]
    assert actors.find("Korea and the Korean Peninsula") == []  # ambiguous: left out


def test_blocked_phrases(actors: ActorDictionary) -> None:
    assert actors.find("New Mexico, the South China Sea, The Washington Post, Latin America") == []


def test_offsets_and_order(actors: ActorDictionary) -> None:
    text = "Seoul and Tokyo met Beijing."
    for m in actors.find(text):
        assert text[m.start:m.end] == m.text
    assert [m.start for m in actors.find(text)] == [0, 10, 20]


# --- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "place"), [
    ("BEIJING — China said on Monday", "CHN"),
    ("WASHINGTON (Reuters) - The U.S. said", "USA"),
    ("SEOUL, South Korea — Officials said", "KOR"),
    ("GENEVA, March 3 (AP) -- Talks began", "CHE"),
    ("Lead paragraph.\n\nPYONGYANG — Second story", "PRK"),
    ("No dateline here. BEIJING — is mid-text", None),
])
def test_find_dateline(text: str, place: str | None) -> None:
    assert find_dateline(text) == place


def test_datelines_are_not_mentions(actors: ActorDictionary) -> None:
    text = "SEOUL, South Korea — North Korea fired a missile, Seoul said."
    assert pairs(actors.find(text)) == [("North Korea", "PRK"), ("Seoul", "KOR")]
    assert ids(actors.find("WASHINGTON (Reuters) - The U.S. and UN")) == ["USA", "org:UN"]
    assert actors.find_dateline("UNITED NATIONS (AP) — The council met") == "United Nations"


# --- persons --------------------------------------------------------------------------------------

def test_full_names_and_aliases(actors: ActorDictionary) -> None:
    text = ("Mike Pompeo, John Bolton, Xi Jinping, Kim Jong Un, Kim Jong-un, Kim Jong Il, Moon Jae-in, "
            "Shinzo Abe")
    assert ids(actors.find(text)) == [
        "person:mike-pompeo", "person:john-bolton", "person:xi-jinping", "person:kim-jong-un",
        "person:kim-jong-un", "person:kim-jong-il", "person:moon-jae-in", "person:shinzo-abe"]
    m = actors.find("Donald Trump")[0]
    assert (m.name, m.kind, m.country, m.form) == ("Donald Trump", "person", "USA", "name")


def test_surname_from_full_name_earlier(actors: ActorDictionary) -> None:
    got = actors.find("Kim Jong Il inspected troops. Later Kim left.")  # no date needed
    assert ids(got) == ["person:kim-jong-il", "person:kim-jong-il"]
    assert got[1].form == "surname"


def test_surname_by_event_date(actors: ActorDictionary) -> None:
    text = "Kim met Xi in Beijing; Trump, Abe and Moon welcomed it."
    got = actors.find(text, D(2018, 6, 20))
    assert ids(got) == ["person:kim-jong-un", "person:xi-jinping", "CHN", "person:donald-trump",
                        "person:shinzo-abe", "person:moon-jae-in"]
    assert ids(actors.find("Kim visited Beijing.", D(2005, 3, 1))) == ["person:kim-jong-il", "CHN"]


def test_singaporean_cambodian_and_thai_leaders_go_by_their_first_name(actors: ActorDictionary) -> None:
    got = actors.find("Prime Minister Lee Hsien Loong met Prayut in Bangkok. Later Lee flew home.", D(2018, 1, 1))
    assert ids(got) == ["person:lee-hsien-loong", "person:prayut-chan-o-cha", "THA", "person:lee-hsien-loong"]
    assert "Loong" not in [m.text for m in actors.find("Loong said so.", D(2018, 1, 1))]


def test_big_cities_are_places_of_their_state(actors: ActorDictionary) -> None:
    got = actors.find("They met in Jeddah and then in Geneva and Sochi.")
    assert [(m.actor_id, m.form) for m in got] == [("SAU", "city"), ("CHE", "city"), ("RUS", "city")]


def test_the_knesset_stands_for_israel(actors: ActorDictionary) -> None:
    assert ids(actors.find("He was ready to go to the Knesset itself.", D(1977, 11, 9))) == ["ISR"]


def test_surname_ambiguous_or_unknown_left_out(actors: ActorDictionary) -> None:
    assert ids(actors.find("Kim visited Beijing.")) == ["CHN"]  # no date, many Kims
    assert ids(actors.find("Kim met the visitor.", D(2000, 6, 14))) == []  # Kim Dae-jung and Kim Jong Il
    assert ids(actors.find("Kim Jong Nam was killed. Kim had lived abroad.", D(2017, 2, 14))) == []
    assert ids(actors.find("Chelsea Clinton spoke.", D(2010, 1, 1))) == []
    assert ids(actors.find("Trump Tower", D(2018, 1, 1))) == []


def test_unique_surname_resolves_out_of_office(actors: ActorDictionary) -> None:
    assert ids(actors.find("Bolton wrote a book.", D(2020, 6, 1))) == ["person:john-bolton"]


def test_titles_with_names(actors: ActorDictionary) -> None:
    got = actors.find(
        "President Donald Trump met Prime Minister Shinzo Abe and Chinese President Xi Jinping.")
    assert pairs(got) == [("Donald Trump", "person:donald-trump"), ("Shinzo Abe", "person:shinzo-abe"),
                          ("Chinese", "CHN"), ("Xi Jinping", "person:xi-jinping")]
    assert ids(actors.find("President Kim met Chairman Kim.", D(2000, 6, 13))) == [
        "person:kim-dae-jung", "person:kim-jong-il"]


def test_title_only_surnames(actors: ActorDictionary) -> None:
    assert ids(actors.find("Prime Minister May flew in May.", D(2017, 5, 1))) == ["person:theresa-may"]


def test_the_president_is_not_guessed(actors: ActorDictionary) -> None:
    assert actors.find("the president said the prime minister agreed", D(2003, 5, 1)) == []
    assert actors.leader("USA", "president", D(2003, 5, 1)).name == "George W. Bush"
    assert actors.leader("USA", "president", D(2026, 6, 1)).name == "Donald Trump"
    assert actors.leader("USA", "president", D(2017, 1, 20)).name == "Donald Trump"  # handover day


def test_office_after_state_uses_event_date(actors: ActorDictionary) -> None:
    got = actors.find("the Chinese president and Iran’s supreme leader", D(2008, 1, 1))
    assert [(m.text, m.actor_id, m.form) for m in got] == [
        ("Chinese", "CHN", "demonym"), ("president", "person:hu-jintao", "title"),
        ("Iran", "IRN", "name"), ("supreme leader", "person:ali-khamenei", "title")]
    assert ids(actors.find("the Chinese president")) == ["CHN"]  # no date: no guess


def test_the_north_from_context(actors: ActorDictionary) -> None:
    got = actors.find("North Korea fired a missile. The North said the South was to blame.")
    assert ids(got) == ["PRK", "PRK", "KOR"]
    assert actors.find("The North said so.") == []


def test_leader_offices(actors: ActorDictionary) -> None:
    assert actors.leader("PRK", "leader", D(2005, 1, 1)).id == "person:kim-jong-il"
    assert actors.leader("PRK", "leader", D(2018, 1, 1)).id == "person:kim-jong-un"
    assert actors.leader("GBR", "head of state", D(2023, 1, 1)).name == "Charles III"
    assert actors.leader("GBR", "head of government", D(2023, 1, 1)).name == "Rishi Sunak"
    assert actors.leader("USA", "foreign minister", D(2019, 1, 1)).name == "Mike Pompeo"
    assert actors.leader("CHN", "foreign minister", D(2023, 3, 1)).name == "Qin Gang"
    assert actors.leader("IRN", "president", D(2015, 1, 1)).name == "Hassan Rouhani"
    assert actors.leader("org:UN", "secretary-general", D(2010, 1, 1)).name == "Ban Ki-moon"
    assert actors.leader("KOR", "president", D(2017, 4, 1)) is None  # between Park and Moon


def test_datetime_accepted_as_event_date(actors: ActorDictionary) -> None:
    when = datetime.datetime(2018, 6, 12, 9, 30)
    assert ids(actors.find("Kim arrived.", when)) == ["person:kim-jong-un"]
    assert actors.leader("KOR", "president", when).name == "Moon Jae-in"


def test_person_actor_has_terms(actors: ActorDictionary) -> None:
    abe = actors.get("person:shinzo-abe")
    assert (abe.kind, abe.country, abe.office) == ("person", "JPN", "prime minister")
    assert abe.start == D(2012, 12, 26) and abe.end == D(2020, 9, 16)
    assert abe.term_at(D(2010, 1, 1)) is None and abe.term_at(D(2007, 1, 1)) is not None
    assert actors.get("person:xi-jinping").end is None


@pytest.mark.parametrize("country", ["USA", "CHN", "RUS", "JPN", "GBR", "FRA", "DEU", "IND", "BRA", "PRK",
                                     "IRN", "ITA", "CAN", "AUS", "MEX", "ZAF", "TUR", "SAU", "IDN", "ARG",
                                     "ISR", "EGY", "CUB", "VEN", "QAT"])
def test_someone_leads_every_year(actors: ActorDictionary, country: str) -> None:
    vacant = {("MEX", 2023), ("EGY", 2011)}  # real gaps between two foreign ministers
    for year in range(2000, 2027):
        assert actors.leader(country, "leader", D(year, 7, 1)) is not None, (country, year)
        fm = actors.leader(country, "foreign minister", D(year, 7, 1))
        assert fm is not None or (country, year) in vacant, (country, year)


# --- packaging and speed --------------------------------------------------------------------------

def test_runtime_does_not_need_countryinfo() -> None:
    import timeline.actors as mod
    import timeline.actors_match as match

    for m in (mod, match):
        assert "countryinfo" not in open(m.__file__, encoding="utf-8").read()


def test_dictionary_built_from_package_data_matches_the_cached_one(actors: ActorDictionary) -> None:
    """Speed lives in benchmarks/actors.py; here a freshly built dictionary finds what the cached one finds."""
    raw = files("timeline").joinpath("data/actors/actors.json").read_text(encoding="utf-8")
    fresh = ActorDictionary(json.loads(raw))
    text = ("WASHINGTON (Reuters) - U.S. President Donald Trump said on Tuesday he would meet North Korean "
            "leader Kim Jong Un again, after Kim’s talks with Xi in Beijing. Seoul and Tokyo welcomed the "
            "move, while the UN Security Council and the IAEA called for verification.")
    assert fresh.find(text, D(2019, 1, 1)) == actors.find(text, D(2019, 1, 1))
    assert {m.actor_id for m in fresh.find(text, D(2019, 1, 1))} >= {"USA", "person:donald-trump", "PRK", "CHN"}


# --- group references ------------------------------------------------------------------------------

def test_group_references(actors: ActorDictionary) -> None:
    text = ("Trump met Kim Jong Un in Hanoi. The two leaders failed to agree. Both sides blamed each other. "
            "The two Koreas said little. China, Japan and Russia watched; both countries said nothing.")
    got = [(g.text, g.actor_ids) for g in actors.find_groups(text, D(2019, 2, 28))]
    assert got == [("The two leaders", ("person:donald-trump", "person:kim-jong-un")),
                   ("Both sides", ("USA", "PRK")),  # Hanoi is the venue, not a side
                   ("The two Koreas", ("PRK", "KOR"))]  # "both countries" after three: left out


def test_acronym_paragraph_is_not_a_dateline(actors: ActorDictionary) -> None:
    assert actors.find_dateline("NATO - the alliance said") is None
    assert ids(actors.find("NATO - the alliance said")) == ["org:NATO"]


# --- history: leaders back to 1945 -----------------------------------------------------------------

def test_camp_david_1978_sadat_and_begin(actors: ActorDictionary) -> None:
    when = D(1978, 9, 17)
    text = ("Egyptian President Anwar Sadat and Prime Minister Begin met at the presidential retreat, "
            "and then Sadat praised Mr. Begin for his patience.")
    got = [(m.text, m.actor_id) for m in actors.find(text, when) if m.kind == "person"]
    assert got == [("Anwar Sadat", "person:anwar-sadat"), ("Begin", "person:menachem-begin"),
                   ("Sadat", "person:anwar-sadat"), ("Begin", "person:menachem-begin")]
    # "Begin" is an English verb: without a title or the first name it is nobody
    assert ids(actors.find("Begin the talks now, the mediators urged.", when)) == []
    assert ids(actors.find("Menachem Begin arrived.", when)) == ["person:menachem-begin"]


def test_soviet_union_and_its_leaders_by_date(actors: ActorDictionary) -> None:
    assert pairs(actors.find("the Soviet leader", D(1987, 12, 8)))[1] == ("leader", "person:mikhail-gorbachev")
    assert pairs(actors.find("the Soviet leader", D(1980, 6, 1)))[1] == ("leader", "person:leonid-brezhnev")
    assert ids(actors.find("the Soviet Union, the USSR, the Soviets")) == ["SUN", "SUN", "SUN"]
    assert actors.get("SUN").status == "former"
    # capitals shared with the successor are resolved by date (states.yaml dated_forms)
    assert ids(actors.find("Moscow", D(1980, 1, 1))) == ["SUN"]
    assert ids(actors.find("Moscow", D(1992, 1, 1))) == ["RUS"]
    # ... and so are the capitals of the union's republics, and of Yugoslavia's
    assert ids(actors.find("Kiev and Riga", D(1972, 5, 29))) == ["SUN", "SUN"]
    assert ids(actors.find("Kiev and Riga", D(1995, 1, 1))) == ["UKR", "LVA"]
    assert ids(actors.find("Zagreb", D(1985, 1, 1))) == ["YUG"]
    assert actors.leader("SUN", "foreign minister", D(1970, 1, 1)).id == "person:andrei-gromyko"
    assert ids(actors.find("Gorbachev and Gorbachov", D(1989, 12, 2))) == ["person:mikhail-gorbachev"] * 2


def test_historical_offices_by_date(actors: ActorDictionary) -> None:
    assert actors.leader("GBR", "prime minister", D(1982, 4, 2)).id == "person:margaret-thatcher"
    assert actors.leader("CHN", "leader", D(1985, 1, 1)).id == "person:deng-xiaoping"
    assert actors.leader("DEU", "chancellor", D(1985, 1, 1)).id == "person:helmut-kohl"
    assert actors.leader("FRA", "president", D(1985, 1, 1)).id == "person:francois-mitterrand"
    assert actors.leader("USA", "secretary of state", D(1990, 1, 1)).id == "person:james-baker"
    assert actors.leader("PSE", "chairman", D(1980, 1, 1)).id == "person:yasser-arafat"
    assert actors.leader("org:UN", "secretary-general", D(1985, 1, 1)).id == "person:javier-perez-de-cuellar"
    assert actors.leader("org:NATO", "secretary-general", D(1990, 1, 1)).id == "person:manfred-worner"
    assert actors.leader("IND", "prime minister", D(1975, 6, 25)).id == "person:indira-gandhi"
    text = "Chinese leader Deng Xiaoping met Thatcher, and Deng said the talks went well."
    assert ids(actors.find(text, D(1984, 12, 19))) == [
        "CHN", "person:deng-xiaoping", "person:margaret-thatcher", "person:deng-xiaoping"]


def test_george_bush_by_date(actors: ActorDictionary) -> None:
    assert ids(actors.find("George Bush met Gorbachev in Malta.", D(1989, 12, 2))) == [
        "person:george-h-w-bush", "person:mikhail-gorbachev", "MLT"]
    assert ids(actors.find("George Bush spoke.", D(2004, 5, 1))) == ["person:george-w-bush"]
    assert ids(actors.find("President Bush spoke.", D(1991, 1, 16))) == ["person:george-h-w-bush"]
    assert ids(actors.find("George H. W. Bush spoke.")) == ["person:george-h-w-bush"]


def test_former_leaders_in_later_news(actors: ActorDictionary) -> None:
    text = "Jimmy Carter travelled to Pyongyang and met Kim Il Sung; Carter said Kim was ready to talk."
    assert ids(actors.find(text, D(1994, 6, 16))) == [
        "person:jimmy-carter", "PRK", "person:kim-il-sung", "person:jimmy-carter", "person:kim-il-sung"]
    text = "Chairman Arafat shook hands with Rabin while the PLO delegation watched."
    assert ids(actors.find(text, D(1993, 9, 13))) == ["person:yasser-arafat", "person:yitzhak-rabin", "PSE"]
    # surnames that are words or companies stay unmatched far from the person's time in office
    assert ids(actors.find("Ford recalled cars, and Carter is a common name.", D(2015, 5, 1))) == []
    assert ids(actors.find("Major powers met on Monday.", D(1992, 4, 10))) == []


def test_historical_state_names(actors: ActorDictionary) -> None:
    assert ids(actors.find("West Germany and West German officials", D(1970, 8, 12))) == ["DEU", "DEU"]
    assert ids(actors.find("East German officials", D(1970, 8, 12))) == ["DDR"]  # a former state of its own
    assert ids(actors.find("flights to Ho Chi Minh City")) == []
    assert ids(actors.find("Ho Chi Minh declared independence.", D(1945, 9, 2))) == ["person:ho-chi-minh"]


# --- persons the dictionary does not know (timeline/actors_unknown.py) ----------------------------------------

def unknown(mentions: list[ActorMention]) -> list[tuple[str, str, str | None, str]]:
    """(text, id, country, form) of the mentions of persons found by title only."""
    return [(m.text, m.actor_id, m.country, m.form) for m in mentions if m.actor_id.startswith("person:unknown:")]


def test_unknown_person_after_a_title_takes_the_state_of_the_title(actors: ActorDictionary) -> None:
    text = ("Israeli Defence Minister Avner Kessem met Egyptian officials in Cairo. Kessem said the talks were "
            "useful, and Mr. Kessem flew home.")
    assert unknown(actors.find(text, D(2009, 3, 2))) == [
        ("Avner Kessem", "person:unknown:avner-kessem", "ISR", "name"),
        ("Kessem", "person:unknown:avner-kessem", "ISR", "surname"),
        ("Kessem", "person:unknown:avner-kessem", "ISR", "surname")]
    person = actors.get("person:unknown:avner-kessem")
    assert (person.name, person.kind, person.country) == ("Avner Kessem", "person", "ISR")
    text = "Duarte Peixoto, Brazil's foreign minister, arrived in Lisbon. Peixoto met his counterpart."
    assert [(t, c) for t, _, c, _ in unknown(actors.find(text, D(2009, 3, 2)))] == [
        ("Duarte Peixoto", "BRA"), ("Peixoto", "BRA")]
    # "of <state>" after the name; a Chinese name is later called by its first word
    text = "Foreign Minister Zhou Minghai of China met the envoy. Zhou said ties were improving."
    assert [(t, i, c) for t, i, c, _ in unknown(actors.find(text, D(2009, 3, 2)))] == [
        ("Zhou Minghai", "person:unknown:zhou-minghai", "CHN"), ("Zhou", "person:unknown:zhou-minghai", "CHN")]


def test_unknown_person_country_from_office_data_only(actors: ActorDictionary) -> None:
    text = "House Speaker Margaret Tolland landed in Taipei on Tuesday; Tolland flew on to Seoul."
    assert [c for _, _, c, _ in unknown(actors.find(text, D(2022, 8, 2)))] == ["USA", "USA"]
    # "Secretary of State" is also British, a national security adviser is any state's
    text = ("Secretary of State Harold Brenning spoke to reporters. Lena Marsh, the national security adviser, "
            "said Brenning would travel.")
    assert unknown(actors.find(text, D(2022, 8, 2))) == [
        ("Harold Brenning", "person:unknown:harold-brenning", None, "name"),
        ("Lena Marsh", "person:unknown:lena-marsh", None, "name"),
        ("Brenning", "person:unknown:harold-brenning", None, "surname")]


def test_unknown_person_guards(actors: ActorDictionary) -> None:
    for text in ("The rally moved down President Street to Prime Minister Square.",
                 "The Prime Minister's Office said on Monday that talks would resume.",
                 "Acme President Dana Fulbright visited China.",
                 "The foreign ministers Ana Lopes and Rui Matos met in Brussels.",
                 "In New York, the foreign minister said talks would resume.",
                 "Meanwhile, the foreign minister said nothing.",
                 "A spokesman John Doe said the company would visit suppliers."):
        assert unknown(actors.find(text, D(2015, 5, 1))) == [], text
    # a title before a name the dictionary knows leaves it to the dictionary
    got = actors.find("Chinese President Xi Jinping met Foreign Minister Wang Yi of China.", D(2019, 1, 1))
    assert {m.actor_id for m in got} >= {"person:xi-jinping", "person:wang-yi"} and unknown(got) == []
    # a weak title ("spokesman") introduces a person only with their state
    got = unknown(actors.find("Chinese foreign ministry spokesman Gao Wenjie said so.", D(2021, 1, 1)))
    assert got == [("Gao Wenjie", "person:unknown:gao-wenjie", "CHN", "name")]
    # two unknown persons with one short name: the short name alone is neither
    text = "Senator Paul Ridley and Ambassador Joan Ridley met. Ridley said the talks went well."
    assert [t for t, _, _, _ in unknown(actors.find(text, D(2015, 5, 1)))] == ["Paul Ridley", "Joan Ridley"]


def test_unknown_person_in_apposition_replaces_the_office_holder(actors: ActorDictionary) -> None:
    # "Brazil's foreign minister" alone is the dictionary's holder on the day; with a name it is that person
    text = "He met Duarte Peixoto, Brazil's foreign minister, in Lisbon."
    got = actors.find(text, D(2009, 3, 2))
    assert [m.actor_id for m in got if m.kind == "person"] == ["person:unknown:duarte-peixoto"]
    # names with particles; "bin" names are not called by one word
    # (the emir is in leaders.yaml since 2000, the crown prince is not)
    text = ("Kuwait's crown prince, Sheikh Nawaf al-Ahmad al-Sabah, said so. Crown Prince Ahmed bin Zayed visited. "
            "Zayed left.")
    assert [(t, c) for t, _, c, _ in unknown(actors.find(text, D(2009, 3, 2)))] == [
        ("Sheikh Nawaf al-Ahmad al-Sabah", "KWT"), ("Ahmed bin Zayed", None)]


def test_short_name_after_a_sentence_ending_in_a_capitalised_word(actors: ActorDictionary) -> None:
    text = "Barack Obama flew to Beijing. Obama said the talks were useful."
    assert ids(actors.find(text, D(2009, 11, 16))) == ["person:barack-obama", "CHN", "person:barack-obama"]


def test_states_that_existed_for_a_period_by_date(actors: ActorDictionary) -> None:
    text = "Moscow and the Kremlin welcomed the accord."
    assert ids(actors.find(text, D(1987, 12, 8))) == ["SUN", "SUN"]
    assert ids(actors.find(text, D(2010, 4, 8))) == ["RUS", "RUS"]
    assert ids(actors.find(text)) == ["RUS", "RUS"]  # no date: today's meaning
    assert ids(actors.find("the Soviet Union and the USSR", D(2019, 8, 2))) == ["SUN", "SUN"]
    assert ids(actors.find("Belgrade rejected the plan.", D(1999, 3, 20))) == ["YUG"]
    assert ids(actors.find("Belgrade rejected the plan.", D(2008, 2, 18))) == ["SRB"]
    assert ids(actors.find("Yugoslavia and Yugoslav troops", D(2020, 1, 1))) == ["YUG", "YUG"]
    assert ids(actors.find("sanctions on Serbia and Montenegro", D(1995, 11, 21))) == ["YUG"]
    assert ids(actors.find("Prague and Czechoslovakia", D(1968, 8, 21))) == ["CSK", "CSK"]
    assert ids(actors.find("Prague said so.", D(2004, 5, 1))) == ["CZE"]
    assert ids(actors.find("Bonn and West Germany", D(1975, 7, 30))) == ["DEU", "DEU"]
    assert ids(actors.find("a climate meeting in Bonn", D(2017, 11, 6))) == []
    assert ids(actors.find("East Germany and the GDR", D(1972, 12, 21))) == ["DDR", "DDR"]
    assert ids(actors.find("Zaire, Burma and Rhodesia", D(1975, 1, 1))) == ["COD", "MMR", "ZWE"]
    assert ids(actors.find("Salisbury rejected the plan.", D(1976, 9, 24))) == ["ZWE"]
    assert ids(actors.find("They were poisoned in Salisbury.", D(2018, 3, 4))) == []
    assert actors.get("YUG").status == "former" and actors.get("CSK").status == "former"


def test_titles_find_the_chief_executive_of_the_time(actors: ActorDictionary) -> None:
    assert ids(actors.find("General Secretary Gorbachev met Reagan.", D(1985, 11, 19))) == [
        "person:mikhail-gorbachev", "person:ronald-reagan"]
    assert pairs(actors.find("The Soviet leader arrived.", D(1986, 10, 11)))[1] == (
        "leader", "person:mikhail-gorbachev")
    assert ids(actors.find("Chairman Mao received Nixon.", D(1972, 2, 21))) == [
        "person:mao-zedong", "person:richard-nixon"]
    assert ids(actors.find("Premier Zhou toasted the guests.", D(1972, 2, 21))) == ["person:zhou-enlai"]
    assert ids(actors.find("Leader Kim met the envoy.", D(1994, 6, 17))) == ["person:kim-il-sung"]
    assert ids(actors.find("Leader Kim met the envoy.", D(2018, 6, 12))) == ["person:kim-jong-un"]
    assert pairs(actors.find("The Yugoslav president arrived.", D(1961, 9, 1)))[1] == (
        "president", "person:josip-broz-tito")
    assert pairs(actors.find("the East German leader", D(1981, 12, 11)))[1] == ("leader", "person:erich-honecker")


def test_deputy_titles_and_party_titles_before_known_names(actors: ActorDictionary) -> None:
    # "Vice Premier" is not "Premier": it does not narrow the search to premiers
    assert ids(actors.find("Vice Premier Deng arrived.", D(1979, 1, 29))) == ["person:deng-xiaoping"]
    assert ids(actors.find("Party Chief Honecker met Chancellor Schmidt.", D(1981, 12, 11))) == [
        "person:erich-honecker", "person:helmut-schmidt"]
    assert ids(actors.find("First Secretary Khrushchev met Kennedy.", D(1961, 6, 4))) == [
        "person:nikita-khrushchev", "person:john-f-kennedy"]


def test_dated_forms_in_datelines(actors: ActorDictionary) -> None:
    assert find_dateline("MOSCOW (AP) — Talks began.", D(1987, 1, 1)) == "SUN"
    assert find_dateline("MOSCOW (AP) — Talks began.", D(2001, 1, 1)) == "RUS"
    assert find_dateline("MOSCOW (AP) — Talks began.") == "RUS"
    assert find_dateline("BELGRADE, Yugoslavia — Talks began.", D(1999, 3, 1)) == "YUG"
    assert actors.depends_on_date("Moscow") and not actors.depends_on_date("Paris")


def test_rhodesia_and_its_leaders(actors: ActorDictionary) -> None:
    when = D(1976, 9, 24)
    assert ids(actors.find("Prime Minister Smith of Rhodesia accepted the plan.", when)) == [
        "person:ian-smith", "ZWE"]
    assert ids(actors.find("Smith and Jones went home.", when)) == []  # a common surname needs a title
    assert pairs(actors.find("the Rhodesian prime minister", when))[1] == ("prime minister", "person:ian-smith")
    assert ids(actors.find("Mugabe met Nkomo.", D(1980, 4, 18))) == ["person:robert-mugabe"]


def test_african_leaders_since_2000(actors: ActorDictionary) -> None:
    m = actors.find("President Pierre Nkurunziza signed the law.", D(2016, 5, 1))[0]
    assert (m.actor_id, m.country) == ("person:pierre-nkurunziza", "BDI")
    m = actors.find("General Abdourahamane Tiani addressed the nation.", D(2023, 8, 1))[0]
    assert (m.actor_id, m.country) == ("person:abdourahamane-tiani", "NER")
    assert actors.leader("NER", "leader", D(2022, 1, 1)).name == "Mohamed Bazoum"
    assert actors.leader("NER", "leader", D(2024, 1, 1)).name == "Abdourahamane Tiani"
    assert actors.leader("COD", "president", D(2010, 1, 1)).name == "Joseph Kabila"
    assert ids(actors.find("Kabila met Kagame in Goma.", D(2009, 1, 1)))[:2] == [
        "person:joseph-kabila", "person:paul-kagame"]
    assert actors.leader("MAR", "foreign minister", D(2020, 1, 1)).name == "Nasser Bourita"
    assert actors.leader("TCD", "leader", D(2015, 1, 1)).name == "Idriss Déby"


def test_latin_american_leaders_since_2000(actors: ActorDictionary) -> None:
    m = actors.find("President Xiomara Castro cut ties with Taiwan.", D(2023, 3, 25))[0]
    assert (m.actor_id, m.country) == ("person:xiomara-castro", "HND")
    assert actors.leader("BOL", "president", D(2010, 1, 1)).name == "Evo Morales"
    assert actors.leader("CHL", "foreign minister", D(2015, 1, 1)).name == "Heraldo Muñoz"
    assert actors.leader("JAM", "prime minister", D(2020, 1, 1)).name == "Andrew Holness"
    assert ids(actors.find("Bukele met Noboa.", D(2024, 6, 1))) == ["person:nayib-bukele", "person:daniel-noboa"]


def test_asian_and_gulf_leaders_since_2000(actors: ActorDictionary) -> None:
    assert actors.leader("THA", "prime minister", D(2012, 1, 1)).name == "Yingluck Shinawatra"
    assert actors.leader("MMR", "leader", D(2022, 1, 1)).name == "Min Aung Hlaing"
    assert actors.leader("KWT", "emir", D(2010, 1, 1)).name == "Sabah al-Ahmad al-Jaber Al Sabah"
    assert actors.leader("OMN", "foreign minister", D(2022, 1, 1)).name == "Badr bin Hamad Al Busaidi"
    assert ids(actors.find("Prime Minister Anwar Ibrahim met Lawrence Wong.", D(2024, 6, 1))) == [
        "person:anwar-ibrahim", "person:lawrence-wong"]
    # Cambodian names take their first word as short name: Hun Sen is "Hun", never "Sen"
    assert "person:hun-sen" not in ids(actors.find("Sen. Lindsey Graham said so.", D(2010, 1, 1)))
    assert ids(actors.find("Hun met the envoy.", D(2010, 1, 1))) == ["person:hun-sen"]
    assert ids(actors.find("Hun met the envoy.", D(2024, 1, 1))) == ["person:hun-manet"]


def test_balkan_and_east_european_leaders_since_2000(actors: ActorDictionary) -> None:
    assert actors.leader("HRV", "prime minister", D(2020, 1, 1)).name == "Andrej Plenković"
    assert actors.leader("GEO", "leader", D(2008, 8, 8)).name == "Mikheil Saakashvili"
    assert actors.leader("MDA", "president", D(2022, 1, 1)).name == "Maia Sandu"
    m = actors.find("President Alexander Lukashenko met Putin.", D(2021, 1, 1))[0]
    assert (m.actor_id, m.country) == ("person:alexander-lukashenko", "BLR")


def test_pacific_leaders_since_2000(actors: ActorDictionary) -> None:
    m = actors.find("Prime Minister Chris Hipkins announced the plan.", D(2023, 6, 1))[0]
    assert (m.actor_id, m.country) == ("person:chris-hipkins", "NZL")
    assert actors.leader("FJI", "leader", D(2015, 1, 1)).name == "Frank Bainimarama"
    assert actors.leader("SLB", "prime minister", D(2022, 4, 1)).name == "Manasseh Sogavare"
    assert actors.leader("MHL", "president", D(2022, 1, 1)).name == "David Kabua"


def test_baltic_and_central_european_leaders_since_2000(actors: ActorDictionary) -> None:
    assert actors.leader("EST", "prime minister", D(2022, 6, 1)).name == "Kaja Kallas"
    assert ids(actors.find("Kallas met the minister.", D(2002, 6, 1))) == ["person:siim-kallas"]
    assert actors.leader("LTU", "president", D(2015, 1, 1)).name == "Dalia Grybauskaitė"
    m = actors.find("Prime Minister Robert Fico was shot.", D(2024, 5, 15))[0]
    assert (m.actor_id, m.country) == ("person:robert-fico", "SVK")
    assert actors.leader("BIH", "head of government", D(2020, 6, 1)).name == "Zoran Tegeltija"


def test_west_and_north_european_leaders_since_2000(actors: ActorDictionary) -> None:
    m = actors.find("Taoiseach Leo Varadkar met the delegation.", D(2018, 1, 1))[0]
    assert (m.actor_id, m.country) == ("person:leo-varadkar", "IRL")
    assert actors.leader("CHE", "president", D(2022, 6, 1)).name == "Ignazio Cassis"
    assert actors.leader("GRC", "prime minister", D(2015, 7, 1)).name == "Alexis Tsipras"
    assert actors.leader("FIN", "prime minister", D(2021, 1, 1)).name == "Sanna Marin"
    # "Rasmussen" alone goes by date: three Danish prime ministers share it
    assert ids(actors.find("Rasmussen met the envoy.", D(2000, 6, 1))) == ["person:poul-nyrup-rasmussen"]
    assert ids(actors.find("Rasmussen met the envoy.", D(2005, 6, 1))) == ["person:anders-fogh-rasmussen"]
    assert ids(actors.find("Muscat hosted the talks.", D(2015, 1, 1))) == ["OMN"]  # the capital, not Joseph Muscat


def test_the_former_soviet_republic_is_not_the_soviet_union(actors: ActorDictionary) -> None:
    text = "Ukraine joined the treaty on Monday, as the former Soviet republic gave up its arsenal. Soviet troops left."
    found = actors.find(text, when=datetime.date(1994, 12, 5))
    assert [m.actor_id for m in found if m.actor_id == "SUN"] == ["SUN"]  # "Soviet troops" only
