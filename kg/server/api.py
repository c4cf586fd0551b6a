"""The JSON API, mirroring the CLI: /api/partners, /api/path, /api/central, and /openapi.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.errors import AmbiguousNameError, DealgraphError, UnknownNameError
from kg.server.state import ServerState

METRICS = ("degree", "betweenness", "pagerank", "eigenvector")
MAX_DEPTH = 4
MAX_TOP = 1000


class ApiError(Exception):
    def __init__(self, status: int, message: str, **extra: Any):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be an integer, not {raw!r}") from None
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be between {low} and {high}")
    return value


def _required(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value:
        raise ApiError(400, f"parameter {name} is required")
    if len(value) > 300:
        raise ApiError(400, f"parameter {name} is too long")
    return value


def _network(module: str, attr: str) -> Any:
    """A kg.network function, or 501 when that part of the package is not installed."""
    try:
        return getattr(import_module(f"kg.network.{module}"), attr)
    except (ImportError, AttributeError):
        raise ApiError(501, f"network analysis (kg.network.{module}.{attr}) is not available in this installation") \
            from None


def _records(items: Any) -> Any:
    if isinstance(items, list | tuple):
        return [_records(i) for i in items]
    to_dict = getattr(items, "to_dict", None)
    return to_dict() if callable(to_dict) else items


async def _answer(request: Request, prepare: Callable[[ServerState], Callable[[], Any]]) -> Response:
    """`prepare` reads the store (under the server's lock) and returns the work to finish outside it."""
    st: ServerState = request.app.state.dg
    try:
        finish = await st.read(prepare, st)
        return _json(await run_in_threadpool(finish))
    except ApiError as exc:
        return _json({"error": exc.message, **exc.extra}, exc.status)
    except UnknownNameError as exc:
        return _json({"error": str(exc), "suggestions": exc.suggestions}, 404)
    except AmbiguousNameError as exc:
        return _json({"error": str(exc)}, 400)
    except DealgraphError as exc:
        return _json({"error": str(exc)}, 400)
    except (KeyError, ValueError) as exc:
        return _json({"error": str(exc.args[0]) if exc.args else type(exc).__name__}, 400)


def _company(st: ServerState, iri: str) -> dict[str, str]:
    return {"name": st.kg.label(iri), "iri": iri}


async def partners(request: Request) -> Response:
    def prepare(st: ServerState) -> Callable[[], Any]:
        company = _required(request, "company")
        depth = _int(request, "depth", 1, 1, MAX_DEPTH)
        if depth == 1:
            answer = st.kg.partners(company)
            return lambda: answer
        find = _network("partners", "partners")
        iri = st.kg.resolve("company", company)
        head, graph = _company(st, iri), st.kg.network()
        return lambda: {"company": head, "depth": depth, "partners": _records(find(graph, iri, depth=depth))}

    return await _answer(request, prepare)


async def path(request: Request) -> Response:
    def prepare(st: ServerState) -> Callable[[], Any]:
        a, b = _required(request, "a"), _required(request, "b")
        cap = _int(request, "cap", 20, 1, 100)
        deal_paths = _network("paths", "deal_paths")
        ia, ib = st.kg.resolve("company", a), st.kg.resolve("company", b)
        head, graph = {"a": _company(st, ia), "b": _company(st, ib)}, st.kg.network()
        return lambda: {**head, "paths": _records(deal_paths(graph, ia, ib, cap=cap))}

    return await _answer(request, prepare)


async def central(request: Request) -> Response:
    def prepare(st: ServerState) -> Callable[[], Any]:
        metric = request.query_params.get("metric", "degree")
        if metric not in METRICS:
            raise ApiError(400, f"metric must be one of {', '.join(METRICS)}")
        kind = request.query_params.get("kind", "company")
        if kind not in ("company", "all"):
            raise ApiError(400, "kind must be company or all")
        top = _int(request, "top", 10, 1, MAX_TOP)
        centrality = _network("centrality", "centrality")
        graph = st.kg.network()
        return lambda: {"metric": metric, "kind": kind,
                        "scores": _records(centrality(graph, metric, kind=kind, top=top))}

    return await _answer(request, prepare)


def _param(name: str, description: str, *, required: bool = False, schema: dict[str, Any] | None = None
           ) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


ERROR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
OK_JSON = {"description": "answer", "content": {"application/json": {"schema": {"type": "object"}}}}
SPARQL_RESULTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json"]


def openapi_document() -> dict[str, Any]:
    sparql_responses = {
        "200": {"description": "results; X-Dealgraph-Truncated tells whether the row limit cut them",
                "content": {m: {} for m in SPARQL_RESULTS}},
        "400": {"description": "malformed query, or SERVICE / LOAD / FROM refused"},
        "403": {"description": "update without the update token"},
        "406": {"description": "no acceptable result format"},
        "413": {"description": "request too large"},
        "503": {"description": "query stopped at the time limit, or server busy"},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "dealgraph", "version": "0.1.0",
                 "description": "Biopharma licensing deals: a read-only SPARQL 1.1 endpoint and a JSON API."},
        "paths": {
            "/sparql": {
                "get": {"summary": "SPARQL 1.1 query", "parameters": [_param("query", "SPARQL query", required=True)],
                        "responses": sparql_responses},
                "post": {"summary": "SPARQL 1.1 query (form or application/sparql-query) or update (with token)",
                         "requestBody": {"content": {
                             "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                                 "query": {"type": "string"}, "update": {"type": "string"}}}},
                             "application/sparql-query": {"schema": {"type": "string"}},
                             "application/sparql-update": {"schema": {"type": "string"}}}},
                         "responses": {**sparql_responses, "204": {"description": "update applied"}}},
            },
            "/api/partners": {"get": {
                "summary": "Partners of a company (as `kg partners --format json`)",
                "parameters": [_param("company", "company name, alias or IRI", required=True),
                               _param("depth", "1: direct partners; 2-4: chains of deals",
                                      schema={"type": "integer", "minimum": 1, "maximum": MAX_DEPTH})],
                "responses": {"200": OK_JSON, "400": ERROR, "404": ERROR, "501": ERROR}}},
            "/api/path": {"get": {
                "summary": "Shortest chains of deals between two companies (as `kg path`)",
                "parameters": [_param("a", "first company", required=True), _param("b", "second company",
                                                                                   required=True),
                               _param("cap", "most chains returned", schema={"type": "integer", "maximum": 100})],
                "responses": {"200": OK_JSON, "400": ERROR, "404": ERROR, "501": ERROR}}},
            "/api/central": {"get": {
                "summary": "Most central companies (as `kg central`)",
                "parameters": [_param("metric", "centrality metric", schema={"type": "string", "enum": list(METRICS)}),
                               _param("kind", "company or all", schema={"type": "string", "enum": ["company", "all"]}),
                               _param("top", "how many", schema={"type": "integer", "maximum": MAX_TOP})],
                "responses": {"200": OK_JSON, "400": ERROR, "501": ERROR}}},
        },
        "components": {"schemas": {"Error": {"type": "object", "required": ["error"], "properties": {
            "error": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "string"}}}}}},
    }


async def openapi(request: Request) -> Response:
    return Response(json.dumps(openapi_document(), indent=1), media_type="application/json")
