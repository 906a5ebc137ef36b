import { el } from '../overlay/dom';
import { checkAnswer } from './checkAnswer';
import type { Value } from './values';

let count = 0;

/**
 * Predict, then see: a question, an answer box and a verdict. A right answer (or "show me")
 * plays the answer; a wrong one gets the hint and another try. Nothing is stored or graded.
 */
export function renderCheckpoint(ask: Node[], hint: Node[], expected: Value, reveal: () => void): HTMLElement {
  const id = `checkpoint-${++count}`;
  const form = el('form', 'checkpoint');
  form.setAttribute('aria-labelledby', `${id}-ask`);
  form.noValidate = true;
  const question = el('p', 'ask');
  question.id = `${id}-ask`;
  question.append(el('span', 'prompt', '$ predict: '), ...ask);
  const input = el('input');
  Object.assign(input, { name: 'answer', autocomplete: 'off', spellcheck: false, id: `${id}-answer` });
  input.setAttribute('inputmode', expected.number === undefined ? 'text' : 'decimal');
  const label = el('label', undefined, 'your answer ');
  label.htmlFor = input.id;
  const check = Object.assign(el('button', undefined, 'check'), { type: 'submit' });
  const show = Object.assign(el('button', 'show-me', 'show me'), { type: 'button' });
  const row = el('div', 'answer-row');
  row.append(label, input, check, show);
  const verdict = el('p', 'verdict');
  verdict.setAttribute('role', 'status');
  form.append(question, row, verdict);

  const answered = (prefix: string) => {
    form.dataset.state = 'right';
    verdict.replaceChildren(el('strong', undefined, prefix), ` The simulation says ${expected.text}. Watch it happen.`);
    reveal();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = checkAnswer(input.value, expected);
    if (v === 'right') return answered('✓ Right.');
    form.dataset.state = 'wrong';
    if (v === 'empty') verdict.replaceChildren('Type your guess first, or press "show me".');
    else if (v === 'unreadable') verdict.replaceChildren(`Type a number${/ s$/.test(expected.text) ? ' of seconds' : ''}, such as 42.`);
    else verdict.replaceChildren(el('strong', undefined, 'Not quite. '), 'Hint: ', ...hint.map((n) => n.cloneNode(true)));
    input.focus();
  });
  show.addEventListener('click', () => answered('The answer:'));
  return form;
}
