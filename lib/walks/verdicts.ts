/**
 * The rules that decide the generator claims of "Walking in the latent space of a GAN"
 * (notebook 01b), on measurements with their intervals (lib/verdict/rules.ts). Each threshold is a
 * named constant with the reading of the article's words it encodes. Walk measurements come per
 * generator (one {@link Measured} per training seed, its values one per walk); a walk claim must
 * hold for every seed's generator (allOf). Prior comparisons come per training seed.
 */
import { allOf, comparisonRule, equivalenceRule, orderRule, thresholdRule, withinRule, type Measured, type RuleResult } from "../verdict/rules";

/** "Slightly lower contrast": the lerp midpoint keeps between 80 % and 100 % of slerp's RMS contrast. */
export const SLIGHT_FADE: readonly [number, number] = [0.8, 1];
/** "Differ little": the lerp and slerp midpoint images are closer than half the distance between the pair's endpoint images. */
export const LITTLE_DIFFERENCE = 0.5;
/** "Nearly linear": R² of a straight line through a pre-tanh curve above 0.99. */
export const NEARLY_LINEAR_R2 = 0.99;
/** "The first layer is linear": ‖G₁(αz) − αG₁(z)‖/‖αG₁(z)‖ below 5 %. */
export const LINEAR_LAYER_ERROR = 0.05;
/** "Identity does not change along a ray": fewer than one label change per two rays. */
export const STABLE_IDENTITY_CHANGES = 0.5;
/** "A closed loop": the step from the last frame back to the first is within ×/÷ 1.5 of the mean step. */
export const LOOP_STEP_RATIO: readonly [number, number] = [2 / 3, 1.5];
/** "Looks like the Gaussian case": FDs within ±25 % of the normal prior's mean FD. */
export const LIKE_NORMAL_FD_SHARE = 0.25;
/** … and mean classifier confidences within ±0.05. */
export const LIKE_NORMAL_CONFIDENCE = 0.05;

/** The claim must hold for every seed's generator. */
function everySeed(claim: string, perSeed: readonly Measured[], rule: (m: Measured) => RuleResult): RuleResult {
  if (perSeed.length === 0) throw new RangeError(`${claim}: no generators measured`);
  return allOf(claim, perSeed.map(rule));
}

/** lerp's middle frames are slightly fainter: per pair, s(G(lerp ½)) / s(G(slerp ½)) in SLIGHT_FADE. */
export function fadedMiddleRule(contrastRatios: readonly Measured[]): RuleResult {
  return everySeed("lerp's middle frames have slightly lower contrast than slerp's", contrastRatios, (m) => withinRule(m.name, m, SLIGHT_FADE[0], SLIGHT_FADE[1]));
}

/** lerp and slerp rows differ little: per pair, ‖G(lerp ½) − G(slerp ½)‖ / ‖G(p₀) − G(p₁)‖ < LITTLE_DIFFERENCE. */
export function rowsDifferLittleRule(distanceRatios: readonly Measured[]): RuleResult {
  return everySeed("lerp and slerp image rows differ little", distanceRatios, (m) => thresholdRule(m.name, m, "below", LITTLE_DIFFERENCE));
}

/** The tent pole costs quality: FD(lerp midpoints) > FD(prior samples), paired by generator. */
export function offPriorRule(lerpMidFd: Measured, priorFd: Measured): RuleResult {
  return comparisonRule("lerp midpoints (off the prior's shell) are further from the real digits than prior samples", lerpMidFd, "greater", priorFd, { paired: true });
}

/**
 * Walking outward raises contrast until saturation: per ray, s(G(r·û)) increases over the radii
 * of `contrast` (paired), and the saturated share at the last of `saturation`'s radii exceeds that at the first.
 */
export function contrastUntilSaturationRule(contrast: readonly Measured[], saturation: readonly [Measured, Measured]): RuleResult {
  return allOf("walking outward along a ray raises contrast until the image saturates", [
    orderRule("contrast rises with the radius", contrast, "less", { paired: true }),
    comparisonRule("more saturated pixels further out", saturation[0], "less", saturation[1], { paired: true }),
  ]);
}

/**
 * Pre-tanh outputs are nearly linear in r only far from the origin: per ray (median R² over the
 * pixels), R²(far) > NEARLY_LINEAR_R2; R²(origin) below R²(far), paired by ray; and near radius 10
 * only "moderately" linear: R²(middle) below R²(far) (paired) and below NEARLY_LINEAR_R2 itself
 * (a middle window as straight as the far one, R² ≈ 1, is not "moderately linear").
 */
export function linearFarOnlyRule(r2Origin: Measured, r2Middle: Measured, r2Far: Measured): RuleResult {
  return allOf("pre-tanh outputs are nearly linear in the radius only far from the origin", [
    thresholdRule("nearly linear far out", r2Far, "above", NEARLY_LINEAR_R2),
    comparisonRule("less linear near the origin", r2Origin, "less", r2Far, { paired: true }),
    comparisonRule("less linear near radius 10", r2Middle, "less", r2Far, { paired: true }),
    thresholdRule("only moderately linear near radius 10", r2Middle, "below", NEARLY_LINEAR_R2),
  ]);
}

/** Some curves are non-monotone near radius 10: the mean share of non-monotone curves per ray is above 0. */
export function nonMonotoneRule(share: Measured): RuleResult {
  return thresholdRule("some pre-tanh curves are non-monotone near radius 10", share, "above", 0);
}

/** The first layer is linear: the homogeneity error is below LINEAR_LAYER_ERROR at every α measured. */
export function linearFirstLayerRule(errors: readonly Measured[]): RuleResult {
  return everySeed("the generator's first layer is linear in z", errors, (m) => thresholdRule(m.name, m, "below", LINEAR_LAYER_ERROR));
}

/**
 * Only movement along the sphere changes identity: label changes per radial ray below
 * STABLE_IDENTITY_CHANGES, and fewer than per great-circle loop (Welch: different walks).
 */
export function identityRule(rayChanges: Measured, loopChanges: Measured): RuleResult {
  return allOf("only movement along the sphere changes the digit's identity", [
    thresholdRule("labels hold along radial rays", rayChanges, "below", STABLE_IDENTITY_CHANGES),
    comparisonRule("fewer changes along rays than along great circles", rayChanges, "less", loopChanges, { paired: false }),
  ]);
}

/** The great-circle walk closes: per loop, the last → first step over the mean step, within LOOP_STEP_RATIO. */
export function closedLoopRule(stepRatios: readonly Measured[]): RuleResult {
  return everySeed("a great-circle walk is a closed loop in image space too", stepRatios, (m) => withinRule(m.name, m, LOOP_STEP_RATIO[0], LOOP_STEP_RATIO[1]));
}

/** A sphere-prior generator looks like the normal-prior one: FD and confidence equivalent (Welch over seeds). */
export function sphereLikeNormalRule(fd: { sphere: Measured; normal: Measured }, confidence: { sphere: Measured; normal: Measured }): RuleResult {
  const margin = LIKE_NORMAL_FD_SHARE * (fd.normal.values.reduce((s, v) => s + v, 0) / fd.normal.values.length);
  return allOf("a generator trained on the sphere of radius 10 looks like the Gaussian one", [
    equivalenceRule("FD within ±25 %", fd.sphere, fd.normal, margin, { paired: false }),
    equivalenceRule("confidence within ±0.05", confidence.sphere, confidence.normal, LIKE_NORMAL_CONFIDENCE, { paired: false }),
  ]);
}

/** Uniform radius on [0, 10] costs quality: a larger FD and a lower classifier confidence than the normal prior (Welch). */
export function uniformRadiusWorseRule(fd: { uniform: Measured; normal: Measured }, confidence: { uniform: Measured; normal: Measured }): RuleResult {
  return allOf("with the radius uniform on [0, 10], image quality drops", [
    comparisonRule("larger FD", fd.uniform, "greater", fd.normal, { paired: false }),
    comparisonRule("lower confidence", confidence.uniform, "less", confidence.normal, { paired: false }),
  ]);
}
