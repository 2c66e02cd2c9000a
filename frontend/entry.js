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

// Images for reports and slides: the camera button (and Plotly.downloadImage) draws the chart's
// title above it and its source line below it, read from the chart card around the graph.
function figureForImage(gd) {
  var card = gd && gd.closest ? gd.closest('.chart-card, .slide') : null;
  if (!card) { return null; }
  var text = function (selector) { var el = card.querySelector(selector); return el ? el.textContent.trim() : ''; };
  var wrap = function (line, width) {
    var words = line.split(' '), lines = [''];
    words.forEach(function (w) {
      if ((lines[lines.length - 1] + ' ' + w).length > width) { lines.push(w); } else { lines[lines.length - 1] += (lines[lines.length - 1] ? ' ' : '') + w; }
    });
    return lines;
  };
  var full = gd._fullLayout;
  var sourceLines = wrap(text('.chart-source'), Math.max(60, Math.round(full.width / 7)));
  // The source line goes under what plotly.js pushed the bottom margin to (the axis title, a
  // legend below the plot), not under the margin asked for: it never overprints the axis title.
  var bottom = (full._size && full._size.b) || full.margin.b;
  var extraTop = 56, extraBottom = 18 + 16 * sourceLines.length;
  var layout = Object.assign({}, gd.layout, {
    width: full.width,
    height: full.height + extraTop + extraBottom,
    margin: Object.assign({}, full.margin, {t: full.margin.t + extraTop, b: bottom + extraBottom}),
    title: {text: text('.card-title, .slide-title'), x: 0.01, xanchor: 'left', y: 0.99, yanchor: 'top', font: {size: 18}},
    annotations: (gd.layout.annotations || []).concat([{
      text: sourceLines.join('<br>'), showarrow: false, xref: 'paper', yref: 'paper', x: 0, y: 0,
      xanchor: 'left', yanchor: 'top', yshift: -(bottom + 4), align: 'left', font: {size: 11, color: '#333'}
    }])
  });
  // The x axes' titles close to their tick labels: in the taller bottom margin plotly.js would move
  // them down by default, into the source line.
  Object.keys(full).forEach(function (key) {
    if (!/^xaxis\d*$/.test(key)) { return; }
    var given = gd.layout[key] || {}, title = typeof given.title === 'string' ? {text: given.title} : given.title;
    layout[key] = Object.assign({}, given, {title: Object.assign({}, title, {standoff: 6})});
  });
  return {data: gd.data, layout: layout, config: gd._context};
}
var download = Plotly.downloadImage;
function downloadWithTitleAndSource(gd, opts) {
  var figure = figureForImage(gd);
  if (!figure) { return download(gd, opts); }
  var holder = gd.closest('[id^="graph-"], [id^="slide-graph-"]');
  opts = Object.assign({filename: holder ? holder.id.replace(/^(slide-)?graph-/, '') : 'pazos'}, opts);
  return download(figure, opts);
}
Plotly.register({moduleType: 'apiMethod', name: 'downloadImage', fn: downloadWithTitleAndSource});
Plotly.downloadImage = downloadWithTitleAndSource;
Plotly.figureForImage = figureForImage;
window.Plotly = Plotly;
