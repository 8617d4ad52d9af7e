"""The command line: a thin layer over the library (pipeline, readers, record, summary).

Exit status: 0 when every document succeeded, 1 when some failed, 2 for usage errors.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from wirescope.engine.errors import EngineError
from wirescope.ingest.document import DocumentError
from wirescope.record import Report, json_schema
from wirescope.settings import (
    ENVIRONMENT_VARIABLE,
    STRICT_VARIABLE,
    Settings,
    SettingsError,
    load_settings,
)

if TYPE_CHECKING:  # the pipeline (spaCy) loads only in the commands that extract
    from wirescope.pipeline import Result

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="wirescope: what happened and who said what, with evidence, from news reports.",
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


@app.callback()
def main_options(
    context: typer.Context,
    settings: Annotated[
        Path | None,
        typer.Option(
            "--settings",
            help=f"A TOML file of settings over the packaged ones (else ${ENVIRONMENT_VARIABLE}).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            help="Stop at a stage's unexpected error (a bug) instead of failing the document."
        ),
    ] = False,
) -> None:
    """wirescope: what happened and who said what, with evidence, from news reports."""
    try:
        loaded = load_settings(settings)
    except SettingsError as error:  # before any document: one line naming the key, exit 2
        errors.print(f"error: {error}")
        raise typer.Exit(EXIT_USAGE) from None
    # Commands pass the settings on explicitly (to the engines, their workers, the store); the
    # environment only makes the defaults of this process and its workers agree with them.
    if settings is not None:
        os.environ[ENVIRONMENT_VARIABLE] = str(settings.resolve())
    if strict:
        os.environ[STRICT_VARIABLE] = "1"
    context.obj = loaded


def _settings(context: typer.Context) -> Settings:
    settings: Settings = context.obj
    return settings


def _report_error(error: DocumentError) -> None:
    errors.print(f"[red]error[/red] {error.origin}: {error.reason}", markup=True)


def _report_warnings(record: Report, origin: str) -> None:
    for warning in record.warnings:
        errors.print(f"[yellow]warning[/yellow] {origin}: {warning}", markup=True)


def _with_progress(results: Iterator[Result], total: int | None) -> Iterator[Result]:
    """A progress bar on a terminal; nothing at all when stderr is a pipe or a file."""
    if not errors.is_terminal:
        yield from results
        return
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("extract", total=total)
        for result in results:
            progress.advance(task)
            yield result


# The batch engine's options, shared by `extract` and `ingest`.
EngineOption = Annotated[
    str, typer.Option(help="local: processes on this machine; dask: a Dask cluster.")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="Dask scheduler address (tcp://host:8786); none: a LocalCluster."),
]


@app.command("extract")
def extract_command(
    context: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Documents: .txt (first line the title), .jsonl, .html/.htm, RSS/Atom feeds "
            "(.rss, .atom, .xml), .warc crawls, each also .gz; folders (recursive); http(s) "
            "URLs; or - for stdin."
        ),
    ] = None,
    follow: Annotated[
        bool,
        typer.Option(help="Feeds: fetch each item's linked page instead of the item's text."),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (ISO 8601) for every input, overriding theirs."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of a single text document.")] = None,
    pretty: Annotated[bool, typer.Option(help="Indented JSON (one record per block).")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write records to this file instead of stdout."),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(
            help="Cut documents longer than this many characters (default in settings.toml)."
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the annotated view of the (first) report to this self-contained"
            " HTML file.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (default in settings.toml: 1, this process)."),
    ] = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    shards: Annotated[
        str | None,
        typer.Option(help="Dask: keep the workers' Parquet shards here (folder or s3:// URL)."),
    ] = None,
) -> None:
    """Read documents and write one record per document as JSON Lines, in input order."""
    from wirescope import engine as engines
    from wirescope.ingest.readers import is_single_document, read_inputs
    from wirescope.ingest.validate import plausible_published

    settings = _settings(context)
    try:
        engines.check(engine, workers, scheduler, shards)
    except engines.EngineError as error:
        raise typer.BadParameter(str(error)) from None
    if published is not None:
        problems: list[str] = []
        published = plausible_published(published, "--published", problems)
        if problems:  # not a date, or none a news report can have (year 1): a usage error
            reason = problems[0].removesuffix("; ignored")
            raise typer.BadParameter(reason, param_hint="--published")
    if max_chars is not None:
        if max_chars <= 0:
            raise typer.BadParameter("must be positive", param_hint="--max-chars")
        settings = settings.with_values("input", max_chars=max_chars)
    inputs = paths or ["-"]
    items = read_inputs(inputs, title=title, published=published, follow=follow, settings=settings)
    total = len(inputs) if all(is_single_document(p) for p in inputs) else None
    failed = 0
    with ExitStack() as stack:
        sink: TextIO = (
            stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        )
        results = engines.run(
            items,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            shards=shards,
            settings=settings,
        )
        for result in _with_progress(results, total):
            if isinstance(result, DocumentError):
                failed += 1
                _report_error(result)
                continue
            _report_warnings(result, result.id)
            sink.write(result.to_json(pretty=pretty) + "\n")
            sink.flush()
            if html is not None:
                failed += _write_html(html, result)
                html = None
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _write_html(path: Path, record: Report) -> int:
    """Write one report's annotated view; 1 (one failure) with a clear line when it cannot."""
    from wirescope.service.annotated import standalone

    try:
        path.write_text(standalone(record), encoding="utf-8")
    except OSError as error:
        errors.print(f"error {path}: {error.strerror or error}")
        return 1
    return 0


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one record."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command("show")
def show_command(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file of records (from extract).")],
) -> None:
    """Print a readable summary of the records in a JSON Lines file."""
    from wirescope.summary import print_summary

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        errors.print(f"error {path}: {error.strerror or error}")
        raise typer.Exit(EXIT_SOME_FAILED) from None
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(Report.model_validate_json(line))
        except ValueError as error:
            errors.print(
                f"error {path}:{number}: not a wirescope record ({str(error).splitlines()[0]})"
            )
    print_summary(records, Console())


# Each gold set's scorer: a module of wirescope/eval with `score(data, limit) -> figures`.
EVALUATIONS = {
    "polnear": "attribution",
    "case": "case",
    "geo": "geo",
    "aeb": "pages",
    "clusters": "clusters",
    "records": "records",
    "statements": "statements",
}


@app.command("eval")
def eval_command(
    task: Annotated[
        str,
        typer.Argument(help="Gold set: polnear, case, geo, aeb, clusters, records, statements."),
    ],
    data: Annotated[Path, typer.Option(help="The gold set's folder or file.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
) -> None:
    """Score extraction on a gold set; prints one JSON line of figures (as score.py does)."""
    if task not in EVALUATIONS:
        raise typer.BadParameter(f"{task!r}: one of {', '.join(EVALUATIONS)}", param_hint="TASK")
    if not data.exists():
        raise typer.BadParameter(f"{data}: no such file or folder", param_hint="--data")
    scorer = importlib.import_module(f"wirescope.eval.{EVALUATIONS[task]}")
    sys.stdout.write(json.dumps(scorer.score(data, limit)) + "\n")


DbOption = Annotated[
    str | None,
    typer.Option(help="Database URL (default: WIRESCOPE_DB, else sqlite:///./wirescope.db)."),
]


# The filters of `events` and `export` (the API's /api/events takes the same).
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date, inclusive.")]
CountryOption = Annotated[str | None, typer.Option(help="ISO code or country name.")]
TypeOption = Annotated[str | None, typer.Option(help="Event type or sub-type.")]
ActorOption = Annotated[str | None, typer.Option(help="Participant name (part of it).")]
TextOption = Annotated[str | None, typer.Option(help="Words that a report of the event holds.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o")]


@app.command("ingest")
def ingest_command(
    context: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Documents, as for `extract`.")],
    db: DbOption = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Records per transaction (default in settings).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes that extract (local or Dask).")
    ] = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    shards: Annotated[
        str | None,
        typer.Option(help="Dask: the workers' Parquet shards (a folder or s3:// URL)."),
    ] = None,
) -> None:
    """Extract documents and store the records; consolidate their events. Idempotent: a
    document already stored is skipped, so an interrupted ingest resumes where it stopped.
    With --engine dask, Dask workers extract and the store consolidates in input order."""
    from wirescope.store.commands import run_ingest

    settings = _settings(context)
    status = run_ingest(paths, db, errors, settings, batch_size, workers, engine, scheduler, shards)
    raise typer.Exit(status)


def _list_events(
    settings: Settings,
    db: str | None,
    fmt: str,
    filters: dict[str, str | None],
    output: Path | None,
    allowed: tuple[str, ...],
) -> None:
    """`events` and `export`: the store's events in one of the allowed formats."""
    from wirescope.store.commands import run_events

    raise typer.Exit(run_events(db, fmt, filters, output, errors, allowed, settings))


@app.command("events")
def events_command(
    context: typer.Context,
    db: DbOption = None,
    format: Annotated[str, typer.Option(help="jsonl, csv or geojson.")] = "jsonl",
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    type: TypeOption = None,
    actor: ActorOption = None,
    q: TextOption = None,
    output: OutputOption = None,
) -> None:
    """List consolidated events (each with its reports), newest first."""
    filters = dict(since=since, until=until, country=country, type=type, actor=actor, q=q)
    _list_events(
        _settings(context), db, format, filters, output, allowed=("jsonl", "csv", "geojson")
    )


@app.command("export")
def export_command(
    context: typer.Context,
    format: Annotated[str, typer.Option(help="acled-csv, jsonl, geojson or parquet.")],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    type: TypeOption = None,
    actor: ActorOption = None,
    q: TextOption = None,
    output: OutputOption = None,
) -> None:
    """Export consolidated events: ACLED-style CSV, JSON Lines, GeoJSON or Parquet."""
    filters = dict(since=since, until=until, country=country, type=type, actor=actor, q=q)
    _list_events(
        _settings(context),
        db,
        format,
        filters,
        output,
        allowed=("acled-csv", "jsonl", "geojson", "parquet"),
    )


@app.command("serve")
def serve_command(
    context: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1: this machine).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the REST API (/api, OpenAPI at /docs) and the page (/) over a store."""
    from wirescope.service.server import serve

    raise typer.Exit(serve(db, host, port, errors, _settings(context)))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except EngineError as error:  # the engine could not start (a cluster out of reach)
        errors.print(f"error: {error}")
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
