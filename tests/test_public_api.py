"""Public API discipline: explicit ``__all__`` everywhere, a docstring on every public name."""

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import onestop

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(onestop.__path__, "onestop.")
    if not any(part.startswith("_") for part in name.split("."))
)


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
    helpers = {"annotations", "TYPE_CHECKING", "Any", "importlib"}
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
    assert python(f"import sys, onestop; print({loaded})") == "[]"
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
        "import onestop.testing as t\n"
        "try:\n"
        "    t.dossiers\n"
        "except ImportError:\n"
        "    print('strategies need hypothesis')\n"
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "strategies need hypothesis"
