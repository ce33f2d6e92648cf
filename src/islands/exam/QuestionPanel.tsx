/** One question on screen: its number, the case-study scenario if any, the stem and the answer area. */
import { forwardRef } from 'react';
import type { Answer, ScoredItem, SessionSlot } from '../../exam/index.ts';
import { AnswerControls } from './AnswerControls.tsx';
import { typeLabels } from './exam-client.ts';

export interface QuestionPanelProps {
  item: ScoredItem;
  slot: SessionSlot;
  index: number;
  total: number;
  answer: Answer | undefined;
  onAnswer: (answer: Answer | null) => void;
  locked: boolean;
  flagged: boolean;
}

export const QuestionPanel = forwardRef<HTMLHeadingElement, QuestionPanelProps>(function QuestionPanel(props, headingRef) {
  const { item, slot, index, total, answer, onAnswer, locked, flagged } = props;
  const idPrefix = `q-${item.id}`;
  const stemId = `${idPrefix}-stem`;
  return (
    <section className="question-panel" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`} ref={headingRef} tabIndex={-1} className="question-heading">
        Question {index + 1} of {total}
        <span className="question-type"> · {typeLabels[item.type]}</span>
        {flagged ? <span className="flag-mark"> · <span aria-hidden="true">⚑</span> flagged for review</span> : null}
      </h2>
      {item.caseStudy ? (
        <div className="scenario" role="group" aria-label={`Case study scenario, part ${item.caseStudy.position} of ${item.caseStudy.count}`}>
          <p className="scenario-label">
            Case study · question {item.caseStudy.position} of {item.caseStudy.count} on this scenario
          </p>
          <p>{item.caseStudy.scenario}</p>
        </div>
      ) : null}
      <p id={stemId} className="stem">
        {item.stem}
      </p>
      <AnswerControls item={item} slot={slot} answer={answer} onAnswer={onAnswer} idPrefix={idPrefix} stemId={stemId} disabled={locked} />
    </section>
  );
});
