import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, progress, progressLine } from "../../lib/notebook/progress";

/** A progress reporter on a fake clock, recording the lines it shows. */
function fake(total: number, terminal: boolean) {
  let now = 1_000_000;
  const lines: string[] = [];
  const p = progress("train", total, { clock: () => now, sink: { show: (l) => lines.push(l) }, terminal });
  return { p, lines, advance: (ms: number) => (now += ms) };
}

test("progressLine: step/total, percent, elapsed, ETA from the mean step time, values", () => {
  // 25 of 100 steps in 10 s → 0.4 s per step → 75 steps left take 30 s
  assert.equal(progressLine("train", 25, 100, 10_000, { lossD: 0.693147, epoch: 3 }),
    "train  25/100  25.0%  elapsed 10s  ETA 30s  lossD 0.6931  epoch 3");
  assert.equal(progressLine("train", 100, 100, 83_000), "train  100/100  100.0%  elapsed 1m 23s  done");
  assert.equal(progressLine("x", 0, 10, 0), "x  0/10  0.0%  elapsed 0s  ETA ?");
});

test("formatDuration", () => {
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(59.4), "59s");
  assert.equal(formatDuration(83), "1m 23s");
  assert.equal(formatDuration(4000), "1h 06m 40s");
});

test("terminal: a line at most every 10 s or every 10 % of the way, and the final state", () => {
  const { p, lines, advance } = fake(1000, true);
  for (let step = 1; step <= 1000; step++) {
    advance(5); // 5 s in all: the 10 s rule never fires, only the 10 % rule
    p.update(step, { loss: step });
  }
  p.done();
  // first update, then steps 101, 201, …, 901 (each 10 % after the last line), then done
  assert.deepEqual(lines.map((l) => l.split("  ")[1]), ["1/1000", "101/1000", "201/1000", "301/1000", "401/1000", "501/1000", "601/1000", "701/1000", "801/1000", "901/1000", "1000/1000"]);
  assert.ok(lines[lines.length - 1].includes("done") && lines[lines.length - 1].includes("loss 1000"));
});

test("terminal: slow steps give a line every 10 s", () => {
  const { p, lines, advance } = fake(1_000_000, true);
  for (let step = 1; step <= 100; step++) {
    advance(1000);
    p.update(step);
  }
  // steps 1, 11, 21, …, 91: every 10 s
  assert.equal(lines.length, 10);
  assert.ok(lines[1].includes(" 11/1000000 "));
});

test("notebook: updates in place at most every 0.5 s; done() shows the final state once", () => {
  const { p, lines, advance } = fake(100, false);
  for (let step = 1; step <= 100; step++) {
    advance(100); // 10 updates per second
    p.update(step);
  }
  p.done();
  p.done();
  // 10 s of updates at most every 0.5 s: steps 1, 6, 11, …, 96 (20 lines), plus done
  assert.equal(lines.length, 21);
  assert.ok(lines[20].includes("100/100") && lines[20].includes("done"));
});
