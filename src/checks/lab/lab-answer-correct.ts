import { z } from 'zod';
import { finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'lab-answer-correct';

const params = z.strictObject({
  /** The question of the lab whose answer this finding is about. */
  question: z.string().min(1),
});

export function normaliseAnswer(value: string, match: 'exact' | 'case-insensitive'): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return match === 'case-insensitive' ? trimmed.toLowerCase() : trimmed;
}

/**
 * Graded answers to investigation questions ("which access key made the bucket public?"). The
 * accepted answers are computed at setup (they depend on the run) and stored with the session.
 */
export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'The learner’s answer to an investigation question is correct',
  service: 'lab',
  resourceType: 'MLSEC::Lab::Question',
  severity: 'informational',
  risk: 'An investigation that names the wrong principal, key or time leads to the wrong containment: the real credentials stay active while the team rotates someone else’s.',
  securityHub: [],
  syllabus: ['4.3.S3', '4.3.S4'],
  remediation: {
    text: 'Find the answer in the evidence (CloudTrail event history, the resource’s configuration) and record it with `npm run lab -- answer <question> <answer>`.',
    cli: 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=<event-name> --max-results 10',
    docs: 'Viewing CloudTrail events with the AWS CLI',
  },
  reads: ['lab.answers[].questionId', 'lab.answers[].given', 'lab.answers[].accepted', 'lab.answers[].match'],
  params,
  scope: () => ({}),
  evaluate(inventory, p) {
    const answers = inventory.lab?.answers ?? [];
    return answers
      .filter((a) => a.questionId === p.question)
      .map((a) => {
        const resource = { type: 'MLSEC::Lab::Question', id: a.questionId };
        if (a.given === undefined || a.given.trim() === '') {
          return finding(id, resource, 'fail', `Not answered yet: ${a.prompt}`, [{ field: 'answer', value: '(none)', expected: 'your answer' }]);
        }
        const correct = a.accepted.includes(normaliseAnswer(a.given, a.match));
        return finding(id, resource, correct ? 'pass' : 'fail', correct ? `Correct: ${a.prompt}` : `Not the answer the evidence supports: ${a.prompt}`, [
          { field: 'answer', value: a.given, expected: correct ? 'this answer' : 'look at the evidence again' },
        ]);
      });
  },
});
