/* The one accessible name Python cannot give (tests/browser/test_accessibility.py fails when the
   repair is no longer needed; pazos_dash/shell/README.md lists it): Dash 4's dcc.Slider renders an
   unnamed input and role="slider" thumb and takes no aria-label or aria-labelledby for them; each
   takes the name of its fieldset's legend. Progress bars carry their ARIA from Python
   (components/bootstrap.py `progress`). React leaves these attributes alone, so they are set once
   per new element. */
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
    // Dash 4's dcc.Dropdown (the place picker): its button is named by "3 selected" before the
    // places it shows (axe: label-content-name-mismatch), and its keyboard entry is a focusable
    // input marked aria-hidden (axe: aria-hidden-focus); neither takes an aria prop. Both are named
    // by what they show in reading order (the places, then the count); the entry by the legend first.
    root.querySelectorAll('fieldset.chart-control .dash-dropdown[id]:not([data-pazos-named])').forEach(function (button) {
      var id = legendId(button);
      if (!id) { return; }
      var shown = [button.id + '-value', button.id + '-value-count'].join(' ');
      button.setAttribute('aria-labelledby', shown);
      button.setAttribute('data-pazos-named', '');
      var entry = button.parentNode && button.parentNode.querySelector('.dash-dropdown-focus-target');
      if (entry) { entry.removeAttribute('aria-hidden'); entry.setAttribute('aria-labelledby', id + ' ' + shown); }
    });
  }
  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); }).observe(document.body, {subtree: true, childList: true});
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
