"""The HTML pages: home and search, company, asset, target, deal, and the query page."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kg.errors import DealgraphError, QueryError
from kg.namespaces import ID_BASE
from kg.output import money
from kg.server import lookup
from kg.server.execute import Outcome
from kg.server.state import ServerBusy, ServerState
from kg.server.templates import STYLE, local, page
from kg.sparql import named_queries, to_python

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
            "frame-src 'self'; frame-ancestors 'none'")
MONEY = {"upfront", "milestones", "total", "equity"}


def html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def not_found(exc: lookup.NotFound | str) -> HTMLResponse:
    message = str(exc)
    suggestions = exc.suggestions if isinstance(exc, lookup.NotFound) else []
    return html(page("error", title="Not found", message=message, suggestions=suggestions), 404)


def st_of(request: Request) -> ServerState:
    return request.app.state.dg  # type: ignore[no-any-return]


async def style(request: Request) -> Response:
    return Response(STYLE, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


async def favicon(request: Request) -> Response:
    return Response(status_code=204, headers={"Cache-Control": "max-age=86400"})


async def home(request: Request) -> Response:
    st = st_of(request)
    q = request.query_params.get("q", "")[:200]
    results = await st.read(lookup.search, st.kg, q) if q.strip() else {}
    counts = await st.read(lookup.counts, st.kg)
    return html(page("home", title="Biopharma licensing deals", q=q, results=results, counts=counts))


async def _entity(request: Request, kind: str) -> tuple[str | None, Response | None]:
    st = st_of(request)
    key = request.path_params["key"]
    try:
        iri = await st.read(lookup.entity, st.kg, kind, key)
    except lookup.NotFound as exc:
        return None, not_found(exc)
    canonical = local(iri)
    if canonical != request.url.path:
        return None, RedirectResponse(canonical, status_code=308)
    return iri, None


async def company(request: Request) -> Response:
    iri, early = await _entity(request, "company")
    if early is not None or iri is None:
        return early or not_found("unknown company")
    st = st_of(request)
    answer = await st.read(lookup.company, st.kg, iri)
    view_url = f"{local(iri)}/view" if views_available() else None
    return html(page("company", title=answer["company"]["name"], iri=iri, partners=answer["partners"],
                     view_url=view_url))


def views_available() -> bool:
    try:
        import kg.views  # noqa: F401
    except ImportError:
        return False
    return True


async def company_view(request: Request) -> Response:
    """The interactive neighbourhood (kg.views), shown in a sandboxed frame of the company page."""
    if not views_available():
        return Response("interactive views are not installed (kg.views)\n", status_code=501, media_type="text/plain")
    st = st_of(request)
    try:
        iri = await st.read(lookup.entity, st.kg, "company", request.path_params["key"])
    except lookup.NotFound as exc:
        return not_found(exc)
    depth = 2 if request.query_params.get("depth") == "2" else 1
    graph, title = await st.read(lambda: (st.kg.network(), st.kg.label(iri)))

    def render() -> str:
        from kg.views import ego_view, to_html

        return str(to_html(ego_view(graph, iri, depth), title=title))

    body = await run_in_threadpool(render)  # outside the store lock: it reads only the projection
    return HTMLResponse(body, headers={"Content-Security-Policy": "frame-ancestors 'self'; form-action 'none'",
                                       "X-Frame-Options": "SAMEORIGIN"})


async def asset(request: Request) -> Response:
    iri, early = await _entity(request, "asset")
    if early is not None or iri is None:
        return early or not_found("unknown asset")
    st = st_of(request)
    data = await st.read(lookup.asset, st.kg, iri)
    return html(page("asset", title=data["info"].get("label") or st.kg.label(iri), iri=iri, **data))


async def target(request: Request) -> Response:
    iri, early = await _entity(request, "target")
    if early is not None or iri is None:
        return early or not_found("unknown target")
    st = st_of(request)
    data = await st.read(lookup.target, st.kg, iri)
    return html(page("target", title=data["info"]["symbol"], iri=iri, **data))


async def deal(request: Request) -> Response:
    key = request.path_params["key"]
    if not lookup.SLUG.fullmatch(key):
        return not_found(f"unknown deal {key!r}")
    st = st_of(request)
    iri = f"{ID_BASE}deal/{key}"
    data = await st.read(lookup.deal, st.kg, iri)
    if data is None:
        return not_found(f"unknown deal {key!r}")
    data["terms"] = [(k, money(v) if k in MONEY else v) for k, v in data["terms"]]
    return html(page("deal", title=data["dealId"], iri=iri, **data))


def _rows_of(outcome: Outcome) -> dict[str, Any]:
    """A query outcome as a table for the page."""
    import pyoxigraph as ox

    if outcome.kind == "triples":
        rows = [{"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}
                for t in ox.parse(outcome.payload, format=ox.RdfFormat.N_TRIPLES)]
        return {"variables": ["subject", "predicate", "object"], "rows": rows, "truncated": outcome.truncated}
    data = json.loads(outcome.payload)
    if "boolean" in data:
        return {"variables": ["result"], "rows": [{"result": data["boolean"]}], "truncated": False}
    parsed = ox.parse_query_results(outcome.payload, format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    variables = [v.value for v in parsed.variables]
    rows = [{v: to_python(s[v]) for v in variables if s[v] is not None} for s in parsed]
    return {"variables": variables, "rows": rows, "truncated": outcome.truncated}


async def query_page(request: Request) -> Response:
    st = st_of(request)
    params = request.query_params
    text, result, error = params.get("query", ""), None, None
    name = params.get("name")
    try:
        if name:
            if name not in named_queries():
                raise QueryError(f"no named query {name!r}")
            values = {k[6:]: v for k, v in params.multi_items() if k.startswith("param.") and v.strip()}
            text = named_queries()[name].text
            rows = await st.read(st.kg.named, name, values)
            result = {"variables": rows.variables, "rows": rows.rows[: st.settings.max_rows],
                      "truncated": rows.truncated or len(rows.rows) > st.settings.max_rows}
        elif text.strip():
            result = _rows_of(await st.user_query(text))
    except (DealgraphError, ServerBusy) as exc:
        error = str(exc)
    status = 400 if error else 200
    return html(page("query", title="SPARQL", text=text, result=result, error=error, named=named_queries().values(),
                     timeout=f"{st.settings.timeout:g}", max_rows=st.settings.max_rows), status)
