/* Accessibility repairs for Dash 4's option lists (dcc.RadioItems), until Dash fixes them
   upstream: it renders a role="listbox" holding role="option" labels that wrap native radio
   inputs, which screen readers announce twice and axe-core reports as nested interactive
   controls in an unnamed list. The native radios are the right semantics: this keeps them,
   names each group by its fieldset's legend, and names any unlabelled input (the slider's)
   the same way. React leaves these attributes alone, except aria-selected, which it sets
   again on each change and which is removed again here. */
(function () {
  function legendId(element) {
    var fieldset = element.closest('fieldset');
    var legend = fieldset && fieldset.querySelector('legend');
    if (!legend) { return null; }
    if (!legend.id) { legend.id = (fieldset.querySelector('[id]') || {id: 'group'}).id + '-legend'; }
    return legend.id;
  }
  function repair(root) {
    root.querySelectorAll('.dash-radioitems[role="listbox"]').forEach(function (group) {
      group.setAttribute('role', 'radiogroup');
      var id = legendId(group);
      if (id) { group.setAttribute('aria-labelledby', id); }
    });
    root.querySelectorAll('.dash-radioitems [role="option"], .dash-radioitems [aria-selected]').forEach(function (option) {
      option.removeAttribute('role');
      option.removeAttribute('aria-selected');
    });
    root.querySelectorAll('fieldset.chart-control input:not([aria-label]):not([aria-labelledby]):not([type="radio"]), ' +
                          'fieldset.chart-control [role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(function (input) {
      var id = legendId(input);
      if (id) { input.setAttribute('aria-labelledby', id); }
    });
  }
  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); }).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected']
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
