#!/usr/bin/env python3
"""Compare sna against igraph, NetworKit and (optionally) networkx on the same edge lists.

Run through scripts/bench-peers, which makes the venv, builds sna and generates the graphs.
Directly:

    python scripts/bench_peers.py --sna .build/release/snabench --bench-dir /tmp/sna-bench

Every figure in the table is measured in this run; there is no mode that makes figures up.

Each library is timed in its own child process (a crash or a missing package gives "n/a",
never a lost table), in-process with time.perf_counter, median of --repeat runs. sna is
timed by `snabench bench`, which prints one JSON object per line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Workloads per graph (sna's names). approx_betweenness is added with --with-approx.
PLAN = {
    "10k": ["load", "betweenness", "closeness", "harmonic", "pagerank"],
    "100k": ["load", "pagerank", "components", "core_number", "leiden"],
}
GRAPH_FILES = {"10k": "ba10k.csv", "100k": "ba100k.csv"}
APPROX = {"epsilon": 0.01, "delta": 0.1, "seed": 1}   # sna's and KADABRA's parameters
RK_EPSILON = 0.05                                      # NetworKit ApproxBetweenness (RK)
# Extra rows that only peers have: (row name, shown after workload, sna workload it compares to)
EXTRA_ROWS = {"approx_betweenness": "approx_betweenness_rk"}

PEERS = ["igraph", "nk2", "nk1", "networkx"]
PEER_TITLE = {"igraph": "igraph", "nk2": "NetworKit 2thr", "nk1": "NetworKit 1thr",
              "networkx": "networkx"}
# Which workloads each peer implements (others print "—", meaning not applicable).
PEER_WORKLOADS = {
    "igraph": {"load", "betweenness", "closeness", "harmonic", "pagerank", "components",
               "core_number", "leiden"},
    "nk2": {"load", "betweenness", "closeness", "harmonic", "pagerank", "components",
            "core_number", "leiden", "approx_betweenness", "approx_betweenness_rk"},
    "nk1": {"load", "betweenness", "closeness", "harmonic", "pagerank", "components",
            "core_number", "leiden", "approx_betweenness", "approx_betweenness_rk"},
    # networkx is run on the 10k graph only; closeness/harmonic would take many minutes more.
    "networkx": {"load", "betweenness", "pagerank"},
}
ROW_NOTE = {
    "approx_betweenness": f"NK: KADABRA eps={APPROX['epsilon']} delta={APPROX['delta']}",
    "approx_betweenness_rk": f"NK: RK ApproxBetweenness eps={RK_EPSILON} delta={APPROX['delta']}",
    "leiden": "igraph: n_iterations=2 (its default); NK: ParallelLeiden (3 it.); sna: Leiden, 2 iterations",
    "load": "igraph: Read_Ncol on a space-separated copy; NK: EdgeListReader on the CSV",
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Worker: runs in a child process, times one library on one graph, prints JSON lines.
# ----------------------------------------------------------------------------------------------

def emit(obj: dict) -> None:
    print(json.dumps(obj), flush=True)


def timed(fn, repeat: int):
    runs, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return runs, result


def worker(spec: dict) -> int:
    peer, csv_path, ncol_path = spec["peer"], spec["csv"], spec["ncol"]
    workloads, repeat = spec["workloads"], spec["repeat"]
    try:
        if peer == "igraph":
            import igraph as ig
            import inspect
            # python-igraph names it objective_function (1.0 rejects `objective`); keep the old name as fallback.
            try:
                params = inspect.signature(ig.Graph.community_leiden).parameters
                leiden_kw = "objective_function" if "objective_function" in params else "objective"
            except (TypeError, ValueError):
                leiden_kw = "objective_function"
            load = lambda: ig.Graph.Read_Ncol(ncol_path, names=True, weights=False, directed=False)
            algos = {
                "betweenness": lambda g: g.betweenness(directed=False),
                "closeness": lambda g: g.closeness(),
                "harmonic": lambda g: g.harmonic_centrality(),
                "pagerank": lambda g: g.pagerank(),
                "components": lambda g: g.connected_components(),
                "core_number": lambda g: g.coreness(),
                "leiden": lambda g: g.community_leiden(n_iterations=2, **{leiden_kw: "modularity"}),
            }
            extra = {"leiden": lambda g, part: {"modularity": part.modularity,
                                                "communities": len(part)}}
        elif peer in ("nk1", "nk2"):
            import networkit as nk
            nk.setLogLevel("ERROR")
            nk.setNumberOfThreads(1 if peer == "nk1" else 2)
            with open(csv_path) as f:
                first = f.readline()
            prefix = first[0] if first and not first[0].isdigit() else "#"
            load = lambda: nk.graphio.EdgeListReader(",", 0, commentPrefix=prefix,
                                                     continuous=False, directed=False).read(csv_path)

            def run(algo):
                algo.run()
                return algo

            C = nk.centrality
            algos = {
                "betweenness": lambda g: run(C.Betweenness(g, normalized=True)),
                "closeness": lambda g: run(C.Closeness(g, True, C.ClosenessVariant.GENERALIZED)),
                "harmonic": lambda g: run(C.HarmonicCloseness(g, normalized=False)),
                "pagerank": lambda g: run(C.PageRank(g, damp=0.85, tol=1e-12)),
                "components": lambda g: run(nk.components.ConnectedComponents(g)),
                "core_number": lambda g: run(C.CoreDecomposition(g)),
                "approx_betweenness": lambda g: run(C.KadabraBetweenness(
                    g, APPROX["epsilon"], APPROX["delta"])),
                "approx_betweenness_rk": lambda g: run(C.ApproxBetweenness(
                    g, epsilon=RK_EPSILON, delta=APPROX["delta"])),
            }
            if hasattr(nk.community, "ParallelLeiden"):
                algos["leiden"] = lambda g: run(nk.community.ParallelLeiden(g))

            def leiden_extra(g, algo):
                part = algo.getPartition()
                return {"modularity": nk.community.Modularity().getQuality(part, g),
                        "communities": part.numberOfSubsets()}
            extra = {"leiden": leiden_extra,
                     "approx_betweenness": lambda g, a: {"samples": a.getNumberOfIterations()},
                     "approx_betweenness_rk": lambda g, a: {"samples": a.numberOfSamples()}}
            emit({"workload": "threads", "threads": nk.getCurrentNumberOfThreads()})
        elif peer == "networkx":
            import networkx as nx
            load = lambda: nx.read_edgelist(ncol_path)
            algos = {
                "betweenness": lambda g: nx.betweenness_centrality(g),
                "pagerank": lambda g: nx.pagerank(g, alpha=0.85, tol=1e-12),
            }
            extra = {}
        else:
            raise ValueError(f"unknown peer {peer}")
    except Exception as e:  # import failure: every workload is n/a
        for w in workloads:
            emit({"workload": w, "error": f"{type(e).__name__}: {e}"})
        return 0

    # Load: timed when asked; the last graph built is the one the algorithms use.
    graph = None
    try:
        runs, graph = timed(load, repeat if "load" in workloads else 1)
        if "load" in workloads:
            emit({"workload": "load", "median": statistics.median(runs), "runs": runs})
    except Exception as e:
        for w in workloads:
            emit({"workload": w, "error": f"load failed: {type(e).__name__}: {e}"})
        return 0

    for w in workloads:
        if w == "load":
            continue
        fn = algos.get(w)
        if fn is None:
            emit({"workload": w, "error": "not available in this version"})
            continue
        try:
            # The approximations take minutes per run with the peers: one run each
            # (spec "approx_repeat", default 1); the table says so.
            reps = spec.get("approx_repeat", 1) if w.startswith("approx") else repeat
            runs, result = timed(lambda: fn(graph), reps)
            rec = {"workload": w, "median": statistics.median(runs), "runs": runs}
            if w in extra:
                try:
                    rec.update(extra[w](graph, result))
                except Exception as e:  # a missing accessor must not lose the timing
                    rec["extra_error"] = str(e)
            emit(rec)
        except Exception as e:
            emit({"workload": w, "error": f"{type(e).__name__}: {e}"})
    emit({"workload": "peak_rss", "bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024})
    return 0


# ----------------------------------------------------------------------------------------------
# Parent: runs sna and the peer workers, prints the table.
# ----------------------------------------------------------------------------------------------

def parse_json_lines(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and "workload" in obj:
            out[obj["workload"]] = obj
    return out


def run_child(cmd: list[str], env: dict | None, timeout: float | None, what: str) -> dict:
    """Runs a command that prints JSON lines; keeps what it printed even when it fails."""
    log(f"  {what}: {' '.join(cmd) if len(' '.join(cmd)) < 200 else cmd[0] + ' ...'}")
    t0 = time.time()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
        stdout, stderr, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        stdout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        stderr, rc = f"timed out after {timeout} s", -1
    except OSError as e:
        stdout, stderr, rc = "", str(e), -1
    res = parse_json_lines(stdout)
    if rc != 0:
        log(f"  {what}: exit {rc} after {time.time() - t0:.0f} s\n{stderr.strip()[-2000:]}")
        res["_error"] = {"workload": "_error", "error": f"exit {rc}: {stderr.strip()[-300:]}"}
    else:
        log(f"  {what}: done in {time.time() - t0:.1f} s")
    for w, r in res.items():
        if "error" in r and not w.startswith("_"):
            log(f"  {what} {w}: n/a ({r['error']})")
    return res


def graph_info(csv_path: Path) -> tuple[int, int, Path]:
    """Counts nodes and edges, and writes the header-less space-separated copy for igraph/networkx."""
    ncol = csv_path.with_suffix(".ncol")
    fresh = ncol.exists() and ncol.stat().st_mtime >= csv_path.stat().st_mtime
    nodes, m = set(), 0
    with open(csv_path) as f, (open(os.devnull, "w") if fresh else open(ncol.with_suffix(".ncol.tmp"), "w")) as out:
        header = f.readline()
        if header and header.split(",")[0].strip().lstrip("-").isdigit():
            f.seek(0)   # no header after all
        for line in f:
            line = line.strip()
            if not line:
                continue
            a, b = line.split(",")[:2]
            nodes.add(a)
            nodes.add(b)
            m += 1
            if not fresh:
                out.write(f"{a} {b}\n")
    if not fresh:
        os.replace(ncol.with_suffix(".ncol.tmp"), ncol)
    return len(nodes), m, ncol


def fmt_time(s: float | None) -> str:
    if s is None:
        return "n/a"
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    if s < 100:
        return f"{s:.2f} s"
    return f"{s:.0f} s"


def cell(res: dict | None, w: str, applicable: bool) -> tuple[str, float | None]:
    if not applicable:
        return "—", None
    r = (res or {}).get(w)
    if r is None or "median" not in r:
        return "n/a", None
    return fmt_time(r["median"]), r["median"]


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b <= 0:
        return "—"
    r = a / b
    return f"{r:.4f}x" if r < 0.01 else f"{r:.3f}x" if r < 0.1 else f"{r:.2f}x"


def machine_info() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key = line.split(":")[0].strip().lower()
            if key in ("model name", "hardware", "cpu model", "processor") and ":" in line:
                val = line.split(":", 1)[1].strip()
                if key == "processor" and val.isdigit():
                    continue
                model = val
                break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    try:
        mem = [l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")]
        mem_gb = int(mem[0].split()[1]) / 1024 / 1024 if mem else None
    except OSError:
        mem_gb = None
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"loadavg1": round(load, 2) if load is not None else None, "nproc": nproc, "cpu": model or platform.processor() or platform.machine(),
            "mem_gib": round(mem_gb, 1) if mem_gb else None, "os": platform.platform()}


def versions(python: str, sna: str | None) -> dict:
    v = {}
    for mod in ("igraph", "networkit", "networkx"):
        try:
            out = subprocess.run([python, "-c", f"import {mod}; print({mod}.__version__)"],
                                 capture_output=True, text=True, timeout=120)
            v[mod] = out.stdout.strip() if out.returncode == 0 else "not installed"
        except Exception:
            v[mod] = "not installed"
    v["python"] = platform.python_version()
    try:
        git = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=30)
        v["sna_commit"] = git.stdout.strip() or "?"
    except Exception:
        v["sna_commit"] = "?"
    v["sna"] = sna
    return v


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sna", help="sna binary (default: $SNA_BIN)", default=os.environ.get("SNA_BIN"))
    ap.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/sna-bench"),
                    help="folder with ba10k.csv and ba100k.csv")
    ap.add_argument("--graph", action="append", default=[], metavar="LABEL=PATH",
                    help="override a graph file (LABEL is 10k or 100k)")
    ap.add_argument("--only", choices=["10k", "100k"])
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "3")))
    ap.add_argument("--with-networkx", action="store_true", help="networkx on the 10k graph (slow)")
    ap.add_argument("--networkx-repeat", type=int, default=1,
                    help="runs for networkx (betweenness takes ~500 s a run; default 1)")
    ap.add_argument("--with-approx", action="store_true",
                    help="approx_betweenness on the 100k graph (minutes)")
    ap.add_argument("--json", metavar="FILE", help="write all figures as JSON")
    ap.add_argument("--results-dir", default=str(REPO / "bench-results"))
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="per child process, seconds")
    ap.add_argument("--_worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._worker:
        return worker(json.loads(args._worker))
    if not args.sna:
        ap.error("give --sna BIN (or SNA_BIN): the snabench binary")
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    graphs = {k: Path(args.bench_dir) / v for k, v in GRAPH_FILES.items()}
    for g in args.graph:
        label, _, path = g.partition("=")
        if label not in graphs:
            ap.error(f"--graph label must be one of {list(graphs)}")
        graphs[label] = Path(path)
    labels = [args.only] if args.only else list(graphs)

    started = dt.datetime.now()
    machine = machine_info()
    vers = versions(sys.executable, args.sna)
    results: dict = {}
    ginfo: dict = {}
    for label in labels:
        path = graphs[label]
        if not path.exists():
            log(f"{label}: {path} is missing, skipped")
            continue
        n, m, ncol = graph_info(path)
        # Unweighted CSR: offsets and targets (weights that are all 1 are stored nowhere).
        ginfo[label] = {"path": str(path), "n": n, "m": m, "csr_floor_bytes": (n + 1) * 4 + 2 * m * 4}
        workloads = list(PLAN[label])
        if label == "100k" and args.with_approx:
            workloads.append("approx_betweenness")
        log(f"{label}: {path} (n={n}, m={m}) workloads {','.join(workloads)}")
        res = {}
        cmd = [args.sna, "bench", str(path), "--workloads", ",".join(workloads),
               "--repeat", str(args.repeat)]
        if "approx_betweenness" in workloads:
            cmd += ["--epsilon", str(APPROX["epsilon"]), "--delta", str(APPROX["delta"]),
                    "--seed", str(APPROX["seed"])]
        res["sna"] = run_child(cmd, None, args.timeout, "sna")
        for w in workloads:
            if w not in res["sna"]:
                log(f"  sna {w}: n/a (not in sna's output)")
        for peer in PEERS:
            if peer == "networkx" and not (args.with_networkx and label == "10k"):
                continue
            pw = [w for w in workloads if w in PEER_WORKLOADS[peer]]
            for w, extra_row in EXTRA_ROWS.items():
                if w in workloads and extra_row in PEER_WORKLOADS[peer]:
                    pw.append(extra_row)
            repeat = args.networkx_repeat if peer == "networkx" else args.repeat
            spec = {"peer": peer, "csv": str(path), "ncol": str(ncol), "workloads": pw, "repeat": repeat}
            env = dict(os.environ)
            env["OMP_NUM_THREADS"] = "2" if peer == "nk2" else "1"
            res[peer] = run_child([sys.executable, str(Path(__file__).resolve()), "--_worker",
                                   json.dumps(spec)], env, args.timeout, PEER_TITLE[peer])
        # The analysts' command on this file: peak RSS of the whole process.
        cli = sna_cli(args.sna)
        if cli and label == "100k":
            res["sna_cli"] = cli_peak_rss([cli, "centrality", str(path), "--measures", "pagerank", "--format", "csv"])
        results[label] = res

    text = render(results, ginfo, machine, vers, started, args)
    print(text)
    try:
        out_dir = Path(args.results_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        out_file = out_dir / f"peers-{started:%Y%m%d-%H%M}.txt"
        out_file.write_text(text + "\n")
        log(f"written {out_file}")
    except OSError as e:
        log(f"could not write the results file: {e}")
    if args.json:
        doc = {"date": started.isoformat(timespec="seconds"), "machine": machine, "versions": vers,
               "repeat": args.repeat, "graphs": ginfo, "results": results}
        Path(args.json).write_text(json.dumps(doc, indent=2) + "\n")
        log(f"written {args.json}")
    return 0


def sna_cli(snabench: str):
    """The `sna` binary: $SNA_CLI, else next to snabench (same build), else None."""
    cli = os.environ.get("SNA_CLI") or str(Path(snabench).with_name("sna"))
    return cli if os.access(cli, os.X_OK) else None


def cli_peak_rss(cmd: list[str]) -> dict:
    """Peak RSS (bytes) and wall time of one run of `cmd`, output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        return {"error": proc.stderr.read().decode(errors="replace").strip()}
    return {"command": " ".join(["sna"] + cmd[1:]), "peak_rss_bytes": usage.ru_maxrss * 1024, "seconds": wall}


def render(results: dict, ginfo: dict, machine: dict, vers: dict, started, args) -> str:
    with_nx = any("networkx" in r for r in results.values())
    cols = ["sna", "igraph", "nk2", "nk1"] + (["networkx"] if with_nx else [])
    head = ["graph", "workload"] + [("sna" if c == "sna" else PEER_TITLE[c]) for c in cols] \
        + ["sna/igraph", "sna/NK2"] + (["sna/nx"] if with_nx else [])
    rows = []
    for label, res in results.items():
        workloads = [w for w in PLAN[label]]
        if label == "100k" and args.with_approx:
            workloads += ["approx_betweenness", "approx_betweenness_rk"]
        for w in workloads:
            cells, vals = [], {}
            for c in cols:
                if c == "sna":
                    applicable = w not in EXTRA_ROWS.values()
                else:
                    applicable = w in PEER_WORKLOADS[c] and c in res
                cells_c, v = cell(res.get(c), w, applicable)
                cells.append(cells_c)
                vals[c] = v
            row = [label, w] + cells + [ratio(vals["sna"], vals["igraph"]), ratio(vals["sna"], vals["nk2"])]
            if with_nx:
                row.append(ratio(vals["sna"], vals.get("networkx")))
            rows.append(row)
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]

    def line(r):
        return "  ".join(str(x).ljust(widths[i]) if i < 2 else str(x).rjust(widths[i])
                         for i, x in enumerate(r)).rstrip()

    out = []
    out.append(f"sna vs peers — {started:%Y-%m-%d %H:%M}")
    out.append(f"machine: {machine['nproc']} cores, {machine['cpu']}, {machine['mem_gib']} GiB, {machine['os']}, "
               f"load average at start {machine['loadavg1']}")
    if machine["loadavg1"] is not None and machine["loadavg1"] > 0.5:
        out.append("WARNING: the machine was busy at start; multi-threaded figures (sna, NetworKit 2thr) suffer most")
    out.append(f"versions: sna {vers['sna_commit']}, igraph {vers['igraph']}, networkit {vers['networkit']}, "
               f"networkx {vers['networkx']}, python {vers['python']}")
    sna_threads = sorted({str(r.get("threads")) for res in results.values()
                          for r in res.get("sna", {}).values() if isinstance(r, dict) and "threads" in r})
    nx_note = f"; networkx {args.networkx_repeat} run(s)" if with_nx else ""
    out.append(f"median of {args.repeat} runs (peers' approximate betweenness: 1 run){nx_note}; sna threads: {','.join(sna_threads) or '?'}; "
               f"igraph 1 thread; load excluded from algorithm times")
    for label, gi in ginfo.items():
        out.append(f"graph {label}: {gi['path']} (BA, n={gi['n']}, m={gi['m']})")
    out.append("")
    out.append(line(head))
    out.append(line(["-" * w for w in widths]))
    prev = None
    for r in rows:
        if prev is not None and r[0] != prev:
            out.append("")
        prev = r[0]
        out.append(line(r))
    out.append("")
    out.append("ratio < 1x: sna faster.  n/a: failed or not produced (see stderr).  —: not applicable.")
    present = {row[1] for row in rows}
    notes = [f"{w}: {ROW_NOTE[w]}" for w in ROW_NOTE if w in present]
    if notes:
        out.append("notes: " + notes[0])
        out += ["       " + n for n in notes[1:]]
    # Leiden quality, when reported.
    for label, res in results.items():
        q = []
        for c in cols:
            r = res.get(c, {}).get("leiden")
            if r and "modularity" in r:
                q.append(f"{'sna' if c == 'sna' else PEER_TITLE[c]} Q={r['modularity']:.4f}"
                         + (f" ({r['communities']} comm.)" if "communities" in r else ""))
        if q:
            out.append(f"leiden modularity {label}: " + ", ".join(q))
    # Memory.
    mem = []
    for label, res in results.items():
        gi = ginfo[label]
        rss = res.get("sna", {}).get("peak_rss", {}).get("bytes")
        rss_s = f"{rss / 1e6:.1f} MB" if rss else "n/a"
        peers = ", ".join(f"{PEER_TITLE[c]} {res[c]['peak_rss']['bytes'] / 1e6:.0f} MB"
                          for c in cols[1:] if c in res and "peak_rss" in res[c])
        mem.append(f"peak RSS {label}: sna {rss_s} (CSR floor {gi['csr_floor_bytes'] / 1e6:.1f} MB)"
                   + (f"; peer processes incl. Python: {peers}" if peers else ""))
    for label, res in results.items():
        c = res.get("sna_cli")
        if c and "peak_rss_bytes" in c:
            mem.append(f"peak RSS {label}, whole process: `{c['command'].replace(str(ginfo[label]['path']), 'FILE')}` "
                       f"{c['peak_rss_bytes'] / 1e6:.1f} MB in {c['seconds']:.2f} s (goal ≤ 64 MB)")
        elif c:
            mem.append(f"peak RSS {label}, sna centrality: n/a ({c.get('error', '')})")
    out += mem
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
