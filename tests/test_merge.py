"""Merging an article's event mentions into reports, and dating undated events from their context."""

import datetime as dt

from timeline.extract import extract_reports
from timeline.merge import Report
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def reports(text: str, published: dt.date = PUBLISHED) -> list[Report]:
    return extract_reports(Article(text=text, published=published, path="test"))


def by_type(found: list[Report]) -> dict[str, Report]:
    out: dict[str, Report] = {}
    for r in found:
        assert r.event_type not in out, [(x.event_type, x.date) for x in found]
        out[r.event_type] = r
    return out


def test_a_trip_and_the_summit_it_is_for_are_two_events() -> None:
    found = by_type(reports("Indian Prime Minister Narendra Modi flew to Tokyo on Monday for the first summit between "
                            "India and Japan."))
    assert found["visit"].date == found["summit"].date == "2019-06-10"


def test_a_meeting_and_the_visit_it_was_part_of_are_two_events() -> None:
    found = by_type(reports("Antony Blinken met Wang Yi in Beijing on Monday, in the first visit by a U.S. secretary "
                            "of state in five years."))
    assert found["meeting"].date == found["visit"].date == "2019-06-10"


def test_a_meeting_called_a_summit_stays_one_event() -> None:
    found = reports("The foreign ministers of France and Germany met in Paris on Monday for a summit on energy.")
    assert [(r.event_type, r.date) for r in found] == [("summit", "2019-06-10")]


def test_an_act_and_the_gathering_it_took_place_at_are_two_events() -> None:
    found = by_type(reports("Turkey, Sweden and Finland signed a memorandum at NATO's Madrid summit last June."))
    assert found["agreement"].date == found["summit"].date == "2018-06"


def test_the_negotiations_an_agreement_ends_are_not_a_gathering_of_its_day() -> None:
    found = reports("The presidents of Bosnia, Serbia and Croatia initialed a peace agreement on Tuesday, ending three "
                    "weeks of tense negotiations.")
    assert [(r.event_type, r.date) for r in found] == [("agreement", "2019-06-11")]


def test_one_verb_with_two_objects_and_two_dates_tells_two_acts() -> None:
    found = reports("Obama received Netanyahu at the White House in May and Mahmoud Abbas on May 28.")
    assert sorted((r.date, tuple(r.countries)) for r in found) == [("2019-05", ("USA", "ISR")),
                                                                  ("2019-05-28", ("USA", "PSE"))]
    found = reports("China imposed sanctions on Japan in March and on South Korea in May.")
    assert sorted((r.date, tuple(r.countries)) for r in found) == [("2019-03", ("CHN", "JPN")),
                                                                  ("2019-05", ("CHN", "KOR"))]


def test_an_act_repeated_with_then_and_again_is_one_event_per_time() -> None:
    found = reports("The grain deal between Russia and Ukraine was extended by 120 days in November, then by 60 days "
                    "in March and again on May 17.", dt.date(2019, 6, 12))
    assert sorted(r.date for r in found if r.event_type == "treaty_extension") == ["2018-11", "2019-03",
                                                                                   "2019-05-17"]


def test_meetings_on_one_day_and_again_on_the_next_are_two() -> None:
    found = reports("Putin and Erdogan held two private meetings in Sochi, on Sunday evening and again on Monday "
                    "morning.")
    assert sorted(r.date[:10] for r in found if r.event_type == "meeting") == ["2019-06-09", "2019-06-10"]


def test_a_reaction_takes_the_day_its_own_sentence_names() -> None:
    found = reports("Syria declared a day of national mourning on Saturday, and its radio accused Sadat of betraying "
                    "the Arab cause.")
    assert [(r.date, r.date_source) for r in found if r.event_type == "accusation"] == [("2019-06-08", "context")]


def test_two_summits_in_two_months_are_two_events() -> None:
    found = reports("Moon Jae-in and Kim Jong Un held two summits at the border village of Panmunjom in April and "
                    "May.", dt.date(2018, 9, 20))
    assert sorted(r.date for r in found if r.event_type == "summit") == ["2018-04", "2018-05"]


def test_a_second_clause_with_a_verb_of_its_own_is_no_gapped_object() -> None:
    found = reports("Obama met Netanyahu in May and Abbas said on May 28 that talks would resume.")
    assert [r.date for r in found if r.event_type == "meeting"] == ["2019-05"]


def test_a_gathering_told_only_by_its_venue_is_kept_and_where_clauses_share_it() -> None:
    found = reports("The summit had been set for June in the Guatemalan town of Esquipulas, where the five presidents "
                    "first met in May last year, but it was put off.", dt.date(1987, 8, 8))
    assert sorted((r.date, tuple(r.countries), r.place) for r in found) == [
        ("1986-05", ("GTM",), "Guatemala"), ("1987-06", ("GTM",), "Guatemala")]


def test_an_act_in_a_relative_clause_is_background_not_the_sentences_time() -> None:
    text = ("Armenia and Azerbaijan signed a peace declaration at the White House on Friday. Trump also signed a "
            "waiver of restrictions on U.S. aid to Azerbaijan that Congress imposed in 1992, and Washington "
            "concluded separate agreements with each country on trade.")
    found = reports(text, dt.date(2025, 8, 9))
    dates = {r.event_type: r.date for r in found}
    assert dates["sanctions"] == "1992"
    assert dates["sanctions_eased"] == "2025-08-08"
    assert {r.date for r in found if r.event_type == "agreement"} == {"2025-08-08"}


def test_a_sentence_opened_by_a_participle_tells_a_meeting_of_the_news_day() -> None:
    text = ("CAIRO — Arab League foreign ministers suspended Syria's membership on Saturday.\n\nMeeting at the "
            "league's headquarters in Cairo, the ministers also called on member states to withdraw their "
            "ambassadors from Damascus.")
    found = by_type(reports(text, dt.date(2011, 11, 13)))
    assert found["meeting"].date == found["appeal"].date == "2011-11-12"


def test_the_date_of_a_sentence_covers_a_second_act_in_it() -> None:
    found = reports("Russian and Ukrainian negotiators met in Istanbul on Tuesday, and Kyiv put forward a proposal "
                    "to adopt a neutral status.")
    proposal = by_type(found)["proposal"]
    assert (proposal.date, proposal.date_source) == ("2019-06-11", "context")


def test_an_answer_in_kind_is_a_second_act_dated_by_the_sentence() -> None:
    found = reports("In March, Britain expelled 23 Russian diplomats, and Moscow answered by ordering out the same "
                    "number of British diplomats.")
    assert [(r.countries[0], r.date) for r in found if r.event_type == "expulsion"] == [("GBR", "2019-03"),
                                                                                      ("RUS", "2019-03")]


def test_a_second_means_of_the_same_act_is_not_dated_as_a_new_event() -> None:
    found = reports("Washington eased sanctions on Venezuela on Wednesday by issuing a licence for oil deals, and by "
                    "lifting a ban on bond trading.")
    assert [r.date for r in found if r.event_type == "sanctions_eased"].count("2019-06-12") == 1


def test_separate_agreements_are_new_acts_not_the_one_told_before() -> None:
    found = reports("The leaders of Armenia and Azerbaijan signed a peace declaration at the White House on Tuesday. "
                    "The United States concluded separate agreements with Armenia on trade.")
    assert [(r.event_type, r.date) for r in found] == [("agreement", "2019-06-11"), ("agreement", "2019-06-11")]
    assert len(found[1].mentions) == 1 and set(found[1].countries) == {"USA", "ARM"}


def test_a_separate_agreement_of_the_same_day_is_its_own_event() -> None:
    found = reports("The leaders of North and South Korea signed a joint declaration in Pyongyang on Tuesday. Their "
                    "defence ministers signed a separate military agreement on Tuesday.")
    assert [(r.event_type, r.date) for r in found] == [("agreement", "2019-06-11")] * 2


def test_a_declaration_and_a_memorandum_of_the_same_day_are_two_documents() -> None:
    found = reports("India, Saudi Arabia and the United States adopted a declaration in New Delhi on Saturday. On "
                    "Saturday India, Saudi Arabia and the United States signed a memorandum on a rail corridor.")
    assert [(r.event_type, r.date, len(r.mentions)) for r in found] == [("agreement", "2019-06-08", 1)] * 2


def test_two_of_the_parties_agreeing_the_same_day_is_a_side_agreement_but_one_party_tells_the_same() -> None:
    group = "Brazil, Russia, India, China and South Africa agreed on Thursday to admit six new members."
    side = reports(group + " On Thursday India and China agreed to ease tension on their border.")
    assert [set(r.countries) for r in side] == [{"BRA", "RUS", "IND", "CHN", "ZAF"}, {"IND", "CHN"}]
    same = reports(group + " On Thursday China agreed to admit the new members.")
    assert len(same) == 1 and len(same[0].mentions) == 2


def test_a_past_perfect_is_before_the_news_day_unless_it_is_reported_speech() -> None:
    met = "Joe Biden met Xi Jinping in California on Wednesday."
    before = by_type(reports(met + " The two leaders had spoken by phone to prepare the meeting."))["phone_call"]
    assert before.date is None
    same = by_type(reports(met + " The two leaders spoke by phone to prepare the meeting."))["phone_call"]
    assert same.date == "2019-06-12"
    cut = "Saudi Arabia and Egypt cut diplomatic ties with Qatar on Monday."
    said = by_type(reports(cut + " The coalition said it had expelled Qatar from its ranks."))["suspension"]
    assert said.date == "2019-06-10"
    demanded = by_type(reports(cut + " Trump said Qatar had demanded that the blockade be lifted."))["demand"]
    assert demanded.date is None


MODI_ABE = "Indian Prime Minister Narendra Modi met Japanese Prime Minister Shinzo Abe in Tokyo on Monday."
SIGNED = "The two leaders signed a trade agreement at the end of the visit."


def test_the_news_day_dates_the_paragraphs_after_it() -> None:
    text = f"{MODI_ABE}\n\nAbe told his guest that trade between the two countries had grown.\n\n{SIGNED}"
    signed = by_type(reports(text))["agreement"]
    assert (signed.date, signed.date_source) == ("2019-06-10", "context")
    further = f"{MODI_ABE}\n\nAbe told his guest that trade had grown.\n\nNothing else was said.\n\n{SIGNED}"
    assert by_type(reports(further))["agreement"].date is None


def test_a_sentence_with_a_time_of_its_own_takes_no_context_date() -> None:
    news = ("John Bolton met Vladimir Putin in Moscow on Wednesday. The two men have met before. Officials said more "
            "talks were likely.\n\n")
    own = by_type(reports(news + "Donald Trump telephoned Putin after his re-election in March."))["phone_call"]
    assert own.date is None
    context = by_type(reports(news + "Donald Trump telephoned Putin to discuss Syria."))["phone_call"]
    assert (context.date, context.date_source) == ("2019-06-12", "context")


def test_a_past_passive_or_a_subject_in_the_trigger_still_tells_a_past_act() -> None:
    signed = "The leaders of France and Germany signed a treaty in Aachen on Tuesday."
    greeted = by_type(reports(signed + " Later the French president was greeted in Berlin by the German chancellor."))
    assert (greeted["visit"].date, greeted["visit"].date_source) == ("2019-06-11", "context")
    gathered = by_type(reports(signed + " Leaders of the European Union gathered in Brussels for the ceremony."))
    assert gathered["meeting"].date == "2019-06-11"


def test_an_encounter_of_the_parties_of_a_dated_act_in_its_sentence_is_that_act_s_occasion() -> None:
    found = by_type(reports("Israel and the Palestine Liberation Organization signed a declaration of principles in "
                            "Washington on Monday, and Yitzhak Rabin and Yasser Arafat shook hands under the gaze of "
                            "Bill Clinton."))
    assert found["agreement"].date == "2019-06-10" and found["meeting"].date is None


MODI_NETANYAHU = ("Indian Prime Minister Narendra Modi met Israeli Prime Minister Benjamin Netanyahu in Jerusalem on "
                  "Wednesday.\n\n")


def test_a_paragraph_of_acts_of_another_time_ends_the_news_day_context() -> None:
    moved = reports(MODI_NETANYAHU + "India established diplomatic relations with Israel in 1992.\n\n"
                    "The two leaders signed a water agreement.")
    assert by_type(moved)["agreement"].date is None
    kept = reports(MODI_NETANYAHU + "India has had diplomatic relations with Israel for decades.\n\n"
                   "The two leaders signed a water agreement.")
    assert by_type(kept)["agreement"].date == "2019-06-12"


def test_a_since_anchor_does_not_end_the_news_day_context() -> None:
    found = reports("North Korea fired a ballistic missile over Japan on Tuesday.\n\nIt was the first missile "
                    "launched over Japanese territory since September 2017.\n\nThe Japanese foreign minister spoke "
                    "by phone with his South Korean counterpart.")
    call = next(r for r in found if r.event_type == "phone_call")
    assert (call.date, call.date_source) == ("2019-06-11", "context")


def test_a_truce_in_a_country_is_an_event_of_that_country() -> None:
    text = "A truce in Yemen took effect on Monday after weeks of talks, officials said."
    reports = extract_reports(Article(text=text, published=dt.date(2019, 3, 7), path="test"))
    assert [(r.family, r.countries) for r in reports] == [("ceasefire", ["YEM"])]


def test_an_act_dated_by_an_offset_from_the_news_is_no_context_for_the_sentences_after_it() -> None:
    found = reports("Canada imposed sanctions on Belarus on Tuesday, a day after President Alexander Lukashenko "
                    "expelled the Polish ambassador. Britain targeted five Belarusian banks.")
    assert [(r.event_type, r.date) for r in found] == [("sanctions", "2019-06-11"), ("expulsion", "2019-06-10"),
                                                       ("sanctions", "2019-06-11")]
    assert found[2].date_source == "context"


def test_a_past_progressive_after_a_saying_is_a_past_act_of_the_news_day() -> None:
    found = by_type(reports("The European Union imposed sanctions on Iran on Monday. Canada said it was expelling two "
                            "Iranian diplomats."))
    assert (found["expulsion"].date, found["expulsion"].date_source) == ("2019-06-10", "context")


def test_talks_a_trip_was_made_for_are_an_event_of_the_trip_s_day() -> None:
    found = by_type(reports("Japan and Canada signed a trade agreement in Tokyo on Tuesday. The Canadian prime "
                            "minister then flew to Beijing for talks with Xi Jinping."))
    assert found["visit"].date == found["talks"].date == "2019-06-11"
    assert set(found["talks"].countries) == {"CAN", "CHN"}
    dated = by_type(reports("The Canadian prime minister flew to Beijing on Tuesday for talks with Xi Jinping."))
    assert dated["talks"].date == "2019-06-11"


def test_a_past_perfect_in_the_trigger_is_before_the_news_day() -> None:
    found = reports("Joe Biden met Xi Jinping in California on Wednesday. Switzerland had hosted talks between the two "
                    "countries for years.")
    assert [(r.event_type, r.date) for r in found] == [("meeting", "2019-06-12"), ("talks", None)]


def test_an_act_in_a_relative_clause_is_background_unless_the_parties_of_the_news_do_it() -> None:
    left = by_type(reports("Iran and the European Union resumed talks in Vienna on Monday. The United States, which "
                           "left the accord, takes part only indirectly."))
    assert left["withdrawal"].date is None
    hosted = by_type(reports("Israel and the United Arab Emirates signed a peace agreement at the White House on "
                             "Tuesday. Donald Trump, who hosted Benjamin Netanyahu and Sheikh Abdullah bin Zayed, "
                             "hailed the ceremony."))
    assert hosted["meeting"].date == "2019-06-11"


def test_a_day_named_in_the_sentence_of_an_undated_act_is_its_day_not_the_news_day() -> None:
    found = by_type(reports("The prime ministers of India and Pakistan signed a declaration in Lahore on Sunday. The "
                            "Indian prime minister rode a bus across the border on Saturday, and was greeted at the "
                            "frontier by his Pakistani counterpart."))
    assert (found["agreement"].date, found["visit"].date) == ("2019-06-09", "2019-06-08")


def test_a_meeting_with_other_leaders_held_at_a_dated_summit_is_an_event_of_that_day() -> None:
    found = reports("Indonesian President Joko Widodo flew home on Monday. The president goes next week to Lima, "
                    "Peru, for the APEC summit, where he is expected to meet the leaders of Vietnam and Thailand.")
    dated = {(r.event_type, r.date) for r in found if r.date}
    summit = next(r for r in found if r.event_type == "summit")
    assert summit.date and "IDN" in summit.countries
    assert any(t == "meeting" and d == summit.date for t, d in dated)
