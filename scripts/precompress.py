"""Write `<file>.br` (Brotli, quality 11) beside every script and stylesheet in assets/.

The app sends these to browsers that accept Brotli (pazos_dash/shell/static.py): about 20 % smaller than
what compressing on the fly can afford. Run after changing an asset (`make plotly` does);
a unit test fails if a `.br` no longer matches its file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import brotli

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def main() -> int:
    for source in sorted(ASSETS.glob("*")):
        if source.suffix not in (".js", ".css") or source.stat().st_size < 1024:
            continue
        target = source.with_name(source.name + ".br")
        data = brotli.compress(source.read_bytes(), quality=11)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        print(f"{target.name}: {source.stat().st_size // 1024} KB -> {len(data) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
