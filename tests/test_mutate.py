"""The mutation script's mutants (the script itself is run by hand: docs/mutation.md)."""

import importlib.util
import sys
from pathlib import Path

# scripts/ is scripts, not a package.
_spec = importlib.util.spec_from_file_location(
    "mutate_script", Path(__file__).resolve().parent.parent / "scripts" / "mutate.py"
)
mutate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = mutate  # dataclasses look their module up there
_spec.loader.exec_module(mutate)

SOURCE = '''\
"""Docstring: never mutated."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    amount: int = 0


def total(prices: list[int], users: int) -> int:
    if users < 1:
        return 0
    return min(prices) * users + 1  # no mutate
'''


def test_each_operator_constant_guard_and_call_is_a_mutant():
    changes = {(m.line, m.change) for m in mutate.mutants(SOURCE)}
    assert changes == {
        (7, "0 → 1"),
        (11, "drop the if (its test → False)"),
        (11, "< → <="),
        (11, "1 → 2"),
        (12, "0 → 1"),
    }


def test_a_mutant_changes_only_its_own_node():
    numbered = {m.change: m.number for m in mutate.mutants(SOURCE)}
    changed = mutate.mutated_source(SOURCE, numbered["< → <="])
    assert "if users <= 1:" in changed
    assert "return 0" in changed
    assert "dataclass(frozen=True)" in changed
