"""Comparing two readings of a watched part: pure functions."""

import difflib
import hashlib

from comparisons.validators import ignore_patterns


def unified_diff(old: str, new: str, *, context: int = 2) -> str:
    """The lines removed (-) and added (+), with `context` unchanged lines around each change."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), "before", "after", n=context, lineterm=""
    )
    return "\n".join(lines)


def settings_fingerprint(*, watch_url: str, watch_selector: str, watch_ignore: str) -> str:
    """Identifies what is watched: texts read with different settings are not compared.

    Editors changing the URL, the selector or the patterns get a new baseline, not a change.
    """
    key = "\n\x00".join([watch_url, watch_selector.strip(), *ignore_patterns(watch_ignore)])
    return hashlib.sha256(key.encode()).hexdigest()
