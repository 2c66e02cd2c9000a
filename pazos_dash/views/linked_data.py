"""The published datasets described for machines: schema.org `Dataset` JSON-LD for each one (in
the data page's <head>, for dataset search engines) and a DCAT catalogue (`/catalog.jsonld`) that
portals such as CKAN (ckanext-dcat) harvest. Both are built from the package's own metadata:
titles, descriptions, licences, sources, publisher, years and places of the rows."""

from __future__ import annotations

import json
from typing import Any

from ..data import DataPackage, Resource
from ..domain import LANGUAGES, PAZOS_END, PAZOS_START, PLACE
from ..urls import Urls
from .citation import package_version, publisher

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def years(resource: Resource) -> tuple[int, int] | None:
    """The first and last year of the rows, for datasets with a `year` field."""
    if "year" not in resource.frame.columns:
        return None
    known = resource.frame["year"].dropna()
    return (int(known.min()), int(known.max())) if len(known) else None


def coverage(resource: Resource) -> tuple[str, str]:
    """The period the rows are about, as ISO dates (first, last), for every dataset: its `year`
    field's range; else the range of its other year fields (an indicator's baseline and target)
    or of its date fields (a revision's release date); else, for what has no time of its own (the
    clusters, the partners, the SDG alignment, the maps), the strategy's years it describes."""
    frame, fields = resource.frame, resource.schema.get("fields", [])
    span = years(resource)
    if span:
        return f"{span[0]}-01-01", f"{span[1]}-12-31"
    year_fields = [f["name"] for f in fields if f.get("type") == "year" and f["name"] in frame.columns]
    known = [int(v) for name in year_fields for v in frame[name].dropna()]
    if known:
        return f"{min(known)}-01-01", f"{max(known)}-12-31"
    date_fields = [f["name"] for f in fields if f.get("type") == "date" and f["name"] in frame.columns]
    dates = sorted(str(v)[:10] for name in date_fields for v in frame[name].dropna())
    if dates:
        return dates[0], dates[-1]
    return f"{PAZOS_START}-01-01", f"{PAZOS_END}-12-31"


def _interval(start: str, end: str) -> str:
    """schema.org's temporalCoverage: whole years as '2003/2024', else the two dates."""
    if start.endswith("-01-01") and end.endswith("-12-31"):
        return f"{start[:4]}/{end[:4]}"
    return f"{start}/{end}"


def places(resource: Resource) -> list[str]:
    """The places the rows are about: the named territories of a `geography` field, else Palmira."""
    if "geography" in resource.frame.columns:
        named = [str(g) for g in dict.fromkeys(resource.frame["geography"].dropna())]
        return [PLACE if g == "Palmira" else f"{g}, Colombia" if g != "Colombia" else g for g in named]
    return [PLACE]


def _licence_urls(resource: Resource, package: DataPackage) -> list[str]:
    return [str(lic["path"]) for lic in (resource.licenses or package.licenses) if lic.get("path")]


def dataset_jsonld(resource: Resource, package: DataPackage, urls: Urls, lang: str, origin: str) -> dict[str, Any]:
    """schema.org Dataset of one published resource, in `lang`."""
    page = Urls.absolute(origin, urls.page("data", lang, fragment=f"catalogue-{resource.name}"))
    who = {"@type": "Organization", "name": publisher(package)}
    licences = _licence_urls(resource, package)
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": page,
        "url": page,
        "identifier": resource.name,
        "name": resource.title[lang],
        "description": resource.description[lang],
        "inLanguage": lang,
        "version": package_version(package),
        "dateModified": resource.last_updated or package.last_updated,
        "isAccessibleForFree": True,
        "license": licences[0] if len(licences) == 1 else licences,
        "creator": who,
        "publisher": who,
        "temporalCoverage": _interval(*coverage(resource)),
        "spatialCoverage": [{"@type": "Place", "name": place} for place in places(resource)],
        "variableMeasured": [f.get("i18n", {}).get(lang, {}).get("title") or f.get("title") or f["name"]
                             for f in resource.schema.get("fields", [])],
        "isBasedOn": [s.get("path") or s.get("i18n", {}).get(lang, {}).get("title") or s.get("title", "") for s in resource.sources],
        "keywords": ["PAZOS", "Palmira", "Valle del Cauca", "Colombia"],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": resource.format == "geojson" and "application/geo+json" or "text/csv",
             "contentUrl": Urls.absolute(origin, urls.data_file(resource.path))},
            {"@type": "DataDownload", "encodingFormat": "application/json",
             "contentUrl": Urls.absolute(origin, urls.api(resource.name, {"lang": lang}))},
        ],
        "includedInDataCatalog": {"@type": "DataCatalog", "name": package.title[lang], "url": Urls.absolute(origin, urls.catalog())},
    }


def _texts(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": values[lang], "@language": lang} for lang in LANGUAGES if values.get(lang)]


def catalog_jsonld(package: DataPackage, urls: Urls, origin: str) -> dict[str, Any]:
    """The DCAT catalogue of the package: every dataset, with its distributions (the file and
    the API), licence, publisher, period and place; and the API as a data service."""
    who = {"@type": "foaf:Organization", "foaf:name": publisher(package)}
    api = {"@id": Urls.absolute(origin, urls.api_root()), "@type": "dcat:DataService",
           "dct:title": "PAZOS Palmira open data API",
           "dcat:endpointURL": {"@id": Urls.absolute(origin, urls.api_root())},
           "dcat:endpointDescription": {"@id": Urls.absolute(origin, urls.openapi())}}
    datasets = []
    for resource in package.resources.values():
        start, end = coverage(resource)
        licences = [{"@id": url} for url in _licence_urls(resource, package)]
        media = "application/geo+json" if resource.format == "geojson" else "text/csv"
        datasets.append({
            "@id": Urls.absolute(origin, urls.page("data", urls.default_lang, fragment=f"catalogue-{resource.name}")),
            "@type": "dcat:Dataset",
            "dct:identifier": resource.name,
            "dct:title": _texts(resource.title),
            "dct:description": _texts(resource.description),
            "dct:publisher": who,
            "dct:license": licences,
            "dct:modified": {"@value": resource.last_updated or package.last_updated, "@type": "xsd:date"},
            "dct:spatial": [{"@type": "dct:Location", "rdfs:label": place} for place in places(resource)],
            "dct:temporal": {"@type": "dct:PeriodOfTime",
                             "dcat:startDate": {"@value": start, "@type": "xsd:date"},
                             "dcat:endDate": {"@value": end, "@type": "xsd:date"}},
            "dct:source": [s.get("path") or s.get("title", "") for s in resource.sources],
            "dcat:keyword": ["PAZOS", "Palmira"] + (["demostración", "demonstration"] if resource.demo else []),
            "dcat:landingPage": {"@id": Urls.absolute(origin, urls.page("data", urls.default_lang, fragment=f"catalogue-{resource.name}"))},
            "dcat:distribution": [
                {"@type": "dcat:Distribution", "dct:title": resource.path, "dct:format": resource.format.upper(),
                 "dcat:accessURL": {"@id": Urls.absolute(origin, urls.data_file(resource.path))},  # DCAT: every distribution has one
                 "dcat:downloadURL": {"@id": Urls.absolute(origin, urls.data_file(resource.path))},
                 "dcat:mediaType": {"@id": MEDIA_TYPES + media}, "dct:license": licences},
                {"@type": "dcat:Distribution", "dct:title": f"API: {resource.name}", "dct:format": "JSON",
                 "dcat:accessURL": {"@id": Urls.absolute(origin, urls.api(resource.name))},
                 "dcat:mediaType": {"@id": MEDIA_TYPES + "application/json"}, "dct:license": licences,
                 "dcat:accessService": {"@id": api["@id"]}},
            ],
        })
    return {
        "@context": DCAT_CONTEXT,
        "@id": Urls.absolute(origin, urls.catalog()),
        "@type": "dcat:Catalog",
        "dct:title": _texts(package.title),
        "dct:description": _texts({lang: str(package.descriptor.get("i18n", {}).get(lang, {}).get("description") or package.descriptor.get("description", ""))
                                   for lang in LANGUAGES}),
        "dct:publisher": who,
        "dct:license": [{"@id": str(lic["path"])} for lic in package.licenses if lic.get("path")],
        "dct:modified": {"@value": package.last_updated, "@type": "xsd:date"},
        "owl:versionInfo": package_version(package),
        "foaf:homepage": {"@id": Urls.absolute(origin, urls.page("overview", urls.default_lang))},
        "dcat:service": [api],
        "dcat:dataset": datasets,
    }


def script_tags(documents: list[dict[str, Any]]) -> str:
    """JSON-LD blocks for an HTML <head> (data, never run: no Content-Security-Policy hash)."""
    return "\n".join('<script type="application/ld+json">' + json.dumps(doc, ensure_ascii=False).replace("</", "<\\/") + "</script>"
                     for doc in documents)
