/** The scaled-score estimate with its range and an honest note on how it is computed. */
import { ASSUMED_PASS_FRACTION, SCALED_PASS, type ScaledEstimate } from '../../exam/index.ts';

export function ScaledScore({ estimate, questions }: { estimate: ScaledEstimate | undefined; questions: number }) {
  if (!estimate) return <p>No scored questions, so there is no score estimate.</p>;
  return (
    <div className="scaled-score">
      <p className="scaled-number">
        Estimated scaled score: <strong>{estimate.score}</strong> <span className="scaled-scale">on 100–1000</span>
      </p>
      <p>
        Likely range {estimate.low}–{estimate.high} with {questions} scored questions.{' '}
        <strong>{estimate.passed ? `At or above ${SCALED_PASS}: a pass, if the estimate holds.` : `Below ${SCALED_PASS}: not yet a pass.`}</strong>
      </p>
      <details className="method">
        <summary>How this estimate is made (AWS does not publish its scaling)</summary>
        <p>
          AWS reports MLA-C01 results on a 100–1000 scale with 720 to pass, but does not publish how raw answers become that number: the pass mark is set by
          expert review and scores are equated across exam forms. We therefore assume that answering {Math.round(ASSUMED_PASS_FRACTION * 100)}% of scored
          questions correctly corresponds to 720, map 0% to 100 and 100% to 1000, and interpolate linearly on each side. The range is the 68% Wilson interval of
          your share correct mapped the same way; short sets give wide ranges. Treat it as a readiness signal, not a prediction of your official score.
        </p>
      </details>
    </div>
  );
}
