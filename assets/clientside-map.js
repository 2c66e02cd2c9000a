/* The cluster map (pages/callbacks.py register_map_callbacks): a click puts the cluster in the
   address (?cluster_profile-cluster=C3: the key the profile panel's data-key names, from the
   codec; other keys kept, the old ?cluster= dropped, no reload, no new history entry) and in the
   language switch, so a copied address, a bookmark or the other language opens the same profile. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  map: {
    keepCluster: function (click) {
      var point = click && Array.isArray(click.points) ? click.points[0] : null;
      var id = point ? point.customdata : null;
      // a filled polygon's click carries its trace's whole customdata: one id per vertex
      for (var depth = 0; Array.isArray(id) && depth < 2; depth += 1) { id = id[0]; }
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        return window.dash_clientside.no_update;
      }
      var panel = document.getElementById('cluster-profile');
      var key = panel && panel.dataset ? panel.dataset.key : null;
      if (!key) { return id; }  // the embed: no address of its own
      var params = new URLSearchParams(window.location.search);
      params.delete('cluster');
      params.set(key, id);
      var query = '?' + params.toString();
      window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash);
      var other = document.getElementById('language-switch');
      if (other) { var url = new URL(other.href); url.search = query; other.href = url.toString(); }
      return id;
    }
  }
});
