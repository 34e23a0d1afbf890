/* Track replay (轨迹回放) page: one worker-day's track, its grid, stops, geofence events, field
   reports, and a marker that Python moves along it (Replay.setTime). Python calls in with
   runJavaScript; Replay.state() answers what the page shows (for the tests). Text from the
   database is only ever set as textContent / tooltip text built with escapeHtml. */
(function () {
  "use strict";

  var map = null;
  var labels = {};
  var layers = {};
  var pts = []; // [lat, lon, epoch s, kind] kind 0 good, 1 coarse, 2 mock
  var good = []; // indexes of the good points, in time order
  var MAX_GAP_S = 15 * 60;
  var state = { ready: false, points: 0, flagged: 0, t: null, lat: null, lon: null, kind: null, index: -1, drawn: 0 };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function hhmm(epoch) {
    // China local time (UTC+8, no daylight saving), whatever the machine's zone.
    var d = new Date((epoch + 8 * 3600) * 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getUTCHours()) + ":" + two(d.getUTCMinutes());
  }

  function clear() {
    Object.keys(layers).forEach(function (k) { map.removeLayer(layers[k]); });
    layers = {};
  }

  function setDay(text) {
    var day = JSON.parse(text);
    clear();
    pts = day.points || [];
    good = [];
    for (var i = 0; i < pts.length; i++) if (pts[i][3] === 0) good.push(i);
    var bounds = [];
    if (day.grid) {
      layers.grid = L.geoJSON(day.grid, {
        style: { color: "#1565c0", weight: 2, fillColor: "#1565c0", fillOpacity: 0.06, dashArray: "6 4" },
        interactive: false,
      }).addTo(map);
      bounds.push(layers.grid.getBounds());
    }
    // The track through the good fixes, broken where the phone was silent too long.
    var segments = [], seg = [];
    for (var k = 0; k < good.length; k++) {
      var p = pts[good[k]];
      if (seg.length && p[2] - pts[good[k - 1]][2] > MAX_GAP_S) { segments.push(seg); seg = []; }
      seg.push([p[0], p[1]]);
    }
    if (seg.length) segments.push(seg);
    layers.track = L.polyline(segments, { color: "#90a4ae", weight: 3, opacity: 0.9, interactive: false }).addTo(map);
    layers.done = L.polyline([], { color: "#1e88e5", weight: 4, opacity: 0.95, interactive: false }).addTo(map);
    if (segments.length) bounds.push(layers.track.getBounds());
    // Flagged fixes: mock locations (purple, filled) and coarse ones (orange, dashed ring).
    var flagged = L.layerGroup();
    pts.forEach(function (p) {
      if (p[3] === 0) return;
      var mock = p[3] === 2;
      L.circleMarker([p[0], p[1]], {
        radius: mock ? 6 : 5,
        color: mock ? "#6a1b9a" : "#ef6c00",
        weight: 2,
        dashArray: mock ? null : "2 3",
        fillColor: mock ? "#ab47bc" : "#ffffff",
        fillOpacity: mock ? 0.85 : 0.2,
      }).bindTooltip(escapeHtml((mock ? labels.mock : labels.coarse) + " " + hhmm(p[2]))).addTo(flagged);
    });
    layers.flagged = flagged.addTo(map);
    state.flagged = flagged.getLayers().length;
    var stops = L.layerGroup();
    (day.stops || []).forEach(function (s) {
      var minutes = Math.round((s[3] - s[2]) / 60);
      L.circleMarker([s[0], s[1]], {
        radius: Math.min(14, 5 + minutes / 5), color: "#00695c", weight: 1, fillColor: "#26a69a", fillOpacity: 0.45,
      }).bindTooltip(escapeHtml(labels.stop + " " + hhmm(s[2]) + "–" + hhmm(s[3]) + " · " + minutes + " " + labels.minutes))
        .addTo(stops);
    });
    layers.stops = stops.addTo(map);
    var events = L.layerGroup();
    (day.events || []).forEach(function (e) {
      var exit = e[0] === "exit";
      L.circleMarker([e[1], e[2]], {
        radius: 5, color: exit ? "#c62828" : "#2e7d32", weight: 3, fillColor: "#ffffff", fillOpacity: 1,
      }).bindTooltip(escapeHtml((exit ? labels.exit : labels.enter) + " " + hhmm(e[3]))).addTo(events);
    });
    layers.events = events.addTo(map);
    var cases = L.layerGroup();
    (day.cases || []).forEach(function (c) {
      var far = c[4] !== "ok";
      L.circleMarker([c[1], c[2]], {
        radius: 8, color: far ? "#b71c1c" : "#37474f", weight: far ? 4 : 2, fillColor: far ? "#ef5350" : "#ffca28",
        fillOpacity: 0.9,
      }).bindTooltip(escapeHtml(c[0] + " " + hhmm(c[3]) + (far ? " · " + labels[c[4]] : ""))).addTo(cases);
    });
    layers.cases = cases.addTo(map);
    layers.marker = L.circleMarker([0, 0], {
      radius: 9, color: "#ffffff", weight: 3, fillColor: "#d32f2f", fillOpacity: 1,
    });
    state.points = pts.length;
    state.drawn = segments.length;
    state.index = -1;
    if (pts.length) {
      layers.marker.addTo(map);
      setTime(pts[0][2]);
    } else {
      state.t = state.lat = state.lon = state.kind = null;
    }
    if (bounds.length) {
      var all = bounds[0];
      for (var b = 1; b < bounds.length; b++) all = all.extend(bounds[b]);
      map.fitBounds(all, { padding: [20, 20], animate: false });
    }
  }

  // The last point at or before t (binary search), -1 before the first.
  function indexAt(t) {
    var lo = 0, hi = pts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (pts[mid][2] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function setTime(t) {
    if (!pts.length) return;
    var i = Math.max(0, indexAt(t));
    var p = pts[i], lat = p[0], lon = p[1];
    // Between two good fixes close in time the marker glides; a flagged fix shows where it claims.
    if (p[3] === 0 && i + 1 < pts.length) {
      var j = i + 1;
      while (j < pts.length && pts[j][3] !== 0) j++;
      if (j < pts.length && pts[j][2] - p[2] <= MAX_GAP_S && pts[j][2] > p[2] && t > p[2]) {
        var f = Math.min(1, (t - p[2]) / (pts[j][2] - p[2]));
        lat = p[0] + (pts[j][0] - p[0]) * f;
        lon = p[1] + (pts[j][1] - p[1]) * f;
      }
    }
    layers.marker.setLatLng([lat, lon]);
    var mock = p[3] === 2, coarse = p[3] === 1;
    layers.marker.setStyle({ fillColor: mock ? "#8e24aa" : coarse ? "#ef6c00" : "#d32f2f" });
    // The part walked so far, drawn over the day's track.
    var done = [];
    for (var k = 0; k < good.length && good[k] <= i; k++) done.push([pts[good[k]][0], pts[good[k]][1]]);
    if (p[3] === 0) done.push([lat, lon]);
    layers.done.setLatLngs(done);
    state.t = t; state.lat = lat; state.lon = lon; state.kind = p[3]; state.index = i;
  }

  function focus(lat, lon, zoom) {
    map.setView([lat, lon], zoom || Math.max(map.getZoom(), 16), { animate: false });
  }

  window.Replay = {
    init: function (leafletMap, config) {
      map = leafletMap;
      labels = config.labels || {};
      state.ready = true;
    },
    setDay: setDay,
    setTime: setTime,
    focus: focus,
    state: function () { return JSON.stringify(state); },
  };
})();
