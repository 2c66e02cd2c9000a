/* Clientside callbacks (registered in Python with dash.ClientsideFunction('pazos', name)).
   Pure UI state stays in the browser: no server round trip, and no inline script for the
   Content-Security-Policy to allow. Other asset files may add their own functions to the same
   namespace, so this one merges into it instead of replacing it. */
(function () {
  var clientside = window.dash_clientside = window.dash_clientside || {};

  /* On paper, hatched bars (plotly's pattern fills) become their solid colour: Chromium turns
     every patterned bar into a bitmap in a PDF (4 MB for the homicide page); the demonstration
     badge, stamp and notice still say what the hatch says on screen. */
  function flattenPatterns(printing) {
    document.querySelectorAll('.js-plotly-plot path').forEach(function (path) {
      var fill = path.style.fill || '';
      if (printing && fill.indexOf('url(') === 0) {
        var id = /#([^"')]+)/.exec(fill);
        var pattern = id && document.getElementById(id[1]);
        var background = pattern && pattern.querySelector('rect');
        path.setAttribute('data-screen-fill', fill);
        path.style.fill = (background && (background.getAttribute('fill') || background.style.fill)) || '#999999';
      } else if (!printing && path.hasAttribute('data-screen-fill')) {
        path.style.fill = path.getAttribute('data-screen-fill');
        path.removeAttribute('data-screen-fill');
      }
    });
  }

  /* A printout says where it was printed from, with the selection as it is now. */
  window.addEventListener('beforeprint', function () {
    var printed = document.getElementById('print-address');
    if (printed) { printed.textContent = window.location.href; }
    flattenPatterns(true);
  });
  window.addEventListener('afterprint', function () { flattenPatterns(false); });

  /* The width class of the window as it is now (see widthClass below). */
  function widthNow() {
    var width = window.innerWidth || document.documentElement.clientWidth;
    var coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    return (width < 576 || (coarse && width < 1024)) ? 'narrow' : 'wide';
  }
  var sentWidth = null;  // the class the live page's charts were drawn for (null: Dash not started)

  /* A phone turned sideways, or a window made wider or narrower: when the width class changes,
     `page-width` is sent again and the server redraws the charts for it (their height is fitted
     to a short window by assets/first-paint.js). */
  var turnTimer = null;
  function turned() {
    clearTimeout(turnTimer);
    turnTimer = setTimeout(function () {
      var now = widthNow();
      var dc = window.dash_clientside;
      if (sentWidth !== null && now !== sentWidth && dc && dc.set_props) {
        sentWidth = now;
        dc.set_props('page-width', {data: now});
      }
    }, 250);
  }
  window.addEventListener('resize', turned);
  window.addEventListener('orientationchange', turned);

  clientside.pazos = Object.assign(clientside.pazos || {}, {
    /* The page's width class, read once when a page opens (`page-width`): "narrow" on a phone
       (under 576 px) or a touch screen under 1024 px, where the charts are redrawn on the server
       with level ticks every few years, the legend below and no drag-zoom (a swipe scrolls the
       page). A wide screen keeps what the server drew and sends nothing. */
    widthClass: function () {
      sentWidth = widthNow();
      return sentWidth === 'narrow' ? sentWidth : window.dash_clientside.no_update;
    },

    /* The selection lives in the address: a chart's controls -> ?<chart>-<option>=<value>
       with replaceState (no reload, no new history entry), in the language switch and in the
       card's permalink (this callback's output), so a copied address, a bookmark or the other
       language opens the same view. The rules are the server's codec, handed over as data (the
       last argument, the card's `<chart>-codec` store from charts.state.codec_rules): an option
       at its default is left out (so a link follows the next published year), several values
       are joined in their allowed order ('none' for none), old key names are dropped, and the
       permalink is the chart's own selection on its page, as the server writes it. */
    keepState: function () {
      var codec = arguments[arguments.length - 1] || {options: [], old_keys: [], permalink: ''};
      var values = {};
      var args = arguments;
      window.dash_clientside.callback_context.inputs_list.forEach(function (input, i) { values[input.id] = args[i]; });
      var params = new URLSearchParams(window.location.search);
      var own = new URLSearchParams();
      (codec.old_keys || []).forEach(function (key) { params.delete(key); });
      codec.options.forEach(function (option) {
        if (!(option.key in values)) { return; }
        var value = values[option.key];
        if (Array.isArray(value)) {
          var chosen = (option.order || value).filter(function (v) { return value.indexOf(v) >= 0; });
          value = chosen.length ? chosen.join(',') : option.none;
        }
        value = value === null || value === undefined ? option['default'] : String(value);
        if (value === option['default']) { params.delete(option.key); } else { params.set(option.key, value); own.set(option.key, value); }
      });
      var query = params.toString() ? '?' + params.toString() : '';
      window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash);
      var other = document.getElementById('language-switch');
      if (other) { var url = new URL(other.href); url.search = query; other.href = url.toString(); }
      var printed = document.getElementById('print-address');
      if (printed) { printed.textContent = window.location.href; }
      var hash = codec.permalink.indexOf('#');
      var path = hash < 0 ? codec.permalink : codec.permalink.slice(0, hash);
      var fragment = hash < 0 ? '' : codec.permalink.slice(hash);
      return path + (own.toString() ? '?' + own.toString() : '') + fragment;
    },

    /* A chart card's tabs (chart, table, map, sources): the clicked one is selected and its
       panel shown; the others hidden. Inputs are `<chart>-tab-<key>` in order. */
    showTab: function () {
      var ids = window.dash_clientside.callback_context.inputs_list.map(function (input) { return input.id; });
      var clicked = window.dash_clientside.callback_context.triggered_id;
      var keys = ids.map(function (id) { return id.slice(id.lastIndexOf('-tab-') + 5); });
      var chosen = keys[Math.max(0, ids.indexOf(clicked))];
      var classes = keys.map(function (k) { return k === chosen ? 'nav-link active' : 'nav-link'; });
      var selected = keys.map(function (k) { return k === chosen ? 'true' : 'false'; });
      var hidden = keys.map(function (k) { return k !== chosen; });
      return [chosen].concat(classes, selected, hidden);
    },

    /* The share menu's PNG and SVG buttons (`<chart>-png`, `<chart>-svg`): the chart as drawn,
       with the card's title, source line and licence (plotly-pazos.min.js wraps downloadImage). */
    saveImage: function () {
      var id = window.dash_clientside.callback_context.triggered_id || '';
      var match = /^(.*)-(png|svg)$/.exec(id);
      var graph = match && document.querySelector('#graph-' + match[1] + ' .js-plotly-plot');
      if (graph && window.Plotly) { window.Plotly.downloadImage(graph, {format: match[2]}); }
      return window.dash_clientside.no_update;
    },

    /* One step of the presentation deck: the index, which slide is shown, the counter, the
       address (?slide=n) and the language link follow. The slides are all in the page. */
    navigate: function (prev, next, index) {
      var total = document.querySelectorAll('#slides > .slide').length;
      var trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
      var i = index || 0;
      if (trigger.indexOf('slide-next') === 0) { i = Math.min(total - 1, i + 1); }
      if (trigger.indexOf('slide-prev') === 0) { i = Math.max(0, i - 1); }
      window.pazosKeepSlide(i);  // assets/present.js: the address and the language link
      var classes = [], hidden = [];
      for (var s = 0; s < total; s++) {
        classes.push(s === i ? 'slide active' : 'slide');
        hidden.push(s === i ? 'false' : 'true');
      }
      return [i, (i + 1) + ' / ' + total].concat(classes, hidden);
    },

    fullscreen: function (n) {
      if (n && document.documentElement.requestFullscreen && !document.fullscreenElement) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
      return window.dash_clientside.no_update;
    },

    /* The cluster map's play button starts and stops the timer that steps the year. */
    togglePlay: function (n, disabled) { return n ? !disabled : disabled; },

    nextYear: function (n, year, low, high) { return year >= high ? low : year + 1; }
  });
})();
