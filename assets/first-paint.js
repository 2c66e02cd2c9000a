// Content before scripts (docs/architecture.md, "Content before scripts").
//
// 1. The server sends each page already rendered (#pazos-static, from the same Dash layout), so
//    its text, numbers, takeaways and tables paint before any script. Dash's renderer draws the
//    same layout, hidden, in #react-entry-point (assets/first-paint.css); once the page's layout
//    is there, the static copy is removed in the same frame, so nothing moves and no text is
//    ever shown twice.
// 2. plotly.js (assets/plotly-pazos.min.js, about 440 KB compressed) is not in the page's
//    scripts: dcc.Graph asks for `window.Plotly`, which is a promise here until a chart comes
//    near the viewport; then the bundle is fetched. A chart is drawn only when it is near the
//    viewport (or its tab is opened, or the page is printed); until then it keeps its box at the
//    figure's height.
(function () {
  'use strict';
  var MARGIN = 300; // px around the viewport within which a chart is drawn
  var meta = document.querySelector('meta[name="pazos-plotly"]');
  var plotlyURL = meta ? meta.getAttribute('content') : null;

  // --- 1. the static copy gives way to the interactive page --------------------------------
  var staticRoot = document.getElementById('pazos-static');
  var entry = document.getElementById('react-entry-point');
  if (staticRoot && entry) {
    var ready = function () {
      var content = entry.querySelector('#_pages_content');
      return content && content.firstElementChild && content.querySelector('main, .site, .deck, .embed');
    };
    var swap = function () {
      if (!staticRoot) { return; }
      observer.disconnect();
      var y = window.scrollY;
      staticRoot.remove();
      staticRoot = null;
      if (window.scrollY !== y) { window.scrollTo(0, y); }
      if (plotlyURL) { watchGraphs(); }
    };
    // A mutation observer's callback runs after React's commit and before the next paint, so
    // the static copy and the live page never share a frame.
    var observer = new MutationObserver(function () { if (ready()) { swap(); } });
    observer.observe(entry, {childList: true, subtree: true});
  }

  if (!plotlyURL) { return; }

  // --- 2. plotly.js when a chart nears the viewport -----------------------------------------
  // dcc.Graph waits on this promise; it never fails: if the bundle does not arrive (a dropped
  // connection), the charts keep their boxes, the page keeps working, and the next chart that
  // comes near the viewport asks again.
  var loading = null;
  var loaded = false;
  var waiting = [];
  function loadPlotly() {
    if (loading) { return loading; }
    loading = new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = plotlyURL;
      script.async = true;
      script.onload = function () {
        loaded = true;
        wrap(window.Plotly);
        resolve();
        waiting.splice(0).forEach(function (go) { go(); });
      };
      script.onerror = function () { script.remove(); loading = null; };
      document.head.appendChild(script);
    });
    return loading;
  }
  // dcc.Graph waits on Promise.resolve(window.Plotly || <script>): a thenable here, so it waits
  // for the bundle instead of fetching Dash's full 4.8 MB plotly.min.js.
  if (!window.Plotly) {
    window.Plotly = {
      then: function (resolve) {
        if (loaded) { resolve(); } else { waiting.push(function () { resolve(); }); }
      }
    };
  }

  function near(el) {
    var r = el.getBoundingClientRect();
    if (!r.width && !r.height) { return false; } // hidden (a closed tab, a slide not shown)
    return r.top < window.innerHeight + MARGIN && r.bottom > -MARGIN;
  }

  var pending = new Map(); // gd -> {args, resolvers}
  var seen = new WeakSet();
  var io = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) { return; }
      var el = e.target;
      if (el.classList.contains('dash-graph') || el.hasAttribute('data-static-graph')) { loadPlotly(); if (loaded) { io.unobserve(el); } }
      if (pending.has(el)) { io.unobserve(el); draw(el); }
    });
  }, {rootMargin: MARGIN + 'px 0px'}) : null;

  function watchGraphs() {
    if (!io) { loadPlotly(); return; }
    document.querySelectorAll('.dash-graph, [data-static-graph]').forEach(function (el) {
      if (!seen.has(el)) { seen.add(el); io.observe(el); }
    });
  }
  // Graphs of pages reached by in-app links, and of tabs and slides rendered later.
  new MutationObserver(function () {
    if (watchGraphs.timer) { return; }
    watchGraphs.timer = setTimeout(function () { watchGraphs.timer = null; watchGraphs(); }, 50);
  }).observe(document.documentElement, {childList: true, subtree: true});
  watchGraphs();

  var react;
  function draw(gd) {
    var job = pending.get(gd);
    pending.delete(gd);
    if (!job) { return; }
    react.apply(window.Plotly, job.args).then(function (v) {
      job.resolvers.forEach(function (r) { r[0](v); });
    }, function (e) { job.resolvers.forEach(function (r) { r[1](e); }); });
  }

  // A graph far from the viewport keeps its box; its latest figure is drawn when it comes near.
  function wrap(Plotly) {
    if (!Plotly || Plotly.__pazosDeferred) { return; }
    Plotly.__pazosDeferred = true;
    react = Plotly.react;
    Plotly.react = function (gd) {
      if (!io || gd._fullLayout || near(gd)) { return react.apply(Plotly, arguments); }
      var job = pending.get(gd) || {resolvers: []};
      job.args = Array.prototype.slice.call(arguments);
      pending.set(gd, job);
      io.observe(gd);
      return new Promise(function (resolve, reject) { job.resolvers.push([resolve, reject]); });
    };
    var resize = Plotly.Plots.resize;
    Plotly.Plots.resize = function (gd) { return pending.has(gd) || !gd._fullLayout ? Promise.resolve() : resize.apply(this, arguments); };
    var purge = Plotly.purge;
    Plotly.purge = function (gd) { pending.delete(gd); return purge.apply(Plotly, arguments); };
  }
  // On paper every chart is drawn (those plotly.js has already been given).
  window.addEventListener('beforeprint', function () { Array.from(pending.keys()).forEach(draw); });
})();
