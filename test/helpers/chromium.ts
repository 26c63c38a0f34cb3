/**
 * Tests launch Chromium the way lib does (lib/plot/browser.ts): the binary
 * scripts/find-chromium.sh finds, headless, no sandbox, a fresh profile removed on close.
 */
import { launchChromium as launch, type LaunchedChromium } from "../../lib/plot/browser";

export { CHROMIUM_ARGS, chromiumMissingReason, findChromium } from "../../lib/plot/browser";

/** A browser with a 1400×1000 viewport (room for JupyterLab's panels). */
export function launchChromium(): Promise<LaunchedChromium> {
  return launch({ viewport: { width: 1400, height: 1000 } });
}
