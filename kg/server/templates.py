"""The HTML pages: Jinja2 templates kept in code (no package data), autoescaped, nothing from outside."""

from __future__ import annotations

import urllib.parse
from functools import cache
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from kg.namespaces import ID_BASE
from kg.output import money

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header{background:#123;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
header a{color:#fff;text-decoration:none}header a.brand{font-weight:700}
main{padding:1em 1.5em;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef1f4}td.num{text-align:right;white-space:nowrap}
.muted{color:#666}.tag{background:#e8eef7;border-radius:3px;padding:0 .3em;font-size:90%}
pre{background:#f0f0f0;padding:.6em;overflow:auto;font-size:13px}
textarea{width:100%;font:13px monospace}input[type=search]{width:24em;font-size:15px}
iframe{width:100%;height:620px;border:1px solid #ccc}.error{color:#a00}
"""

BASE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ title }} - dealgraph</title><link rel="stylesheet" href="/style.css"></head>
<body><header><a class="brand" href="/">dealgraph</a><a href="/query">SPARQL</a>
<a href="/openapi.json">API</a></header><main>
<h1>{{ title }}</h1>
{% block body %}{% endblock %}
</main></body></html>
"""

HOME = """{% extends "base" %}{% block body %}
<form action="/" method="get"><input type="search" name="q" value="{{ q }}"
 placeholder="company, asset or target" autofocus> <button>Search</button></form>
{% if q %}
  {% for kind, hits in results.items() %}
    <h2>{{ kind|capitalize }}s</h2>
    {% if hits %}<ul>{% for iri, label in hits %}<li><a href="{{ iri|local }}">{{ label }}</a></li>{% endfor %}</ul>
    {% else %}<p class="muted">none</p>{% endif %}
  {% endfor %}
{% else %}
  <p>{{ counts.deals }} deals between {{ counts.companies }} companies on {{ counts.assets }} assets
  and {{ counts.targets }} targets. Search above, browse a company, or ask the
  <a href="/query">SPARQL endpoint</a>.</p>
{% endif %}
{% endblock %}"""

COMPANY = """{% extends "base" %}{% block body %}
<p class="muted">{{ iri }}</p>
<h2>Partners</h2>
{% if partners %}
<table><thead><tr><th>partner</th><th>deal</th><th>assets</th><th>direction</th><th>announced</th>
<th>upfront</th><th>milestones</th><th>territory</th><th>sources</th></tr></thead><tbody>
{% for p in partners %}{% for d in p.deals %}<tr>
<td>{% if loop.first %}<a href="{{ p.iri|local }}">{{ p.name }}</a>{% if p.country %}
 <span class="tag">{{ p.country }}</span>{% endif %}{% endif %}</td>
<td><a href="{{ d.iri|local }}">{{ d.id }}</a>{% if d.type %} <span class="tag">{{ d.type }}</span>{% endif %}</td>
<td>{{ d.assets|join(", ") }}</td>
<td>{{ "licensed out" if d.direction == "out" else "licensed in" }}</td>
<td>{{ d.announced or "" }}</td><td class="num">{{ d.upfront_usd_m|money }}</td>
<td class="num">{{ d.milestones_usd_m|money }}</td><td>{{ d.territory or "" }}</td>
<td>{% for url in d.sources %}{% if url|webref %}<a href="{{ url }}" rel="noopener noreferrer nofollow">{{ url|host
}}</a>{% else %}{{ url }}{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}</td>
</tr>{% endfor %}{% endfor %}</tbody></table>
{% else %}<p class="muted">no deals recorded</p>{% endif %}
{% if view_url %}<h2>Neighbourhood</h2>
<iframe src="{{ view_url }}" sandbox="allow-scripts" title="deal network around {{ title }}"></iframe>{% endif %}
<p><a href="/api/partners?company={{ iri|urlquote }}">JSON</a></p>
{% endblock %}"""

ASSET = """{% extends "base" %}{% block body %}{% from "macros" import deal_table %}
<p class="muted">{{ iri }}</p>
<table><tbody>
<tr><th>also known as</th><td>{{ info.aliases|join(", ") }}</td></tr>
<tr><th>modality</th><td>{{ info.modality or "" }}</td></tr><tr><th>phase</th><td>{{ info.phase or "" }}</td></tr>
<tr><th>targets</th><td>{% for s in info.targets %}<a href="/target/{{ s|urlquote }}">{{ s }}</a> {% endfor %}</td></tr>
<tr><th>developed by</th><td>{% for iri, name in info.developers %}<a href="{{ iri|local }}">{{ name }}</a>
{% endfor %}</td></tr></tbody></table>
<h2>Deals</h2>{{ deal_table(deals) }}
{% endblock %}"""

TARGET = """{% extends "base" %}{% block body %}
<p class="muted">{{ iri }}{% if info.hgnc %} - HGNC {{ info.hgnc }}{% endif %}{% if info.aliases %}
 - also {{ info.aliases|join(", ") }}{% endif %}</p>
<h2>Assets and deals</h2>
{% if rows %}<table><thead><tr><th>asset</th><th>modality</th><th>developer</th><th>deal</th><th>announced</th>
<th>licensor</th><th>licensee</th><th>upfront</th><th>milestones</th></tr></thead><tbody>
{% for r in rows %}<tr><td><a href="{{ r.asset|local }}">{{ r.assetName }}</a></td><td>{{ r.modality or "" }}</td>
<td>{{ r.developerName or "" }}</td><td>{% if r.deal %}<a href="{{ r.deal|local }}">{{ r.dealId }}</a>{% endif %}</td>
<td>{{ r.announced or "" }}</td><td>{{ r.licensorName or "" }}</td><td>{{ r.licenseeName or "" }}</td>
<td class="num">{{ r.upfront|money }}</td><td class="num">{{ r.milestones|money }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="muted">no assets recorded</p>{% endif %}
{% endblock %}"""

DEAL = """{% extends "base" %}{% block body %}
<p class="muted">{{ iri }}</p>
<table><tbody>
<tr><th>licensor</th><td><a href="{{ parties.licensor|local }}">{{ parties.licensorName }}</a></td></tr>
<tr><th>licensee</th><td><a href="{{ parties.licensee|local }}">{{ parties.licenseeName }}</a></td></tr>
{% for key, value in terms %}<tr><th>{{ key }}</th><td>{{ value }}</td></tr>{% endfor %}
<tr><th>assets</th><td>{% for iri, name in assets %}<a href="{{ iri|local }}">{{ name }}</a> {% endfor %}</td></tr>
<tr><th>sources</th><td>{% for url in sources %}{% if url|webref %}<a href="{{ url }}"
 rel="noopener noreferrer nofollow">{{ url }}</a>{% else %}{{ url }}{% endif %}<br>{% endfor %}</td></tr>
</tbody></table>
{% if evidence %}<h2>Evidence</h2><table><thead><tr><th>field</th><th>quote</th><th>source</th></tr></thead><tbody>
{% for e in evidence %}<tr><td>{{ e.field }}</td><td>{{ e.quote or "" }}</td><td>{% if e.url and e.url|webref %}
<a href="{{ e.url }}" rel="noopener noreferrer nofollow">{{ e.title or e.url }}</a>{% else %}{{ e.title or e.url or ""
}}{% endif %}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% endblock %}"""

QUERY = """{% extends "base" %}{% block body %}
<form action="/query" method="get">
<textarea name="query" rows="12" spellcheck="false">{{ text }}</textarea>
<p><button>Run</button> <span class="muted">read-only; stopped after {{ timeout }} s; at most {{ max_rows }} rows.
The endpoint for programs is <code>/sparql</code>.</span></p></form>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
{% if result %}<p class="muted">{{ result.rows|length }} row(s){% if result.truncated %}, cut at the row
 limit{% endif %}</p>
<table><thead><tr>{% for v in result.variables %}<th>{{ v }}</th>{% endfor %}</tr></thead><tbody>
{% for row in result.rows %}<tr>{% for v in result.variables %}
<td>{{ "" if row.get(v) is none else row.get(v) }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% endif %}
<h2>Named queries</h2>
{% for q in named %}<h3 id="{{ q.name }}">{{ q.name }}</h3><p>{{ q.title }}</p>
<form action="/query" method="get"><input type="hidden" name="name" value="{{ q.name }}">
{% for p in q.params %}<label>{{ p.name }} <input name="param.{{ p.name }}" placeholder="{{ p.kind }}{{
 ' (optional)' if p.optional else '' }}" title="{{ p.doc }}"></label> {% endfor %}<button>Run</button></form>
<details><summary>SPARQL</summary><pre>{{ q.text }}</pre></details>{% endfor %}
{% endblock %}"""

ERROR = """{% extends "base" %}{% block body %}<p class="error">{{ message }}</p>
{% if suggestions %}<p>Did you mean: {% for iri, label in suggestions %}<a href="{{ iri|local }}">{{ label
}}</a>{% if not loop.last %}, {% endif %}{% endfor %}?</p>{% endif %}{% endblock %}"""

DEAL_TABLE = """{% macro deal_table(deals) %}{% if deals %}<table><thead><tr><th>deal</th><th>announced</th>
<th>licensor</th><th>licensee</th><th>upfront</th><th>milestones</th><th>total</th></tr></thead><tbody>
{% for d in deals %}<tr><td><a href="{{ d.deal|local }}">{{ d.dealId }}</a></td><td>{{ d.announced or "" }}</td>
<td><a href="{{ d.licensor|local }}">{{ d.licensorName }}</a></td>
<td><a href="{{ d.licensee|local }}">{{ d.licenseeName }}</a></td><td class="num">{{ d.upfront|money }}</td>
<td class="num">{{ d.milestones|money }}</td><td class="num">{{ d.total|money }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="muted">no deals recorded</p>{% endif %}{% endmacro %}"""


def local(iri: Any) -> str:
    """The page of one of our IRIs (/company/x, /asset/x, /target/X, /deal/x), else '#'."""
    text = str(iri or "")
    if not text.startswith(ID_BASE):
        return "#"
    kind, _, slug = text[len(ID_BASE):].partition("/")
    if kind not in ("company", "asset", "target", "deal") or not slug:
        return "#"
    return f"/{kind}/{urllib.parse.quote(slug, safe='')}"


def webref(url: Any) -> bool:
    """Only http(s) URLs become links."""
    parts = urllib.parse.urlsplit(str(url or ""))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def host(url: Any) -> str:
    return urllib.parse.urlsplit(str(url)).netloc or str(url)


def money_or_blank(value: Any) -> str:
    return "" if value is None or value == "" else money(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=DictLoader({"base": BASE, "home": HOME, "company": COMPANY, "asset": ASSET, "macros": DEAL_TABLE,
                           "target": TARGET, "deal": DEAL, "query": QUERY, "error": ERROR}),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    env.filters.update(local=local, webref=webref, host=host, money=money_or_blank,
                       urlquote=lambda v: urllib.parse.quote(str(v), safe=""))
    return env


def page(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
