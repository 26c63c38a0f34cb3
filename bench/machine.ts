/**
 * Facts about the machine a benchmark ran on, so a number is never read without its context:
 * cores, CPU model, memory, kernel, Node, and the 1-minute load average at the start and end
 * (a load near or above the core count means other processes competed for the CPU).
 */
import { execFileSync } from "child_process";
import * as os from "os";

export interface MachineFacts {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  loadStart: number[];
  loadEnd?: number[];
  /** The busiest other processes at the start, "12.3% comm", from ps. */
  busiest: string[];
}

function busiestProcesses(): string[] {
  try {
    const out = execFileSync("ps", ["-eo", "pcpu,comm", "--sort=-pcpu"], { encoding: "utf8" });
    return out
      .split("\n")
      .slice(1, 7)
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("0.0") && !/\sps$/.test(l)) // not ps itself
      .map((l) => l.replace(/^(\S+)\s+/, "$1% "));
  } catch {
    return [];
  }
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    loadStart: os.loadavg(),
    busiest: busiestProcesses(),
  };
}

/** "1.03 / 0.61 / 0.45" (1, 5, 15 minutes). */
export function formatLoad(load: number[] | undefined): string {
  return load ? load.map((x) => x.toFixed(2)).join(" / ") : "n/a";
}

/** Whether the load suggests the numbers are noisy: more than a quarter of a core busy. */
export function machineBusy(f: MachineFacts): boolean {
  return Math.max(f.loadStart[0], f.loadEnd?.[0] ?? 0) > 0.25;
}
