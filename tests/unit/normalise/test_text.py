"""Normalisation rules for plain text, each pinned by a small hand-written case."""

from worker.normalise.text import clean_paragraphs, repair


def test_mojibake_is_repaired() -> None:
    """Double-decoded UTF-8 comes back as the intended characters."""
    assert repair("The caf\u00c3\u00a9 reopened") == "The café reopened"


def test_invisible_and_control_characters_are_removed() -> None:
    """Zero-width, bidi controls and C0 controls leave no trace."""
    assert repair("ab\u200bc\u202ed\x07e") == "abcde"


def test_non_breaking_spaces_become_plain_spaces() -> None:
    cleaned = clean_paragraphs("The boat\u00a0left the river.\u00a0It rained.")
    assert cleaned.paragraphs == ["The boat left the river. It rained."]


def test_leading_menu_labels_are_dropped() -> None:
    """Short labels before the text starts are navigation, not article text."""
    text = "Sport\n\nFootball\n\n\u00a0\n\nThe match ended in a draw after extra time."
    assert clean_paragraphs(text).paragraphs == ["The match ended in a draw after extra time."]


def test_trailing_tag_list_is_dropped() -> None:
    text = "The council approved the budget on Tuesday.\n\nBudget\n\nLocal news"
    assert clean_paragraphs(text).paragraphs == ["The council approved the budget on Tuesday."]


def test_boilerplate_lines_inside_the_text_are_dropped() -> None:
    text = "First point made here.\n\nAdvertisement\n\nShare this article\n\nSecond point made here."
    assert clean_paragraphs(text).paragraphs == ["First point made here.", "Second point made here."]


def test_sentence_split_by_a_blank_line_is_rejoined() -> None:
    """A paragraph without end punctuation followed by a lower-case start is one sentence."""
    text = "Talks went on for hours but no major\n\nbreakthroughs were announced on the day."
    assert clean_paragraphs(text).paragraphs == [
        "Talks went on for hours but no major breakthroughs were announced on the day."
    ]


def test_paragraph_ending_in_punctuation_is_not_joined() -> None:
    text = "The first paragraph ends here.\n\nthe second starts oddly in lower case."
    assert len(clean_paragraphs(text).paragraphs) == 2


def test_hard_wrapped_lines_join_and_hyphenated_words_mend() -> None:
    text = "The committee will meet in the inter-\nnational centre next\nweek to decide."
    expected = "The committee will meet in the international centre next week to decide."
    assert clean_paragraphs(text).paragraphs == [expected]


def test_trailing_photo_credit_moves_to_credits() -> None:
    text = "Both sides agreed to talk again. Photo by Jane Roe for Example News, Wikimedia commons."
    cleaned = clean_paragraphs(text)
    assert cleaned.paragraphs == ["Both sides agreed to talk again."]
    assert cleaned.credits == ["Photo by Jane Roe for Example News, Wikimedia commons."]


def test_credit_line_of_its_own_moves_to_credits() -> None:
    text = "The bridge reopened to traffic on Sunday.\n\nImage: City Council\n\nDrivers welcomed the news."
    cleaned = clean_paragraphs(text)
    assert cleaned.credits == ["Image: City Council"]
    assert "Image" not in " ".join(cleaned.paragraphs)


def test_agency_caption_line_is_a_credit() -> None:
    cleaned = clean_paragraphs("Crowds gathered in the square at dawn.\n\nAFP via Getty Images")
    assert cleaned.credits == ["AFP via Getty Images"]
    assert cleaned.paragraphs == ["Crowds gathered in the square at dawn."]


def test_the_word_photo_inside_a_sentence_is_not_a_credit() -> None:
    text = "The photo by the lake went viral, and the mayor shared it widely that evening."
    assert clean_paragraphs(text).credits == []


def test_headline_is_taken_as_title_when_asked() -> None:
    text = "Council approves new budget\n\nThe council approved the budget on Tuesday after a long debate."
    cleaned = clean_paragraphs(text, find_title=True)
    assert cleaned.title == "Council approves new budget"
    assert cleaned.paragraphs == ["The council approved the budget on Tuesday after a long debate."]


def test_given_title_wins_over_first_line() -> None:
    text = "Council approves new budget\n\nThe council approved the budget on Tuesday."
    cleaned = clean_paragraphs(text, title="Budget passed", find_title=True)
    assert cleaned.title == "Budget passed"
    assert cleaned.paragraphs[0] == "Council approves new budget"


def test_short_edge_lines_are_kept_when_asked() -> None:
    """For HTML the extractor has already judged the page's structure; short edge lines stay."""
    text = "Key facts\n\nThe council approved the budget on Tuesday.\n\nMore to follow"
    assert clean_paragraphs(text, strip_labels=False).paragraphs[0] == "Key facts"
    assert clean_paragraphs(text).paragraphs == ["The council approved the budget on Tuesday."]


def test_text_of_only_labels_is_no_text() -> None:
    """A page that is nothing but menu labels has no article, even when short lines are kept."""
    assert clean_paragraphs("Home\n\nSport", strip_labels=False).paragraphs == []
