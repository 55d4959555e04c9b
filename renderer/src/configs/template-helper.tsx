import type { RefObject } from 'react';
import { textVariables, variableMeanings } from '../../../shared/domain/text-template';
import styles from './composer.module.css';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Examples a person can start from; each says what it is for. */
export const templateExamples = {
  caption: [
    ['New from {config} · {date}', 'the config and the day'],
    ['Part {index} of {count} · {config}', 'a numbered series'],
    ['Which one is your favourite? Tell me in the comments.', 'a question for the comments'],
    ['Follow for a new one every day.', 'a call to follow'],
  ],
  title: [
    ['{config} · part {index}', 'the config and the video number'],
    ['{config} ({date})', 'the config and the day'],
    ['{title}', "the first clip's file name: only when your files are named for people"],
  ],
  overlay: [
    ['{config}', "the config's name"],
    ['Day {index} of {count}', 'a countdown'],
    ['{date}', 'the day'],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>;

/** `text` with `insert` put where the cursor of `control` is (at the end without one). */
function insertAtCursor(control: TextControl | null, text: string, insert: string): string {
  const start = control?.selectionStart ?? text.length;
  const end = control?.selectionEnd ?? text.length;
  return text.slice(0, start) + insert + text.slice(end);
}

/**
 * Buttons that insert a variable at the cursor, and a list of examples to start from: templates
 * without remembering their syntax. What each variable stands for is in its title.
 */
export function TemplateHelper({
  control,
  value,
  onChange,
  examples,
  label,
}: {
  control: RefObject<TextControl | null>;
  value: string;
  onChange(next: string): void;
  examples: ReadonlyArray<readonly [string, string]>;
  /** What the field is, for the screen reader's names of the buttons. */
  label: string;
}) {
  const put = (insert: string) => {
    onChange(insertAtCursor(control.current, value, insert));
    control.current?.focus();
  };
  return (
    <div className={styles.helper} role="group" aria-label={`Insert into the ${label}`}>
      <span className="muted small">Insert</span>
      {textVariables.map((name) => (
        <button
          key={name}
          type="button"
          className="secondary small"
          title={variableMeanings[name]}
          aria-label={`Insert {${name}}`}
          onClick={() => put(`{${name}}`)}
        >
          {`{${name}}`}
        </button>
      ))}
      <select
        className={styles.examples}
        aria-label={`Start the ${label} from an example`}
        value=""
        onChange={(event) => {
          const example = event.target.value;
          if (!example) return;
          onChange(value.trim() === '' ? example : `${value.trimEnd()} ${example}`);
          control.current?.focus();
        }}
      >
        <option value="">Examples…</option>
        {examples.map(([example, purpose]) => (
          <option key={example} value={example}>
            {example} ({purpose})
          </option>
        ))}
      </select>
    </div>
  );
}
