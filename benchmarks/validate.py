"""Measure `progressions validate` on a large synthetic repository.

Prints, from one run on one machine, the time of `progressions validate` as a
ratio to (a) a bare parse of the same files with yaml.CSafeLoader and (b)
check-jsonschema on the unit files alone, plus the validator's peak memory.
Each command runs in its own process, so interpreter start-up counts on every
side.

    python benchmarks/validate.py [--units 10000] [--competencies 2000] [--repeat 3]

check-jsonschema is measured only when its command is on PATH
(`pip install check-jsonschema`).
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

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import generate

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

BARE_PARSE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = sorted(root.glob("progressions/*.yaml")) + sorted(root.glob("units/**/*.yaml"))
for path in files:
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def timed(command: list[str]) -> tuple[float, int]:
    """Run ``command``; return its wall time in seconds and peak memory in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{command[0]} failed: {error[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def interleaved(commands: list[list[str]], repeat: int) -> list[tuple[float, int]]:
    """Run the commands in turn ``repeat`` times; return each one's median time and
    peak memory. Taking turns spreads the machine's background load evenly."""
    runs: list[list[tuple[float, int]]] = [[] for _ in commands]
    for _ in range(repeat):
        for index, command in enumerate(commands):
            runs[index].append(timed(command))
    return [(statistics.median(t for t, _ in r), max(m for _, m in r)) for r in runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--competencies", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each command; the median time is used")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "repo", args.units, args.competencies)
        files = sorted(root.glob("units/**/*.yaml"))
        print(f"repository: {args.units} units, {args.competencies} competencies, "
              f"{sum(p.stat().st_size for p in root.rglob('*.yaml')) / 2**20:.1f} MiB")

        validate = [sys.executable, "-m", "progressions.cli", "validate", str(root)]
        bare = [sys.executable, "-c", BARE_PARSE, str(root)]
        (ours, peak), (parse, _) = interleaved([validate, bare], args.repeat)
        print(f"progressions validate   {ours:7.2f} s   peak memory {peak} MiB")
        print(f"bare CSafeLoader parse  {parse:7.2f} s")
        print(f"ratio validate / bare parse: {ours / parse:.2f}x (goal: at most 2.0x)")

        check_jsonschema = shutil.which("check-jsonschema")
        if check_jsonschema is None:
            print("check-jsonschema not installed: comparison skipped")
            return
        unit_schema = SCHEMAS / "unit.schema.json"
        other = [check_jsonschema, "--base-uri", unit_schema.as_uri(),
                 "--schemafile", str(unit_schema), *map(str, files)]
        # check-jsonschema takes minutes on this repository, so it runs once.
        ((theirs, _),) = interleaved([other], 1)
        print(f"check-jsonschema units  {theirs:7.2f} s")
        print(f"speed-up over check-jsonschema: {theirs / ours:.1f}x (goal: 6x or more)")


if __name__ == "__main__":
    main()
