"""The bounded memory of recently used values (wirescope/recent.py) that long runs keep."""

from __future__ import annotations

from wirescope.recent import Recent


def test_the_least_recently_used_value_goes_first() -> None:
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # "a" is now the more recent of the two
    recent.put("c", 3)
    assert recent.get("b") is None
    assert (recent.get("a"), recent.get("c"), len(recent)) == (1, 3, 2)
