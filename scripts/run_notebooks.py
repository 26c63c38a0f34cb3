#!/usr/bin/env python3
"""Execute the notebooks headless with Jupyter's own executor (nbclient) and the tslab kernel.

    .venv/bin/python scripts/run_notebooks.py                 # every notebooks/NN-*.ipynb, saved in place
    .venv/bin/python scripts/run_notebooks.py --nb 01         # only notebooks whose name starts with 01
    .venv/bin/python scripts/run_notebooks.py --out-dir /tmp/x path/to/a.ipynb
    python3 scripts/run_notebooks.py --check-params --nb 01   # validate parameters only (no Jupyter needed)

Each notebook runs in a fresh 'tslab' kernel whose working directory is the notebook's folder,
with no per-cell time limit (training cells are long) but a limit on kernel start-up. The
environment passes through to the kernel (QUICK, SEED, FORCE, LW_OUT, TFJS_BACKEND,
CHROMIUM_PATH, ...). The executed notebook is written to a temporary file and renamed over the
target, so an interrupted or failed run never leaves half a notebook, and a notebook whose cell
fails is not overwritten. Volatile metadata (per-cell execution timestamps) is not recorded,
so re-running an unchanged notebook gives a small diff.

Exit status: 0 all notebooks ran; 1 a cell failed or the kernel died; 2 bad parameters or
no notebook selected; 130 interrupted (Ctrl-C / SIGTERM; the kernel is shut down first).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
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

# name -> (check, allowed values as said in the message); same rules as lib/env/params.ts.
MAX_SEED = 2**32 - 1
PARAMS = {
    "QUICK": (lambda v: v in ("0", "1"), "use 0 or 1"),
    "FORCE": (lambda v: v in ("0", "1"), "use 0 or 1"),
    "LONG": (lambda v: v in ("0", "1"), "use 0 or 1"),
    "SEED": (lambda v: re.fullmatch(r"\d+", v) is not None and int(v) <= MAX_SEED,
             f"use an integer from 0 to {MAX_SEED}"),
    "TFJS_BACKEND": (lambda v: v in ("auto", "tensorflow", "wasm", "cpu"),
                     "use one of auto, tensorflow, wasm, cpu"),
}


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


def check_params(env: os._Environ | dict) -> None:
    """Refuses a bad QUICK/SEED/FORCE/LONG/TFJS_BACKEND before any kernel starts (empty = unset)."""
    for name, (ok, allowed) in PARAMS.items():
        value = env.get(name)
        if value is None or value.strip() == "":
            continue
        if not ok(value.strip()):
            raise UsageError(f'{name}="{value}" is not allowed: {allowed}')


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


async def execute(nb_path: Path, target: Path, kernel: str, startup_timeout: int) -> float:
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
    main_task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    async with client.async_setup_kernel():
        # nbclient's own signal handlers only shut the kernel down; ours also stop this run.
        interrupted = []

        def stop() -> None:
            interrupted.append(True)
            main_task.cancel()

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        code_number = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_number += 1
            t0 = time.monotonic()
            try:
                await client.async_execute_cell(cell, index, execution_count=code_number)
            except (CellExecutionError, DeadKernelError) as err:
                if interrupted:  # nbclient turns our cancellation into DeadKernelError
                    raise KeyboardInterrupt from None
                report = describe_failure(nb_path, cell, index, code_number, code_total)
                if isinstance(err, DeadKernelError):
                    report += f"\n  the kernel died: {err}"
                raise CellFailed(report) from None
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
    p.add_argument("--summary", help="write per-notebook wall times (JSON) to this file")
    p.add_argument("--check-params", action="store_true",
                   help="only validate parameters and the selection, then exit")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        check_params(os.environ)
        selected = select_notebooks(Path(args.notebooks_dir), args.nb.strip(), args.notebooks)
    except UsageError as err:
        log(f"error: {err}")
        return 2
    if args.check_params:
        return 0
    # The venv's kernelspecs come first, ahead of any user-wide Jupyter installation.
    venv_share = str(Path(sys.prefix) / "share" / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [venv_share] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))

    times: dict[str, float] = {}
    started = time.monotonic()
    failed: list[str] = []
    for nb_path in selected:
        target = Path(args.out_dir) / nb_path.name if args.out_dir else nb_path
        try:
            times[nb_path.stem] = round(asyncio.run(
                execute(nb_path, target, args.kernel, args.startup_timeout)), 1)
        except CellFailed as failure:
            print(str(failure), file=sys.stderr, flush=True)
            log(f"{nb_path.stem}: not saved ({target} left unchanged)")
            failed.append(nb_path.stem)
        except (KeyboardInterrupt, asyncio.CancelledError):
            log(f"{nb_path.stem}: interrupted; kernel shut down, {target} left unchanged")
            return 130
    total = time.monotonic() - started
    status = 1 if failed else 0
    log(f"{len(times)} of {len(selected)} notebook(s) ran in {total:.1f} s"
        + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    if args.summary:
        Path(args.summary).write_text(json.dumps(
            {"notebooks": times, "total_seconds": round(total, 1), "ok": status == 0}, indent=2) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
