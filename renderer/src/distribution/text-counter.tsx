import type { TextUsage } from '../../../shared/domain/post-text';
import { cx } from '../components/class-names';
import styles from './post-editor.module.css';

const unitWords: Record<TextUsage['unit'], string> = {
  characters: 'characters',
  utf16: 'characters',
  bytes: 'bytes',
  weighted: 'characters (links 23, emoji 2)',
};

/** "1,234 / 2,200 characters" under a field, in the danger tone once over the platform's limit. */
export function TextCounter({ usage, id }: { usage: TextUsage; id: string }) {
  return (
    <small
      id={id}
      className={cx(styles.counter, usage.over ? 'error-text' : 'muted')}
      data-over={usage.over || undefined}
    >
      {usage.used.toLocaleString()} / {usage.max.toLocaleString()} {unitWords[usage.unit]}
    </small>
  );
}
