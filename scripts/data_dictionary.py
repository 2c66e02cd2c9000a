"""Rewrite the data dictionary at the end of docs/data.md from data/published/datapackage.json.

Run after a publish that changes resources or fields: `.venv/bin/python scripts/data_dictionary.py`.
Everything above the dictionary's first resource heading is kept as written.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pazos_dash.views.dictionary import describe, values_text  # noqa: E402  (the data page's descriptions and values)
MARKER = "## Data dictionary"
sys.path.insert(0, str(ROOT))  # this checkout's vocabulary, not an installed copy's
from pazos_dash.domain import OFFICIAL_STATUSES, STATUSES  # noqa: E402


def statuses() -> str:
    """The one status vocabulary (pazos_dash.domain.STATUSES), in both languages."""
    out = ["### Statuses (`status`, `baseline_status`, `target_status`)", "",
           "Every status column takes its values from this list, whatever a schema declares; a row citing an official "
           f"publisher carries one of {', '.join(f'`{s}`' for s in OFFICIAL_STATUSES)}.", "",
           "| Status | Meaning (en) | Significado (es) |", "| --- | --- | --- |"]
    out += [f"| `{code}` | {en} | {es} |" for code, (es, en) in STATUSES.items()]
    return "\n".join(out) + "\n\n"


def dictionary(descriptor: dict) -> str:
    out = []
    for r in descriptor["resources"]:
        demo = " — **demonstration data**" if r.get("demo") else ""
        out += [f"### `{r['name']}` (`{r['path']}`){demo}", "", r["i18n"]["en"]["description"], ""]
        if "disclosure" in r:
            d = r["disclosure"]
            margins = ", ".join("(" + " × ".join(m) + ")" if m else "total" for m in d["margins"])
            line = (f"Disclosure control: k = {d['k']}, source `{d['source']}`, one family per {', '.join(d['group'])}; "
                    f"published margins: {margins}.")
            for dim, groups in d.get("derived", {}).items():
                for name, parts in groups.items():
                    line += f" Never computable into [1, k−1]: {dim} {name} = {' + '.join(parts)} (the total minus the rest)."
            if "enrolments_of" in d:
                link = d["enrolments_of"]
                line += (f" Counts enrolments of the people in `{link['resource']}`: attacked together with it, knowing that per "
                         f"{', '.join(link['on'])} each {link['per']}'s enrolments ≤ people ≤ all enrolments.")
            out += [line, ""]
        out += ["| Field | Type | Constraints | Title (en) | Title (es) | Description (en) | Description (es) | Values (en) | Values (es) |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            parts = [p for p, on in (("required", c.get("required")), ("unique", c.get("unique"))) if on]
            parts += [f"≥ {c['minimum']}"] if "minimum" in c else []
            parts += [f"≤ {c['maximum']}"] if "maximum" in c else []
            parts += [f"matches `{c['pattern']}`"] if "pattern" in c else []
            english = f.get("i18n", {}).get("en", {}).get("title", "")
            cells = [describe(f, "en"), describe(f, "es"), values_text(f, "en"), values_text(f, "es")]
            cells = [cell.replace("|", "\\|") for cell in cells]
            out.append(f"| `{f['name']}` | {f['type']} | {'; '.join(parts)} | {english} | {f.get('title', '')} | " + " | ".join(cells) + " |")
        keys = []
        if r["schema"].get("primaryKey"):
            keys.append("Primary key: " + ", ".join(f"`{p}`" for p in r["schema"]["primaryKey"]) + ".")
        if r["schema"].get("foreignKeys"):
            keys.append("Foreign keys: " + "; ".join(f"`{', '.join(x['fields'])}` → `{x['reference']['resource']}`"
                                                     for x in r["schema"]["foreignKeys"]) + ".")
        for rule in r.get("rules", []):
            if rule["type"] == "ratio":
                keys.append(f"Checked on load: `{rule['field']}` = `{rule['numerator']}` ÷ `{rule['denominator']}` × {rule['scale']:,}, "
                            f"rounded to {rule['decimals']} decimals.")
        out += (["", " ".join(keys)] if keys else []) + [""]
    return "\n".join(out)


def main() -> None:
    doc = ROOT / "docs" / "data.md"
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(MARKER)
    intro = rest.split("\n### ", 1)[0]
    descriptor = json.loads((ROOT / "data" / "published" / "datapackage.json").read_text(encoding="utf-8"))
    doc.write_text(head + MARKER + intro.rstrip() + "\n\n" + statuses() + dictionary(descriptor), encoding="utf-8")


if __name__ == "__main__":
    main()
