/* eventcoder explorer: talks to the JSON API of the same server and draws with Apache ECharts.
 *
 * Text that comes from documents or the database is only ever put in the page with textContent or
 * createTextNode, never as HTML; chart tooltips use ECharts' richText mode (drawn on the canvas, no HTML).
 * `window.explorer` exposes the state (filters and the data behind each view) for tests and debugging.
 */
(function () {
  "use strict";

  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const QUAD_COLORS = { 1: "#4aa3df", 2: "#1a9850", 3: "#f39c4a", 4: "#d0342c", other: "#999999" };
  // Event type -> quad class (the same table as query.QUAD_CLASS).
  const QUAD_OF = {
    AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
    REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3,
    PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
  };
  const PAGE = 25;

  const state = {
    filter: {}, interval: "month", by: "quad", level: "country", offset: 0,
    summary: null, timeline: null, dyads: null, places: null, page: null, selected: null, detail: null,
    loading: 0, ready: false, errors: [],
  };
  window.explorer = state;

  const $ = (id) => document.getElementById(id);
  const charts = {};

  // ------------------------------------------------------------------------------------------ helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function params(extra) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...state.filter, ...(extra || {}) })) {
      if (v !== undefined && v !== null && v !== "") p.set(k, v);
    }
    return p;
  }

  async function api(path, extra) {
    const query = params(extra).toString();
    const response = await fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const detail = Array.isArray(body.detail)
        ? body.detail.map((d) => (d.loc || []).slice(1).join(".") + ": " + d.msg).join("; ")
        : body.detail;
      throw new Error(detail || response.statusText);
    }
    return body;
  }

  function setStatus(text, isError) {
    const status = $("status");
    status.textContent = text || "";
    status.classList.toggle("error", Boolean(isError));
  }

  function mix(a, b, t) {
    const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
    const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return "#" + pa.map((x, i) => Math.round(x + (pb[i] - x) * t).toString(16).padStart(2, "0")).join("");
  }

  // balance -1 (conflict) .. +1 (cooperation) -> red .. grey .. green
  function balanceColor(balance) {
    const b = Math.max(-1, Math.min(1, balance || 0));
    return b < 0 ? mix("#b7b7b7", "#d0342c", -b) : mix("#b7b7b7", "#1a9850", b);
  }

  function actorLabel(actors) {
    if (!actors || !actors.length) return "—";
    return actors.map((a) => a.name || a.text).join("; ");
  }

  function typeBadge(ev) {
    const q = QUAD_OF[ev.event_type] || 0;
    const span = el("span", {}, el("span", { class: "type q" + q, title: QUAD_NAMES[q] || "" }, ev.event_type));
    if (ev.event_mode) span.appendChild(el("span", { class: "mode" }, ev.event_mode));
    return span;
  }

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: "canvas" });
    return charts[id];
  }

  // Resize the charts once per frame after the window settles, and only when their box has a size.
  let resizeQueued = false;
  window.addEventListener("resize", () => {
    if (resizeQueued) return;
    resizeQueued = true;
    requestAnimationFrame(() => {
      resizeQueued = false;
      for (const [id, c] of Object.entries(charts)) {
        const box = $(id);
        if (box.clientWidth > 0 && box.clientHeight > 0) c.resize();
      }
    });
  });

  // ------------------------------------------------------------------------------------------ filters
  function readFilters() {
    const f = {};
    const actor = $("f-actor").value.trim();
    const other = $("f-with").value.trim();
    if (actor && other) f.dyad = actor + "," + other;
    else if (actor || other) f.actor = actor || other;
    for (const [id, key] of [["f-country", "country"], ["f-type", "event_type"], ["f-quad", "quad"],
      ["f-modality", "modality"], ["f-from", "date_from"], ["f-to", "date_to"], ["f-text", "text"]]) {
      const v = $(id).value.trim();
      if (v) f[key] = v;
    }
    return f;
  }

  function setDyad(a, b) {
    $("f-actor").value = a || "";
    $("f-with").value = b || "";
    apply();
  }

  function apply() {
    state.filter = readFilters();
    state.offset = 0;
    return refresh();
  }

  function fillSelect(select, facets, label) {
    for (const f of facets) {
      select.appendChild(el("option", { value: f.value }, (label ? label(f.value) : f.value) + " (" + f.count + ")"));
    }
  }

  // ------------------------------------------------------------------------------------------ views
  function drawTimeline(t) {
    const note = [];
    note.push(t.total + " events");
    if (t.undated) note.push(t.undated + " without a date precise enough for this interval");
    $("timeline-note").textContent = note.join(" · ");
    const series = t.series.map((s) => ({
      name: s.label, type: "bar", stack: "events", data: s.counts, barMaxWidth: 40,
      itemStyle: { color: t.by === "quad" ? QUAD_COLORS[s.key] : QUAD_COLORS[QUAD_OF[s.key] || "other"] },
      emphasis: { focus: "series" },
    }));
    if (t.by === "type") {
      // shades within a quad class so that types of one class stay apart
      const seen = {};
      for (const [i, s] of t.series.entries()) {
        const q = QUAD_OF[s.key] || "other";
        seen[q] = (seen[q] || 0) + 1;
        series[i].itemStyle.color = mix(QUAD_COLORS[q], "#ffffff", Math.min(0.6, (seen[q] - 1) * 0.18));
      }
    }
    chart("timeline").setOption({
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: t.periods.length > 40 ? 56 : 28 },
      xAxis: { type: "category", data: t.periods },
      yAxis: { type: "value", minInterval: 1 },
      dataZoom: t.periods.length > 40 ? [{ type: "slider", height: 18, bottom: 6 }, { type: "inside" }] : [],
      series,
    }, { notMerge: true });
  }

  function drawNetwork(dyads) {
    const nodes = new Map();
    const links = [];
    for (const d of dyads) {
      for (const [key, label] of [[d.source, d.source_label], [d.target, d.target_label]]) {
        if (!nodes.has(key)) nodes.set(key, { id: key, name: key, label: label, value: 0 });
      }
      for (const key of d.source === d.target ? [d.source] : [d.source, d.target]) {
        const node = nodes.get(key);
        node.value += d.events;
        node.weighted = (node.weighted || 0) + d.balance.balance * d.events;
      }
      if (d.source === d.target) continue; // a pair of one key (domestic events) stays out of the graph
      links.push({
        source: d.source, target: d.target, value: d.events, balance: d.balance.balance,
        lineStyle: { width: 1 + 2.2 * Math.log2(1 + d.events), color: balanceColor(d.balance.balance), opacity: 0.85 },
      });
    }
    const max = Math.max(1, ...[...nodes.values()].map((n) => n.value));
    const data = [...nodes.values()].map((n) => ({
      ...n, symbolSize: 10 + 30 * Math.sqrt(n.value / max),
      itemStyle: { color: balanceColor(n.weighted / Math.max(1, n.value)), borderColor: "#1d2733", borderWidth: 1 },
      label: { show: true, position: "right", formatter: n.id },
    }));
    const c = chart("network");
    c.setOption({
      animation: false,
      tooltip: {
        renderMode: "richText",
        formatter: (p) => p.dataType === "edge"
          ? p.data.source + " – " + p.data.target + ": " + p.data.value + " events, balance " + p.data.balance.toFixed(2)
          : p.data.id + (p.data.label && p.data.label !== p.data.id ? " (" + p.data.label + ")" : "") + ": " + p.data.value + " events",
      },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, data, links, zoom: 0.95,
        force: { repulsion: 180, edgeLength: [40, 100], gravity: 0.25, layoutAnimation: false },
        emphasis: { focus: "adjacency", lineStyle: { width: 6 } },
        labelLayout: { hideOverlap: true },
      }],
    }, { notMerge: true });
  }

  let mapReady = null;
  function loadMap() {
    if (!mapReady) {
      mapReady = fetch("/static/vendor/countries-110m.json").then((r) => r.json()).then((topology) => {
        const world = topojson.feature(topology, topology.objects.countries);
        world.features = world.features.filter((f) => f.id !== "010"); // Antarctica: no events, much space
        echarts.registerMap("world", world);
      });
    }
    return mapReady;
  }

  async function drawMap(places) {
    await loadMap();
    const max = Math.max(1, ...places.map((p) => p.events));
    chart("map").setOption({
      animation: false,
      tooltip: { renderMode: "richText", formatter: (p) => p.data ? p.data.label + ": " + p.data.events + " events" : "" },
      geo: {
        map: "world", roam: true, zoom: 1.15, top: 8, bottom: 8,
        itemStyle: { areaColor: "#e8edf2", borderColor: "#b9c3cd" },
        emphasis: { disabled: true }, tooltip: { show: false },
      },
      series: [{
        type: "scatter", coordinateSystem: "geo",
        data: places.map((p) => ({
          value: [p.lon, p.lat, p.events], events: p.events, country: p.country,
          label: (p.name || p.country || "?") + (p.country && p.name !== p.country ? " (" + p.country + ")" : ""),
          symbolSize: 7 + 22 * Math.sqrt(p.events / max),
          itemStyle: { color: balanceColor(p.balance.balance), borderColor: "#333", borderWidth: 0.5, opacity: 0.85 },
        })),
      }],
    }, { notMerge: true });
  }

  function drawTable(page) {
    const body = $("events").querySelector("tbody");
    body.replaceChildren();
    for (const row of page.events) {
      const ev = row.event;
      const place = ev.location ? (ev.location.name || ev.location.country || "") : "";
      const sentence = ev.evidence.length ? ev.evidence[0].sentence : "";
      const tr = el("tr", { dataset: { id: ev.id } },
        el("td", {}, ev.date && ev.date.value ? ev.date.value : "—"),
        el("td", {}, typeBadge(ev)),
        el("td", {}, actorLabel(ev.actors), el("span", { class: "arrow" }, ev.directed ? " → " : " ↔ "),
          actorLabel(ev.recipients), place ? el("div", { class: "place" }, place) : null),
        el("td", { class: "evidence-cell" }, sentence.length > 140 ? sentence.slice(0, 139) + "…" : sentence));
      if (state.selected === ev.id) tr.classList.add("selected");
      tr.addEventListener("click", () => select(ev.id));
      body.appendChild(tr);
    }
    if (!page.events.length) body.appendChild(el("tr", {}, el("td", { colspan: "4" }, "No event matches these filters.")));
    const last = Math.min(page.total, page.offset + page.events.length);
    $("page-info").textContent = page.total ? (page.offset + 1) + "–" + last + " of " + page.total : "0 events";
    $("prev").disabled = page.offset === 0;
    $("next").disabled = last >= page.total;
  }

  // Split the text at every highlight boundary; each piece covered by a range becomes a <mark> whose
  // classes name every range covering it (evidence, trigger, actor, recipient).
  function highlighted(text, ranges) {
    const cuts = new Set([0, text.length]);
    for (const r of ranges) {
      r.start = Math.max(0, Math.min(text.length, r.start));
      r.end = Math.max(r.start, Math.min(text.length, r.end));
      cuts.add(r.start); cuts.add(r.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (a === b) continue;
      const kinds = [...new Set(ranges.filter((r) => r.start <= a && r.end >= b && r.end > r.start).map((r) => r.kind))];
      const piece = text.slice(a, b);
      if (!kinds.length) frag.appendChild(document.createTextNode(piece));
      else frag.appendChild(el("mark", { class: kinds.join(" "), dataset: { start: String(a), end: String(b) } }, piece));
    }
    return frag;
  }

  function drawDetail(detail) {
    const ev = detail.event;
    const doc = detail.document;
    $("doc-empty").hidden = true;
    $("doc").hidden = false;
    $("doc-title").textContent = doc.title || doc.id;
    const meta = $("doc-meta");
    meta.replaceChildren();
    meta.appendChild(document.createTextNode([doc.published, doc.source].filter(Boolean).join(" · ")));
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url));
    }
    const facts = $("doc-event");
    facts.replaceChildren();
    const fact = (k, v) => { facts.appendChild(el("dt", {}, k)); facts.appendChild(el("dd", {}, v)); };
    fact("event", ev.event_type + (ev.event_mode ? " / " + ev.event_mode : "") + " — " + (detail.quad_name || ""));
    fact("actor", actorLabel(ev.actors));
    fact("recipient", actorLabel(ev.recipients));
    fact("when", (ev.date.value || "unknown") + (ev.date.text ? " (“" + ev.date.text + "”, " + ev.date.resolution + ")" : ""));
    fact("where", ev.location ? [ev.location.name, ev.location.country].filter(Boolean).join(", ") : "unknown");
    fact("modality", ev.modality + ", confidence " + ev.confidence.toFixed(2));
    const ranges = [];
    for (const e of ev.evidence) {
      ranges.push({ start: e.start, end: e.end, kind: "evidence" });
      ranges.push({ start: e.trigger_start, end: e.trigger_end, kind: "trigger" });
    }
    for (const a of ev.actors) if (a.start !== null && a.end !== null) ranges.push({ start: a.start, end: a.end, kind: "actor" });
    for (const a of ev.recipients) if (a.start !== null && a.end !== null) ranges.push({ start: a.start, end: a.end, kind: "recipient" });
    const box = $("doc-text");
    box.replaceChildren(highlighted(doc.text || "", ranges));
    const first = box.querySelector("mark.evidence");
    if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - 40);
  }

  async function select(id) {
    state.selected = id;
    for (const tr of $("events").querySelectorAll("tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
    try {
      const detail = await fetch("/api/events/" + encodeURIComponent(id)).then((r) => {
        if (!r.ok) throw new Error("event " + id + ": " + r.status);
        return r.json();
      });
      state.detail = detail;
      drawDetail(detail);
    } catch (err) {
      setStatus(String(err.message || err), true);
    }
  }

  // ------------------------------------------------------------------------------------------ loading
  async function loadPage() {
    state.page = await api("/api/events", { limit: PAGE, offset: state.offset, sort: "-date" });
    drawTable(state.page);
  }

  async function refresh() {
    state.loading += 1;
    state.ready = false;
    setStatus("loading…");
    try {
      const [timeline, dyads, places] = await Promise.all([
        api("/api/timeline", { interval: state.interval, by: state.by }),
        api("/api/dyads", { level: state.level, limit: 150 }),
        api("/api/places"),
        loadPage(),
      ]);
      state.timeline = timeline; state.dyads = dyads; state.places = places;
      drawTimeline(timeline);
      drawNetwork(dyads);
      await drawMap(places);
      const shown = Object.entries(state.filter).map(([k, v]) => k + "=" + v).join(", ");
      setStatus(state.page.total + " events" + (shown ? " where " + shown : ""));
    } catch (err) {
      state.errors.push(String(err.message || err));
      setStatus(String(err.message || err), true);
    } finally {
      state.loading -= 1;
      state.ready = state.loading === 0;
    }
  }

  async function start() {
    try {
      const s = await api("/api/summary");
      state.summary = s;
      $("summary").textContent = s.events + " events from " + s.documents + " documents" +
        (s.date_min ? ", " + s.date_min + " to " + s.date_max : "") + " · " + s.path.split(/[\\/]/).pop();
      fillSelect($("f-country"), s.countries);
      fillSelect($("f-type"), s.event_types);
      fillSelect($("f-quad"), s.quads, (q) => q + " " + QUAD_NAMES[q]);
      fillSelect($("f-modality"), s.modalities);
      const actors = await api("/api/actors", { limit: 500 });
      const list = $("actor-list");
      for (const a of actors) list.appendChild(el("option", { value: a.key }, a.label + " (" + a.events + ")"));
    } catch (err) {
      setStatus(String(err.message || err), true);
    }
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); apply(); });
    $("reset").addEventListener("click", () => { $("filters").reset(); apply(); });
    $("interval").addEventListener("change", (e) => { state.interval = e.target.value; refresh(); });
    $("series-by").addEventListener("change", (e) => { state.by = e.target.value; refresh(); });
    $("level").addEventListener("change", (e) => { state.level = e.target.value; refresh(); });
    $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadPage(); });
    $("next").addEventListener("click", () => { state.offset += PAGE; loadPage(); });
    chart("network").on("click", (p) => {
      if (p.dataType === "edge") setDyad(p.data.source, p.data.target);
      else if (p.dataType === "node") setDyad(p.data.id, "");
    });
    chart("map").on("click", (p) => {
      if (p.data && p.data.country) { $("f-country").value = p.data.country; apply(); }
    });
    await refresh();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
