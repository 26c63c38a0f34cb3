/**
 * Critics trained between fixed samplers (lib/train/critic.ts) and read on fresh samples
 * (lib/metrics/critic-eval.ts). Oracles: closed forms of the divergences between N(0, 1) and
 * N(1, 1) (KL = ½; lib/stats/divergences.ts), critics set by hand to the optimal ones (linear
 * in x for this pair), a linear critic's penalty λ(‖w‖ − 1)², and members trained alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { mlp } from "../../lib/train/config";
import { adam } from "../../lib/train/optimizers";
import { createCritic, criticObjective, criticStep, disposeCritic, lossRuns, trainCritic, type CriticConfig, type CriticLoss, type CriticMember, type CriticModel } from "../../lib/train/critic";
import { criticEstimates, criticValueAndGradient, ganGradientNorms, generatorGradients, memberWeights } from "../../lib/metrics/critic-eval";
import { latentDimensionGan } from "../../lib/train/presets";
import { createGanModel, disposeGanModel } from "../../lib/train/model";
import { shiftedNormal, parallelLine } from "../../lib/toy/fixed-pairs";
import { jensenShannonNormal } from "../../lib/stats/divergences";
import { Rng } from "../../lib/util/rng";
import { selectBackend } from "../../lib/env/backend";
import { maxMemberDifference } from "../helpers/member-diff";

const P = shiftedNormal(0, 1), Q = shiftedNormal(1, 1);
const KL: CriticLoss = { kind: "fgan", divergence: "kl" };

function config(members: CriticMember[], overrides: Partial<CriticConfig> = {}): CriticConfig {
  return {
    name: "critic-test",
    dim: 1,
    members,
    network: mlp(2, 16, "relu", 1, "he-uniform"),
    optimizer: adam(3e-3, 0.5, 0.999, 1e-8, "pytorch"),
    batch: 256,
    steps: 400,
    logEvery: 100,
    checkpointEvery: 400,
    ...overrides,
  };
}

/** A critic with no hidden layer, V(x) = w·x + b, set by hand per member. */
function linearCritic(members: CriticMember[], dim: number, w: number[][], b: number[]): CriticModel {
  const model = createCritic(config(members, { dim, network: { kind: "mlp", layers: [{ units: 1, activation: "linear" }], init: "he-uniform" } }));
  const layer = model.network.mlp!.net.layers[0];
  layer.w.assign(tf.tensor3d(w.flat(), [members.length, dim, 1]));
  layer.b.assign(tf.tensor3d(b, [members.length, 1, 1]));
  return model;
}

test("lossRuns: members with equal losses side by side form one run", () => {
  const gp: CriticLoss = { kind: "wgan-gp", weight: 10 };
  const m = (loss: CriticLoss): CriticMember => ({ seed: 1, p: "a", q: "b", loss });
  assert.deepEqual(lossRuns([m(KL), m(KL), m({ kind: "bce" }), m(gp), m({ kind: "wgan-gp", weight: 10 }), m(KL)]).map((r) => [r.start, r.size, r.loss.kind]), [
    [0, 2, "fgan"],
    [2, 1, "bce"],
    [3, 2, "wgan-gp"],
    [5, 1, "fgan"],
  ]);
});

test("estimates at the optimal critics equal the closed forms: KL ½ (V = 1.5 − x), JS by quadrature (V = ½ − x), W₁ = 1 (V = −x)", () => {
  // log p/q = ½ − x for N(0,1) vs N(1,1): T*_KL = 1 + log r, the optimal logit is log r, f(x) = −x is the W₁ critic
  const members: CriticMember[] = [{ seed: 1, p: P.name, q: Q.name, loss: KL }, { seed: 2, p: P.name, q: Q.name, loss: { kind: "bce" } }, { seed: 3, p: P.name, q: Q.name, loss: { kind: "wgan-gp", weight: 10 } }];
  const model = linearCritic(members, 1, [[-1], [-1], [-1]], [1.5, 0.5, 0]);
  const est = criticEstimates(model, [P, Q], 200_000, new Rng(5));
  const truth = [0.5, jensenShannonNormal({ mean: 0, std: 1 }, { mean: 1, std: 1 }), 1];
  est.forEach((e, k) => assert.ok(Math.abs(e.estimate - truth[k]) < 4 * e.se + 1e-6, `member ${k}: ${e.estimate} ± ${e.se} vs ${truth[k]}`));
  // a wrong critic (V = −x for KL, off by the constant 1.5) gives a bound clearly below ½
  const wrong = linearCritic([members[0]], 1, [[-1]], [0]);
  const w = criticEstimates(wrong, [P, Q], 200_000, new Rng(5))[0];
  assert.ok(w.estimate < 0.5 - 10 * w.se, `wrong critic ${w.estimate}`);
  disposeCritic(model);
  disposeCritic(wrong);
});

test("a linear critic's step: the penalty is λ(‖w‖ − 1)², the f-GAN loss is minus the float64 bound", () => {
  const members: CriticMember[] = [{ seed: 1, p: P.name, q: Q.name, loss: KL }, { seed: 2, p: "x", q: "y", loss: { kind: "wgan-gp", weight: 10 } }];
  const model = linearCritic(members, 2, [[0.3, -0.4], [1.2, 0.9]], [0.1, -0.2]);
  const rng = new Rng(4);
  const xp = rng.normalArray(2 * 2 * 8), xq = rng.normalArray(2 * 2 * 8), alpha = rng.uniformArray(2 * 8);
  const t3 = (x: Float64Array, shape: [number, number, number]) => tf.tensor3d(Float32Array.from(x), shape);
  const out = tf.tidy(() => criticObjective(model, t3(xp, [2, 8, 2]), t3(xq, [2, 8, 2]), t3(alpha, [2, 8, 1])));
  const [loss, gp, estimate] = [out.loss, out.gp, out.estimate].map((t) => Array.from(t.dataSync()));
  tf.dispose(Object.values(out));
  assert.ok(Math.abs(gp[1] - 10 * (Math.hypot(1.2, 0.9) - 1) ** 2) < 1e-4, `gp ${gp[1]}`);
  assert.equal(gp[0], 0);
  const v = (x: Float64Array, i: number) => 0.3 * x[2 * i] - 0.4 * x[2 * i + 1] + 0.1;
  let bound = 0;
  for (let i = 0; i < 8; i++) bound += (v(xp, i) - Math.exp(v(xq, i) - 1)) / 8;
  assert.ok(Math.abs(loss[0] + bound) < 1e-5 && Math.abs(estimate[0] - bound) < 1e-5, `loss ${loss[0]} estimate ${estimate[0]} bound ${bound}`);
  // W critic member: estimate E_P V − E_Q V on its own rows (8..15)
  const w = (x: Float64Array, i: number) => 1.2 * x[2 * i] + 0.9 * x[2 * i + 1] - 0.2;
  let wEst = 0;
  for (let i = 8; i < 16; i++) wEst += (w(xp, i) - w(xq, i)) / 8;
  assert.ok(Math.abs(estimate[1] - wEst) < 1e-5 && Math.abs(loss[1] - (-wEst + gp[1])) < 1e-4);
  disposeCritic(model);
});

test("a trained KL critic estimates KL(N(0,1)‖N(1,1)) = ½; with P = Q it estimates ≈ 0", async () => {
  await selectBackend("auto");
  const members: CriticMember[] = [{ seed: 3, p: P.name, q: Q.name, loss: KL }, { seed: 3, p: P.name, q: P.name, loss: KL }];
  const result = await trainCritic(config(members, { steps: 600 }), [P, Q]);
  const [apart, same] = criticEstimates(result.model, [P, Q], 100_000, new Rng(8));
  assert.ok(Math.abs(apart.estimate - 0.5) < 0.05, `KL estimate ${apart.estimate} ± ${apart.se}`);
  assert.ok(Math.abs(same.estimate) < 0.03, `P = Q estimate ${same.estimate} ± ${same.se}`);
  // the log holds the batch estimate, which approaches ½ too
  const last = result.logs.filter((r) => r.step === 600);
  assert.equal(last.length, 2);
  assert.ok(Math.abs(last[0].estimate - 0.5) < 0.25, `batch estimate ${last[0].estimate}`);
  disposeCritic(result.model);
});

test("parallel lines: a discriminator's JS goes to log 2 for θ = 1 and stays ≈ 0 for θ = 0; a penalised critic's W₁ ≈ |θ|", async () => {
  await selectBackend("auto");
  const lines = [parallelLine(0), parallelLine(1)];
  const gp: CriticLoss = { kind: "wgan-gp", weight: 10 };
  const members: CriticMember[] = [
    { seed: 1, p: "line(0)", q: "line(1)", loss: { kind: "bce" } },
    { seed: 1, p: "line(0)", q: "line(0)", loss: { kind: "bce" } },
    { seed: 1, p: "line(0)", q: "line(1)", loss: gp },
    { seed: 1, p: "line(0)", q: "line(0)", loss: gp },
  ];
  const result = await trainCritic(config(members, { dim: 2, steps: 500, network: mlp(2, 32, "relu", 1, "he-uniform") }), lines);
  const [js1, js0, w1, w0] = criticEstimates(result.model, lines, 20_000, new Rng(2));
  assert.ok(js1.estimate > 0.6 && js1.estimate <= Math.LN2 + 1e-6, `JS(θ = 1) ${js1.estimate}`);
  assert.ok(js1.margin > 0, "the discriminator separates the lines");
  assert.ok(Math.abs(js0.estimate) < 0.02, `JS(θ = 0) ${js0.estimate}`);
  assert.ok(Math.abs(w1.estimate - 1) < 0.1, `W₁(θ = 1) ${w1.estimate}`);
  assert.ok(Math.abs(w0.estimate) < 0.02, `W₁(θ = 0) ${w0.estimate}`);
  disposeCritic(result.model);
});

test("members of a mixed ensemble (f-GAN, bce, penalty) train exactly as alone", () => {
  const members: CriticMember[] = [
    { seed: 5, p: P.name, q: Q.name, loss: { kind: "fgan", divergence: "pearson" } },
    { seed: 6, p: P.name, q: Q.name, loss: { kind: "bce" } },
    { seed: 7, p: Q.name, q: P.name, loss: { kind: "wgan-gp", weight: 1 } },
  ];
  const sampler = (name: string) => (name === P.name ? P : Q);
  const ens = createCritic(config(members));
  for (let s = 0; s < 15; s++) tf.dispose(Object.values(criticStep(ens, sampler, s)));
  let maxDiff = 0;
  members.forEach((m, k) => {
    const alone = createCritic(config([m]));
    for (let s = 0; s < 15; s++) tf.dispose(Object.values(criticStep(alone, sampler, s)));
    maxDiff = Math.max(maxDiff, maxMemberDifference(ens.network.variables, alone.network.variables, k));
    disposeCritic(alone);
  });
  assert.ok(maxDiff < 1e-5, `max |ensemble − alone| = ${maxDiff}`);
  disposeCritic(ens);
});

test("generatorGradients: σ(ℓ)‖∇ℓ‖, (1 − σ(ℓ))‖∇ℓ‖ and ‖∇V‖ by hand; a saturated discriminator gives no minimax gradient", () => {
  const g = generatorGradients([0, Math.log(3)], [3, 4, 0, -2], 2);
  // point 1: σ = ½, ‖∇‖ = 5; point 2: σ = ¾, ‖∇‖ = 2
  assert.ok(Math.abs(g.minimax - (0.5 * 5 + 0.75 * 2) / 2) < 1e-12);
  assert.ok(Math.abs(g.nonSaturating - (0.5 * 5 + 0.25 * 2) / 2) < 1e-12);
  assert.ok(Math.abs(g.critic - 3.5) < 1e-12 && Math.abs(g.meanD - 0.625) < 1e-12);
  assert.deepEqual(g.criticMean, [1.5, 1]);
  assert.ok(Math.abs(g.minimaxMean[1] - (0.5 * 4 - 0.75 * 2) / 2) < 1e-12);
  const saturated = generatorGradients([-30, -30], [5, 0, 0, 5], 2);
  assert.ok(saturated.minimax < 1e-12 && saturated.nonSaturating > 4.99, `${saturated.minimax}, ${saturated.nonSaturating}`);
});

test("criticValueAndGradient: a linear critic's gradient is its weight vector everywhere", () => {
  const members: CriticMember[] = [{ seed: 1, p: "a", q: "b", loss: KL }, { seed: 2, p: "a", q: "b", loss: KL }];
  const model = linearCritic(members, 2, [[1, 2], [-3, 0.5]], [0, 1]);
  const pts = [[0, 0, 1, 1, 2, -1], [1, 0, 0, 1, 0, 0]];
  const out = criticValueAndGradient(model, pts, 3);
  assert.deepEqual(Array.from(out[0].value), [0, 3, 0]);
  assert.deepEqual(Array.from(out[1].value), [-2, 1.5, 1]);
  assert.deepEqual(Array.from(out[0].gradient), [1, 2, 1, 2, 1, 2]);
  assert.deepEqual(Array.from(out[1].gradient), [-3, 0.5, -3, 0.5, -3, 0.5]);
  disposeCritic(model);
});

test("config errors name the field", () => {
  const m: CriticMember = { seed: 1, p: P.name, q: Q.name, loss: KL };
  assert.throws(() => createCritic(config([])), /members is empty/);
  assert.throws(() => createCritic(config([m], { network: mlp(1, 4, "relu", 2, "he-uniform") })), /output width is 2, must be 1/);
  assert.throws(() => createCritic(config([{ ...m, loss: { kind: "wgan-gp", weight: -1 } }])), /weight -1/);
  assert.rejects(() => trainCritic(config([{ ...m, q: "nowhere" }]), [P, Q]), /no sampler named "nowhere"/);
});

test("ganGradientNorms: a GAN with a linear critic D(x) = w·x has ‖∇D‖ = ‖w‖ on every interpolate; memberWeights reads member k", () => {
  const cfg = { ...latentDimensionGan("lin", { name: "x", dim: 2 }, [{ latentDim: 2, seed: 1 }, { latentDim: 2, seed: 2 }], { kind: "normal" }), discriminator: mlp(0, 1, "relu", 1, "he-uniform") };
  const model = createGanModel(cfg);
  model.discriminator.mlp!.net.layers[0].w.assign(tf.tensor3d([3, 4, 0.6, -0.8], [2, 2, 1]));
  const rng = new Rng(1);
  const sets = () => [rng.normalArray(20), rng.normalArray(20)];
  const norms = ganGradientNorms(model, sets(), sets(), 10, new Rng(2));
  norms[0].forEach((v) => assert.ok(Math.abs(v - 5) < 1e-5, `member 0: ${v}`));
  norms[1].forEach((v) => assert.ok(Math.abs(v - 1) < 1e-5, `member 1: ${v}`));
  assert.deepEqual(memberWeights(model.discriminator, 1).map((v) => Math.round(v * 10) / 10), [0.6, -0.8]);
  assert.throws(() => memberWeights(model.discriminator, 2), /member 2 not in 0\.\.1/);
  disposeGanModel(model);
});
