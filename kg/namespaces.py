"""Namespaces: DJO (ontology terms, guarded against typos) and DJ (instances)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

DJO_IRI = "https://w3id.org/dangjian-kg/ontology#"
DJ_IRI = "https://w3id.org/dangjian-kg/id/"
ORG_IRI = "http://www.w3.org/ns/org#"
PROV_IRI = "http://www.w3.org/ns/prov#"
NIF_IRI = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


class DJO(DefinedNamespace):
    """The ontology's terms; using an undefined one raises AttributeError."""

    _NS = Namespace(DJO_IRI)
    _fail = True

    Cause: URIRef
    Document: URIRef
    LinkEvidence: URIRef
    Measure: URIRef
    Mention: URIRef
    Metric: URIRef
    Place: URIRef
    Practice: URIRef
    Problem: URIRef
    Program: URIRef
    Report: URIRef
    Role: URIRef
    Statement: URIRef
    Tally: URIRef
    Theme: URIRef
    Unit: URIRef
    addresses: URIRef
    approximate: URIRef
    citedBy: URIRef
    countedThing: URIRef
    distinctPrograms: URIRef
    documentLabel: URIRef
    encoding: URIRef
    end: URIRef
    evidenceFor: URIRef
    evidenceTarget: URIRef
    exampleMention: URIRef
    explains: URIRef
    genre: URIRef
    hasComponent: URIRef
    hasMetric: URIRef
    inReport: URIRef
    invokes: URIRef
    involves: URIRef
    kindEvidence: URIRef
    level: URIRef
    levelLabel: URIRef
    masked: URIRef
    maskedMetricCount: URIRef
    mentionCount: URIRef
    mentions: URIRef
    metricCount: URIRef
    named: URIRef
    namedAtLevel: URIRef
    namedInYear: URIRef
    otherReport: URIRef
    parentStatement: URIRef
    place: URIRef
    problemCount: URIRef
    programA: URIRef
    programB: URIRef
    programCount: URIRef
    programKind: URIRef
    refersTo: URIRef
    relation: URIRef
    reportCount: URIRef
    titleRank: URIRef
    reporterRole: URIRef
    reportingUnit: URIRef
    score: URIRef
    sentence: URIRef
    sha256: URIRef
    sharedTextEvidence: URIRef
    sharedWord: URIRef
    sharesTextWith: URIRef
    sourcePath: URIRef
    start: URIRef
    statementCount: URIRef
    statementKinds: URIRef
    tallyKind: URIRef
    tallyLevel: URIRef
    tallyProgram: URIRef
    tallyProgramLabel: URIRef
    tallyYear: URIRef
    text: URIRef
    textShare: URIRef
    theme: URIRef
    themeLabel: URIRef
    unitCount: URIRef
    unitKind: URIRef
    unitKindLabel: URIRef
    unitLabel: URIRef
    unitOfMeasure: URIRef
    value: URIRef
    valueMax: URIRef
    year: URIRef

DJ = Namespace(DJ_IRI)

PREFIXES = {
    "djo": DJO_IRI,
    "dj": DJ_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": ORG_IRI,
    "prov": PROV_IRI,
    "dcterms": "http://purl.org/dc/terms/",
    "nif": NIF_IRI,
}
