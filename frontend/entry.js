// plotly.js with only what the dashboard draws: scatter (lines, markers, filled map polygons),
// bar, sankey; and the Spanish locale. `window.Plotly` is what dcc.Graph picks up instead of
// downloading Dash's full 4.8 MB plotly.min.js. core.js is plotly's core minus unused components.
// Dash's component bundles expect Babel's regenerator runtime as a global, which Dash ships in
// its 96 KB polyfill for old browsers; the dashboard drops that polyfill and provides this 7 KB.
window.regeneratorRuntime = require('regenerator-runtime');
var Plotly = require('./core');
Plotly.register([
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/sankey'),
  require('plotly.js/lib/locales/es'),
]);
window.Plotly = Plotly;
