"""`pazos-dash demo-raw OUT --seed N`: synthetic record-level inputs for the publish step.

The victims reproduce, year by year, the real police counts by month, sex, age group and weapon
(so tables built from them equal public figures); only their neighbourhood is invented. Young
people, partners, contributions, clusters and geometry are wholly invented and flagged as such.
Names are pseudonyms: no real place or organisation stands beside an invented number.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .schema import COMPONENTS, UNKNOWN, YOUTH_AGE

# Real totals from the founding document; the split across clusters is invented.
CLUSTERS = (("C1", "urban", 8, 21480), ("C2", "urban", 7, 19870), ("C3", "urban", 6, 17655),
            ("C4", "urban", 6, 16940), ("C5", "urban", 5, 14210), ("C6", "urban", 6, 17330),
            ("C7", "rural", 4, 10710))
# Invented unique young people served per year; 2021 is above the "more than 3,000" reported.
YOUTH_PER_YEAR = {2020: 1850, 2021: 3150, 2022: 3400, 2023: 3600}
COMPONENT_WEIGHTS = (0.12, 0.2, 0.45, 0.15, 0.08)
SHARE_OF_HOMICIDES_IN_CLUSTERS = 0.5  # "about half of homicides occurred in 22 neighbourhoods"
PARTNERS = (
    ("P01", "Secretaría municipal A", "public"), ("P02", "Secretaría municipal B", "public"),
    ("P03", "Secretaría municipal C", "public"), ("P04", "Empresa aliada A", "private"),
    ("P05", "Empresa aliada B", "private"), ("P06", "Aliado internacional A", "international_cooperation"),
    ("P07", "Aliado internacional B", "international_cooperation"), ("P08", "Fundación aliada A", "foundation"),
    ("P09", "Fundación aliada B", "foundation"), ("P10", "Universidad aliada A", "academia"),
)
_SEX = {"FEMENINO": "female", "MASCULINO": "male"}
_AGE = {"MENORES": "0-12", "ADOLESCENTES": "13-17", "ADULTOS": "18+"}
_WEAPON = {"ARMA DE FUEGO": "firearm", "ARMA BLANCA / CORTOPUNZANTE": "knife", "CORTANTES": "knife"}


def _expand(counts: dict[str, int], rng: np.random.Generator) -> list[str]:
    values = [code for code, n in counts.items() for _ in range(int(n))]
    rng.shuffle(values)
    return values


def _neighbourhoods() -> pd.DataFrame:
    rows = []
    for cluster_id, _, count, _ in CLUSTERS:
        n = int(cluster_id[1:])
        rows += [{"neighbourhood_id": f"B{n}-{j:02d}", "name": f"Barrio {n}-{j:02d}", "cluster_id": cluster_id}
                 for j in range(1, count + 1)]
    return pd.DataFrame(rows)


def victims(reference: Path, rng: np.random.Generator, scale: int = 1) -> pd.DataFrame:
    """One row per victim, year by year matching the police margins (times `scale`)."""
    monthly = pd.read_csv(reference / "palmira_homicides_police_monthly_2003_2024.csv")
    breakdowns = pd.read_csv(reference / "palmira_homicides_police_breakdowns_2011_2024.csv")
    neighbourhoods = _neighbourhoods()
    weights = neighbourhoods["cluster_id"].map({c[0]: c[3] for c in CLUSTERS}).astype(float)
    weights /= weights.sum()
    rows = []
    for year, months in monthly.groupby("year"):
        month_list = _expand({str(m): n * scale for m, n in zip(months["month"], months["homicides"])}, rng)
        total = len(month_list)
        margins = {}
        for dimension, mapping in (("sex", _SEX), ("age_group", _AGE), ("weapon", _WEAPON)):
            cells = breakdowns[(breakdowns["year"] == year) & (breakdowns["dimension"] == dimension)]
            if cells.empty:
                margins[dimension] = [UNKNOWN] * total
                continue
            counts: dict[str, int] = {}
            for category, n in zip(cells["category"], cells["homicides"]):
                code = mapping.get(category, "other")
                counts[code] = counts.get(code, 0) + int(n) * scale
            margins[dimension] = _expand(counts, rng)
            assert len(margins[dimension]) == total, (year, dimension)
        in_cluster = rng.random(total) < SHARE_OF_HOMICIDES_IN_CLUSTERS
        places = rng.choice(neighbourhoods["neighbourhood_id"], size=total, p=weights)
        for i in range(total):
            month = int(month_list[i])
            day = int(rng.integers(1, 29))
            rows.append({
                "victim_id": f"V{year}-{i + 1:05d}",
                "date": f"{year}-{month:02d}-{day:02d}",
                "neighbourhood_id": places[i] if in_cluster[i] else "",
                "sex": margins["sex"][i], "age_group": margins["age_group"][i], "weapon": margins["weapon"][i],
            })
    return pd.DataFrame(rows).sort_values(["date", "victim_id"]).reset_index(drop=True)


def enrolments(rng: np.random.Generator, scale: int = 1) -> pd.DataFrame:
    """One row per enrolment: a young person in one component in one year (1 to 3 components)."""
    neighbourhoods = _neighbourhoods()
    weights = neighbourhoods["cluster_id"].map({c[0]: c[3] for c in CLUSTERS}).astype(float)
    weights /= weights.sum()
    rows = []
    for year, people in YOUTH_PER_YEAR.items():
        people *= scale
        places = rng.choice(neighbourhoods["neighbourhood_id"], size=people, p=weights)
        sexes = rng.choice(["female", "male"], size=people, p=[0.42, 0.58])
        ages = rng.choice(list(YOUTH_AGE), size=people, p=[0.2, 0.5, 0.3])
        n_components = rng.choice([1, 2, 3], size=people, p=[0.7, 0.22, 0.08])
        for i in range(people):
            chosen = rng.choice(COMPONENTS, size=n_components[i], replace=False, p=COMPONENT_WEIGHTS)
            for component in sorted(chosen):
                rows.append({
                    "enrolment_id": f"E{year}-{len(rows) + 1:06d}", "person_id": f"J{year}-{i + 1:05d}",
                    "year": year, "component": component, "neighbourhood_id": places[i],
                    "sex": sexes[i], "age_group": ages[i],
                })
    return pd.DataFrame(rows)


def contributions(rng: np.random.Generator) -> pd.DataFrame:
    """Agreements per year, partner, component and cluster where they were invested (empty =
    the whole municipality): committed, and executed (never above committed)."""
    clusters = [c[0] for c in CLUSTERS]
    rows = []
    for year in YOUTH_PER_YEAR:
        for partner_id, _, sector in PARTNERS:
            components = rng.choice(COMPONENTS, size=int(rng.integers(1, 4)), replace=False)
            for component in sorted(components):
                base = {"public": 900, "private": 250, "international_cooperation": 400,
                        "foundation": 120, "academia": 60}[sector]
                committed = int(rng.gamma(4, base / 4)) * 1_000_000
                executed = int(committed * rng.uniform(0.6, 1.0) / 1_000_000) * 1_000_000
                kind = "cash" if sector in ("public", "international_cooperation") or rng.random() < 0.5 else "in_kind"
                cluster = str(rng.choice(clusters)) if rng.random() < 0.8 else ""
                for stage, amount in (("committed", committed), ("executed", executed)):
                    rows.append({"contribution_id": f"A{year}-{len(rows) + 1:04d}", "year": year,
                                 "partner_id": partner_id, "component": component, "cluster_id": cluster, "kind": kind,
                                 "stage": stage, "amount_cop": amount})
    return pd.DataFrame(rows)


def _square(x0: float, y0: float, width: float, height: float) -> list:
    ring = [[x0, y0], [x0 + width, y0], [x0 + width, y0 - height], [x0, y0 - height], [x0, y0]]
    return [[[round(x, 5), round(y, 5)] for x, y in ring]]


def _cluster_boxes() -> dict[str, tuple[float, float, float]]:
    """Seven squares, not to scale: six urban in a 2x3 grid, the rural one apart to the west."""
    centre_lon, centre_lat, size = -76.30, 3.53, 0.012
    boxes = {}
    for index, (cluster_id, zone, _, _) in enumerate(CLUSTERS):
        if zone == "rural":
            boxes[cluster_id] = (centre_lon - 0.045, centre_lat + 0.006, size * 1.6)
        else:
            boxes[cluster_id] = (centre_lon + (index % 3) * (size + 0.002), centre_lat - (index // 3) * (size + 0.002), size)
    return boxes


def schematic_geometry() -> dict:
    features = [
        {"type": "Feature",
         "properties": {"cluster_id": cluster_id, "name": f"Clúster {cluster_id[1:]}", "geometry_kind": "schematic"},
         "geometry": {"type": "Polygon", "coordinates": _square(x0, y0, side, side)}}
        for cluster_id, (x0, y0, side) in _cluster_boxes().items()
    ]
    return {"type": "FeatureCollection", "features": features}


def schematic_neighbourhoods() -> dict:
    """Each cluster's square cut into a grid, one cell per neighbourhood (schematic too)."""
    boxes = _cluster_boxes()
    features = []
    for cluster_id, group in _neighbourhoods().groupby("cluster_id", sort=False):
        x0, y0, side = boxes[cluster_id]
        columns = 2 if len(group) <= 4 else (3 if len(group) <= 6 else 4)
        rows = -(-len(group) // columns)
        width, height = side / columns, side / rows
        for position, row in enumerate(group.itertuples()):
            column, line = position % columns, position // columns
            features.append({
                "type": "Feature",
                "properties": {"neighbourhood_id": row.neighbourhood_id, "cluster_id": cluster_id, "name": row.name,
                               "geometry_kind": "schematic"},
                "geometry": {"type": "Polygon", "coordinates": _square(x0 + column * width, y0 - line * height, width, height)},
            })
    return {"type": "FeatureCollection", "features": features}


def write_demo_raw(out: Path, reference: Path, seed: int = 2020, scale: int = 1) -> None:
    """Write every synthetic input to `out` (created if needed), reproducibly for a seed."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    clusters = pd.DataFrame([{"cluster_id": c, "name": f"Clúster {c[1:]}", "zone": z, "residents": r}
                             for c, z, _, r in CLUSTERS])
    tables = {
        "clusters": clusters,
        "neighbourhoods": _neighbourhoods(),
        "victims": victims(reference, rng, scale),
        "enrolments": enrolments(rng, scale),
        "partners": pd.DataFrame(PARTNERS, columns=["partner_id", "name", "sector"]),
        "contributions": contributions(rng),
    }
    for name, frame in tables.items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    for name, geometry in (("cluster_geometry", schematic_geometry()), ("neighbourhood_geometry", schematic_neighbourhoods())):
        (out / f"{name}.geojson").write_text(json.dumps(geometry, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    manifest = {
        "generator": f"pazos-dash demo-raw --seed {seed} --scale {scale}",
        "demo_inputs": ["clusters", "neighbourhoods", "enrolments", "partners", "contributions", "cluster_geometry",
                        "neighbourhood_geometry"],
        # At scale 1 the records reproduce the Police's published margins (only the place is invented);
        # scaled, every victim count is invented and no table may carry the Police's name.
        "demo_fields": {"victims": ["neighbourhood_id"] if scale == 1 else ["*"]},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
