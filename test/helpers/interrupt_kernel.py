"""Interrupts a real tslab kernel in the middle of a training cell, as JupyterLab's Kernel →
Interrupt does (jupyter_client's interrupt_kernel), and reports what happened as one JSON line.

    .venv/bin/python test/helpers/interrupt_kernel.py <repo> <cache-dir>

Steps: start the tslab kernel; run a setup cell (cpu backend, a tiny GAN of 100,000 steps that
checkpoints into <cache-dir>); start the training cell; once its progress reports a step, send
the interrupt; collect the cell's output and reply; measure the kernel's CPU use over the next
two seconds; run `1 + 1`; run the training cell again with a stop two steps past the
interrupted step, and collect what it prints. Used by test/integration/interrupt.test.ts.
"""
from __future__ import annotations

import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

REPO, CACHE = sys.argv[1], sys.argv[2]
LIB = os.path.join(REPO, "dist", "lib")

SETUP = f"""
import {{ selectBackend }} from "{LIB}/env/backend";
import {{ train }} from "{LIB}/train/loop";
import {{ latentDimensionGan }} from "{LIB}/train/presets";
import {{ mlp }} from "{LIB}/train/config";
import {{ progress }} from "{LIB}/notebook/progress";
const data = {{ name: "interrupt-gauss", sample: (n: number, rng: {{ normalArray(n: number): Float64Array }}) => rng.normalArray(2 * n) }};
const config = {{
  ...latentDimensionGan("interrupt", {{ name: data.name, dim: 2 }}, [{{ latentDim: 2, seed: 1 }}], {{ kind: "normal" as const }}),
  generator: mlp(2, 64, "relu", 2, "glorot-uniform"),
  discriminator: mlp(2, 64, {{ leakyRelu: 0.01 }}, 1, "glorot-uniform"),
  batch: {{ real: 64, fake: 64, generator: 64 }},
  steps: 100000, logEvery: 20, checkpointEvery: 5000,
}};
const backend = await selectBackend("cpu");
"""
TRAIN = f"""
const r = await train(config, {{ data: data, progress: progress("interrupt", config.steps) }}, {{ cacheDir: "{CACHE}" }});
console.log("finished", r.source);
"""
RESUME = """
const r2 = await train(config, { data: data }, { cacheDir: "%s", stopAtStep: %d });
console.log("second run:", r2.source, "from step", r2.step - r2.stepsRun, "to", r2.step);
"""


def run_cell(kc, code: str, timeout: float = 120.0, on_output=None) -> dict:
    """Executes `code`; returns the reply status and all text the cell printed."""
    msg_id = kc.execute(code)
    texts: list[str] = []
    status = None
    idle = False
    deadline = time.monotonic() + timeout
    while not (idle and status is not None):
        if time.monotonic() > deadline:
            raise TimeoutError(f"cell did not finish in {timeout} s; output so far: {''.join(texts)[-2000:]}")
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
            if msg["parent_header"].get("msg_id") == msg_id:
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    texts.append(content["text"])
                elif kind in ("display_data", "update_display_data", "execute_result"):
                    texts.append(content.get("data", {}).get("text/plain", "") + "\n")
                elif kind == "status" and content["execution_state"] == "idle":
                    idle = True
                if on_output:
                    on_output("".join(texts))
        except Exception:  # queue.Empty
            pass
        if status is None:
            try:
                reply = kc.get_shell_msg(timeout=0.01)
                if reply["parent_header"].get("msg_id") == msg_id:
                    status = reply["content"]["status"]
            except Exception:
                pass
    return {"status": status, "output": "".join(texts)}


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    km = KernelManager(kernel_name="tslab")
    km.start_kernel(cwd=REPO)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    pid = km.provisioner.process.pid
    result: dict = {}
    try:
        setup = run_cell(kc, SETUP)
        result["setup"] = setup
        sent = {"done": False}

        def interrupt_once(text: str) -> None:
            # the progress line shows "interrupt  N/100000" once a few steps ran
            if not sent["done"] and "/100000" in text:
                time.sleep(1.0)
                sent["done"] = True
                km.interrupt_kernel()

        result["train"] = run_cell(kc, TRAIN, on_output=interrupt_once)
        result["interrupt_sent"] = sent["done"]
        time.sleep(0.5)
        c0 = cpu_seconds(pid)
        time.sleep(2.0)
        result["cpu_seconds_after"] = cpu_seconds(pid) - c0
        result["next_cell"] = run_cell(kc, "1 + 1")
        import re
        m = re.search(r"interrupted at step (\d+) of 100000", result["train"]["output"])
        result["interrupted_step"] = int(m.group(1)) if m else None
        if m:
            result["resume"] = run_cell(kc, RESUME % (CACHE, int(m.group(1)) + 2))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
