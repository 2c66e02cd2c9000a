// plotly.js with only what the dashboard draws: scatter (lines, markers, filled map polygons),
// bar, sankey; and the Spanish locale. `window.Plotly` is what dcc.Graph picks up instead of
// downloading Dash's full 4.8 MB plotly.min.js.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/sankey'),
  require('plotly.js/lib/locales/es'),
]);
window.Plotly = Plotly;
