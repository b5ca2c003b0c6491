"""The reads behind a team's must-haves, shaped for the pure modules (pricing, series).

Pages and API views both call this, so a cost says the same everywhere.
"""

from collections.abc import Sequence
from typing import Any

from comparisons import selectors

from .pricing import MustHave, must_haves


def team_must_haves(*, vendors: Sequence[Any], features: Sequence[Any]) -> tuple[MustHave, ...]:
    """The needed features with what the vendors' data says of each (1 query, none without)."""
    return must_haves(features, selectors.needed_availabilities(vendors=vendors, features=features))
