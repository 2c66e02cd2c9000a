// node build.mjs -> ../assets/plotly-pazos.min.js (commit the output; CI does not rebuild it).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;
await build({
  entryPoints: ['entry.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2018'],
  outfile: '../assets/plotly-pazos.min.js',
  // CSS that imported modules bring (MapLibre's, unused here) is not shipped.
  loader: { '.css': 'empty' },
  legalComments: 'none',
  banner: { js: `/* plotly.js v${version} (MIT, https://github.com/plotly/plotly.js), partial bundle: core scatter, bar, sankey; locale es. Built by frontend/build.mjs. */` },
  define: { global: 'window' },
  logLevel: 'info',
});
