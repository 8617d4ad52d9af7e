/* The wirescope page: a map of consolidated events, a timeline that filters it, filters, a
   list, and an event view with casualties per source, participants, statements, sources and
   the annotated report text.

   Safety: every text from the store reaches the DOM through textContent (el() below), never
   as markup. The one exception is the annotated view, an HTML fragment the server renders
   with every piece of report text escaped (wirescope/service/annotated.py). */
"use strict";

(function () {
  /* The page shows the latest MOST_EVENTS events that match the filters. It asks for them
     FIRST_PAGE at a time: it draws the first page at once (over a million stored events, the
     count and 500 events answer in a quarter of the time 2,000 take), then adds the others
     page by page. */
  var MOST_EVENTS = 2000;
  var FIRST_PAGE = 500;
  var TYPE_CLASSES = {
    "Battles": "t-battles",
    "Explosions/Remote violence": "t-explosions",
    "Violence against civilians": "t-civilians",
    "Protests": "t-protests",
    "Riots": "t-riots",
    "Strategic developments": "t-strategic",
    "Non-conflict": "t-nonconflict"
  };

  var state = { events: [], range: null, dragStart: null, map: null, cluster: null };

  /* ---- small DOM helpers: text always as text ---- */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "class") { node.className = value; } else { node.setAttribute(name, value); }
    });
    for (var i = 2; i < arguments.length; i++) { append(node, arguments[i]); }
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  /* Click, or Enter/Space when focused: list items that act like buttons. */
  function onActivate(node, action) {
    node.addEventListener("click", action);
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); action(); }
    });
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function $(id) { return document.getElementById(id); }
  function typeClass(type) { return TYPE_CLASSES[type] || "t-other"; }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    });
  }

  /* ---- filters ---- */
  function filterQuery() {
    var form = $("filters");
    var params = new URLSearchParams();
    ["type", "country", "since", "until", "actor", "q"].forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) { params.set(name, name === "country" ? value.toUpperCase() : value); }
    });
    return params;
  }

  function eventsPage(params, offset, limit) {
    var query = new URLSearchParams(params);
    query.set("limit", String(limit));
    if (offset) { query.set("offset", String(offset)); }
    return getJSON("/api/events?" + query.toString());
  }

  function fillTypes(taxonomy) {
    var select = $("filters").elements.type;
    Object.keys(taxonomy).forEach(function (type) {
      var group = el("optgroup", { label: type });
      group.appendChild(el("option", { value: type }, "all " + type));
      taxonomy[type].forEach(function (subtype) {
        group.appendChild(el("option", { value: subtype }, subtype));
      });
      select.appendChild(group);
    });
    var legend = $("legend");
    Object.keys(TYPE_CLASSES).forEach(function (type) {
      legend.appendChild(el("span", { class: "key" }, el("i", { class: "dot " + typeClass(type) }), type));
    });
  }

  /* The first page of events; resolves once it is drawn, while the next pages load. A newer
     load (the filters changed) stops an older one from adding its pages. */
  function load() {
    var generation = state.generation = (state.generation || 0) + 1;
    var params = filterQuery();
    document.body.removeAttribute("data-loaded");
    $("status").textContent = "Loading events…";
    return eventsPage(params, 0, FIRST_PAGE).then(function (page) {
      if (generation !== state.generation) { return; }
      state.events = page.events;
      state.total = page.total;
      state.range = null;
      drawTimeline();
      showEvents();
      loadMore(params, generation, page.events.length);
    }).catch(function (error) {
      $("status").textContent = "Could not load events: " + error.message;
    });
  }

  /* The next page from `offset` (what the pages so far held), until the page holds
     MOST_EVENTS events or all there are; body[data-loaded] once it is done. */
  function loadMore(params, generation, offset) {
    var wanted = Math.min(state.total, MOST_EVENTS) - state.events.length;
    if (wanted <= 0) { document.body.setAttribute("data-loaded", "1"); return; }
    eventsPage(params, offset, Math.min(FIRST_PAGE, wanted)).then(function (page) {
      if (generation !== state.generation) { return; }
      // Events stored since the first page shift the pages: an event seen twice is kept once.
      var seen = {};
      state.events.forEach(function (event) { seen[event.id] = true; });
      state.events = state.events.concat(page.events.filter(function (event) { return !seen[event.id]; }));
      state.total = page.total;
      drawTimeline();
      showEvents();
      if (page.events.length) {
        loadMore(params, generation, offset + page.events.length);
      } else {
        document.body.setAttribute("data-loaded", "1");
      }
    }).catch(function (error) {
      if (generation !== state.generation) { return; }
      $("status").textContent += " (could not load more: " + error.message + ")";
    });
  }

  /* ---- which events the timeline lets through ---- */
  function inRange(event) {
    if (!state.range) { return true; }
    return !!event.date && event.date >= state.range[0] && event.date <= state.range[1];
  }
  function visibleEvents() { return state.events.filter(inRange); }

  function showEvents() {
    var shown = visibleEvents();
    drawMarkers(shown);
    drawList(shown);
    var more = state.total > state.events.length ? " (first " + state.events.length + " of " + state.total + ")" : "";
    $("status").textContent = shown.length + " event" + (shown.length === 1 ? "" : "s") + more;
    $("timeline-label").textContent = state.range
      ? "Timeline: " + state.range[0] + (state.range[1] !== state.range[0] ? " to " + state.range[1] : "")
      : "Timeline: all dates";
    $("timeline-clear").hidden = !state.range;
    highlightBins();
  }

  /* ---- the map ---- */
  function initMap() {
    var map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 });
    map.setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · world-atlas · Leaflet");
    state.map = map;
    state.cluster = L.markerClusterGroup({
      maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon
    });
    map.addLayer(state.cluster);
    getJSON("/static/vendor/world-atlas/countries-50m.json").then(function (topo) {
      var countries = unwrapAntimeridian(topojson.feature(topo, topo.objects.countries));
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8d97a8", weight: 0.6, fillColor: "#f3efe6", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });
  }

  /* A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from +180 to -180
     in the atlas: drawn as it is, its edge runs across the whole world (a horizontal stripe).
     Each point is shifted by 360 degrees where it would jump, so the ring stays continuous
     and simply runs past the map's edge (test_page.py checks the atlas under Node). */
  function unwrapRing(ring) {
    var shift = 0;
    var unwrapped = ring.map(function (point, i) {
      if (i > 0) {
        var step = point[0] - ring[i - 1][0];
        if (step > 180) { shift -= 360; } else if (step < -180) { shift += 360; }
      }
      return [point[0] + shift, point[1]];
    });
    /* A ring around the pole (Antarctica) does not close once unwrapped: it is drawn as it is. */
    return shift === 0 ? unwrapped : ring;
  }
  function unwrapAntimeridian(collection) {
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry) { return; }
      if (geometry.type === "Polygon") {
        geometry.coordinates = geometry.coordinates.map(unwrapRing);
      } else if (geometry.type === "MultiPolygon") {
        geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(unwrapRing); });
      }
    });
    return collection;
  }

  /* A cluster shows how many events it holds and, on hover, which ones. */
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var names = children.map(function (m) { return m.options.title; }).sort();
    var size = children.length < 10 ? "small" : children.length < 100 ? "medium" : "large";
    var shown = names.slice(0, 12).join("\n") + (names.length > 12 ? "\n…" : "");
    return L.divIcon({
      html: el("div", { title: shown }, el("span", {}, String(children.length))),
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
  }

  function placeName(event) {
    var place = event.place || {};
    return [place.name, place.admin1, place.country].filter(Boolean).join(", ");
  }

  function eventTitle(event) {
    return (event.subtype || event.type || "event") + (placeName(event) ? " — " + placeName(event) : "") +
      (event.date ? " (" + event.date + ")" : "");
  }

  function drawMarkers(events) {
    state.cluster.clearLayers();
    var points = [];
    events.forEach(function (event) {
      var place = event.place || {};
      if (typeof place.lat !== "number" || typeof place.lon !== "number") { return; }
      var icon = L.divIcon({
        className: "event-marker " + typeClass(event.type),
        html: el("span", { class: "dot " + typeClass(event.type) }),
        iconSize: [16, 16]
      });
      var marker = L.marker([place.lat, place.lon], { icon: icon, title: eventTitle(event), alt: eventTitle(event) });
      marker.on("click", function () { openEvent(event.id); });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) { node.setAttribute("data-event", event.id); }
      });
      state.cluster.addLayer(marker);
      points.push([place.lat, place.lon]);
    });
    if (points.length) {
      state.map.fitBounds(L.latLngBounds(points).pad(0.4), { maxZoom: 6, animate: false });
    }
  }

  /* ---- the list ---- */
  function casualtyLine(event) {
    var parts = (event.casualties || []).map(function (c) { return figure(c) + " " + c.kind; });
    return parts.join(", ");
  }

  function drawList(events) {
    var list = $("events");
    clear(list);
    events.forEach(function (event) {
      var flag = event.conflicting ? el("span", { class: "flag" }, "sources disagree") : null;
      var reports = (event.reports || []).length;
      var item = el("li", { "data-event": event.id },
        el("button", { type: "button", class: "event-item" },
          el("span", { class: "dot " + typeClass(event.type) }),
          el("span", { class: "title" }, event.subtype || event.type),
          event.title ? el("span", { class: "headline" }, event.title) : null,
          el("span", { class: "when" }, [event.date || "date unknown", placeName(event) ? " · " + placeName(event) : "",
            event.publisher ? " · " + event.publisher : ""]),
          event.summary ? el("span", { class: "summary" }, event.summary) : null,
          el("span", { class: "meta" }, [casualtyLine(event), " ", reports + " report" + (reports === 1 ? "" : "s")]),
          flag));
      item.firstChild.addEventListener("click", function () { openEvent(event.id); });
      list.appendChild(item);
    });
  }

  /* ---- the timeline: bars per day (or month for long spans); click or drag to choose ---- */
  function bins() {
    var dates = state.events.map(function (e) { return e.date; }).filter(Boolean).sort();
    if (!dates.length) { return []; }
    var first = new Date(dates[0] + "T00:00:00Z"), last = new Date(dates[dates.length - 1] + "T00:00:00Z");
    var byMonth = (last - first) / 86400000 > 120;
    var counts = {};
    dates.forEach(function (d) { var key = byMonth ? d.slice(0, 7) : d; counts[key] = (counts[key] || 0) + 1; });
    var out = [];
    var cursor = new Date(first);
    if (byMonth) { cursor.setUTCDate(1); }
    while (cursor <= last) {
      var day = cursor.toISOString().slice(0, 10);
      var key = byMonth ? day.slice(0, 7) : day;
      var end = day;
      if (byMonth) {
        var next = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 0));
        end = next.toISOString().slice(0, 10);
      }
      out.push({ key: key, from: day, to: end, count: counts[key] || 0 });
      if (byMonth) { cursor.setUTCMonth(cursor.getUTCMonth() + 1); } else { cursor.setUTCDate(cursor.getUTCDate() + 1); }
    }
    return out;
  }

  function drawTimeline() {
    var svg = $("timeline");
    clear(svg);
    var data = bins();
    state.bins = data;
    var width = svg.clientWidth || 600, height = svg.clientHeight || 70;
    if (!data.length) { return; }
    var max = Math.max.apply(null, data.map(function (b) { return b.count; }));
    var step = width / data.length;
    data.forEach(function (bin, index) {
      var h = bin.count ? Math.max(3, (height - 14) * bin.count / max) : 0;
      var g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", "bin");
      g.setAttribute("data-from", bin.from);
      g.setAttribute("data-to", bin.to);
      var hit = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      hit.setAttribute("x", String(index * step)); hit.setAttribute("y", "0");
      hit.setAttribute("width", String(step)); hit.setAttribute("height", String(height));
      hit.setAttribute("class", "hit");
      var bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      var barWidth = Math.max(1, Math.min(step * 0.8, 40));
      bar.setAttribute("x", String(index * step + (step - barWidth) / 2)); bar.setAttribute("y", String(height - 12 - h));
      bar.setAttribute("width", String(barWidth)); bar.setAttribute("height", String(h));
      bar.setAttribute("class", "bar");
      var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = bin.key + ": " + bin.count + " event" + (bin.count === 1 ? "" : "s");
      g.appendChild(title); g.appendChild(hit); g.appendChild(bar);
      g.addEventListener("mousedown", function (e) { e.preventDefault(); state.dragStart = index; });
      g.addEventListener("mouseup", function () { chooseBins(state.dragStart === null ? index : state.dragStart, index); });
      svg.appendChild(g);
    });
    var labels = [data[0], data[data.length - 1]];
    labels.forEach(function (bin, i) {
      var text = document.createElementNS("http://www.w3.org/2000/svg", "text");
      text.setAttribute("x", i ? String(width - 2) : "2");
      text.setAttribute("y", String(height - 1));
      text.setAttribute("text-anchor", i ? "end" : "start");
      text.textContent = bin.key;
      svg.appendChild(text);
    });
  }

  function chooseBins(a, b) {
    state.dragStart = null;
    var lo = Math.min(a, b), hi = Math.max(a, b);
    state.range = [state.bins[lo].from, state.bins[hi].to];
    showEvents();
  }

  function highlightBins() {
    document.querySelectorAll("#timeline .bin").forEach(function (g) {
      var on = state.range && g.getAttribute("data-from") >= state.range[0] && g.getAttribute("data-to") <= state.range[1];
      g.classList.toggle("chosen", !!on);
    });
  }

  /* ---- the event view ---- */
  function figure(c) {
    if (c.count !== null && c.count !== undefined) { return String(c.count); }
    if (c.min !== null && c.min !== undefined && c.max !== null && c.max !== undefined) { return c.min + "–" + c.max; }
    if (c.min !== null && c.min !== undefined) { return "at least " + c.min; }
    if (c.max !== null && c.max !== undefined) { return "at most " + c.max; }
    return "some";
  }

  function section(title, body) {
    return el("section", { class: "ev-section" }, el("h3", {}, title), body);
  }

  /* Everything the event view needs about one report: its record (entities, statements,
     sources), its own event, and what the store says that event cites. */
  function reportContext(reportId, reportEvent, record) {
    var entities = {};
    (record.entities || []).forEach(function (e) { entities[e.id] = e; });
    var event = (reportEvent && reportEvent.event) || null;
    return { id: reportId, record: record, entities: entities, event: event, cited: reportEvent || {} };
  }

  function citedText(ctx, ref) {
    var found = (ctx.record.sources || []).concat(ctx.record.statements || []).filter(function (x) { return x.id === ref; })[0];
    if (!found) { return ref; }
    return found.speaker ? speakerName(ctx, found) : found.text;
  }

  /* Casualty figures as each report gives them, with whom it cites for each; figures of one
     kind that differ between reports or sources are flagged. */
  function casualtyRows(event, contexts) {
    var rows = [];
    contexts.forEach(function (ctx) {
      ((ctx.event && ctx.event.casualties) || []).forEach(function (c) {
        rows.push({ c: c, report: ctx.id, per: unique((c.per || []).map(function (ref) { return citedText(ctx, ref); })) });
      });
    });
    if (!rows.length) {
      (event.casualties || []).forEach(function (c) {
        rows.push({ c: c, report: [].concat(c.reports || []).join(", "), per: [] });
      });
    }
    return rows;
  }

  function casualtyTable(event, contexts) {
    var rows = casualtyRows(event, contexts);
    if (!rows.length) { return el("p", { class: "none" }, "No casualty figures."); }
    var figures = {};
    rows.forEach(function (row) { figures[row.c.kind] = figures[row.c.kind] || {}; figures[row.c.kind][figure(row.c)] = true; });
    var head = el("tr", {}, ["kind", "figure", "who", "report", "according to"].map(function (h) { return el("th", {}, h); }));
    var body = el("tbody", {});
    rows.forEach(function (row) {
      var disagree = Object.keys(figures[row.c.kind]).length > 1;
      body.appendChild(el("tr", { class: disagree ? "disagree" : null },
        el("td", {}, row.c.kind),
        el("td", {}, figure(row.c), disagree ? el("span", { class: "flag" }, "sources disagree") : null),
        el("td", {}, row.c.who || ""), el("td", {}, row.report), el("td", {}, row.per.join("; ") || "the report")));
    });
    return el("table", { class: "casualties" }, el("thead", {}, head), body);
  }

  /* Participants of the consolidated event, each with the certainty every report gives it
     (claimed, suspected, denied…) and whom the report cites for it. */
  function participantRows(event, contexts) {
    var rows = (event.participants || []).map(function (p) {
      return { role: p.role, name: p.name || p.text || "unidentified", certainties: [] };
    });
    contexts.forEach(function (ctx) {
      ((ctx.event && ctx.event.participants) || []).forEach(function (rp) {
        var entity = rp.entity && ctx.entities[rp.entity];
        var name = (entity && entity.name) || rp.text || "unidentified";
        var row = rows.filter(function (r) { return r.role === rp.role && r.name.toLowerCase() === name.toLowerCase(); })[0];
        if (!row) { row = { role: rp.role, name: name, certainties: [] }; rows.push(row); }
        row.certainties.push({ certainty: rp.certainty || "unknown", report: ctx.id, per: unique((rp.per || []).map(function (ref) { return citedText(ctx, ref); })) });
      });
    });
    return rows;
  }

  function participantList(event, contexts) {
    var items = participantRows(event, contexts).map(function (row) {
      var badges = row.certainties.map(function (c) {
        var label = c.certainty + (c.per.length ? " per " + c.per.join(", ") : "");
        return el("span", { class: "certainty c-" + c.certainty, title: "report " + c.report }, label);
      });
      return el("li", {}, el("span", { class: "role" }, row.role), " ", row.name, " ",
        badges.length ? badges : el("span", { class: "certainty c-unknown" }, "unknown"));
    });
    return items.length ? el("ul", { class: "participants" }, items) : el("p", { class: "none" }, "No participants named.");
  }

  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  function speakerName(ctx, statement) {
    var speaker = statement.speaker || {};
    var entity = speaker.entity && ctx.entities[speaker.entity];
    return (entity && entity.name) || speaker.text || speaker.description || "unknown speaker";
  }

  /* A statement is about the event when it takes a stance toward the report's event or the
     store lists it as cited; the reports' other statements follow under their own heading. */
  function aboutEvent(ctx, statement) {
    var eventId = ctx.event && ctx.event.id;
    var cited = (ctx.cited.statements || []).some(function (s) { return s.id === statement.id; });
    return cited || (statement.stance || []).some(function (x) { return eventId && x.event === eventId; });
  }

  function statementItem(ctx, s) {
    var stance = (s.stance || []).map(function (x) { return x.type; }).join(", ");
    var speaker = s.speaker || {};
    var anonymous = speaker.anonymous ? el("span", { class: "badge anon" }, "anonymous" + (speaker.count ? " ×" + speaker.count : "")) : null;
    var item = el("li", { class: "statement", "data-report": ctx.id, "data-statement": s.id, tabindex: "0" },
      el("div", { class: "who" }, el("strong", {}, speakerName(ctx, s)), anonymous,
        el("span", { class: "badge" }, s.channel || "unknown"), s.via ? el("span", { class: "badge" }, "via " + s.via) : null,
        stance ? el("span", { class: "badge stance" }, stance) : null, el("span", { class: "badge" }, s.kind)),
      s.text ? el("div", { class: "said" }, s.text) : el("span", { class: "none" }, (s.cue && s.cue.text) || "(no words reported)"));
    onActivate(item, function () { showInText(ctx.id, s.id); });
    return item;
  }

  function statementLists(contexts) {
    var about = [], other = [];
    contexts.forEach(function (ctx) {
      (ctx.record.statements || []).forEach(function (s) {
        (aboutEvent(ctx, s) ? about : other).push(statementItem(ctx, s));
      });
    });
    var out = [];
    out.push(about.length ? el("ul", { class: "statements" }, about) : el("p", { class: "none" }, "No statement about this event."));
    if (other.length) {
      out.push(el("h4", {}, "Also said in these reports"));
      out.push(el("ul", { class: "statements other" }, other));
    }
    return out;
  }

  function sourceList(contexts) {
    var items = [];
    contexts.forEach(function (ctx) {
      (ctx.record.sources || []).forEach(function (s) {
        var item = el("li", { class: "source", "data-report": ctx.id, "data-source": s.id, tabindex: "0" },
          el("strong", {}, s.text), el("span", { class: "badge" }, (s.kind || "").replace(/_/g, " ")),
          s.anonymous ? el("span", { class: "badge anon" }, "anonymous" + (s.count ? " ×" + s.count : "")) : el("span", { class: "badge" }, "named"),
          s.affiliation ? el("span", { class: "badge" }, s.affiliation) : null,
          s.reason ? el("div", { class: "reason" }, "why unnamed: " + s.reason) : null,
          s.told ? el("div", { class: "reason" }, "told " + s.told) : null);
        onActivate(item, function () { showInText(ctx.id, s.id); });
        items.push(item);
      });
    });
    return items.length ? el("ul", { class: "sources" }, items) : el("p", { class: "none" }, "No sources.");
  }

  /* Light up a statement or source in its report's annotated text. */
  function showInText(reportId, ref) {
    var holder = document.querySelector('.report-text[data-report="' + CSS.escape(String(reportId)) + '"]');
    var view = holder && holder.querySelector(".ws-annotated");
    if (!view) { return; }
    var field = view.querySelector('.ws-field[data-ref="' + CSS.escape(String(ref)) + '"]');
    if (field) { WirescopeAnnotated.activate(view, [field.getAttribute("data-f")], true); }
  }

  function loadReportText(container, reportId) {
    return fetch("/api/report/annotated?id=" + encodeURIComponent(reportId)).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      container.innerHTML = html; /* rendered by the server with every report text escaped */
      WirescopeAnnotated.bind(container);
    }).catch(function (error) {
      container.textContent = "Could not load report " + reportId + ": " + error.message;
    });
  }

  function eventHeader(event) {
    var reports = (event.reports || []).length;
    return el("header", { class: "ev-head" },
      el("span", { class: "dot " + typeClass(event.type) }),
      el("h2", {}, (event.subtype || "") + " · " + (event.type || "")),
      el("p", { class: "when" }, [event.date || "date unknown", placeName(event) ? " · " + placeName(event) : ""]),
      event.summary ? el("p", { class: "summary" }, event.summary) : null,
      event.conflicting ? el("p", { class: "flag" }, "Reports disagree on this event's figures.") : null,
      el("p", { class: "meta" }, reports + " report" + (reports === 1 ? "" : "s") + " · first seen " +
        (event.first_seen || "?") + " · updated " + (event.last_updated || "?")));
  }

  function reportHeadlines(event) {
    return el("ul", { class: "report-heads" }, (event.report_events || []).map(function (re) {
      return el("li", {}, [
        el("span", { class: "headline" }, re.title || re.report),
        el("span", { class: "when" }, [re.publisher, re.published ? re.published.slice(0, 10) : null].filter(Boolean).join(" · "))
      ]);
    }));
  }

  /* The story: this event and the events linked to it, oldest first, each a line that opens it. */
  function storyTimeline(box, event) {
    var ids = (event.related || []).map(function (link) { return link.id || link; });
    var loads = ids.map(function (id) {
      return getJSON("/api/events/" + encodeURIComponent(id)).catch(function () { return null; });
    });
    return Promise.all(loads).then(function (others) {
      var all = [event].concat(others.filter(Boolean));
      all.sort(function (a, b) { return (a.date || "").localeCompare(b.date || ""); });
      clear(box);
      var line = el("ol", { class: "story-timeline" }, all.map(function (other) {
        var first = (other.report_events || [])[0] || {};
        var item = el("li", { "data-event": other.id, class: other.id === event.id ? "current" : "" },
          el("button", { type: "button", class: "story-item" },
            el("span", { class: "dot " + typeClass(other.type) }),
            el("span", { class: "when" }, other.date || "date unknown"),
            el("span", { class: "title" }, " " + (other.subtype || other.type || "event")),
            el("span", { class: "headline" }, first.title ? " — " + first.title : "")));
        if (other.id !== event.id) {
          item.firstChild.addEventListener("click", function () { openEvent(other.id); });
        }
        return item;
      }));
      box.appendChild(line);
    });
  }

  function renderEvent(event) {
    var reportIds = event.reports || [];
    var byReport = {};
    (event.report_events || []).forEach(function (re) { byReport[re.report_id || re.report || re.id] = re; });
    var records = reportIds.map(function (id) {
      return getJSON("/api/report?id=" + encodeURIComponent(id)).catch(function () { return { id: id }; });
    });
    return Promise.all(records).then(function (recs) {
      var contexts = recs.map(function (record, i) {
        var re = byReport[reportIds[i]];
        var ctx = reportContext(reportIds[i], re, record);
        if (!ctx.event && record.events && record.events.length === 1) { ctx.event = record.events[0]; }
        return ctx;
      });
      var box = $("event");
      clear(box);
      box.appendChild(eventHeader(event));
      box.appendChild(section("Reports", reportHeadlines(event)));
      if ((event.related || []).length) {
        var story = el("div", { class: "story" }, "Loading the story…");
        box.appendChild(section("Story — the linked events on one timeline", story));
        storyTimeline(story, event);
      }
      box.appendChild(section("Casualties per source", casualtyTable(event, contexts)));
      box.appendChild(section("Participants", participantList(event, contexts)));
      box.appendChild(section("Statements", statementLists(contexts)));
      box.appendChild(section("Sources", sourceList(contexts)));
      var texts = el("div", { class: "report-texts" });
      var loads = contexts.map(function (ctx) {
        var holder = el("div", { class: "report-text", "data-report": ctx.id }, "Loading " + ctx.id + "…");
        var title = ctx.record.meta && ctx.record.meta.title;
        texts.appendChild(el("h4", {}, "Report " + ctx.id + (title ? ": " + title : "")));
        texts.appendChild(holder);
        return loadReportText(holder, ctx.id);
      });
      box.appendChild(section("Reports, annotated — click a field to see the words it came from", texts));
      return Promise.all(loads);
    });
  }

  function openEvent(eventId) {
    $("list-view").hidden = true;
    $("event-view").hidden = false;
    document.body.classList.add("detail-open");
    clear($("event"));
    $("event").appendChild(el("p", { class: "status" }, "Loading…"));
    if (location.hash !== "#event=" + encodeURIComponent(eventId)) {
      history.replaceState(null, "", "#event=" + encodeURIComponent(eventId));
    }
    return getJSON("/api/events/" + encodeURIComponent(eventId)).then(renderEvent).then(function () {
      document.body.setAttribute("data-event-ready", eventId);
      setTimeout(function () { state.map.invalidateSize(); }, 0);
    }).catch(function (error) {
      clear($("event"));
      $("event").appendChild(el("p", { class: "status" }, "Could not load the event: " + error.message));
    });
  }

  function closeEvent() {
    $("list-view").hidden = false;
    $("event-view").hidden = true;
    document.body.classList.remove("detail-open");
    document.body.removeAttribute("data-event-ready");
    history.replaceState(null, "", location.pathname + location.search);
    setTimeout(function () { state.map.invalidateSize(); }, 0);
  }

  /* ---- start ---- */
  function start() {
    initMap();
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); closeEvent(); load(); });
    $("filters").addEventListener("reset", function () { setTimeout(function () { closeEvent(); load(); }, 0); });
    $("back").addEventListener("click", closeEvent);
    $("timeline-clear").addEventListener("click", function () { state.range = null; showEvents(); });
    document.addEventListener("mouseup", function () { state.dragStart = null; });
    window.addEventListener("resize", function () { drawTimeline(); highlightBins(); });
    getJSON("/api/taxonomy").then(fillTypes).catch(function () { /* the filter keeps "any" */ });
    load().then(function () {
      document.body.setAttribute("data-ready", "1");
      var match = /^#event=(.+)$/.exec(location.hash);
      if (match) { openEvent(decodeURIComponent(match[1])); }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
