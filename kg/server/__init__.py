"""`kg serve`: a read-only SPARQL 1.1 endpoint, HTML pages and a JSON API over one store.

Starlette and uvicorn (the `serve` extra) are imported only here, never by the core package.
`create_app(kg, Settings(...))` builds the ASGI application; `kg.server.commands` adds `kg serve`.
"""
