"""The paper's scoring, on a case small enough to compute by hand.

Step s = (1, 0). Each product has two unit intention vectors; its score is the average of their
cosines with s, i.e. the average of their first coordinates:

    A: (1, 0), (0.6, 0.8)         -> (1 + 0.6) / 2   = 0.80
    B: (0.8, 0.6), (0.8, -0.6)    -> (0.8 + 0.8) / 2 = 0.80   (ties with A)
    C: (0.6, 0.8), (0, 1)         -> (0.6 + 0) / 2   = 0.30
    D: (0.6, 0.8), (0.6, -0.8)    -> 0.60
    E: (0.28, 0.96), (0.6, 0.8)   -> (0.28 + 0.6) / 2 = 0.44  (just under 0.45)
    F: (0.6, 0.8), (0.3, 0.95394) -> (0.6 + 0.3) / 2 = 0.45  (exactly the threshold)
"""

import math

import numpy as np
import pytest

from pipeline.alignment.scoring import THRESHOLD, TOP_K, intention_vector, top_matches

INTENTIONS = {
    "A": [(1, 0), (0.6, 0.8)],
    "B": [(0.8, 0.6), (0.8, -0.6)],
    "C": [(0.6, 0.8), (0, 1)],
    "D": [(0.6, 0.8), (0.6, -0.8)],
    "E": [(0.28, 0.96), (0.6, 0.8)],
    "F": [(0.6, 0.8), (0.3, math.sqrt(1 - 0.09))],
}
STEP = np.array([[1.0, 0.0]], dtype=np.float32)


def products(order="ABCDEF"):
    return list(order), np.stack(
        [intention_vector(np.array(INTENTIONS[name], dtype=np.float32)) for name in order]
    )


def named(result, names):
    return [(names[row], round(score, 6)) for row, score in result]


def test_the_paper_defaults():
    assert TOP_K == 3 and THRESHOLD == 0.45


def test_score_is_the_average_cosine_over_the_intentions():
    names, matrix = products()
    [result] = top_matches(STEP, matrix, k=6, threshold=-1)
    assert dict(named(result, names)) == {
        "A": 0.8,
        "B": 0.8,
        "D": 0.6,
        "F": 0.45,
        "E": 0.44,
        "C": 0.3,
    }


def test_intention_vector_is_the_mean_not_renormalised():
    vector = intention_vector(np.array(INTENTIONS["D"], dtype=np.float32))
    assert vector.tolist() == pytest.approx([0.6, 0.0])  # length 0.6, not 1


def test_top_three_at_or_above_threshold_ties_to_the_lower_row():
    names, matrix = products()
    [result] = top_matches(STEP, matrix)
    assert named(result, names) == [("A", 0.8), ("B", 0.8), ("D", 0.6)]


def test_a_score_of_exactly_the_threshold_is_kept_and_just_under_is_not():
    names, matrix = products()
    [result] = top_matches(STEP, matrix, k=10)
    assert named(result, names) == [("A", 0.8), ("B", 0.8), ("D", 0.6), ("F", 0.45)]


def test_fewer_than_three_above_the_threshold():
    names, matrix = products()
    [result] = top_matches(STEP, matrix, threshold=0.7)
    assert named(result, names) == [("A", 0.8), ("B", 0.8)]


def test_none_above_the_threshold():
    _, matrix = products()
    assert top_matches(STEP, matrix, threshold=0.9) == [[]]


@pytest.mark.parametrize("order, winner", [("ABCDEF", "A"), ("BACDEF", "B")])
def test_a_tie_at_the_cut_goes_to_the_lower_row(order, winner):
    names, matrix = products(order)
    [result] = top_matches(STEP, matrix, k=1)
    assert named(result, names) == [(winner, 0.8)]
    [narrowed] = top_matches(STEP, matrix, k=1, candidate_rows=[np.arange(6)[::-1]])
    assert named(narrowed, names) == [(winner, 0.8)]


def test_narrowed_candidates_are_the_only_ones_scored():
    names, matrix = products()
    rows = np.array([names.index("C"), names.index("D"), names.index("F")])
    [result] = top_matches(STEP, matrix, candidate_rows=[rows])
    assert named(result, names) == [("D", 0.6), ("F", 0.45)]
    assert top_matches(STEP, matrix, candidate_rows=[np.array([], dtype=np.int64)]) == [[]]


def test_product_blocks_give_the_same_answer_as_one_index():
    rng = np.random.default_rng(7)
    steps = rng.normal(size=(40, 16)).astype(np.float32)
    steps /= np.linalg.norm(steps, axis=1, keepdims=True)
    prods = rng.normal(size=(500, 16)).astype(np.float32)
    prods /= np.linalg.norm(prods, axis=1, keepdims=True)
    whole = top_matches(steps, prods, threshold=0.3)
    blocked = top_matches(steps, prods, threshold=0.3, product_block=37)
    assert whole == blocked
    # The faiss search is exact: the same as brute force with numpy.
    scores = steps @ prods.T
    for i, matches in enumerate(whole):
        expected = [j for j in np.argsort(-scores[i], kind="stable")[:3] if scores[i, j] >= 0.3]
        assert [row for row, _ in matches] == expected
        assert [s for _, s in matches] == pytest.approx([scores[i, j] for j in expected], abs=1e-6)


def test_a_product_without_intentions_has_no_vector():
    with pytest.raises(ValueError):
        intention_vector(np.zeros((0, 2), dtype=np.float32))
