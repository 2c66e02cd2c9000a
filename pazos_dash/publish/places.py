"""Places, partners and the SDG alignment: clusters, neighbourhoods and their geometry; partners and
contributions; the editorial SDG table."""

from __future__ import annotations

import pandas as pd

from .schema import COMPONENTS, SECTORS, field
from .sources import PUBLIC_REPORTS
from .output import DEMO_SOURCE, EDITORIAL_SOURCE, SEED_SOURCE, Inputs, Output, _cluster_fk, _status_field


def area_tables(inputs: Inputs) -> list[Output]:
    raw = inputs.raw
    neighbourhoods = raw.table("neighbourhoods")
    clusters = raw.table("clusters").copy()
    clusters["neighbourhoods"] = clusters["cluster_id"].map(neighbourhoods.groupby("cluster_id").size()).fillna(0).astype(int)
    demo = "clusters" in inputs.demo_inputs
    clusters["status"] = "demo" if demo else "reported"
    label = (" (datos de demostración)", " (demonstration data)") if demo else ("", "")
    sources = [SEED_SOURCE, DEMO_SOURCE] if demo else [SEED_SOURCE]
    geometry = raw.resources["cluster_geometry"].geojson
    schematic = any(f["properties"].get("geometry_kind") == "schematic" for f in geometry["features"])
    return [
        Output(
            name="clusters", frame=clusters[["cluster_id", "name", "zone", "neighbourhoods", "residents", "status"]],
            title=("Clústeres PAZOS" + label[0], "PAZOS clusters" + label[1]),
            description=("Los 7 clústeres territoriales de PAZOS (6 urbanos, 1 rural). Totales reales: 118.195 residentes y 42 barrios (documento fundacional)."
                         + (" Su reparto entre clústeres es de demostración, con nombres seudónimos." if demo else ""),
                         "The 7 territorial PAZOS clusters (6 urban, 1 rural). Real totals: 118,195 residents and 42 neighbourhoods (founding document)."
                         + (" Their split across clusters is demonstration data, with pseudonymous names." if demo else "")),
            demo=demo, sources=sources, primary_key=["cluster_id"],
            fields=[field("cluster_id", title="Clúster (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("zone", title="Zona", required=True, enum=["urban", "rural"]),
                    field("neighbourhoods", "integer", title="Barrios", required=True, minimum=0),
                    field("residents", "integer", title="Residentes", required=True, minimum=0), _status_field()]),
        Output(
            name="neighbourhoods", frame=neighbourhoods.assign(status="demo" if demo else "reported"),
            title=("Barrios PAZOS" + label[0], "PAZOS neighbourhoods" + label[1]),
            description=("Los 42 barrios de los clústeres PAZOS, cada uno en un clúster." + (" Nombres seudónimos." if demo else ""),
                         "The 42 neighbourhoods of the PAZOS clusters, each in one cluster." + (" Pseudonymous names." if demo else "")),
            demo=demo, sources=sources, primary_key=["neighbourhood_id"], foreign_keys=_cluster_fk(),
            fields=[field("neighbourhood_id", title="Barrio (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("cluster_id", title="Clúster (código)", required=True), _status_field()]),
        Output(
            name="cluster_geometry", geojson=geometry, frame=None, demo="cluster_geometry" in inputs.demo_inputs,
            title=("Geometría de los clústeres" + (" (esquemática, no a escala)" if schematic else ""),
                   "Cluster geometry" + (" (schematic, not to scale)" if schematic else "")),
            description=("Polígonos de los 7 clústeres. 'geometry_kind' dice si son esquemáticos o levantados. No existe geometría pública de los clústeres.",
                         "Polygons of the 7 clusters. 'geometry_kind' says whether they are schematic or surveyed. No public geometry of the clusters exists."),
            sources=[DEMO_SOURCE] if schematic else [SEED_SOURCE], foreign_keys=_cluster_fk(),
            fields=[field("cluster_id", title="Clúster (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("geometry_kind", title="Tipo de geometría", required=True, enum=["schematic", "surveyed"])]),
        Output(
            name="neighbourhood_geometry", geojson=raw.resources["neighbourhood_geometry"].geojson, frame=None,
            demo="neighbourhood_geometry" in inputs.demo_inputs,
            title=("Geometría de los barrios" + (" (esquemática, no a escala)" if schematic else ""),
                   "Neighbourhood geometry" + (" (schematic, not to scale)" if schematic else "")),
            description=("Polígonos de los 42 barrios, dentro de su clúster. No existe geometría pública de los barrios de PAZOS.",
                         "Polygons of the 42 neighbourhoods, inside their cluster. No public geometry of the PAZOS neighbourhoods exists."),
            sources=[DEMO_SOURCE] if schematic else [SEED_SOURCE],
            foreign_keys=[{"fields": ["neighbourhood_id"], "reference": {"resource": "neighbourhoods", "fields": ["neighbourhood_id"]}}],
            fields=[field("neighbourhood_id", title="Barrio (código)", required=True, unique=True),
                    field("cluster_id", title="Clúster (código)", required=True), field("name", title="Nombre", required=True),
                    field("geometry_kind", title="Tipo de geometría", required=True, enum=["schematic", "surveyed"])]),
    ]


def partner_tables(inputs: Inputs) -> list[Output]:
    raw = inputs.raw
    partners = raw.table("partners")
    contributions = raw.table("contributions")
    demo = "contributions" in inputs.demo_inputs or "partners" in inputs.demo_inputs
    contributions = contributions.assign(cluster_id=contributions["cluster_id"].fillna(""))
    wide = (contributions.pivot_table(index=["year", "partner_id", "component", "cluster_id", "kind"], columns="stage",
                                      values="amount_cop", aggfunc="sum", fill_value=0)
            .reindex(columns=["committed", "executed"], fill_value=0).reset_index())
    wide = wide.rename(columns={"committed": "committed_cop", "executed": "executed_cop"})
    wide["status"] = "demo" if demo else "reported"
    named = pd.read_csv(inputs.editorial / "partners_named.csv")
    label = (" (datos de demostración)", " (demonstration data)") if demo else ("", "")
    sources = [DEMO_SOURCE] if demo else [SEED_SOURCE]
    return [
        Output(
            name="partners", frame=partners.assign(status="demo" if demo else "reported"),
            title=("Aliados que aportan recursos" + label[0], "Partners contributing resources" + label[1]),
            description=("Aliados por sector. " + ("Nombres seudónimos: los montos son de demostración y ninguna organización real aparece junto a un monto inventado." if demo else ""),
                         "Partners by sector. " + ("Pseudonymous names: the amounts are demonstration data and no real organisation stands beside an invented amount." if demo else "")),
            demo=demo, sources=sources, primary_key=["partner_id"],
            fields=[field("partner_id", title="Aliado (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("sector", title="Sector", required=True, enum=list(SECTORS)), _status_field()]),
        Output(
            name="contributions", frame=wide[["year", "partner_id", "component", "cluster_id", "kind", "committed_cop", "executed_cop", "status"]],
            title=("Aportes por año, aliado y componente" + label[0], "Contributions by year, partner and component" + label[1]),
            description=("Recursos comprometidos y ejecutados en pesos colombianos (COP corrientes), en efectivo o en especie, y el clúster donde se invirtieron (vacío = todo el municipio).",
                         "Resources committed and executed in Colombian pesos (current COP), in cash or in kind, and the cluster where they were invested (empty = the whole municipality)."),
            rules=[{"type": "not_greater", "field": "executed_cop", "than": "committed_cop"}],
            demo=demo, sources=sources, primary_key=["year", "partner_id", "component", "cluster_id", "kind"],
            foreign_keys=[{"fields": ["partner_id"], "reference": {"resource": "partners", "fields": ["partner_id"]}},
                          *_cluster_fk()],
            fields=[field("year", "year", title="Año", required=True), field("partner_id", title="Aliado (código)", required=True),
                    field("component", title="Componente", required=True, enum=list(COMPONENTS)),
                    field("cluster_id", title="Clúster donde se invirtió (vacío = todo el municipio)"),
                    field("kind", title="Tipo de aporte", required=True, enum=["cash", "in_kind"]),
                    field("committed_cop", "integer", title="Comprometido (COP)", required=True, minimum=0),
                    field("executed_cop", "integer", title="Ejecutado (COP)", required=True, minimum=0), _status_field()]),
        Output(
            name="partners_named", frame=named,
            title=("Aliados nombrados públicamente y su papel", "Publicly named partners and their role"),
            description=("Organizaciones reales mencionadas en el documento fundacional o en reportes públicos, con su papel. Sin montos.",
                         "Real organisations named in the founding document or in public reports, with their role. No amounts."),
            sources=[SEED_SOURCE, PUBLIC_REPORTS], primary_key=["partner"],
            fields=[field("partner", title="Aliado", required=True, unique=True), field("sector", title="Sector", required=True, enum=list(SECTORS)),
                    field("role_es", title="Papel"), field("role_en", title="Papel (en inglés)"), field("source", title="Fuente")]),
    ]


def sdg_table(inputs: Inputs) -> Output:
    alignment = pd.read_csv(inputs.editorial / "sdg_alignment.csv", dtype={"target": str}, keep_default_na=False)
    # an editorial reading, not a measured figure: status `editorial` on every row
    return Output(
        name="sdg_alignment", frame=alignment.assign(status="editorial"),
        title=("Alineación de los componentes con los ODS", "Alignment of the components with the SDGs"),
        description=("Componente → objetivo → meta de los ODS, con una justificación de una línea. Los objetivos son los que nombra la Alcaldía; las metas son una lectura editorial del equipo del tablero.",
                     "Component → SDG goal → target, with a one-line rationale. The goals are those the Mayor's Office names; the targets are an editorial reading by the dashboard team."),
        sources=[SEED_SOURCE, EDITORIAL_SOURCE], primary_key=["component", "goal", "target"],
        fields=[field("component", title="Componente", required=True, enum=[*COMPONENTS, "all"]),
                field("goal", "integer", title="Objetivo", required=True, enum=[1, 2, 3, 4, 8, 10, 16, 17]),
                field("target", title="Meta"), field("rationale_es", title="Justificación", required=True),
                field("rationale_en", title="Justificación (en inglés)", required=True), _status_field()])


