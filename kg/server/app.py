"""The ASGI application of `kg serve`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.api import KnowledgeGraph
from kg.server import api, endpoint, pages
from kg.server.security import GuardMiddleware
from kg.server.settings import Settings
from kg.server.state import ServerState


async def _not_found(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("not found\n", status_code=404)


async def _method(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("method not allowed\n", status_code=405)


def create_app(kg: KnowledgeGraph, settings: Settings | None = None) -> Starlette:
    """The server for `kg`: /sparql, the pages, /api/*, /openapi.json."""
    settings = settings or Settings()
    routes = [
        Route("/", pages.home),
        Route("/style.css", pages.style),
        Route("/favicon.ico", pages.favicon),
        Route("/company/{key:str}", pages.company),
        Route("/company/{key:str}/view", pages.company_view),
        Route("/asset/{key:str}", pages.asset),
        Route("/target/{key:str}", pages.target),
        Route("/deal/{key:str}", pages.deal),
        Route("/query", pages.query_page),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/api/partners", api.partners),
        Route("/api/path", api.path),
        Route("/api/central", api.central),
        Route("/openapi.json", api.openapi),
    ]
    middleware = [Middleware(GuardMiddleware, settings=settings)]
    if settings.cors_origin:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[settings.cors_origin],
                                     allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"],
                                     expose_headers=["X-Dealgraph-Truncated", "X-Dealgraph-Max-Rows"]))
    state = ServerState(kg, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: _not_found, 405: _method},
                    lifespan=lifespan)
    app.state.dg = state
    return app
