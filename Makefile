# The README's commands, by name. Each target works on a fresh clone.
.PHONY: run test validate

run:  ## install and start the dashboard on its embedded defaults
	sh scripts/run.sh

test:  ## install test dependencies (Chromium included) and run the whole suite
	sh scripts/test.sh

validate:  ## check the published data package
	.venv/bin/pazos-dash validate data/published
