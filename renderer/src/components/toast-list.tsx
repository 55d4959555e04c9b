import { useNavigation } from '../stores/navigation-store';
import { useNotices } from '../stores/notices-store';
import { cx } from './class-names';
import { DismissButton } from './dismiss-button';
import styles from './toast-list.module.css';

export function ToastList() {
  const toasts = useNotices((state) => state.toasts);
  const { dismiss } = useNotices((state) => state.actions);
  const { show } = useNavigation((state) => state.actions);
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
            {toast.target && (
              <button
                type="button"
                className={cx('secondary small', styles.action)}
                onClick={() => {
                  if (toast.target) show(toast.target);
                  dismiss(toast.id);
                }}
              >
                Show
              </button>
            )}
          </div>
          <DismissButton onClick={() => dismiss(toast.id)} />
        </div>
      ))}
    </div>
  );
}
