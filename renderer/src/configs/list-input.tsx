import { useState } from 'react';
import { splitList } from './draft';

/** A text input for a list of words; keeps what the person typed while it is being edited. */
export function ListInput({
  value,
  onChange,
  separators = /[,\n]/,
  ...props
}: {
  value: string[];
  onChange(values: string[]): void;
  separators?: RegExp;
  id: string;
  placeholder?: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}) {
  const [text, setText] = useState(value.join(', '));
  return (
    <input
      {...props}
      value={text}
      spellCheck={false}
      onChange={(event) => {
        setText(event.target.value);
        onChange(splitList(event.target.value, separators));
      }}
    />
  );
}
