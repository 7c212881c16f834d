"""The layout shows the architecture: no import cycles, and dependencies point down.

Every ``import`` in ``src/onestop`` counts — at module level, under ``TYPE_CHECKING``
and inside functions — so a cycle cannot hide behind a deferred import.
"""

import ast
from pathlib import Path

import pytest

from onestop import vietnam_calendar

SRC = Path(__file__).resolve().parents[1] / "src"


def module_name(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports():
    """Each onestop module and the onestop modules it imports, anywhere in its body."""
    modules = {module_name(path): path for path in SRC.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found.update(t for t in targets if t in modules and t != name)
        if path.name == "__init__.py" and name != "onestop":
            # A public package re-exports its private modules' names lazily (PEP 562):
            # it imports none of them when imported, so those are no dependency.
            found = {t for t in found if not t.startswith(name + ".")}
        graph[name] = found
    return graph


GRAPH = imports()


def test_there_is_no_import_cycle():
    state = {}
    path = []

    def visit(module):
        state[module] = "open"
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


#: The layers, lowest first; a module may import its own layer and the ones below.
LAYERS = [
    (
        "onestop._shown",
        "onestop.exceptions",
        "onestop._lazy",
        "onestop._file_io",
        "onestop._vietnamese_numbers",
        "onestop._exit_status",
    ),
    ("onestop.domain._validity", "onestop.domain._validators", "onestop.domain._enumeration"),
    ("onestop.domain.time",),
    ("onestop.domain.model", "onestop.domain._process"),
    ("onestop.rules",),
    ("onestop.national",),
    ("onestop.serialization", "onestop.settings"),
    ("onestop.catalogs",),
    ("onestop.events", "onestop.fees", "onestop.processes"),
    ("onestop.storage", "onestop.signing", "onestop.portal"),  # the adapters
    ("onestop.plugins",),  # the host and the built-in plugins tie the adapters together
    ("onestop.office", "onestop._office_commands"),
    ("onestop.cli", "onestop.testing", "onestop.demo"),
]


def layer_of(module):
    if module == "onestop":
        return len(LAYERS)  # the package only re-exports
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    pytest.fail(f"{module} belongs to no layer: add it to LAYERS")
    return None


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_dependencies_point_down(module):
    for target in GRAPH[module]:
        if target == "onestop":
            continue
        assert layer_of(target) <= layer_of(module), f"{module} imports {target}, a layer up"


def test_nothing_imports_the_testing_package_or_the_cli():
    # The demo is an application on top, like the CLI: it serves the stand-in portal and
    # signs with a throwaway certificate, both from onestop.testing.
    for module, targets in GRAPH.items():
        if module.startswith(("onestop.testing", "onestop.cli", "onestop.demo")):
            continue
        assert not {t for t in targets if t.startswith(("onestop.testing", "onestop.cli"))}


def test_the_national_calendar_is_built_once_and_shared():
    assert vietnam_calendar() is vietnam_calendar()
    assert vietnam_calendar(2020, 2030) is vietnam_calendar(2020, 2030)
    assert vietnam_calendar(culture_day=False) is not vietnam_calendar()


def test_only_local_time_reads_the_machines_clock():
    # Every "now" is Vietnam time: a bare datetime.now() is the machine's zone (an
    # explicit zone, as a certificate's UTC validity, is no local reading).
    readers = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"now", "today", "utcnow"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"datetime", "date"}
                and not node.args
                and not node.keywords
            ):
                readers.add(module_name(path))
    assert readers == {"onestop.domain.time._local_time"}
