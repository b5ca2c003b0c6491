"""Mutation testing for the pure modules buyers rely on: does any test notice a small change?

    .venv/bin/python scripts/mutate.py buyer_tools/pricing.py tests/test_pricing.py [more tests]
    .venv/bin/python scripts/mutate.py buyer_tools/fit.py tests/test_fit.py --list

Each mutant changes one thing in the module (flips a comparison, swaps an arithmetic or
boolean operator, moves a number by one, drops an `if` guard, swaps `min` and `max`), then
runs the given tests against it in a scratch copy of the project, so the checkout is never
touched. A mutant the tests fail on is killed; one they pass on survived, and each survivor
is either a behaviour no test holds or an equivalent mutant (the same behaviour written
differently). docs/mutation.md records the score and what survives.

A line ending in `# no mutate` is left alone (for logging, say). Nothing here is imported by
the site or the tests.
"""

from __future__ import annotations

import argparse
import ast
import copy
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMPARISONS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
ARITHMETIC = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
}
SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
}


@dataclass(frozen=True, slots=True)
class Mutant:
    number: int
    line: int
    change: str


# A mutation takes the node it applies to and returns its replacement.
Mutation = tuple[int, str, Callable[[ast.AST], ast.AST]]


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """Type annotations, docstrings and decorators (`dataclass(frozen=True)`): changing
    them changes no behaviour the tests could hold."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            annotations.append(node.returns)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            annotations.extend(node.decorator_list)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                annotations.append(body[0])
        for annotation in annotations:
            skipped.update(id(child) for child in ast.walk(annotation))
    return skipped


def _with_op(node: ast.AST, field: str, index: int | None, new_op: type) -> ast.AST:
    node = copy.copy(node)
    if index is None:
        setattr(node, field, new_op())
    else:
        ops = list(getattr(node, field))
        ops[index] = new_op()
        setattr(node, field, ops)
    return node


def _mutations(node: ast.AST) -> Iterator[tuple[str, Callable[[ast.AST], ast.AST]]]:
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            new = COMPARISONS[type(op)]
            yield (
                f"{SYMBOLS[type(op)]} → {SYMBOLS[new]}",
                lambda n, i=index, new=new: _with_op(n, "ops", i, new),
            )
    elif isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        new = ARITHMETIC[type(node.op)]
        yield (
            f"{SYMBOLS[type(node.op)]} → {SYMBOLS[new]}",
            lambda n, new=new: _with_op(n, "op", None, new),
        )
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        label = "and → or" if new is ast.Or else "or → and"
        yield label, lambda n, new=new: _with_op(n, "op", None, new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        yield f"drop {'not' if isinstance(node.op, ast.Not) else 'minus'}", lambda n: n.operand
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        yield f"{node.value} → {not node.value}", lambda n: ast.Constant(not n.value)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield f"{node.value} → {node.value + 1}", lambda n: ast.Constant(n.value + 1)
    elif isinstance(node, ast.If):
        yield "drop the if (its test → False)", lambda n: _replace_test(n)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("min", "max")
    ):
        other = "max" if node.func.id == "min" else "min"
        yield f"{node.func.id} → {other}", lambda n, other=other: _renamed_call(n, other)


def _replace_test(node: ast.If) -> ast.If:
    node = copy.copy(node)
    node.test = ast.Constant(False)
    return node


def _renamed_call(node: ast.Call, name: str) -> ast.Call:
    node = copy.copy(node)
    node.func = ast.Name(name, ast.Load())
    return node


def _sites(tree: ast.AST, source_lines: list[str]) -> Iterator[tuple[ast.AST, str, Callable]]:
    skipped = _annotation_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped or not hasattr(node, "lineno"):
            continue
        if source_lines[node.lineno - 1].rstrip().endswith("# no mutate"):
            continue
        for change, apply in _mutations(node):
            yield node, change, apply


def mutants(source: str) -> list[Mutant]:
    lines = source.splitlines()
    return [
        Mutant(number, node.lineno, change)
        for number, (node, change, _) in enumerate(_sites(ast.parse(source), lines))
    ]


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST):
        self.target, self.replacement = target, replacement

    def visit(self, node):
        if node is self.target:
            return self.replacement
        return super().visit(node)


def mutated_source(source: str, number: int) -> str:
    tree = ast.parse(source)
    node, _, apply = list(_sites(tree, source.splitlines()))[number]
    tree = _Replace(node, apply(node)).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


def _scratch_copy() -> Path:
    """The project's files (tracked, or new and not ignored) in a temporary folder."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    scratch = Path(tempfile.mkdtemp(prefix="mutate-"))
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, scratch / name)
    return scratch


def _run_tests(scratch: Path, tests: list[str], timeout: float) -> str:
    # `-m pytest` puts the working directory first on sys.path, so the scratch copy's
    # modules are imported, not the editable install's.
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        result = subprocess.run(command, cwd=scratch, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if result.returncode == 0 else "killed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="the module to mutate, e.g. buyer_tools/pricing.py")
    parser.add_argument("tests", nargs="*", help="the tests to run against each mutant")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run side by side")
    options = parser.parse_args()

    source = (ROOT / options.module).read_text()
    found = mutants(source)
    if options.list or not options.tests:
        for mutant in found:
            print(f"#{mutant.number:<4} line {mutant.line:<4} {mutant.change}")
        print(f"{len(found)} mutants in {options.module}")
        return 0

    scratches = [_scratch_copy() for _ in range(options.jobs)]
    try:
        started = time.monotonic()
        if _run_tests(scratches[0], options.tests, timeout=600) != "survived":
            print("The tests fail on the unchanged module: fix them first.")
            return 1
        timeout = max(60.0, 10 * (time.monotonic() - started))

        free = queue.SimpleQueue()
        for scratch in scratches:
            free.put(scratch)

        def run(mutant: Mutant) -> tuple[Mutant, str]:
            scratch = free.get()
            target = scratch / options.module
            target.write_text(mutated_source(source, mutant.number))
            try:
                return mutant, _run_tests(scratch, options.tests, timeout)
            finally:
                target.write_text(source)
                free.put(scratch)

        survivors = []
        with ThreadPoolExecutor(options.jobs) as pool:
            for mutant, outcome in pool.map(run, found):
                print(f"{outcome:<8} #{mutant.number:<4} line {mutant.line:<4} {mutant.change}")
                if outcome == "survived":
                    survivors.append(mutant)
        print()
        for mutant in sorted(survivors, key=lambda m: m.number):
            print(f"survived #{mutant.number:<4} line {mutant.line:<4} {mutant.change}")
        killed = len(found) - len(survivors)
        score = killed / len(found) if found else 1.0
        print(f"{options.module}: {killed} of {len(found)} mutants killed ({score:.0%})")
        return 0
    finally:
        for scratch in scratches:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
