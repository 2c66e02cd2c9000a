/* Clientside callbacks (registered in Python with dash.ClientsideFunction('pazos', name)).
   Pure UI state stays in the browser: no server round trip, and no inline script for the
   Content-Security-Policy to allow. Other asset files may add their own functions to the same
   namespace, so this one merges into it instead of replacing it. */
(function () {
  var clientside = window.dash_clientside = window.dash_clientside || {};

  clientside.pazos = Object.assign(clientside.pazos || {}, {
    /* The selection lives in the address: a chart's controls -> ?<chart>-<option>=<value>
       with replaceState (no reload, no new history entry), in the language switch and in the
       card's permalink (this callback's output), so a copied address, a bookmark or the other
       language opens the same view. One function for every chart: each input's id is
       already `<chart>-<option>`, the query key. */
    keepState: function () {
      var values = arguments;
      var params = new URLSearchParams(window.location.search);
      window.dash_clientside.callback_context.inputs_list.forEach(function (input, i) {
        params.set(input.id, values[i]);
      });
      var query = params.toString() ? '?' + params.toString() : '';
      window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash);
      var other = document.getElementById('language-switch');
      if (other) { var url = new URL(other.href); url.search = query; other.href = url.toString(); }
      return window.location.pathname + query;
    },

    /* One step of the presentation deck: the index, which slide is shown, the counter, the
       address (?slide=n) and the language link follow. The slides are all in the page. */
    navigate: function (prev, next, index) {
      var total = document.querySelectorAll('#slides > .slide').length;
      var trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
      var i = index || 0;
      if (trigger.indexOf('slide-next') === 0) { i = Math.min(total - 1, i + 1); }
      if (trigger.indexOf('slide-prev') === 0) { i = Math.max(0, i - 1); }
      var params = new URLSearchParams(window.location.search);
      params.set('slide', String(i + 1));
      window.history.replaceState(window.history.state, '', window.location.pathname + '?' + params.toString());
      var other = document.getElementById('slide-language');
      if (other) { var url = new URL(other.href); url.search = '?slide=' + (i + 1); other.href = url.toString(); }
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
