/**
 * The one way tests launch Chromium: the binary scripts/find-chromium.sh finds (CHROMIUM_PATH,
 * /usr/bin/chromium, ...), headless, no sandbox (CI runs as root), a fresh profile.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { REPO } from "./notebook-run";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

export function chromiumPath(): string {
  return execFileSync("bash", [path.join(REPO, "scripts", "find-chromium.sh")], { encoding: "utf8" }).trim();
}

/** A persistent context in a new temporary profile; close() also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lw-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
