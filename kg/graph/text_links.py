"""Reports that share long passages: djo:sharesTextWith both ways, the share on an evidence node."""

from __future__ import annotations

import pyoxigraph as ox

from .terms import decimal, djo, fresh, report_iri, term


def shared_text_triples(pairs: list[tuple[str, str, float]]) -> list[ox.Triple]:
    T = ox.Triple
    out: list[ox.Triple] = []
    for a, b, share in pairs:
        ra, rb = term(report_iri(a)), term(report_iri(b))
        for x, y, yid in ((ra, rb, b), (rb, ra, a)):
            node = fresh(f"{x.value}/shares/{yid}")
            out += [T(x, djo("sharesTextWith"), y), T(x, djo("sharedTextEvidence"), node),
                    T(node, djo("otherReport"), y), T(node, djo("textShare"), decimal(share))]
    return out
