"""The seed article's deals are in the graph exactly (issue: foundation, 'Done when')."""

from __future__ import annotations

from kg.sparql import run

DEAL_FACTS = """
SELECT ?licensor ?licensee ?upfront ?milestones ?royalties ?partnership
       (GROUP_CONCAT(DISTINCT ?inc; separator=" ") AS ?include)
       (GROUP_CONCAT(DISTINCT ?exc; separator=" ") AS ?exclude)
       (GROUP_CONCAT(DISTINCT ?right; separator=" ") AS ?rights)
WHERE {
  ?deal kg:asset ?asset ; kg:licensor/rdfs:label ?licensor ; kg:licensee/rdfs:label ?licensee ;
        kg:upfront/kg:usdMillions ?upfront ; kg:milestones/kg:usdMillions ?milestones ;
        kg:royalties ?royalties ; kg:partOf ?partnership ; kg:territory ?t .
  ?asset rdfs:label ?assetName .
  ?t kg:includes/kg:code ?inc .
  OPTIONAL { ?t kg:excludes/kg:code ?exc }
  OPTIONAL { ?deal kg:grantsRight/skos:prefLabel ?right }
  FILTER(?assetName = ?name)
}
GROUP BY ?licensor ?licensee ?upfront ?milestones ?royalties ?partnership
"""


def deal_of(kg, asset: str) -> dict:
    query = DEAL_FACTS.replace("FILTER(?assetName = ?name)", f'FILTER(?assetName = "{asset}")')
    rows = run(kg.store, query).rows
    assert len(rows) == 1, rows
    return rows[0]


def test_skb105_deal(kg_memory):
    d = deal_of(kg_memory, "SKB105")
    assert (d["licensor"], d["licensee"]) == ("Kelun-Biotech", "Crescent Biopharma")
    assert (d["upfront"], d["milestones"]) == (80, 1250)
    assert d["include"] == "WORLD" and d["exclude"] == "GREATER_CHINA"
    assert d["royalties"] in ("tiered", "yes")
    assert set(d["rights"].split()) == {"research", "develop", "manufacture", "commercialize"}


def test_cr001_deal_is_the_reverse_in_the_same_partnership(kg_memory):
    d = deal_of(kg_memory, "CR-001")
    assert (d["licensor"], d["licensee"]) == ("Crescent Biopharma", "Kelun-Biotech")
    assert (d["upfront"], d["milestones"]) == (20, 30)
    assert d["include"] == "GREATER_CHINA" and not d["exclude"]
    assert d["partnership"] == deal_of(kg_memory, "SKB105")["partnership"]


def test_greater_china_members(kg_memory):
    rows = run(kg_memory.store, """SELECT ?c WHERE { ?r kg:code "GREATER_CHINA" ; kg:memberCountry/kg:code ?c }""")
    assert sorted(r["c"] for r in rows.rows) == ["CN", "HK", "MO", "TW"]


def test_astrazeneca_cspc_collaboration_is_there(kg_memory):
    answer = kg_memory.partners("CSPC")
    names = {p["name"] for p in answer["partners"]}
    assert "AstraZeneca" in names


def test_derived_licenses_and_partner_of(kg_memory):
    ask = run(kg_memory.store, """ASK {
        ?crescent rdfs:label "Crescent Biopharma" . ?kelun rdfs:label "Kelun-Biotech" .
        ?skb105 rdfs:label "SKB105" .
        ?crescent kg:licenses ?skb105 ; kg:partnerOf ?kelun . ?kelun kg:partnerOf ?crescent }""")
    assert ask.boolean is True


def test_partners_json_contract(kg_memory):
    answer = kg_memory.partners("Kelun-Biotech")
    assert set(answer) == {"company", "partners"}
    assert set(answer["company"]) == {"name", "iri"}
    crescent = next(p for p in answer["partners"] if p["name"] == "Crescent Biopharma")
    by_asset = {tuple(d["assets"]): d for d in crescent["deals"]}
    out, inn = by_asset[("SKB105",)], by_asset[("CR-001",)]
    assert (out["direction"], out["upfront_usd_m"], out["milestones_usd_m"]) == ("out", 80, 1250)
    assert (inn["direction"], inn["upfront_usd_m"], inn["milestones_usd_m"]) == ("in", 20, 30)
    for deal in crescent["deals"]:
        assert {"iri", "assets", "direction", "announced", "upfront_usd_m", "milestones_usd_m",
                "territory"} <= set(deal)
    assert any(p["name"] == "Merck & Co." for p in answer["partners"])
