/**
 * Finding and launching the Chromium that renders figures and runs the browser tests.
 *
 * Finding: scripts/find-chromium.sh is the one finder (`make`, this module and the tests ask
 * it): `CHROMIUM_PATH`, else a system Chromium/Chrome, else a Playwright-managed one, else the
 * Chromium unpacked from npm into `.cache/chromium/` by `make setup`.
 *
 * Launching: headless, without sandbox (containers often run as root), in a fresh profile
 * folder `<tmp>/lw-chromium-<pid>-XXXXXX` named after the owning process. The folder is
 * removed when the browser is closed and when the process exits; folders left by processes
 * that were killed (SIGKILL, a kernel shut down hard) are removed by the next launch
 * ({@link removeStaleProfiles}). Playwright's own SIGINT handler, which would end the whole
 * process on Ctrl-C, is turned off: in a notebook kernel SIGINT means "interrupt the cell"
 * (the kernel survives, the browser stays for the next figure). A process without a SIGINT
 * handler of its own (a script, a test) exits on Ctrl-C through its exit handlers, so the
 * browser is killed and its profile removed.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext } from "playwright-core";
import { repoRoot } from "../env/out-root";

/**
 * Flags for a sandbox-less container without network: no GPU, no QUIC, and none of the
 * background services (updates, sync, component downloads) that would try to go online.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Prefix of the temporary profile folders; the owning process id follows it. */
export const PROFILE_PREFIX = "lw-chromium-";

interface Lookup {
  key: string;
  path?: string;
  reason?: string;
}
let lastLookup: Lookup | undefined;

/**
 * scripts/find-chromium.sh of the checkout this module belongs to: found from this file
 * (lib/plot or dist/lib/plot; symlinks resolved), not from the working directory, which may be
 * a copy of the notebooks elsewhere.
 */
function finderScript(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "scripts", "find-chromium.sh");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(repoRoot(), "scripts", "find-chromium.sh");
  }
}

function lookup(): Lookup {
  const key = process.env.CHROMIUM_PATH ?? "";
  if (lastLookup?.key === key) return lastLookup;
  const script = finderScript();
  try {
    const found = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    lastLookup = { key, path: found };
  } catch (err) {
    const e = err as { status?: number; stderr?: string };
    const reason = (e.stderr ?? String(err)).trim();
    if (e.status === 2) throw new Error(reason); // a bad CHROMIUM_PATH is an error, not "none found"
    lastLookup = { key, reason };
  }
  return lastLookup;
}

/**
 * The Chromium to drive, as scripts/find-chromium.sh finds it; undefined when there is none.
 * Throws when `CHROMIUM_PATH` is set but is not an executable file.
 */
export function findChromium(): string | undefined {
  return lookup().path;
}

/** Why no Chromium was found (the finder's advice), or "" when one was. */
export function chromiumMissingReason(): string {
  return lookup().reason ?? "";
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/**
 * Removes profile folders in `dir` whose owning process no longer runs (only folders this
 * user may delete). Returns the removed paths.
 */
export function removeStaleProfiles(dir: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(entry);
    if (m === null || processAlive(Number(m[1]))) continue;
    const full = path.join(dir, entry);
    try {
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(full);
    } catch {
      // another user's folder: not ours to remove
    }
  }
  return removed;
}

const liveProfiles = new Set<string>();
let hooksInstalled = false;

function removeLiveProfiles(): void {
  for (const dir of liveProfiles) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  liveProfiles.clear();
}

/** Ctrl-C of a plain Node process: exit (playwright's exit handler kills the browser, then the profiles go). */
function exitOnSigint(): void {
  process.exit(130);
}

/**
 * After the first launch (so that playwright's exit handler, which kills the browser, runs
 * before ours): profiles are removed on exit; Ctrl-C ends a process that has no SIGINT handler
 * of its own through `exit` instead of dying without running exit handlers. A process that
 * handles SIGINT itself (the tslab kernel: an interrupt stops the cell) keeps its handler.
 */
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", removeLiveProfiles);
  if (process.listenerCount("SIGINT") === 0) process.once("SIGINT", exitOnSigint);
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** the temporary profile folder (removed by close) */
  profile: string;
  /** Closes the browser and removes the profile folder. */
  close(): Promise<void>;
}

/** Launches the found Chromium headless in a new temporary profile (see the module comment). */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error(`no Chromium found for headless rendering and browser tests:\n${chromiumMissingReason()}`);
  }
  removeStaleProfiles();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  liveProfiles.add(profile);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? null,
      timeout: 60_000,
      handleSIGINT: false,
    });
  } catch (err) {
    liveProfiles.delete(profile);
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  installHooks();
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => undefined);
      liveProfiles.delete(profile);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
