"""The project's own modules import each other without a cycle and never from inside a
function (scripts/check_imports.py; `make lint` runs it too)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("check_imports", ROOT / "scripts/check_imports.py")
check_imports = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_imports)


def test_no_import_cycle_and_no_import_inside_a_function():
    graph = check_imports.build_graph(ROOT)
    assert "partnerships.notify" in graph.edges  # the walk really found the project
    assert check_imports.cycles(graph.edges) == []
    assert graph.in_functions == []


def test_the_check_sees_a_cycle_hidden_in_a_function(tmp_path):
    """The shape the old code had: notify → tasks at the top, tasks → notify in a function."""
    package = tmp_path / "partnerships"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "notify.py").write_text("from .tasks import send\n")
    (package / "tasks.py").write_text("def send():\n    from . import notify\n")
    graph = check_imports.build_graph(tmp_path)
    assert check_imports.cycles(graph.edges) == [["partnerships.notify", "partnerships.tasks"]]
    assert graph.in_functions == [("partnerships.tasks", 2, "partnerships.notify")]
