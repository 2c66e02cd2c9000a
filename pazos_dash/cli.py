"""The `pazos-dash` command: serve the dashboard, validate a data package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import DataError
from .settings import Settings, SettingsError

_DATA = Path(__file__).resolve().parents[1] / "data"


def _validate(args: argparse.Namespace) -> int:
    """Everything the app would refuse: structure, integrity, types, rules (the code's own too),
    geometry, the disclosure audit (a small count published, a hidden one narrowed below k, k
    below its floor, a suppressed cell that keeps its value), and provenance (statuses against
    sources; every row citing the Police against the official tables in --reference)."""
    from .publish.audit import load_audited

    try:
        package = load_audited(args.directory, args.reference)
    except DataError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"{args.directory}: valid data package, {len(package.resources)} resources, version {package.version}")
    return 0


def quiet_server_log() -> None:
    """Every request is logged once, by the app's access log (web/observability.py, JSON without
    IPs): the development server's own line per request (werkzeug's) is silenced; its warnings
    and errors still show."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)


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
    quiet_server_log()
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


def _publish(args: argparse.Namespace) -> int:
    from .publish import publish
    from .publish.disclosure import DisclosureError
    from .publish.other_counts import ReferenceRowError
    from .publish.revisions import RevisionError

    try:
        package = publish(args.raw_dir, args.out, reference=args.reference, editorial=args.editorial,
                          k=args.k, k_youth=args.k_youth, last_updated=args.date, reason=args.reason or "",
                          reason_en=args.reason_en or "", changelog=args.changelog, next_update=args.next_update)
    except (RevisionError, ReferenceRowError) as error:
        print(f"pazos-dash publish: nothing was published; {args.out} is unchanged.\n{error}", file=sys.stderr)
        return 1
    except DataError as error:
        print(f"pazos-dash publish: nothing was published; {args.out} is unchanged.\n{error}", file=sys.stderr)
        return 1
    except DisclosureError as error:
        print(f"pazos-dash publish: nothing was published; {args.out} is unchanged.\n{error}", file=sys.stderr)
        return 1
    suppressed = sum(int(r.frame["suppressed"].sum()) for r in package.resources.values() if "suppressed" in r.frame)
    release = package.descriptor.get("releases", [{}])[-1]
    print(f"Published {len(package.resources)} resources to {args.out} (release {package.release}, "
          f"{release.get('revisions', 0)} revised values); {suppressed} cells suppressed (k={args.k}, youth k={args.k_youth}).")
    return 0


def _demo_raw(args: argparse.Namespace) -> int:
    from .publish.demo_raw import write_demo_raw

    write_demo_raw(args.out_dir, args.reference, seed=args.seed, scale=args.scale)
    print(f"Wrote synthetic record-level inputs to {args.out_dir} (seed {args.seed}, scale {args.scale}).")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, found {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pazos-dash", description="PAZOS public dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the dashboard (settings from PAZOS_* variables)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1, or PAZOS_HOST)")
    serve.add_argument("--port", type=int, help="port (default 8050, or PAZOS_PORT)")
    serve.set_defaults(handler=_serve)
    validate = commands.add_parser("validate", help="check a published data package; exit 1 if invalid")
    validate.add_argument("directory", type=Path, help="the folder holding datapackage.json")
    validate.add_argument("--reference", type=Path, default=_DATA / "reference",
                          help="the official tables rows citing the Police are checked against (default data/reference)")
    validate.set_defaults(handler=_validate)
    publish = commands.add_parser("publish", help="build data/published from private records, with disclosure control")
    publish.add_argument("raw_dir", type=Path, help="folder of record-level inputs (see docs/data.md)")
    publish.add_argument("--out", type=Path, default=Path("data/published"), help="package folder to replace")
    publish.add_argument("--reference", type=Path, default=_DATA / "reference", help="public reference figures")
    publish.add_argument("--editorial", type=Path, default=_DATA / "editorial", help="SDG alignment, indicators, named partners")
    publish.add_argument("--k", type=_positive, default=5, help="threshold for homicide tables (default 5)")
    publish.add_argument("--k-youth", type=_positive, default=10, help="threshold for young people's tables (default 10)")
    publish.add_argument("--date", help="last-updated date to stamp, YYYY-MM-DD (default today)")
    publish.add_argument("--reason", help="why published values changed since the last release (Spanish; required when some did)")
    publish.add_argument("--reason-en", help="the same reason in English (optional)")
    publish.add_argument("--changelog", type=Path,
                         help="a Markdown file whose section '## YYYY-MM-DD' (this release's date) gives the reason; a line 'en: …' gives the English")
    publish.add_argument("--next-update", help="date of the next planned release, YYYY-MM-DD (default: three months on)")
    publish.set_defaults(handler=_publish)
    demo = commands.add_parser("demo-raw", help="write synthetic record-level inputs for publish")
    demo.add_argument("out_dir", type=Path)
    demo.add_argument("--seed", type=int, default=2020)
    demo.add_argument("--scale", type=_positive, default=1, help="multiply record volume (benchmarks)")
    demo.add_argument("--reference", type=Path, default=_DATA / "reference")
    demo.set_defaults(handler=_demo_raw)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
