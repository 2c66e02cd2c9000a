"""The one-line mutations issue 23 listed, each applied to a scratch checkout of HEAD (a git
worktree in a temporary folder, removed after) and run against the unit tests that should kill
it: prints KILLED or SURVIVED per mutation, and exits 1 if one survived.

    .venv/bin/python scripts/mutants.py
"""
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
MUTANTS = [
    ("'all demo' when a real source is cited", "pazos_dash/charts/provenance.py",
     "if demo_rows >= rows and all(name == DEMO_SOURCE for name in sources):", "if demo_rows >= rows:",
     ["tests/unit/test_invented.py", "tests/unit/test_mixed_package.py"]),
    ("the takeaway's invented-values sentence says 'all' for 'some'", "pazos_dash/charts/provenance.py",
     '"takeaway": {SOME_INVENTED: "demo.takeaway_some"', '"takeaway": {SOME_INVENTED: "demo.takeaway_all"',
     ["tests/unit/test_invented.py", "tests/unit/test_mixed_package.py"]),
    ("the KPI change divided by the wrong rate", "pazos_dash/charts/narrative.py",
     '(float(latest["rate_per_100k"]) - pre) / pre * 100', '(float(latest["rate_per_100k"]) - pre) / float(latest["rate_per_100k"]) * 100',
     ["tests/unit/test_homicide_views.py", "tests/unit/test_independent_oracles.py"]),
    ("4.5 accepted as an integer", "pazos_dash/data/package.py",
     "(numbers.isna() | ~digits | (numbers % 1 != 0) |", "(numbers.isna() |",
     ["tests/unit/test_corrupted_packages.py"]),
    ("the k fallback", "pazos_dash/charts/provenance.py",
     'k=frame.attrs.get("k", min(thresholds) if thresholds else None)', 'k=frame.attrs.get("k", None)',
     ["tests/unit/test_independent_oracles.py", "tests/unit/test_mixed_package.py"]),
]


def run(repo: pathlib.Path) -> int:
    survived = 0
    for name, path, old, new, tests in MUTANTS:
        file = repo / path
        text = file.read_text()
        assert old in text, (name, old)
        file.write_text(text.replace(old, new, 1))
        try:
            done = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pytest", "-q", "-x", "-n", "0", "-p", "no:cacheprovider", *tests],
                                  cwd=repo, env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
            last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
            print(f"{'KILLED ' if done.returncode == 1 else 'SURVIVED' if done.returncode == 0 else 'ERROR  '} {name}: {last}", flush=True)
            survived += done.returncode == 0
        finally:
            file.write_text(text)
    return survived


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        scratch = pathlib.Path(folder) / "mutants"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(scratch), "HEAD"], cwd=ROOT, check=True)
        try:
            sys.exit(1 if run(scratch) else 0)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(scratch)], cwd=ROOT, check=False)
