"""Typed settings: the packaged settings.toml (each value with its reason), a user file over it.

    from wirescope.settings import load_settings
    settings = load_settings("my-settings.toml")   # or WIRESCOPE_SETTINGS, or none
    settings.places.support_km                     # 150.0, a float, checked at load

Every section is a frozen pydantic model: a value is read as an attribute, typed, never
changed in place. A changed copy is `settings.with_values("input", max_chars=1000)`. The
pipeline, the engines (which pickle settings to their workers), the store and the service
take a `Settings` as an argument; nothing reads a global. A key that does not exist, a
value of the wrong type or out of range is one `SettingsError` naming the file, the section
and the key, raised when the settings are loaded, before any document is read.

The values themselves live in settings.toml only, with the measurements behind them; the
models below say what each value is allowed to be.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

PACKAGED_PATH = Path(__file__).with_name("settings.toml")
# A user file named here overlays the packaged one when no file is given explicitly.
ENVIRONMENT_VARIABLE = "WIRESCOPE_SETTINGS"
# Set to 1, a pipeline built without `strict` raises a stage's unexpected exception (a bug)
# instead of reporting it as the document's failure: the tests, and `wirescope --strict`.
STRICT_VARIABLE = "WIRESCOPE_STRICT"

Count = Annotated[int, Field(ge=1)]
Size = Annotated[int, Field(ge=0)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Positive = Annotated[float, Field(gt=0.0)]
Weight = Annotated[float, Field(ge=0.0)]
# Dask's own duration and memory strings ("2s", "2GB"): Dask parses them.
DaskValue = Annotated[str, Field(min_length=1)]


class SettingsError(ValueError):
    """Settings that cannot be used: the message names the file, the section and the key."""


class Section(BaseModel):
    # strict: TOML is typed, so "6" where a number belongs is a mistake, not a number.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class InputSettings(Section):
    max_chars: Count
    title_max_words: Count
    binary_control_share: Share
    max_file_bytes: Count


class NlpSettings(Section):
    batch_size: Count


class LanguageSettings(Section):
    sample_chars: Count
    min_probability: Share
    min_chars: Size


class IngestSettings(Section):
    copy_threshold: Share
    copy_shingle_words: Count
    copy_permutations: Count
    copy_containment: Share
    copy_candidate: Share
    html_include_comments: bool
    html_include_tables: bool
    html_favor_precision: bool
    html_favor_recall: bool
    html_fast: bool
    max_html_chars: Count
    headline_min_words: Count
    headline_similarity: Share
    fetch_user_agent: Annotated[str, Field(min_length=1)]
    fetch_connect_timeout: Positive
    fetch_read_timeout: Positive
    fetch_retries: Size
    fetch_backoff: Weight
    fetch_host_interval: Weight
    fetch_max_bytes: Count


class ServiceSettings(Section):
    host: Annotated[str, Field(min_length=1)]
    port: Annotated[int, Field(ge=0, le=65535)]
    max_body_bytes: Count
    max_page_size: Count
    max_search_results: Count


class EventsSettings(Section):
    telling_sentences: Count
    recent_days: Size
    follow_up_sentences: Size


class EventDetectionSettings(Section):
    title_bonus: Weight
    lead_bonus: Weight
    main_verb_bonus: Weight
    argument_bonus: Weight
    near_sentences: Size
    theme_sentences: Count


class EngineSettings(Section):
    workers: Count
    task_documents: Count
    parse_documents: Count
    tasks_ahead: Size
    dask_tick_interval: DaskValue
    dask_monitor_interval: DaskValue
    partition_documents: Count
    worker_memory: DaskValue


class PlacesSettings(Section):
    max_name_tokens: Count
    min_population_untagged: Size
    min_population_over_person: Size
    min_population_in_tagged: Size
    first_name_max_population: Size
    small_town_population: Size
    support_km: Positive
    sport_cues: Count
    min_population_big: Size
    country_prior: float
    region_prior: float
    curated_prior: float
    admin1_prior: float
    admin1_population_weight: Weight
    admin2_prior: float
    capital_bonus: Weight
    alternate_name_penalty: Weight
    same_name_town_bonus: Weight
    qualifier_bonus: Weight
    qualifier_penalty: Weight
    candidates_per_name: Count
    same_country_bonus: Weight
    same_admin1_bonus: Weight
    nearby_bonus: Weight
    near_km: Positive
    far_km: Positive
    near_votes: Count
    in_country_bonus: Weight
    in_admin1_bonus: Weight
    sibling_admin1_bonus: Weight
    reading_discount: Weight
    max_support: Weight
    dateline_weight: Weight


class StoreSettings(Section):
    batch_size: Count
    opening_chars: Count
    same_place_km: Positive
    same_event_share: Share
    date_window_days: Size
    date_penalty: Share
    type_penalty: Share
    place_far_km: Positive
    place_penalty: Share
    actor_bonus: Weight
    join_threshold: Share
    link_threshold: Share
    candidate_days: Size
    copy_memory: Count
    copy_days: Count
    feature_memory: Count


class FurnitureSettings(Section):
    line_max_words: Count
    caption_max_words: Count
    title_extra_words: Size
    repeat_documents: Count
    copy_share: Share
    repeat_memory: Count


class Settings(Section):
    """Every tunable value of wirescope, one model per section of settings.toml."""

    input: InputSettings
    nlp: NlpSettings
    language: LanguageSettings
    ingest: IngestSettings
    service: ServiceSettings
    events: EventsSettings
    event_detection: EventDetectionSettings
    engine: EngineSettings
    places: PlacesSettings
    store: StoreSettings
    furniture: FurnitureSettings

    def with_values(self, section: str, **values: Any) -> Settings:
        """A copy with some values of one section replaced, checked as a file's would be."""
        data = self.model_dump()
        if section not in data:
            raise SettingsError(f"no settings section [{section}]")
        data[section].update(values)
        return _validated(data, "overrides")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise SettingsError(f"settings {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"settings {path}: not TOML ({error})") from None


def _overlay(base: dict[str, Any], user: dict[str, Any], origin: str) -> dict[str, Any]:
    """The user file's values over the packaged ones, section by section."""
    merged = {name: dict(values) for name, values in base.items()}
    for name, values in user.items():
        if not isinstance(values, dict):
            raise SettingsError(f"settings {origin}: {name} = {values!r} is not a [section]")
        if name not in merged:
            raise SettingsError(f"settings {origin}: unknown section [{name}]")
        merged[name].update(values)
    return merged


def _problem(error: dict[str, Any]) -> str:
    where = error["loc"]
    place = f"[{where[0]}] {'.'.join(map(str, where[1:]))}".strip() if where else "file"
    if error["type"] == "extra_forbidden":
        return f"{place}: unknown setting"
    if error["type"] == "missing":
        return f"{place}: missing"
    return f"{place} = {error['input']!r}: {error['msg'].lower()}"


def _validated(data: dict[str, Any], origin: str) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(_problem(dict(item)) for item in error.errors())
        raise SettingsError(f"settings {origin}: {problems}") from None


def load_settings(path: str | Path | None = None) -> Settings:
    """The packaged settings, overlaid by `path` (else the file WIRESCOPE_SETTINGS names)."""
    data = _read_toml(PACKAGED_PATH)
    origin = str(PACKAGED_PATH)
    user = path if path is not None else os.environ.get(ENVIRONMENT_VARIABLE) or None
    if user is not None:
        origin = str(user)
        data = _overlay(data, _read_toml(Path(user)), origin)
    return _validated(data, origin)


@cache
def default_settings() -> Settings:
    """What a caller that passes no settings gets: loaded once a process."""
    return load_settings()


def resolved(settings: Settings | None) -> Settings:
    """The settings a caller passed, else the defaults (library calls that pass none)."""
    return settings if settings is not None else default_settings()
