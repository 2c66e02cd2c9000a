# The README's commands, by name. Each target works on a fresh clone.
.PHONY: run test bench lighthouse plotly axe og-images validate publish-demo mutants

run:  ## install and start the dashboard on its embedded defaults
	sh scripts/run.sh

test:  ## install test dependencies (Chromium included) and run the whole suite
	sh scripts/test.sh

bench:  ## measure page weight, drawing time, callback time, throughput, memory; writes benchmarks/RESULTS.md
	sh scripts/bench.sh

lighthouse:  ## Lighthouse 12's mobile audit of every page in both languages (npm lighthouse@12.2.3, Debian's chromium); keeps the table in benchmarks/RESULTS.md
	test -x benchmarks/.lighthouse/node_modules/.bin/lighthouse || npm i --prefix benchmarks/.lighthouse -E --no-audit --no-fund lighthouse@12.2.3
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} .venv/bin/python benchmarks/lighthouse.py --write benchmarks/RESULTS.md $(LIGHTHOUSE_ARGS)

plotly:  ## rebuild assets/plotly-pazos.min.js (the partial plotly.js bundle) with npm and esbuild
	cd frontend && npm ci --no-audit --no-fund && npm run build
	.venv/bin/python scripts/precompress.py

axe:  ## refresh the vendored axe-core the accessibility tests inject (tests/browser/vendor/)
	cd frontend && npm ci --no-audit --no-fund
	cp frontend/node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
	cp frontend/node_modules/axe-core/LICENSE tests/browser/vendor/LICENSE-axe-core.txt

og-images:  ## redraw the link-preview images (assets/og/) from data/published with headless Chromium; run after republishing
	.venv/bin/python scripts/og_images.py

validate:  ## check the published data package
	.venv/bin/pazos-dash validate data/published

publish-demo:  ## regenerate data/published from the synthetic inputs (what is shipped)
	rm -rf .demo-raw
	.venv/bin/pazos-dash demo-raw .demo-raw --seed 2020
	.venv/bin/pazos-dash publish .demo-raw --out data/published --date $${PAZOS_DATE:-$$(date +%F)} --changelog data/CHANGELOG.md
	rm -rf .demo-raw
	.venv/bin/python scripts/data_dictionary.py

mutants:  ## apply issue 23's listed one-line mutations to a scratch worktree and check the unit tests kill each
	.venv/bin/python scripts/mutants.py
