"""The REST API and the page, over one store (`wirescope serve`).

Thin views over `wirescope.store.Store`: every query goes through the store's own
parameterised queries; the views only validate parameters and shape responses. The page and
its vendored libraries are static files served from this package: nothing is fetched from the
internet, by the server or by the browser.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    Header,
    HTTPException,
    Query,
    Request,
    Response,
    status,
)
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from wirescope.ingest.document import DocumentError
from wirescope.ingest.validate import json_depth_over, replace_surrogates
from wirescope.record import EVENT_SUBTYPES, Report
from wirescope.service.annotated import STATIC, fragment
from wirescope.service.security import (
    BodyLimit,
    HostCheck,
    Methods,
    SecurityHeaders,
    check_bearer,
)
from wirescope.settings import Settings, default_settings, resolved
from wirescope.store import EventFilter, FilterError, Store

# A day, a month or a year: "--until 2021-11" means to the end of that month (the store).
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Module constants, not closure variables: FastAPI resolves the string annotations of the
# views (from __future__ import annotations) in this module's namespace. So these two come
# from the process's settings (the packaged file, or the one WIRESCOPE_SETTINGS names, which
# `wirescope --settings FILE serve` sets), not from the settings given to create_app.
PAGE_MAX = default_settings().service.max_page_size
SEARCH_MAX = default_settings().service.max_search_results
# Largest page offset: no store holds a billion events, and past 2**63 the backends' integers
# overflow (a 500 from the driver, not a page).
OFFSET_MAX = 1_000_000_000


class EventsPage(BaseModel):
    """One page of consolidated events and how many match in all."""

    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class SearchResults(BaseModel):
    q: str
    results: list[dict[str, Any]]


class DocumentIn(BaseModel):
    """One news report to extract and store (the fields of a JSON Lines input line)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="The report's body: plain text.")
    id: str | None = Field(None, max_length=200, description="Your id; else a content hash.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 publication date.")
    publisher: str | None = None


class Problem(BaseModel):
    """Why a request was refused (404, 401, 403, 413)."""

    detail: str


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such id in the store."}
}
# The annotated view answers HTML, its 404 JSON like every other refusal.
NOT_FOUND_JSON: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No such report in the store.",
        "content": {"application/json": {"schema": Problem.model_json_schema()}},
    }
}
WRITE_REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No bearer token, or the wrong one."},
    403: {"model": Problem, "description": "Writing is disabled: no WIRESCOPE_TOKEN is set."},
    413: {"model": Problem, "description": "The body is over the size limit."},
}


class Ingested(BaseModel):
    id: str
    events: int
    result: dict[str, Any]


def _event_filter(
    since: Annotated[str | None, Query(pattern=DATE, description="Earliest date")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Latest date")] = None,
    country: Annotated[
        str | None, Query(max_length=100, description="ISO 3166-1 alpha-2 code or name")
    ] = None,
    type: Annotated[str | None, Query(max_length=100, description="Event type or subtype")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="A participant")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the reports")] = None,
) -> EventFilter:
    return EventFilter(since=since, until=until, country=country, type=type, actor=actor, q=q)


def invalid(where: tuple[str, ...], message: str, value: Any) -> RequestValidationError:
    """A 422 in FastAPI's own shape (what the OpenAPI spec promises), for checks made late."""
    return RequestValidationError(
        [{"type": "value_error", "loc": where, "msg": message, "input": value}]
    )


# One extraction at a time per process: spaCy's pipeline is not documented as thread-safe, and
# a batch's memory zone frees the words of every document parsed during it.
_EXTRACTION = threading.Lock()


def warm_up(settings: Settings) -> None:
    """Build the pipeline (model, stages, their tables) before the first request."""
    from wirescope.pipeline import default_pipeline

    with _EXTRACTION:
        default_pipeline(settings)


def _extract_one(document: DocumentIn, settings: Settings) -> Report:
    """Run the pipeline over one posted document; a bad one is a 422 naming the reason.

    The document goes through the JSON Lines reader, so a posted report is read exactly as the
    same line in a .jsonl file would be (validated at the edge: control characters removed,
    dates checked, empty texts refused, long ones cut).
    """
    from wirescope.ingest.readers import jsonl_document  # trafilatura: only when posting
    from wirescope.pipeline import default_pipeline

    line = json.dumps(document.model_dump(exclude_none=True))
    try:
        item = jsonl_document(line, "POST /api/reports", settings=settings)
        with _EXTRACTION:
            result = next(default_pipeline(settings)([item]))
    except DocumentError as error:
        result = error
    if isinstance(result, DocumentError):
        raise invalid(("body",), result.reason, None)
    return result


class Service:
    """The views, holding the store.

    Reads run side by side (the store opens a session per call); ingests take turns, as the
    store keeps consolidation state in memory between them.
    """

    def __init__(self, store: Store, token: str | None, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.token = token
        self.ingest_lock = threading.Lock()

    def events(self, filters: EventFilter, limit: int, offset: int) -> EventsPage:
        try:
            total = self.store.count_events(filters)
            rows = self.store.events(filters, limit=limit, offset=offset)
        except FilterError as error:  # the store's message names the filter and the value
            raise invalid(("query",), str(error), None) from None
        return EventsPage(total=total, limit=limit, offset=offset, events=rows)

    def event(self, event_id: str) -> dict[str, Any]:
        found = self.store.event(event_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
        return found

    def report(self, report_id: str) -> Report:
        found = self.store.report(report_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no report {report_id!r}")
        return found

    def search(self, q: str, limit: int) -> SearchResults:
        return SearchResults(q=q, results=self.store.search(q, limit=limit))

    def authorise(self, authorization: str | None) -> None:
        check_bearer(authorization, self.token)

    def ingest(self, document: DocumentIn) -> Ingested:
        record = _extract_one(document, self.settings)
        with self.ingest_lock:
            result = self.store.ingest([record])
        if record.id in result.failed:  # the database refused it: nothing of it was stored
            raise invalid(("body",), f"not stored: {result.failed[record.id]}", None)
        return Ingested(id=record.id, events=len(record.events), result=_as_dict(result))


def _as_dict(result: object) -> dict[str, Any]:
    """The store's IngestResult as JSON (a dataclass or a pydantic model)."""
    if isinstance(result, BaseModel):
        return result.model_dump(mode="json")
    from dataclasses import asdict, is_dataclass

    if is_dataclass(result) and not isinstance(result, type):
        return asdict(result)
    return {"result": str(result)}


class _DocumentRequest(Request):
    """A posted document's JSON read as a JSON Lines reader reads a line: lone surrogates are
    replaced (pydantic refuses them outright; the edge would replace them in a file), and
    nesting too deep for the parser is a 422 like any malformed JSON, not a crash."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                data = json.loads(body)
                too_deep = json_depth_over(data)
            except RecursionError:
                too_deep = True
            if too_deep:  # a 422 like any malformed JSON
                raise json.JSONDecodeError("JSON nested too deep", body.decode("latin-1"), 0)
            self._json = _surrogates_replaced(data)
        return self._json


def _surrogates_replaced(value: Any) -> Any:
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        return {replace_surrogates(k): _surrogates_replaced(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_surrogates_replaced(item) for item in value]
    return value


def _write_route(service: Service) -> type[APIRoute]:
    """The writing route's class: the token is checked before the body is read at all."""

    class WriteRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def checked(request: Request) -> Response:
                service.authorise(request.headers.get("authorization"))
                return await handler(_DocumentRequest(request.scope, request.receive))

            return checked

    return WriteRoute


def _register_api(app: FastAPI, service: Service) -> None:
    # A dependency runs before the body is read and validated: without the token, nothing
    # of the request is looked at (no 422 echoing what an anonymous client sent).
    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        service.authorise(authorization)

    @app.get("/api/events", response_model=EventsPage, tags=["events"])
    def list_events(
        filters: Annotated[EventFilter, Depends(_event_filter)],
        limit: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 100,
        offset: Annotated[int, Query(ge=0, le=OFFSET_MAX)] = 0,
    ) -> EventsPage:
        """Consolidated events, newest first, with the filters of `wirescope events`."""
        return service.events(filters, limit, offset)

    @app.get("/api/taxonomy", tags=["events"])
    def taxonomy() -> dict[str, list[str]]:
        """The event types and their subtypes (ACLED's, and the Non-conflict ones)."""
        return {kind: list(subtypes) for kind, subtypes in EVENT_SUBTYPES.items()}

    @app.get("/api/events/{event_id}", tags=["events"], responses=NOT_FOUND)
    def get_event(event_id: str) -> dict[str, Any]:
        """One consolidated event with, per report, its event, statements, sources and spans."""
        return service.event(event_id)

    # Ids are opaque: a URL is the id of every report read from the web, and its slashes
    # reach the router decoded ("%2F" is "/"). The path routes take the rest of the path
    # (`:path`); the query form takes any id at all, and is what the page uses.
    @app.get(
        "/api/reports/{report_id:path}/annotated",
        response_class=HTMLResponse,
        tags=["reports"],
        responses=NOT_FOUND_JSON,
    )
    def get_annotated(report_id: str) -> HTMLResponse:
        """The report's text with every extracted field highlighted (an HTML fragment)."""
        return HTMLResponse(fragment(service.report(report_id)))

    @app.get("/api/reports/{report_id:path}", tags=["reports"], responses=NOT_FOUND)
    def get_report(report_id: str) -> dict[str, Any]:
        """The full record of one report (format wirescope/1)."""
        return service.report(report_id).model_dump(mode="json")

    @app.get("/api/report", tags=["reports"], responses=NOT_FOUND)
    def get_report_by_query(
        id: Annotated[str, Query(min_length=1, description="The report's id, any characters")],
    ) -> dict[str, Any]:
        """The full record of one report, its id in the query (ids that are URLs)."""
        return service.report(id).model_dump(mode="json")

    @app.get(
        "/api/report/annotated",
        response_class=HTMLResponse,
        tags=["reports"],
        responses=NOT_FOUND_JSON,
    )
    def get_annotated_by_query(
        id: Annotated[str, Query(min_length=1, description="The report's id, any characters")],
    ) -> HTMLResponse:
        """The annotated view of one report, its id in the query."""
        return HTMLResponse(fragment(service.report(id)))

    @app.get("/api/search", response_model=SearchResults, tags=["reports"])
    def search(
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=SEARCH_MAX)] = 20,
    ) -> SearchResults:
        """Full-text search over the reports: id, title and a snippet of each hit."""
        return service.search(q, limit)

    writing = APIRouter(route_class=_write_route(service))

    @writing.post(
        "/api/reports",
        response_model=Ingested,
        status_code=status.HTTP_201_CREATED,
        tags=["reports"],
        responses=WRITE_REFUSED,
        dependencies=[Depends(authorised)],  # declares the header in the spec
    )
    def post_report(document: DocumentIn) -> Ingested:
        """Extract one document and store it. Needs `Authorization: Bearer $WIRESCOPE_TOKEN`."""
        return service.ingest(document)

    app.include_router(writing)


def _register_pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: a refused input may hold lone surrogates,
    which no UTF-8 encoder takes (the default response would fail with a 500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


async def _validation_error(_request: Request, error: Exception) -> Response:
    """FastAPI's own 422 (the shape the spec declares), safe whatever the input held."""
    assert isinstance(error, RequestValidationError)
    return AsciiJSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)


def create_app(
    store: Store,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Any:
    """The ASGI application: the API, the page, and the safety layers around them.

    `allowed_hosts`: the Host names the server answers (None: any; `serve` on a loopback
    address passes the loopback names). Outermost first: security headers on every answer,
    413s included; the Host check; HEAD and OPTIONS; the body limit; the application.
    """
    app = FastAPI(
        title="wirescope",
        summary="Consolidated events and the news reports behind them, with evidence.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    settings = resolved(settings)
    service = Service(store, token, settings)
    _register_api(app, service)
    _register_pages(app)
    limit = settings.service.max_body_bytes
    inner: Any = Methods(BodyLimit(app, limit))
    if allowed_hosts is not None:
        inner = HostCheck(inner, allowed_hosts)
    return SecurityHeaders(inner)
