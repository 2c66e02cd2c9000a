"""Runtime settings: one frozen dataclass, read from environment variables in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from urllib.parse import urlsplit

from .domain import LANGUAGES
CACHE_TYPES = ("simple", "filesystem", "redis")

# The repository root when the package runs from a checkout (editable install or app.py).
_REPO_ROOT = Path(__file__).resolve().parents[1]


class SettingsError(ValueError):
    """An environment variable holds a value the dashboard cannot use."""


def _default_data_dir() -> Path:
    checkout = _REPO_ROOT / "data" / "published"
    return checkout if checkout.is_dir() else Path.cwd() / "data" / "published"


def _default_picture_dir() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "pazos-dash" / "pictures"


def _normalise_base_path(raw: str) -> str:
    """'pazos' or '/pazos' or '/pazos/' -> '/pazos/'; '' or '/' -> '/'."""
    stripped = raw.strip().strip("/")
    return f"/{stripped}/" if stripped else "/"


def split_origin(public_url: str) -> tuple[str, str]:
    """'https://pazos.example.org' -> ('https', 'pazos.example.org'); ValueError for anything
    that is not an http(s) origin (a path other than '/', a query or a fragment)."""
    parts = urlsplit(public_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"expected an origin such as https://pazos.example.org, found {public_url!r}")
    return parts.scheme, parts.netloc.lower()


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    default_lang: str = "es"
    base_path: str = "/"
    cache_type: str = "simple"
    cache_dir: Path = Path("/tmp/pazos-dash-cache")
    cache_timeout: int = 3600
    redis_url: str = "redis://localhost:6379/0"
    debug: bool = False
    host: str = "127.0.0.1"
    port: int = 8050
    # Optional raster tiles under the cluster map, e.g. "https://tiles.example.org/{z}/{x}/{y}.png".
    # Empty (the default) draws the map with no tile server at all.
    basemap_url: str = ""
    # Seconds between checks for a republished package (a stat of datapackage.json, by a
    # background thread in each process; 0 checks every 0.05 s). A new package is validated
    # before it replaces the one being served.
    reload_interval: float = 2.0
    # The site's canonical origin (https://pazos.example.org): every absolute address it writes
    # starts with it, whatever Host a request names (web/origin.py). Empty: the request's host.
    public_url: str = ""
    # Host names the site answers for (others get 400); empty answers any host.
    allowed_hosts: tuple[str, ...] = ()
    # Static pictures of the charts (web/pictures.py): drawn at start-up by headless Chromium and
    # kept in this folder by figure hash, so a restart with the same package draws nothing.
    # PAZOS_PICTURES=0 starts without them (the charts then wait for plotly.js).
    pictures: bool = True
    picture_dir: Path = field(default_factory=lambda: _default_picture_dir())

    def __post_init__(self) -> None:
        if self.default_lang not in LANGUAGES:
            raise SettingsError(
                f"PAZOS_DEFAULT_LANG: expected one of {', '.join(LANGUAGES)}, "
                f"found {self.default_lang!r}"
            )
        if self.cache_type not in CACHE_TYPES:
            raise SettingsError(
                f"PAZOS_CACHE: expected one of {', '.join(CACHE_TYPES)}, found {self.cache_type!r}"
            )
        if self.public_url:
            try:
                split_origin(self.public_url)
            except ValueError as error:
                raise SettingsError(f"PAZOS_PUBLIC_URL: {error}") from None
            object.__setattr__(self, "public_url", self.public_url.strip().rstrip("/"))
        if isinstance(self.allowed_hosts, str):
            object.__setattr__(self, "allowed_hosts", tuple(h.strip() for h in self.allowed_hosts.split(",") if h.strip()))
        object.__setattr__(self, "base_path", _normalise_base_path(self.base_path))
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        """Build settings from PAZOS_* variables; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        text_vars = {
            "PAZOS_DATA_DIR": "data_dir",
            "PAZOS_DEFAULT_LANG": "default_lang",
            "PAZOS_BASE_PATH": "base_path",
            "PAZOS_CACHE": "cache_type",
            "PAZOS_CACHE_DIR": "cache_dir",
            "PAZOS_REDIS_URL": "redis_url",
            "PAZOS_HOST": "host",
            "PAZOS_BASEMAP_URL": "basemap_url",
            "PAZOS_PUBLIC_URL": "public_url",
            "PAZOS_ALLOWED_HOSTS": "allowed_hosts",
            "PAZOS_PICTURE_DIR": "picture_dir",
        }
        for var, name in text_vars.items():
            if env.get(var):
                values[name] = env[var]
        for var, name in {"PAZOS_PORT": "port", "PAZOS_CACHE_TIMEOUT": "cache_timeout"}.items():
            if env.get(var):
                try:
                    values[name] = int(env[var])
                except ValueError:
                    raise SettingsError(
                        f"{var}: expected a whole number, found {env[var]!r}"
                    ) from None
        if env.get("PAZOS_RELOAD_INTERVAL"):
            try:
                values["reload_interval"] = float(env["PAZOS_RELOAD_INTERVAL"])
            except ValueError:
                raise SettingsError(
                    f"PAZOS_RELOAD_INTERVAL: expected a number of seconds, found {env['PAZOS_RELOAD_INTERVAL']!r}"
                ) from None
        if env.get("PAZOS_DEBUG"):
            values["debug"] = env["PAZOS_DEBUG"].strip().lower() in {"1", "true", "yes", "on"}
        if env.get("PAZOS_PICTURES"):
            values["pictures"] = env["PAZOS_PICTURES"].strip().lower() not in {"0", "false", "no", "off"}
        if "picture_dir" in values:
            values["picture_dir"] = Path(str(values["picture_dir"]))
        if "cache_dir" in values:
            values["cache_dir"] = Path(str(values["cache_dir"]))
        return cls(**values)  # type: ignore[arg-type]
