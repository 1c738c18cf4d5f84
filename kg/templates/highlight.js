/* A report page opened at #at=START-END (character offsets of the original text) marks that passage and
   scrolls to it: the overview's source sentences link here. */
(function () {
  "use strict";
  function mark() {
    var m = /^#at=(\d+)-(\d+)$/.exec(location.hash);
    document.querySelectorAll("mark.kg-at").forEach(function (x) { x.replaceWith(document.createTextNode(x.textContent)); });
    if (!m) { return; }
    var start = Number(m[1]), end = Number(m[2]), best = null;
    document.querySelectorAll(".passage[data-start]").forEach(function (p) {
      var s = Number(p.getAttribute("data-start"));
      if (s <= start && start < s + p.textContent.length && (!best || s >= Number(best.getAttribute("data-start")))) { best = p; }
    });
    if (!best) { return; }
    best.normalize();
    var text = best.firstChild, s0 = Number(best.getAttribute("data-start"));
    if (!text || text.nodeType !== 3) { return; }
    var range = document.createRange();
    range.setStart(text, start - s0);
    range.setEnd(text, Math.min(end - s0, text.length));
    var hl = document.createElement("mark");
    hl.className = "kg-at";
    range.surroundContents(hl);
    for (var d = best.parentElement; d; d = d.parentElement) { if (d.tagName === "DETAILS") { d.open = true; } }
    hl.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
