// Static first (docs/architecture.md, "Static first" and "Content before scripts").
//
// 1. The server sends each page whole (#pazos-static, from the same Dash layout): text, numbers,
//    tables, and a static picture of each chart's default view (web/pictures.py). It is the page
//    a reader gets with scripts off, and until they interact with a card.
// 2. Dash's renderer, React and the components' bundles are in the page as
//    <script type="pazos/deferred">: nothing runs until a reader interacts with a card (presses,
//    hovers a chart (a card's, or a slide's), focuses a control, changes one, opens the share menu
//    or the map tab), or at once when the server marked the copy `data-start="now"` (a chart
//    without its picture); the deck's buttons and keys move the copy (assets/present.js). `window.pazosStart()` starts it too (the browser tests). What the reader did to the
//    copy meanwhile carries over: a changed control is written into the address, which the live
//    page is rendered from; an open tab or menu is opened again on the live page.
// 3. Dash then draws the same layout, hidden, in #react-entry-point (assets/first-paint.css);
//    once the page's layout is there, the copy is removed in the same frame, so nothing moves.
//    Each live chart keeps its picture as background until plotly.js has drawn it.
// 4. plotly.js (assets/plotly-pazos.min.js) is fetched only for the live page, when a chart comes
//    near the viewport; until a chart is near, it keeps its box (and picture).
(function () {
  'use strict';
  var MARGIN = 300; // px around the viewport within which a chart is drawn
  var meta = document.querySelector('meta[name="pazos-plotly"]');
  var plotlyURL = meta ? meta.getAttribute('content') : null;
  var staticRoot = document.getElementById('pazos-static');
  var entry = document.getElementById('react-entry-point');
  var started = false;
  var live = !staticRoot;

  // --- 2. start Dash ------------------------------------------------------------------------
  function start() {
    if (started) { return; }
    started = true;
    if (staticRoot) { staticRoot.setAttribute('aria-busy', 'true'); }
    var last = null;
    document.querySelectorAll('script[type="pazos/deferred"][data-src]').forEach(function (tag) {
      var script = document.createElement('script');
      script.src = tag.getAttribute('data-src');
      script.async = false; // run in the page's order
      document.body.appendChild(script);
      last = script;
    });
    var boot = function () {
      if (window.DashRenderer && !window.renderer) { window.renderer = new window.DashRenderer(); }
    };
    if (last) { last.addEventListener('load', boot); } else { boot(); }
  }
  window.pazosStart = start;

  // What a reader did to the copy before the live page came, to do again on it.
  var chosenTabs = {}; // card id -> the tab button's id
  var changedCards = {}; // card id -> true (its chart now shows another view than its picture)

  function cardOf(el) { return el && el.closest ? el.closest('.chart-card') : null; }

  // A tab of the copy switches at once (tables and sources are in the page); the map tab needs
  // the live page to draw it.
  function showStaticTab(button) {
    var list = button.closest('[role="tablist"]');
    if (!list) { return; }
    list.querySelectorAll('[role="tab"]').forEach(function (tab) {
      var on = tab === button;
      tab.classList.toggle('active', on);
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      var panel = document.getElementById(tab.getAttribute('aria-controls'));
      if (panel) { panel.hidden = !on; }
    });
    var card = cardOf(button);
    if (card) { chosenTabs[card.id] = button.id; }
    if (button.getAttribute('data-tab') === 'map') { start(); }
  }

  // A control of the copy writes its value into the address (its id is the query key, as
  // assets/clientside.js `keepState` does); the live page is rendered from the address.
  function keepStaticChoice(input) {
    var params = new URLSearchParams(window.location.search);
    if (input.tagName === 'SELECT') {
      if (!input.id) { return; }
      params.set(input.id, input.value);
    } else {
      var group = input.closest('.chart-controls [id]:not([id^="_dbcprivate"])');
      if (!group) { return; }
      var boxes = group.querySelectorAll('input');
      if (input.type === 'radio') {
        params.set(group.id, input.value);
      } else {
        var values = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; });
        params.set(group.id, values.length ? values.join(',') : 'none');
      }
    }
    history.replaceState(history.state, '', window.location.pathname + '?' + params.toString() + window.location.hash);
    var card = cardOf(input);
    if (card) { changedCards[card.id] = true; }
  }

  if (staticRoot && entry) {
    var inCopy = function (el) { return el && el.closest && el.closest('#pazos-static'); };
    var interactive = 'button, select, input, summary, label, [role="figure"], .dash-graph, .chart-menus, .chart-controls, .deck';
    document.addEventListener('click', function (e) {
      if (!inCopy(e.target)) { return; }
      var tab = e.target.closest('.chart-tablist [role="tab"]');
      if (tab) { showStaticTab(tab); }
    });
    document.addEventListener('change', function (e) {
      if (!inCopy(e.target) || !e.target.closest('.chart-controls')) { return; }
      keepStaticChoice(e.target);
      start();
    });
    var intent = function (e) {
      var el = e.target;
      if (!inCopy(el) || !(cardOf(el) || el.closest('.slide-graph')) || !el.closest(interactive)) { return; }
      if (el.closest('.chart-tablist')) { return; } // a tab switches without Dash (the map tab starts it when chosen)
      start();
    };
    ['pointerdown', 'focusin', 'mouseover', 'keydown'].forEach(function (type) {
      document.addEventListener(type, intent, {capture: true, passive: true});
    });
    if (staticRoot.getAttribute('data-start') === 'now') {
      if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
    }
  } else {
    live = true;
    started = true;
  }

  // --- 3. the copy gives way to the live page -------------------------------------------------
  if (staticRoot && entry) {
    var ready = function () {
      var content = entry.querySelector('#_pages_content');
      return content && content.firstElementChild && content.querySelector('main, .site, .deck, .embed');
    };
    var carryOver = function () {
      // the pictures stay under the live charts until plotly.js draws them
      staticRoot.querySelectorAll('.dash-graph[id] img.static-chart').forEach(function (img) {
        var box = img.closest('.dash-graph');
        var card = cardOf(box);
        var target = entry.querySelector('#' + CSS.escape(box.id));
        if (!target || !img.currentSrc || (card && changedCards[card.id])) { return; }
        target.classList.add('has-picture');
        target.style.backgroundImage = 'url("' + img.currentSrc + '")';
      });
      var open = [];
      staticRoot.querySelectorAll('details[open][id]').forEach(function (d) { open.push(d.id); });
      var focused = document.activeElement && inCopyFocus(document.activeElement) ? document.activeElement.id : null;
      return {open: open, focused: focused};
    };
    var inCopyFocus = function (el) { return el.id && el.closest && el.closest('#pazos-static'); };
    var swap = function () {
      if (!staticRoot) { return; }
      observer.disconnect();
      var state = carryOver();
      var y = window.scrollY;
      staticRoot.remove();
      staticRoot = null;
      live = true;
      if (window.scrollY !== y) { window.scrollTo(0, y); }
      state.open.forEach(function (id) { var d = document.getElementById(id); if (d) { d.open = true; } });
      Object.keys(chosenTabs).forEach(function (card) {
        var button = document.getElementById(chosenTabs[card]);
        if (button && button.getAttribute('aria-selected') !== 'true') { button.click(); }
      });
      if (state.focused) { var f = document.getElementById(state.focused); if (f && f.focus) { f.focus({preventScroll: true}); } }
      if (plotlyURL) { watchGraphs(); }
    };
    // A mutation observer's callback runs after React's commit and before the next paint, so
    // the static copy and the live page never share a frame.
    var observer = new MutationObserver(function () { if (ready()) { swap(); } });
    observer.observe(entry, {childList: true, subtree: true});
  }

  if (!plotlyURL) { return; }

  // --- 4. plotly.js when a live chart nears the viewport --------------------------------------
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
      if (el.classList.contains('dash-graph')) { loadPlotly(); if (loaded) { io.unobserve(el); } }
      if (pending.has(el)) { io.unobserve(el); draw(el); }
    });
  }, {rootMargin: MARGIN + 'px 0px'}) : null;

  // Only the live page's charts: the copy's pictures need no plotly.js.
  function watchGraphs() {
    if (!live) { return; }
    if (!io) { loadPlotly(); return; }
    document.querySelectorAll('#react-entry-point .dash-graph').forEach(function (el) {
      if (!seen.has(el)) { seen.add(el); io.observe(el); }
    });
  }
  // Graphs of pages reached by in-app links, and of tabs and slides rendered later.
  new MutationObserver(function () {
    if (watchGraphs.timer || !live) { return; }
    watchGraphs.timer = setTimeout(function () { watchGraphs.timer = null; watchGraphs(); }, 50);
  }).observe(document.documentElement, {childList: true, subtree: true});
  watchGraphs();

  // Each drawn chart's SVG layers get a viewBox matching their size, so on paper (pazos.css,
  // @media print) a chart scales to the page's width instead of keeping the window's.
  function fitForPaper(gd) {
    if (!gd || !gd.querySelectorAll) { return; }
    gd.querySelectorAll('svg.main-svg').forEach(function (svg) {
      var w = svg.getAttribute('width');
      var h = svg.getAttribute('height');
      if (w && h) { svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h); }
    });
    var box = gd.closest ? gd.closest('.dash-graph') : null;
    if (box && box.classList.contains('has-picture')) { box.classList.remove('has-picture'); box.style.backgroundImage = ''; }
    if (!gd.__pazosPaper && gd.on) { gd.__pazosPaper = true; gd.on('plotly_afterplot', function () { fitForPaper(gd); }); }
  }

  // A phone turned sideways is about 360 px high: a chart drawn for the upright screen (450 px
  // and more) would be taller than the window. On such a short, wide window every drawn chart is
  // fitted to 85 % of its height (never under 240 px), and given back its own height when the
  // window is tall again; the figure's box follows. (A new width class is also sent to the
  // server: assets/clientside.js.)
  function shortWindow() { return window.innerWidth > window.innerHeight && window.innerHeight < 500; }
  function fitToScreen(gd) {
    if (!gd || !gd._fullLayout || !gd.layout || !window.Plotly) { return; }
    if (gd.__pazosHeight === undefined) { gd.__pazosHeight = gd.layout.height || gd._fullLayout.height || null; }
    var own = gd.__pazosHeight;
    if (!own) { return; }
    var fit = shortWindow() ? Math.min(own, Math.max(240, Math.round(window.innerHeight * 0.85))) : own;
    if (gd.layout.height === fit) { return; }
    var box = gd.closest ? gd.closest('[role="figure"]') : null;
    if (box) { box.style.minHeight = fit + 'px'; }
    window.Plotly.relayout(gd, {height: fit});
  }
  var fitTimer = null;
  function fitAll() {
    clearTimeout(fitTimer);
    fitTimer = setTimeout(function () { document.querySelectorAll('.js-plotly-plot').forEach(fitToScreen); }, 250);
  }
  window.addEventListener('resize', fitAll);
  window.addEventListener('orientationchange', fitAll);
  function drawn(gd) { gd.__pazosHeight = undefined; fitForPaper(gd); fitToScreen(gd); }

  var react;
  function draw(gd) {
    var job = pending.get(gd);
    pending.delete(gd);
    if (!job) { return; }
    react.apply(window.Plotly, job.args).then(function (v) {
      drawn(gd);
      job.resolvers.forEach(function (r) { r[0](v); });
    }, function (e) { job.resolvers.forEach(function (r) { r[1](e); }); });
  }

  // A graph far from the viewport keeps its box; its latest figure is drawn when it comes near.
  function wrap(Plotly) {
    if (!Plotly || Plotly.__pazosDeferred) { return; }
    Plotly.__pazosDeferred = true;
    react = Plotly.react;
    Plotly.react = function (gd) {
      if (!io || gd._fullLayout || near(gd)) {
        return react.apply(Plotly, arguments).then(function (v) { drawn(gd); return v; });
      }
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
