/* kg network viewer: draws the page data with vis-network (graph) and uPlot (timeline).
   Every string from the graph reaches the DOM through textContent only (article text is
   untrusted); links are set only from http(s) URLs. Filters, focus and the date range work
   on evidence rows and switch vis-network items on and off in place (no DataSet rebuild),
   so a change at 5,000 nodes costs one pass over the data and one redraw. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var VIEW = data.view;
  var PREDS = data.preds; // [name, label, family, symmetric, guidelines]
  var ARTS = data.articles; // [id, title, outlet, date, url, day]
  var NODES = data.nodes;
  var N_REAL_NODES = data.stats.nodes;
  var N_REAL_EDGES = data.edges.length;
  var FAMILIES = ["cooperation", "conflict", "structural"];
  var FAMILY_COLOURS = {};
  var FAMILY_DASHES = {};
  data.legend.families.forEach(function (row) { FAMILY_COLOURS[row[0]] = row[1]; FAMILY_DASHES[row[0]] = row[2]; });
  var STOPS = data.legend.stops;
  var PHYSICS = !data.large;
  var DAY_MS = 86400000;
  var TIP_EVIDENCE = 3;
  var FAINT_LIMIT = 1500;  // visible edges past which a focus hides the others instead of dimming them
  var GROUP_ITEMS = 25;  // entries listed per relation group before "show all"
  var predByName = {};
  PREDS.forEach(function (p, i) { predByName[p[0]] = i; });

  /* ---------- edges: real ones, then the folded ones ("actors as countries") ---------- */
  var EDGES = [];
  var EV = [];
  // the page leaves out what follows from the rest: styles from the predicate's family, empty fields
  NODES.forEach(function (n) {
    if (n.iri.indexOf(":") === -1) { n.iri = data.iriBase + n.iri; }
    if (n.fold === undefined) { n.fold = -1; }
    n.country = n.country || ""; n.note = n.note || ""; n.aka = n.aka || []; n.extra = !!n.extra;
    n.shape = (data.options.groups[n.cls] || {}).shape || "dot";
  });
  data.edges.forEach(function (e) {
    EV.push(e.ev);
    var family = e.pred >= 0 && PREDS[e.pred] ? PREDS[e.pred][2] : "structural";
    EDGES.push({ id: e.id, from: e.from, to: e.to, pred: e.pred, family: family, sym: !!e.sym,
      colour: FAMILY_COLOURS[family], dashes: FAMILY_DASHES[family], width: edgeWidth(e.ev.length),
      notes: e.notes || [], folded: !!e.folded, fold: false, smooth: e.smooth || { enabled: false } });
  });
  data.folded.forEach(function (f) {
    var id = EDGES.length, p = PREDS[f[2]] || ["?", "?", "structural", true, 1];
    var rows = [];
    f[3].forEach(function (part) { rows = rows.concat(EV[part]); });
    rows.sort(function (a, b) { return ARTS[a[0]][5] - ARTS[b[0]][5]; });
    EV.push(rows);
    EDGES.push({ id: id, from: f[0], to: f[1], pred: f[2], family: p[2], sym: p[3], colour: FAMILY_COLOURS[p[2]],
      dashes: FAMILY_DASHES[p[2]], width: 1.5, notes: [], folded: false, fold: true, parts: f[3], smooth: f[4] });
  });
  var nodeIdByIri = {};
  NODES.forEach(function (n) { nodeIdByIri[n.iri] = n.id; });
  var incident = NODES.map(function () { return []; });
  EDGES.forEach(function (e) { incident[e.from].push(e.id); if (e.to !== e.from) { incident[e.to].push(e.id); } });

  /* ---------- small helpers ---------- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function byId(id) { return document.getElementById(id); }
  function safeUrl(url) { return /^https?:\/\//i.test(String(url || "")) ? String(url) : ""; }
  function link(url, text) {
    var a = el("a", null, text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function dayToIso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function isoToDay(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(text || ""))) { return null; }
    var t = Date.parse(text + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / DAY_MS);
  }
  function predLabel(i) { return i >= 0 && PREDS[i] ? PREDS[i][1] : "relation"; }
  function familyOf(i) { return i >= 0 && PREDS[i] ? PREDS[i][2] : "structural"; }
  function hexToRgb(hex) { return [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); }); }
  function balanceColour(b) {
    b = Math.max(-1, Math.min(1, b));
    for (var i = 1; i < STOPS.length; i++) {
      if (b <= STOPS[i][0]) {
        var t = (b - STOPS[i - 1][0]) / (STOPS[i][0] - STOPS[i - 1][0]);
        var c0 = hexToRgb(STOPS[i - 1][1]), c1 = hexToRgb(STOPS[i][1]);
        return "#" + c0.map(function (c, k) {
          return ("0" + Math.round(c + (c1[k] - c) * t).toString(16)).slice(-2);
        }).join("");
      }
    }
    return STOPS[STOPS.length - 1][1];
  }
  function balanceDashes(b) {
    if (b < 0) { return FAMILY_DASHES.conflict; }
    if (b === 0) { return FAMILY_DASHES.structural; }
    return FAMILY_DASHES.cooperation;
  }
  function edgeWidth(count) { return Math.min(10, 1.5 + 1.5 * Math.log2(Math.max(1, count))); }
  function countryKey(n) { return NODES[n].country || ""; }

  /* ---------- state ---------- */
  var classes = data.legend.classes.map(function (r) { return r[0]; });
  var countryNames = {};
  NODES.forEach(function (n) {
    if (n.country && (n.cls === "Country" || !countryNames[n.country])) { countryNames[n.country] = n.cls === "Country" ? n.name : n.country; }
  });
  var countryCounts = {};
  NODES.forEach(function (n) { if (!n.extra) { var k = n.country || ""; countryCounts[k] = (countryCounts[k] || 0) + 1; } });
  var countryKeys = Object.keys(countryCounts).sort(function (a, b) {
    return countryCounts[b] - countryCounts[a] || (countryNames[a] || a).localeCompare(countryNames[b] || b);
  });
  var DEFAULTS = {
    hp: new Set(data.defaults.hidePreds.map(function (n) { return predByName[n]; }).filter(function (i) { return i !== undefined; })),
    top: data.defaults.top
  };
  function freshState() {
    return { hp: new Set(DEFAULTS.hp), hc: new Set(), hk: new Set(), conf: 0, from: null, to: null,
      top: DEFAULTS.top, fold: false, focus: -1, pair: null, bucket: "month" };
  }
  var S = freshState();
  function localName(iri) { return String(iri).replace(/^.*[/#:]/, ""); }
  var nodeByLocal = {};
  NODES.forEach(function (n) { if (!(localName(n.iri) in nodeByLocal)) { nodeByLocal[localName(n.iri)] = n.id; } });
  var predIds = PREDS.map(function (_p, i) { return i; });

  /* ---------- the filter pass ---------- */
  var nE = EDGES.length, nN = NODES.length;
  var eCount = new Int32Array(nE), eCoop = new Int32Array(nE), eConf = new Int32Array(nE);
  var eVis = new Uint8Array(nE), eLit = new Uint8Array(nE);
  var nW = new Float64Array(nN), nVis = new Uint8Array(nN), nLit = new Uint8Array(nN);
  var labelOrder = [];
  var dimming = false;
  var lastStats = {};

  function rowPasses(r, useTime) {
    if (r[2] >= 0 && S.hp.has(r[2])) { return false; }
    if (r[1] < S.conf) { return false; }
    if (useTime && (S.from !== null || S.to !== null)) {
      var d = ARTS[r[0]][5];
      if (d < 0) { return false; }
      if (S.from !== null && d < S.from) { return false; }
      if (S.to !== null && d > S.to) { return false; }
    }
    return true;
  }
  function inMode(e) { return S.fold ? (e.fold || !e.folded) : !e.fold; }
  function nodeOk(n) {
    var node = NODES[n];
    if (S.hc.has(node.cls)) { return false; }
    return S.fold ? node.fold < 0 : !node.extra;
  }
  function countryOk(e) {
    if (!S.hk.size) { return true; }
    return !S.hk.has(countryKey(e.from)) || !S.hk.has(countryKey(e.to));
  }
  function centred(n) { return n === S.focus || (S.pair !== null && (n === S.pair[0] || n === S.pair[1])); }
  // a focused node shows even when a class filter hides its kind (search found it, the user asked for it)
  function nodeShown(n) { return nodeOk(n) || (centred(n) && (S.fold ? NODES[n].fold < 0 : !NODES[n].extra)); }
  function edgeOk(e) { return inMode(e) && nodeShown(e.from) && nodeShown(e.to) && countryOk(e); }

  function compute() {
    var i, e, rows, k;
    var undated = 0, dated = 0, inRange = 0;
    nW.fill(0); nVis.fill(0); eVis.fill(0); eLit.fill(0); nLit.fill(0);
    for (i = 0; i < nE; i++) {
      e = EDGES[i];
      var c = 0, co = 0, cf = 0;
      if (edgeOk(e)) {
        rows = EV[i];
        for (k = 0; k < rows.length; k++) {
          var r = rows[k];
          if (!rowPasses(r, false)) { continue; }
          var d = ARTS[r[0]][5];
          if (d < 0) { undated++; } else { dated++; }
          if (S.from !== null || S.to !== null) {
            if (d < 0 || (S.from !== null && d < S.from) || (S.to !== null && d > S.to)) { continue; }
          }
          if (d >= 0) { inRange++; }
          c++;
          var fam = familyOf(r[2]);
          if (fam === "cooperation") { co++; } else if (fam === "conflict") { cf++; }
        }
      }
      eCount[i] = c; eCoop[i] = co; eConf[i] = cf;
      if (c > 0) { eVis[i] = 1; nW[e.from] += c; nW[e.to] += c; }
    }
    var shown = [];
    for (i = 0; i < nN; i++) { if (nW[i] > 0) { shown.push(i); } }
    if (S.top > 0 && shown.length > S.top) {
      shown.sort(function (a, b) { return nW[b] - nW[a] || NODES[b].imp - NODES[a].imp || a - b; });
      var keep = new Uint8Array(nN);
      for (i = 0; i < S.top; i++) { keep[shown[i]] = 1; }
      for (i = 0; i < nE; i++) { if (eVis[i] && !(keep[EDGES[i].from] && keep[EDGES[i].to])) { eVis[i] = 0; } }
    }
    for (i = 0; i < nE; i++) { if (eVis[i]) { nVis[EDGES[i].from] = 1; nVis[EDGES[i].to] = 1; } }
    // focus: the node (or pair) and its relations under the evidence filters stay on screen
    dimming = false;
    if (S.focus >= 0 || S.pair) {
      dimming = true;
      var centre = S.focus >= 0 ? [S.focus] : S.pair;
      centre.forEach(function (n) { nVis[n] = 1; nLit[n] = 1; });
      centre.forEach(function (n) {
        incident[n].forEach(function (id) {
          var ed = EDGES[id];
          if (!eCount[id] || !inMode(ed) || !countryOk(ed)) { return; }
          var other = ed.from === n ? ed.to : ed.from;
          if (S.pair && other !== (n === S.pair[0] ? S.pair[1] : S.pair[0])) { return; }
          if (!nodeOk(other) && other !== S.focus) { return; }
          eVis[id] = 1; eLit[id] = 1; nVis[other] = 1; nLit[other] = 1;
        });
      });
    }
    // labels: focus first, then lit neighbours, then by weight and importance
    var order = [];
    for (i = 0; i < nN; i++) { if (nVis[i] && (!dimming || nLit[i])) { order.push(i); } }
    order.sort(function (a, b) {
      var fa = (a === S.focus || (S.pair && S.pair.indexOf(a) >= 0)) ? 1 : 0;
      var fb = (b === S.focus || (S.pair && S.pair.indexOf(b) >= 0)) ? 1 : 0;
      return fb - fa || nW[b] - nW[a] || NODES[b].imp - NODES[a].imp || a - b;
    });
    labelOrder = order;
    lastStats = { dated: dated, undated: undated, inRange: inRange };
  }

  /* ---------- vis-network ---------- */
  function visNode(n) {
    var r = { id: n.id, group: n.cls, value: n.value, hidden: !nVis[n.id], physics: PHYSICS && !!nVis[n.id] };
    if (n.x !== undefined) { r.x = n.x; r.y = n.y; }
    return r;
  }
  function edgeColour(e) {
    if (VIEW === "countries") {
      var total = eCoop[e.id] + eConf[e.id];
      return total ? balanceColour((eCoop[e.id] - eConf[e.id]) / total) : e.colour;
    }
    return e.colour;
  }
  function edgeDashes(e) {
    if (VIEW === "countries") {
      var total = eCoop[e.id] + eConf[e.id];
      return total ? balanceDashes((eCoop[e.id] - eConf[e.id]) / total) : e.dashes;
    }
    return e.dashes;
  }
  function visEdge(e) {
    var c = edgeColour(e);
    return {
      id: e.id, from: e.from, to: e.to,
      arrows: { to: { enabled: !e.sym, scaleFactor: 0.6 } },
      width: e.fold ? edgeWidth(eCount[e.id]) : (VIEW === "countries" ? edgeWidth(eCount[e.id] || 1) : e.width),
      color: { color: c, highlight: c, hover: c, opacity: 1 },
      dashes: edgeDashes(e),
      smooth: e.smooth,
      hidden: !eVis[e.id], physics: PHYSICS && !!eVis[e.id]
    };
  }

  readHash();
  compute();
  var nodes = new vis.DataSet(NODES.map(visNode));
  var edges = new vis.DataSet(EDGES.map(visEdge));
  var container = byId("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var body = network.body;
  var tip = byId("kg-tip");
  var settled = false;
  var placed = new Uint8Array(nN);
  for (var pi = 0; pi < nN; pi++) { placed[pi] = (nVis[pi] || data.large) ? 1 : 0; }
  Object.keys(body.edges).forEach(function (id) {
    var ed = body.edges[id];
    ed.options.color = Object.assign({}, ed.options.color); // own colour record: dimming changes its opacity
    ed.kgDashes = ed.options.dashes;
  });
  /* Dash patterns are kept in screen pixels: in canvas units a zoomed-out view would cut every edge into
     hundreds of sub-pixel dashes, which costs more to draw than the rest of the picture. */
  var dashScale = null;
  function setDashes(edge, base) {
    edge.kgDashes = base;
    edge.options.dashes = base && base.map && dashScale ? base.map(function (d) { return d / dashScale; }) : base;
  }
  network.on("beforeDrawing", function () {
    var scale = body.view.scale;
    if (dashScale !== null && Math.abs(scale - dashScale) < 1e-9) { return; }
    dashScale = scale;
    Object.keys(body.edges).forEach(function (id) {
      var edge = body.edges[id];
      if (edge.kgDashes && edge.kgDashes.map) { setDashes(edge, edge.kgDashes); }
    });
  });
  window.kgStats = data.stats;

  /* Arrowheads in batches: vis-network finds each arrow's place on the node's border by measuring the
     node (slow past a few thousand edges); straight edges get it computed here from the node's size and
     shape and are filled one path per colour. Curved, hovered and self edges keep vis-network's arrows. */
  var renderer = network.renderer;
  var rgbaCache = {};
  function rgba(hex, alpha) {
    var key = hex + alpha;
    if (!rgbaCache[key]) {
      var c = /^#[0-9a-f]{6}$/i.test(hex) ? hexToRgb(hex) : [100, 100, 100];
      rgbaCache[key] = "rgba(" + c[0] + "," + c[1] + "," + c[2] + "," + alpha + ")";
    }
    return rgbaCache[key];
  }
  function borderDistance(node, ux, uy) {
    var size = node.options.size || 10, shape = node.options.shape;
    var ax = Math.abs(ux), ay = Math.abs(uy);
    if (shape === "square") { return size / Math.max(ax, ay, 1e-6); }
    if (shape === "diamond") { return size / Math.max(ax + ay, 1e-6); }
    return size;
  }
  /* Straight edges in batches too: one path per colour, width and dash pattern (a path of more than a
     few hundred pieces gets slow to extend, so they are flushed every 400). */
  var visDrawEdges = renderer._drawEdges.bind(renderer);
  renderer._drawEdges = function (ctx) {
    var scale = body.view.scale;
    var batches = {}, order = [];
    var indices = body.edgeIndices;
    for (var i = 0; i < indices.length; i++) {
      var edge = body.edges[indices[i]];
      if (!edge.connected) { continue; }
      var o = edge.options;
      if (o.smooth.enabled || edge.selected || edge.hover || edge.from === edge.to || o.color.inherit ||
          (o.background && o.background.enabled) || (o.shadow && o.shadow.enabled)) {
        edge.draw(ctx);
        continue;
      }
      var alpha = o.color.opacity === undefined ? 1 : o.color.opacity;
      var dashes = o.dashes && o.dashes.join ? o.dashes.join(",") : "";
      var key = o.color.color + "|" + alpha + "|" + Math.max(o.width, 0.3 / scale) + "|" + dashes;
      var list = batches[key];
      if (!list) { list = batches[key] = []; order.push(key); }
      list.push(edge.from.x, edge.from.y, edge.to.x, edge.to.y);
    }
    ctx.save();
    ctx.lineCap = "round";
    order.forEach(function (key) {
      var parts = key.split("|"), list = batches[key];
      ctx.strokeStyle = rgba(parts[0], parts[1]);
      ctx.lineWidth = Number(parts[2]);
      ctx.setLineDash(parts[3] ? parts[3].split(",").map(Number) : []);
      ctx.beginPath();
      for (var k = 0; k < list.length; k += 4) {
        if (k && k % 1600 === 0) { ctx.stroke(); ctx.beginPath(); }
        ctx.moveTo(list[k], list[k + 1]);
        ctx.lineTo(list[k + 2], list[k + 3]);
      }
      ctx.stroke();
    });
    ctx.restore();
  };
  window.kgVisDrawEdges = visDrawEdges;

  /* While a focus dims the rest, the dimmed nodes are drawn in batches (faint, borderless); vis-network
     draws the lit ones, and every node outside a focus, itself. */
  var visDrawNodes = renderer._drawNodes.bind(renderer);
  renderer._drawNodes = function (ctx, alwaysShow) {
    if (!dimming || nN < 300) { return visDrawNodes(ctx, alwaysShow); }
    var saved = body.nodeIndices, lit = [], batches = {}, order = [];
    for (var i = 0; i < saved.length; i++) {
      var node = body.nodes[saved[i]];
      if (nLit[saved[i]] || node.hover || node.selected) { lit.push(saved[i]); continue; }
      var key = node.options.color.background + "|" + node.options.shape;
      var list = batches[key];
      if (!list) { list = batches[key] = []; order.push(key); }
      list.push(node.x, node.y, node.options.size || 10);
    }
    order.forEach(function (key) {
      var parts = key.split("|"), list = batches[key], shape = parts[1];
      ctx.fillStyle = rgba(parts[0], 0.15);
      ctx.beginPath();
      for (var k = 0; k < list.length; k += 3) {
        if (k && k % 1200 === 0) { ctx.fill(); ctx.beginPath(); }
        var x = list[k], y = list[k + 1], r = list[k + 2];
        if (shape === "square") { ctx.rect(x - r, y - r, 2 * r, 2 * r); }
        else if (shape === "diamond") {
          ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
        } else { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); }
      }
      ctx.fill();
    });
    body.nodeIndices = lit;
    try { return visDrawNodes(ctx, alwaysShow); } finally { body.nodeIndices = saved; }
  };

  renderer._drawArrows = function (ctx) {
    var scale = body.view.scale;
    var batches = {}, order = [];
    var indices = body.edgeIndices;
    for (var i = 0; i < indices.length; i++) {
      var edge = body.edges[indices[i]];
      if (!edge.connected) { continue; }
      var o = edge.options, to = o.arrows.to;
      if (!(to === true || (to && to.enabled))) { continue; }
      if (edge.selected || edge.hover || edge.from === edge.to || o.arrows.from.enabled) {
        edge.drawArrows(ctx);
        continue;
      }
      var a = edge.from, b = edge.to, tipX, tipY, ux, uy;
      if (o.smooth.enabled && edge.edgeType._getViaCoordinates) {
        // a curve: bisect for where it leaves the target node, and point the arrow along it
        var type = edge.edgeType, via = type._getViaCoordinates(), lo = 0.5, hi = 1, p;
        for (var it = 0; it < 12; it++) {
          var mid = (lo + hi) / 2;
          p = type.getPoint(mid, via);
          var ex = p.x - b.x, ey = p.y - b.y;
          var bx = Math.sqrt(ex * ex + ey * ey);
          if (bx > borderDistance(b, ex / (bx || 1), ey / (bx || 1))) { lo = mid; } else { hi = mid; }
        }
        p = type.getPoint(lo, via);
        var q = type.getPoint(Math.max(0, lo - 0.05), via);
        var qx = p.x - q.x, qy = p.y - q.y, ql = Math.sqrt(qx * qx + qy * qy);
        if (ql < 1e-6) { continue; }
        tipX = p.x; tipY = p.y; ux = qx / ql; uy = qy / ql;
      } else {
        var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy);
        if (len < 1) { continue; }
        ux = dx / len; uy = dy / len;
        var r = borderDistance(b, ux, uy);
        tipX = b.x - ux * r; tipY = b.y - uy * r;
      }
      var length = 15 * (to.scaleFactor || 1) + 3 * Math.max(o.width, 0.3 / scale);
      var alpha = o.color.opacity === undefined ? 1 : o.color.opacity;
      var key = o.color.color + "|" + alpha;
      var list = batches[key];
      if (!list) { list = batches[key] = []; order.push(key); }
      list.push(tipX, tipY, ux, uy, length);
    }
    order.forEach(function (key) {
      var parts = key.split("|"), list = batches[key];
      ctx.fillStyle = rgba(parts[0], parts[1]);
      ctx.beginPath();
      for (var k = 0; k < list.length; k += 5) {
        if (k && k % 500 === 0) { ctx.fill(); ctx.beginPath(); }  // long paths get slow to extend
        var x = list[k], y = list[k + 1], cx = list[k + 2], cy = list[k + 3], l = list[k + 4];
        // vis-network's arrow: (0,0) (-1,0.3) (-0.9,0) (-1,-0.3), scaled by the length, along the edge
        ctx.moveTo(x, y);
        ctx.lineTo(x + l * (-cx - 0.3 * cy), y + l * (-cy + 0.3 * cx));
        ctx.lineTo(x - 0.9 * l * cx, y - 0.9 * l * cy);
        ctx.lineTo(x + l * (-cx + 0.3 * cy), y + l * (-cy - 0.3 * cx));
        ctx.closePath();
      }
      ctx.fill();
    });
  };

  var profile = window.kgProfile = {};
  function apply(opts) {
    var t0 = performance.now(), t = t0;
    function lap(name) { var now = performance.now(); profile[name] = now - t; t = now; }
    compute();
    lap("compute");
    var shownNew = [];
    var changed = false;
    for (var n = 0; n < nN; n++) {
      var node = body.nodes[n];
      if (!node) { continue; }
      var hide = !nVis[n];
      if (node.options.hidden !== hide) {
        node.options.hidden = hide;
        node.options.physics = PHYSICS && !hide;
        changed = true;
        if (!hide && !placed[n]) { shownNew.push(n); }
      }
      node.options.opacity = dimming && !nLit[n] ? 0.15 : undefined;
      node.options.borderWidth = n === S.focus || (S.pair && (n === S.pair[0] || n === S.pair[1])) ? 3 : 1;
    }
    var many = 0;  // with many edges on screen, those outside the focus are left out, not drawn faint
    if (dimming) { for (var k = 0; k < nE; k++) { many += eVis[k]; } }
    var dropFaint = many > FAINT_LIMIT;
    for (var i = 0; i < nE; i++) {
      var edge = body.edges[i];
      if (!edge) { continue; }
      var e = EDGES[i];
      var h = !eVis[i] || (dropFaint && !eLit[i]);
      if (edge.options.hidden !== h) {
        edge.options.hidden = h;
        edge.options.physics = PHYSICS && !h;
        changed = true;
      }
      edge.options.color.opacity = dimming && !eLit[i] ? 0.07 : 1;
      if (e.fold || VIEW === "countries") {
        edge.options.width = edgeWidth(eCount[i] || 1);
        var c = edgeColour(e);
        edge.options.color.color = c; edge.options.color.highlight = c; edge.options.color.hover = c;
        setDashes(edge, edgeDashes(e));
      }
    }
    if (changed) {
      network._updateVisibleIndices();
      if (PHYSICS) { network.physics.updatePhysicsData(); }
    }
    if (shownNew.length) { placeNear(shownNew); }
    lap("vis");
    if (opts && opts.fit) { fitLit(); }
    lap("fit");
    // one draw, in the next frame (a fit has asked for one already; more requests add nothing)
    body.emitter.emit("_requestRedraw");
    lap("draw");
    showStats();
    if (!(opts && opts.quiet)) {
      renderPanel();
      lap("panel");
      updateTimeline();
      lap("timeline");
      updateTimeStatus();
      syncControls();
      writeHash();
      lap("rest");
    }
    if (shownNew.length && PHYSICS && settled) { relayout(!dimming); }
    window.kgLastApplyMs = performance.now() - t0;
  }

  /* ---------- settle: physics runs until stable, then stops ---------- */
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    byId("kg-progress").textContent = "";
    if (S.focus >= 0 || S.pair) { fitLit(); }
    network.redraw();
    window.kgSettledAt = performance.now();
    document.body.setAttribute("data-settled", "1");
  }
  if (data.stats.nodes === 0) {
    settle();
    byId("kg-progress").textContent = "Nothing to show in this view.";
  } else if (PHYSICS) {
    network.on("stabilizationProgress", function (p) {
      byId("kg-progress").textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", function () { setTimeout(settle, 0); });
    network.fit({ animation: false });
  }

  function placeNear(list) {
    list.forEach(function (n) {
      var anchor = null;
      incident[n].forEach(function (id) {
        var other = EDGES[id].from === n ? EDGES[id].to : EDGES[id].from;
        if (anchor === null && eVis[id] && placed[other] && nVis[other]) { anchor = other; }
      });
      var members = [];
      if (anchor === null) {  // a folded country: the centre of its members
        NODES.forEach(function (m) { if (m.fold === n && placed[m.id]) { members.push(m.id); } });
      }
      var pos = anchor !== null ? network.getPositions([anchor])[anchor] : null;
      if (!pos && members.length) {
        var all = network.getPositions(members), x = 0, y = 0;
        members.forEach(function (m) { x += all[m].x; y += all[m].y; });
        pos = { x: x / members.length, y: y / members.length };
      }
      if (pos) {
        var a = (n * 2.399963) % (2 * Math.PI);
        network.moveNode(n, pos.x + 60 * Math.cos(a), pos.y + 60 * Math.sin(a));
      }
      placed[n] = 1;
    });
  }

  var relayoutRunning = false;
  function relayout(fit) {
    if (!PHYSICS || relayoutRunning) { return; }
    relayoutRunning = true;
    byId("kg-progress").textContent = "Laying out…";
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      relayoutRunning = false;
      byId("kg-progress").textContent = "";
      if (fit === true) { network.fit({ animation: false }); }
      network.redraw();
    });
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: true, iterations: 150, fit: false } } });
    network.stabilize(150);
  }

  /* ---------- labels: by importance, never on top of each other ---------- */
  var textWidths = {};
  function halo(ctx, text, x, y, colour) {  // dark text on a white rim, readable over edges
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
  }
  var lastLabels = [];
  function drawLabels(ctx) {
    var tLabels = performance.now();
    var view = body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var ratio = network.canvas.pixelRatio || 1;
    var width = container.clientWidth, height = container.clientHeight;
    var cell = 64, grid = {};
    var boxes = [];
    function free(b) {
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          var list = grid[gx + "," + gy];
          if (!list) { continue; }
          for (var j = 0; j < list.length; j++) {
            var o = list[j];
            if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) { return false; }
          }
        }
      }
      return true;
    }
    function take(b) {
      boxes.push(b);
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(b);
        }
      }
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var out = [];
    var budget = Math.max(20, Math.round((width * height) / 1800));
    var tries = 0;
    for (var i = 0; i < labelOrder.length && out.length < budget && tries < 4000; i++) {
      var n = labelOrder[i];
      var node = body.nodes[n];
      if (!node) { continue; }
      var x = node.x * scale + tx, y = node.y * scale + ty;
      if (x < -50 || y < -30 || x > width + 50 || y > height + 10) { continue; }
      tries++;
      var focused = n === S.focus || (S.pair && S.pair.indexOf(n) >= 0);
      var size = focused ? 16 : i < 8 ? 14 : i < 40 ? 12.5 : 11;
      var weight = focused || i < 8 ? "600 " : "";
      ctx.font = weight + size + "px system-ui, sans-serif";
      var name = NODES[n].name;
      if (name.length > 32) { name = name.slice(0, 31) + "…"; }
      var key = n + ":" + size;
      var w = textWidths[key];
      if (w === undefined) { w = textWidths[key] = ctx.measureText(name).width; }
      var r = (node.options.size || 10) * scale;
      var top = y + r + 2;
      var box = [x - w / 2 - 2, top - 1, x + w / 2 + 2, top + size + 2];
      if (!focused && !free(box)) { continue; }
      take(box);
      halo(ctx, name, x, top, "#1a1a1a");
      out.push(NODES[n].name);
    }
    // edge labels: the focused relations, or all of them when there are few
    var few = 0;
    for (var k = 0; k < nE && few <= 60; k++) { if (eVis[k]) { few++; } }
    if (VIEW !== "countries" && (dimming || few <= 60)) {
      ctx.font = "italic 11px system-ui, sans-serif";
      for (var id = 0; id < nE; id++) {
        if (!eVis[id] || (dimming && !eLit[id])) { continue; }
        var edge = body.edges[id];
        if (!edge || !edge.edgeType) { continue; }
        var p = edge.edgeType.getPoint(0.5);
        var ex = p.x * scale + tx, ey = p.y * scale + ty;
        if (ex < 0 || ey < 0 || ex > width || ey > height) { continue; }
        var text = predLabel(EDGES[id].pred);
        var tw = ctx.measureText(text).width;
        var eb = [ex - tw / 2 - 2, ey - 7, ex + tw / 2 + 2, ey + 7];
        if (!free(eb)) { continue; }
        take(eb);
        ctx.textBaseline = "middle";
        halo(ctx, text, ex, ey, "#444");
      }
    }
    ctx.restore();
    lastLabels = out;
    window.kgLabelBoxes = boxes;
    profile.labels = performance.now() - tLabels;
  }
  network.on("afterDrawing", drawLabels);

  /* ---------- evidence ---------- */
  function evidenceItem(row, full) {
    var item = el("li");
    var art = ARTS[row[0]];
    var src = el("span", "kg-src");
    src.appendChild(document.createTextNode(art[1] || "(untitled)"));
    var meta = [art[2], art[3]].filter(Boolean).join(" · ");
    if (meta) { src.appendChild(document.createTextNode(" — " + meta)); }
    var url = safeUrl(art[4]);
    if (url && full) {
      src.appendChild(document.createTextNode(" · "));
      src.appendChild(link(url, "article ↗"));
    }
    item.appendChild(src);
    var quote = el("blockquote", "kg-q");
    if (row[4]) { quote.appendChild(el("span", "kg-rel", row[4])); }
    quote.appendChild(document.createTextNode(row[3] === null ? "(sentence not embedded; see the graph file)" : row[3]));
    item.appendChild(quote);
    return item;
  }
  function passingRows(id) {
    var out = [];
    EV[id].forEach(function (r) { if (rowPasses(r, true)) { out.push(r); } });
    return out;
  }
  function newestFirst(rows) {
    return rows.slice().sort(function (a, b) { return ARTS[b[0]][5] - ARTS[a[0]][5] || (a[3] === null) - (b[3] === null); });
  }

  /* ---------- tooltips ---------- */
  function nodeCard(n) {
    var node = NODES[n];
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, node.name));
    var meta = node.cls;
    if (node.country) { meta += " · " + (countryNames[node.country] || node.country); }
    card.appendChild(el("p", "kg-meta", meta));
    if (node.note) { card.appendChild(el("p", "kg-note", node.note)); }
    var rels = 0;
    incident[n].forEach(function (id) { if (eVis[id]) { rels++; } });
    card.appendChild(el("p", "kg-note", plural(rels, "relation", "relations") + " shown · " +
      plural(nW[n], "event", "events") + " · click for the list"));
    return card;
  }
  function edgeTitle(e) {
    var a = NODES[e.from].name, b = NODES[e.to].name;
    if (VIEW === "countries") { return a + (e.sym ? " ↔ " : " → ") + b; }
    return a + " " + predLabel(e.pred) + (e.sym ? " ↔ " : " → ") + b;
  }
  function edgeCard(id) {
    var e = EDGES[id];
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, edgeTitle(e)));
    var rows = passingRows(id);
    if (VIEW === "countries") {
      var co = eCoop[id], cf = eConf[id];
      card.appendChild(el("p", "kg-meta", plural(co + cf, "event", "events") + ": " + co + " cooperation, " + cf +
        " conflict (net " + (co - cf >= 0 ? "+" : "") + (co - cf) + ")" + (e.sym ? " · mutual" : "")));
      var byPred = {};
      rows.forEach(function (r) { byPred[r[2]] = (byPred[r[2]] || 0) + 1; });
      Object.keys(byPred).sort(function (a, b) { return byPred[b] - byPred[a]; }).slice(0, 5).forEach(function (p) {
        card.appendChild(el("p", "kg-note", predLabel(Number(p)) + " ×" + byPred[p]));
      });
    } else {
      card.appendChild(el("p", "kg-meta", e.family + " · " + plural(rows.length, "evidence sentence", "evidence sentences")));
    }
    var list = el("ol");
    newestFirst(rows).slice(0, TIP_EVIDENCE).forEach(function (r) { list.appendChild(evidenceItem(r, false)); });
    if (list.childNodes.length) { card.appendChild(list); }
    if (rows.length > TIP_EVIDENCE) { card.appendChild(el("p", "kg-hint", "+" + (rows.length - TIP_EVIDENCE) + " more: click")); }
    return card;
  }
  function showTip(card, pointer) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, box.left + pointer.x - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, box.top + pointer.y - h - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; tip.replaceChildren(); }
  network.on("hoverNode", function (p) { showTip(nodeCard(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { if (p.edge < nE) { showTip(edgeCard(p.edge), p.pointer.DOM); } });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  /* ---------- focus ---------- */
  function fitLit() {
    // vis-network's fit measures every node first; the lit ones' extent is all that is needed
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var n = 0; n < nN; n++) {
      var node = nLit[n] && body.nodes[n];
      if (!node) { continue; }
      var r = node.options.size || 10;
      x0 = Math.min(x0, node.x - r); x1 = Math.max(x1, node.x + r);
      y0 = Math.min(y0, node.y - r); y1 = Math.max(y1, node.y + r + 20);
    }
    if (x0 > x1) { return; }
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    // room for labels, curved edges and the margins; never closer than 1.6×
    var scale = Math.min(1.6, 0.82 * Math.min(w / Math.max(1, x1 - x0), h / Math.max(1, y1 - y0)));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function focusNode(n, opts) {
    if (n === null || n === undefined || n < 0 || n >= nN) { return; }
    S.focus = n; S.pair = null;
    apply({ fit: !opts || opts.fit !== false });
  }
  function focusPair(a, b, opts) {
    S.focus = -1; S.pair = [a, b];
    apply({ fit: !opts || opts.fit !== false });
  }
  function clearFocus() {
    if (S.focus < 0 && !S.pair) { return; }
    S.focus = -1; S.pair = null;
    apply();
  }
  network.on("click", function (p) {
    hideTip();
    network.unselectAll();  // the focus marks the node itself (and survives focus changes from the lists)
    if (p.nodes.length) { focusNode(p.nodes[0], { fit: false }); }
    else if (p.edges.length) { var e = EDGES[p.edges[0]]; focusPair(e.from, e.to, { fit: false }); }
    else { clearFocus(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") { return; }
    if (ev.target === searchBox && !resultsBox.hidden) { return; }
    clearFocus();
  });

  /* ---------- the details panel: focus list or overview ---------- */
  var panel = byId("kg-panel-body");
  function relationGroups(centre, other) {
    // {key: {pred, dir, items: {otherId: rows}}} over the visible edges at `centre`
    var groups = {};
    incident[centre].forEach(function (id) {
      var e = EDGES[id];
      if (!eVis[id] || !eLit[id]) { return; }
      var o = e.from === centre ? e.to : e.from;
      if (other !== undefined && o !== other) { return; }
      var dir = e.sym ? "sym" : e.from === centre ? "out" : "in";
      passingRows(id).forEach(function (r) {
        var p = r[2] >= 0 ? r[2] : e.pred;
        var key = p + ":" + dir;
        var g = groups[key] || (groups[key] = { pred: p, dir: dir, items: {}, total: 0 });
        (g.items[o] = g.items[o] || []).push(r);
        g.total++;
      });
    });
    var dirRank = { out: 0, sym: 1, "in": 2 };
    return Object.keys(groups).map(function (k) { return groups[k]; }).sort(function (a, b) {
      return dirRank[a.dir] - dirRank[b.dir] || FAMILIES.indexOf(familyOf(a.pred)) - FAMILIES.indexOf(familyOf(b.pred)) ||
        b.total - a.total || predLabel(a.pred).localeCompare(predLabel(b.pred));
    });
  }
  function groupTitle(g, centreName) {
    var label = predLabel(g.pred);
    if (g.dir === "out") { return centreName + " → " + label + " →"; }
    if (g.dir === "in") { return "… → " + label + " → " + centreName; }
    return centreName + " ↔ " + label + " ↔";
  }
  function renderGroups(box, centre, other) {
    var name = NODES[centre].name;
    var groups = relationGroups(centre, other);
    if (!groups.length) { box.appendChild(el("p", "kg-hint", "No relation passes the current filters.")); }
    groups.forEach(function (g) {
      var sec = el("section", "kg-group");
      sec.setAttribute("data-testid", "focus-group");
      sec.setAttribute("data-pred", PREDS[g.pred] ? PREDS[g.pred][0] : "");
      sec.setAttribute("data-dir", g.dir);
      var title = el("div", "kg-group-title");
      var fam = familyOf(g.pred);
      title.appendChild(lineSwatch(FAMILY_COLOURS[fam], FAMILY_DASHES[fam]));
      title.appendChild(el("span", null, groupTitle(g, name)));
      title.appendChild(el("span", "kg-count", g.total));
      sec.appendChild(title);
      var list = el("ul", "kg-rels");
      var others = Object.keys(g.items).map(Number).sort(function (a, b) {
        return g.items[b].length - g.items[a].length || NODES[a].name.localeCompare(NODES[b].name);
      });
      function addItem(o) {
        var rows = g.items[o];
        var li = el("li");
        li.setAttribute("data-testid", "focus-rel");
        li.setAttribute("data-pred", PREDS[g.pred] ? PREDS[g.pred][0] : "");
        li.setAttribute("data-dir", g.dir);
        li.setAttribute("data-other", NODES[o].name);
        li.setAttribute("data-count", String(rows.length));
        var det = el("details");
        var sum = el("summary");
        sum.appendChild(el("span", null, NODES[o].name + " "));
        sum.appendChild(el("span", "kg-count", "(" + rows.length + ")"));
        det.appendChild(sum);
        if (o !== centre) {  // beside the summary, not in it: a click on the summary only opens it
          var go = el("button", "kg-go kg-go-side", "focus →");
          go.type = "button";
          go.setAttribute("data-testid", "focus-go");
          go.title = "Focus " + NODES[o].name;
          go.addEventListener("click", function () { focusNode(o); });
          li.appendChild(go);
        }
        function fill() {  // the evidence is built on first opening (a click, or a toggle by script)
          if (det.childNodes.length === 1) {
            var ol = el("ol", "kg-ev");
            ol.setAttribute("data-testid", "evidence");
            newestFirst(rows).forEach(function (r) { ol.appendChild(evidenceItem(r, true)); });
            det.appendChild(ol);
          }
        }
        sum.addEventListener("click", fill);
        det.addEventListener("toggle", function () { if (det.open) { fill(); } });
        li.appendChild(det);
        list.appendChild(li);
      }
      others.slice(0, GROUP_ITEMS).forEach(addItem);
      if (others.length > GROUP_ITEMS) {
        var more = el("button", "kg-go", "show all " + others.length);
        more.type = "button";
        more.setAttribute("data-testid", "focus-more");
        more.addEventListener("click", function () {
          more.remove();
          others.slice(GROUP_ITEMS).forEach(addItem);
        });
        sec.appendChild(list);
        sec.appendChild(more);
      } else {
        sec.appendChild(list);
      }
      box.appendChild(sec);
    });
  }
  function closeButton() {
    var b = el("button", "kg-btn kg-close", "× close");
    b.type = "button";
    b.setAttribute("data-testid", "focus-close");
    b.title = "Back to the whole view (Esc)";
    b.addEventListener("click", clearFocus);
    return b;
  }
  function renderPanel() {
    var box = el("div");
    if (S.focus >= 0) {
      var n = S.focus, node = NODES[n];
      var head = el("div", "kg-focus-head");
      head.appendChild(closeButton());
      head.appendChild(el("h3", null, node.name));
      var meta = node.cls + (node.country ? " · " + (countryNames[node.country] || node.country) : "");
      head.appendChild(el("p", null, meta));
      var rels = 0, events = 0;
      incident[n].forEach(function (id) { if (eLit[id]) { rels++; events += eCount[id]; } });
      var hidden = 0;
      incident[n].forEach(function (id) { if (inMode(EDGES[id]) && !eLit[id]) { hidden++; } });
      head.appendChild(el("p", null, plural(rels, "relation", "relations") + " · " + plural(events, "event", "events") +
        (hidden ? " · " + hidden + " hidden by filters" : "")));
      box.appendChild(head);
      var list = el("div");
      list.setAttribute("data-testid", "focus");
      renderGroups(list, n);
      box.appendChild(list);
    } else if (S.pair) {
      var a = S.pair[0], b = S.pair[1];
      var ph = el("div", "kg-focus-head");
      ph.appendChild(closeButton());
      ph.appendChild(el("h3", null, NODES[a].name + " and " + NODES[b].name));
      ph.appendChild(el("p", null, "Relations between the two under the current filters"));
      box.appendChild(ph);
      var plist = el("div");
      plist.setAttribute("data-testid", "focus");
      renderGroups(plist, a, b);
      box.appendChild(plist);
    } else {
      box.appendChild(el("h2", null, "Top actors"));
      var top = labelOrder.slice(0, 15);
      var ul = el("ul", "kg-top-list");
      ul.setAttribute("data-testid", "top-actors");
      top.forEach(function (n) {
        var li = el("li");
        li.appendChild(shapeSwatch(NODES[n].shape, classColour(NODES[n].cls)));
        var btn = el("button", null, NODES[n].name);
        btn.type = "button";
        btn.setAttribute("data-testid", "top-actor");
        btn.addEventListener("click", function () { focusNode(n); });
        li.appendChild(btn);
        li.appendChild(el("span", "kg-count", plural(nW[n], "event", "events")));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (!top.length) { box.appendChild(el("p", "kg-hint", "Nothing passes the current filters.")); }
      box.appendChild(el("p", "kg-hint", "Click a node for its relations grouped by predicate and direction, each with " +
        "its evidence; click an edge for the pair. Esc or a click on empty space returns. Drag on the timeline to " +
        "pick dates."));
    }
    panel.replaceChildren(box);
  }

  /* ---------- legend swatches ---------- */
  var SVG = "http://www.w3.org/2000/svg";
  var classColours = {};
  data.legend.classes.forEach(function (r) { classColours[r[0]] = r[2]; });
  function classColour(cls) { return classColours[cls] || "#0072b2"; }
  function shapeSwatch(shape, colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "kg-swatch");
    var points = {
      diamond: "7,1 13,7 7,13 1,7", triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13",
      star: "7,1 8.8,5.2 13,5.3 9.7,8.1 10.8,12.6 7,10.1 3.2,12.6 4.3,8.1 1,5.3 5.2,5.2",
      hexagon: "4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7"
    };
    var shapeEl;
    if (shape === "square") {
      shapeEl = document.createElementNS(SVG, "rect");
      shapeEl.setAttribute("x", "2"); shapeEl.setAttribute("y", "2");
      shapeEl.setAttribute("width", "10"); shapeEl.setAttribute("height", "10");
    } else if (points[shape]) {
      shapeEl = document.createElementNS(SVG, "polygon");
      shapeEl.setAttribute("points", points[shape]);
    } else {
      shapeEl = document.createElementNS(SVG, "circle");
      shapeEl.setAttribute("cx", "7"); shapeEl.setAttribute("cy", "7"); shapeEl.setAttribute("r", "5.5");
    }
    shapeEl.setAttribute("fill", colour); shapeEl.setAttribute("stroke", "#333"); shapeEl.setAttribute("stroke-width", "1");
    svg.appendChild(shapeEl);
    return svg;
  }
  function lineSwatch(colour, dashes) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "22"); svg.setAttribute("height", "10"); svg.setAttribute("class", "kg-swatch");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", "21"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", colour); line.setAttribute("stroke-width", "3");
    if (dashes && dashes.join) { line.setAttribute("stroke-dasharray", dashes.map(function (d) { return d / 2; }).join(" ")); }
    svg.appendChild(line);
    return svg;
  }

  /* ---------- filters ---------- */
  function groupButtons(group, onAll, onNone) {
    var span = document.querySelector('.kg-group-buttons[data-group="' + group + '"]');
    [["all", onAll], ["none", onNone]].forEach(function (pair) {
      var b = el("button", "kg-btn", pair[0]);
      b.type = "button";
      b.setAttribute("data-testid", "filter-" + group + "-" + pair[0]);
      b.addEventListener("click", function () { pair[1](); apply(); });
      span.appendChild(b);
    });
  }
  function onlyButton(testid, handler) {
    var b = el("button", "kg-only", "only");
    b.type = "button";
    b.setAttribute("data-testid", testid);
    b.title = "Show only this";
    b.addEventListener("click", function () { handler(); apply(); });
    return b;
  }
  function checkItem(kind, key, swatch, text, count, testid) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.setAttribute("data-kind", kind);
    box.setAttribute("data-key", key);
    box.setAttribute("data-testid", testid);
    label.appendChild(box);
    if (swatch) { label.appendChild(swatch); }
    label.appendChild(el("span", "kg-name", text));
    li.appendChild(label);
    li.appendChild(el("span", "kg-count", count));
    return li;
  }

  // predicates, grouped by family, every one the ontology has
  var predCounts = PREDS.map(function () { return 0; });
  for (var ei = 0; ei < N_REAL_EDGES; ei++) {
    if (VIEW === "countries") { EV[ei].forEach(function (r) { if (r[2] >= 0) { predCounts[r[2]]++; } }); }
    else if (EDGES[ei].pred >= 0) { predCounts[EDGES[ei].pred]++; }
  }
  var famBox = byId("kg-families");
  var famChecks = {};
  FAMILIES.forEach(function (fam) {
    var members = [];
    PREDS.forEach(function (p, i) { if (p[2] === fam) { members.push(i); } });
    if (VIEW === "countries" && fam === "structural") { return; }
    var wrap = el("div", "kg-family");
    wrap.setAttribute("data-family", fam);
    var head = el("div", "kg-family-head");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.setAttribute("data-testid", "family-" + fam);
    box.addEventListener("change", function () {
      members.forEach(function (i) { if (box.checked) { S.hp.delete(i); } else { S.hp.add(i); } });
      apply();
    });
    famChecks[fam] = { box: box, members: members };
    label.appendChild(box);
    label.appendChild(lineSwatch(FAMILY_COLOURS[fam], FAMILY_DASHES[fam]));
    label.appendChild(el("span", null, fam));
    head.appendChild(label);
    var total = 0;
    members.forEach(function (i) { total += predCounts[i]; });
    head.appendChild(el("span", "kg-count", total));
    head.appendChild(onlyButton("only-family-" + fam, function () {
      PREDS.forEach(function (p, i) { if (members.indexOf(i) >= 0) { S.hp.delete(i); } else { S.hp.add(i); } });
    }));
    wrap.appendChild(head);
    var ul = el("ul", "kg-list");
    members.forEach(function (i) {
      var li = checkItem("pred", PREDS[i][0], null, PREDS[i][1], predCounts[i], "filter-pred-" + PREDS[i][0]);
      if (!predCounts[i]) { li.classList.add("kg-zero"); }
      if (PREDS[i][4] >= 2) { li.classList.add("kg-new"); li.title = "added in annotation guidelines v" + PREDS[i][4]; }
      li.querySelector("input").addEventListener("change", function (ev) {
        if (ev.target.checked) { S.hp.delete(i); } else { S.hp.add(i); }
        apply();
      });
      li.appendChild(onlyButton("only-pred-" + PREDS[i][0], function () {
        PREDS.forEach(function (_p, j) { if (j === i) { S.hp.delete(j); } else { S.hp.add(j); } });
      }));
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    famBox.appendChild(wrap);
  });
  groupButtons("pred", function () { S.hp.clear(); }, function () { PREDS.forEach(function (_p, i) { S.hp.add(i); }); });
  if (data.legend.balance) {
    var bal = byId("kg-balance");
    var bar = el("div", "kg-gradient");
    bar.style.background = "linear-gradient(to right, " + STOPS.map(function (s) { return s[1]; }).join(", ") + ")";
    bal.appendChild(bar);
    var scale = el("div", "kg-scale");
    scale.appendChild(el("span", null, "net conflict (dashed)"));
    scale.appendChild(el("span", null, "net cooperation (solid)"));
    bal.appendChild(scale);
    bal.appendChild(el("p", "kg-small", "Width: number of events. Arrow: who did it to whom; no arrow: mutual " +
      "(meetings, cooperation). Counts are in the tooltip."));
  }

  // entity classes
  var classList = document.querySelector("#kg-legend-nodes .kg-list");
  data.legend.classes.forEach(function (row) {
    var li = checkItem("cls", row[0], shapeSwatch(row[1], row[2]), row[0], row[3], "filter-cls-" + row[0]);
    li.querySelector("input").addEventListener("change", function (ev) {
      if (ev.target.checked) { S.hc.delete(row[0]); } else { S.hc.add(row[0]); }
      apply();
    });
    li.appendChild(onlyButton("only-cls-" + row[0], function () {
      classes.forEach(function (c) { if (c === row[0]) { S.hc.delete(c); } else { S.hc.add(c); } });
    }));
    classList.appendChild(li);
  });
  groupButtons("cls", function () { S.hc.clear(); }, function () { classes.forEach(function (c) { S.hc.add(c); }); });

  // countries
  var countryList = document.querySelector("#kg-legend-countries .kg-list");
  countryKeys.forEach(function (k) {
    var name = k ? (countryNames[k] || k) : "(no country)";
    var li = checkItem("country", k, null, name, countryCounts[k], "filter-country-" + (k || "none"));
    li.setAttribute("data-name", name.toLowerCase());
    li.querySelector("input").addEventListener("change", function (ev) {
      if (ev.target.checked) { S.hk.delete(k); } else { S.hk.add(k); }
      apply();
    });
    li.appendChild(onlyButton("only-country-" + (k || "none"), function () {
      countryKeys.forEach(function (c) { if (c === k) { S.hk.delete(c); } else { S.hk.add(c); } });
    }));
    countryList.appendChild(li);
  });
  groupButtons("country", function () { S.hk.clear(); }, function () { countryKeys.forEach(function (c) { S.hk.add(c); }); });
  byId("kg-country-find").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    Array.prototype.forEach.call(countryList.children, function (li) {
      li.hidden = q && li.getAttribute("data-name").indexOf(q) === -1;
    });
  });

  // size and confidence
  var topSelect = byId("kg-top");
  if (!Array.prototype.some.call(topSelect.options, function (o) { return Number(o.value) === DEFAULTS.top; })) {
    var opt = el("option", null, String(DEFAULTS.top)); opt.value = String(DEFAULTS.top); topSelect.appendChild(opt);
  }
  topSelect.addEventListener("change", function () { S.top = Number(topSelect.value) || 0; apply(); });
  var foldBox = byId("kg-fold");
  if (!data.folded.length && !NODES.some(function (n) { return n.fold >= 0; })) {
    foldBox.disabled = true;
    byId("kg-fold-label").title = "Nothing to fold in this view";
  }
  foldBox.addEventListener("change", function () { S.fold = foldBox.checked; foldFix(); apply(); });
  function foldFix() {  // a focused node that folds away hands the focus to its country
    if (S.fold && S.focus >= 0 && NODES[S.focus].fold >= 0) { S.focus = NODES[S.focus].fold; }
    if (!S.fold && S.focus >= 0 && NODES[S.focus].extra) { S.focus = -1; }
    if (S.pair && S.pair.some(function (n) { return S.fold ? NODES[n].fold >= 0 : NODES[n].extra; })) { S.pair = null; }
  }
  var confInput = byId("kg-conf");
  confInput.addEventListener("input", function () { S.conf = Number(confInput.value); apply(); });
  byId("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });
  var relayoutButton = byId("kg-relayout");
  if (!PHYSICS) { relayoutButton.disabled = true; relayoutButton.title = "Large views keep their precomputed layout"; }
  relayoutButton.addEventListener("click", function () { relayout(!dimming); });
  byId("kg-reset").addEventListener("click", function () {
    S = freshState();
    apply();
    network.fit({ animation: false });
  });

  function syncControls() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-kind]"), function (box) {
      var kind = box.getAttribute("data-kind"), key = box.getAttribute("data-key");
      if (kind === "pred") { box.checked = !S.hp.has(predByName[key]); }
      else if (kind === "cls") { box.checked = !S.hc.has(key); }
      else if (kind === "country") { box.checked = !S.hk.has(key); }
    });
    Object.keys(famChecks).forEach(function (fam) {
      var f = famChecks[fam];
      var on = f.members.filter(function (i) { return !S.hp.has(i); }).length;
      f.box.checked = on === f.members.length && on > 0;
      f.box.indeterminate = on > 0 && on < f.members.length;
    });
    topSelect.value = String(S.top);
    foldBox.checked = S.fold;
    confInput.value = String(S.conf);
    byId("kg-conf-value").textContent = Number(S.conf).toFixed(2);
    fromInput.value = S.from !== null ? dayToIso(S.from) : "";
    toInput.value = S.to !== null ? dayToIso(S.to) : "";
    Array.prototype.forEach.call(document.querySelectorAll("[data-bucket]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-bucket") === S.bucket));
    });
    var hiddenCountries = S.hk.size;
    byId("kg-country-summary").textContent = hiddenCountries ? "(" + (countryKeys.length - hiddenCountries) + " of " +
      countryKeys.length + ")" : "(all)";
  }

  function visible() {
    var v = { nodes: 0, edges: 0 };
    for (var n = 0; n < nN; n++) { if (nVis[n]) { v.nodes++; } }
    for (var e = 0; e < nE; e++) { if (eVis[e]) { v.edges++; } }
    return v;
  }
  function showStats() {
    var v = visible();
    var text = v.nodes === N_REAL_NODES && v.edges === N_REAL_EDGES && !S.fold
      ? plural(N_REAL_NODES, "node", "nodes") + " · " + plural(N_REAL_EDGES, "edge", "edges")
      : "Showing " + v.nodes + " of " + N_REAL_NODES + " nodes · " + v.edges + " of " + N_REAL_EDGES + " edges";
    var notes = [];
    if (DEFAULTS.hp.size && sameSet(S.hp, DEFAULTS.hp)) { notes.push("event relations only (structural: tick it below)"); }
    if (S.top) { notes.push("top " + S.top + " actors"); }
    byId("kg-stats").textContent = text + (notes.length ? " — " + notes.join("; ") : "");
  }
  function sameSet(a, b) {
    if (a.size !== b.size) { return false; }
    var same = true;
    a.forEach(function (x) { if (!b.has(x)) { same = false; } });
    return same;
  }

  /* ---------- dates ---------- */
  var fromInput = byId("kg-from"), toInput = byId("kg-to");
  var minDay = Infinity, maxDay = -Infinity;
  ARTS.forEach(function (a) { if (a[5] >= 0) { minDay = Math.min(minDay, a[5]); maxDay = Math.max(maxDay, a[5]); } });
  if (minDay <= maxDay) {
    [fromInput, toInput].forEach(function (inp) { inp.min = dayToIso(minDay); inp.max = dayToIso(maxDay); });
  } else {
    fromInput.disabled = true; toInput.disabled = true;
  }
  function setRange(from, to) {
    S.from = from === null || from === undefined ? null : from;
    S.to = to === null || to === undefined ? null : to;
    if (S.from !== null && S.to !== null && S.from > S.to) { var t = S.from; S.from = S.to; S.to = t; }
    apply();
  }
  fromInput.addEventListener("change", function () { setRange(isoToDay(fromInput.value), S.to); });
  toInput.addEventListener("change", function () { setRange(S.from, isoToDay(toInput.value)); });
  byId("kg-time-reset").addEventListener("click", function () { setRange(null, null); });
  function updateTimeStatus() {
    var st = lastStats;
    var text;
    if (minDay > maxDay) { text = "No dated evidence in this view."; }
    else if (S.from === null && S.to === null) {
      text = plural(st.dated, "dated sentence", "dated sentences") + ", " + dayToIso(minDay) + " to " + dayToIso(maxDay) +
        (st.undated ? " · " + st.undated + " undated" : "");
    } else {
      text = st.inRange + " of " + plural(st.dated, "dated sentence", "dated sentences") + " in range" +
        (st.undated ? " · " + st.undated + " undated hidden" : "");
    }
    byId("kg-time-status").textContent = text;
  }

  /* ---------- timeline (uPlot) ---------- */
  var chartBox = byId("kg-chart");
  var chart = null;
  var timelineRows = [];
  function bucketOf(day) {
    if (S.bucket === "week") { return day - ((day + 3) % 7); } // Monday of the week
    var d = new Date(day * DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
  }
  function nextBucket(day) {
    if (S.bucket === "week") { return day + 7; }
    var d = new Date(day * DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
  }
  function timelineEdges() {
    var ids = [];
    if (S.focus >= 0 || S.pair) {
      var centre = S.focus >= 0 ? S.focus : S.pair[0];
      incident[centre].forEach(function (id) {
        var e = EDGES[id];
        if (!inMode(e) || !countryOk(e)) { return; }
        var o = e.from === centre ? e.to : e.from;
        if (S.pair && o !== S.pair[1]) { return; }
        if (!S.pair && !nodeOk(o)) { return; }
        ids.push(id);
      });
    } else {
      for (var i = 0; i < nE; i++) { if (edgeOk(EDGES[i])) { ids.push(i); } }
    }
    return ids;
  }
  function timelineData() {
    var counts = {};
    timelineEdges().forEach(function (id) {
      EV[id].forEach(function (r) {
        if (!rowPasses(r, false)) { return; }
        var day = ARTS[r[0]][5];
        if (day < 0) { return; }
        var fam = familyOf(r[2]);
        if (fam !== "cooperation" && fam !== "conflict") { return; }
        var b = bucketOf(day);
        var c = counts[b] || (counts[b] = [0, 0]);
        c[fam === "cooperation" ? 0 : 1]++;
      });
    });
    var keys = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
    var rows = [];
    if (keys.length) {
      for (var b = keys[0]; b <= keys[keys.length - 1]; b = nextBucket(b)) {
        var c = counts[b] || [0, 0];
        rows.push([b, c[0], c[1]]);
      }
    }
    return rows;
  }
  function timelineTitle() {
    var unit = S.bucket === "week" ? "week" : "month";
    var who = S.focus >= 0 ? NODES[S.focus].name : S.pair ? NODES[S.pair[0]].name + " ↔ " + NODES[S.pair[1]].name
      : "all shown relations";
    return "Events per " + unit + " · " + who;
  }
  var hatch = null;
  function conflictFill(u) {
    if (!hatch) {
      var c = document.createElement("canvas");
      c.width = 8; c.height = 8;
      var x = c.getContext("2d");
      x.fillStyle = FAMILY_COLOURS.conflict; x.fillRect(0, 0, 8, 8);
      x.strokeStyle = "rgba(255,255,255,0.55)"; x.lineWidth = 2;
      x.beginPath(); x.moveTo(0, 8); x.lineTo(8, 0); x.stroke();
      hatch = u.ctx.createPattern(c, "repeat");
    }
    return hatch;
  }
  function chartSize() { return { width: Math.max(200, chartBox.clientWidth), height: Math.max(80, chartBox.clientHeight) }; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var chartStarts = [];
  var chartPeak = 0;  // the largest bar: the y axis is marked at 0 and ± this  // bucket starts (s) on the axis, with one empty bucket either side
  function tickLabel(sec, prev) {
    var d = new Date(sec * 1000), y = d.getUTCFullYear(), m = d.getUTCMonth();
    var newYear = prev === null || new Date(prev * 1000).getUTCFullYear() !== y;
    if (S.bucket === "week") { return d.getUTCDate() + " " + MONTHS[m] + (newYear ? "\n" + y : ""); }
    return MONTHS[m] + (newYear ? "\n" + y : "");
  }
  function tickSplits(u) {
    if (chartStarts.length < 2) { return chartStarts.slice(); }
    var px = u.valToPos(chartStarts[1], "x") - u.valToPos(chartStarts[0], "x");
    var step = Math.max(1, Math.ceil(70 / Math.max(1, px)));
    if (S.bucket === "month") { step = [1, 2, 3, 6, 12, 24, 60, 120].filter(function (k) { return k >= step; })[0] || step; }
    return chartStarts.filter(function (sec) {
      if (S.bucket === "month") {
        var d = new Date(sec * 1000);
        return (d.getUTCFullYear() * 12 + d.getUTCMonth()) % step === 0;
      }
      return Math.round(sec / 86400 / 7) % step === 0;
    });
  }
  var syncingSelect = false;
  function makeChart(series) {
    var size = chartSize();
    var bars = uPlot.paths.bars({ size: [0.86, Infinity], align: 0 });
    var axisFont = "11px system-ui, sans-serif";
    var opts = {
      width: size.width, height: size.height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
      select: { show: true },
      scales: {
        x: { time: false, range: function () { return [chartStarts[0], chartStarts[chartStarts.length - 1]]; } },
        y: { range: function () { var m = Math.max(1, chartPeak); return [-m * 1.1, m * 1.1]; } }
      },
      axes: [
        { stroke: "#555", grid: { stroke: "#eee" }, ticks: { stroke: "#ccc" }, font: axisFont, size: 40,
          splits: tickSplits,
          values: function (u, splits) {
            return splits.map(function (sec, i) { return tickLabel(sec, i ? splits[i - 1] : null); });
          } },
        { stroke: "#555", grid: { stroke: "#eee" }, ticks: { stroke: "#ccc" }, size: 36, font: axisFont,
          splits: function () { return chartPeak ? [-chartPeak, 0, chartPeak] : [0]; },
          values: function (u, vals) {
            return vals.map(function (v) {
              var a = Math.abs(v);
              return a >= 1000 ? (a / 1000).toFixed(a >= 10000 ? 0 : 1).replace(/\.0$/, "") + "k" : String(a);
            });
          } }
      ],
      series: [
        {},
        { label: "cooperation", stroke: FAMILY_COLOURS.cooperation, fill: FAMILY_COLOURS.cooperation, paths: bars,
          points: { show: false } },
        { label: "conflict", stroke: FAMILY_COLOURS.conflict, fill: conflictFill, paths: bars, points: { show: false } }
      ],
      hooks: {
        draw: [function () { syncSelect(); }],
        setSelect: [function (u) {
          if (syncingSelect || u.select.width < 2) { return; }
          var lo = u.posToVal(u.select.left, "x"), hi = u.posToVal(u.select.left + u.select.width, "x");
          setRange(bucketOfSec(lo, false), bucketOfSec(hi, true));
        }]
      }
    };
    chart = new uPlot(opts, series, chartBox);
  }
  function bucketOfSec(sec, end) {
    // the bucket under a position: a drag selects whole buckets
    var day = Math.floor(sec / 86400);
    var start = bucketOf(Math.max(minDay, Math.min(maxDay, day)));
    return end ? nextBucket(start) - 1 : start;
  }
  function updateTimeline() {
    var rows = timelineData();
    timelineRows = rows;
    byId("kg-timeline-title").textContent = timelineTitle();
    var empty = !rows.length;
    byId("kg-timeline-empty").hidden = !empty;
    chartBox.hidden = empty;
    if (empty) { return; }
    var before = bucketOf(rows[0][0] - 1), after = nextBucket(rows[rows.length - 1][0]);
    var starts = [before].concat(rows.map(function (r) { return r[0]; }), [after, nextBucket(after)]);
    chartStarts = starts.map(function (d) { return d * 86400; });
    chartPeak = 0;
    rows.forEach(function (r) { chartPeak = Math.max(chartPeak, r[1], r[2]); });
    var xs = [], coop = [], conf = [];
    for (var i = 0; i < starts.length - 1; i++) {
      var row = i >= 1 && i <= rows.length ? rows[i - 1] : null;
      xs.push((starts[i] + starts[i + 1]) / 2 * 86400);
      coop.push(row && row[1] ? row[1] : null);
      conf.push(row && row[2] ? -row[2] : null);
    }
    if (!chart) { makeChart([xs, coop, conf]); }
    else { chart.setData([xs, coop, conf]); }
  }
  function syncSelect() {
    if (!chart) { return; }
    syncingSelect = true;
    if (S.from === null && S.to === null) {
      chart.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    } else {
      var lo = S.from !== null ? S.from * 86400 : chartStarts[0];
      var hi = S.to !== null ? (S.to + 1) * 86400 : chartStarts[chartStarts.length - 1];
      var left = Math.max(0, chart.valToPos(lo, "x"));
      var right = Math.min(chart.bbox.width / devicePixelRatio, chart.valToPos(hi, "x"));
      chart.setSelect({ left: left, width: Math.max(0, right - left), top: 0, height: chart.bbox.height / devicePixelRatio }, false);
    }
    syncingSelect = false;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-bucket]"), function (b) {
    b.addEventListener("click", function () { S.bucket = b.getAttribute("data-bucket"); syncControls(); updateTimeline(); writeHash(); });
  });
  window.addEventListener("resize", function () { if (chart) { chart.setSize(chartSize()); syncSelect(); } });

  /* ---------- search: names and gazetteer aliases ---------- */
  var searchBox = byId("kg-search");
  var resultsBox = byId("kg-results");
  var searchStatus = byId("kg-search-status");
  function norm(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\./g, "")
      .replace(/[’']/g, "'").replace(/\s+/g, " ").trim().replace(/^the /, "");
  }
  var searchIndex = NODES.map(function (n) { return [norm(n.name)].concat((n.aka || []).map(norm)); });
  function search(query) {
    var q = norm(query);
    if (!q) { return []; }
    var hits = [];
    for (var n = 0; n < nN; n++) {
      if (NODES[n].extra && !S.fold) { continue; }
      if (!NODES[n].extra && S.fold && NODES[n].fold >= 0) { continue; }
      var terms = searchIndex[n], best = 0, via = -1;
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t], alias = t > 0 ? 10 : 0, s = 0;
        if (term === q) { s = 100 - alias; }
        else if (term.indexOf(q) === 0) { s = 70 - alias; }
        else if (term.indexOf(" " + q) !== -1 || term.indexOf("-" + q) !== -1) { s = 50 - alias; }
        else if (q.length >= 3 && term.indexOf(q) !== -1) { s = 20 - alias; }
        if (s > best) { best = s; via = t; }
      }
      if (best > 0) { hits.push({ id: n, score: best, alias: via > 0 ? NODES[n].aka[via - 1] : "" }); }
    }
    hits.sort(function (a, b) {
      return b.score - a.score || nW[b.id] - nW[a.id] || NODES[b.id].imp - NODES[a.id].imp ||
        NODES[a.id].name.localeCompare(NODES[b.id].name);
    });
    return hits;
  }
  var hitsShown = [], active = -1;
  function renderResults(hits) {
    hitsShown = hits.slice(0, 12);
    resultsBox.replaceChildren();
    hitsShown.forEach(function (h, i) {
      var li = el("li");
      li.id = "kg-r-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("data-testid", "search-result");
      li.setAttribute("data-name", NODES[h.id].name);
      li.setAttribute("aria-selected", String(i === active));
      li.appendChild(shapeSwatch(NODES[h.id].shape, classColour(NODES[h.id].cls)));
      li.appendChild(el("span", "kg-r-name", NODES[h.id].name));
      if (h.alias) { li.appendChild(el("span", "kg-r-alias", "“" + h.alias + "”")); }
      var meta = NODES[h.id].cls + (nVis[h.id] ? "" : " · hidden");
      li.appendChild(el("span", "kg-r-meta", meta));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      resultsBox.appendChild(li);
    });
    resultsBox.hidden = !hitsShown.length;
    searchBox.setAttribute("aria-expanded", String(!resultsBox.hidden));
    searchBox.setAttribute("aria-activedescendant", active >= 0 ? "kg-r-" + active : "");
  }
  function runSearch() {
    var hits = search(searchBox.value);
    active = hits.length ? 0 : -1;
    renderResults(hits);
    searchStatus.textContent = !searchBox.value.trim() ? "" : hits.length ? plural(hits.length, "match", "matches") +
      (hits.length > 12 ? " (first 12 listed)" : "") : "No match";
    return hits;
  }
  function pick(i) {
    var h = hitsShown[i];
    if (!h) { return; }
    closeResults();
    focusNode(h.id);
  }
  function closeResults() { resultsBox.hidden = true; searchBox.setAttribute("aria-expanded", "false"); }
  searchBox.addEventListener("input", runSearch);
  searchBox.addEventListener("focus", function () { if (searchBox.value.trim()) { runSearch(); } });
  searchBox.addEventListener("blur", closeResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (resultsBox.hidden) { runSearch(); return; }
      if (!hitsShown.length) { return; }
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + hitsShown.length) % hitsShown.length;
      renderResults(hitsShown.concat([]));
      var item = byId("kg-r-" + active);
      if (item) { item.scrollIntoView({ block: "nearest" }); }
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (resultsBox.hidden) { runSearch(); }
      pick(active < 0 ? 0 : active);
    } else if (ev.key === "Escape") {
      if (!resultsBox.hidden) { closeResults(); ev.stopPropagation(); }
      else if (searchBox.value) { searchBox.value = ""; searchStatus.textContent = ""; }
      else { clearFocus(); }
    }
  });

  /* ---------- permalink: the state in the URL hash ---------- */
  function setList(all, hidden, keyOf) {
    // the shorter spelling: "-a,b" = all but these, "+a,b" = only these
    var off = [], on = [];
    all.forEach(function (x) { (hidden.has(x) ? off : on).push(keyOf(x)); });
    return off.length <= on.length ? "-" + off.join(",") : "+" + on.join(",");
  }
  function parseList(text, all, keyOf) {
    var hidden = new Set();
    if (!text) { return hidden; }
    var mode = text.charAt(0), items = new Set(text.slice(1).split(",").filter(Boolean));
    all.forEach(function (x) {
      var listed = items.has(keyOf(x));
      if ((mode === "+" && !listed) || (mode === "-" && listed)) { hidden.add(x); }
    });
    return hidden;
  }
  function predKey(i) { return PREDS[i][0]; }
  function ident(x) { return x; }
  function countryHashKey(k) { return k || "none"; }
  function encodeState() {
    var p = new URLSearchParams();
    if (S.focus >= 0) { p.set("focus", localName(NODES[S.focus].iri)); }
    if (S.pair) { p.set("pair", localName(NODES[S.pair[0]].iri) + "~" + localName(NODES[S.pair[1]].iri)); }
    if (S.from !== null) { p.set("from", dayToIso(S.from)); }
    if (S.to !== null) { p.set("to", dayToIso(S.to)); }
    if (!sameSet(S.hp, DEFAULTS.hp)) { p.set("rel", setList(predIds, S.hp, predKey)); }
    if (S.hc.size) { p.set("cls", setList(classes, S.hc, ident)); }
    if (S.hk.size) { p.set("country", setList(countryKeys, S.hk, countryHashKey)); }
    if (S.conf > 0) { p.set("conf", String(S.conf)); }
    if (S.top !== DEFAULTS.top) { p.set("top", String(S.top)); }
    if (S.fold) { p.set("fold", "1"); }
    if (S.bucket !== "month") { p.set("bucket", S.bucket); }
    return p.toString();
  }
  var writtenHash = null;
  var hashTimer = null;
  function writeHash() {  // replaceState is slow in some browsers: once the state rests for a moment
    if (hashTimer !== null) { clearTimeout(hashTimer); }
    hashTimer = setTimeout(flushHash, 150);
  }
  function flushHash() {
    if (hashTimer !== null) { clearTimeout(hashTimer); hashTimer = null; }
    var text = encodeState();
    if (text === writtenHash) { return; }
    writtenHash = text;
    try { history.replaceState(null, "", text ? "#" + text : location.pathname + location.search); }
    catch (err) { /* some file: contexts refuse; the state still works */ }
    var pl = byId("kg-permalink-text");
    if (pl && !pl.hidden) { pl.value = location.href; }
  }
  function readHash() {
    var p = new URLSearchParams(String(location.hash || "").replace(/^#/, ""));
    var s = freshState();
    if (p.has("rel")) { s.hp = parseList(p.get("rel"), predIds, predKey); }
    if (p.has("cls")) { s.hc = parseList(p.get("cls"), classes, ident); }
    if (p.has("country")) { s.hk = parseList(p.get("country"), countryKeys, countryHashKey); }
    var conf = Number(p.get("conf"));
    if (conf > 0 && conf <= 1) { s.conf = conf; }
    if (p.has("top")) { var top = parseInt(p.get("top"), 10); if (top >= 0) { s.top = top; } }
    s.fold = p.get("fold") === "1";
    if (p.get("bucket") === "week") { s.bucket = "week"; }
    s.from = isoToDay(p.get("from"));
    s.to = isoToDay(p.get("to"));
    var f = p.get("focus");
    if (f && f in nodeByLocal) { s.focus = nodeByLocal[f]; }
    var pair = (p.get("pair") || "").split("~");
    if (pair.length === 2 && pair[0] in nodeByLocal && pair[1] in nodeByLocal) {
      s.pair = [nodeByLocal[pair[0]], nodeByLocal[pair[1]]];
      s.focus = -1;
    }
    S = s;
    foldFix();
  }
  window.addEventListener("hashchange", function () {
    var text = String(location.hash || "").replace(/^#/, "");
    if (text === writtenHash) { return; }
    readHash();
    apply({ fit: S.focus >= 0 || !!S.pair });
  });

  /* ---------- export: PNG of the picture, CSV of the selection ---------- */
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  }
  function stateSummary() {
    var parts = [];
    if (S.focus >= 0) { parts.push("focus: " + NODES[S.focus].name); }
    if (S.pair) { parts.push("pair: " + NODES[S.pair[0]].name + " – " + NODES[S.pair[1]].name); }
    if (S.from !== null || S.to !== null) {
      parts.push("dates: " + (S.from !== null ? dayToIso(S.from) : "…") + " to " + (S.to !== null ? dayToIso(S.to) : "…"));
    }
    if (S.conf > 0) { parts.push("confidence ≥ " + S.conf); }
    if (S.top) { parts.push("top " + S.top + " actors"); }
    if (S.fold) { parts.push("actors as countries"); }
    var v = visible();
    parts.push(v.nodes + " nodes, " + v.edges + " edges");
    return parts.join(" · ");
  }
  function pngCanvas() {
    var src = container.querySelector("canvas");
    var ratio = src.width / Math.max(1, src.clientWidth);
    var head = Math.round(44 * ratio);
    var out = document.createElement("canvas");
    out.width = src.width; out.height = src.height + head;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#111";
    ctx.font = "600 " + Math.round(15 * ratio) + "px system-ui, sans-serif";
    ctx.fillText(data.title, 10 * ratio, 18 * ratio);
    ctx.fillStyle = "#444";
    ctx.font = Math.round(12 * ratio) + "px system-ui, sans-serif";
    ctx.fillText(stateSummary(), 10 * ratio, 36 * ratio);
    ctx.drawImage(src, 0, head);
    return out;
  }
  function selectionEdges() {
    var ids = [];
    for (var i = 0; i < nE; i++) { if (eVis[i] && (!dimming || eLit[i])) { ids.push(i); } }
    return ids;
  }
  function csvCell(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; } // no formulas when opened in a spreadsheet
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  var CSV_HEAD = ["subject", "predicate", "object", "subject_country", "object_country", "family", "confidence",
    "date", "outlet", "title", "url", "article", "sentence", "relation"];
  function csvText() {
    var lines = [CSV_HEAD.join(",")];
    selectionEdges().forEach(function (id) {
      var e = EDGES[id];
      var a = NODES[e.from], b = NODES[e.to];
      passingRows(id).forEach(function (r) {
        var art = ARTS[r[0]];
        var p = r[2] >= 0 ? r[2] : e.pred;
        lines.push([a.name, PREDS[p] ? PREDS[p][0] : "", b.name, a.country, b.country, familyOf(p), r[1],
          art[3], art[2], art[1], safeUrl(art[4]), art[0], r[3] === null ? "" : r[3], r[4]].map(csvCell).join(","));
      });
    });
    return lines.join("\r\n") + "\r\n";
  }
  function fileStem() {
    var stem = "kg-" + VIEW;
    if (S.focus >= 0) { stem += "-" + localName(NODES[S.focus].iri); }
    return stem.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 80);
  }
  byId("kg-png").addEventListener("click", function () {
    pngCanvas().toBlob(function (blob) { download(blob, fileStem() + ".png"); }, "image/png");
  });
  byId("kg-csv").addEventListener("click", function () {
    download(new Blob([csvText()], { type: "text/csv;charset=utf-8" }), fileStem() + ".csv");
  });
  byId("kg-permalink").addEventListener("click", function () {
    flushHash();
    var input = byId("kg-permalink-text");
    input.hidden = false;
    input.value = location.href;
    input.focus();
    input.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(location.href).catch(function () { /* file: pages may not copy */ });
    }
  });

  /* ---------- article link under the heading ---------- */
  if (safeUrl(data.link)) {
    byId("kg-link").appendChild(link(safeUrl(data.link), "Open the article ↗"));
  }
  if (VIEW === "countries") { byId("kg-fold-label").hidden = true; }

  /* ---------- go ---------- */
  syncControls();
  apply();

  window.kg = {
    network: network,
    nodes: nodes,
    edges: edges,
    data: data,
    counts: function () { return { nodes: N_REAL_NODES, edges: N_REAL_EDGES }; },
    visible: visible,
    visibleNames: function () {
      var out = [];
      for (var n = 0; n < nN; n++) { if (nVis[n]) { out.push(NODES[n].name); } }
      return out.sort();
    },
    visibleEdges: function () {
      var out = [];
      for (var i = 0; i < nE; i++) {
        if (eVis[i]) { out.push([NODES[EDGES[i].from].name, PREDS[EDGES[i].pred] ? PREDS[EDGES[i].pred][0] : "", NODES[EDGES[i].to].name, eCount[i]]); }
      }
      return out;
    },
    search: function (q) { return search(q).map(function (h) { return NODES[h.id].name; }); },
    focus: function (name) {
      var n = NODES.filter(function (x) { return x.name === name || x.iri === name; })[0];
      if (n) { focusNode(n.id); }
      return !!n;
    },
    focusPair: function (a, b) {
      var na = NODES.filter(function (x) { return x.name === a; })[0], nb = NODES.filter(function (x) { return x.name === b; })[0];
      if (na && nb) { focusPair(na.id, nb.id); }
      return !!(na && nb);
    },
    clearFocus: clearFocus,
    setRange: function (from, to) { setRange(isoToDay(from), isoToDay(to)); },
    setFilter: function (kind, key, on) {
      var set = kind === "pred" ? S.hp : kind === "cls" ? S.hc : S.hk;
      var k = kind === "pred" ? predByName[key] : key;
      if (on) { set.delete(k); } else { set.add(k); }
      apply();
    },
    setState: function (patch) {
      Object.keys(patch).forEach(function (k) { S[k] = patch[k]; });
      foldFix();
      apply();
    },
    state: function () {
      return { focus: S.focus >= 0 ? NODES[S.focus].name : null,
        pair: S.pair ? [NODES[S.pair[0]].name, NODES[S.pair[1]].name] : null,
        from: S.from !== null ? dayToIso(S.from) : null, to: S.to !== null ? dayToIso(S.to) : null,
        hiddenPreds: Array.from(S.hp).map(predKey).sort(), hiddenClasses: Array.from(S.hc).sort(),
        hiddenCountries: Array.from(S.hk).sort(), conf: S.conf, top: S.top, fold: S.fold, bucket: S.bucket };
    },
    hash: function () { flushHash(); return encodeState(); },
    timeline: function () {
      return { title: timelineTitle(), bucket: S.bucket,
        rows: timelineRows.map(function (r) { return [dayToIso(r[0]), r[1], r[2]]; }) };
    },
    csv: csvText,
    png: function () { return pngCanvas().toDataURL("image/png"); },
    labels: function () { return lastLabels.slice(); },
    applyMs: function () { return window.kgLastApplyMs; },
    isSettled: function () { return settled; }
  };
})();
