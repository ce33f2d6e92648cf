/**
 * A question after marking: the learner's answer, the correct one, and why each option is right or
 * wrong. Marks are words and symbols, never colour alone.
 */
import { isCorrect, answerProgress, type Answer, type ScoredItem, type SessionSlot } from '../../exam/index.ts';

export interface AnswerReviewProps {
  item: ScoredItem;
  slot: SessionSlot;
  answer: Answer | undefined;
  /** Lesson ids that exist, to link references. */
  lessons: ReadonlySet<string>;
  headingLevel?: 3 | 4;
}

export function Verdict({ item, answer, unscored }: { item: ScoredItem; answer: Answer | undefined; unscored?: boolean }) {
  const progress = answerProgress(item, answer);
  const correct = isCorrect(item, answer);
  const text = correct ? 'Correct' : progress === 'none' ? 'Not answered (counts as wrong)' : progress === 'partial' ? 'Incomplete, so incorrect' : 'Incorrect';
  return (
    <p className={`verdict ${correct ? 'verdict-correct' : 'verdict-wrong'}`}>
      <span aria-hidden="true">{correct ? '✓ ' : '✗ '}</span>
      <strong>{text}</strong>
      {unscored ? <span className="unscored-note"> · This was one of the unscored questions; it did not count toward the score.</span> : null}
    </p>
  );
}

export function AnswerReview({ item, slot, answer, lessons, headingLevel = 3 }: AnswerReviewProps) {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  return (
    <div className="answer-review">
      <Details item={item} slot={slot} answer={answer} />
      <Heading className="review-heading">Why</Heading>
      <p>{item.explanation}</p>
      {item.caseStudy ? <p className="case-summary">About the case: {item.caseStudy.explanation}</p> : null}
      <References item={item} lessons={lessons} />
    </div>
  );
}

function Badge({ kind }: { kind: 'yours' | 'correct' | 'missed' }) {
  const label = kind === 'yours' ? 'Your answer' : kind === 'correct' ? 'Correct answer' : 'Correct answer, not chosen';
  return <span className={`badge badge-${kind}`}>{label}</span>;
}

function Details({ item, slot, answer }: { item: ScoredItem; slot: SessionSlot; answer: Answer | undefined }) {
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const chosen = answer?.type === 'single' ? [answer.choice] : answer?.type === 'multiple' ? answer.choices : [];
      return (
        <ul className="review-options">
          {slot.order.map((id) => {
            const option = item.options.find((o) => o.id === id)!;
            const yours = chosen.includes(id);
            return (
              <li key={id} className={`review-option${option.correct ? ' is-correct' : ''}${yours ? ' is-chosen' : ''}`}>
                <p className="review-option-text">
                  <span aria-hidden="true" className="mark">
                    {option.correct ? '✓' : yours ? '✗' : '·'}
                  </span>{' '}
                  {option.text} {yours ? <Badge kind="yours" /> : null} {option.correct ? <Badge kind={yours ? 'correct' : 'missed'} /> : null}
                </p>
                <p className="review-explanation">{option.explanation}</p>
              </li>
            );
          })}
        </ul>
      );
    }
    case 'ordering': {
      const yours = answer?.type === 'ordering' ? answer.order : undefined;
      const text = (id: string) => item.items.find((s) => s.id === id)?.text ?? id;
      return (
        <div className="review-ordering">
          <div>
            <p className="review-label">Your order</p>
            {yours ? (
              <ol>
                {yours.map((id, i) => {
                  const inPlace = item.items[i]?.id === id;
                  return (
                    <li key={id}>
                      {text(id)} <span className={`badge ${inPlace ? 'badge-correct' : 'badge-wrong'}`}>{inPlace ? 'in place' : `belongs at ${item.items.findIndex((s) => s.id === id) + 1}`}</span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p>Not answered.</p>
            )}
          </div>
          <div>
            <p className="review-label">Correct order</p>
            <ol>
              {item.items.map((step) => (
                <li key={step.id}>
                  {step.text}
                  <p className="review-explanation">{step.explanation}</p>
                </li>
              ))}
            </ol>
          </div>
        </div>
      );
    }
    case 'matching': {
      const pairs = answer?.type === 'matching' ? answer.pairs : {};
      const response = (id: string | undefined) => (id ? (item.responses.find((r) => r.id === id)?.text ?? id) : 'not matched');
      return (
        <table className="review-matching">
          <caption className="visually-hidden">Your matches and the correct ones</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Your match</th>
              <th scope="col">Correct match and why</th>
            </tr>
          </thead>
          <tbody>
            {slot.order.map((promptId) => {
              const prompt = item.prompts.find((p) => p.id === promptId)!;
              const right = pairs[promptId] === prompt.answer;
              return (
                <tr key={promptId}>
                  <th scope="row">{prompt.text}</th>
                  <td>
                    <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                    {response(pairs[promptId])} <span className="visually-hidden">{right ? '(right)' : '(wrong)'}</span>
                  </td>
                  <td>
                    <strong>{response(prompt.answer)}</strong>
                    <p className="review-explanation">{prompt.explanation}</p>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      );
    }
  }
}

function References({ item, lessons }: { item: ScoredItem; lessons: ReadonlySet<string> }) {
  const { lessons: lessonIds, docs } = item.meta.references;
  if (!lessonIds.length && !docs.length) return null;
  return (
    <div className="references">
      <p className="review-label">Learn more</p>
      <ul>
        {lessonIds.map((id) => (
          <li key={id}>{lessons.has(id) ? <a href={`/lessons/${id}`}>Lesson: {id}</a> : <span>Lesson: {id} (coming soon)</span>}</li>
        ))}
        {docs.map((title) => (
          <li key={title}>AWS documentation: “{title}”</li>
        ))}
      </ul>
    </div>
  );
}
