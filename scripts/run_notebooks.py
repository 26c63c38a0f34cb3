#!/usr/bin/env python3
"""Execute the notebooks headless with Jupyter's own executor (nbclient) and the tslab kernel.

    .venv/bin/python scripts/run_notebooks.py                 # every notebooks/NN-*.ipynb, saved in place
    .venv/bin/python scripts/run_notebooks.py --nb 01         # only notebooks whose name starts with 01
    .venv/bin/python scripts/run_notebooks.py --out-dir /tmp/x path/to/a.ipynb
    python3 scripts/run_notebooks.py --check-params --nb 01   # validate parameters only (no Jupyter needed)

Each notebook runs in a fresh 'tslab' kernel whose working directory is the notebook's folder,
with no per-cell time limit (training cells are long) but a limit on kernel start-up. The
environment passes through to the kernel (QUICK, SEED, FORCE, TFJS_BACKEND, CHROMIUM_PATH, ...).
Parameters are checked against lib/env/params.json before any kernel starts.

Where results go (the same rule as lib/env/out-root.ts; the kernel receives it as an absolute
LW_OUT): LW_OUT if set (relative to LW_CALLER_DIR, else the working directory; it must be a
writable directory or creatable); else, when QUICK, SEED or STEPS differ from their defaults,
scratch/<settings>/ (e.g. scratch/quick1-seed3/), so such runs never overwrite the committed
results; else the repository itself. The executed notebook goes to --out-dir if given, in place
for a run into the repository, else to <output root>/notebooks/. It is written to a temporary
file and renamed over the target, so an interrupted or failed run never leaves half a
notebook, and a notebook whose cell fails is not overwritten. Volatile metadata (per-cell
execution timestamps) is not recorded, so re-running an unchanged notebook gives a small diff.

Ctrl-C or SIGTERM interrupts the kernel (SIGINT to its process group: the running cell can
checkpoint and end), waits up to 30 s for that cell, then shuts the kernel down; a second
Ctrl-C stops it at once. The kernel runs in its own session, so a terminal's Ctrl-C reaches
it only through this runner.

Exit status: 0 all notebooks ran; 1 a cell failed or the kernel died; 2 bad parameters or
no notebook selected; 130 interrupted (the kernel shut down, the notebook left unchanged).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_NAME = re.compile(r"^\d\d-[A-Za-z0-9_-]+\.ipynb$")
SLOW_CELL_SECONDS = 10.0
# Training progress (lib/notebook/progress.ts) updates one line in place in the notebook; the
# runner echoes those lines to the terminal, at most one per display every this many seconds.
PROGRESS_EVERY_SECONDS = 30.0
PROGRESS_LINE = re.compile(r" \d+/\d+(?: \([^)]*\))?  \d+(?:\.\d)?%  elapsed ")
SOURCE_LINES_SHOWN = 6
ERROR_LINES_SHOWN = 40

# Parameters and backends: the one list shared with lib/env (spec.ts, out-root.ts) and bench/.
SPEC = json.loads((REPO / "lib" / "env" / "params.json").read_text(encoding="utf-8"))
BACKEND_CHOICES = ["auto", *SPEC["backends"]]
# After the first Ctrl-C/SIGTERM: how long the interrupted cell may take to end (the training
# loop checkpoints and returns) before the kernel is shut down regardless.
INTERRUPT_GRACE_SECONDS = 30.0


class ProgressEcho:
    """Echoes the in-place progress lines a notebook displays to the terminal (throttled)."""

    def __init__(self, name: str, every: float = PROGRESS_EVERY_SECONDS) -> None:
        self.name = name
        self.every = every
        self.last_shown: dict[str, float] = {}
        self.last_text: dict[str, str] = {}

    def __call__(self, msg: dict) -> None:
        if msg.get("header", {}).get("msg_type") not in ("display_data", "update_display_data"):
            return
        content = msg.get("content", {})
        text = content.get("data", {}).get("text/plain")
        if not isinstance(text, str) or not PROGRESS_LINE.search(text):
            return
        display_id = content.get("transient", {}).get("display_id", "")
        if self.last_text.get(display_id) == text:  # done() repeats the final update's line
            return
        now = time.monotonic()
        final = "  done" in text
        if final or now - self.last_shown.get(display_id, float("-inf")) >= self.every:
            self.last_shown[display_id] = now
            self.last_text[display_id] = text
            log(f"{self.name}: {text.strip()}")


class UsageError(Exception):
    """Bad parameter or selection: reported in one line, exit status 2."""


def log(message: str) -> None:
    print(f"[run_notebooks] {message}", file=sys.stderr, flush=True)


def parse_param(name: str, spec: dict, raw: str) -> int | str:
    """The value of parameter `name` as params.json allows it; UsageError naming what is allowed."""
    value = raw.strip()
    kind = spec["kind"]
    if kind == "flag":
        if value in ("0", "1"):
            return int(value)
        allowed = "use 0 or 1"
    elif kind == "integer":
        if re.fullmatch(r"-?\d+", value) and spec["min"] <= int(value) <= spec["max"]:
            return int(value)
        allowed = f"use an integer from {spec['min']} to {spec['max']}"
    elif kind == "backend":
        if value in BACKEND_CHOICES:
            return value
        allowed = f"use one of {', '.join(BACKEND_CHOICES)}"
    else:
        raise ValueError(f"lib/env/params.json: {name} has unknown kind {kind!r}")
    raise UsageError(f'{name}="{raw}" is not allowed: {allowed}')


def check_params(env: os._Environ | dict) -> dict[str, int | str]:
    """Refuses a bad value of any parameter in params.json before a kernel starts (empty =
    unset); returns the values that are set."""
    values = {}
    for name, spec in SPEC["params"].items():
        raw = env.get(name)
        if raw is not None and raw.strip() != "":
            values[name] = parse_param(name, spec, raw)
    return values


def scratch_settings(env: os._Environ | dict) -> list[str]:
    """`NAME=value` for each parameter that changes the results and differs from its default
    (same rule as scratchSettings in lib/env/spec.ts)."""
    values = check_params(env)
    return [f"{name}={values[name]}" for name, spec in SPEC["params"].items()
            if spec["scratch"] and name in values and values[name] != spec["default"]]


def scratch_name(settings: list[str]) -> str:
    """["QUICK=1", "SEED=3"] -> "quick1-seed3" (scratchName in lib/env/out-root.ts)."""
    return "-".join(s.replace("=", "", 1).lower() for s in settings)


def check_out_root(out_root: Path, raw: str, name: str = "LW_OUT") -> None:
    """A directory, or creatable (nearest existing parent a writable directory), and writable
    (checkOutRoot in lib/env/out-root.ts)."""
    def refuse(why: str) -> None:
        raise UsageError(f'{name}="{raw}" is not allowed: use a writable directory, '
                         f"or a path where one can be created ({why})")
    existing = out_root
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        refuse(f"{out_root} is a file" if existing == out_root
               else f"{existing} is a file, so {out_root} cannot be created")
    if not os.access(existing, os.W_OK | os.X_OK):
        refuse(f"{out_root} is not writable" if existing == out_root
               else f"{existing} is not writable, so {out_root} cannot be created")


def resolve_out_root(env: os._Environ | dict) -> tuple[Path, list[str]]:
    """(output root, settings that made it a scratch run), as resolveOutRoot in
    lib/env/out-root.ts: LW_OUT (relative to LW_CALLER_DIR, else the working directory), else
    scratch/<settings>/ when QUICK/SEED/STEPS differ from their defaults, else the repository."""
    settings = scratch_settings(env)
    raw = env.get("LW_OUT") or ""
    if raw.strip():
        base = Path((env.get("LW_CALLER_DIR") or "").strip() or os.getcwd())
        out_root = Path(os.path.normpath(base / raw.strip()))
        check_out_root(out_root, raw)
        return out_root, []
    if not settings:
        return REPO, []
    return REPO / SPEC["scratchDir"] / scratch_name(settings), settings


def create_out_root(out_root: Path, raw: str) -> list[Path]:
    """Creates the output root (a write probe included); a failure names LW_OUT and the reason,
    not a bare mkdir error. Returns the folders it created, outermost first."""
    missing = []
    p = out_root
    while not p.exists() and p.parent != p:
        missing.append(p)
        p = p.parent
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out_root, prefix=".lw-write-test-")
        probe.close()
    except OSError as err:
        raise UsageError(f'LW_OUT="{raw}" is not allowed: use a writable directory, or a path where '
                         f"one can be created ({out_root}: {err.strerror or err})") from None
    return list(reversed(missing))


def remove_if_empty(created: list[Path]) -> None:
    """Removes the folders create_out_root made when the run left them empty (innermost first)."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            return


def select_notebooks(notebooks_dir: Path, prefix: str, paths: list[str]) -> list[Path]:
    """Explicit paths win; otherwise notebooks_dir/NN-*.ipynb whose name starts with `prefix`."""
    if paths:
        missing = [p for p in paths if not Path(p).is_file()]
        if missing:
            raise UsageError(f"notebook not found: {', '.join(missing)}")
        return [Path(p).resolve() for p in paths]
    existing = sorted(p for p in notebooks_dir.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    chosen = [p for p in existing if p.name.startswith(prefix)]
    if not chosen:
        names = ", ".join(p.stem for p in existing) or "none"
        if prefix:
            raise UsageError(
                f'NB="{prefix}" matches no notebook in {notebooks_dir}: the notebooks are {names} '
                f"(NB selects those whose file name starts with it, e.g. NB=01)")
        raise UsageError(f"no notebooks (NN-name.ipynb) in {notebooks_dir}")
    return chosen


def strip_volatile(nb) -> None:
    """Drops metadata that changes on every run without changing the content."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
    nb.metadata.pop("papermill", None)


def write_atomic(nb, target: Path) -> None:
    import nbformat

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def output_text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        tb = "\n".join(output.get("traceback", []))
        tb = re.sub(r"\x1b\[[0-9;]*m", "", tb)
        return tb or f"{output.get('ename', '')}: {output.get('evalue', '')}"
    return ""


def describe_failure(nb_path: Path, cell, index: int, code_number: int, code_total: int) -> str:
    """The notebook, both cell numbers, the start of the source and the kernel's error text.

    tslab reports a failing cell through its stderr stream output (the execute_reply carries
    no ename/evalue), so the error text is read from the cell's outputs.
    """
    lines = [f"FAILED {nb_path.name}: code cell {code_number} of {code_total} "
             f"(cell index {index} in the notebook)", "  source:"]
    src = cell.source.splitlines() or [""]
    lines += [f"    | {line}" for line in src[:SOURCE_LINES_SHOWN]]
    if len(src) > SOURCE_LINES_SHOWN:
        lines.append(f"    | ... ({len(src) - SOURCE_LINES_SHOWN} more lines)")
    errors = [o for o in cell.get("outputs", [])
              if o.get("output_type") == "error"
              or (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    text = "".join(output_text(o) if o.get("output_type") == "stream" else output_text(o) + "\n"
                   for o in errors).rstrip().splitlines()
    lines.append("  error (kernel output):" if text else "  error: the kernel reported no error text")
    lines += [f"    | {line}" for line in text[-ERROR_LINES_SHOWN:]]
    return "\n".join(lines)


class CellFailed(Exception):
    pass


class Interrupted(Exception):
    """The run was stopped by Ctrl-C / SIGTERM (exit status 130)."""


class Interrupter:
    """Ctrl-C / SIGTERM while a notebook runs.

    First signal: interrupt the kernel (jupyter_client sends SIGINT to the kernel's process
    group), so the running cell can stop at its next step and write its checkpoint; the run
    then stops after that cell. If the cell has not ended after `grace` seconds, or on a second
    signal, the run is cancelled at once. Either way the kernel is shut down by nbclient and
    the target notebook is not written.
    """

    def __init__(self, name: str, client, main_task: asyncio.Task, grace: float) -> None:
        self.name = name
        self.client = client
        self.main_task = main_task
        self.grace = grace
        self.signals = 0
        self.at: float | None = None
        self.waiter: asyncio.Task | None = None
        self.gave_up = False

    @property
    def requested(self) -> bool:
        return self.signals > 0

    def __call__(self) -> None:
        self.signals += 1
        if self.signals == 1:
            self.at = time.monotonic()
            log(f"{self.name}: interrupt: asking the kernel to stop the running cell "
                f"(waiting up to {self.grace:.0f} s for it to end; Ctrl-C again to stop at once)")
            self.waiter = asyncio.ensure_future(self._interrupt_then_wait())
        else:
            log(f"{self.name}: second interrupt: stopping the kernel now")
            self.kill_kernel()
            self.main_task.cancel()

    def kill_kernel(self) -> None:
        """SIGKILL to the kernel's process group (its own session, see jupyter_client's launcher)."""
        provisioner = getattr(self.client.km, "provisioner", None)
        pgid = getattr(provisioner, "pgid", None)
        if pgid:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:
                pass  # already gone

    async def _interrupt_then_wait(self) -> None:
        from nbclient.util import ensure_async
        try:
            await ensure_async(self.client.km.interrupt_kernel())
        except Exception as err:  # a kernel that is already gone cannot be interrupted
            log(f"{self.name}: could not interrupt the kernel ({err}); shutting it down")
            self.main_task.cancel()
            return
        await asyncio.sleep(self.grace)
        self.gave_up = True
        log(f"{self.name}: the running cell did not end within {self.grace:.0f} s; shutting the kernel down")
        self.main_task.cancel()

    def cell_ended(self, kernel_died: bool = False) -> None:
        """The interrupted cell returned (normally or with an error): stop waiting."""
        if self.waiter is not None:
            self.waiter.cancel()
        if self.at is not None and self.signals == 1 and not self.gave_up:
            what = "the kernel died" if kernel_died else "the running cell ended"
            log(f"{self.name}: {what} {time.monotonic() - self.at:.1f} s after the interrupt")


async def execute(nb_path: Path, target: Path, kernel: str, startup_timeout: int,
                  grace: float = INTERRUPT_GRACE_SECONDS) -> float:
    """Runs every code cell of nb_path in order; writes the executed notebook to target."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from nbclient.util import ensure_async

    class Client(NotebookClient):
        echo = ProgressEcho(nb_path.stem)

        def process_message(self, msg, cell, cell_index):
            self.echo(msg)
            return super().process_message(msg, cell, cell_index)

    nb = nbformat.read(nb_path, as_version=4)
    code_total = sum(1 for c in nb.cells if c.cell_type == "code")
    client = Client(
        nb, kernel_name=kernel, timeout=None, startup_timeout=startup_timeout,
        record_timing=False, allow_errors=False, shutdown_kernel="graceful",
        resources={"metadata": {"path": str(nb_path.parent)}})
    log(f"{nb_path.stem}: start ({code_total} code cells, kernel {kernel}, cwd {nb_path.parent})")
    started = time.monotonic()
    loop = asyncio.get_running_loop()
    interrupter = Interrupter(nb_path.stem, client, asyncio.current_task(), grace)
    async with client.async_setup_kernel():
        # nbclient's own handlers (active while the kernel starts) only shut the kernel down.
        if getattr(client, "_async_cleanup_kernel_future", None) is not None:
            raise Interrupted
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, interrupter)
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        code_number = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if interrupter.requested:
                raise Interrupted
            code_number += 1
            t0 = time.monotonic()
            try:
                await client.async_execute_cell(cell, index, execution_count=code_number)
            except (CellExecutionError, DeadKernelError) as err:
                if interrupter.requested:  # the interrupted cell ended with an error, or was cancelled
                    interrupter.cell_ended(kernel_died=isinstance(err, DeadKernelError))
                    raise Interrupted from None
                report = describe_failure(nb_path, cell, index, code_number, code_total)
                if isinstance(err, DeadKernelError):
                    report += f"\n  the kernel died: {err}"
                raise CellFailed(report) from None
            if interrupter.requested:
                interrupter.cell_ended()
                raise Interrupted
            elapsed = time.monotonic() - t0
            if elapsed > SLOW_CELL_SECONDS:
                first = next((s for s in cell.source.splitlines() if s.strip()), "")[:70]
                log(f"{nb_path.stem}: code cell {code_number}/{code_total} "
                    f"(index {index}) {elapsed:.1f} s  {first}")
    strip_volatile(nb)
    write_atomic(nb, target)
    total = time.monotonic() - started
    log(f"{nb_path.stem}: done in {total:.1f} s -> {target}")
    return total


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("notebooks", nargs="*", help="notebook files (default: notebooks/NN-*.ipynb)")
    p.add_argument("--nb", default=os.environ.get("NB", ""),
                   help="run only notebooks whose file name starts with this (default: $NB)")
    p.add_argument("--notebooks-dir", default=str(REPO / "notebooks"))
    p.add_argument("--out-dir", help="write executed notebooks here instead of in place")
    p.add_argument("--kernel", default="tslab")
    p.add_argument("--startup-timeout", type=int, default=180, help="seconds for the kernel to start")
    p.add_argument("--interrupt-grace", type=float, default=INTERRUPT_GRACE_SECONDS,
                   help="after Ctrl-C, seconds the running cell may take to end before the kernel is shut down")
    p.add_argument("--summary", help="write per-notebook wall times (JSON) to this file")
    p.add_argument("--check-params", action="store_true",
                   help="only validate parameters and the selection, then exit")
    return p.parse_args(argv)


PROFILE_NAME = re.compile(r"^lw-chromium-(\d+)-")


def remove_stale_profiles() -> None:
    """Removes Chromium profile folders (lib/plot/browser.ts names them lw-chromium-<pid>-*) whose
    process is gone, e.g. a kernel killed at shutdown; the same rule as removeStaleProfiles."""
    tmp = Path(tempfile.gettempdir())
    for folder in tmp.glob("lw-chromium-*"):
        m = PROFILE_NAME.match(folder.name)
        if not m:
            continue
        try:
            os.kill(int(m.group(1)), 0)
            continue  # still running
        except PermissionError:
            continue  # another user's process
        except ProcessLookupError:
            pass
        shutil.rmtree(folder, ignore_errors=True)


def notebook_target(nb_path: Path, out_dir: str | None, out_root: Path) -> Path:
    """--out-dir if given; in place for a run like the committed one; else <out root>/notebooks/."""
    if out_dir:
        return Path(out_dir) / nb_path.name
    if out_root.resolve() == REPO:
        return nb_path
    return out_root / "notebooks" / nb_path.name


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        out_root, scratch = resolve_out_root(os.environ)
        selected = select_notebooks(Path(args.notebooks_dir), args.nb.strip(), args.notebooks)
        created = [] if args.check_params else create_out_root(out_root, os.environ.get("LW_OUT") or str(out_root))
    except UsageError as err:
        log(f"error: {err}")
        return 2
    if args.check_params:
        return 0
    if scratch:
        log(f"{', '.join(scratch)} differ from the committed run: outputs go to {out_root} "
            f"(the committed notebooks, figures/ and data/ stay as they are; set LW_OUT to choose)")
    # The kernel gets the resolved absolute root (it runs in notebooks/, not where make ran).
    os.environ["LW_OUT"] = str(out_root)
    # The venv's kernelspecs come first, ahead of any user-wide Jupyter installation.
    venv_share = str(Path(sys.prefix) / "share" / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [venv_share] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))

    try:
        return run_selected(args, selected, out_root, scratch)
    finally:
        remove_if_empty(created)
        remove_stale_profiles()


def run_selected(args: argparse.Namespace, selected: list[Path], out_root: Path, scratch: list[str]) -> int:
    """Runs each notebook in turn; the exit status of main."""
    times: dict[str, float] = {}
    started = time.monotonic()
    failed: list[str] = []
    for nb_path in selected:
        target = notebook_target(nb_path, args.out_dir, out_root)
        try:
            times[nb_path.stem] = round(asyncio.run(
                execute(nb_path, target, args.kernel, args.startup_timeout, args.interrupt_grace)), 1)
        except CellFailed as failure:
            print(str(failure), file=sys.stderr, flush=True)
            log(f"{nb_path.stem}: not saved ({target} left unchanged)")
            failed.append(nb_path.stem)
        except (Interrupted, KeyboardInterrupt, asyncio.CancelledError):
            log(f"{nb_path.stem}: interrupted; kernel shut down, {target} left unchanged")
            return 130
    total = time.monotonic() - started
    status = 1 if failed else 0
    log(f"{len(times)} of {len(selected)} notebook(s) ran in {total:.1f} s"
        + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    if args.summary:
        Path(args.summary).write_text(json.dumps(
            {"notebooks": times, "total_seconds": round(total, 1), "ok": status == 0,
             "out_root": str(out_root), "scratch": scratch, "committed": out_root.resolve() == REPO},
            indent=2) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
