/* Concord map bridge: draws boundaries and live markers on the folium/Leaflet map and talks to
 * Python through one QWebChannel object ("bridge"). Python calls the Concord.* functions below with
 * JSON text; the page calls bridge.jsReady(), bridge.caseClicked(id), bridge.workerClicked(id).
 * Everything here is local: no network, and every string from the database is shown as text. */
(function () {
  'use strict';

  var STATUS_COLOURS = { online: '#2e7d32', stale: '#f9a825', offline: '#9e9e9e' };
  var SEVERITY_COLOURS = { 1: '#1e88e5', 2: '#fdd835', 3: '#fb8c00', 4: '#d32f2f' };
  var BASE_STYLES = {
    city: { color: '#263238', weight: 3, fill: false },
    towns: { color: '#1565c0', weight: 2, fillColor: '#1565c0', fillOpacity: 0.03 },
    villages: { color: '#5c6bc0', weight: 1, fill: false },
    grids: { color: '#78909c', weight: 0.6, dashArray: '3 3', fill: false }
  };
  // Labels only where they can be read: town names from zoom 10, villages from 13, grids from 15.
  var LABEL_ZOOM = { towns: 10, villages: 13, grids: 15 };
  // A cap on labels shown at once keeps the DOM small even if someone zooms out with grids on.
  var MAX_LABELS = 400;
  // Heading ticks are pointless at city scale and cost a redraw per worker; draw them up close only.
  var HEADING_ZOOM = 13;
  var HEADING_PX = 14;
  var MIN_SPEED = 0.5; // m/s: below this the bearing of a phone is noise

  var DEFAULT_LABELS = {
    city: 'City', towns: 'Towns', villages: 'Villages', grids: 'Grids',
    cases: 'Cases', workers: 'Workers', tiles: 'Tiles',
    phone: 'Phone', town: 'Town', grid: 'Grid', squad: 'Squad', lastReport: 'Last report',
    battery: 'Battery', status: 'Status', level: 'Level', severity: 'Severity',
    online: 'online', stale: 'stale', offline: 'offline', never: 'never',
    statusNames: {}, levelNames: {}, severityNames: {}
  };

  var map = null;
  var bridge = null;
  var markerRenderer = null;
  var labels = DEFAULT_LABELS;
  var caseLayer = null;
  var workerLayer = null;
  var trackLayer = null;
  var baseLayers = {};
  var labelLayers = {};
  var cases = new Map(); // id -> {data, marker}
  var workers = new Map(); // id -> {data, px, py, ci}: the row, its zoom-0 position, its colour
  var workerNames = new Map(); // id -> name: sent once per worker, kept while the page lives
  var pendingWorkers = new Map();
  var flushScheduled = false;
  var frameId = null;
  var timerId = null;
  var selectedCaseId = null;
  var stats = { calls: {}, lastWorkerDiff: null, workerFrames: 0 };

  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(value) {
    return String(value === null || value === undefined ? '' : value).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  function parse(payload) {
    return typeof payload === 'string' ? JSON.parse(payload) : payload;
  }

  function counted(name) {
    stats.calls[name] = (stats.calls[name] || 0) + 1;
  }

  // Builds DOM with textContent only, so nothing from the database is ever parsed as HTML.
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== null && text !== undefined) node.textContent = String(text);
    return node;
  }

  // Display name of a stored value; an unknown value (a newer schema) is shown raw.
  function named(names, value) {
    return names && Object.prototype.hasOwnProperty.call(names, value) ? names[value] : value;
  }

  function row(table, label, value) {
    var tr = el('tr');
    tr.appendChild(el('th', null, label));
    tr.appendChild(el('td', null, value === null || value === undefined || value === '' ? '—' : value));
    table.appendChild(tr);
  }

  // Device times come as ISO strings in China time (+08:00): show them as written, whatever the
  // desktop's own time zone is.
  function shortTime(iso) {
    if (!iso) return labels.never;
    return String(iso).replace('T', ' ').slice(0, 16);
  }

  // --- base layers ----------------------------------------------------------------------------

  function buildBase(base) {
    ['city', 'towns', 'villages', 'grids'].forEach(function (key) {
      var data = base && base[key];
      if (!data) return;
      var style = BASE_STYLES[key];
      // Boundaries never take clicks: the markers' canvas above them handles the mouse.
      baseLayers[key] = L.geoJSON(data, { style: function () { return style; }, interactive: false });
      if (LABEL_ZOOM[key]) labelLayers[key] = { group: L.layerGroup(), shown: new Map(), data: data };
    });
  }

  function labelFor(feature) {
    var span = el('span', null, feature.properties.name);
    return L.tooltip({ permanent: true, direction: 'center', className: 'concord-label', interactive: false })
      .setLatLng(feature.properties.label)
      .setContent(span);
  }

  // Shows permanent-tooltip labels of the features in view for each visible layer at its zoom.
  function updateLabels() {
    if (!map) return;
    var zoom = map.getZoom();
    var view = map.getBounds().pad(0.1);
    Object.keys(labelLayers).forEach(function (key) {
      var entry = labelLayers[key];
      var visible = baseLayers[key] && map.hasLayer(baseLayers[key]) && zoom >= LABEL_ZOOM[key];
      if (!visible) {
        // Drop the label elements, not just hide them: a zoomed-out city view needs none.
        if (map.hasLayer(entry.group)) map.removeLayer(entry.group);
        entry.group.clearLayers();
        entry.shown.clear();
        return;
      }
      if (!map.hasLayer(entry.group)) entry.group.addTo(map);
      var wanted = new Set();
      var features = entry.data.features;
      for (var i = 0; i < features.length && wanted.size < MAX_LABELS; i++) {
        var p = features[i].properties;
        if (p.label && view.contains(p.label)) wanted.add(i);
      }
      entry.shown.forEach(function (tooltip, i) {
        if (!wanted.has(i)) {
          entry.group.removeLayer(tooltip);
          entry.shown.delete(i);
        }
      });
      wanted.forEach(function (i) {
        if (!entry.shown.has(i)) {
          var tooltip = labelFor(features[i]);
          entry.shown.set(i, tooltip);
          entry.group.addLayer(tooltip);
        }
      });
    });
  }

  function buildTiles(tiles) {
    if (!tiles || !tiles.url) return null;
    return L.tileLayer(tiles.url, {
      minZoom: tiles.minZoom === undefined ? 0 : tiles.minZoom,
      maxZoom: tiles.maxZoom === undefined ? 18 : tiles.maxZoom,
      maxNativeZoom: tiles.maxNativeZoom,
      // Leaflet puts attribution in as HTML.
      attribution: escapeHtml(tiles.attribution || '')
    });
  }

  // --- cases ----------------------------------------------------------------------------------

  function caseStyle(c, selected) {
    var escalated = !!c.escalated;
    var severity = Number(c.severity) || 1;
    return {
      radius: 3 + 2 * severity + (escalated ? 3 : 0),
      color: selected ? '#0d47a1' : escalated ? '#6a1b9a' : '#ffffff',
      weight: selected ? 4 : escalated ? 3 : 1,
      opacity: 1,
      fillColor: SEVERITY_COLOURS[severity] || '#757575',
      fillOpacity: 0.9,
      dashArray: c.mass_incident && !selected ? '4 3' : null
    };
  }

  function caseTooltip(c) {
    var box = el('div', 'concord-case-tip');
    box.appendChild(el('b', null, c.number));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(el('span', null, c.title));
    return box;
  }

  function casePopup(c) {
    var box = el('div', 'concord-card concord-case');
    box.appendChild(el('div', 'concord-card-title', c.number));
    box.appendChild(el('div', 'concord-case-title', c.title));
    var table = el('table');
    row(table, labels.status, named(labels.statusNames, c.status));
    row(table, labels.level, named(labels.levelNames, c.level));
    row(table, labels.severity, named(labels.severityNames, c.severity));
    box.appendChild(table);
    return box;
  }

  function upsertCase(c) {
    var id = Number(c.id);
    var entry = cases.get(id);
    var selected = id === selectedCaseId;
    if (!entry) {
      var marker = L.circleMarker([c.lat, c.lon], Object.assign({ renderer: markerRenderer }, caseStyle(c, selected)));
      entry = { data: c, marker: marker };
      // Content is built when opened, from the newest data, as DOM text nodes.
      marker.bindTooltip(function () { return caseTooltip(entry.data); }, {
        direction: 'top', offset: [0, -6], className: 'concord-case-tooltip'
      });
      marker.bindPopup(function () { return casePopup(entry.data); });
      // The popup says all the tooltip does; two boxes over one marker only hide the map.
      marker.on('popupopen', function () { marker.closeTooltip(); });
      marker.on('click', function () {
        if (bridge) bridge.caseClicked(id);
      });
      cases.set(id, entry);
      caseLayer.addLayer(marker);
    } else {
      entry.data = c;
      entry.marker.setLatLng([c.lat, c.lon]);
      entry.marker.setStyle(caseStyle(c, selected));
    }
    if (c.escalated || selected) entry.marker.bringToFront();
  }

  // Markers on one canvas are drawn in the order they were added: a plain case added later would
  // cover an escalated one. Raise them again (plain, then escalated, then the selected one).
  function raiseCases() {
    var escalated = [];
    cases.forEach(function (entry, id) {
      if (entry.data.escalated) escalated.push(entry);
      else if (id !== selectedCaseId) entry.marker.bringToFront();
    });
    escalated.forEach(function (entry) { entry.marker.bringToFront(); });
    var selected = selectedCaseId !== null ? cases.get(selectedCaseId) : null;
    if (selected) selected.marker.bringToFront();
  }

  function removeCase(id) {
    var entry = cases.get(id);
    if (!entry) return;
    caseLayer.removeLayer(entry.marker);
    cases.delete(id);
    if (selectedCaseId === id) selectedCaseId = null;
  }

  // --- workers --------------------------------------------------------------------------------
  //
  // Ten thousand workers move every second. They are not Leaflet layers each: one WorkerLayer
  // (in the layers control) stands for all of them, and the markers' canvas renderer draws them in
  // one pass, below the cases, one path per status colour. Each worker keeps its position
  // projected at zoom 0; a frame only scales and shifts it. Clicks and hovers are hit-tested here.

  var STATUS_ORDER = ['offline', 'stale', 'online']; // drawn in this order: online on top
  var STATUS_INDEX = { offline: 0, stale: 1, online: 2 };
  var WORKER_RADIUS = 6;
  var WORKER_STROKE = 1.5;
  var WORKER_FILL_OPACITY = 0.95;
  var HEADING_WEIGHT = 3;
  var HIT_PX = 3; // beyond the drawn radius: a finger-wide margin for the mouse
  var workersShown = false;
  var workerTip = null;
  var hoveredWorker = null; // id of the worker whose tooltip is open
  var drawn = { workers: 0, headings: 0 };
  var scratch = { x: new Float64Array(0), y: new Float64Array(0), c: new Uint8Array(0), h: new Float64Array(0) };

  function statusIndex(status) {
    var i = STATUS_INDEX[status];
    return i === undefined ? 0 : i;
  }

  // Position at zoom 0 in the map's CRS pixels: at zoom z it is this times 2^z (Leaflet's CRSs
  // scale linearly). Spherical Mercator inline; any other CRS through Leaflet.
  function project0(entry) {
    var crs = map.options.crs;
    if (crs === L.CRS.EPSG3857) {
      var lat = Math.max(Math.min(entry.data.lat, 85.0511287798), -85.0511287798);
      var sin = Math.sin((lat * Math.PI) / 180);
      entry.px = 256 * (entry.data.lon / 360 + 0.5);
      entry.py = 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
      return;
    }
    var p = crs.latLngToPoint(L.latLng(entry.data.lat, entry.data.lon), 0);
    entry.px = p.x;
    entry.py = p.y;
  }

  function moving(w) {
    return w.bearing !== null && w.bearing !== undefined && Number(w.speed) >= MIN_SPEED;
  }

  // Where the renderer draws a worker now: a layer point, rounded as Leaflet rounds its markers.
  function workerLayerPoint(entry) {
    var factor = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin();
    return L.point(Math.round(entry.px * factor) - origin.x, Math.round(entry.py * factor) - origin.y);
  }

  function drawWorkers(renderer) {
    var ctx = renderer._ctx;
    var clip = renderer._redrawBounds || renderer._bounds;
    var margin = WORKER_RADIUS + WORKER_STROKE + (map.getZoom() >= HEADING_ZOOM ? HEADING_PX : 0);
    var minX = clip.min.x - margin, minY = clip.min.y - margin;
    var maxX = clip.max.x + margin, maxY = clip.max.y + margin;
    var factor = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin(), ox = origin.x, oy = origin.y;
    var headings = map.getZoom() >= HEADING_ZOOM;
    if (scratch.x.length < workers.size) {
      var size = Math.max(1024, workers.size * 2);
      scratch = { x: new Float64Array(size), y: new Float64Array(size), c: new Uint8Array(size), h: new Float64Array(size) };
    }
    var xs = scratch.x, ys = scratch.y, cs = scratch.c, hs = scratch.h;
    var n = 0, nh = 0;
    workers.forEach(function (entry) {
      var x = Math.round(entry.px * factor) - ox;
      var y = Math.round(entry.py * factor) - oy;
      if (x < minX || x > maxX || y < minY || y > maxY) return;
      xs[n] = x;
      ys[n] = y;
      cs[n] = entry.ci;
      hs[n] = headings && moving(entry.data) ? (Number(entry.data.bearing) * Math.PI) / 180 : NaN;
      n++;
    });
    ctx.save();
    if (renderer._redrawBounds) {
      var b = renderer._redrawBounds, bs = b.getSize();
      ctx.beginPath();
      ctx.rect(b.min.x, b.min.y, bs.x, bs.y);
      ctx.clip();
    }
    ctx.setLineDash([]);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    var r = WORKER_RADIUS, full = Math.PI * 2, i, c;
    for (c = 0; c < STATUS_ORDER.length; c++) {
      ctx.beginPath();
      var any = false;
      for (i = 0; i < n; i++) {
        if (cs[i] !== c) continue;
        ctx.moveTo(xs[i] + r, ys[i]);
        ctx.arc(xs[i], ys[i], r, 0, full, false);
        any = true;
      }
      if (!any) continue;
      ctx.globalAlpha = WORKER_FILL_OPACITY;
      ctx.fillStyle = STATUS_COLOURS[STATUS_ORDER[c]];
      ctx.fill('nonzero');
      ctx.globalAlpha = 1;
      ctx.lineWidth = WORKER_STROKE;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
    if (headings) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = HEADING_WEIGHT;
      for (c = 0; c < STATUS_ORDER.length; c++) {
        ctx.beginPath();
        var count = 0;
        for (i = 0; i < n; i++) {
          if (cs[i] !== c || hs[i] !== hs[i]) continue; // NaN: not moving
          ctx.moveTo(xs[i], ys[i]);
          ctx.lineTo(xs[i] + HEADING_PX * Math.sin(hs[i]), ys[i] - HEADING_PX * Math.cos(hs[i]));
          count++;
        }
        if (!count) continue;
        nh += count;
        ctx.strokeStyle = STATUS_COLOURS[STATUS_ORDER[c]];
        ctx.stroke();
      }
    }
    ctx.restore();
    drawn.workers = n;
    drawn.headings = nh;
  }

  // The nearest worker drawn under a layer point, or null.
  function workerAt(point) {
    if (!workersShown || !workers.size) return null;
    var factor = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin();
    var reach = WORKER_RADIUS + WORKER_STROKE / 2 + HIT_PX;
    var best = null, bestD = reach * reach, bestC = -1;
    workers.forEach(function (entry) {
      var dx = Math.round(entry.px * factor) - origin.x - point.x;
      if (dx > reach || dx < -reach) return;
      var dy = Math.round(entry.py * factor) - origin.y - point.y;
      var d = dx * dx + dy * dy;
      // The nearest; between equals, the one drawn on top.
      if (d < bestD || (d === bestD && entry.ci > bestC)) {
        best = entry;
        bestD = d;
        bestC = entry.ci;
      }
    });
    return best;
  }

  function workerTooltip(w) {
    return el('span', null, w.name);
  }

  function showWorkerTip(entry) {
    if (!entry) {
      if (hoveredWorker !== null && workerTip) map.closeTooltip(workerTip);
      hoveredWorker = null;
      return;
    }
    if (!workerTip) {
      workerTip = L.tooltip({ direction: 'top', offset: [0, -6], className: 'concord-worker-tooltip' });
    }
    workerTip.setLatLng([entry.data.lat, entry.data.lon]);
    if (hoveredWorker !== entry.data.id) {
      workerTip.setContent(workerTooltip(entry.data));
      hoveredWorker = entry.data.id;
    }
    if (!map.hasLayer(workerTip)) map.openTooltip(workerTip);
  }

  // The markers' canvas: Leaflet's, plus the workers drawn below its own layers.
  var MarkerCanvas = L.Canvas.extend({
    // Workers changed: the next frame clears and redraws the whole canvas (they are everywhere).
    requestFullRedraw: function () {
      if (!this._map) return;
      this._fullRedraw = true;
      this._redrawBounds = null;
      this._redrawRequest = this._redrawRequest || L.Util.requestAnimFrame(this._redraw, this);
    },

    _extendRedrawBounds: function (layer) {
      if (this._fullRedraw) return;
      L.Canvas.prototype._extendRedrawBounds.call(this, layer);
    },

    _draw: function () {
      if (this._fullRedraw) {
        this._fullRedraw = false;
        this._redrawBounds = null;
      }
      if (workersShown && workers.size && this._bounds) drawWorkers(this);
      else drawn.workers = drawn.headings = 0;
      L.Canvas.prototype._draw.call(this);
    },

    _onClick: function (e) {
      var point = this._map.mouseEventToLayerPoint(e), layer, clickedLayer;
      for (var order = this._drawFirst; order; order = order.next) {
        layer = order.layer;
        if (layer.options.interactive && layer._containsPoint(point)) {
          if (!(e.type === 'click' || e.type === 'preclick') || !this._map._draggableMoved(layer)) {
            clickedLayer = layer;
          }
        }
      }
      if (!clickedLayer && e.type === 'click' && !this._map._draggableMoved(workerLayer)) {
        var hit = workerAt(point);
        if (hit) workerLayer.fire('click', { id: hit.data.id, latlng: L.latLng(hit.data.lat, hit.data.lon) });
      }
      this._fireEvent(clickedLayer ? [clickedLayer] : false, e);
    },

    _handleMouseOut: function (e) {
      L.Canvas.prototype._handleMouseOut.call(this, e);
      if (e && e.type === 'mouseout') {
        showWorkerTip(null);
        L.DomUtil.removeClass(this._container, 'leaflet-interactive');
      }
    },

    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) return;
      L.Canvas.prototype._handleMouseHover.call(this, e, point);
      var hit = this._hoveredLayer ? null : workerAt(point);
      showWorkerTip(hit);
      if (hit) L.DomUtil.addClass(this._container, 'leaflet-interactive');
      else if (!this._hoveredLayer) L.DomUtil.removeClass(this._container, 'leaflet-interactive');
    }
  });

  // All workers as one layer: what the layers control switches on and off.
  var WorkerLayer = L.Layer.extend({
    onAdd: function () {
      workersShown = true;
      if (markerRenderer) markerRenderer.requestFullRedraw();
    },
    onRemove: function () {
      workersShown = false;
      showWorkerTip(null);
      if (markerRenderer) markerRenderer.requestFullRedraw();
    }
  });

  function upsertWorker(w) {
    var id = Number(w.id);
    var entry = workers.get(id);
    if (w.removed) {
      if (entry) {
        workers.delete(id);
        if (hoveredWorker === id) showWorkerTip(null);
      }
      return;
    }
    if (!entry) {
      // A status-only row for a worker the map has not placed yet carries no position to draw.
      if (w.lat === null || w.lat === undefined || w.lon === null || w.lon === undefined) return;
      entry = { data: Object.assign({ id: id, name: workerNames.get(id) }, w), px: 0, py: 0, ci: 0 };
      entry.data.id = id;
      workers.set(id, entry);
      project0(entry);
    } else {
      var moved = w.lat !== undefined && w.lon !== undefined && w.lat !== null && w.lon !== null;
      Object.assign(entry.data, w);
      entry.data.id = id;
      if (moved) project0(entry);
      if (hoveredWorker === id) showWorkerTip(entry);
    }
    entry.ci = statusIndex(entry.data.status);
  }

  function flushWorkers() {
    if (frameId !== null) cancelAnimationFrame(frameId);
    if (timerId !== null) clearTimeout(timerId);
    frameId = timerId = null;
    if (!flushScheduled) return;
    flushScheduled = false;
    var batch = pendingWorkers;
    pendingWorkers = new Map();
    batch.forEach(upsertWorker);
    if (batch.size && markerRenderer) markerRenderer.requestFullRedraw();
    stats.workerFrames += 1;
  }

  // Python sends rows as groups of arrays: {f: [field names], rows: [[values], ...]}. A name comes
  // once per worker (and again when it changes); the page remembers it.
  function decodeWorkerRows(payload) {
    var groups = parse(payload);
    if (!Array.isArray(groups)) groups = [groups];
    var out = [];
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      if (!group.f) {
        // Plain objects (older callers, the console): taken as they are.
        out.push(group);
        continue;
      }
      var fields = group.f, rows = group.rows, nf = fields.length;
      for (var i = 0; i < rows.length; i++) {
        var values = rows[i], w = {};
        for (var k = 0; k < nf; k++) w[fields[k]] = values[k];
        out.push(w);
      }
    }
    return out;
  }

  function workerCard(card) {
    var box = el('div', 'concord-card concord-worker');
    box.appendChild(el('div', 'concord-card-title', card.name));
    var table = el('table');
    row(table, labels.town, card.town);
    row(table, labels.grid, card.grid);
    row(table, labels.squad, card.squad);
    row(table, labels.phone, card.phone);
    row(table, labels.lastReport, shortTime(card.last_report));
    row(table, labels.battery, card.battery === null || card.battery === undefined ? null : Math.round(card.battery) + '%');
    row(table, labels.status, labels[card.status] || card.status);
    box.appendChild(table);
    return box;
  }

  // Leaflet ignores setView while a zoom animation runs (e.g. after a wheel zoom); a request
  // from the desktop must not be lost, so it waits for the animation to end.
  function setView(latlng, zoom) {
    if (map._animatingZoom) {
      map.once('zoomend', function () { map.setView(latlng, zoom); });
      return;
    }
    map.setView(latlng, zoom);
  }

  // --- the API Python calls -------------------------------------------------------------------

  var Concord = {
    escapeHtml: escapeHtml,
    stats: stats,

    init: function (leafletMap, config) {
      map = leafletMap;
      config = config || {};
      labels = Object.assign({}, DEFAULT_LABELS, config.labels || {});
      // Cases and workers share one canvas above the boundaries: a second full-size canvas on top
      // would swallow the clicks meant for the markers below it.
      map.createPane('concordMarkers').style.zIndex = 450;
      markerRenderer = new MarkerCanvas({ pane: 'concordMarkers', padding: 0.2 });
      // The renderer joins the map with the first case; the workers need it there from the start.
      map.addLayer(markerRenderer);
      caseLayer = L.layerGroup().addTo(map);
      workerLayer = new WorkerLayer().addTo(map);
      workerLayer.on('click', function (e) {
        if (bridge) bridge.workerClicked(e.id);
      });
      trackLayer = L.layerGroup().addTo(map);

      buildBase(config.base || {});
      var overlays = {};
      var tiles = buildTiles(config.tiles);
      if (tiles) {
        // Tile licences want their attribution shown; without Leaflet's own prefix link, which
        // would lead out of the page.
        L.control.attribution({ prefix: false }).addTo(map);
        tiles.addTo(map);
        overlays[escapeHtml(labels.tiles)] = tiles;
      }
      ['city', 'towns', 'villages', 'grids'].forEach(function (key) {
        if (!baseLayers[key]) return;
        if (key === 'city' || key === 'towns') baseLayers[key].addTo(map);
        overlays[escapeHtml(labels[key])] = baseLayers[key];
      });
      overlays[escapeHtml(labels.cases)] = caseLayer;
      overlays[escapeHtml(labels.workers)] = workerLayer;
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
      L.control.scale({ imperial: false }).addTo(map);

      var bounds = config.base && config.base.bounds;
      // No animation: the page opens on the city, and a zoom animation running now would make
      // Leaflet drop the first centerOn/selectCase that Python sends.
      if (bounds) map.fitBounds(bounds, { animate: false });
      // When the pane grows or shrinks (docks hidden for the wall display, a window resized) and
      // the user is still looking at the whole city, fit the city to the new size. A user who
      // zoomed into a district keeps their view.
      map.on('resize', function () {
        if (bounds && map.getBounds().pad(0.05).contains(L.latLngBounds(bounds))) {
          map.fitBounds(bounds, { animate: false });
        }
      });
      map.on('zoomend moveend overlayadd overlayremove', updateLabels);
      map.on('popupclose', function (e) {
        if (e.popup && e.popup.options.className === 'concord-worker-popup') trackLayer.clearLayers();
      });
      updateLabels();

      if (typeof QWebChannel === 'undefined' || typeof qt === 'undefined') {
        console.info('Concord map: no Qt web channel; running without the desktop bridge');
        return;
      }
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        bridge.jsReady();
      });
    },

    setCases: function (payload) {
      counted('setCases');
      var list = parse(payload);
      var keep = new Set(list.map(function (c) { return Number(c.id); }));
      Array.from(cases.keys()).forEach(function (id) {
        if (!keep.has(id)) removeCase(id);
      });
      var before = cases.size;
      list.forEach(upsertCase);
      if (cases.size > before) raiseCases();
    },

    upsertCases: function (payload) {
      counted('upsertCases');
      var before = cases.size;
      parse(payload).forEach(upsertCase);
      if (cases.size > before) raiseCases();
    },

    removeCases: function (payload) {
      counted('removeCases');
      parse(payload).forEach(function (id) { removeCase(Number(id)); });
    },

    selectCase: function (id) {
      counted('selectCase');
      id = Number(id);
      var previous = selectedCaseId !== null ? cases.get(selectedCaseId) : null;
      selectedCaseId = null;
      if (previous) previous.marker.setStyle(caseStyle(previous.data, false));
      var entry = cases.get(id);
      if (!entry) return false;
      selectedCaseId = id;
      entry.marker.setStyle(caseStyle(entry.data, true));
      entry.marker.bringToFront();
      var latlng = entry.marker.getLatLng();
      setView(latlng, Math.max(map.getZoom(), 14));
      entry.marker.openTooltip();
      return true;
    },

    // Rows are merged per worker and drawn in one animation frame, however many batches arrive.
    applyWorkerDiff: function (payload) {
      counted('applyWorkerDiff');
      var list = decodeWorkerRows(payload);
      stats.lastWorkerDiff = list;
      list.forEach(function (w) {
        var id = Number(w.id);
        if (w.name !== undefined) workerNames.set(id, w.name);
        var pending = pendingWorkers.get(id);
        pendingWorkers.set(id, pending ? Object.assign(pending, w) : Object.assign({}, w));
      });
      if (!flushScheduled) {
        flushScheduled = true;
        frameId = requestAnimationFrame(flushWorkers);
        // A hidden page gets no animation frames; keep the state current anyway (the browser
        // skips drawing while hidden).
        timerId = setTimeout(flushWorkers, 1000);
      }
    },

    showWorkerCard: function (payload) {
      counted('showWorkerCard');
      var card = parse(payload);
      trackLayer.clearLayers();
      var entry = workers.get(Number(card.id));
      var at = entry ? L.latLng(entry.data.lat, entry.data.lon) : card.lat !== null && card.lat !== undefined ? L.latLng(card.lat, card.lon) : null;
      if (card.track && card.track.length > 1) {
        L.polyline(card.track, {
          renderer: markerRenderer,
          interactive: false,
          color: '#0277bd',
          weight: 3,
          opacity: 0.8
        }).addTo(trackLayer);
        if (!at) at = L.latLng(card.track[card.track.length - 1]);
      }
      if (!at) return;
      L.popup({ className: 'concord-worker-popup', offset: [0, -4] })
        .setLatLng(at)
        .setContent(workerCard(card))
        .openOn(map);
    },

    centerOn: function (lat, lon, zoom) {
      counted('centerOn');
      setView([lat, lon], zoom === null || zoom === undefined ? map.getZoom() : zoom);
    },

    // Introspection for tests and diagnostics.
    counts: function () {
      var shownLabels = 0;
      Object.keys(labelLayers).forEach(function (key) { shownLabels += labelLayers[key].shown.size; });
      return {
        cases: cases.size,
        workers: workers.size,
        headings: drawn.headings,
        workersDrawn: drawn.workers,
        labels: shownLabels,
        track: trackLayer ? trackLayer.getLayers().length : 0
      };
    },
    caseData: function (id) {
      var entry = cases.get(Number(id));
      return entry ? entry.data : null;
    },
    caseMarker: function (id) {
      var entry = cases.get(Number(id));
      return entry ? entry.marker : null;
    },
    // How a worker is drawn: colour, heading shown, and where (container pixels), or null.
    workerDot: function (id) {
      var entry = workers.get(Number(id));
      if (!entry) return null;
      var at = map.layerPointToContainerPoint(workerLayerPoint(entry));
      return {
        colour: STATUS_COLOURS[STATUS_ORDER[entry.ci]],
        heading: map.getZoom() >= HEADING_ZOOM && moving(entry.data),
        shown: workersShown,
        x: at.x,
        y: at.y
      };
    },
    workerTooltip: function () {
      return hoveredWorker;
    },
    worker: function (id) {
      var entry = workers.get(Number(id));
      return entry ? entry.data : null;
    },
    layer: function (key) {
      if (key === 'workers') return workerLayer;
      return baseLayers[key] || null;
    },
    map: function () {
      return map;
    }
  };

  window.Concord = Concord;
})();
