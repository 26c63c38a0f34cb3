/**
 * Atomic file writes: the data goes to `<path>.tmp-<pid>` beside the target, is flushed to disk
 * (fsync), then renamed over the target. rename(2) within one directory is atomic, so a reader,
 * or a run interrupted at any point, sees either the old file or the complete new one.
 */
import * as fs from "fs";
import * as path from "path";

/** Creates `dir` and its parents if missing; returns `dir`. */
export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Checks that `name` is safe as a file name (letters, digits, `-`, `_`, `.`; not starting with
 * `.` or `-`); `kind` ("figure", "table") is named in the error.
 */
export function assertFileName(kind: string, name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    throw new Error(`${kind} name "${name}" is not allowed: use letters, digits, -, _ and . (it becomes a file name)`);
  }
}

/** Name of the temporary file used while writing `target` (exported for tests). */
export function tempPathFor(target: string): string {
  return `${target}.tmp-${process.pid}`;
}

/** The steps of an atomic write; tests replace `rename` to simulate an interruption. */
export interface AtomicFs {
  rename(from: string, to: string): void;
}

const realFs: AtomicFs = { rename: (from, to) => fs.renameSync(from, to) };

/**
 * Writes `data` to `target` atomically, creating parent directories. On any failure the
 * temporary file is removed and the error rethrown; `target` keeps its previous content.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, io: AtomicFs = realFs): void {
  ensureDir(path.dirname(path.resolve(target)));
  const tmp = tempPathFor(target);
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    io.rename(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
