/**
 * The question navigator: one button per question showing, in words and symbols (never colour
 * alone), whether it is answered, partly answered or flagged. Case-study parts are marked.
 */
import { answerProgress, type ExamSession, type QuestionBank } from '../../exam/index.ts';

export function Navigator({ session, bank, onGo, showChecked }: { session: ExamSession; bank: QuestionBank; onGo: (index: number) => void; showChecked: boolean }) {
  const flagged = new Set(session.flagged);
  const checked = new Set(session.checked);
  return (
    <nav className="navigator" aria-label="Questions">
      <h2 className="navigator-heading">Questions</h2>
      <p className="navigator-legend">
        <span aria-hidden="true">●</span> answered · <span aria-hidden="true">◐</span> partly answered · <span aria-hidden="true">○</span> not answered ·{' '}
        <span aria-hidden="true">⚑</span> flagged
      </p>
      <ol className="navigator-list">
        {session.slots.map((slot, index) => {
          const item = bank.itemById.get(slot.itemId);
          const progress = item ? answerProgress(item, session.answers[slot.itemId]) : 'none';
          const symbol = progress === 'complete' ? '●' : progress === 'partial' ? '◐' : '○';
          const words = [progress === 'complete' ? 'answered' : progress === 'partial' ? 'partly answered' : 'not answered'];
          if (flagged.has(slot.itemId)) words.push('flagged');
          if (showChecked && checked.has(slot.itemId)) words.push('checked');
          if (item?.caseStudy) words.push(`case study part ${item.caseStudy.position}`);
          const current = index === session.current;
          return (
            <li key={slot.itemId}>
              <button
                type="button"
                className={`navigator-button${current ? ' is-current' : ''}`}
                aria-current={current ? 'step' : undefined}
                aria-label={`Question ${index + 1}: ${words.join(', ')}`}
                onClick={() => onGo(index)}
              >
                <span aria-hidden="true">
                  {index + 1} {symbol}
                  {flagged.has(slot.itemId) ? '⚑' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
