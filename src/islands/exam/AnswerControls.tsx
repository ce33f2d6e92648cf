/**
 * The interactive answer area of one question, for every type, operable by keyboard alone:
 * radio buttons, checkboxes, Move up/Move down buttons for ordering (no drag and drop), and one
 * select per prompt for matching. `onAnswer(null)` clears an answer.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { Answer, ScoredItem, SessionSlot } from '../../exam/index.ts';
import { chooseText } from './exam-client.ts';

export interface AnswerControlsProps {
  item: ScoredItem;
  slot: SessionSlot;
  answer: Answer | undefined;
  onAnswer: (answer: Answer | null) => void;
  /** Prefix for DOM ids, unique per question on the page. */
  idPrefix: string;
  /** Id of the element holding the stem, so the group is described by it. */
  stemId: string;
  disabled?: boolean;
}

export function AnswerControls(props: AnswerControlsProps) {
  switch (props.item.type) {
    case 'single':
      return <SingleControls {...props} />;
    case 'multiple':
      return <MultipleControls {...props} />;
    case 'ordering':
      return <OrderingControls {...props} />;
    case 'matching':
      return <MatchingControls {...props} />;
  }
}

function optionText(item: ScoredItem, id: string): string {
  if (item.type === 'single' || item.type === 'multiple') return item.options.find((o) => o.id === id)?.text ?? id;
  if (item.type === 'ordering') return item.items.find((s) => s.id === id)?.text ?? id;
  if (item.type === 'matching') return item.responses.find((r) => r.id === id)?.text ?? id;
  return id;
}

function SingleControls({ item, slot, answer, onAnswer, idPrefix, stemId, disabled }: AnswerControlsProps) {
  const choice = answer?.type === 'single' ? answer.choice : undefined;
  return (
    <fieldset className="answer-group" aria-describedby={stemId} disabled={disabled}>
      <legend>Choose one.</legend>
      {slot.order.map((id) => (
        <label key={id} className="choice" htmlFor={`${idPrefix}-${id}`}>
          <input
            type="radio"
            id={`${idPrefix}-${id}`}
            name={`${idPrefix}-choice`}
            value={id}
            checked={choice === id}
            onChange={() => onAnswer({ type: 'single', choice: id })}
          />
          <span>{optionText(item, id)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function MultipleControls({ item, slot, answer, onAnswer, idPrefix, stemId, disabled }: AnswerControlsProps) {
  const chosen = answer?.type === 'multiple' ? answer.choices : [];
  const choose = item.type === 'multiple' ? item.choose : 2;
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    onAnswer(next.length ? { type: 'multiple', choices: next } : null);
  };
  return (
    <fieldset className="answer-group" aria-describedby={`${stemId} ${idPrefix}-count`} disabled={disabled}>
      <legend>{chooseText(choose)}</legend>
      {slot.order.map((id) => (
        <label key={id} className="choice" htmlFor={`${idPrefix}-${id}`}>
          <input type="checkbox" id={`${idPrefix}-${id}`} value={id} checked={chosen.includes(id)} onChange={() => toggle(id)} />
          <span>{optionText(item, id)}</span>
        </label>
      ))}
      <p id={`${idPrefix}-count`} className="selection-count">
        {chosen.length} of {choose} selected
        {chosen.length > choose ? ` — this question asks for ${choose}; extra choices make the answer wrong.` : ''}
      </p>
    </fieldset>
  );
}

function OrderingControls({ item, slot, answer, onAnswer, idPrefix, stemId, disabled }: AnswerControlsProps) {
  const order = answer?.type === 'ordering' ? answer.order : slot.order;
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [refocus, setRefocus] = useState<string | undefined>();

  // Moving a list item re-inserts its DOM node, which drops focus; put it back on the same button.
  useLayoutEffect(() => {
    if (!refocus) return;
    buttons.current.get(refocus)?.focus();
    setRefocus(undefined);
  }, [refocus, order]);

  const move = (id: string, by: -1 | 1) => {
    const from = order.indexOf(id);
    const to = from + by;
    if (to < 0 || to >= order.length) {
      setAnnouncement(`${optionText(item, id)} is already ${by < 0 ? 'first' : 'last'}.`);
      return;
    }
    const next = [...order];
    [next[from], next[to]] = [next[to]!, next[from]!];
    onAnswer({ type: 'ordering', order: next });
    setAnnouncement(`Moved to position ${to + 1} of ${order.length}: ${optionText(item, id)}`);
    setRefocus(`${id}:${by < 0 ? 'up' : 'down'}`);
  };

  return (
    <fieldset className="answer-group" aria-describedby={`${stemId} ${idPrefix}-how`} disabled={disabled}>
      <legend>Put the steps in order, first step at the top.</legend>
      <p id={`${idPrefix}-how`} className="hint">
        Use the Move up and Move down buttons. {answer ? 'Your order is saved as you go.' : 'The order below is not an answer until you move a step or keep it.'}
      </p>
      <ol className="ordering-list">
        {order.map((id, index) => (
          <li key={id} className="ordering-step">
            <span className="ordering-position" aria-hidden="true">
              {index + 1}
            </span>
            <span id={`${idPrefix}-${id}-text`} className="ordering-text">
              {optionText(item, id)}
            </span>
            <span className="ordering-buttons">
              {(['up', 'down'] as const).map((direction) => {
                const atEdge = direction === 'up' ? index === 0 : index === order.length - 1;
                return (
                  <button
                    key={direction}
                    type="button"
                    ref={(el) => {
                      if (el) buttons.current.set(`${id}:${direction}`, el);
                      else buttons.current.delete(`${id}:${direction}`);
                    }}
                    className="move-button"
                    aria-label={`Move ${direction}: ${optionText(item, id)} (now ${index + 1} of ${order.length})`}
                    // aria-disabled keeps the button focusable, so focus is not lost at the ends.
                    aria-disabled={atEdge || undefined}
                    onClick={() => move(id, direction === 'up' ? -1 : 1)}
                  >
                    <span aria-hidden="true">{direction === 'up' ? '↑' : '↓'}</span> Move {direction}
                  </button>
                );
              })}
            </span>
          </li>
        ))}
      </ol>
      {!answer && !disabled && (
        <button type="button" className="secondary" onClick={() => onAnswer({ type: 'ordering', order: [...order] })}>
          Keep this order as my answer
        </button>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}

function MatchingControls({ item, slot, answer, onAnswer, idPrefix, stemId, disabled }: AnswerControlsProps) {
  if (item.type !== 'matching') return null;
  const pairs = answer?.type === 'matching' ? answer.pairs : {};
  const responseOrder = slot.responseOrder ?? item.responses.map((r) => r.id);
  const choose = (promptId: string, responseId: string) => {
    const next = { ...pairs };
    if (responseId) next[promptId] = responseId;
    else delete next[promptId];
    onAnswer(Object.keys(next).length ? { type: 'matching', pairs: next } : null);
  };
  const matched = item.prompts.filter((p) => pairs[p.id]).length;
  return (
    <fieldset className="answer-group" aria-describedby={`${stemId} ${idPrefix}-count`} disabled={disabled}>
      <legend>Match each item with one response.</legend>
      <div className="matching-responses">
        <p id={`${idPrefix}-responses`} className="review-label">
          Responses
        </p>
        <ul aria-labelledby={`${idPrefix}-responses`}>
          {responseOrder.map((responseId) => (
            <li key={responseId}>{optionText(item, responseId)}</li>
          ))}
        </ul>
      </div>
      <ul className="matching-list">
        {slot.order.map((promptId) => {
          const prompt = item.prompts.find((p) => p.id === promptId);
          if (!prompt) return null;
          return (
            <li key={promptId} className="matching-row">
              <label htmlFor={`${idPrefix}-${promptId}`} className="matching-prompt">
                {prompt.text}
              </label>
              <select id={`${idPrefix}-${promptId}`} value={pairs[promptId] ?? ''} onChange={(e) => choose(promptId, e.target.value)}>
                <option value="">Choose a response…</option>
                {responseOrder.map((responseId) => (
                  <option key={responseId} value={responseId}>
                    {optionText(item, responseId)}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <p id={`${idPrefix}-count`} className="selection-count">
        {matched} of {item.prompts.length} matched
      </p>
    </fieldset>
  );
}
