import type { ReactNode } from 'react';

export interface FieldErrors {
  /** The message for a field, when it should be shown (touched, or after a save attempt). */
  of(path: string): string | undefined;
  touch(path: string): void;
}

/** Messages shown as soon as they exist: a form that only shows what the engine refused. */
export function shownErrors(messages: Readonly<Record<string, string>>): FieldErrors {
  return { of: (path) => messages[path], touch: () => {} };
}

/**
 * A labelled control with its hint and error under it. `children` gets the props that tie the
 * control to its label and its error message.
 */
export function Field({
  label,
  path,
  errors,
  hint,
  children,
}: {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: ReactNode;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = `field-${path.replace(/\./g, '-')}`;
  const message = errors.of(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': message ? true : undefined,
        'aria-describedby': message ? `${id}-error` : undefined,
      })}
      {hint && <small className="muted">{hint}</small>}
      {message && (
        <small className="error-text" id={`${id}-error`}>
          {message}
        </small>
      )}
    </div>
  );
}

/**
 * A number in a Field, typed or (`slider`) on a slider. An emptied input is NaN in the draft
 * (the schema says what is missing) and shows as empty, never as "NaN".
 */
export function NumberField({
  value,
  onChange,
  min,
  max,
  step,
  disabled,
  slider = false,
  ...field
}: {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: ReactNode;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  slider?: boolean;
}) {
  return (
    <Field {...field}>
      {(props) => (
        <input
          {...props}
          type={slider ? 'range' : 'number'}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          value={Number.isNaN(value) ? '' : value}
          onChange={(event) => onChange(event.target.valueAsNumber)}
        />
      )}
    </Field>
  );
}

/** A choice in a Field, from `[value, words]` options (see `optionsOf`). */
export function SelectField<T extends string>({
  value,
  options,
  onChange,
  ...field
}: {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: ReactNode;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as T)}>
          {options.map(([option, words]) => (
            <option key={option} value={option}>
              {words}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The options of a SelectField: each value with the words that say it. */
export function optionsOf<T extends string>(
  values: readonly T[],
  words: (value: T) => string,
): Array<[T, string]> {
  return values.map((value) => [value, words(value)]);
}

/** A message for a group (e.g. "choose at least one source"), not tied to one input. */
export function GroupError({ path, errors }: { path: string; errors: FieldErrors }) {
  const message = errors.of(path);
  return message ? (
    <p className="error-text" role="alert">
      {message}
    </p>
  ) : null;
}
