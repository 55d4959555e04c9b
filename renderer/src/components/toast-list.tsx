import { useNotices } from '../stores/notices-store';
import { cx } from './class-names';
import { DismissButton } from './dismiss-button';
import styles from './toast-list.module.css';

export function ToastList() {
  const toasts = useNotices((state) => state.toasts);
  const { dismiss } = useNotices((state) => state.actions);
  return (
    <div className={styles.toasts} role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={cx(
            styles.toast,
            toast.level === 'error' && styles.error,
            toast.level === 'warning' && styles.warning,
          )}
          role={toast.level === 'error' ? 'alert' : 'status'}
        >
          <div>
            <strong>{toast.title}</strong>
            <p>{toast.body}</p>
          </div>
          <DismissButton onClick={() => dismiss(toast.id)} />
        </div>
      ))}
    </div>
  );
}
