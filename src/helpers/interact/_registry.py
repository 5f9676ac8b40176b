"""데모 등록부: ``@register_demo("이름")`` 으로 등록한 데모를 벤치마크와 공통 시험이 모두 돈다."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .demo import Demo

__all__ = ["DEMOS", "load_all_demos", "register_demo"]

DEMOS: dict[str, Callable[[], Demo]] = {}


def register_demo(name: str):
    """데모를 만드는 함수를 이름으로 등록하는 데코레이터. 벤치마크와 일반 시험이 DEMOS 를 돈다."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"name: expected a non-empty string, got {name!r}")

    def deco(factory):
        old = DEMOS.get(name)
        key = (factory.__module__, factory.__qualname__)
        if old is not None and (old.__module__, old.__qualname__) != key:
            raise ValueError(
                f"name: demo {name!r} is already registered by {old.__module__}.{old.__qualname__}"
            )
        DEMOS[name] = factory
        factory.demo_name = name
        return factory

    return deco


def load_all_demos() -> dict[str, Callable[[], Demo]]:
    """helpers.interact 아래 모든 모듈을 불러와 등록된 데모 전부를 (이름 순서로) 돌려준다."""
    import helpers.interact as pkg

    for mod in pkgutil.iter_modules(pkg.__path__, prefix=pkg.__name__ + "."):
        importlib.import_module(mod.name)
    return dict(sorted(DEMOS.items()))
