import styles from './spinner.module.css';

/** Something is under way; the words beside it say what. Still when motion is reduced. */
export function Spinner() {
  return <span className={styles.spinner} aria-hidden="true" />;
}
