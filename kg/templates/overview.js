/* The overview: the first view laid out in Python (physics off), panels, search over every entity,
   expansion, filters that only hide (never recolour), CSV and PNG export. Report text is only ever
   set as textContent or as the value of a vis label (drawn on a canvas), never parsed as HTML. */
(function () {
  "use strict";
  var KG = JSON.parse(document.getElementById("kg-data").textContent);
  var E = KG.entities, CLASSES = KG.classes;
  var byCommunity = false;
  var added = {};            // node ids brought in by search or expansion
  var classOn = {Program: true, Unit: true, Document: false, Theme: false, Report: false};
  var filters = {level: "", year: "", report: "", theme: ""};
  var most = 1;
  E.forEach(function (e) { if (e[2] !== "Report" && e[3] > most) { most = e[3]; } });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function shortLabel(s) { return s.length <= KG.label_chars ? s : s.slice(0, KG.label_chars - 1) + "…"; }
  function sizes(i) {
    var share = Math.sqrt(E[i][3] / most);
    return [10 + 22 * share, 13 + 9 * share];
  }
  function colourOf(i) {
    var e = E[i];
    if (byCommunity && e[5] >= 0 && (e[2] === "Program" || e[2] === "Unit")) {
      return KG.palette[e[5] % KG.palette.length];
    }
    return CLASSES[e[2]].color;
  }
  function nodeFor(i, x, y) {
    var s = sizes(i), c = colourOf(i);
    var n = {id: i, label: shortLabel(E[i][1]), shape: CLASSES[E[i][2]].shape, size: s[0],
             color: {background: c, border: c, highlight: {background: c, border: "#222"}, hover: {background: c, border: "#222"}},
             font: {size: s[1], face: "Noto Sans CJK SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif",
                    color: E[i][2] === "Report" ? "#ffffff" : "#222222"},
             x: x, y: y};
    return n;
  }

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  window.nodes = nodes;
  window.edges = edges;
  var initial = KG.drawn.concat(KG.toggled);
  initial.forEach(function (i) {
    var p = KG.positions[i] || [0, 0];
    nodes.add(nodeFor(i, p[0], p[1]));
  });
  function edgeId(e) { return e[0] + "-" + e[1] + "-" + e[3]; }
  function addEdgesFor(ids) {
    var have = {};
    ids.forEach(function (i) { have[i] = true; });
    KG.edges.forEach(function (e) {
      if ((have[e[0]] || have[e[1]]) && nodes.get(e[0]) && nodes.get(e[1]) && !edges.get(edgeId(e))) {
        edges.add({id: edgeId(e), from: e[0], to: e[1], value: e[2], relation: e[3],
                   dashes: e[3] === "hasComponent", color: {color: "#cfcfcf", highlight: "#555"}});
      }
    });
  }
  addEdgesFor(initial);

  var options = {
    physics: false,
    layout: {improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 200, hideEdgesOnDrag: true, multiselect: false},
    nodes: {borderWidth: 1, scaling: {label: {enabled: false}}},
    edges: {smooth: false, width: 1, scaling: {min: 1, max: 5}}
  };
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, options);
  window.network = network;

  // ---- visibility: classes and filters only hide; colours stay ------------------------------
  function matches(i) {
    var e = E[i];
    if (!classOn[e[2]] && !added[i]) { return false; }
    if (filters.level && e[2] !== "Report" && (KG.levels[i] || []).indexOf(filters.level) < 0) { return false; }
    if (filters.level && e[2] === "Report" && KG.report_of[i].level !== filters.level) { return false; }
    if (filters.year && e[2] !== "Report" && (KG.years[i] || []).indexOf(filters.year) < 0) { return false; }
    if (filters.year && e[2] === "Report" && KG.report_of[i].year !== filters.year) { return false; }
    if (filters.report !== "") {
      var r = Number(filters.report);
      if (i !== r && (KG.membership[r] || []).indexOf(i) < 0) { return false; }
    }
    if (filters.theme) {
      if (e[2] === "Theme") { return e[1] === filters.theme; }
      if ((KG.entity_themes[i] || []).indexOf(filters.theme) < 0) { return false; }
    }
    return true;
  }
  function refresh() {
    var updates = [];
    nodes.forEach(function (n) {
      var hide = !matches(n.id);
      if (Boolean(n.hidden) !== hide) { updates.push({id: n.id, hidden: hide}); }
    });
    if (updates.length) { nodes.update(updates); }
    legendCounts();
  }
  function recolour() {
    nodes.update(nodes.getIds().map(function (i) {
      var c = colourOf(i);
      return {id: i, color: {background: c, border: c, highlight: {background: c, border: "#222"}, hover: {background: c, border: "#222"}}};
    }));
    buildLegend();
  }

  // ---- legend ---------------------------------------------------------------------------
  var legend = document.getElementById("legend");
  function buildLegend() {
    legend.textContent = "";
    Object.keys(CLASSES).forEach(function (cls) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = classOn[cls];
      box.setAttribute("data-cls", cls);
      box.disabled = cls === "Report" && !KG.reports_drawn;
      box.addEventListener("change", function () { classOn[cls] = box.checked; refresh(); });
      var sw = el("span", "", "swatch");
      sw.style.background = CLASSES[cls].color;
      label.appendChild(box);
      label.appendChild(sw);
      label.appendChild(el("span", CLASSES[cls].zh));
      label.appendChild(el("span", "", "n"));
      label.lastChild.setAttribute("data-count", cls);
      legend.appendChild(label);
    });
    if (byCommunity) {
      var seen = {};
      E.forEach(function (e) { if (e[5] >= 0) { seen[e[5]] = true; } });
      Object.keys(seen).slice(0, KG.palette.length).forEach(function (k) {
        var row = el("div", "", "note");
        var sw = el("span", "", "swatch");
        sw.style.background = KG.palette[Number(k) % KG.palette.length];
        row.appendChild(sw);
        row.appendChild(el("span", "社群 " + (Number(k) + 1)));
        legend.appendChild(row);
      });
    }
    legendCounts();
  }
  function legendCounts() {
    var counts = {};
    nodes.forEach(function (n) { if (!n.hidden) { var c = E[n.id][2]; counts[c] = (counts[c] || 0) + 1; } });
    document.querySelectorAll("[data-count]").forEach(function (span) {
      span.textContent = "（" + (counts[span.getAttribute("data-count")] || 0) + "）";
    });
    var shown = 0;
    nodes.forEach(function (n) { if (!n.hidden) { shown += 1; } });
    document.getElementById("count").textContent = "显示 " + shown + " 个节点，全库共 " + KG.total + " 个实体。";
  }

  // ---- panels ---------------------------------------------------------------------------
  var panel = document.getElementById("details"), body = document.getElementById("body");
  function section(title) { body.appendChild(el("h3", title)); }
  function list(items, render) {
    var ul = el("ul");
    items.forEach(function (x) { var li = el("li"); render(li, x); ul.appendChild(li); });
    body.appendChild(ul);
  }
  function link(text, href) { var a = el("a", text); a.href = href; return a; }
  function entityLink(li, pair) {
    var a = link(E[pair[0]][1], "#");
    a.addEventListener("click", function (ev) { ev.preventDefault(); bring(pair[0]); });
    li.appendChild(a);
    if (pair[1] > 1) { li.appendChild(el("span", " ×" + pair[1], "src")); }
  }
  function neighbours(i, cls) {
    var d = KG.details[i] || {};
    return (d.cooccurs || []).filter(function (p) { return E[p[0]][2] === cls; })
      .sort(function (a, b) { return b[1] - a[1]; }).slice(0, 12);
  }
  function sentences(d) {
    if (!d.sentences || !d.sentences.length) { return; }
    section("出处（原文句子）");
    d.sentences.forEach(function (s) {
      var div = el("div", "", "sent");
      var a = link(s.text, s.page + "#at=" + s.at[0] + "-" + s.at[1]);
      a.className = "source";
      div.appendChild(a);
      div.appendChild(el("div", s.report, "src"));
      body.appendChild(div);
    });
  }
  function show(i) {
    var e = E[i], d = KG.details[i] || {};
    body.textContent = "";
    body.appendChild(el("h2", e[1]));
    body.appendChild(el("div", CLASSES[e[2]].zh + (e[2] !== "Report" ? " · " + e[3] + " 份报告 · " + e[4] + " 处提及" : ""), "note"));
    if (e[2] === "Program") {
      (d.definitions || []).forEach(function (x) { body.appendChild(el("div", "定义：" + x, "row")); });
      if (d.official) { body.appendChild(el("div", "官方表述：" + d.official, "row")); }
      if (d.hasComponent) { section("组成部分"); list(d.hasComponent, entityLink); }
      if (d.variants && d.variants.length) { body.appendChild(el("div", "异写：" + d.variants.join("、"), "row")); }
      if (KG.years[i]) { body.appendChild(el("div", "年度：" + KG.years[i].join("、"), "row")); }
      section("运用它的单位"); list(neighbours(i, "Unit"), entityLink);
      section("同条共现的提法"); list(neighbours(i, "Program"), entityLink);
    } else if (e[2] === "Unit") {
      ["kind", "level", "place"].forEach(function (k, n) {
        if (d[k]) { body.appendChild(el("div", ["类型", "层级", "地域"][n] + "：" + d[k], "row")); }
      });
      if (d.variants && d.variants.length) { body.appendChild(el("div", "写法：" + d.variants.join("、"), "row")); }
      section("运用的提法"); list(neighbours(i, "Program"), entityLink);
      if (d.problems && d.problems.length) {
        section("涉及的问题");
        list(d.problems, function (li, p) { li.appendChild(link(p.label, p.page + "#at=" + p.at + "-" + (p.at + p.label.length))); li.appendChild(el("span", " · " + p.report, "src")); });
      }
    } else if (e[2] === "Theme") {
      (d.groups || []).forEach(function (g) {
        body.appendChild(el("h3", g.report));
        list(g.problems, function (li, p) { li.appendChild(link(p.label, g.page + "#at=" + p.at + "-" + (p.at + p.label.length))); });
      });
    } else if (e[2] === "Report") {
      var r = KG.report_of[i];
      [["述职单位", r.unit], ["层级", r.level], ["年度", r.year], ["体裁", r.genre]].forEach(function (kv) {
        if (kv[1]) { body.appendChild(el("div", kv[0] + "：" + kv[1], "row")); }
      });
      body.appendChild(el("div", "条目 " + r.counts.statements + " · 提法 " + r.counts.programs + " · 单位 " + r.counts.units + " · 关联 " + r.counts.links, "row"));
      body.appendChild(link("打开报告页面", r.page));
      if (d.problems && d.problems.length) {
        section("问题与对应措施");
        list(d.problems, function (li, p) {
          li.appendChild(link(p.label, r.page + "#at=" + p.at + "-" + (p.at + p.label.length)));
          if (p.measures.length) { li.appendChild(el("div", "措施：" + p.measures.join("；"), "src")); }
        });
      }
    }
    sentences(d);
    panel.style.display = "block";
  }
  document.getElementById("close").addEventListener("click", function () { panel.style.display = "none"; });

  // ---- bringing nodes in ----------------------------------------------------------------
  function placeNear(i) {
    var d = KG.details[i] || {};
    var near = (d.cooccurs || []).map(function (p) { return p[0]; }).filter(function (j) { return nodes.get(j); });
    var base = near.length ? network.getPositions([near[0]])[near[0]] : network.getViewPosition();
    var angle = (i * 2.399963) % (2 * Math.PI);
    var r = 90 + 10 * (Object.keys(added).length % 7);
    return [base.x + r * Math.cos(angle), base.y + r * Math.sin(angle)];
  }
  function addNode(i) {
    if (nodes.get(i)) { if (nodes.get(i).hidden) { added[i] = true; nodes.update({id: i, hidden: false}); } return; }
    var p = placeNear(i);
    added[i] = true;
    nodes.add(nodeFor(i, p[0], p[1]));
  }
  function expand(i) {
    var d = KG.details[i] || {};
    var ids = [i];
    (d.cooccurs || []).slice().sort(function (a, b) { return b[1] - a[1]; }).slice(0, 8).forEach(function (p) { addNode(p[0]); ids.push(p[0]); });
    (d.hasComponent || []).forEach(function (p) { addNode(p[0]); ids.push(p[0]); });
    addEdgesFor(ids);
    legendCounts();
  }
  function bring(i) {
    addNode(i);
    expand(i);
    network.selectNodes([i]);
    network.focus(i, {scale: Math.max(network.getScale(), 0.8), animation: false});
    show(i);
  }
  window.kgBring = bring;
  network.on("click", function (params) { if (params.nodes.length) { show(params.nodes[0]); } });
  network.on("doubleClick", function (params) { if (params.nodes.length) { expand(params.nodes[0]); } });
  document.getElementById("back").addEventListener("click", function () {
    nodes.remove(Object.keys(added).map(Number).filter(function (i) { return initial.indexOf(i) < 0; }));
    added = {};
    refresh();
    panel.style.display = "none";
    network.fit({animation: false});
  });

  // ---- search over every entity ------------------------------------------------------------
  var search = document.getElementById("search"), matchesBox = document.getElementById("matches");
  search.addEventListener("input", function () {
    var q = search.value.trim();
    matchesBox.textContent = "";
    if (!q) { return; }
    var found = [];
    for (var i = 0; i < E.length && found.length < 20; i++) { if (E[i][1].indexOf(q) >= 0) { found.push(i); } }
    found.forEach(function (i) {
      var row = el("div", E[i][1]);
      row.appendChild(el("small", " " + CLASSES[E[i][2]].zh + " · " + E[i][3] + " 份报告" + (nodes.get(i) && !nodes.get(i).hidden ? "" : " · 未显示")));
      row.addEventListener("click", function () { bring(i); });
      matchesBox.appendChild(row);
    });
    if (found.length === 1 || (found.length && E[found[0]][1] === q)) { bring(found[0]); }
  });

  // ---- filters ---------------------------------------------------------------------------
  function fill(id, values, key) {
    var sel = document.getElementById(id);
    values.forEach(function (v) { var o = el("option", v[1]); o.value = v[0]; sel.appendChild(o); });
    sel.addEventListener("change", function () { filters[key] = sel.value; refresh(); });
  }
  fill("f-level", KG.all_levels.map(function (v) { return [v, v]; }), "level");
  fill("f-year", KG.all_years.map(function (v) { return [v, v]; }), "year");
  fill("f-report", Object.keys(KG.report_of).map(function (i) { return [i, KG.report_of[i].title]; }), "report");
  fill("f-theme", KG.themes.map(function (v) { return [v, v]; }), "theme");
  if (!KG.reports_drawn) { document.getElementById("f-report").disabled = true; }
  document.getElementById("by-community").addEventListener("change", function (ev) { byCommunity = ev.target.checked; recolour(); });
  document.getElementById("notes").textContent = KG.notes.join(" ");

  // ---- export ----------------------------------------------------------------------------
  function download(name, href) { var a = el("a"); a.href = href; a.download = name; document.body.appendChild(a); a.click(); a.remove(); }
  function csvCell(v) { v = String(v); return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  function selectionCsv() {
    var rows = [["kind", "id", "label", "class", "reports", "from", "to", "relation", "weight"]];
    var visible = {};
    nodes.forEach(function (n) { if (!n.hidden) { visible[n.id] = true; rows.push(["node", E[n.id][0], E[n.id][1], E[n.id][2], E[n.id][3], "", "", "", ""]); } });
    edges.forEach(function (e) { if (visible[e.from] && visible[e.to]) { rows.push(["edge", "", "", "", "", E[e.from][0], E[e.to][0], e.relation, e.value]); } });
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  window.kgSelectionCsv = selectionCsv;
  document.getElementById("csv").addEventListener("click", function () {
    download("selection.csv", URL.createObjectURL(new Blob([selectionCsv()], {type: "text/csv;charset=utf-8"})));
  });
  document.getElementById("png").addEventListener("click", function () {
    download("overview.png", document.querySelector("#graph canvas").toDataURL("image/png"));
  });

  buildLegend();
  refresh();
  network.fit({animation: false});
  window.kgStabilized = true;
  window.kgReady = true;
})();
