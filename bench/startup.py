"""Start-up cost: the median wall time of fresh processes, and which imports it goes to.

    python bench/startup.py                # 7 runs of each command
    python bench/startup.py --runs 15 --top 25

Commands timed, each as a new process (what a user or a script calling the
CLI pays every time): `tomtat --version`, `tomtat --help`,
`python -c "import tomtat"`, and `tomtat summarize samples/bao-so-5` (end to
end: read, summarize, print). `tomtat` is the console script installed beside
this Python (not a shell shim, which adds its own start-up), falling back to
`python -m tomtat`; PYTHONPATH is set to this checkout's src/ so the code
measured is the code here. The commands take turns (one round of all, then
the next) so a busy moment on a shared machine hits them alike; the first
round is untimed and warms the OS file cache and the bytecode cache. Then
`python -X importtime -c "import tomtat"` lists the modules with the largest cumulative import time
(one run; CPython's microseconds, slightly above wall time because of the
tracing itself), and the same time summed per top-level package.

Bytecode: a pip-installed tomtat has every module compiled (.pyc), and an
editable checkout writes them on its first run, so that is what is timed: the
children run with bytecode writing on (PYTHONDONTWRITEBYTECODE removed) and
their .pyc files under a temporary PYTHONPYCACHEPREFIX, never in the checkout.
A shell with PYTHONDONTWRITEBYTECODE=1 instead compiles tomtat's ~35 imported
modules from source on every start (about 25 ms more on the dev machine);
`--as-is` times the environment exactly as it is.
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
from _common import REPO, console, print_table  # noqa: E402

SAMPLE = REPO / "samples" / "bao-so-5"
TARGETS = {"tomtat --version": 0.3, "tomtat --help": 0.3, "import tomtat": 0.4, "summarize sample": 1.0}  # issue 11


def tomtat_command() -> list[str]:
    script = Path(sys.executable).parent / ("tomtat.exe" if os.name == "nt" else "tomtat")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tomtat"]


def environment(pycache: str | None) -> dict[str, str]:
    """This checkout's src/ first on the path; with `pycache`, bytecode written there and read back."""
    paths = [str(REPO / "src"), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if p))
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def time_commands(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Seconds per run of each command; the commands take turns, so a busy moment hits all of them alike."""
    out: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, cmd in commands.items():
            elapsed = run_once(cmd, env)
            if i:  # the first round only warms the file cache
                out[name].append(elapsed)
    return out


def import_times(env: dict[str, str]) -> list[tuple[str, int, int]]:
    """(module, self us, cumulative us) for every module `import tomtat` loads."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tomtat"], env=env, cwd=REPO,
                          capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cumulative, name = line.removeprefix("import time:").split("|", 2)
        rows.append((name.rstrip(), int(self_us), int(cumulative)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (after one untimed)")
    parser.add_argument("--top", type=int, default=15, help="modules to list by cumulative import time")
    parser.add_argument("--as-is", action="store_true",
                        help="the environment unchanged (no bytecode cache when PYTHONDONTWRITEBYTECODE is set)")
    args = parser.parse_args()
    if not console.is_terminal:
        console.width = max(console.width, 120)
    pycache = None if args.as_is else tempfile.mkdtemp(prefix="tomtat-startup-pyc-")
    try:
        run(args, environment(pycache))
    finally:
        if pycache is not None:
            shutil.rmtree(pycache, ignore_errors=True)


def run(args: argparse.Namespace, env: dict[str, str]) -> None:
    tomtat = tomtat_command()
    commands = {
        "tomtat --version": [*tomtat, "--version"],
        "tomtat --help": [*tomtat, "--help"],
        "import tomtat": [sys.executable, "-c", "import tomtat"],
        "summarize sample": [*tomtat, "summarize", str(SAMPLE)],
    }
    with console.status(f"{args.runs + 1} rounds of {len(commands)} commands"):
        times = time_commands(commands, args.runs, env)
    rows = []
    for name, values in times.items():
        median = statistics.median(values)
        rows.append([name, median, min(values), max(values), TARGETS[name], "yes" if median <= TARGETS[name] else "no"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cached = "off (PYTHONDONTWRITEBYTECODE)" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
    console.print(f"{os.cpu_count()} CPUs, load average {load:.2f} after the runs; bytecode cache {cached}")
    print_table(f"start-up, seconds per fresh process (median of {args.runs}; {' '.join(tomtat)})",
                ["command", "median", "min", "max", "target", "met"], rows)

    imports = import_times(env)
    total = max((c for n, _, c in imports if n.strip() == "tomtat"), default=0) or max(c for _, _, c in imports)
    top = sorted(imports, key=lambda r: -r[2])[: args.top]
    print_table(f"`import tomtat`: top {args.top} modules by cumulative import time ({total / 1000:.0f} ms in all)",
                ["module", "cumulative ms", "% of import tomtat", "self ms"],
                [[n, c / 1000, 100 * c / total, s / 1000] for n, s, c in top])
    packages: dict[str, int] = {}
    for name, self_us, _ in imports:
        root = name.strip().split(".")[0]
        packages[root] = packages.get(root, 0) + self_us
    biggest = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    print_table("`import tomtat`: self time summed per top-level package", ["package", "ms", "% of import tomtat"],
                [[p, us / 1000, 100 * us / total] for p, us in biggest])


if __name__ == "__main__":
    main()
