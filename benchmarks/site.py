"""Time and size of the site build against a plain Material build of flat pages.

Builds, in one run:

1. the site of a synthetic repository of 2,000 units (benchmarks/synthetic.py)
   with the project's mkdocs.yml and the progressions plugin: levels and
   progressions in the navigation, units reached through them;
2. a plain Material build of the same 2,000 unit pages (the same Markdown text),
   flat in one folder with the default navigation, which lists every page.

Then prints each build's time and output size and the two ratios. With
``--repeat N`` the two builds take turns N times and the median times count.

    python benchmarks/site.py [--units 2000] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

import progressions
from progressions.site.pages import generate

PROJECT = Path(__file__).resolve().parent.parent

PLAIN_CONFIG = """\
site_name: Plain
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - tables
  - toc:
      toc_depth: 2
  - pymdownx.superfences
"""


def folder_size(folder: Path) -> int:
    """Return the total size in bytes of the files under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def build(config: Path, site: Path) -> float:
    """Run ``mkdocs build`` in a fresh process and return the seconds it took."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config),
                    "-d", str(site)], check=True, env=environment)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000, help="number of units")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each site this many times, taking turns")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="site-benchmark-"))
    try:
        repository_root = work / "repository"
        shutil.rmtree(repository_root, ignore_errors=True)
        synthetic.generate(repository_root, units=args.units,
                           competencies=max(1, args.units // 5))
        shutil.copy(PROJECT / "mkdocs.yml", repository_root / "mkdocs.yml")
        shutil.copytree(PROJECT / "overrides", repository_root / "overrides")
        (repository_root / "docs").mkdir(exist_ok=True)

        # The same unit pages, flat, for the plain build.
        plain_root = work / "plain"
        shutil.rmtree(plain_root, ignore_errors=True)
        (plain_root / "docs").mkdir(parents=True)
        pages = [page for page in generate(progressions.load(repository_root))
                 if page.path.startswith("units/")]
        (plain_root / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
        for page in pages:
            name = page.path.removeprefix("units/")
            (plain_root / "docs" / name).write_text(page.text, encoding="utf-8")
        (plain_root / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")

        ours_times, plain_times = [], []
        for _ in range(max(1, args.repeat)):
            ours_times.append(build(repository_root / "mkdocs.yml", work / "site-ours"))
            plain_times.append(build(plain_root / "mkdocs.yml", work / "site-plain"))
        ours_time = statistics.median(ours_times)
        plain_time = statistics.median(plain_times)
        ours_size = folder_size(work / "site-ours")
        plain_size = folder_size(work / "site-plain")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    megabyte = 1024 * 1024
    print(f"units: {len(pages)}; runs: {len(ours_times)} (median times)")
    print(f"site build:  {ours_time:7.1f} s  {ours_size / megabyte:8.1f} MiB")
    print(f"plain build: {plain_time:7.1f} s  {plain_size / megabyte:8.1f} MiB")
    print(f"ratio: time {ours_time / plain_time:.3f}x  bytes {ours_size / plain_size:.3f}x"
          "  (goal: at most 0.25x and 0.10x)")


if __name__ == "__main__":
    main()
