"""The offline gazetteer: built from the installed packages and our curated tables."""

from __future__ import annotations

from wirescope.gazetteer import is_place_name
from wirescope.gazetteer.build import CURATED, EXACT, index_path
from wirescope.gazetteer.index import Candidate, candidates
from wirescope.geodesy import distance_km
from wirescope.lexicon import table


def only(key: str, kind: str, country: str | None = None) -> Candidate:
    found = [
        c
        for c in candidates([key]).get(key, [])
        if c.kind == kind and (country is None or c.country == country)
    ]
    assert len(found) == 1, found
    return found[0]


def test_the_index_is_a_cached_file_named_by_its_sources() -> None:
    candidates(["iraq"])
    path = index_path()
    assert path.is_file() and path.suffix == ".sqlite"
    assert path.stat().st_size < 300 * 1024 * 1024


def test_countries_sit_at_their_centre_not_their_capital() -> None:
    iraq = only("iraq", "country")
    assert iraq.country == "IQ" and iraq.geonameid is not None
    assert distance_km(iraq.lat or 0, iraq.lon or 0, 33.0, 44.0) < 50
    russia = only("russia", "country")
    assert distance_km(russia.lat or 0, russia.lon or 0, 55.75, 37.62) > 1000  # not Moscow


def test_cities_carry_their_subdivision_and_population() -> None:
    baghdad = only("baghdad", "city", "IQ")
    assert baghdad.population > 1_000_000
    assert baghdad.admin1 and "Baghdad" in baghdad.admin1
    alexandria = [c for c in candidates(["alexandria"])["alexandria"] if c.country == "US"]
    assert {"Virginia", "Louisiana"} <= {c.admin1 for c in alexandria}


def test_us_counties_and_states_with_their_abbreviations() -> None:
    county = only("rapides parish", "admin2", "US")
    assert county.admin1 == "Louisiana"
    assert distance_km(county.lat or 0, county.lon or 0, 31.17, -92.48) < 60
    kentucky = only(EXACT + "Ky.", "admin1", "US")
    assert kentucky.name == "Kentucky"
    assert "ky" not in candidates(["ky"]) or all(
        c.kind != "admin1" for c in candidates(["ky"])["ky"]
    )


def test_curated_landmarks_have_their_own_point_and_city() -> None:
    zone = only("green zone", "landmark", "IQ")
    assert zone.parent == "Baghdad" and zone.admin1 and "Baghdad" in zone.admin1
    assert distance_km(zone.lat or 0, zone.lon or 0, 33.3076, 44.3903) < 1
    gaza = only("gaza strip", "region", "PS")
    assert gaza.lat is not None


def test_world_regions_and_continents() -> None:
    assert only("middle east", "region").lat is not None
    assert only("north africa", "region").lat is not None
    assert only("africa", "region").geonameid == 6255146


def test_accents_and_spelling_variants_meet() -> None:
    assert candidates(["sao paulo"])["sao paulo"][0].country == "BR"
    assert "khan younis" in candidates(["khan younis"])


def test_is_place_name_still_answers_the_entities_stage() -> None:
    assert is_place_name("Khan Younis")
    assert is_place_name("Iraq")
    assert not is_place_name("Mustafa al-Kadhimi")
    assert is_place_name("Texas") and is_place_name("El Fasher")
    # Airport codes among a city's alternate names are no place names: "EPA" is an agency.
    assert not is_place_name("EPA") and not is_place_name("GOP")


def test_capitals_are_marked_once_per_country() -> None:
    capitals = [c for c in candidates(["washington"])["washington"] if c.capital]
    assert [(c.country, c.admin1) for c in capitals] == [("US", "Washington, D.C.")]
    assert only("baghdad", "city", "IQ").capital
    assert not only("basra", "city", "IQ").capital


def test_counties_answer_to_their_bare_name_as_an_alternate() -> None:
    bare = [c for c in candidates(["vanderburgh"])["vanderburgh"] if c.kind == "admin2"]
    assert [(c.name, c.admin1, c.own) for c in bare] == [("Vanderburgh County", "Indiana", False)]
    assert only("rapides parish", "admin2", "US").own


def test_the_curated_table_covers_todays_conflict_zones() -> None:
    rows = [row for name in CURATED for row in table(name)]
    assert len(rows) >= 300
    for row in rows:
        name, kind, lat, lon = row[:4]
        assert kind in {"region", "landmark", "locality", "city", "admin2"}, name
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
    dam = only("kakhovka dam", "landmark", "UA")
    assert dam.parent == "Nova Kakhovka"
    assert distance_km(dam.lat or 0, dam.lon or 0, 46.78, 33.37) < 1
    squares = {c.country for c in candidates(["tahrir square"])["tahrir square"]}
    assert squares == {"IQ", "EG"}  # one name, two squares: context decides


def test_vast_subdivisions_sit_in_their_middle_not_among_their_towns() -> None:
    ontario = only("ontario", "admin1", "CA")
    assert distance_km(ontario.lat or 0, ontario.lon or 0, 43.65, -79.38) > 600  # not Toronto
    assert 47 < (ontario.lat or 0) < 52
    texas = only("texas", "admin1", "US")  # compact enough: its towns' middle stands
    assert distance_km(texas.lat or 0, texas.lon or 0, 31.5, -99.3) < 200


def test_a_landmark_takes_the_subdivision_of_the_nearest_city_of_its_parents_name() -> None:
    # The Pentagon lies in Arlington, Virginia, not the larger Arlington, Texas.
    assert only("pentagon", "landmark", "US").admin1 == "Virginia"


def test_english_counties_are_subdivisions_of_england() -> None:
    shire = [c for c in candidates(["cambridgeshire"]).get("cambridgeshire", [])]
    assert [(c.kind, c.country, c.admin1) for c in shire] == [("admin2", "GB", "England")]
    yorkshire = {c.country for c in candidates(["yorkshire"]).get("yorkshire", [])}
    assert "GB" in yorkshire
