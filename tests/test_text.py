"""Prose and sentences: page furniture skipped, sentence offsets exact, abbreviations respected."""

from timeline.text import is_prose, sentences


def test_page_furniture_is_not_prose() -> None:
    assert not is_prose("print PRINT")
    assert not is_prose("INTERNATIONAL > East Asia & Pacific")
    assert not is_prose("  • G7 Summit")
    assert not is_prose("Kim Jong Un offers to return to six-party talks")
    assert is_prose("The two leaders met in Hanoi on Wednesday to discuss sanctions relief.")


def test_offsets_point_into_the_text() -> None:
    text = "Share\n\nThe ministers met on Monday. They signed a deal! Was it \"historic\"? Officials said so.\n"
    found = sentences(text)
    assert [s.text for s in found] == ["The ministers met on Monday.", "They signed a deal!",
                                       "Was it \"historic\"?", "Officials said so."]
    assert all(text[s.start:s.end] == s.text for s in found)


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = ("U.S. Secretary of State John F. Kerry met Mr. Lavrov in Geneva on Sept. 12 at 10 a.m. local time. "
            "The talks lasted four hours.")
    assert [s.text for s in sentences(text)] == [
        "U.S. Secretary of State John F. Kerry met Mr. Lavrov in Geneva on Sept. 12 at 10 a.m. local time.",
        "The talks lasted four hours."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "He called the talks “very productive.” The next round opens in May, officials said."
    assert [s.text for s in sentences(text)][0] == "He called the talks “very productive.”"


def test_a_clock_time_going_on_after_pm_is_not_a_sentence_end() -> None:
    text = ("The truce took effect at 9.45 p.m. Khartoum time on Monday, the army said. Both sides agreed.\n"
            "Polls closed at 10 p.m. GMT on Sunday across the whole country.\n"
            "The talks ended at 9 p.m. Officials said they would resume on Friday.")
    assert [s.text for s in sentences(text)] == [
        "The truce took effect at 9.45 p.m. Khartoum time on Monday, the army said.", "Both sides agreed.",
        "Polls closed at 10 p.m. GMT on Sunday across the whole country.",
        "The talks ended at 9 p.m.", "Officials said they would resume on Friday."]
