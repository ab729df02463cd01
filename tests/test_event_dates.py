"""Date linking: which date of the text an event mention takes (timeline.events_dates, timeline.events_anchor)."""

import datetime as dt

from timeline.extract import extract_reports
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def reports(text: str, published: dt.date = PUBLISHED):
    return extract_reports(Article(text=text, published=published, path="test"))


def of_type(text: str, event_type: str, published: dt.date = PUBLISHED):
    found = [r for r in reports(text, published) if r.event_type == event_type]
    assert found, [(r.event_type, r.date, r.status) for r in reports(text, published)]
    return found


def test_distance_after_a_long_phrase_counts_from_the_date() -> None:
    # "on Tuesday on the officials they hold responsible for ..., a day after the region voted": Monday
    found = of_type("Germany and France imposed travel bans on Tuesday on the officials they hold responsible for "
                    "the crackdown in the province, a day after Moldova voted in a referendum on independence.",
                    "election")
    assert {r.date for r in found} == {"2019-06-10"}


def test_after_without_distance_far_from_the_date_keeps_the_date() -> None:
    found = of_type("Canada and India each expelled six diplomats on Monday, including their top envoys, after "
                    "the police accused agents of the Indian government of involvement in a killing.",
                    "expulsion")
    assert {r.date for r in found} == {"2019-06-10"}


def test_days_earlier_counts_from_the_last_date_of_the_text() -> None:
    found = of_type("The talks between Iran and France were adjourned on March 3 after a sixth round. "
                    "Two days earlier, Iran and Russia had signed a trade agreement in Moscow.", "agreement")
    assert {r.date for r in found} == {"2019-03-01"}


def test_following_month_counts_from_the_event_before_it_in_the_sentence() -> None:
    found = of_type("In August, Libya accepted responsibility for the 1988 bombing, and the United Nations Security "
                    "Council lifted its sanctions on Libya the following month.", "sanctions_eased",
                    dt.date(2003, 12, 20))
    assert {r.date for r in found} == {"2003-09"}


def test_next_month_is_counted_from_the_publication_date() -> None:
    found = of_type("Japanese Prime Minister Shinzo Abe visited Iran in May. Abe is expected to travel to South "
                    "Korea next month.", "visit")
    assert "2019-07" in {r.date for r in found}


def test_called_off_weekday_is_the_nearest_one() -> None:
    saturday = dt.date(2021, 9, 18)
    found = of_type("The French embassy in Washington cancelled a gala with the United States planned for Friday "
                    "evening.", "meeting", saturday)
    assert {r.date for r in found} == {"2021-09-17"}
    tuesday = dt.date(2021, 9, 14)  # the coming Friday is nearer: that one
    found = of_type("The French embassy in Washington cancelled a gala with the United States planned for Friday "
                    "evening.", "meeting", tuesday)
    assert {r.date for r in found} == {"2021-09-17"}


def test_plan_later_this_week_starts_at_publication() -> None:
    found = of_type("The Japanese foreign minister is due to visit South Korea later this week.", "visit")
    assert {(r.date_start, r.date_end) for r in found} == {("2019-06-12", "2019-06-16")}


def test_apposed_date_restates_a_vague_one() -> None:
    found = of_type("The accord must now be approved by voters in Ireland and Britain in referendums to be held on "
                    "the same day, July 22.", "election")
    assert {r.date for r in found} == {"2019-07-22"}


def test_finer_date_in_the_same_phrase_wins_over_a_coarse_one() -> None:
    found = of_type("Japan and South Korea signed a fisheries agreement this week in Tokyo on Tuesday.", "agreement")
    assert {r.date for r in found} == {"2019-06-11"}


def test_finer_date_of_a_coordinated_event_is_not_taken() -> None:
    found = of_type("Obama received Israeli Prime Minister Benjamin Netanyahu at the White House in May and "
                    "Palestinian President Mahmoud Abbas on May 28.", "meeting")
    assert "2019-05" in {r.date for r in found}


def test_gathering_that_is_the_setting_of_a_dated_act_takes_its_date() -> None:
    found = of_type("Japanese Prime Minister Shinzo Abe and South Korean President Moon Jae-in agreed on Monday to "
                    "reopen their fisheries hotline and to cooperate on energy, in a two-hour meeting at a hotel "
                    "outside Osaka.", "meeting")
    assert {r.date for r in found} == {"2019-06-10"}


def test_distant_date_is_not_taken_by_a_noun_outside_a_setting_phrase() -> None:
    found = reports("Japan and South Korea resumed their fisheries talks on Monday after a long dispute over quotas "
                    "and boundaries in the sea between them, officials said, citing a meeting in Seoul.")
    assert all(r.date != "2019-06-10" for r in found if r.event_type == "meeting")


def test_possible_event_does_not_take_the_date_of_the_act_that_offers_it() -> None:
    found = reports("At the previous round, held in Almaty in late February, the powers offered to ease sanctions "
                    "on Iran if it suspended enrichment.")
    assert all(r.date is None for r in found if r.event_type == "sanctions_eased")
    assert any(r.date == "2019-02" for r in found if r.event_type == "proposal")


def test_a_called_off_encounter_takes_the_date_its_relative_clause_gave_it() -> None:
    # the relative clause comes after the trigger's attachment and an apposition: it still dates the meeting
    for text in ("Blinken cancelled a meeting with his Russian counterpart, Sergei Lavrov, that had been planned "
                 "for Thursday in Geneva.",
                 "Blinken cancelled a meeting with Lavrov that had been planned for Thursday."):
        found = of_type(text, "meeting")
        assert [(r.date, r.status) for r in found] == [("2019-06-13", "cancelled")]


def test_a_relative_clause_on_another_noun_does_not_date_the_meeting() -> None:
    found = of_type("Blinken held a meeting with the envoy who had arrived on Monday.", "meeting")
    assert all(r.date != "2019-06-10" for r in found)


def test_a_participle_modifying_the_object_keeps_its_date_to_itself() -> None:
    found = of_type("Sadat called on Israel on Sunday to withdraw from all Arab land occupied in 1967.", "appeal")
    assert [r.date for r in found] == ["2019-06-09"]
    found = of_type("In a speech, Sadat called on Israel to withdraw from all Arab land occupied in 1967.", "appeal")
    assert [r.date for r in found] == [None]


def test_an_act_the_news_came_days_after_is_dated_back_from_the_news() -> None:
    text = ("Japan summoned the South Korean ambassador on Thursday. The decision came a day after Taro Kono and his "
            "counterpart, Kang Kyung-wha, held talks on the sidelines of a meeting with Wang Yi outside Beijing.")
    found = reports(text, dt.date(2019, 8, 23))
    assert sorted({r.date for r in found if r.event_type == "meeting"}) == ["2019-08-21"]



def test_a_gathering_takes_the_date_its_host_clause_gives_it() -> None:
    found = of_type("The Kremlin said the move would not affect a summit of Russian and African leaders that "
                    "Mr. Putin hosts in St. Petersburg next week.", "summit")
    assert [(r.date, r.status) for r in found] == [("2019-W25", "planned")]


def test_a_present_perfect_act_takes_the_day_it_was_reported() -> None:
    found = of_type("Burundi has formally lodged its withdrawal from the International Criminal Court, a United "
                    "Nations spokesman confirmed on Tuesday, as defections gathered pace.", "withdrawal")
    assert [r.date for r in found] == ["2019-06-11"]


def test_a_plan_with_a_deadline_lies_between_today_and_the_deadline() -> None:
    found = of_type("Officials said a second phase of the talks between the United States and Russia should get "
                    "under way before the end of the year.", "talks")
    assert [(r.status, r.date_start, r.date_end) for r in found] == [("possible", "2019-06-12", "2019-12-31")]


def test_a_clause_with_its_own_subject_after_since_still_dates_the_act() -> None:
    found = of_type("Lord Carrington, the British Foreign Secretary, had chaired the conference with Zimbabwe's "
                    "leaders since it opened on September 10.", "meeting", dt.date(1979, 12, 22))
    assert [r.date for r in found] == ["1979-09-10"]


def test_an_object_relative_clause_without_that_keeps_its_date() -> None:
    found = of_type("The IAEA board, in a statement, demanded that North Korea let back in the inspectors it "
                    "expelled at the end of December.", "demand")
    assert [r.date for r in found] == [None]


def test_a_trigger_running_past_an_asides_comma_takes_the_date_after_it() -> None:
    text = ("The summit capped Biden's first trip abroad as president, which took in the Group of Seven summit in "
            "Cornwall, which ended on Sunday, and a NATO summit in Brussels on Monday.")
    found = [r for r in reports(text, dt.date(2021, 6, 17)) if "Cornwall" in " ".join(m.trigger for m in r.mentions)]
    assert [r.date for r in found] == ["2021-06-13"]


def test_an_event_named_as_still_ahead_takes_no_date_of_the_clause_before() -> None:
    found = of_type("Residents of Khartoum reported air strikes and clashes on Sunday as fighting continued ahead "
                    "of the truce between the army and Sudan's paramilitary forces.", "ceasefire")
    assert [(r.date, r.status) for r in found] == [(None, "planned")]


def test_an_act_right_after_a_month_is_of_that_month() -> None:
    # "cut ties in July 2010 after Colombia accused his government": the accusation is of July 2010 too
    text = ("Venezuela broke off relations with Colombia on Saturday, accusing the government in Bogota of a plot. "
            "Hugo Chávez cut ties with Bogotá in July 2010 after Colombia accused his government of sheltering "
            "guerrillas.")
    assert {r.date for r in of_type(text, "accusation")} == {"2019-06-08", "2010-07"}


def test_an_act_after_a_day_keeps_no_date_of_its_own() -> None:
    text = "Venezuela broke off relations with Colombia on Saturday after Colombia accused Caracas of a plot."
    assert all(r.date != "2019-06-08" for r in reports(text) if r.event_type == "accusation")


def test_an_act_years_after_a_month_is_not_of_that_month() -> None:
    text = "Chávez cut ties with Bogotá in July 2010, two years after Colombia accused his government of a plot."
    assert all(r.date != "2010-07" for r in reports(text) if r.event_type == "accusation")


def test_a_date_owning_a_later_noun_is_not_the_events() -> None:
    # "three days after the Kremlin recognized ... this month's war": Friday less three days, not the month
    text = ("Georgia broke off diplomatic relations with Russia on Friday, three days after the Kremlin recognized the "
            "independence of the two separatist regions at the centre of this month's war.")
    assert {r.date for r in of_type(text, "recognition", dt.date(2008, 8, 30))} == {"2008-08-26"}


def test_talks_that_an_attempt_convened_collapsed_in_the_past() -> None:
    # "An attempt to convene talks in Geneva in September collapsed": last September, a fact
    found = of_type("Yemen's government and the Houthis met in Sweden this week. An attempt to convene talks in Geneva "
                    "in September collapsed when the Houthi delegation did not turn up.", "suspension",
                    dt.date(2018, 12, 14))
    assert [(r.status, r.date) for r in found] == [("occurred", "2018-09")]


PRECEDENTS = (
    "Russia ordered four American diplomats out of the country on Friday, two days after Washington expelled 50 "
    "Russians.\n\n"
    "The last expulsion on this scale came in October 1986, when the Reagan administration ordered 55 Soviet "
    "diplomats to leave. Moscow responded by expelling five Americans.\n\n"
    "A smaller precedent came in 1994, after the arrest of a spy. Washington then expelled a senior Russian "
    "intelligence officer from the embassy, and Russia retaliated by expelling an American diplomat."
)


def test_an_undated_act_takes_the_older_time_its_paragraph_just_named() -> None:
    dates = sorted(r.date for r in of_type(PRECEDENTS, "expulsion", dt.date(2001, 3, 24)) if r.date)
    assert dates.count("1994") == 2 and dates.count("1986-10") == 2
    assert all(r.date_source == "context" for r in of_type(PRECEDENTS, "expulsion", dt.date(2001, 3, 24))
               if r.date == "1994")


def test_words_about_the_news_take_no_time_from_history() -> None:
    text = ("The UAE and Bahrain signed accords with Israel at the White House on Tuesday.\n\n"
            "Egypt made peace with Israel in 1979 and Jordan followed in 1994. Palestinian leaders denounced the "
            "agreements as a betrayal.")
    assert all(r.date != "1994" for r in reports(text, dt.date(2020, 9, 16)) if r.event_type == "accusation")


def test_an_act_right_after_a_paragraph_naming_an_older_month_takes_it() -> None:
    text = ("Pilgrims crossed into Pakistan on Saturday as the corridor opened.\n\n"
            "Relations deteriorated further in August, when New Delhi revoked the status of Kashmir. Pakistan "
            "responded by expelling India's high commissioner.")
    assert [r.date for r in of_type(text, "expulsion", dt.date(2019, 11, 10))] == ["2019-08"]


def test_a_sentence_with_a_time_of_its_own_takes_no_paragraph_time() -> None:
    text = ("Russia and the United States agreed on Thursday to hold a summit in Helsinki.\n\n"
            "The two met at a summit in Vietnam in November. Trump also telephoned Putin after his re-election in "
            "March.")
    assert all(r.date != "2017-11" for r in of_type(text, "phone_call", dt.date(2018, 6, 29)))


def test_talks_with_a_named_leader_after_which_the_news_was_told_are_of_its_day() -> None:
    text = ("Obama lifted the arms embargo on Vietnam on Monday. Obama made the announcement at a news conference "
            "after talks with President Tran Dai Quang at the Presidential Palace.")
    found = of_type(text, "meeting", dt.date(2016, 5, 23))
    assert [(r.date, r.date_source) for r in found] == [("2016-05-23", "context")]


def test_a_date_before_agreed_to_is_the_agreements_not_the_plans() -> None:
    text = "In Lahore on Sunday the foreign secretaries of India and Pakistan agreed to hold regular consultations."
    assert all(r.date is None for r in reports(text, dt.date(1999, 2, 22)) if r.status == "planned")


def test_a_dated_dateline_is_the_day_relative_dates_count_from() -> None:
    # written in Paris on Dec. 14, published on Dec. 15: "yesterday" is Dec. 13
    text = ("PARIS, Dec. 14 — The presidents of Bosnia, Croatia and Serbia signed a peace agreement today in the "
            "Elysée Palace. Their foreign ministers met yesterday to settle the last details.")
    found = reports(text, dt.date(1995, 12, 15))
    assert {r.event_type: r.date for r in found}["agreement"] == "1995-12-14"
    assert {r.event_type: r.date for r in found}["meeting"] == "1995-12-13"
    assert {r.published for r in found} == {"1995-12-15"}
