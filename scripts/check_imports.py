"""Fail on an import cycle among the project's own modules, or an import inside a function.

Every `import` statement counts, wherever it is: an import tucked into a function still ties
two modules together, and hiding one there is how a cycle survives unnoticed. Usage:
`python scripts/check_imports.py [ROOT]` (ROOT defaults to the repository); `make lint` runs it.
"""

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACKAGES = ["config", "partnerships", "budgets", "capacity", "feedback", "visibility"]


@dataclass
class ImportGraph:
    edges: dict[str, set[str]] = field(default_factory=dict)
    # (module, line, imported) for every import statement inside a function
    in_functions: list[tuple[str, int, str]] = field(default_factory=list)


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path) -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[_module_name(root, path)] = path
    return modules


def _longest_known(name: str, known: set[str]) -> str | None:
    """The longest project module a dotted name starts with: `a.b.C` is in module `a.b`."""
    parts = name.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts) if parts else None


def _targets(node, module: str, is_package: bool, known: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        # `from a import b`: module a.b if it is one, else a name defined in module a.
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
            for alias in node.names
        ]
    return {found for name in names if (found := _longest_known(name, known))}


def build_graph(root: Path) -> ImportGraph:
    modules = project_modules(root)
    known = set(modules)
    graph = ImportGraph()
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(), filename=str(path))
        targets = graph.edges.setdefault(module, set())
        functions = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        ]
        nested = {id(n) for f in functions for n in ast.walk(f) if n is not f}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            found = _targets(node, module, is_package, known) - {module}
            targets |= found
            if id(node) in nested:
                graph.in_functions.append(
                    (module, node.lineno, ", ".join(sorted(found)) or ast.unparse(node))
                )
    return graph


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Kosaraju: two depth-first
    passes, iterative so that a deep graph cannot overflow the stack)."""
    order, seen = [], set()
    for start in sorted(edges):
        _depth_first(start, edges, seen, order)
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    result, assigned = [], set()
    for start in reversed(order):
        component = []
        _depth_first(start, reverse, assigned, component)
        if len(component) > 1:
            result.append(sorted(component))
    return sorted(result)


def _depth_first(start: str, edges: dict[str, set[str]], seen: set[str], out: list[str]):
    """Append to `out` every node reached from `start` and not seen yet, in post-order."""
    if start in seen:
        return
    seen.add(start)
    stack = [(start, iter(sorted(edges.get(start, ()))))]
    while stack:
        node, targets = stack[-1]
        target = next((t for t in targets if t not in seen), None)
        if target is None:
            stack.pop()
            out.append(node)
        else:
            seen.add(target)
            stack.append((target, iter(sorted(edges.get(target, ())))))


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    graph = build_graph(root)
    problems = [f"import cycle: {' <-> '.join(c)}" for c in cycles(graph.edges)]
    problems += [
        f"import inside a function: {m}:{line} imports {target}"
        for m, line, target in graph.in_functions
    ]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
