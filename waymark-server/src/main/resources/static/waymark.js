/*! Waymark browser snippet. Add to every page:
 * <script src="https://waymark.example.com/waymark.js" data-key="wm_ingest_..." async></script>
 * Optional: data-endpoint="https://collector.example.com:8081" (default: where this file came from),
 * data-auto="false" (no automatic page views), data-consent="required" (nothing is sent until
 * waymark.consent(true)), data-dnt="ignore" (do not honour Do Not Track). README: "Tracking your site". */
(function (w, d) {
  "use strict";
  if (w.waymark && w.waymark.loaded) return;
  var script = d.currentScript || d.querySelector("script[data-key][src*='waymark.js']");
  var attr = function (n) { return script ? script.getAttribute("data-" + n) : null; };
  var key = attr("key");
  var base = attr("endpoint") || (script && script.src ? new URL(script.src, location.href).origin : location.origin);
  var url = base.replace(/\/+$/, "") + "/api/v1/events?key=" + encodeURIComponent(key || "");
  var auto = attr("auto") !== "false";
  var GAP = 30 * 60 * 1000, BATCH = 20, LINGER = 1000, MAX_QUEUE = 1000, MAX_BACKOFF = 30000;
  var TOP = ["product_id", "order_id", "amount", "currency", "search_query", "page_url", "page_name", "referrer"];
  var mem = {};
  var pre = Array.isArray(w.waymark) ? w.waymark : [];

  function load(k) {
    try { var v = localStorage.getItem("wm_" + k); return v === null ? mem[k] || null : v; } catch (e) { return mem[k] || null; }
  }
  function save(k, v) {
    mem[k] = v;
    try { if (v === null) localStorage.removeItem("wm_" + k); else localStorage.setItem("wm_" + k, v); } catch (e) { /* private mode */ }
  }
  function uuid() {
    if (w.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function safe(f) {
    return function () {
      try { return f.apply(null, arguments); } catch (e) { if (w.console) console.warn("waymark:", e); }
    };
  }
  function parse(s, dflt) { try { return s ? JSON.parse(s) : dflt; } catch (e) { return dflt; } }

  var anon = load("aid") || uuid();
  save("aid", anon);
  var user = load("uid");
  var queue = parse(load("queue"), []);
  var timer = null, inflight = false, backoff = 0, blockedUntil = 0, failures = 0;
  var path = null, lastUrl = null, visibleMs = 0, visibleSince = null, reportedMs = 0;

  function enabled() {
    var c = load("consent");
    if (!key || c === "0") return false;
    if (c === "1") return true;
    var dnt = navigator.doNotTrack === "1" || w.doNotTrack === "1";
    return !(dnt && attr("dnt") !== "ignore") && attr("consent") !== "required";
  }
  function session() {
    var now = Date.now(), sid = load("sid");
    if (!sid || now - Number(load("seen") || 0) >= GAP) sid = uuid();
    save("sid", sid);
    save("seen", String(now));
    return sid;
  }
  function persist() {
    if (queue.length > MAX_QUEUE) queue = queue.slice(queue.length - MAX_QUEUE);
    save("queue", JSON.stringify(queue));
  }
  function event(type, props) {
    if (!enabled()) return;
    var e = { event_id: uuid(), type: type, anonymous_id: anon, session_id: session(), timestamp: new Date().toISOString() };
    if (user) e.user_id = user;
    var rest = {}, any = false;
    for (var k in props || {}) {
      if (!Object.prototype.hasOwnProperty.call(props, k) || props[k] == null) continue;
      if (TOP.indexOf(k) >= 0) e[k] = props[k]; else { rest[k] = props[k]; any = true; }
    }
    if (any) e.properties = rest;
    if (!e.page_url && type !== "page_view") e.page_url = location.pathname + location.search;
    e.context = { user_agent: navigator.userAgent, locale: navigator.language };
    queue.push(e);
    persist();
    schedule(queue.length >= BATCH ? 0 : LINGER);
  }

  function schedule(delay) {
    if (timer || inflight) return;
    delay = Math.max(delay, blockedUntil - Date.now(), 0);
    timer = setTimeout(safe(function () { timer = null; send(); }), delay);
  }
  function take(batch) {
    var ids = {};
    batch.forEach(function (e) { ids[e.event_id] = 1; });
    queue = queue.filter(function (e) { return !ids[e.event_id]; });
    persist();
  }
  function body(batch) {
    var at = new Date().toISOString();
    return JSON.stringify(batch.map(function (e) { var c = {}; for (var k in e) c[k] = e[k]; c.sent_at = at; return c; }));
  }
  function retry(after) {
    failures++;
    backoff = Math.min(MAX_BACKOFF, backoff ? backoff * 2 : 1000);
    var wait = backoff * (0.5 + Math.random() / 2), s = parseInt(after, 10);
    if (s > 0) wait = Math.max(wait, s * 1000);
    blockedUntil = Date.now() + wait;
    schedule(wait);
  }
  // text/plain and the key in the URL keep this a "simple" CORS request: no preflight, and a
  // beacon can carry it. The same event_ids on every attempt let the collector store each once.
  function send() {
    if (inflight || !queue.length) return;
    if (Date.now() < blockedUntil) return schedule(0);
    var batch = queue.slice(0, BATCH);
    inflight = true;
    fetch(url, { method: "POST", body: body(batch), keepalive: true, credentials: "omit", headers: { "Content-Type": "text/plain" } })
      .then(function (r) {
        inflight = false;
        if (r.status === 429 || r.status >= 500) return retry(r.headers.get("Retry-After"));
        if (r.status >= 400 && w.console) r.text().then(function (t) { console.warn("waymark: events refused (" + r.status + "): " + t); });
        backoff = 0;
        take(batch);
        if (queue.length) schedule(queue.length >= BATCH ? 0 : LINGER);
      }, function () { inflight = false; retry(null); })
      .catch(function () { inflight = false; });
  }
  function beacon() {
    if (!queue.length || inflight || !navigator.sendBeacon) return send();
    var batch = queue.slice(0, BATCH);
    if (navigator.sendBeacon(url, new Blob([body(batch)], { type: "text/plain" }))) take(batch);
  }

  function here() { return location.pathname + location.search; }
  function visible() { return d.visibilityState !== "hidden"; }
  function leave() {
    if (visibleSince !== null) { visibleMs += Date.now() - visibleSince; visibleSince = visible() ? Date.now() : null; }
    if (path !== null && visibleMs > reportedMs) {
      event("page_leave", { page_url: path, visible_ms: visibleMs });
      reportedMs = visibleMs;
    }
  }
  function page() {
    leave();
    path = here();
    event("page_view", { page_url: path, page_name: d.title || null, referrer: lastUrl || d.referrer || null });
    lastUrl = location.href;
    visibleMs = 0; reportedMs = 0;
    visibleSince = visible() ? Date.now() : null;
  }
  function navigated() { if (here() !== path) page(); }

  var api = {
    loaded: true,
    track: safe(function (type, props) {
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(type)) throw new Error("track: type must be lower_snake_case, got " + type);
      event(type, props);
    }),
    page: safe(page),
    identify: safe(function (userId, traits) {
      if (userId === null || userId === undefined || userId === "") throw new Error("identify: userId is required");
      user = String(userId);
      save("uid", user);
      event("identify", traits || {});
    }),
    reset: safe(function () {
      user = null; anon = uuid();
      save("uid", null); save("aid", anon); save("sid", null);
    }),
    consent: safe(function (granted) {
      save("consent", granted ? "1" : "0");
      if (!granted) { queue = []; persist(); } else if (auto && path === null) page();
    }),
    flush: safe(function () { blockedUntil = 0; if (timer) { clearTimeout(timer); timer = null; } send(); }),
    anonymousId: function () { return anon; },
    userId: function () { return user; },
    pending: function () { return queue.length; },
    failures: function () { return failures; }
  };
  w.waymark = api;

  if (auto) {
    ["pushState", "replaceState"].forEach(function (m) {
      var orig = history[m];
      history[m] = function () { var r = orig.apply(this, arguments); safe(navigated)(); return r; };
    });
    w.addEventListener("popstate", safe(navigated));
    if (enabled()) safe(page)();
  }
  w.addEventListener("visibilitychange", safe(function () {
    if (visible()) { if (visibleSince === null) visibleSince = Date.now(); return; }
    leave(); beacon();
  }));
  w.addEventListener("pagehide", safe(function () { leave(); beacon(); }));
  w.addEventListener("online", safe(api.flush));
  pre.forEach(function (c) { if (c && api[c[0]]) api[c[0]].apply(null, c.slice(1)); });
  if (queue.length) schedule(0);
})(window, document);
