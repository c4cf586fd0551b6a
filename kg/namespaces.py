"""Every prefix the project uses, and the closed `KG` namespace of ontology terms.

`KG` is generated from ontology/kg.ttl (`python -m kg.namespaces` prints the class body again);
an unknown term raises AttributeError, and tests/test_namespaces.py fails when code and ontology
disagree, so no ontology IRI lives anywhere else as a string.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/dealgraph/ontology"
ID_BASE = "https://w3id.org/dealgraph/id/"

SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ID = Namespace(ID_BASE)


class KG(DefinedNamespace):
    """Terms of the dealgraph ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    Acquisition: URIRef
    ADC: URIRef
    Approved: URIRef
    Asset: URIRef
    BispecificAntibody: URIRef
    CellTherapy: URIRef
    CoDevelopment: URIRef
    Collaboration: URIRef
    Commercialize: URIRef
    Company: URIRef
    Deal: URIRef
    Develop: URIRef
    Evidence: URIRef
    Filed: URIRef
    GeneTherapy: URIRef
    License: URIRef
    Manufacture: URIRef
    Modality: URIRef
    ModalityScheme: URIRef
    MonetaryAmount: URIRef
    MonoclonalAntibody: URIRef
    Option: URIRef
    OtherModality: URIRef
    Partnership: URIRef
    Phase: URIRef
    Phase1: URIRef
    Phase2: URIRef
    Phase3: URIRef
    PhaseScheme: URIRef
    PlatformDeal: URIRef
    Preclinical: URIRef
    Radioligand: URIRef
    Region: URIRef
    Research: URIRef
    Right: URIRef
    RightScheme: URIRef
    SmallMolecule: URIRef
    SourceDocument: URIRef
    Target: URIRef
    Territory: URIRef
    Vaccine: URIRef
    acquired: URIRef
    amount: URIRef
    announced: URIRef
    asset: URIRef
    assetsNote: URIRef
    code: URIRef
    contentHash: URIRef
    country: URIRef
    currency: URIRef
    developmentMilestones: URIRef
    develops: URIRef
    equity: URIRef
    evidence: URIRef
    excludes: URIRef
    field: URIRef
    grantsRight: URIRef
    hgncId: URIRef
    hgncSymbol: URIRef
    includes: URIRef
    licensee: URIRef
    licenses: URIRef
    licensor: URIRef
    memberCountry: URIRef
    milestonePart: URIRef
    milestones: URIRef
    modality: URIRef
    partnerOf: URIRef
    partOf: URIRef
    phase: URIRef
    publisher: URIRef
    regulatoryMilestones: URIRef
    royalties: URIRef
    salesMilestones: URIRef
    siRNA: URIRef
    source: URIRef
    status: URIRef
    subsidiaryOf: URIRef
    targets: URIRef
    territory: URIRef
    territoryText: URIRef
    ticker: URIRef
    totalValue: URIRef
    upfront: URIRef
    url: URIRef
    usdMillions: URIRef
    wikidata: URIRef
    year: URIRef


PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": ID_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
}

SPARQL_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def entity_iri(kind: str, slug: str) -> URIRef:
    """The stable IRI of a thing: https://w3id.org/dealgraph/id/{kind}/{slug}."""
    return URIRef(f"{ID_BASE}{kind}/{slug}")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind only our prefixes, so that serialisations do not depend on rdflib's defaults."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def ontology_terms(graph: Graph) -> set[str]:
    """Local names of every term the ontology file defines (used to check `KG`)."""
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


if __name__ == "__main__":  # pragma: no cover - regeneration helper
    from kg.resources import ontology_file

    for term in sorted(ontology_terms(Graph().parse(ontology_file()))):
        print(f"    {term}: URIRef")
