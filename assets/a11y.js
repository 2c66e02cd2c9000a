/* Accessible names the components cannot be given from Python, until their libraries allow it
   (tests/browser/test_accessibility.py fails when a repair here is no longer needed):
   - Dash 4's dcc.Slider renders an unnamed input and role="slider" thumb: each takes the name of
     its fieldset's legend;
   - dbc.Progress takes no aria-label, and a role="progressbar" is not named by its content: each
     takes the name of its visually hidden label (components/bootstrap.py `progress`).
   React leaves these attributes alone, so they are set once per new element. */
(function () {
  function legendId(element) {
    var fieldset = element.closest('fieldset');
    var legend = fieldset && fieldset.querySelector('legend');
    if (!legend) { return null; }
    if (!legend.id) { legend.id = (fieldset.querySelector('[id]') || {id: 'group'}).id + '-legend'; }
    return legend.id;
  }
  function repair(root) {
    root.querySelectorAll('fieldset.chart-control input:not([aria-label]):not([aria-labelledby]):not([type="radio"]), ' +
                          'fieldset.chart-control [role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(function (input) {
      var id = legendId(input);
      if (id) { input.setAttribute('aria-labelledby', id); }
    });
    root.querySelectorAll('.progress [role="progressbar"]:not([aria-label]):not([aria-labelledby])').forEach(function (bar) {
      var label = bar.querySelector('.visually-hidden');
      if (label && label.textContent.trim()) { bar.setAttribute('aria-label', label.textContent.trim()); }
    });
  }
  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); }).observe(document.body, {subtree: true, childList: true});
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
