"""The library's shape: no import cycles, and an explorer layer of short declarations.

These are rules of the course's code (README, "Adding an explorer"), checked by reading the
source: an explorer is a short declaration over a module-level scene, and no module of calcopt
needs another that needs it back.
"""

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[1] / "lib" / "calcopt"
EXPLORE = LIBRARY / "explore"

#: Longest explorer declaration (a ``*_explorer`` function), in lines of code.
DECLARATION_LINES = 50
#: Longest function in the explorer layer, in lines of code.
FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(LIBRARY.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in LIBRARY.rglob("*.py")}


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """The calcopt modules a module imports, anywhere in it (also inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                target = f"{origin}.{alias.name}"
                found.add(target if target in known else origin)
    return {module for module in found if module in known and module != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_module_of_calcopt_imports_one_that_imports_it_back():
    """A package's __init__ may import its submodules; any other cycle is a design error."""
    known = modules()
    graph = {name: imported(path, known) for name, path in known.items()}
    for name in graph:  # a submodule importing its own package's __init__ is not a cycle
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    assert cycles(graph) == [], "import cycles: break them by moving the shared piece down"


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def code_lines(function: ast.FunctionDef, source: list[str]) -> int:
    """Lines of a function that hold code: not blank, not comments, not the docstring."""
    body = function.body
    start = body[0].end_lineno if ast.get_docstring(function) else function.lineno - 1
    lines = source[start : function.end_lineno]
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def explorer_functions() -> list[tuple[str, int, bool]]:
    found = []
    for path in sorted(EXPLORE.glob("*.py")):
        source = path.read_text().splitlines()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                declaration = node.name.endswith("_explorer")
                found.append((f"{path.name}:{node.name}", code_lines(node, source), declaration))
    return found


@pytest.mark.parametrize("where, lines, declaration", explorer_functions(), ids=lambda v: str(v))
def test_explorer_layer_functions_are_short(where, lines, declaration):
    limit = DECLARATION_LINES if declaration else FUNCTION_LINES
    kind = "an explorer declaration" if declaration else "a function of the explorer layer"
    assert lines <= limit, (
        f"{where} has {lines} lines of code; {kind} has at most {limit}: move computation into "
        "a module-level scene or into calcopt, and shared drawing into explore/panels.py"
    )
