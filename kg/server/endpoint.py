"""`/sparql`: the SPARQL 1.1 Protocol, read-only.

Queries come as GET `?query=`, POST form (`query=`) or POST `application/sparql-query`. Updates are
refused with 403 unless the request carries `Authorization: Bearer <token>` and the server was
started with `--allow-update-token`. SERVICE, LOAD and FROM (and `default-graph-uri` /
`named-graph-uri`) are refused with 400; a query past its time limit is stopped and answered 503.
"""

from __future__ import annotations

import hmac
import re
import urllib.parse

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from kg.errors import DealgraphError, QueryError, StoreBusyError
from kg.server.execute import QueryFailed, QueryTimeout
from kg.server.formats import NotAcceptable, choose, render
from kg.server.state import ServerBusy, ServerState
from kg.server.update import apply_update
from kg.sparql import MAX_QUERY_CHARS, guard

NETWORK_WORDS = {"SERVICE", "LOAD", "FROM"}


class Refused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 beyond `limit` bytes (whatever Content-Length says)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"request body over the {limit} byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_operation(request: Request, limit: int) -> tuple[str, str, dict[str, list[str]]]:
    """("query" | "update", text, the other parameters) of a SPARQL Protocol request."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await read_body(request, limit)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "request body is not UTF-8") from None
        if ctype == "application/x-www-form-urlencoded":
            for key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
                params.setdefault(key, []).append(value)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            params.setdefault("update", []).append(text)
        else:
            raise Refused(415, "POST a form (application/x-www-form-urlencoded), application/sparql-query "
                               "or application/sparql-update")
    if params.get("default-graph-uri") or params.get("named-graph-uri") or params.get("using-graph-uri") \
            or params.get("using-named-graph-uri"):
        raise Refused(400, "query refused: default-graph-uri / named-graph-uri would read other graphs")
    queries, updates = params.pop("query", []), params.pop("update", [])
    if len(queries) + len(updates) != 1:
        raise Refused(400, "give exactly one query= (or update=) parameter")
    op, text = ("query", queries[0]) if queries else ("update", updates[0])
    if len(text) > MAX_QUERY_CHARS:
        raise Refused(413, f"{op} is {len(text)} characters, over the {MAX_QUERY_CHARS} limit")
    if op == "update" and request.method != "POST":
        raise Refused(400, "updates must be sent with POST")
    return op, text, params


def authorised(request: Request, token: str | None) -> bool:
    if not token:
        return False
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def classify_refusal(exc: QueryError) -> int:
    """400 for network / file access, 403 for updates, from the guard's message."""
    word = re.search(r"\((\w+)\)\s*$", str(exc))
    if word and word.group(1).upper() not in NETWORK_WORDS and str(exc).startswith("query refused"):
        return 403
    return 400


async def sparql(request: Request) -> Response:
    st: ServerState = request.app.state.dg
    if request.method == "GET" and not request.query_params and "text/html" in request.headers.get("accept", ""):
        return RedirectResponse("/query", status_code=303)  # a person with a browser: the query form
    try:
        op, text, params = await read_operation(request, st.settings.max_body)
        if op == "update":
            return await update(request, st, text)
        try:
            guard(text)
        except QueryError as exc:
            raise Refused(classify_refusal(exc), str(exc)) from None
        outcome = await st.user_query(text)
        fmt = params["format"][0] if params.get("format") else None
        try:
            name = choose(outcome.kind, request.headers.get("accept"), fmt)
        except NotAcceptable as exc:
            raise Refused(406, str(exc)) from None
        body, ctype = render(outcome, name)
        headers = {"X-Dealgraph-Truncated": "true" if outcome.truncated else "false",
                   "X-Dealgraph-Max-Rows": str(st.settings.max_rows), "Vary": "Accept"}
        return Response(body, media_type=ctype, headers=headers)
    except Refused as exc:
        return error(exc.status, exc.message, exc.headers)
    except QueryTimeout as exc:
        return error(503, str(exc), {"Retry-After": "5"})
    except ServerBusy as exc:
        return error(503, str(exc), {"Retry-After": "2"})
    except QueryFailed as exc:
        return error(500, str(exc))
    except QueryError as exc:
        return error(400, str(exc))
    except DealgraphError as exc:
        return error(502, str(exc))


async def update(request: Request, st: ServerState, text: str) -> Response:
    if not authorised(request, st.settings.update_token):
        raise Refused(403, "updates are not allowed on this endpoint", {"WWW-Authenticate": "Bearer"}
                      if st.settings.update_token else None)
    try:
        await st.read(apply_update, st.kg.store, text)
    except StoreBusyError as exc:
        raise Refused(409, str(exc)) from None
    except QueryError as exc:
        raise Refused(400, str(exc)) from None
    return Response(status_code=204)
