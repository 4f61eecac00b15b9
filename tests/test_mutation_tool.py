"""benchmarks/mutation.py itself: what it runs and what it leaves out must stay true as code moves."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
mutation = pytest.importorskip("mutation")
pytest.importorskip("mutmut")


def test_every_listed_equivalent_is_a_mutant_of_the_code_as_it_is() -> None:
    """An edit renumbers a function's mutants: a stale entry would excuse a different mutant, or
    none, without anyone seeing it. Each listed name must be one mutmut makes today, of a target."""
    current = {m for name in mutation.TARGETS for m in mutation.mutants_of(name)}
    stale = sorted(set(mutation.equivalents()) - current)
    assert not stale, "mutation-equivalent.txt names mutants that no longer exist:\n" + "\n".join(stale)


def test_a_sample_is_drawn_afresh_for_each_seed_and_again_for_the_same() -> None:
    mutants = [f"m.x_f__mutmut_{i}" for i in range(1, 501)]
    first = mutation.draw(mutants, 50, "abc:store")
    assert len(set(first)) == 50 and set(first) <= set(mutants)
    assert mutation.draw(mutants, 50, "abc:store") == first
    assert mutation.draw(mutants, 50, "abd:store") != first
    assert mutation.draw(mutants, 500, "abc:store") == mutants and mutation.draw(mutants, None, "x") == mutants


def test_leaving_a_drawn_mutant_out_changes_only_that_one() -> None:
    """A mutant newly listed as equivalent must not redraw the sample CI judges the module on."""
    mutants = [f"m.x_f__mutmut_{i}" for i in range(1, 501)]
    first = mutation.draw(mutants, 50, "abc:store")
    listed = first[7]
    again = mutation.draw([m for m in mutants if m != listed], 50, "abc:store")
    assert len(set(first) - set(again)) == 1 and listed not in again and len(again) == 50


def test_a_target_lists_only_its_own_functions_mutants() -> None:
    """validate.py is split by kind of rule: the groups share no mutant and leave none out (a new
    function of validate.py must join a group), `validate` is them all but personal data, and
    --only narrows one."""
    groups = [n for n in mutation.TARGETS if n.startswith("validate-")]
    seen: dict[str, str] = {}
    for name in groups:
        for mutant in mutation.mutants_of(name):
            assert mutant not in seen, f"{mutant} in {seen.get(mutant)} and {name}"
            seen[mutant] = name
    everything = set(mutation._generated("src/jiebang/checks/validate.py"))
    missed = sorted({m.split("__mutmut_")[0] for m in everything - set(seen)})
    assert not missed, f"functions of validate.py in no target (add each to a group of VALIDATE_GROUPS): {missed}"
    assert set(mutation.mutants_of("validate")) == set(seen) - set(mutation.mutants_of("validate-pii"))
    history = mutation.mutants_of("validate-lifecycle", ["_history"])
    assert history and all("x__history__mutmut_" in m for m in history)
