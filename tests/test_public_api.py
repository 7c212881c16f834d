"""Public API discipline: explicit ``__all__`` everywhere, a docstring on every public name."""

import importlib
import inspect
import pkgutil

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
    reexported = {name for name in vars(onestop) if not name.startswith("_")}
    modules = {name for name in reexported if inspect.ismodule(getattr(onestop, name))}
    assert reexported - modules == set(onestop.__all__)


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
