"""The site's canonical origin: every absolute address it writes (pages' link-preview tags,
the sitemap and robots.txt, the Atom feed and its ids, the DCAT catalogue, the API's and the
downloads' metadata and Link headers, embed code) starts with `PAZOS_PUBLIC_URL`, never with the
Host header a client sent: an Atom id must never change (RFC 4287), and a shared cache in front
must not store a page pointing at a host someone made up.

A WSGI middleware, outermost: with `PAZOS_PUBLIC_URL` set, each request's Host and scheme are
replaced by the public URL's before Flask or Dash see them, so every `request.host_url` (ours and
Dash's own, e.g. its `og:image`) is the canonical one. With `PAZOS_ALLOWED_HOSTS` set, a request
for any other host is refused with 400 (plain text that does not repeat the host); the public
URL's host and `localhost` are always allowed, and `/healthz` answers any host, for load balancers that probe by address. Without `PAZOS_PUBLIC_URL` (a
development machine) addresses follow the request, as before.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ..settings import split_origin

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def host_name(host: str) -> str:
    """A Host header without its port, lower case ('[::1]:80' -> '[::1]')."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class CanonicalOrigin:
    def __init__(self, app: WSGIApp, public_url: str = "", allowed_hosts: Iterable[str] = (), health_path: str = "/healthz"):
        self.app = app
        self.origin = split_origin(public_url) if public_url else None
        self.allowed = {host_name(host) for host in allowed_hosts if host.strip()}
        if self.allowed:  # the public URL's own host, and the app's requests to itself (its warm-up)
            self.allowed |= {"localhost"} | ({host_name(self.origin[1])} if self.origin else set())
        self.health_path = health_path

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.allowed and environ.get("PATH_INFO") != self.health_path:
            host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
            if host_name(host) not in self.allowed:
                body = b"400 Bad Request: this site does not answer for that host\n"
                start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                                   ("Content-Length", str(len(body)))])
                return [body]
        if self.origin:
            scheme, netloc = self.origin
            environ["wsgi.url_scheme"] = scheme
            environ["HTTP_HOST"] = netloc
            for forwarded in ("HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO", "HTTP_FORWARDED"):
                environ.pop(forwarded, None)
        return self.app(environ, start_response)
