"""Settings come from the environment with clear errors; both languages say everything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pazos_dash.i18n import catalogue, fmt_date, fmt_number
from pazos_dash.settings import Settings, SettingsError

PACKAGE = Path(__file__).resolve().parents[2] / "pazos_dash"


def test_settings_read_from_environment():
    settings = Settings.from_env(
        {"PAZOS_DATA_DIR": "/srv/data", "PAZOS_DEFAULT_LANG": "en", "PAZOS_BASE_PATH": "pazos",
         "PAZOS_CACHE": "redis", "PAZOS_REDIS_URL": "redis://cache:6379/1", "PAZOS_PORT": "9000"}
    )
    assert settings.data_dir == Path("/srv/data")
    assert settings.default_lang == "en"
    assert settings.base_path == "/pazos/"
    assert settings.cache_type == "redis" and settings.redis_url == "redis://cache:6379/1"
    assert settings.port == 9000
    assert settings.debug is False


def test_defaults_are_the_embedded_ones():
    settings = Settings.from_env({})
    assert (settings.cache_type, settings.default_lang, settings.base_path) == ("simple", "es", "/")
    assert (settings.data_dir / "datapackage.json").is_file()


@pytest.mark.parametrize(
    "environ, variable",
    [({"PAZOS_DEFAULT_LANG": "fr"}, "PAZOS_DEFAULT_LANG"), ({"PAZOS_CACHE": "memcached"}, "PAZOS_CACHE"),
     ({"PAZOS_PORT": "eighty"}, "PAZOS_PORT")],
)
def test_bad_setting_names_the_variable(environ, variable):
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(environ)


def test_both_catalogues_have_the_same_keys_and_no_empty_text():
    spanish, english = catalogue("es"), catalogue("en")
    assert spanish.keys() == english.keys()
    assert all(text.strip() for text in [*spanish.values(), *english.values()])


def test_every_literal_key_in_the_code_exists():
    used = set()
    for source in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", source.read_text(encoding="utf-8")))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - catalogue("es").keys()) == []


def test_numbers_and_dates_follow_the_language():
    assert fmt_number(1234.5, "es", 1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_number(float("nan"), "es") == ""
    assert fmt_number(None, "en") == ""
    assert fmt_date("2026-11-24", "es") == "24 de noviembre de 2026"
    assert fmt_date("2026-11-24", "en") == "24 November 2026"
