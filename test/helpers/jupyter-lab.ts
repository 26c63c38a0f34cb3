/**
 * A real JupyterLab from the project venv for browser tests: 127.0.0.1, a free port, a random
 * token, fresh config/settings/workspace folders, the venv's kernelspecs (tslab) first.
 * stop() shuts it down through its REST API, then by signal, so no server or kernel outlives
 * the test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "./notebook-run";

export interface JupyterLab { url: string; token: string; rootDir: string; stop(): Promise<void>; log(): string }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function exited(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    proc.once("exit", () => { clearTimeout(timer); resolve(true); });
  });
}

/** Starts `jupyter lab` serving `rootDir`; resolves once /api/status answers. */
export async function startJupyterLab(rootDir: string, env: Record<string, string> = {}, startupMs = 90_000): Promise<JupyterLab> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "lw-jupyter-"));
  const url = `http://127.0.0.1:${port}`;
  // no "receive Jupyter news?" toast over the notebook
  const notification = path.join(state, "settings", "@jupyterlab", "apputils-extension");
  fs.mkdirSync(notification, { recursive: true });
  fs.writeFileSync(path.join(notification, "notification.jupyterlab-settings"), JSON.stringify({ fetchNews: "false" }));
  const jupyter = path.join(REPO, ".venv", "bin", "jupyter");
  const proc = spawn(jupyter, [
    "lab", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${rootDir}`,
    "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []), // CI containers run as root
  ], {
    cwd: rootDir,
    detached: true, // its own process group, so stop() can signal the server and its children
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      JUPYTER_PATH: path.join(REPO, ".venv", "share", "jupyter"),
      JUPYTER_CONFIG_DIR: path.join(state, "config"),
      JUPYTER_RUNTIME_DIR: path.join(state, "runtime"),
      JUPYTERLAB_SETTINGS_DIR: path.join(state, "settings"),
      JUPYTERLAB_WORKSPACES_DIR: path.join(state, "workspaces"),
      JUPYTER_PLATFORM_DIRS: "1",
      ...env,
    },
  });
  let output = "";
  proc.stdout!.on("data", (d) => { output += d; });
  proc.stderr!.on("data", (d) => { output += d; });

  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      // the server shuts its kernels down, then exits
      await fetch(`${url}/api/shutdown`, { method: "POST", headers: { Authorization: `token ${token}` } }).catch(() => undefined);
      if (!(await exited(proc, 15_000))) {
        try { process.kill(-proc.pid!, "SIGTERM"); } catch { /* already gone */ }
        if (!(await exited(proc, 5_000))) {
          try { process.kill(-proc.pid!, "SIGKILL"); } catch { /* already gone */ }
          await exited(proc, 5_000);
        }
      }
    }
    fs.rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + startupMs;
  for (;;) {
    if (proc.exitCode !== null) {
      await stop();
      throw new Error(`jupyter lab exited with code ${proc.exitCode} before answering:\n${output}`);
    }
    const ok = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } })
      .then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`jupyter lab did not answer on ${url} within ${startupMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, token, rootDir, stop, log: () => output };
}
