"""The `pazos-dash` command: serve the dashboard, validate a data package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import DataError, load_package
from .settings import Settings, SettingsError


def _validate(args: argparse.Namespace) -> int:
    try:
        package = load_package(args.directory)
    except DataError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"{args.directory}: valid data package, {len(package.resources)} resources, version {package.version}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from . import create_app

    try:
        settings = Settings.from_env()
        if args.port:
            settings = Settings(**{**settings.__dict__, "port": args.port})
        if args.host:
            settings = Settings(**{**settings.__dict__, "host": args.host})
        app = create_app(settings)
    except (DataError, SettingsError) as error:
        print(f"pazos-dash: cannot start.\n{error}", file=sys.stderr)
        return 2
    url = f"http://{settings.host}:{settings.port}{settings.base_path}"
    print(f"PAZOS dashboard: {url}  (Ctrl+C to stop)", flush=True)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pazos-dash", description="PAZOS public dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the dashboard (settings from PAZOS_* variables)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1, or PAZOS_HOST)")
    serve.add_argument("--port", type=int, help="port (default 8050, or PAZOS_PORT)")
    serve.set_defaults(handler=_serve)
    validate = commands.add_parser("validate", help="check a published data package; exit 1 if invalid")
    validate.add_argument("directory", type=Path, help="the folder holding datapackage.json")
    validate.set_defaults(handler=_validate)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
