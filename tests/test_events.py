"""Event mentions: types, status, date links, participants, and merging within an article."""

import datetime as dt

import pytest

from timeline.extract import extract_reports
from timeline.sources import Article

PUBLISHED = dt.date(2019, 6, 12)  # a Wednesday


def reports(text: str, published: dt.date = PUBLISHED):
    return extract_reports(Article(text=text, published=published, path="test"))


def one(text: str, event_type: str | None = None, published: dt.date = PUBLISHED):
    found = [r for r in reports(text, published) if event_type is None or r.event_type == event_type]
    assert len(found) == 1, [(r.event_type, r.date, r.status) for r in found]
    return found[0]


@pytest.mark.parametrize("sentence,status", [
    ("The foreign ministers of Germany and France met in Paris on Monday to prepare the summit.", "occurred"),
    ("The foreign ministers of Germany and France will meet in Paris next week.", "planned"),
    ("The foreign ministers of Germany and France could meet in Paris next week, diplomats said.", "possible"),
    ("The foreign ministers of Germany and France did not meet in Paris on Monday as planned.", "negated"),
    ("A planned meeting between the leaders of Germany and France in Paris next week was called off.",
     "cancelled"),
    ("A meeting between the foreign ministers of Germany and France next week has been postponed.",
     "postponed"),
])
def test_status_from_the_sentence(sentence: str, status: str) -> None:
    r = one(sentence)
    assert r.status == status
    assert {"DEU", "FRA"} <= set(r.countries)


def test_bare_month_in_past_sentence_is_this_year_and_in_plan_is_next() -> None:
    past = one("Japan and South Korea signed a trade agreement in March, officials said.", "agreement")
    assert (past.date, past.date_source, past.status) == ("2019-03", "inferred", "occurred")
    plan = one("Japan and South Korea will sign a trade agreement in March, officials said.", "agreement")
    assert (plan.date, plan.status) == ("2020-03", "planned")


def test_each_event_takes_its_own_date() -> None:
    found = reports("The talks between Iran and the European Union collapsed in 2012, and in 2013 the two sides "
                    "signed an interim agreement in Geneva.")
    by_type = {r.event_type: r for r in found}
    assert by_type["suspension"].date == "2012"
    assert by_type["agreement"].date == "2013"


def test_date_of_the_report_is_not_the_event_date() -> None:
    r = one("President Vladimir Putin will visit Turkey, the Kremlin said on Monday.", "visit")
    assert r.date is None and r.status == "planned"


def test_visit_host_and_place() -> None:
    r = one("Indian Prime Minister Narendra Modi visited Japan on Monday.", "visit")
    roles = {p[0]: p[4] for p in r.participants}
    assert roles["JPN"] == "host"
    assert r.place == "Japan" and r.date == "2019-06-10" and r.cameo_code == "042"


def test_meeting_in_third_country_is_cameo_044() -> None:
    r = one("Donald Trump and Kim Jong Un met in Vietnam on Thursday.", "meeting", dt.date(2019, 3, 1))
    assert r.cameo_code == "044" and r.place == "Vietnam"
    assert r.date == "2019-02-28"


def test_references_merge_into_the_dated_event() -> None:
    found = reports(
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday.\n\n"
        "The Xi-Putin meeting produced a joint statement on energy.\n\n"
        "Their previous meeting was in Beijing in 2018."
    )
    monday = [r for r in found if r.date == "2019-06-10"]
    assert len(monday) == 1 and len(monday[0].mentions) == 2
    assert {"CHN", "RUS"} <= set(monday[0].countries)


def test_no_event_from_verb_may_or_from_generic_said() -> None:
    assert reports("Officials said the two countries may see more trade. The minister said it was good.") == []


def test_undated_reference_to_an_institution_is_not_an_event() -> None:
    assert reports("Resuming the six-party talks would serve the interests of North Korea and China.") == []


def test_lead_event_without_date_takes_publication_day() -> None:
    r = one("Israel and Bahrain signed an agreement to open embassies, officials said.", "agreement")
    assert (r.date, r.date_source, r.precision) == ("2019-06-12", "publication", "day")
    later = reports("The ministers spoke about tourism. Trade rose sharply over the decade in both countries. "
                    "Israel and Bahrain signed an agreement to open embassies.")
    assert [r.date for r in later if r.event_type == "agreement"] == [None]


def test_codes_are_attached() -> None:
    r = one("The United States imposed new sanctions on Iran on Monday.", "sanctions")
    assert (r.cameo_code, r.plover_category) == ("163", "SANCTION")
    roles = {p[0]: p[4] for p in r.participants}
    assert roles == {"USA": "actor", "IRN": "target"}


def test_undated_follow_up_takes_the_date_of_the_news_event_before_it() -> None:
    found = reports("The leaders of Chile and Peru met in Lima on Monday. After two hours of talks, the two "
                    "presidents signed a border agreement.")
    agreement = [r for r in found if r.event_type == "agreement"][0]
    assert (agreement.date, agreement.date_source) == ("2019-06-10", "context")


def test_mention_without_parties_takes_those_of_the_previous_event() -> None:
    found = reports("Russia and Ukraine signed the friendship treaty in Kyiv in May 1997, and it took effect "
                    "the following year.", dt.date(2000, 1, 5))
    in_force = [r for r in found if r.event_type == "treaty_in_force"][0]
    assert {"RUS", "UKR"} <= set(in_force.countries)
    assert in_force.date == "1998"


def test_month_name_may_is_not_a_modal() -> None:
    r = one("In May, the United States removed Cuba from its list of state sponsors of terrorism.",
            published=dt.date(2015, 7, 1))
    assert (r.event_type, r.status, r.date) == ("sanctions_eased", "occurred", "2015-05")


def test_decided_infinitive_is_a_fact_and_bare_infinitive_is_not() -> None:
    assert one("Egypt and Qatar agreed on Tuesday to restore diplomatic relations.").status == "occurred"
    assert one("It will be difficult for Egypt and Qatar to restore diplomatic relations.").status in (
        "possible", "planned")


def test_reported_future_is_planned_and_denial_is_local() -> None:
    r = one("President Donald Trump said on Tuesday that he would nominate Mike Pompeo as secretary of state.",
            "nomination", dt.date(2018, 3, 14))
    assert r.status == "planned"
    threat = one("The Kremlin denied any role on Monday and said it would retaliate against the United States.",
                 "threat")
    assert threat.status != "negated"
    assert one("Russia denied meeting Taliban envoys in Moscow last week.", "meeting").status == "negated"


def test_date_of_a_saying_is_not_the_date_of_the_planned_event() -> None:
    r = one("President Donald Trump said on Saturday that he would postpone the meeting with the leaders of "
            "Canada and Japan.", "meeting", dt.date(2020, 6, 1))
    assert r.date is None and r.status in ("planned", "postponed")
    done = one("President Donald Trump announced on Tuesday that the United States was withdrawing from the "
               "nuclear agreement with Iran.", "withdrawal", dt.date(2018, 5, 9))
    assert done.date == "2018-05-08"


def test_what_takes_effect_decides_the_type() -> None:
    r = one("Armenia and Azerbaijan said the truce would take effect at midnight on Sunday.",
            published=dt.date(2020, 10, 9))
    assert (r.event_type, r.date, r.status) == ("ceasefire", "2020-10-11", "planned")


def test_officials_of_organisations_do_not_bring_their_home_state() -> None:
    r = one("Ukrainian President Volodymyr Zelensky met European Commission President Ursula von der Leyen in Kyiv "
            "on Tuesday, as the European Union prepared new sanctions against Russia.", "meeting",
            dt.date(2024, 2, 21))
    assert "DEU" not in r.countries and "RUS" not in r.countries and "UKR" in r.countries
    assert r.date == "2024-02-20"


def test_followed_repeats_the_previous_event_for_a_new_actor() -> None:
    found = reports("Egypt made peace with Israel in 1979. Jordan followed in 1994.", dt.date(2020, 9, 1))
    jordan = [r for r in found if r.date == "1994"]
    assert len(jordan) == 1 and jordan[0].event_type == "agreement"
    assert set(jordan[0].countries) == {"JOR", "ISR"}
    assert not [r for r in found if r.event_type == "follow_up"]
    assert reports("The announcement followed weeks of talks.") == []


def test_an_event_nobody_takes_part_in_is_left_out() -> None:
    assert reports("The committee will hold a meeting on Tuesday to discuss the budget.") == []


def test_first_letter_guards_do_not_change_matches(seed_article) -> None:
    import re

    from timeline.events_rules import first_letter_guard, trigger_rules

    text = seed_article.text + " Talks resumed. MET again; the Visit was SIGNED. Ratified treaties."
    guarded = 0
    for rule in trigger_rules():
        source = re.sub(r"^\(\?=\[[A-Za-z]+\]\)", "", rule.pattern.pattern)
        guarded += source != rule.pattern.pattern
        assert first_letter_guard(source) + source == rule.pattern.pattern
        plain = re.compile(source, re.IGNORECASE)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in rule.pattern.finditer(text)]
    assert guarded > len(trigger_rules()) / 2


def test_reported_future_whose_date_has_passed_occurred() -> None:
    r = one("Kuwait's foreign minister said on Monday that Saudi Arabia would reopen its airspace to Qatar "
            "that night.", published=dt.date(2021, 1, 6))
    assert (r.event_type, r.status, r.date) == ("sanctions_eased", "occurred", "2021-01-04")


def test_a_venue_is_not_a_party() -> None:
    found = reports("Donald Trump and Kim Jong Un met in Hanoi on Wednesday. Their first encounter took place in "
                    "Singapore last June.", dt.date(2019, 3, 1))
    june = [r for r in found if r.date == "2018-06"]
    assert len(june) == 1 and {"USA", "PRK"} <= set(june[0].countries) and june[0].place == "Singapore"


# --- anchored dates, follow-ups, narrative context ------------------------------------------------------------

def test_call_on_a_date_is_a_phone_call_not_an_appeal() -> None:
    found = reports("Chancellor Olaf Scholz and President Emmanuel Macron discussed the crisis in a telephone call "
                    "on June 3.")
    assert [(r.event_type, r.date) for r in found] == [("phone_call", "2019-06-03")]


def test_a_day_after_moves_the_anchor_date() -> None:
    found = reports("Canada and Australia recognized Montenegro on Monday, a day after its parliament "
                    "declared independence from Serbia.")
    by_type = {r.event_type: r for r in found}
    assert by_type["statement"].date == "2019-06-09" and by_type["statement"].date_source == "anchored"
    assert by_type["recognition"].date == "2019-06-10"


def test_days_after_without_a_count_leaves_the_event_undated() -> None:
    found = reports("The presidents of Chile and Peru spoke by telephone on June 3, days after the new Chilean "
                    "president took office.")
    assert {r.event_type: r.date for r in found}.get("nomination") is None


def test_the_following_day_counts_from_the_event_before() -> None:
    found = reports("Germany and Poland signed a border treaty on June 3. Poland's parliament approved the treaty "
                    "the following day.")
    assert sorted(r.date for r in found) == ["2019-06-03", "2019-06-04"]


def test_response_in_kind_is_a_new_event_against_the_first_actor() -> None:
    found = reports("Canada expelled four Iranian diplomats earlier this month. Iran responded in kind a few days "
                    "later.")
    assert len(found) == 2
    second = found[1]
    assert (second.event_type, second.date) == ("expulsion", "2019-06")
    assert set(second.countries) == {"IRN", "CAN"}


def test_coordinated_follow_up_keeps_the_subject() -> None:
    found = reports("Pakistan launched two missiles on Monday and followed them with a third launch on Wednesday.")
    assert sorted((r.event_type, r.date) for r in found) == [("weapons_test", "2019-06-10"),
                                                            ("weapons_test", "2019-06-12")]
    assert all(r.countries == ["PAK"] for r in found)


def test_stalled_talks_in_a_relative_clause_take_its_date() -> None:
    r = one("Japan's envoy urged a return to the talks with Russia, which have been stalled since 2014.",
            "suspension")
    assert r.date == "2014"


def test_deal_announced_on_a_date_is_an_agreement() -> None:
    r = one("The Sudan-Morocco deal was first announced on May 13.", "agreement")
    assert r.date == "2019-05-13"


def test_context_date_does_not_jump_paragraphs() -> None:
    text = ("Germany imposed sanctions on Iran on Monday.\n\nThe measures freeze the assets of several banks.\n\n"
            "Merkel urged Iran to return to the talks.")
    found = {r.event_type: r for r in reports(text)}
    assert found["appeal"].date is None


def test_unattributed_event_takes_the_parties_of_its_family() -> None:
    text = ("Armenia and Azerbaijan agreed on a truce on Monday.\n\nThe fighting had killed hundreds of people.\n\n"
            "Aid groups counted the losses in the valley.\n\nAn earlier ceasefire agreed in Moscow in October "
            "broke down within days.")
    found = {r.date: r for r in reports(text) if r.event_type == "ceasefire"}
    assert {"ARM", "AZE"} <= set(found["2018-10"].countries)


def test_due_to_before_the_verb_makes_the_clause_planned() -> None:
    r = one("Chancellor Olaf Scholz and President Emmanuel Macron are due to brief the other leaders of Germany and "
            "France's partners at a summit in Brussels on Friday.", "summit")
    assert r.status == "planned"


def test_agreed_to_reports_a_past_decision_dated_by_its_paragraph() -> None:
    text = ("Chilean President Gabriel Boric and Bolivian President Luis Arce signed a cooperation agreement on "
            "Monday. The two presidents agreed to restore diplomatic relations.")
    restored = one(text, "relations_restored")
    assert (restored.status, restored.date, restored.date_source) == ("occurred", "2019-06-10", "context")


def test_the_two_leaders_stay_the_pair_of_the_story() -> None:
    text = ("Japanese Prime Minister Shinzo Abe and South Korean President Moon Jae-in began talks in Osaka on "
            "Monday. Donald Trump joined them for lunch, and the two leaders then met alone for an hour.\n\n"
            "Chinese President Xi Jinping arrived later in the day.\n\n"
            "The two leaders will meet again on June 20.")
    found = reports(text)
    assert all({"JPN", "KOR"} <= set(r.countries) for r in found)
    assert [r.status for r in found if r.event_type == "meeting"] == ["planned"]


def test_small_fixed_membership_organisation_stands_for_its_members() -> None:
    r = one("The Quad summit that Washington had planned for September was postponed, officials said.", "summit")
    assert set(r.countries) == {"USA", "JPN", "IND", "AUS"}
    assert (r.date, r.status) == ("2019-09", "postponed")


def test_rotating_membership_organisation_names_no_states() -> None:
    found = reports("The UN Security Council held an emergency meeting on Monday.")
    assert all(not r.countries for r in found)


def test_status_word_before_a_named_summit() -> None:
    r = one("President Joe Biden said on Monday that he would postpone the Group of Seven summit that he had "
            "planned to host in July.", "summit")
    assert (r.date, r.status) == ("2019-07", "postponed")
    assert {"USA", "GBR", "FRA", "DEU", "ITA", "JPN", "CAN"} <= set(r.countries)


def test_a_trip_date_is_not_the_date_of_the_summit_it_is_for() -> None:
    found = reports("Prime Minister Justin Trudeau leaves for Japan on Thursday to attend the G20 summit in Osaka.")
    dated = [(r.event_type, r.date) for r in found if r.date]
    assert dated == [("visit", "2019-06-13")]


def test_partyless_event_takes_the_states_of_the_sentence_before() -> None:
    text = ("Western Sahara has been disputed since 1975, when Spanish forces left and Morocco moved in. "
            "Mediated talks on its final status ended without agreement in December.")
    r = one(text, "talks")
    assert r.date == "2018-12" and {"ESH", "MAR"} & set(r.countries)


def test_a_fresh_cancellation_takes_the_date_it_was_announced() -> None:
    r = one("Chancellor Angela Merkel has cancelled a planned visit to Denmark, her office said on Monday.", "visit")
    assert (r.status, r.date) == ("cancelled", "2019-06-10")
    older = reports("Pyongyang called off the meeting with Seoul, the ministry said on Monday.")
    assert all(r.date is None for r in older)


def test_first_launch_since_dates_the_launch_before() -> None:
    found = reports("Iran test-fired a ballistic missile on Monday, its first launch since March.")
    assert sorted(r.date for r in found if r.event_type == "weapons_test") == ["2019-03", "2019-06-10"]


def test_an_organisation_party_takes_no_states_from_the_sentence_before() -> None:
    text = ("Japan and the United States condemned the launch on Monday. "
            "The UN Security Council was to hold an emergency meeting on Monday afternoon.")
    found = [r for r in reports(text) if r.event_type == "meeting"]
    assert found and all(not r.countries for r in found) and found[0].status == "planned"


def test_the_subject_attends_the_summit_where_it_briefs_others() -> None:
    r = one("Chancellor Angela Merkel and President Emmanuel Macron are due to brief EU leaders at a summit in "
            "Brussels on Friday.", "summit")
    assert {"DEU", "FRA"} <= set(r.countries) and r.status == "planned"


def test_months_after_gives_the_month_before() -> None:
    found = reports("Chinese President Xi Jinping and Vietnamese leader Nguyen Phu Trong held a summit on Monday in "
                    "Hanoi, two months after Xi's meeting with President Joe Biden in Bali.")
    assert sorted(r.date for r in found) == ["2019-04", "2019-06-10"]


def test_deal_a_party_reached_is_an_agreement() -> None:
    r = one("Sanctions on Iran were lifted under the deal Tehran reached with six world powers last July.",
            "agreement")
    assert r.date == "2018-07"


def test_diplomats_given_hours_to_leave_and_ambassadors_recalled() -> None:
    found = {r.event_type for r in reports(
        "Bahrain gave Qatari diplomats 48 hours to leave on Monday. Saudi Arabia recalled its ambassador from "
        "Doha on Monday.")}
    assert {"expulsion", "relations_broken"} <= found


def test_airspace_closed_to_a_state_is_a_sanction() -> None:
    r = one("Canada closed its airspace to Russian aircraft on Sunday.", "sanctions")
    assert r.date == "2019-06-09" and set(r.countries) >= {"CAN", "RUS"}


def test_a_date_of_the_first_of_two_coordinated_verbs_is_not_the_second_one_s() -> None:
    found = {r.event_type: r.date for r in reports(
        "Barack Obama and Raúl Castro announced the thaw in December and met in Panama in April.")}
    assert found["meeting"] == "2019-04"


def test_talks_since_an_event_do_not_take_its_date() -> None:
    found = reports("Ukrainian and Russian delegations met on Monday for the first talks since the invasion began "
                    "on Thursday.")
    assert [r.date for r in found] == ["2019-06-10"]


def test_an_event_in_a_when_clause_takes_no_context_date() -> None:
    found = {r.event_type: r for r in reports(
        "The talks between Israel and Egypt ended on Tuesday. They nearly collapsed when the Israeli prime "
        "minister left for Washington.")}
    assert found["visit"].date is None


def test_an_undated_meeting_after_talks_that_day_is_the_same_encounter() -> None:
    found = reports("Israeli Prime Minister Benjamin Netanyahu and Palestinian President Mahmoud Abbas relaunched "
                    "direct peace negotiations on Thursday. The two leaders then met alone for 90 minutes.")
    assert len(found) == 1


def test_a_list_of_venues_is_no_party() -> None:
    r = one("Armenia and Azerbaijan held talks in Georgia and Kazakhstan in 2018.", "talks")
    assert set(r.countries) >= {"ARM", "AZE"}
    assert [p for p in r.participants if p[3] == "KAZ"][0][4] == "location"


def test_the_coordinated_pair_of_the_lead_is_the_story_s_pair() -> None:
    text = ("Saudi Arabia and Iran agreed on Friday to restore diplomatic relations, in a deal brokered by China. "
            "Wang Yi, China's top diplomat, hailed the agreement. The foreign ministers of the two countries will "
            "meet in April.")
    r = one(text, "meeting")
    assert set(r.countries) == {"SAU", "IRN"}


def test_also_signed_is_a_new_agreement() -> None:
    text = ("Moon Jae-in and Kim Jong Un signed an agreement on Wednesday. The defense ministers of the two Koreas "
            "also signed a military pact.")
    assert len([r for r in reports(text) if r.event_type == "agreement"]) == 2


def test_a_noun_reported_by_a_dated_saying_takes_not_the_saying_date() -> None:
    found = reports("Secretary of State Mike Pompeo said in March that talks with North Korea had made progress.")
    assert all(r.date is None for r in found)


def test_literal_prefixes_of_a_trigger_pattern() -> None:
    from timeline.events_rules import literal_prefixes

    assert literal_prefixes(r"\b(?:agreements?|accord|travell?ed)\s+to\b") == ("accord", "agreement", "travel")
    assert literal_prefixes(r"\b(?:re-?imposed|[Tt]he)\b") == ()
    assert literal_prefixes(r"(?<=\w\s)followed\b") == ()
    assert literal_prefixes(r"\bsummits?\b") == ("summit",)


def test_appositive_relative_clause_has_its_own_actor_and_date() -> None:
    found = {r.event_type: r for r in reports(
        "Japan's Prime Minister Shinzo Abe, who visited Tehran in March, also met Donald Trump on Monday.")}
    assert (found["visit"].date, set(found["visit"].countries)) == ("2019-03", {"JPN", "IRN"})
    assert (found["meeting"].date, set(found["meeting"].countries)) == ("2019-06-10", {"JPN", "USA"})


def test_an_event_the_dated_one_is_the_first_since_is_undated() -> None:
    found = {r.event_type: r.date for r in reports(
        "Joe Biden and Vladimir Putin met in Geneva on Monday, their first summit since Biden took office.")}
    assert found.get("nomination") is None and found["summit"] == "2019-06-10"


def test_agreeing_to_hold_talks_plans_them() -> None:
    found = {r.event_type: r for r in reports(
        "Joe Biden and Vladimir Putin met in Geneva on Monday. The two leaders agreed to begin talks on arms "
        "control.")}
    assert found["talks"].status == "planned" and found["talks"].date is None


def test_two_organisations_in_one_clause_stand_for_no_members() -> None:
    found = reports("Joe Biden attended a NATO summit in Brussels on Monday and a G7 summit on Saturday.")
    assert [r.date for r in found if "JPN" in r.countries] == ["2019-06-08"]


def test_a_coordinated_clause_with_its_own_subject_keeps_its_date_and_parties() -> None:
    found = {r.event_type: r for r in reports(
        "Joe Biden and Xi Jinping agreed to resume climate talks and Secretary of State Antony Blinken will travel "
        "to China early next year.")}
    assert found["visit"].date == "2020" and set(found["visit"].countries) == {"USA", "CHN"}
    assert found["intent_to_meet"].date != "2020" and found["intent_to_meet"].status == "occurred"


def test_a_subordinate_clause_adds_no_party() -> None:
    r = one("China suspended climate talks with Washington in August after Japanese Prime Minister Fumio Kishida "
            "visited Taiwan.", "suspension")
    assert "JPN" not in r.countries and "TWN" not in r.countries


def test_prefix_filter_is_exact_on_word_starts() -> None:
    from timeline.events_rules import find_triggers, trigger_rules, word_starts

    text = "The G7 leaders re-imposed sanctions and agreed to meet; Tehran's envoy travelled to Paris."
    starts = word_starts(text)
    assert {"sanctions", "agre", "travelled"} <= starts and "mposed" not in starts
    every = sorted((r.rank, m.start()) for r in trigger_rules() for m in r.pattern.finditer(text))
    kept = sorted((r.rank, a) for r, a, _ in find_triggers(text))
    assert set(kept) <= set(every) and kept


def test_a_skipped_word_may_be_an_abbreviation_or_a_possessive() -> None:
    r = one("The Iraqi government summoned the U.S. ambassador on Monday.", "accusation")
    assert r.date == "2019-06-10" and {"IRQ", "USA"} <= set(r.countries)


def test_a_meeting_and_the_talks_held_at_it_are_one_event() -> None:
    found = reports("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday. The two leaders held "
                    "talks on energy on Monday.")
    assert len(found) == 1 and found[0].date == "2019-06-10"


def test_an_elliptical_expulsion_after_another() -> None:
    found = reports("Britain expelled 23 Russian diplomats on Monday, and Ukraine expelled 13.")
    assert sorted(tuple(sorted(r.countries)) for r in found if r.event_type == "expulsion") == [
        ("GBR", "RUS"), ("UKR",)]


def test_a_season_in_a_name_is_no_date() -> None:
    found = reports("Vice President Mike Pence was ready to meet North Korean officials during the Winter Olympics "
                    "in South Korea, officials said.")
    assert all(r.precision != "season" for r in found)


def test_a_plan_called_off_elsewhere_in_the_article_is_cancelled() -> None:
    text = ("North Korea called off the meeting with the United States at the last minute. The meeting between "
            "the United States and North Korea had been planned for June 10 in Seoul.")
    r = one(text, "meeting")
    assert r.status == "cancelled"


def test_a_coordinated_verb_without_a_subject_shares_the_date() -> None:
    found = {r.event_type: r.date for r in reports(
        "Kim Yo Jong held talks with South Korean President Moon Jae-in on June 10, and handed him an invitation "
        "to visit Pyongyang.")}
    assert found["proposal"] == "2019-06-10"


def test_a_capital_naming_a_treaty_is_no_party() -> None:
    r = one("The United States notified the United Nations on Monday that it was withdrawing from the Paris "
            "climate agreement.", "withdrawal")
    assert "FRA" not in r.countries


def test_a_relative_clause_about_coordinated_states() -> None:
    r = one("France and China, whose leaders met in Beijing on Monday, called the decision regrettable.", "meeting")
    assert set(r.countries) == {"FRA", "CHN"}


def test_leaders_holding_talks_meet_but_peace_talks_stay_talks() -> None:
    met = one("Chancellor Olaf Scholz held talks with President Emmanuel Macron in Paris on Monday.")
    assert met.event_type == "meeting"
    talks = one("Armenia and Azerbaijan held peace talks in Geneva on Monday.")
    assert talks.event_type == "talks"


def test_a_follow_up_repeats_the_main_event_not_its_background() -> None:
    found = reports("Canada and Australia recognized Montenegro on Monday, a day after its parliament declared "
                    "independence from Serbia. Germany followed on Wednesday.")
    assert {r.date: r.event_type for r in found}["2019-06-12"] == "recognition"


def test_no_plans_to_hold_a_summit_is_negated() -> None:
    r = one("Japan and South Korea have no plans to hold a summit, officials said.", "summit")
    assert r.status == "negated"


def test_week_talks_and_a_dated_meeting_that_week_stay_apart() -> None:
    text = ("Japan will host the foreign ministers of the United States next week for talks on China. "
            "Secretary of State Antony Blinken will then meet Chinese officials in Alaska on June 20.")
    found = reports(text)
    assert sorted(r.date for r in found if r.date) == ["2019-06-20", "2019-W25"]
    assert {"JPN", "USA"} <= set(next(r for r in found if r.date == "2019-W25").countries)


def test_a_plan_s_bare_name_in_the_past_means_the_next_one() -> None:
    r = one("On Friday he is scheduled to become the first French president to visit Hiroshima.", "visit",
            published=dt.date(2019, 6, 17))  # a Monday: "Friday" was put on 14 June
    assert (r.status, r.date) == ("planned", "2019-06-21")
    r = one("He said the meeting between France and Japan could take place in May.", "meeting")
    assert (r.status, r.date) == ("possible", "2020-05")


def test_an_invitation_proposes_the_meeting_it_invites_to() -> None:
    from timeline.events import extract_mentions

    found = extract_mentions(Article(text="Emmanuel Macron invited Olaf Scholz to Paris for a meeting, the Elysee "
                                          "said.", published=PUBLISHED, path="test"))
    assert [m.status for m in found if m.event_type.type == "meeting"] == ["proposed"]


def test_a_past_plan_s_day_is_the_nearest_one() -> None:
    r = one("The meeting between France and Japan had been planned for June 8 in Paris.", "meeting")
    assert r.date == "2019-06-08"


def test_a_called_off_reference_joins_the_plan_not_what_happened() -> None:
    text = ("Pyongyang called off the meeting with Seoul two hours before it was to take place. "
            "The meeting between North Korea and South Korea had been planned for June 8 in Seoul. "
            "North Korea and South Korea held talks on June 8 in Panmunjom instead.")
    statuses = sorted(r.status for r in reports(text) if r.date == "2019-06-08")
    assert statuses == ["cancelled", "occurred"]


def test_an_organisation_acting_on_a_state_stands_for_its_members() -> None:
    r = one("The G7 leaders on Friday agreed to tighten sanctions on Russia.", "sanctions")
    assert {"RUS", "USA", "JPN"} <= set(r.countries)
    assert ("USA", "actor") in {(p[3], p[4]) for p in r.participants}


def test_a_date_modifying_the_event_noun_inside_the_trigger_is_its_own() -> None:
    r = one("Yoon Suk-yeol, who won the March 9 election by a narrow margin, took office on Tuesday.", "election")
    assert r.date == "2019-03-09"
    r = one("Britain announced on Tuesday that it was withdrawing from the 2015 nuclear agreement with Iran.",
            "withdrawal")
    assert r.date == "2019-06-11"


def test_refusing_to_meet_is_negated() -> None:
    found = [r for r in reports("Zelensky refused to meet Putin in Minsk on Monday.") if r.event_type == "meeting"]
    assert [r.status for r in found] == ["negated"]


def test_threatening_to_cancel_leaves_the_plan_on() -> None:
    found = {r.event_type: r.status for r in reports(
        "North Korea threatened to cancel the summit with the United States set for June 20.")}
    assert found.get("summit", "planned") == "planned" and "cancelled" not in found.values()


def test_agreeing_to_hold_a_summit_in_a_month_plans_it_for_the_next_one() -> None:
    r = one("Japan and China have agreed to hold a summit in Beijing in March.", "summit")
    assert (r.status, r.date) == ("planned", "2020-03")


def test_talks_between_parties_resumed() -> None:
    r = one("Talks between Iran and the European Union resumed in Vienna on Monday after a three-month pause.")
    assert (r.event_type, r.date) == ("talks_resumed", "2019-06-10")


def test_a_caused_act_took_place() -> None:
    r = one("The dispute led Venezuela to break off relations with Colombia in February.", "relations_broken")
    assert (r.status, r.date) == ("occurred", "2019-02")


def test_talks_due_to_start() -> None:
    r = one("Negotiations between Britain and the European Union are due to start in March.")
    assert (r.event_type, r.status, r.date) == ("talks", "planned", "2020-03")


def test_he_is_the_person_named_before_in_the_sentence() -> None:
    r = one("Kim Jong Un held talks with Moon Jae-in in April, and he travelled to China in May to see Xi Jinping.",
            "visit")
    assert {"PRK", "CHN"} <= set(r.countries)


def test_a_visit_needs_a_visitor_and_a_visit_by_names_one() -> None:
    assert not [r for r in reports("The company will visit suppliers in China next month.") if r.event_type == "visit"]
    r = one("It was the first visit by an Ethiopian leader to Eritrea in two decades, on Sunday.", "visit")
    assert ("ETH", "actor") in {(p[3], p[4]) for p in r.participants}


def test_he_at_the_start_of_a_sentence_is_the_person_of_the_sentence_before() -> None:
    text = "Indian Prime Minister Narendra Modi arrived in Berlin on Monday. He will travel to Paris on Thursday."
    found = {r.date: r for r in reports(text) if r.event_type == "visit"}
    assert {"IND", "FRA"} <= set(found["2019-06-13"].countries)


def test_they_opening_a_sentence_is_the_pair_opening_the_one_before() -> None:
    text = ("Chile and Bolivia signed a border agreement in La Paz on Monday. They also agreed to restore "
            "diplomatic relations.")
    r = one(text, "relations_restored")
    assert set(r.countries) == {"CHL", "BOL"}
    from timeline.actors import ActorDictionary

    groups = ActorDictionary.load().find_groups(text, PUBLISHED)
    assert [(g.text, g.actor_ids) for g in groups] == [("They", ("CHL", "BOL"))]


@pytest.mark.parametrize("sentence", [
    "The French team travelled to Germany for the World Cup final on Sunday.",
    "Japanese tourists visited France in record numbers last year.",
    "Chinese investors met in Shanghai on Friday to discuss the market.",
])
def test_people_of_a_state_are_not_the_state(sentence: str) -> None:
    assert not [r for r in reports(sentence) if r.date]


def test_an_unattributed_entry_into_force_is_the_earlier_treaty_s() -> None:
    text = ("Israel and Jordan signed a peace treaty on Monday at the border crossing of Arava.\n\n"
            "The ceremony was attended by 5,000 guests. President Bill Clinton watched.\n\n"
            "The treaty will enter into force next month, officials said.")
    r = one(text, "treaty_in_force")
    assert (r.date, r.status, set(r.countries)) == ("2019-07", "planned", {"ISR", "JOR"})


def test_talks_that_ended_that_day_are_the_meeting_s() -> None:
    text = ("The leaders of Serbia and Kosovo met in Brussels on Monday for EU-mediated talks.\n\n"
            "The talks ended without agreement.")
    assert len(reports(text)) == 1


def test_a_reaction_takes_the_news_day_of_its_paragraph_but_no_later_one() -> None:
    text = ("North Korea test-fired a missile on Monday. Japan and the United States condemned the launch and "
            "urged Pyongyang to return to talks.")
    found = {r.event_type: (r.date, r.date_source) for r in reports(text)}
    assert found["weapons_test"] == ("2019-06-10", "inferred")
    assert found["accusation"] == found["appeal"] == ("2019-06-10", "context")
    text = ("North Korea test-fired a missile on Monday.\n\nThe missile flew for 50 minutes before it fell into the "
            "sea.\n\nJapan and the United States condemned the launch.")  # two paragraphs on: no longer the news
    assert {r.event_type: r.date for r in reports(text)}.get("accusation") is None


def test_a_calling_off_told_in_the_past_takes_its_context_date() -> None:
    text = ("The summit between Donald Trump and Kim Jong Un broke up on Wednesday without an agreement. "
            "A signing ceremony between the United States and North Korea was cancelled.")
    found = [r for r in reports(text) if r.status == "cancelled"]
    assert [(r.date, r.date_source) for r in found] == [("2019-06-12", "context")]


def test_a_clause_continues_the_main_event_not_its_background() -> None:
    text = ("Joe Biden and Vladimir Putin met in Geneva on Monday, their first summit since Biden took office, "
            "and agreed to return their ambassadors to each other's capitals.")
    r = one(text, "relations_restored")
    assert set(r.countries) == {"USA", "RUS"}


def test_the_two_regional_rivals_and_the_two_foreign_ministers() -> None:
    from timeline.actors import ActorDictionary

    text = ("Saudi Arabia and Iran agreed to restore relations. The two regional rivals cut ties in 2016. "
            "Sergei Lavrov met Wang Yi in Moscow. The two foreign ministers will meet again in May.")
    groups = [(g.text, g.actor_ids) for g in ActorDictionary.load().find_groups(text, PUBLISHED)]
    assert groups == [("The two regional rivals", ("SAU", "IRN")),
                      ("The two foreign ministers", ("person:sergey-lavrov", "person:wang-yi"))]


def test_matching_at_word_starts_gives_what_finditer_gives() -> None:
    from timeline.events_rules import rule_matches, trigger_rules, word_start_positions

    text = ("The U.S. and Russia met, signed a treaty and re-imposed sanctions; talks talks resumed. Kim Jong Un's "
            "envoy travelled to Seoul, and the two leaders held talks. Summits, summit-level meetings and visits.")
    index = word_start_positions(text)
    for rule in trigger_rules():
        assert [m.span() for m in rule_matches(rule, text, index)] == [m.span() for m in rule.pattern.finditer(text)]


def test_bilateral_meetings_at_a_summit_stay_apart_with_their_parties() -> None:
    text = ("The summit of the bloc, hosted by Vladimir Putin, opened in Kazan on Tuesday. "
            "Narendra Modi held talks with Putin the same day. Xi Jinping also met Putin on Tuesday.")
    found = reports(text, dt.date(2024, 10, 24))
    meetings = [r for r in found if r.family in ("meeting", "talks") and r.date_start == "2024-10-22"]
    parties = sorted(tuple(sorted(r.countries)) for r in meetings)
    assert ("CHN", "RUS") in parties  # Xi's meeting is not folded into Modi's
    assert any("IND" in p for p in parties)  # Modi's party is kept, not dropped by the merge


def test_all_rule_matches_is_every_rules_matches_in_rule_order() -> None:
    from timeline.events_rules import all_rule_matches, rule_matches, trigger_rules, word_start_positions
    text = ("Xi Jinping met Kim Jong Un in Beijing on Tuesday, and the two sides signed a trade agreement. "
            "Sanctions were lifted and ambassadors returned; talks resume next week in Geneva.")
    index = word_start_positions(text)
    expected = [(r, m.span()) for r in trigger_rules() for m in rule_matches(r, text, index)]
    assert expected and [(r, m.span()) for r, m in all_rule_matches(text)] == expected


@pytest.mark.parametrize("text", [
    "The sanctions, which the United Nations imposed on Iran in 2010, were lifted on Wednesday.",
    "The sanctions that the United Nations imposed on Iran in 2010 were lifted on Wednesday.",
])
def test_an_act_told_in_an_object_relative_clause_keeps_its_doer_and_target(text: str) -> None:
    r = one(text, "sanctions")
    roles = {p[0]: p[4] for p in r.participants}
    assert r.date == "2010"
    assert roles == {"org:UN": "actor", "IRN": "target"}


def test_a_state_named_by_its_adjective_before_a_city_is_the_venue_not_a_party() -> None:
    r = one("Leaders of the Group of 20 ended their two-day summit in the Indian capital on Sunday.", "summit")
    assert r.place == "India"
    assert [p[4] for p in r.participants if p[3] == "IND"] == ["location"]
