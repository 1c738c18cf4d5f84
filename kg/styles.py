"""How each class and relation looks (Chinese name, colour, shape), read from `kg/templates/styles.json`:
one palette for the overview and the network exports."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def _styles() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("kg.templates").joinpath("styles.json").read_text(encoding="utf-8"))
    return data


def class_styles() -> dict[str, dict[str, str]]:
    """Class local name → {"zh", "color", "shape"}."""
    return dict(_styles()["classes"])


def community_colours() -> list[str]:
    return list(_styles()["communities"])


def relation_names() -> dict[str, str]:
    """Relation local name → its Chinese name."""
    return dict(_styles()["relations"])
