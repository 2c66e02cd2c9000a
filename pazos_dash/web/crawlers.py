"""What search engines read first: `robots.txt` (everything may be crawled; where the sitemap is)
and `sitemap.xml` (every page in both languages, absolute addresses, each page's two languages
paired with `hreflang`, as search engines ask of a multilingual site). Addresses come from
`urls.Urls`, the host from the request (behind a proxy: pass the Host header on)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from flask import Flask, Response, request

from ..runtime import Runtime
from ..urls import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def robots_txt(sitemap_url: str) -> str:
    return ("# PAZOS Palmira: every page may be read and indexed.\n"
            "User-agent: *\n"
            "Allow: /\n"
            "\n"
            f"Sitemap: {sitemap_url}\n")


def sitemap_xml(urls: Urls, host_url: str, last_updated: str | None) -> str:
    """One <url> per page and language; each lists both languages (itself included) and
    x-default (the language served without a prefix)."""
    entries = []
    for page in urls.site_pages():
        links = {lang: urls.absolute(host_url, href) for lang, href in page.items()}
        alternates = [*links.items(), ("x-default", links[urls.default_lang])]
        for address in links.values():
            lines = [f"    <loc>{escape(address)}</loc>"]
            if last_updated:
                lines.append(f"    <lastmod>{escape(str(last_updated))}</lastmod>")
            lines += [f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>' for lang, href in alternates]
            entries.append("  <url>\n" + "\n".join(lines) + "\n  </url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n' + "\n".join(entries) + "\n</urlset>\n")


def register_crawler_files(server: Flask, runtime: Runtime, prefix: str, urls: Urls) -> None:
    @server.get(f"{prefix}robots.txt")
    def robots() -> Response:
        return Response(robots_txt(urls.absolute(request.host_url, urls.route("sitemap.xml"))), mimetype="text/plain")

    @server.get(f"{prefix}sitemap.xml")
    def sitemap() -> Response:
        return Response(sitemap_xml(urls, request.host_url, runtime.package.last_updated), mimetype="application/xml")
