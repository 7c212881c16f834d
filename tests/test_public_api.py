"""Public API discipline: explicit ``__all__`` everywhere, a docstring on every public name."""

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import onestop

#: Every module, private ones included: each has a docstring and an ``__all__``.
MODULES = sorted(name for _, name, _ in pkgutil.walk_packages(onestop.__path__, "onestop."))
#: The public homes: the modules and packages no part of whose name is private.
HOMES = [
    "onestop",
    *(name for name in MODULES if not any(p.startswith("_") for p in name.split("."))),
]


def public_members(module):
    return {
        name: obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and obj.__module__ == module.__name__
    }


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_a_docstring_and_all(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no docstring"
    if hasattr(module, "__path__") and not hasattr(module, "__all__"):
        return  # sub-packages without re-exports only describe themselves
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    assert set(public_members(module)) <= set(module.__all__), f"{name}.__all__ misses public names"
    for exported in module.__all__:
        assert hasattr(module, exported), f"{name}.__all__ names missing {exported}"


def test_the_package_reexports_exactly_its_all():
    # Names load on first use (PEP 562): every name of __all__ resolves, and nothing
    # else public is offered.
    for name in onestop.__all__:
        assert getattr(onestop, name) is not None
    offered = {name for name in dir(onestop) if not name.startswith("_")}
    helpers = {"annotations", "TYPE_CHECKING", "lazy_exports"}
    modules = {name for name in offered if inspect.ismodule(getattr(onestop, name, None))}
    assert offered - modules - helpers == set(onestop.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Nonexistent'"):
        _ = onestop.Nonexistent


def python(code):
    """What a fresh interpreter prints for ``code``."""
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def test_importing_onestop_loads_no_model_and_no_holidays():
    loaded = "sorted(m for m in sys.modules if m.startswith(('onestop.', 'holidays', 'cattrs')))"
    assert python(f"import sys, onestop; print({loaded})") == "['onestop._lazy']"
    calendar_only = "import sys; from onestop import Calendar; print('holidays' in sys.modules)"
    assert python(calendar_only) == "False"


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_has_a_docstring(name):
    module = importlib.import_module(name)
    for member_name, member in public_members(module).items():
        assert inspect.getdoc(member), f"{name}.{member_name} has no docstring"
        if inspect.isclass(member):
            for attr_name, attr in vars(member).items():
                if attr_name.startswith("_"):
                    continue
                function = attr.__func__ if isinstance(attr, (staticmethod, classmethod)) else attr
                if inspect.isfunction(function) or isinstance(function, property):
                    assert function.__doc__, f"{name}.{member_name}.{attr_name} has no docstring"


def test_every_exception_derives_from_the_root():
    for name in onestop.__all__:
        obj = getattr(onestop, name)
        if inspect.isclass(obj) and issubclass(obj, Exception):
            assert issubclass(obj, onestop.OneStopError)
            assert obj.__doc__


def test_the_testing_fakes_import_without_hypothesis():
    # `pip install "onestop[office]"` has no hypothesis: the office tutorial's fakes
    # (throwaway certificates, the stand-in portal, the in-memory sequence) still import.
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "from onestop.testing import InMemorySequence\n"
        "from onestop.testing.certificates import self_signed\n"
        "from onestop.testing.portal import StandInPortal\n"
        "try:\n"
        "    import onestop.testing.strategies\n"
        "except ImportError:\n"
        "    print('strategies need hypothesis')\n"
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "strategies need hypothesis"


def test_each_public_name_has_one_public_home():
    # Implementation modules are private; a public name is importable from one public
    # module. (The root exception is also in onestop itself, as STYLE.md decides.)
    homes = {}
    for home in HOMES:
        module = importlib.import_module(home)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, (str, int, bool, float, bytes, tuple, frozenset)):
                continue  # constants compare by value, not identity
            where = homes.setdefault(id(value), (name, []))[1]
            if home not in where:  # an old name kept as an alias is still one home
                where.append(home)
    twice = {name: where for name, where in homes.values() if len(where) > 1}
    assert twice == {"OneStopError": ["onestop", "onestop.exceptions"]}


@pytest.mark.parametrize("home", HOMES)
def test_every_name_a_public_home_exports_has_a_docstring(home):
    module = importlib.import_module(home)
    for name in getattr(module, "__all__", ()):
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{home}.{name} has no docstring"


def _documented_imports():
    """Every ``from onestop… import`` and ``import onestop…`` in docs/, examples/ and the README."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("docs/**/*.md"), *root.glob("examples/**/*.py"), root / "README.md"]
    pattern = re.compile(r"^(?:>>> |\.\.\. )?\s*(?:from|import) (onestop[\w.]*)", re.MULTILINE)
    for path in files:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(root).as_posix(), match.group(1)


def test_docs_and_examples_import_only_public_homes():
    found = sorted(set(_documented_imports()))
    assert len(found) > 40  # the pages do import a lot: the pattern still finds them
    private = [(where, module) for where, module in found if module not in HOMES]
    assert private == []


def _reference_targets():
    """The names the API reference and the hook reference document, by directive."""
    import re
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    pattern = re.compile(r"^\.\. auto(\w+):: (\S+)", re.MULTILINE)
    text = (docs / "api.rst").read_text(encoding="utf-8")
    text += (docs / "plugins" / "hooks.rst").read_text(encoding="utf-8")
    return [(kind, target) for kind, target in pattern.findall(text)]


def test_the_api_reference_names_only_public_homes():
    targets = _reference_targets()
    modules = {target for kind, target in targets if kind == "module"}
    assert modules <= set(HOMES)
    private = [target for _, target in targets if "._" in target or target.startswith("_")]
    assert private == []
    for kind, target in targets:
        if kind != "module":
            home, _, name = target.rpartition(".")
            assert home in HOMES, f"{target} is not documented at a public home"
            assert name in importlib.import_module(home).__all__, f"{home} does not export {name}"


def test_the_api_reference_documents_every_public_name():
    targets = _reference_targets()
    documented = {target for kind, target in targets if kind != "module"}
    hookspecs = "onestop.plugins.hookspecs"  # documented as a whole module, with :members:
    assert ("module", hookspecs) in targets
    homes = {target for kind, target in targets if kind == "module"} | {"onestop"}
    missing = [
        f"{home}.{name}"
        for home in HOMES
        if home != hookspecs and hasattr(importlib.import_module(home), "__all__")
        for name in importlib.import_module(home).__all__
        if f"{home}.{name}" not in documented
    ]
    assert missing == []
    assert set(HOMES) - homes - {"onestop.domain"} <= {hookspecs}


def test_output_cites_the_law_not_the_projects_own_notes():
    # Catalog notes, indicator sources and docstrings reach users (help(), reports, forms):
    # they name decrees, circulars and the portal, never this project's working notes.
    from pathlib import Path

    package = Path(onestop.__file__).parent
    words = ("brief", "shared/domain", "DESIGN.md", "STYLE.md", "procedures-sample")
    found = [
        f"{path.relative_to(package)}: {word}"
        for path in package.rglob("*")
        if path.suffix in {".py", ".json", ".j2", ".html", ".csv"}
        for word in words
        if word.lower() in path.read_text(encoding="utf-8").lower()
    ]
    assert found == []


def test_one_version_everywhere(capsys):
    import re
    from pathlib import Path

    from onestop.cli import main

    root = Path(__file__).resolve().parents[1]
    declared = re.search(
        r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(), re.MULTILINE
    )
    assert declared is not None
    assert onestop.__version__ == declared.group(1)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"onestop {onestop.__version__}"
    release = re.match(r"\d+\.\d+\.\d+", onestop.__version__).group(0)
    headings = re.findall(r"^## (\S+)", (root / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert headings[0] == release  # the newest entry is this version
    noted = {
        tuple(int(part) for part in found.split("."))
        for path in (root / "src" / "onestop").rglob("*.py")
        for found in re.findall(r"version(?:added|changed):: ([\d.]+)", path.read_text())
    }
    assert max(noted) <= tuple(int(part) for part in release.split("."))[: len(max(noted))]
