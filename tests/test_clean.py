"""Tests for eventcoder.clean: each kind of boilerplate goes, real text stays, offsets map back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.clean import clean
from eventcoder.models import CleanText

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

HEADLINE = "Kenya and Somalia agree to reopen Mandera border crossing"
PARA1 = (
    "Kenya and Somalia agreed on Sunday to reopen the Mandera border crossing, which has been closed "
    "since 2011, officials from both countries said after a meeting of their interior ministers."
)
PARA2 = (
    "Kenyan Interior Minister Kithure Kindiki said the crossing would open in stages, starting with "
    "cargo trucks, and that police on both sides would share passenger lists."
)
PARA3 = (
    "Somali officials said traders had been forced to travel hundreds of kilometres to the nearest crossing."
)


def article(*middle: str) -> str:
    """A headline, two body paragraphs around ``middle`` lines, and a last paragraph."""
    return "\n\n".join([HEADLINE, PARA1, *middle, PARA2, PARA3]) + "\n"


def assert_maps_back(original: str, result: CleanText) -> None:
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(original)
    assert all(original[result.offsets[i]] == ch for i, ch in enumerate(result.text))
    assert all(a < b for a, b in pairwise(result.offsets))


def removed_texts(original: str, result: CleanText) -> dict[str, str]:
    return {original[s:e].strip(): reason for s, e, reason in result.removed}


def assert_body_kept(result: CleanText) -> None:
    for text in (HEADLINE, PARA1, PARA2, PARA3):
        assert text in result.text


# --------------------------------------------------------------------------- the fixture page


def test_ministry_page_loses_every_kind_of_boilerplate_and_keeps_the_story():
    original = (FIXTURES / "ministry_page.txt").read_text(encoding="utf-8")
    result = clean(original)
    assert_maps_back(original, result)
    by_reason: dict[str, list[str]] = {}
    for text, reason in removed_texts(original, result).items():
        by_reason.setdefault(reason, []).append(text)
    assert by_reason == {
        "breadcrumb": ["Home > Newsroom > Press Releases > Bilateral Cooperation"],
        "prompt": [
            "Print this page | Email this | Share this",
            "Read more: ECOWAS ministers meet in Abuja",
            "Related Articles",
            (
                "Tell A Friend:GET OUR APP: Download the Ministry News app, "
                "available on Google Play and the App Store"
            ),
            "Copyright © 2024 Ministry of Foreign Affairs. All rights reserved.",
        ],
        "caption": [
            (
                "Foreign Minister Kwame Mensah (R) shakes hands with Nigerian Foreign Minister Yusuf Tuggar "
                "in Accra."
            ),
            (
                "Delegations from Ghana and Nigeria meet at the Foreign Ministry in Accra on June 12, 2024. "
                "(Photo/MFA Ghana)"
            ),
        ],
        "advert": ["Advertisement"],
        "dateline": ["ACCRA, June 12, 2024 --"],
        "duplicate": ['"Our security is indivisible"'],
        "related-links": ["Ghana, Togo sign border security protocol", "Accra hosts regional trade fair"],
    }
    # the headline, the dateline paragraph (without its dateline: the parser would take the city for
    # the subject), the quote inside the body and the sentence before "Read more" stay
    assert result.text.startswith("Foreign Minister Holds Talks with Nigerian Counterpart in Accra\n")
    assert "\nGhana's Foreign Minister Kwame Mensah on Wednesday held talks" in result.text
    assert '"Our security is indivisible," he said.' in result.text
    assert "invited Mensah to visit Abuja before the end of the year.\n" in result.text
    assert "Read more" not in result.text


# --------------------------------------------------------------------------- breadcrumbs


@pytest.mark.parametrize(
    "crumb",
    [
        "Home > News > World > Asia",
        "News » Africa » East Africa",
        "Home / World / Middle East",
        "Home | Politics | Parliament",
        "You are here: Home › Press Office › Statements",
    ],
)
def test_breadcrumbs_are_removed(crumb):
    original = crumb + "\n" + article()
    result = clean(original)
    assert removed_texts(original, result) == {crumb: "breadcrumb"}
    assert result.text == article()
    assert_maps_back(original, result)


def test_headline_with_a_slash_or_bar_is_not_a_breadcrumb():
    for headline in ("Israel/Gaza: talks resume in Cairo", "Kenya | Somalia border to reopen next week"):
        original = headline + "\n\n" + PARA1 + "\n"
        assert clean(original).text == original


# --------------------------------------------------------------------------- prompts


@pytest.mark.parametrize(
    "prompt",
    [
        "Share this article",
        "Share on Facebook",
        "Suggest To A Friend:",
        "Email this story to a friend",
        "DOWNLOAD APP: Get the Lakeside Daily app now available on play store and coming soon to App Store.",
        "Download our app for breaking news alerts",
        "Facebook Comments Box",
        "Leave a comment",
        "Subscribe to our newsletter for the latest updates from the region.",
        "Follow us on Twitter and Telegram",
        "Click here to watch the press conference.",
        "Read more: Ethiopia and Eritrea trade accusations over port access",
        "Copyright © 2024 Lakeside Daily Media Group",
        "© 2024 Lakeside Daily. All rights reserved.",
        "Print this page",
        "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
        "Tags: Kenya, Somalia, border",
        "Tell a Friend:GET OUR APP: Download the app, available on Google Play",
    ],
)
def test_prompt_lines_are_removed(prompt):
    original = article(prompt)
    result = clean(original)
    assert removed_texts(original, result) == {prompt: "prompt"}
    assert_body_kept(result)
    assert_maps_back(original, result)


def test_prompt_glued_after_a_sentence_removes_only_the_prompt_segment():
    line = (
        "The crossing will open to buses in June, the ministers said. Share this article Suggest to a friend"
    )
    original = article(line)
    result = clean(original)
    assert "The crossing will open to buses in June, the ministers said.\n" in result.text
    assert "Share" not in result.text and "friend" not in result.text
    [(start, end, reason)] = result.removed
    assert (original[start:end], reason) == (" Share this article Suggest to a friend", "prompt")
    assert_maps_back(original, result)


def test_prompt_words_inside_real_sentences_are_kept():
    lines = [
        "Investors continued to share the view that the port deal would follow the same path, analysts said.",
        '"Follow us on this road to peace," the president told the crowd in Garissa.',
        "Opposition leaders said they would download the full report and publish their own analysis.",
        "Most popular among traders was the plan to open the crossing to buses first.",
    ]
    original = article(*lines)
    assert clean(original).text == original


# --------------------------------------------------------------------------- adverts and social bars


def test_advert_label_alone_and_between_sentences():
    inline = "The talks ended on Sunday. Advertisement The ministers will meet again in July."
    original = article("Advertisement", "Story continues below advertisement", inline)
    result = clean(original)
    gone = removed_texts(original, result)
    assert gone["Advertisement"] == "advert"
    assert gone["Story continues below advertisement"] == "advert"
    assert "The talks ended on Sunday. The ministers will meet again in July." in result.text
    assert_body_kept(result)
    assert_maps_back(original, result)


def test_social_network_bar_is_removed():
    original = article("Facebook Twitter WhatsApp LinkedIn Email Print")
    result = clean(original)
    assert removed_texts(original, result) == {"Facebook Twitter WhatsApp LinkedIn Email Print": "social"}


# --------------------------------------------------------------------------- captions


@pytest.mark.parametrize(
    "caption",
    [
        "Kenyan President William Ruto (R) meets with Somali President Hassan Sheikh Mohamud in Nairobi.",
        "Kenyan President William Ruto (C) and Somali President Hassan Mohamud (2nd L) attend a ceremony",
        "Somali soldiers patrol the border near Mandera, Kenya, March 2, 2024. (AP Photo/Brian Inganga)",
        "Trucks wait at the closed border post in Mandera on Saturday. (Xinhua/Li Yan)",
        "Border officials inspect travel documents at the crossing. (Reuters)",
        "Photo: Interior Ministry",
        "(Photo: Kenya Interior Ministry)",
        "Photo credit: Amina Yusuf",
        "Image: A truck crosses the border at Mandera",
        "File photo of the Mandera crossing",
        "Photo by Amina Yusuf",
        "Ministers arrive for the talks in Nairobi. (Lakeside Daily Photo/Amina Yusuf)",
    ],
)
def test_photo_captions_are_removed(caption):
    original = article(caption)
    result = clean(original)
    assert removed_texts(original, result) == {caption: "caption"}
    assert_body_kept(result)
    assert_maps_back(original, result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Senator Lindsey Graham (R) introduced a bill on Tuesday to extend the aid programme.",
        "Representative Jim Jordan (R) will chair the hearing on border security next week.",
        "Senator Chris Murphy (D) told reporters the vote would be close.",
        "The agreement covers (A) trade, (B) energy and (C) security along the border.",
        "The observers will report to the joint mission of the two blocs (ECOWAS/AU).",
        "Video by residents showed soldiers firing into the air near the border post on Saturday.",
    ],
)
def test_caption_like_body_sentences_are_kept(sentence):
    original = article(sentence)
    assert clean(original).text == original


def test_credit_line_is_removed():
    original = article("(Reporting by Amina Yusuf in Nairobi; Editing by Peter Graff)")
    result = clean(original)
    assert list(removed_texts(original, result).values()) == ["credit"]


def test_caption_repeating_the_headline_is_removed_and_the_headline_kept():
    caption = "Kenya and Somalia agree to reopen Mandera border crossing"
    original = article(caption)  # the same words as the headline, lower in the page
    result = clean(original)
    assert result.text.startswith(HEADLINE + "\n")
    assert removed_texts(original, result) == {caption: "duplicate"}


def test_line_contained_in_another_line_is_a_duplicate():
    pull_quote = "Police on both sides would share passenger lists"
    original = article(pull_quote)
    result = clean(original)
    assert removed_texts(original, result) == {pull_quote: "duplicate"}
    assert_body_kept(result)


def test_headline_contained_in_the_lead_is_kept():
    headline = "Kenya and Somalia agreed on Sunday to reopen the Mandera border crossing"
    original = headline + "\n\n" + PARA1 + "\n"
    assert clean(original).text == original


# --------------------------------------------------------------------------- short lines


@pytest.mark.parametrize(
    "line",
    [
        "Most Read",
        "Top Stories",
        "By Amina Yusuf",
        "Share",
        "Print",
        "Photo",
        "12",
        "Comments (3)",
        "MOST READ",
    ],
)
def test_short_lines_without_sentence_structure_are_removed(line):
    original = article(line)
    result = clean(original)
    assert set(removed_texts(original, result)) == {line}
    assert_body_kept(result)


@pytest.mark.parametrize(
    "line",
    [
        "Key points:",  # introduces a list
        "WASHINGTON —",  # datelines on their own line
        "NAIROBI, Kenya --",
        "GENEVA (Reuters) -",
        "March 3, 2024",  # a date line
        "Talks resumed quickly",  # has a verb
        "Ruto meets Mohamud",  # has a verb
    ],
)
def test_short_lines_with_structure_are_kept(line):
    original = article(line)
    assert clean(original).text == original


def test_short_headline_at_the_top_is_kept():
    original = "Border Reopens\n\n" + PARA1 + "\n\nMost Read\n"
    result = clean(original)
    assert result.text.startswith("Border Reopens\n\n")
    assert "Most Read" not in result.text


# --------------------------------------------------------------------------- offsets and shapes


def test_clean_text_is_identity_when_nothing_is_removed():
    original = article()
    result = clean(original)
    assert result.text == original
    assert result.offsets == list(range(len(original) + 1))
    assert result.removed == []


def test_empty_text():
    result = clean("")
    assert result.text == "" and result.offsets == [0]


def test_windows_line_endings_are_kept_and_removed_lines_take_theirs():
    original = "Home > News > Africa\r\n" + article().replace("\n", "\r\n")
    result = clean(original)
    assert result.text == article().replace("\n", "\r\n")
    assert_maps_back(original, result)


def test_to_original_maps_a_sentence_back():
    original = (FIXTURES / "ministry_page.txt").read_text(encoding="utf-8")
    result = clean(original)
    sentence = "Tuggar thanked Ghana for its hospitality"
    start = result.text.index(sentence)
    o_start, o_end = result.to_original(start, start + len(sentence))
    assert original[o_start:o_end] == sentence


def test_removed_spans_are_ordered_and_whole_lines_include_their_newline():
    original = (FIXTURES / "ministry_page.txt").read_text(encoding="utf-8")
    result = clean(original)
    spans = [(s, e) for s, e, _ in result.removed]
    assert spans == sorted(spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans))
    for start, end, reason in result.removed:
        whole_line = (start == 0 or original[start - 1] == "\n") and reason != "dateline"
        if whole_line:
            assert original[end - 1] == "\n" or end == len(original), reason


# --------------------------------------------------------------------------- property


BOILERPLATE = [
    "Home > News > World > Asia",
    "Share this",
    "Suggest To A Friend:",
    "Advertisement",
    "Tell A Friend:GET OUR APP: Download the app, available on Google Play",
    "Facebook Comments Box",
    "Kenyan President William Ruto (R) meets with visiting envoys in Nairobi.",
    "Trucks queue at the border. (Xinhua/Li Yan)",
    "Most Read",
    "Related Articles",
    "Copyright © 2024 Lakeside Daily. All rights reserved.",
    "The talks ended. Read more: Ministers meet again",
    "",
]
line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(line_text, st.sampled_from(BOILERPLATE), st.sampled_from([PARA1, PARA2, HEADLINE])),
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_every_kept_character_maps_to_the_same_original_character(lines, newline, final_newline):
    original = newline.join(lines) + (newline if final_newline else "")
    result = clean(original)
    assert_maps_back(original, result)
    # the removed spans and the kept characters partition the original
    kept = set(result.offsets[:-1])
    for start, end, _ in result.removed:
        assert 0 <= start < end <= len(original)
        assert not kept.intersection(range(start, end))
    removed_count = sum(end - start for start, end, _ in result.removed)
    assert removed_count + len(result.text) == len(original)
