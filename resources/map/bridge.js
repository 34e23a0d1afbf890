/* Concord map bridge: draws boundaries and live markers on the folium/Leaflet map and talks to
 * Python through one QWebChannel object ("bridge"). Python calls the Concord.* functions below with
 * JSON text; the page calls bridge.jsReady(), bridge.caseClicked(id), bridge.workerClicked(id), and
 * in pick mode (the desk's intake form) bridge.pointPicked(lat, lon) or bridge.pickCancelled().
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
  // Up close the map keeps its bearings: village and grid lines and names are drawn from these
  // zooms even with their overlays off (light "context" copies, not in the layers control), so a
  // case zoomed to shows in its village and grid. The legend has a switch for it.
  var CONTEXT_ZOOM = { villages: 13, grids: 15 };
  var CONTEXT_STYLES = {
    villages: { color: '#5c6bc0', weight: 1, opacity: 0.7, fill: false },
    grids: { color: '#78909c', weight: 0.8, opacity: 0.8, dashArray: '3 3', fill: false }
  };
  // The zoom selectCase brings a case to: its grid's lines and name show there.
  var CASE_ZOOM = 15;
  // A map smaller than this opens with the legend folded (its button stays): beside the docks
  // the legend would hide half the city.
  var LEGEND_MIN_HEIGHT = 560;
  var LEGEND_MIN_WIDTH = 640;
  // Overdue and due-soon cases wear a ring (overdue: red on a red halo; due soon: amber), drawn on
  // the markers' canvas just below their marker and taking no clicks. (An SVG ring pulsing by CSS
  // was tried: a second renderer left the canvas unpainted until the map moved.)
  var SLA_COLOURS = { breached: '#d50000', warning: '#ffab00' };
  var LOG_LEGEND_COLOURS = { open: '#00897b', converted: '#5e35b1' };
  // A cap on labels shown at once keeps the DOM small even if someone zooms out with grids on.
  var MAX_LABELS = 400;
  // Heading ticks are pointless at city scale and cost a redraw per worker; draw them up close only.
  var HEADING_ZOOM = 13;
  var HEADING_PX = 14;
  var MIN_SPEED = 0.5; // m/s: below this the bearing of a phone is noise

  var DEFAULT_LABELS = {
    city: 'City', towns: 'Towns', villages: 'Villages', grids: 'Grids',
    cases: 'Cases', workers: 'Workers', tiles: 'Tiles',
    logs: 'Sentiment logs', heat: 'Case heat', heatWindow: 'Heat of cases reported in',
    heatDays: { '30': 'the last 30 days', '90': 'the last 90 days', '365': 'the last 365 days', '0': 'all history' },
    households: 'households', logHasCase: 'turned into a case',
    phone: 'Phone', town: 'Town', grid: 'Grid', squad: 'Squad', lastReport: 'Last report',
    battery: 'Battery', status: 'Status', level: 'Level', severity: 'Severity',
    online: 'online', stale: 'stale', offline: 'offline', never: 'never',
    statusNames: {}, levelNames: {}, severityNames: {},
    legend: 'Legend', legendHide: 'Hide the legend', legendShow: 'Show the legend',
    legendCases: 'Cases (colour: severity)', legendEscalated: 'Escalated or above village level',
    legendMass: 'Mass incident', legendSelected: 'Selected case', overdue: 'Overdue', dueSoon: 'Due soon',
    legendWorkers: 'Grid workers (last fix)', legendOnline: 'online (fix within 10 min)',
    legendStale: 'stale (10–60 min)', legendOffline: 'offline (over 60 min)',
    legendLogs: 'Sentiment logs', legendLogOpen: 'log', legendLogConverted: 'log turned into a case',
    legendLayers: 'Boundaries', legendContext: 'Village and grid lines up close',
    sla: 'Deadline'
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
  var selectedCaseId = null;
  var pendingSelectId = null; // asked to select before its marker arrived: done when it does
  var stats = { calls: {}, workerFrames: 0 };
  var logLayer = null; // sentiment logs of the log book's filter, small markers
  var logCount = 0;
  var heatLayer = null; // Leaflet.heat over bins of historical cases (binned in SQL)
  var heatControl = null;
  var heatDays = 90;
  var heatPoints = 0;
  var heatLoadedDays = null;
  var contextLayers = {}; // key -> light copy of the villages / grids boundaries (made when first needed)
  var contextOn = true;
  var legendControl = null;
  var legendOpen = true;
  var homeBounds = null; // where this user's map opens (a town's staff: their town)

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
      var visible = zoom >= LABEL_ZOOM[key] &&
        ((baseLayers[key] && map.hasLayer(baseLayers[key])) || contextShown(key));
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

  function contextShown(key) {
    return !!(contextLayers[key] && map.hasLayer(contextLayers[key]));
  }

  // Draws the light village / grid lines at their zoom when the overlay itself is off.
  function updateContext() {
    if (!map) return;
    var zoom = map.getZoom();
    Object.keys(CONTEXT_ZOOM).forEach(function (key) {
      var base = baseLayers[key];
      if (!base) return;
      var wanted = contextOn && zoom >= CONTEXT_ZOOM[key] && !map.hasLayer(base);
      if (wanted && !contextLayers[key]) {
        var style = CONTEXT_STYLES[key];
        contextLayers[key] = L.geoJSON(labelLayers[key] ? labelLayers[key].data : null, {
          style: function () { return style; }, interactive: false
        });
      }
      var layer = contextLayers[key];
      if (!layer) return;
      if (wanted && !map.hasLayer(layer)) map.addLayer(layer);
      if (!wanted && map.hasLayer(layer)) map.removeLayer(layer);
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
      radius: caseRadius(c),
      color: selected ? '#0d47a1' : escalated ? '#6a1b9a' : '#ffffff',
      weight: selected ? 4 : escalated ? 3 : 1,
      opacity: 1,
      fillColor: SEVERITY_COLOURS[severity] || '#757575',
      fillOpacity: 0.9,
      dashArray: c.mass_incident && !selected ? '4 3' : null
    };
  }

  function caseRadius(c) {
    return 3 + 2 * (Number(c.severity) || 1) + (c.escalated ? 3 : 0);
  }

  // The ring of an overdue or due-soon case (null: none), in the cases overlay with the marker.
  function updateRing(entry) {
    var c = entry.data;
    var state = SLA_COLOURS[c.sla] ? c.sla : null;
    if (entry.ring && entry.ringState !== state) {
      caseLayer.removeLayer(entry.ring);
      entry.ring = null;
    }
    entry.ringState = state;
    if (!state) return;
    if (!entry.ring) {
      entry.ring = L.circleMarker([c.lat, c.lon], {
        renderer: markerRenderer,
        interactive: false,
        radius: caseRadius(c) + 5,
        color: SLA_COLOURS[state],
        weight: state === 'breached' ? 3.5 : 2.5,
        opacity: 0.95,
        fill: state === 'breached',
        fillColor: SLA_COLOURS[state],
        fillOpacity: 0.22
      });
      caseLayer.addLayer(entry.ring);
      // Drawn in order of addition: the marker goes back on top of its ring.
      if (entry.marker) entry.marker.bringToFront();
    } else {
      entry.ring.setLatLng([c.lat, c.lon]);
      entry.ring.setRadius(caseRadius(c) + 5);
    }
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
    if (c.sla === 'breached' || c.sla === 'warning') {
      row(table, labels.sla, c.sla === 'breached' ? labels.overdue : labels.dueSoon);
    }
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
        if (bridge && !picking) bridge.caseClicked(id);
      });
      cases.set(id, entry);
      caseLayer.addLayer(marker);
    } else {
      entry.data = c;
      entry.marker.setLatLng([c.lat, c.lon]);
      entry.marker.setStyle(caseStyle(c, selected));
    }
    updateRing(entry);
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
    if (entry.ring) caseLayer.removeLayer(entry.ring);
    cases.delete(id);
    if (selectedCaseId === id) selectedCaseId = null;
  }

  // --- sentiment logs and the case heat layer ---------------------------------------------------

  var LOG_COLOURS = { open: '#00897b', converted: '#5e35b1' };

  function logTooltip(g) {
    var box = el('div', 'concord-case-tip');
    box.appendChild(el('b', null, g.at));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(el('span', null, g.worker + ' · ' + g.households + ' ' + labels.households +
      (g['case'] ? ' · ' + labels.logHasCase : '')));
    box.appendChild(el('div', null, g.text));
    return box;
  }

  function addLog(g) {
    var marker = L.circleMarker([g.lat, g.lon], {
      renderer: markerRenderer,
      radius: 4,
      color: '#ffffff',
      weight: 1,
      fillColor: g['case'] ? LOG_COLOURS.converted : LOG_COLOURS.open,
      fillOpacity: 0.85
    });
    marker.bindTooltip(function () { return logTooltip(g); }, {
      direction: 'top', offset: [0, -4], className: 'concord-case-tooltip'
    });
    marker.on('click', function () {
      if (bridge && !picking) bridge.logClicked(Number(g.id)); // not while picking a place
    });
    logLayer.addLayer(marker);
  }

  // A small control beside the layers control: which period the heat layer shows. Shown while the
  // heat layer is on; a change asks Python for the bins of that period.
  var HeatWindowControl = L.Control.extend({
    options: { position: 'topright' },
    onAdd: function () {
      var box = L.DomUtil.create('div', 'leaflet-bar concord-heat-window');
      box.style.cssText = 'background:#fff;padding:4px 6px;font-size:12px';
      box.appendChild(el('span', null, labels.heatWindow + ' '));
      var select = el('select');
      ['30', '90', '365', '0'].forEach(function (d) {
        var option = el('option', null, (labels.heatDays && labels.heatDays[d]) || d);
        option.value = d;
        if (Number(d) === heatDays) option.selected = true;
        select.appendChild(option);
      });
      select.addEventListener('change', function () {
        heatDays = Number(select.value);
        requestHeat();
      });
      box.appendChild(select);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._select = select;
      return box;
    },
    setDays: function (days) {
      if (this._select) this._select.value = String(days);
    }
  });

  // Leaflet.heat reads its canvas back on every redraw (getImageData); Chromium asks for that to
  // be declared (willReadFrequently) and warns on the console otherwise. The plugin creates its
  // context in _initCanvas: declare it there, leaving every other canvas alone.
  function readHeatCanvasOften() {
    var proto = L.HeatLayer && L.HeatLayer.prototype;
    if (!proto || !proto._initCanvas || proto._concordPatched) return;
    var initCanvas = proto._initCanvas;
    proto._initCanvas = function () {
      var getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, attrs) {
        if (type === '2d') attrs = Object.assign({ willReadFrequently: true }, attrs || {});
        return getContext.call(this, type, attrs);
      };
      try {
        return initCanvas.apply(this, arguments);
      } finally {
        HTMLCanvasElement.prototype.getContext = getContext;
      }
    };
    proto._concordPatched = true;
  }

  function requestHeat() {
    if (bridge) bridge.heatRequested(heatDays);
  }

  // --- workers --------------------------------------------------------------------------------
  //
  // Ten thousand workers move every second. They are not Leaflet layers each: one WorkerLayer
  // (in the layers control) stands for all of them, and the markers' canvas renderer draws them in
  // one pass, below the cases, one path per status colour. Workers live in typed arrays, one slot
  // each (struct of arrays): a batch is copied in without creating an object per worker, and a
  // frame only scales and shifts each slot's position projected at zoom 0. Clicks and hovers are
  // hit-tested here.
  //
  // Python sends each batch as columns of little-endian binary numbers in base64 (see
  // ui/map_view.py, WorkerWire): ids Int32; lat/lon Int32 in 1e-7 degrees; bearing Int16 in
  // tenths of a degree, speed Uint16 in cm/s (-1 / 65535: unknown); status Uint8 (0 offline,
  // 1 stale, 2 online). Names come once per worker as text, removed workers as a list of ids, and
  // a full snapshot (``full``) drops every worker it does not list.

  var STATUS_ORDER = ['offline', 'stale', 'online']; // drawn in this order: online on top
  var STATUS_INDEX = { offline: 0, stale: 1, online: 2 };
  var WORKER_RADIUS = 6;
  var WORKER_STROKE = 1.5;
  var WORKER_FILL_OPACITY = 0.95;
  var HEADING_WEIGHT = 3;
  var HIT_PX = 3; // beyond the drawn radius: a finger-wide margin for the mouse
  var NO_BEARING = -1;
  var NO_SPEED = 65535;
  var workersShown = false;
  var workerTip = null;
  var hoveredWorker = null; // id of the worker whose tooltip is open
  var drawn = { workers: 0, headings: 0 };

  // The workers: slot i of every array is one worker; ``workerSlot`` maps an id to its slot.
  var W = {
    n: 0,
    id: new Int32Array(0),
    lat: new Float64Array(0),
    lon: new Float64Array(0),
    px: new Float64Array(0), // position at zoom 0, CRS pixels
    py: new Float64Array(0),
    bearing: new Float32Array(0), // degrees, NaN: unknown
    speed: new Float32Array(0), // m/s, NaN: unknown
    ci: new Uint8Array(0) // status index
  };
  var workerSlot = new Map();
  var workerNames = new Map(); // id -> name: sent once per worker, kept while the page lives
  var pendingBatches = []; // decoded batches waiting for the next animation frame, in arrival order
  var lastBatch = null;
  var frameId = null;
  var timerId = null;
  var scratch = { x: new Float64Array(0), y: new Float64Array(0), c: new Uint8Array(0), h: new Float64Array(0) };

  function grow(capacity) {
    if (W.id.length >= capacity) return;
    var size = Math.max(1024, capacity * 2);
    ['id', 'lat', 'lon', 'px', 'py', 'bearing', 'speed', 'ci'].forEach(function (key) {
      var bigger = new W[key].constructor(size);
      bigger.set(W[key].subarray(0, W.n));
      W[key] = bigger;
    });
  }

  function statusIndex(status) {
    var i = STATUS_INDEX[status];
    return i === undefined ? 0 : i;
  }

  // Position at zoom 0 in the map's CRS pixels: at zoom z it is this times 2^z (Leaflet's CRSs
  // scale linearly). Spherical Mercator inline; any other CRS through Leaflet.
  function project0(i) {
    var crs = map.options.crs;
    if (crs === L.CRS.EPSG3857) {
      var lat = Math.max(Math.min(W.lat[i], 85.0511287798), -85.0511287798);
      var sin = Math.sin((lat * Math.PI) / 180);
      W.px[i] = 256 * (W.lon[i] / 360 + 0.5);
      W.py[i] = 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
      return;
    }
    var p = crs.latLngToPoint(L.latLng(W.lat[i], W.lon[i]), 0);
    W.px[i] = p.x;
    W.py[i] = p.y;
  }

  function movingSlot(i) {
    return W.bearing[i] === W.bearing[i] && W.speed[i] >= MIN_SPEED; // NaN !== NaN: unknown
  }

  // Where the renderer draws a worker now: a layer point, rounded as Leaflet rounds its markers.
  function workerLayerPoint(i) {
    var factor = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin();
    return L.point(Math.round(W.px[i] * factor) - origin.x, Math.round(W.py[i] * factor) - origin.y);
  }

  function drawWorkers(renderer) {
    var ctx = renderer._ctx;
    var clip = renderer._redrawBounds || renderer._bounds;
    var zoom = map.getZoom();
    var headings = zoom >= HEADING_ZOOM;
    var margin = WORKER_RADIUS + WORKER_STROKE + (headings ? HEADING_PX : 0);
    var minX = clip.min.x - margin, minY = clip.min.y - margin;
    var maxX = clip.max.x + margin, maxY = clip.max.y + margin;
    var factor = Math.pow(2, zoom);
    var origin = map.getPixelOrigin(), ox = origin.x, oy = origin.y;
    if (scratch.x.length < W.n) {
      var size = Math.max(1024, W.n * 2);
      scratch = { x: new Float64Array(size), y: new Float64Array(size), c: new Uint8Array(size), h: new Float64Array(size) };
    }
    var xs = scratch.x, ys = scratch.y, cs = scratch.c, hs = scratch.h;
    var px = W.px, py = W.py, ci = W.ci, bearing = W.bearing, speed = W.speed;
    var n = 0, nh = 0, i, c;
    // Only what is in view (plus a margin) is drawn: zoomed in, most workers are skipped here.
    for (i = 0; i < W.n; i++) {
      var x = Math.round(px[i] * factor) - ox;
      if (x < minX || x > maxX) continue;
      var y = Math.round(py[i] * factor) - oy;
      if (y < minY || y > maxY) continue;
      xs[n] = x;
      ys[n] = y;
      cs[n] = ci[i];
      hs[n] = headings && bearing[i] === bearing[i] && speed[i] >= MIN_SPEED ? (bearing[i] * Math.PI) / 180 : NaN;
      n++;
    }
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
    var r = WORKER_RADIUS, full = Math.PI * 2;
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

  // The slot of the nearest worker drawn under a layer point, or -1.
  function workerAt(point) {
    if (!workersShown || !W.n) return -1;
    var factor = Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin();
    var reach = WORKER_RADIUS + WORKER_STROKE / 2 + HIT_PX;
    var best = -1, bestD = reach * reach, bestC = -1;
    var px = W.px, py = W.py, ci = W.ci;
    for (var i = 0; i < W.n; i++) {
      var dx = Math.round(px[i] * factor) - origin.x - point.x;
      if (dx > reach || dx < -reach) continue;
      var dy = Math.round(py[i] * factor) - origin.y - point.y;
      var d = dx * dx + dy * dy;
      // The nearest; between equals, the one drawn on top (a later slot of a status drawn later).
      if (d < bestD || (d === bestD && ci[i] >= bestC)) {
        best = i;
        bestD = d;
        bestC = ci[i];
      }
    }
    return best;
  }

  function showWorkerTip(i) {
    if (i < 0) {
      if (hoveredWorker !== null && workerTip) map.closeTooltip(workerTip);
      hoveredWorker = null;
      return;
    }
    var id = W.id[i];
    if (!workerTip) {
      workerTip = L.tooltip({ direction: 'top', offset: [0, -6], className: 'concord-worker-tooltip' });
    }
    workerTip.setLatLng([W.lat[i], W.lon[i]]);
    if (hoveredWorker !== id) {
      workerTip.setContent(el('span', null, workerNames.get(id)));
      hoveredWorker = id;
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

    // The same, in this frame (we are in an animation frame already): one frame, not two.
    redrawNow: function () {
      if (!this._map || !this._bounds) return;
      if (this._redrawRequest) L.Util.cancelAnimFrame(this._redrawRequest);
      this._fullRedraw = true;
      this._redrawBounds = null;
      this._redraw();
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
      if (workersShown && W.n && this._bounds) drawWorkers(this);
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
        if (hit >= 0) workerLayer.fire('click', { id: W.id[hit], latlng: L.latLng(W.lat[hit], W.lon[hit]) });
      }
      this._fireEvent(clickedLayer ? [clickedLayer] : false, e);
    },

    _handleMouseOut: function (e) {
      L.Canvas.prototype._handleMouseOut.call(this, e);
      if (e && e.type === 'mouseout') {
        showWorkerTip(-1);
        L.DomUtil.removeClass(this._container, 'leaflet-interactive');
      }
    },

    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) return;
      L.Canvas.prototype._handleMouseHover.call(this, e, point);
      var hit = this._hoveredLayer ? -1 : workerAt(point);
      showWorkerTip(hit);
      if (hit >= 0) L.DomUtil.addClass(this._container, 'leaflet-interactive');
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
      showWorkerTip(-1);
      if (markerRenderer) markerRenderer.requestFullRedraw();
    }
  });

  function removeWorker(id) {
    var i = workerSlot.get(id);
    if (i === undefined) return;
    if (hoveredWorker === id) showWorkerTip(-1);
    workerSlot.delete(id);
    var last = W.n - 1;
    if (i !== last) {
      // The last slot moves into the hole: arrays stay dense.
      ['id', 'lat', 'lon', 'px', 'py', 'bearing', 'speed', 'ci'].forEach(function (key) {
        W[key][i] = W[key][last];
      });
      workerSlot.set(W.id[i], i);
    }
    W.n = last;
  }

  function base64Bytes(text) {
    var bin = atob(text || ''), n = bin.length, bytes = new Uint8Array(n);
    for (var i = 0; i < n; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function column(text, Type) {
    var bytes = base64Bytes(text);
    return new Type(bytes.buffer, 0, bytes.length / Type.BYTES_PER_ELEMENT);
  }

  // One payload (JSON text or object) into typed columns; plain row objects are accepted too
  // (the console, older callers): they are turned into the same columns.
  function decodeBatch(payload) {
    var p = parse(payload);
    if (Array.isArray(p) || (p && p.id !== undefined && typeof p.id !== 'string')) return batchFromRows(Array.isArray(p) ? p : [p]);
    var n = p.n || 0;
    return {
      n: n,
      id: column(p.id, Int32Array),
      lat: column(p.lat, Int32Array),
      lon: column(p.lon, Int32Array),
      bearing: column(p.bearing, Int16Array),
      speed: column(p.speed, Uint16Array),
      status: column(p.status, Uint8Array),
      names: p.names || [],
      removed: p.removed || [],
      full: !!p.full,
      scaled: true
    };
  }

  function batchFromRows(rows) {
    var keep = rows.filter(function (w) {
      return w.removed || (w.lat !== null && w.lat !== undefined && w.lon !== null && w.lon !== undefined);
    });
    var live = keep.filter(function (w) { return !w.removed; });
    var n = live.length;
    var b = {
      n: n,
      id: new Int32Array(n),
      lat: new Float64Array(n),
      lon: new Float64Array(n),
      bearing: new Float32Array(n),
      speed: new Float32Array(n),
      status: new Uint8Array(n),
      names: [],
      removed: keep.filter(function (w) { return w.removed; }).map(function (w) { return Number(w.id); }),
      full: false,
      scaled: false
    };
    live.forEach(function (w, i) {
      b.id[i] = Number(w.id);
      b.lat[i] = Number(w.lat);
      b.lon[i] = Number(w.lon);
      b.bearing[i] = w.bearing === null || w.bearing === undefined ? NaN : Number(w.bearing);
      b.speed[i] = w.speed === null || w.speed === undefined ? NaN : Number(w.speed);
      b.status[i] = statusIndex(w.status);
      if (w.name !== undefined) b.names.push([Number(w.id), w.name]);
    });
    return b;
  }

  function applyBatch(b) {
    var i, k;
    for (k = 0; k < b.names.length; k++) workerNames.set(Number(b.names[k][0]), b.names[k][1]);
    for (k = 0; k < b.removed.length; k++) removeWorker(Number(b.removed[k]));
    if (b.full) {
      var listed = new Set(b.id);
      for (i = W.n - 1; i >= 0; i--) if (!listed.has(W.id[i])) removeWorker(W.id[i]);
    }
    grow(W.n + b.n);
    var hovered = hoveredWorker;
    for (k = 0; k < b.n; k++) {
      var id = b.id[k];
      i = workerSlot.get(id);
      if (i === undefined) {
        i = W.n++;
        workerSlot.set(id, i);
        W.id[i] = id;
      }
      if (b.scaled) {
        W.lat[i] = b.lat[k] / 1e7;
        W.lon[i] = b.lon[k] / 1e7;
        W.bearing[i] = b.bearing[k] === NO_BEARING ? NaN : b.bearing[k] / 10;
        W.speed[i] = b.speed[k] === NO_SPEED ? NaN : b.speed[k] / 100;
      } else {
        W.lat[i] = b.lat[k];
        W.lon[i] = b.lon[k];
        W.bearing[i] = b.bearing[k];
        W.speed[i] = b.speed[k];
      }
      W.ci[i] = b.status[k];
      project0(i);
      if (id === hovered) showWorkerTip(i);
    }
  }

  // In one animation frame: every batch that arrived since the last frame, in order, then one
  // redraw of the canvas.
  function flushWorkers() {
    if (frameId !== null) cancelAnimationFrame(frameId);
    if (timerId !== null) clearTimeout(timerId);
    frameId = timerId = null;
    if (!pendingBatches.length) return;
    var batches = pendingBatches;
    pendingBatches = [];
    for (var k = 0; k < batches.length; k++) applyBatch(batches[k]);
    if (markerRenderer) markerRenderer.redrawNow();
    stats.workerFrames += 1;
  }

  // A worker as an object, for tests and diagnostics; null when the page does not have it.
  function workerData(id) {
    var i = workerSlot.get(Number(id));
    if (i === undefined) return null;
    return {
      id: W.id[i],
      name: workerNames.get(W.id[i]),
      lat: W.lat[i],
      lon: W.lon[i],
      status: STATUS_ORDER[W.ci[i]],
      bearing: W.bearing[i] === W.bearing[i] ? W.bearing[i] : null,
      speed: W.speed[i] === W.speed[i] ? W.speed[i] : null
    };
  }

  // The rows of the last batch received, decoded (for tests and diagnostics).
  function batchRows(b) {
    if (!b) return null;
    var names = new Map(b.names.map(function (pair) { return [Number(pair[0]), pair[1]]; }));
    var rows = [];
    for (var k = 0; k < b.n; k++) {
      var bearing = b.scaled ? (b.bearing[k] === NO_BEARING ? null : b.bearing[k] / 10) : b.bearing[k];
      var speed = b.scaled ? (b.speed[k] === NO_SPEED ? null : b.speed[k] / 100) : b.speed[k];
      var r = {
        id: b.id[k],
        lat: b.scaled ? b.lat[k] / 1e7 : b.lat[k],
        lon: b.scaled ? b.lon[k] / 1e7 : b.lon[k],
        status: STATUS_ORDER[b.status[k]],
        bearing: bearing === bearing ? bearing : null,
        speed: speed === speed ? speed : null
      };
      if (names.has(r.id)) r.name = names.get(r.id);
      rows.push(r);
    }
    return { rows: rows, removed: b.removed, full: b.full };
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

  // --- pick mode: the next click on the map is a place for the desk's intake form ----------------

  var picking = false;
  var pickMarker = null;
  var pickHint = null;

  function endPick() {
    picking = false;
    map.getContainer().style.cursor = '';
    if (pickHint) {
      pickHint.remove();
      pickHint = null;
    }
    map.off('click', onPickClick);
    document.removeEventListener('keydown', onPickKey, true);
  }

  function onPickClick(e) {
    if (!picking) return;
    endPick();
    Concord.showPick(e.latlng.lat, e.latlng.lng);
    if (bridge) bridge.pointPicked(e.latlng.lat, e.latlng.lng);
  }

  function onPickKey(e) {
    if (e.key !== 'Escape' || !picking) return;
    endPick();
    if (bridge) bridge.pickCancelled();
  }

  // --- the legend: what every colour, ring and line means; a button folds it -----------------

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function svgNode(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  // A small drawing of a dot (with an optional ring) or a line, as the map draws it.
  function swatch(kind, opts) {
    var svg = svgNode('svg', { width: 22, height: 16, viewBox: '0 0 22 16', 'class': 'concord-swatch' });
    if (kind === 'line') {
      svg.appendChild(svgNode('line', {
        x1: 1, y1: 8, x2: 21, y2: 8, stroke: opts.color, 'stroke-width': Math.max(1, opts.weight || 1),
        'stroke-dasharray': opts.dash || 'none'
      }));
      return svg;
    }
    if (opts.ring) {
      svg.appendChild(svgNode('circle', {
        cx: 11, cy: 8, r: 7, fill: opts.halo ? opts.ring : 'none', 'fill-opacity': 0.22,
        stroke: opts.ring, 'stroke-width': 2
      }));
    }
    svg.appendChild(svgNode('circle', {
      cx: 11, cy: 8, r: opts.r || 4, fill: opts.fill, stroke: opts.stroke || '#ffffff',
      'stroke-width': opts.strokeWidth || 1, 'stroke-dasharray': opts.dash || 'none'
    }));
    return svg;
  }

  function legendRow(body, graphic, text, key) {
    var line = el('div', 'concord-legend-row');
    if (key) line.setAttribute('data-key', key);
    line.appendChild(graphic);
    line.appendChild(el('span', null, text));
    body.appendChild(line);
    return line;
  }

  function legendSection(body, title) {
    body.appendChild(el('div', 'concord-legend-title', title));
  }

  var LegendControl = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var box = L.DomUtil.create('div', 'leaflet-bar concord-legend');
      var toggle = el('button', 'concord-legend-toggle', labels.legend);
      toggle.type = 'button';
      box.appendChild(toggle);
      var body = el('div', 'concord-legend-body');
      legendSection(body, labels.legendCases);
      [4, 3, 2, 1].forEach(function (sev) {
        legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[sev], r: 2 + sev }),
          named(labels.severityNames, String(sev)), 'severity-' + sev);
      });
      legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[2], stroke: '#6a1b9a', strokeWidth: 2.5, r: 5 }),
        labels.legendEscalated, 'escalated');
      legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[2], stroke: '#ffffff', dash: '2 1.5', r: 5 }),
        labels.legendMass, 'mass');
      legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[2], stroke: '#0d47a1', strokeWidth: 3, r: 5 }),
        labels.legendSelected, 'selected');
      legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[2], ring: SLA_COLOURS.breached, halo: true, r: 4 }),
        labels.overdue, 'overdue');
      legendRow(body, swatch('dot', { fill: SEVERITY_COLOURS[2], ring: SLA_COLOURS.warning, r: 4 }),
        labels.dueSoon, 'due-soon');
      legendSection(body, labels.legendWorkers);
      legendRow(body, swatch('dot', { fill: STATUS_COLOURS.online, r: 4 }), labels.legendOnline, 'online');
      legendRow(body, swatch('dot', { fill: STATUS_COLOURS.stale, r: 4 }), labels.legendStale, 'stale');
      legendRow(body, swatch('dot', { fill: STATUS_COLOURS.offline, r: 4 }), labels.legendOffline, 'offline');
      legendSection(body, labels.legendLogs);
      legendRow(body, swatch('dot', { fill: LOG_LEGEND_COLOURS.open, r: 3.5 }), labels.legendLogOpen, 'log');
      legendRow(body, swatch('dot', { fill: LOG_LEGEND_COLOURS.converted, r: 3.5 }), labels.legendLogConverted, 'log-case');
      legendSection(body, labels.legendLayers);
      ['city', 'towns', 'villages', 'grids'].forEach(function (key) {
        var st = BASE_STYLES[key];
        legendRow(body, swatch('line', { color: st.color, weight: st.weight, dash: st.dashArray }), labels[key], 'line-' + key);
      });
      var context = el('label', 'concord-legend-row concord-legend-context');
      var check = el('input');
      check.type = 'checkbox';
      check.checked = contextOn;
      check.addEventListener('change', function () { Concord.setContext(check.checked); });
      context.appendChild(check);
      context.appendChild(el('span', null, labels.legendContext));
      body.appendChild(context);
      box.appendChild(body);
      toggle.addEventListener('click', function () { Concord.showLegend(!legendOpen); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._body = body;
      this._toggle = toggle;
      this._check = check;
      this.setOpen(legendOpen);
      return box;
    },
    setOpen: function (open) {
      if (!this._body) return;
      this._body.style.display = open ? '' : 'none';
      this._toggle.title = open ? labels.legendHide : labels.legendShow;
      this._toggle.textContent = (open ? '▾ ' : '▸ ') + labels.legend;
    },
    setContext: function (on) {
      if (this._check) this._check.checked = on;
    }
  });

  // A case selected in the queue before the map had its marker (at start, or a new case).
  function selectPending() {
    if (pendingSelectId !== null && cases.has(pendingSelectId)) Concord.selectCase(pendingSelectId);
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
      // Unfolded unless said otherwise, or unless the map is too small to spare the room.
      var size = map.getSize();
      legendOpen = config.legendOpen === undefined || config.legendOpen === null
        ? size.y >= LEGEND_MIN_HEIGHT && size.x >= LEGEND_MIN_WIDTH : !!config.legendOpen;
      caseLayer = L.layerGroup().addTo(map);
      workerLayer = new WorkerLayer().addTo(map);
      workerLayer.on('click', function (e) {
        if (bridge && !picking) bridge.workerClicked(e.id);
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
      logLayer = L.layerGroup();
      overlays[escapeHtml(labels.logs)] = logLayer;
      if (L.heatLayer) {
        readHeatCanvasOften();
        // Bins of ~500 m (desktop/logbook.case_heat): a radius of a few bins blends them.
        heatLayer = L.heatLayer([], { radius: 18, blur: 16, maxZoom: 13, minOpacity: 0.3 });
        overlays[escapeHtml(labels.heat)] = heatLayer;
        heatControl = new HeatWindowControl();
        map.on('overlayadd', function (e) {
          if (e.layer !== heatLayer) return;
          heatControl.addTo(map);
          if (heatLoadedDays !== heatDays) requestHeat();
        });
        map.on('overlayremove', function (e) {
          if (e.layer === heatLayer) heatControl.remove();
        });
      }
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
      L.control.scale({ imperial: false }).addTo(map);
      legendControl = new LegendControl().addTo(map);

      // A town's staff open on their own town (``home``), everyone else on the city.
      var bounds = (config.base && (config.base.home || config.base.bounds)) || null;
      homeBounds = bounds;
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
      map.on('zoomend moveend overlayadd overlayremove', function () {
        updateContext();
        updateLabels();
      });
      map.on('popupclose', function (e) {
        if (e.popup && e.popup.options.className === 'concord-worker-popup') trackLayer.clearLayers();
      });
      updateContext();
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
      selectPending();
    },

    upsertCases: function (payload) {
      counted('upsertCases');
      var before = cases.size;
      parse(payload).forEach(upsertCase);
      if (cases.size > before) raiseCases();
      selectPending();
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
      pendingSelectId = entry ? null : id;
      if (!entry) return false;
      selectedCaseId = id;
      entry.marker.setStyle(caseStyle(entry.data, true));
      entry.marker.bringToFront();
      var latlng = entry.marker.getLatLng();
      setView(latlng, Math.max(map.getZoom(), CASE_ZOOM));
      entry.marker.openTooltip();
      return true;
    },

    // Batches are decoded now and applied in order in the next animation frame, with one redraw,
    // however many arrive before it.
    applyWorkerDiff: function (payload) {
      counted('applyWorkerDiff');
      var batch = decodeBatch(payload);
      lastBatch = batch;
      pendingBatches.push(batch);
      if (frameId === null) {
        frameId = requestAnimationFrame(flushWorkers);
        // A hidden page gets no animation frames; keep the state current anyway (the browser
        // skips drawing while hidden).
        timerId = setTimeout(flushWorkers, 1000);
      }
      return batch.n;
    },

    showWorkerCard: function (payload) {
      counted('showWorkerCard');
      var card = parse(payload);
      trackLayer.clearLayers();
      var slot = workerSlot.get(Number(card.id));
      var at = slot !== undefined ? L.latLng(W.lat[slot], W.lon[slot]) : card.lat !== null && card.lat !== undefined ? L.latLng(card.lat, card.lon) : null;
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

    // The hint is plain text from the desktop (translated there).
    startPick: function (hint) {
      counted('startPick');
      if (picking) endPick();
      picking = true;
      map.closePopup();
      map.getContainer().style.cursor = 'crosshair';
      pickHint = el('div', 'concord-pick-hint', hint || '');
      pickHint.style.cssText = 'position:absolute;top:10px;left:50%;transform:translateX(-50%);' +
        'z-index:1000;background:rgba(74,20,140,0.92);color:#fff;padding:6px 14px;border-radius:4px;' +
        'font-size:14px;pointer-events:none;white-space:nowrap';
      map.getContainer().appendChild(pickHint);
      map.on('click', onPickClick);
      document.addEventListener('keydown', onPickKey, true);
    },

    stopPick: function () {
      counted('stopPick');
      if (picking) endPick();
    },

    // The place chosen for the case being filed: a ring the case markers do not hide.
    showPick: function (lat, lon) {
      counted('showPick');
      if (!pickMarker) {
        pickMarker = L.circleMarker([lat, lon], {
          renderer: markerRenderer, interactive: false, radius: 10, weight: 3,
          color: '#6a1b9a', fillColor: '#e1bee7', fillOpacity: 0.6
        }).addTo(map);
      } else {
        pickMarker.setLatLng([lat, lon]);
      }
      pickMarker.bringToFront();
    },

    clearPick: function () {
      counted('clearPick');
      if (pickMarker) {
        pickMarker.remove();
        pickMarker = null;
      }
    },

    pickState: function () {
      var at = pickMarker ? pickMarker.getLatLng() : null;
      return { picking: picking, hint: pickHint ? pickHint.textContent : null, at: at ? [at.lat, at.lng] : null };
    },

    // The log book's filter, as small markers (shown when the "Sentiment logs" layer is on).
    setLogs: function (payload) {
      counted('setLogs');
      var list = parse(payload);
      logLayer.clearLayers();
      list.forEach(addLog);
      logCount = list.length;
      return logCount;
    },

    // Bins of cases [[lat, lon, count], ...] for the last ``days`` days (0: all).
    setHeat: function (payload) {
      counted('setHeat');
      var p = parse(payload);
      if (!heatLayer) return 0;
      var max = 1;
      p.points.forEach(function (b) { if (b[2] > max) max = b[2]; });
      heatLayer.setOptions({ max: max });
      heatLayer.setLatLngs(p.points);
      heatPoints = p.points.length;
      heatDays = heatLoadedDays = Number(p.days);
      if (heatControl) heatControl.setDays(heatDays);
      return heatPoints;
    },

    showLogLayer: function (shown) {
      if (!logLayer) return;
      if (shown && !map.hasLayer(logLayer)) map.addLayer(logLayer);
      if (!shown && map.hasLayer(logLayer)) map.removeLayer(logLayer);
    },

    showHeatLayer: function (shown) {
      if (!heatLayer) return;
      // As the layers control does it: the period control comes and goes with the layer.
      if (shown && !map.hasLayer(heatLayer)) {
        map.addLayer(heatLayer);
        heatControl.addTo(map);
        if (heatLoadedDays !== heatDays) requestHeat();
      }
      if (!shown && map.hasLayer(heatLayer)) {
        map.removeLayer(heatLayer);
        heatControl.remove();
      }
    },

    // Introspection of the log and heat layers, for tests and diagnostics.
    overlayState: function () {
      return {
        logs: logCount,
        logsShown: !!(logLayer && map.hasLayer(logLayer)),
        heatAvailable: !!heatLayer,
        heatShown: !!(heatLayer && map.hasLayer(heatLayer)),
        heatPoints: heatPoints,
        heatDays: heatLoadedDays,
        heatCanvas: !!document.querySelector('canvas.leaflet-heatmap-layer')
      };
    },

    logLayer: function () {
      return logLayer;
    },

    showLegend: function (open) {
      counted('showLegend');
      legendOpen = !!open;
      if (legendControl) legendControl.setOpen(legendOpen);
      return legendOpen;
    },

    // Village and grid lines and names up close even with their overlays off (see CONTEXT_ZOOM).
    setContext: function (on) {
      counted('setContext');
      contextOn = !!on;
      if (legendControl) legendControl.setContext(contextOn);
      updateContext();
      updateLabels();
      return contextOn;
    },

    // What the legend and the up-close context show now (tests and diagnostics).
    legendState: function () {
      var box = document.querySelector('.concord-legend');
      var body = box ? box.querySelector('.concord-legend-body') : null;
      var rows = {};
      if (body) {
        body.querySelectorAll('.concord-legend-row[data-key]').forEach(function (r) {
          rows[r.getAttribute('data-key')] = r.textContent;
        });
      }
      return {
        present: !!box,
        open: !!(body && body.style.display !== 'none'),
        toggle: box ? box.querySelector('.concord-legend-toggle').textContent : null,
        rows: rows,
        context: contextOn,
        contextShown: { villages: contextShown('villages'), grids: contextShown('grids') }
      };
    },

    // The ring a case wears: {state, colour, halo, radius, markerRadius, interactive, shown} or null.
    caseRing: function (id) {
      var entry = cases.get(Number(id));
      if (!entry || !entry.ring) return null;
      return {
        state: entry.ringState,
        colour: entry.ring.options.color,
        halo: !!entry.ring.options.fill,
        radius: entry.ring.getRadius(),
        markerRadius: entry.marker.getRadius(),
        interactive: !!entry.ring.options.interactive,
        shown: map.hasLayer(entry.ring)
      };
    },
    rings: function () {
      var n = 0;
      cases.forEach(function (entry) { if (entry.ring) n += 1; });
      return n;
    },

    caseIds: function () {
      return Array.from(cases.keys()).sort(function (a, b) { return a - b; });
    },

    home: function () {
      return homeBounds;
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
        workers: W.n,
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
      var slot = workerSlot.get(Number(id));
      if (slot === undefined) return null;
      var at = map.layerPointToContainerPoint(workerLayerPoint(slot));
      return {
        colour: STATUS_COLOURS[STATUS_ORDER[W.ci[slot]]],
        heading: map.getZoom() >= HEADING_ZOOM && movingSlot(slot),
        shown: workersShown,
        x: at.x,
        y: at.y
      };
    },
    workerTooltip: function () {
      return hoveredWorker;
    },
    worker: workerData,
    // The last batch received, as rows ({rows, removed, full}).
    lastWorkerDiff: function () {
      return batchRows(lastBatch);
    },
    layer: function (key) {
      if (key === 'workers') return workerLayer;
      if (key === 'cases') return caseLayer;
      return baseLayers[key] || null;
    },
    map: function () {
      return map;
    }
  };

  window.Concord = Concord;
})();
