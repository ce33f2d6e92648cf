/**
 * An ESTIMATE of the MLA-C01 scaled score (100–1000, 720 to pass).
 *
 * AWS does not publish how raw results become scaled scores: it sets the pass mark by standard
 * setting and equates exam forms of different difficulty, neither of which a practice bank can
 * reproduce. So we state our assumption openly instead of pretending to precision:
 *
 *  - 0 % correct maps to 100 and 100 % to 1000 (the ends of the published scale);
 *  - ASSUMED_PASS_FRACTION (70 % correct) maps to 720, the published pass mark;
 *  - in between, the map is linear on each side of the pass mark.
 *
 * A plain linear map 100 + 900·p would put 720 at 68.9 %; we use 70 %, slightly stricter.
 * The estimate comes with a likely range from the 68 % Wilson interval of the fraction correct,
 * which is wide for short sets (25 questions: roughly ±9 points of percent, ±80 scaled).
 */

export const SCALED_MIN = 100;
export const SCALED_MAX = 1000;
export const SCALED_PASS = 720;
/** Fraction of scored items we assume a candidate at the pass mark answers correctly. */
export const ASSUMED_PASS_FRACTION = 0.7;

export interface ScaledEstimate {
  /** Estimated scaled score, 100–1000, rounded to a whole number. */
  score: number;
  /** Likely range (68 % interval for the fraction correct, mapped the same way). */
  low: number;
  high: number;
  /** Whether the estimate reaches 720. */
  passed: boolean;
  /** The raw fraction correct it came from. */
  fraction: number;
}

/** Maps a fraction correct (0–1) to the scaled estimate. */
export function scaleFraction(fraction: number): number {
  const p = Math.min(1, Math.max(0, fraction));
  const scaled =
    p <= ASSUMED_PASS_FRACTION
      ? SCALED_MIN + (p / ASSUMED_PASS_FRACTION) * (SCALED_PASS - SCALED_MIN)
      : SCALED_PASS + ((p - ASSUMED_PASS_FRACTION) / (1 - ASSUMED_PASS_FRACTION)) * (SCALED_MAX - SCALED_PASS);
  return Math.round(scaled);
}

/** The estimate for `correct` of `total` scored items; undefined when nothing was scored. */
export function estimateScaledScore(correct: number, total: number): ScaledEstimate | undefined {
  if (total <= 0) return undefined;
  const fraction = correct / total;
  const [lowFraction, highFraction] = wilsonInterval(correct, total, 1);
  const score = scaleFraction(fraction);
  return { score, low: scaleFraction(lowFraction), high: scaleFraction(highFraction), passed: score >= SCALED_PASS, fraction };
}

/** Wilson score interval for a binomial proportion; `z` = 1 gives about 68 %. */
export function wilsonInterval(successes: number, trials: number, z: number): [number, number] {
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
