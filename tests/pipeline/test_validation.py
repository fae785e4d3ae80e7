"""The answer validators: a corpus of bad answers per stage is rejected with the right reason,
and good but messy answers are repaired into clean items.

The bad answers are the shapes small models really produce (SmolLM2-135M loops on one line,
copies the few-shot examples, answers with chatter or code); the reasons are the ones stored
on GenerationReject rows and shown to curators.
"""

import pytest

from pipeline.generation.prompts import prompt_load
from pipeline.generation.validation import (
    INTENTION_PREFIX,
    REJECT_REASONS,
    AnswerRejected,
    intentions_parse,
    need_parse,
    objectives_parse,
    script_parse,
    text_key,
)

P = INTENTION_PREFIX  # "PersonX wants to buy this because"

KETTLE_PROMPT = """Product: Brewmaster Electric Kettle, 1.7 Liter, Stainless Steel
Category: Home & Kitchen
Features:
- Boils a full kettle of water in under five minutes
- Automatic shut-off and boil-dry protection
Description: A cordless kettle with a 360 degree swivel base and a soft-grip handle that pours \
without dripping."""

GRILL_REVIEWS_PROMPT = """Product: Emberline 22-Inch Charcoal Kettle Grill
Reviews:
Review 1: We grilled burgers for the whole soccer team after the final match.
Review 2: Keep the lid closed and the heat stays even for hours."""

GOAL_PROMPT = "Goal: go camping by a lake with two children"
GOOD_STEPS = [
    "Choose a campsite near the lake",
    "Pack the tent, sleeping bags and a first aid kit",
    "Drive to the campsite early in the morning",
    "Pitch the tent on flat ground",
]


def rejected(parse, text, **kwargs) -> AnswerRejected:
    with pytest.raises(AnswerRejected) as caught:
        parse(text, **kwargs)
    error = caught.value
    assert error.reason in REJECT_REASONS, f"undocumented reason {error.reason!r}"
    return error


GOOD_REASONS = [
    f"{P} they want hot water for tea in the morning",
    f"{P} their old kettle leaks on the counter",
    f"{P} they need to boil water quickly before work",
]


# --- rejections shared by every stage ---------------------------------------------------------

ANSWER_LEVEL = [
    ("", "empty"),
    ("   \n\t \n  ", "empty"),
    ("<|im_end|>1. too late, after the end token", "empty"),
    ("<|im_start|>assistant\n<|im_end|>", "empty"),
    (None, "non_text"),
    (b"1. PersonX wants to buy this because", "non_text"),
    ("\x00\x01\x02PK\x03\x04binary zip header", "non_text"),
    ("\ufffd\ufffd\ufffd\ufffd garbled \ufffd\ufffd", "non_text"),
]


@pytest.mark.parametrize(
    "parse",
    [
        lambda text: intentions_parse(text, prompt_text=KETTLE_PROMPT),
        lambda text: objectives_parse(text, prompt_text=GRILL_REVIEWS_PROMPT),
        lambda text: script_parse(text, prompt_text=GOAL_PROMPT),
        need_parse,
    ],
    ids=["intentions", "objectives", "scripts", "needs"],
)
@pytest.mark.parametrize("text,reason", ANSWER_LEVEL)
def test_every_stage_rejects_empty_and_binary_answers(parse, text, reason):
    assert rejected(parse, text).reason == reason


# --- intentions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,reason",
    [
        # The loop SmolLM2 falls into: the same line again and again.
        (
            "\n".join(f"{n}. {P} they want to boil water for tea" for n in range(1, 8)),
            "repetition_loop",
        ),
        (f"1. {P} they want want want want hot water\n" * 3, "repetition_loop"),
        (
            f"1. {P} it is the best kettle the best kettle the best kettle ever\n"
            f"2. {P} it boils the water the water the water so fast",
            "repetition_loop",
        ),
        # Too few: two good lines, nothing else wrong.
        (f"1. {P} they drink tea every morning\n2. {P} their old kettle broke", "wrong_count"),
        # Copies of the few-shot examples (another product's reasons).
        (
            f"1. {P} they want to save water for their vegetable garden\n"
            f"2. {P} their water bill goes up every summer\n"
            f"3. {P} their town bans sprinklers during droughts",
            "prompt_echo",
        ),
        # Copies of the prompt itself: labels, title, features.
        (KETTLE_PROMPT, "prompt_echo"),
        (
            "Product: Brewmaster Electric Kettle\nCategory: Home & Kitchen\n"
            "Description: A cordless kettle",
            "prompt_echo",
        ),
        (
            f"1. {P} it boils a full kettle of water in under five minutes\n"
            f"2. {P} a cordless kettle with a 360 degree swivel base and a soft-grip handle\n"
            f"3. {P} automatic shut-off and boil-dry protection",
            "prompt_echo",
        ),
        # Non-text: only punctuation, emoji, separators.
        ("!!!\n...\n🙂🙂🙂 🙂\n---\n1.\n2.", "empty"),
        # Code instead of reasons.
        (
            "```python\ndef reasons(product):\n    return [r for r in product.features]\n```",
            "bad_format",
        ),
        # Chatter and nothing else.
        ("Sure! Here are 10 reasons why PersonX would buy this:\nI hope this helps!", "chatter"),
        ("Here is the list you asked for:\n\nLet me know if you need more.", "chatter"),
        # Lines that are no reason at all.
        (
            f"1. {P}\n2. {P} it\n3. {P} it is\n4. PersonX wants to buy this for camping",
            "too_short",
        ),
        (
            "1. PersonX wants to buy this for the kitchen\n"
            "2. PersonX wants to buy this for their mother\n"
            "3. Great kettle, five stars\n4. Stainless steel body",
            "bad_format",
        ),
        (
            "\n".join(
                f"{n}. {P} they want a kettle " + " ".join(f"w{n}x{i}" for i in range(40))
                for n in range(1, 4)
            ),
            "too_long",
        ),
    ],
    ids=[
        "same-line-loop",
        "word-loop",
        "phrase-loop",
        "two-lines",
        "example-copy",
        "whole-prompt",
        "prompt-labels",
        "feature-copy",
        "punctuation-emoji",
        "code",
        "chatter-only",
        "chatter-heading-only",
        "no-reason-given",
        "not-reasons",
        "overlong",
    ],
)
def test_intentions_reject_bad_answers_with_their_reason(text, reason):
    error = rejected(intentions_parse, text, prompt_text=KETTLE_PROMPT)
    assert error.reason == reason, error


def test_intentions_rejection_detail_counts_the_drops():
    text = "\n".join(f"{n}. {P} they want to boil water for tea" for n in range(1, 6))
    error = rejected(intentions_parse, text, prompt_text=KETTLE_PROMPT)
    assert error.detail == "1 valid of 3 needed; dropped 3 repetition_loop, 1 duplicate"


def test_intentions_repair_numbering_bullets_chatter_and_prefix():
    text = "\n".join(
        [
            "Sure! Here are 10 reasons PersonX would buy this kettle:",
            "",
            f"1. {P} they want hot water for tea in the morning.",
            f"2) {P} their old kettle leaks on the counter",
            f"- {P} they need to boil water quickly before work",
            f"(4) **{P} they like a cordless kettle they can carry to the table**",
            f'5. "{P} the automatic shut-off makes them feel safe"',
            "6. Because they are tired of waiting for the stove",
            "7. They want a kettle that matches their steel toaster",
            "8. To make instant noodles at the office",
            "9. PersonX would like to purchase this item since their dorm has no stove",
            "#10 PersonX buys this because their tea needs water at the right temperature",
            "I hope this helps!",
        ]
    )
    parsed = intentions_parse(text, prompt_text=KETTLE_PROMPT)
    assert parsed.items == [
        f"{P} they want hot water for tea in the morning",
        f"{P} their old kettle leaks on the counter",
        f"{P} they need to boil water quickly before work",
        f"{P} they like a cordless kettle they can carry to the table",
        f"{P} the automatic shut-off makes them feel safe",
        f"{P} they are tired of waiting for the stove",
        f"{P} they want a kettle that matches their steel toaster",
        f"{P} they want to make instant noodles at the office",
        f"{P} their dorm has no stove",
        f"{P} their tea needs water at the right temperature",
    ]
    # The closing chatter comes after the tenth reason: it is dropped as an extra line.
    assert parsed.drop_counts() == {"chatter": 1, "extra": 1}


def test_intentions_drop_duplicates_near_empty_lines_and_extras():
    good = GOOD_REASONS
    text = "\n".join(
        [
            f"1. {good[0]}",
            f"2. {good[0].upper()}!",  # same words, other case and punctuation
            f"3. {P} they want the hot water for tea in morning",  # articles ignored
            "4.",
            "---",
            "...",
            f"5. {P} it is",
            f"6. {good[1]}",
            f"7. {good[2]}",
        ]
    )
    parsed = intentions_parse(text, prompt_text=KETTLE_PROMPT, want=10)
    assert parsed.items == good
    # The third copy of one line is a loop, not a mere duplicate.
    assert parsed.drop_counts() == {
        "duplicate": 1,
        "repetition_loop": 1,
        "blank": 3,
        "too_short": 1,
    }

    ten = [f"{P} they want reason number {word} for the kitchen" for word in "abcdefghijkl"]
    parsed = intentions_parse("\n".join(ten), prompt_text=KETTLE_PROMPT, want=10)
    assert parsed.items == ten[:10]
    assert parsed.drop_counts() == {"extra": 2}


def test_intentions_split_lines_that_ran_together_and_stop_at_the_end_token():
    good = GOOD_REASONS
    text = f"1. {good[0]} 2. {good[1]} {good[2]}<|im_end|>\n4. {P} they want something else"
    assert intentions_parse(text, prompt_text=KETTLE_PROMPT).items == good


def test_intentions_drop_a_last_line_cut_off_by_max_tokens():
    text = "\n".join([*GOOD_REASONS, f"4. {P} they want to bring it to their"])
    parsed = intentions_parse(text, prompt_text=KETTLE_PROMPT)
    assert parsed.items == GOOD_REASONS
    assert parsed.drop_counts() == {"truncated": 1}
    # The same words mid-answer are a complete (if odd) line; only the last line is suspect.
    text = "\n".join([f"1. {P} they want to bring it to their", *GOOD_REASONS])
    assert len(intentions_parse(text, prompt_text=KETTLE_PROMPT).items) == 4


def test_intentions_keep_a_short_verbatim_phrase_of_the_prompt():
    # "stainless steel" comes from the title; a real reason may mention it.
    text = "\n".join([*GOOD_REASONS, f"{P} they want a stainless steel kettle that lasts"])
    assert len(intentions_parse(text, prompt_text=KETTLE_PROMPT).items) == 4


# --- objectives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,reason",
    [
        ("I love this grill so much\nWe use it every weekend", "first_person"),
        ("This grill is great for summer\nThe lid is sturdy", "not_imperative"),
        ("grill\nburgers", "too_short"),
        ("host " + " ".join(f"word{i}" for i in range(30)), "too_long"),
        ("host a backyard barbecue for twelve friends", "prompt_echo"),  # the example's goal
        ("Product: Emberline 22-Inch Charcoal Kettle Grill", "prompt_echo"),
        ("Emberline 22-Inch Charcoal Kettle Grill", "prompt_echo"),  # the title again
        ("Keep the lid closed and the heat stays even for hours", "prompt_echo"),  # a review
        ("cook burgers cook burgers cook burgers for the team", "repetition_loop"),
        ("Sure, here are the goals:", "chatter"),
        ("?!?!\n😀😀", "empty"),
        ("cook burgers for the whole soccer team after the", "truncated"),
    ],
)
def test_objectives_reject_bad_answers_with_their_reason(text, reason):
    error = rejected(objectives_parse, text, prompt_text=GRILL_REVIEWS_PROMPT)
    assert error.reason == reason, error


def test_objectives_repair_review_phrasing_labels_and_case():
    text = "\n".join(
        [
            "Here are the goals:",
            "1. We wanted to feed the whole soccer team after a match.",
            "Goal: Smoke ribs low and slow on a weekend",
            "- To cook dinner outdoors for a large family. The grill was cheap",
            "4. throw a summer party in the garden",  # a fourth goal: beyond the maximum
        ]
    )
    parsed = objectives_parse(text, prompt_text=GRILL_REVIEWS_PROMPT)
    assert parsed.items == [
        "feed the whole soccer team after a match",
        "smoke ribs low and slow on a weekend",
        "cook dinner outdoors for a large family",
    ]
    assert parsed.drop_counts() == {"chatter": 1, "extra": 1}
    # An acronym keeps its capitals.
    assert objectives_parse("DIY a grill cart from old pallets").items == [
        "DIY a grill cart from old pallets"
    ]


# --- scripts ----------------------------------------------------------------------------------

BARBECUE_EXAMPLE = prompt_load("scripts").example_answers()[0]


@pytest.mark.parametrize(
    "text,reason",
    [
        ("1. Choose a campsite near the lake", "wrong_count"),
        ("1. Choose a campsite near the lake\n2. Pitch the tent on flat ground", "wrong_count"),
        (BARBECUE_EXAMPLE, "prompt_echo"),  # an example script copied whatever the goal
        (GOAL_PROMPT + "\nGoal: go camping", "prompt_echo"),
        (
            "1. Go camping by a lake with two children\n2. Pack the tent\n"
            "3. go camping by a lake with two children.",
            "prompt_echo",
        ),
        (
            "\n".join(f"{n}. Pack the tent and the sleeping bags" for n in range(1, 6)),
            "repetition_loop",
        ),
        ("1. Go\n2. Camp\n3. Swim\n4. Sleep", "too_short"),
        (
            "\n".join(
                f"{n}. Walk " + " ".join(f"far{n}x{i}" for i in range(30)) for n in (1, 2, 3)
            ),
            "too_long",
        ),
        ("Sure! Here is a script for your camping trip:\nI hope this helps!", "chatter"),
        ("1.\n2.\n3.\n---\n🏕️ 🏕️ 🏕️", "empty"),
        (
            "```python\nimport camping\ntrip = camping.Trip(lake='Tahoe', kids=2)\n"
            "trip.tent = camping.Tent(size=4)\nfor kid in trip.kids:\n"
            "    kid.pack(bag, snacks)\ntrip.start()\n```",
            "non_text",
        ),
    ],
    ids=[
        "one-step",
        "two-steps",
        "example-copy",
        "goal-echo",
        "goal-as-step",
        "same-step-loop",
        "one-word-steps",
        "overlong",
        "chatter-only",
        "punctuation-emoji",
        "code",
    ],
)
def test_scripts_reject_bad_answers_with_their_reason(text, reason):
    error = rejected(script_parse, text, prompt_text=GOAL_PROMPT)
    assert error.reason == reason, error


def test_scripts_repair_numbering_chatter_and_lines_run_together():
    text = "\n".join(
        [
            "Sure! Here is the plan:",
            "Step 1: choose a campsite near the lake.",
            "**2.** Pack the tent, sleeping bags and a first aid kit",
            "3) Drive to the campsite early in the morning 4. Pitch the tent on flat ground",
            "5.",
            "I hope you enjoy the trip!",
        ]
    )
    parsed = script_parse(text, prompt_text=GOAL_PROMPT)
    assert parsed.items == GOOD_STEPS
    assert parsed.drop_counts() == {"chatter": 2, "blank": 1}


def test_scripts_keep_ten_steps_and_end_where_the_model_starts_a_new_example():
    eleven = "\n".join(f"{n}. Walk to lake spot number {n}" for n in range(1, 12))
    parsed = script_parse(eleven, prompt_text=GOAL_PROMPT)
    assert parsed.items == [f"Walk to lake spot number {n}" for n in range(1, 11)]
    assert parsed.drop_counts() == {"extra": 1}

    restarted = "\n".join(f"{n}. {s}" for n, s in enumerate(GOOD_STEPS, 1))
    restarted += "\n1. Pick a date and invite friends\n2. Buy charcoal and buns"
    parsed = script_parse(restarted, prompt_text=GOAL_PROMPT)
    assert parsed.items == GOOD_STEPS
    assert parsed.drop_counts() == {"extra": 2}


def test_scripts_accept_one_everyday_step_shared_with_an_example():
    text = "\n".join(
        f"{n}. {s}"
        for n, s in enumerate(["Invite friends by text message", *GOOD_STEPS[:3]], start=1)
    )
    text = text.replace("Invite friends by text message", "Pick a date and invite friends")
    assert len(script_parse(text, prompt_text=GOAL_PROMPT).items) == 4


# --- purchase needs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Purchase: yes\nKeywords: none", "wrong_count"),  # SmolLM2 really answers this
        ("Purchase: yes", "wrong_count"),
        ("Purchase: yes\nGoal: host a party\nKeywords: balloons", "wrong_count"),
        ("Goal: go camping by a lake\nStep: Pack the tent", "prompt_echo"),
        ("maybe, it depends on the weather", "bad_format"),
        ("Sure! I can help with that.", "bad_format"),
        ("buy buy buy buy buy buy", "repetition_loop"),
        ("Purchase: yes\nKeywords: tent tent tent tent", "repetition_loop"),
        (
            "Purchase: yes\nKeywords: a very large tent for a family of four with two rooms",
            "too_long",
        ),
        ("def needs(step):\n    return True", "bad_format"),
        ("!!! ???", "bad_format"),
    ],
)
def test_needs_reject_bad_answers_with_their_reason(text, reason):
    assert rejected(need_parse, text).reason == reason


BBQ = ["charcoal", "hamburger buns", "cooler"]
CAMP = ["tent", "sleeping bag", "lantern"]
PITCH = ["tent", "stakes", "mallet", "rope"]  # duplicates dropped, at most 4 kept


@pytest.mark.parametrize(
    "text,needs,keywords",
    [
        ("Purchase: no\nKeywords: none", False, []),
        ("Purchase: no", False, []),
        ("No.", False, []),
        ("Purchase: yes\nKeywords: Charcoal, hamburger buns, cooler.", True, BBQ),
        ("Sure!\nPurchase: yes\nKeywords: tent; sleeping bag | lantern", True, CAMP),
        ("Step: Pack the tent\nPurchase: yes\nKeywords: tent", True, ["tent"]),
        ("yes - tent, sleeping bag", True, ["tent", "sleeping bag"]),
        ('**Purchase: Yes**\n- Keywords: "tent", Tent, stakes, mallet, rope, tarp', True, PITCH),
        ("Purchase: yes\nKeywords: tent\n\nGoal: next example\nPurchase: no", True, ["tent"]),
    ],
)
def test_needs_read_the_decision_and_clean_keywords(text, needs, keywords):
    answer = need_parse(text)
    assert (answer.needs_product, answer.keywords) == (needs, keywords)


def test_text_key_ignores_case_punctuation_and_articles():
    assert text_key("The Tent, a LANTERN!") == text_key("tent lantern")
    assert text_key("tent lantern") != text_key("tent lanterns")
