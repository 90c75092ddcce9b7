"""Every public service function says who may call it, and the declarations are enforced."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import desktop.services
from desktop.services.access import Declaration


def service_modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.walk_packages(desktop.services.__path__, "desktop.services."):
        if info.name != "desktop.services.access":  # the declarations themselves
            found.append(importlib.import_module(info.name))
    return found


def undeclared() -> list[str]:
    missing = []
    for module in service_modules():
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue  # imported from elsewhere: declared (or not) where it lives
            if not isinstance(getattr(value, "__access__", None), Declaration):
                missing.append(f"{module.__name__}.{name}")
    return missing


def test_every_public_service_function_declares_who_may_call_it() -> None:
    assert len(service_modules()) > 15  # the walk really reaches the packages
    assert undeclared() == []


def test_the_walk_finds_a_function_that_declares_nothing(monkeypatch) -> None:
    from desktop.services import clients

    def export_everything(database, actor):
        return None

    export_everything.__module__ = clients.__name__
    monkeypatch.setattr(clients, "export_everything", export_everything, raising=False)
    assert undeclared() == ["desktop.services.clients.export_everything"]


def test_functions_that_touch_data_with_no_login_say_why() -> None:
    for module in service_modules():
        for name, value in vars(module).items():
            declaration = getattr(value, "__access__", None)
            if isinstance(declaration, Declaration) and not declaration.permissions:
                assert declaration.reason, f"{module.__name__}.{name}"
