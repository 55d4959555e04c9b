import type { ReactNode } from 'react';

export interface FieldErrors {
  /** The message for a field, when it should be shown (touched, or after a save attempt). */
  of(path: string): string | undefined;
  touch(path: string): void;
}

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
 * A whole-number input in a Field. An emptied input is NaN in the draft (the schema says what
 * is missing) and shows as empty, never as "NaN".
 */
export function NumberField({
  value,
  onChange,
  min,
  max,
  step,
  disabled,
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
}) {
  return (
    <Field {...field}>
      {(props) => (
        <input
          {...props}
          type="number"
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

/** A message for a group (e.g. "choose at least one source"), not tied to one input. */
export function GroupError({ path, errors }: { path: string; errors: FieldErrors }) {
  const message = errors.of(path);
  return message ? (
    <p className="error-text" role="alert">
      {message}
    </p>
  ) : null;
}
