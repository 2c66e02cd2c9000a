/* A link to a card on the same page (`/seguimiento?indicator_detail-indicator=x#card-indicator_detail`,
   the scoreboard's indicator names) is followed by Dash's router without a page load, so the
   browser never scrolls to the `#card-...` part. Once the page has been drawn again, bring that
   card into view and put the keyboard focus on its title, as a page load would. */
(function () {
  function jump() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var tries = 0;
    (function look() {
      var target = document.getElementById(id);
      var busy = document.querySelector('[data-dash-is-loading="true"]');
      if (target && !busy && tries > 2) {
        target.scrollIntoView({block: 'start'});
        var heading = target.querySelector('h2, h3, .card-title');
        if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({preventScroll: true}); }
        return;
      }
      if (tries++ < 40) { window.setTimeout(look, 100); }
    })();
  }
  window.addEventListener('_dashprivate_pushstate', jump);
  window.addEventListener('popstate', jump);
})();
