/**
 * Known security advisories of npm packages, checked offline against package-lock.json (the
 * registry here answers `npm audit` with 405). Each row is one advisory and one affected range
 * [introduced, fixed): a locked version inside it is reported. `fixed: null` means no fixed
 * release exists (the package must not be installed at all).
 *
 * The table holds what this tree has held or could pull in; add a row when an advisory for one
 * of our packages is published (id, severity and range from github.com/advisories).
 */

export interface Advisory {
  pkg: string;
  id: string;
  severity: "critical" | "high" | "moderate";
  introduced: string;
  fixed: string | null;
}

export const ADVISORIES: readonly Advisory[] = [
  // form-data: unsafe random boundary (Math.random), request smuggling into multipart bodies
  { pkg: "form-data", id: "GHSA-fjxv-7rqg-78g4", severity: "critical", introduced: "0.0.0", fixed: "2.5.4" },
  { pkg: "form-data", id: "GHSA-fjxv-7rqg-78g4", severity: "critical", introduced: "3.0.0", fixed: "3.0.4" },
  { pkg: "form-data", id: "GHSA-fjxv-7rqg-78g4", severity: "critical", introduced: "4.0.0", fixed: "4.0.4" },
  // request: SSRF through cross-protocol redirects; deprecated, never fixed
  { pkg: "request", id: "GHSA-p8p7-x288-28g6", severity: "moderate", introduced: "0.0.0", fixed: null },
  // tough-cookie: prototype pollution in CookieJar (loose mode)
  { pkg: "tough-cookie", id: "GHSA-72xf-g2v4-qvf3", severity: "moderate", introduced: "0.0.0", fixed: "4.1.3" },
  // qs: arrayLimit bypass in bracket notation, memory exhaustion
  { pkg: "qs", id: "GHSA-6rw7-vpxm-498p", severity: "high", introduced: "0.0.0", fixed: "6.14.1" },
  // tar: linkpath of hard and symbolic links not sanitised (arbitrary file overwrite)
  { pkg: "tar", id: "GHSA-8qq5-rm4j-mr97", severity: "high", introduced: "0.0.0", fixed: "7.5.3" },
  // tar: Unicode path collisions bypass path reservations (race, file overwrite)
  { pkg: "tar", id: "GHSA-r6q2-hw4h-h46w", severity: "high", introduced: "0.0.0", fixed: "7.5.4" },
  // tar: hardlink path traversal
  { pkg: "tar", id: "GHSA-34x7-hfp2-rc4v", severity: "high", introduced: "0.0.0", fixed: "7.5.7" },
  // tar: the latest extraction fix at the time of writing (affects up to 7.5.20; also covers
  // CVE-2026-26960, ≤ 7.5.7, and CVE-2026-31802, < 7.5.11); severity taken as high here
  { pkg: "tar", id: "GHSA-r292-9mhp-454m", severity: "high", introduced: "0.0.0", fixed: "7.5.22" },
  // tar-fs: extraction outside the target folder
  { pkg: "tar-fs", id: "GHSA-8cj5-5rvv-wf4v", severity: "high", introduced: "3.0.0", fixed: "3.0.9" },
  { pkg: "tar-fs", id: "GHSA-vj76-c3g6-qr5v", severity: "high", introduced: "3.0.0", fixed: "3.1.1" },
  // mathjs: code execution through the expression parser (introduced in 13.1.0)
  { pkg: "mathjs", id: "GHSA-jvff-x2qm-6286", severity: "high", introduced: "13.1.0", fixed: "15.2.0" },
  // playwright-core: browser downloads without TLS certificate checks
  { pkg: "playwright-core", id: "GHSA-7mvr-c777-76hp", severity: "high", introduced: "0.0.0", fixed: "1.55.1" },
  // node-fetch: cookie and authorization headers forwarded to a third-party host on redirect
  { pkg: "node-fetch", id: "GHSA-r683-j2x4-v87g", severity: "high", introduced: "0.0.0", fixed: "2.6.7" },
  // https-proxy-agent: socket reuse, data leak across requests
  { pkg: "https-proxy-agent", id: "GHSA-pc5p-h8pf-mvwp", severity: "high", introduced: "0.0.0", fixed: "2.2.3" },
  // rollup: DOM clobbering in bundled output (cross-site scripting)
  { pkg: "rollup", id: "GHSA-gcx4-mw62-g8wm", severity: "high", introduced: "0.0.0", fixed: "2.79.2" },
  { pkg: "rollup", id: "GHSA-gcx4-mw62-g8wm", severity: "high", introduced: "3.0.0", fixed: "3.29.5" },
  { pkg: "rollup", id: "GHSA-gcx4-mw62-g8wm", severity: "high", introduced: "4.0.0", fixed: "4.22.4" },
  // json-schema: prototype pollution
  { pkg: "json-schema", id: "GHSA-896r-f27r-55mw", severity: "critical", introduced: "0.0.0", fixed: "0.4.0" },
  // minimist: prototype pollution
  { pkg: "minimist", id: "GHSA-xvch-5gv4-984h", severity: "critical", introduced: "0.0.0", fixed: "0.2.4" },
  { pkg: "minimist", id: "GHSA-xvch-5gv4-984h", severity: "critical", introduced: "1.0.0", fixed: "1.2.6" },
  // semver: regular-expression denial of service
  { pkg: "semver", id: "GHSA-c2qf-rxjj-qqgw", severity: "moderate", introduced: "0.0.0", fixed: "5.7.2" },
  { pkg: "semver", id: "GHSA-c2qf-rxjj-qqgw", severity: "moderate", introduced: "6.0.0", fixed: "6.3.1" },
  { pkg: "semver", id: "GHSA-c2qf-rxjj-qqgw", severity: "moderate", introduced: "7.0.0", fixed: "7.5.2" },
  // cross-spawn: regular-expression denial of service
  { pkg: "cross-spawn", id: "GHSA-3xgq-45jj-v275", severity: "high", introduced: "0.0.0", fixed: "6.0.6" },
  { pkg: "cross-spawn", id: "GHSA-3xgq-45jj-v275", severity: "high", introduced: "7.0.0", fixed: "7.0.5" },
];

/**
 * Compares two versions as semver does for x.y.z[-pre]: numerically part by part, and a
 * pre-release below its release. Returns <0, 0 or >0.
 */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const dash = v.indexOf("-");
    const core = (dash < 0 ? v : v.slice(0, dash)).split(".").map(Number);
    return { core, pre: dash < 0 ? "" : v.slice(dash + 1) };
  };
  const x = split(a), y = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === "") return 1;
  if (y.pre === "") return -1;
  return x.pre < y.pre ? -1 : 1;
}

export interface Finding {
  path: string;
  version: string;
  advisory: Advisory;
}

/** Lockfile v3 `packages`: installed paths → entries. */
export interface Lockfile {
  packages: Record<string, { version?: string; link?: boolean; name?: string }>;
}

/**
 * Every installed package (a `node_modules/…` entry with a version; links to local stand-ins
 * are not the package they replace) whose version lies in an advisory's range.
 */
export function findAdvisories(lock: Lockfile, table: readonly Advisory[] = ADVISORIES): Finding[] {
  const found: Finding[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    const at = key.lastIndexOf("node_modules/");
    if (at < 0 || entry.link || entry.version === undefined) continue;
    const name = key.slice(at + "node_modules/".length);
    for (const advisory of table) {
      if (advisory.pkg !== name) continue;
      const inRange = compareVersions(entry.version, advisory.introduced) >= 0 &&
        (advisory.fixed === null || compareVersions(entry.version, advisory.fixed) < 0);
      if (inRange) found.push({ path: key, version: entry.version, advisory });
    }
  }
  return found;
}
