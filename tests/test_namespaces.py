from rdflib import Graph

from kg.namespaces import KG, ontology_terms
from kg.resources import ontology_file


def test_closed_namespace_matches_ontology_file():
    defined = ontology_terms(Graph().parse(ontology_file()))
    declared = set(KG.__annotations__)
    assert declared == defined, f"in code only: {declared - defined}; in ontology only: {defined - declared}"


def test_every_term_has_label_and_comment():
    from rdflib.namespace import RDFS

    g = Graph().parse(ontology_file())
    for term in ontology_terms(g):
        iri = KG[term]
        assert g.value(iri, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert g.value(iri, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_unknown_term_raises():
    import pytest

    with pytest.raises(AttributeError):
        _ = KG.notATerm
