"""The relevance benchmark's bookkeeping: needs split into sets, figures per set, the
cross-validated choice of a ranking setting."""

from bench.relevance.metrics import by_set, evaluate, load_grades, load_needs, render_sets
from bench.relevance.tune import cross_validate


def test_every_need_is_in_one_set_and_the_held_out_needs_are_judged():
    needs = load_needs()
    assert {n["set"] for n in needs} == {"tuning", "heldout"}
    held_out = load_needs("heldout")
    assert len(held_out) >= 30
    grades = load_grades()
    for need in held_out:
        graded = grades.get(need["id"], {})
        assert len(graded) >= 10, need["id"]  # pooled at depth 15 from every engine


def test_figures_are_reported_per_set():
    needs = [
        {"id": "a", "set": "tuning"},
        {"id": "b", "set": "heldout"},
        {"id": "c", "set": "heldout"},
    ]
    grades = {"a": {"x": 2}, "b": {"y": 2}, "c": {"z": 2}}
    ranked = {"engine": {"a": ["x"], "b": ["y"], "c": ["nothing"]}}
    means = by_set(evaluate(ranked, grades), needs)
    assert means["tuning"]["engine"]["ndcg"] == 1.0
    assert means["heldout"]["engine"]["ndcg"] == 0.5
    assert means["heldout"]["engine"]["needs"] == 2
    assert "heldout (2 needs)" in render_sets(means)


def test_the_setting_is_chosen_on_the_tuning_set_and_scored_on_the_other():
    needs = [{"id": f"t{i}", "set": "tuning"} for i in range(5)]
    needs += [{"id": f"h{i}", "set": "heldout"} for i in range(5)]
    # Setting "fits" is best on the tuning needs only; "general" is good everywhere.
    per_need = {
        ("fits",): {**{f"t{i}": 1.0 for i in range(5)}, **{f"h{i}": 0.2 for i in range(5)}},
        ("general",): {**{f"t{i}": 0.9 for i in range(5)}, **{f"h{i}": 0.9 for i in range(5)}},
    }
    text = cross_validate(per_need, needs, "tuning")
    assert "('fits',); on the other needs it scores 0.200" in text
    # Each fifth of all needs is scored by the setting best on the rest: "general" wins
    # whenever held-out needs dominate the rest, so the estimate lies between the two.
    estimate = float(text.rsplit(": ", 1)[1].rstrip("."))
    assert 0.2 < estimate < 1.0
