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
  var headingLayer = null;
  var trackLayer = null;
  var baseLayers = {};
  var labelLayers = {};
  var cases = new Map(); // id -> {data, marker}
  var workers = new Map(); // id -> {data, marker, heading}
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

  function removeCase(id) {
    var entry = cases.get(id);
    if (!entry) return;
    caseLayer.removeLayer(entry.marker);
    cases.delete(id);
    if (selectedCaseId === id) selectedCaseId = null;
  }

  // --- workers --------------------------------------------------------------------------------

  function workerStyle(w) {
    return {
      radius: 6,
      color: '#ffffff',
      weight: 1.5,
      opacity: 1,
      fillColor: STATUS_COLOURS[w.status] || STATUS_COLOURS.offline,
      fillOpacity: 0.95
    };
  }

  function metresPerPixel(lat) {
    return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / Math.pow(2, map.getZoom() + 8);
  }

  function headingEnd(w) {
    var metres = HEADING_PX * metresPerPixel(w.lat);
    var rad = (Number(w.bearing) * Math.PI) / 180;
    var dLat = (metres * Math.cos(rad)) / 111320;
    var dLon = (metres * Math.sin(rad)) / (111320 * Math.cos((w.lat * Math.PI) / 180));
    return [w.lat + dLat, w.lon + dLon];
  }

  function updateHeading(entry) {
    var w = entry.data;
    var moving = w.bearing !== null && w.bearing !== undefined && Number(w.speed) >= MIN_SPEED;
    if (!moving) {
      if (entry.heading) {
        headingLayer.removeLayer(entry.heading);
        entry.heading = null;
      }
      return;
    }
    var line = [[w.lat, w.lon], headingEnd(w)];
    if (entry.heading) {
      entry.heading.setLatLngs(line);
      entry.heading.setStyle({ color: STATUS_COLOURS[w.status] || STATUS_COLOURS.offline });
    } else {
      entry.heading = L.polyline(line, {
        renderer: markerRenderer,
        interactive: false,
        weight: 3,
        color: STATUS_COLOURS[w.status] || STATUS_COLOURS.offline
      });
      headingLayer.addLayer(entry.heading);
    }
  }

  function workerTooltip(w) {
    return el('span', null, w.name);
  }

  function upsertWorker(w) {
    var id = Number(w.id);
    var entry = workers.get(id);
    if (w.removed) {
      if (entry) {
        workerLayer.removeLayer(entry.marker);
        if (entry.heading) headingLayer.removeLayer(entry.heading);
        workers.delete(id);
      }
      return;
    }
    if (!entry) {
      // A status-only row for a worker the map has not placed yet carries no position to draw.
      if (w.lat === null || w.lat === undefined || w.lon === null || w.lon === undefined) return;
      var data = Object.assign({}, w);
      var marker = L.circleMarker([w.lat, w.lon], Object.assign({ renderer: markerRenderer }, workerStyle(data)));
      entry = { data: data, marker: marker, heading: null };
      marker.bindTooltip(function () { return workerTooltip(entry.data); }, {
        direction: 'top', offset: [0, -6], className: 'concord-worker-tooltip'
      });
      marker.on('click', function () {
        if (bridge) bridge.workerClicked(id);
      });
      workers.set(id, entry);
      workerLayer.addLayer(marker);
    } else {
      Object.assign(entry.data, w);
      if (w.lat !== undefined && w.lon !== undefined) entry.marker.setLatLng([w.lat, w.lon]);
      entry.marker.setStyle(workerStyle(entry.data));
    }
    updateHeading(entry);
  }

  // Markers on one canvas are drawn in the order they were added: new workers would cover the
  // cases, which matter more. Raise cases again (plain, then escalated, then the selected one).
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

  function flushWorkers() {
    if (frameId !== null) cancelAnimationFrame(frameId);
    if (timerId !== null) clearTimeout(timerId);
    frameId = timerId = null;
    if (!flushScheduled) return;
    flushScheduled = false;
    var batch = pendingWorkers;
    pendingWorkers = new Map();
    var before = workers.size;
    batch.forEach(upsertWorker);
    if (workers.size > before && cases.size) raiseCases();
    stats.workerFrames += 1;
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
      markerRenderer = L.canvas({ pane: 'concordMarkers', padding: 0.2 });
      caseLayer = L.layerGroup().addTo(map);
      workerLayer = L.layerGroup().addTo(map);
      headingLayer = L.layerGroup();
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
      map.on('zoomend overlayadd overlayremove', Concord._refreshHeadings);
      map.on('popupclose', function (e) {
        if (e.popup && e.popup.options.className === 'concord-worker-popup') trackLayer.clearLayers();
      });
      updateLabels();
      Concord._refreshHeadings();

      if (typeof QWebChannel === 'undefined' || typeof qt === 'undefined') {
        console.info('Concord map: no Qt web channel; running without the desktop bridge');
        return;
      }
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        bridge.jsReady();
      });
    },

    _refreshHeadings: function () {
      var show = map.getZoom() >= HEADING_ZOOM && map.hasLayer(workerLayer);
      if (!show) {
        if (map.hasLayer(headingLayer)) map.removeLayer(headingLayer);
        return;
      }
      workers.forEach(function (entry) {
        if (entry.heading) entry.heading.setLatLngs([[entry.data.lat, entry.data.lon], headingEnd(entry.data)]);
      });
      if (!map.hasLayer(headingLayer)) headingLayer.addTo(map);
    },

    setCases: function (payload) {
      counted('setCases');
      var list = parse(payload);
      var keep = new Set(list.map(function (c) { return Number(c.id); }));
      Array.from(cases.keys()).forEach(function (id) {
        if (!keep.has(id)) removeCase(id);
      });
      list.forEach(upsertCase);
    },

    upsertCases: function (payload) {
      counted('upsertCases');
      parse(payload).forEach(upsertCase);
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
      var list = parse(payload);
      stats.lastWorkerDiff = list;
      list.forEach(function (w) {
        var id = Number(w.id);
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
      var at = entry ? entry.marker.getLatLng() : card.lat !== null && card.lat !== undefined ? L.latLng(card.lat, card.lon) : null;
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
        headings: headingLayer ? headingLayer.getLayers().length : 0,
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
    workerMarker: function (id) {
      var entry = workers.get(Number(id));
      return entry ? entry.marker : null;
    },
    worker: function (id) {
      var entry = workers.get(Number(id));
      return entry ? entry.data : null;
    },
    layer: function (key) {
      return baseLayers[key] || null;
    },
    map: function () {
      return map;
    }
  };

  window.Concord = Concord;
})();
