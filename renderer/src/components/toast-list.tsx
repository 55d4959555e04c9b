import { useEffect, useState } from 'react';
import { useNavigation } from '../stores/navigation-store';
import { useNotices, type Toast } from '../stores/notices-store';
import { cx } from './class-names';
import { DismissButton } from './dismiss-button';
import styles from './toast-list.module.css';

/** How long a toast stays, by level: long enough to read, errors longest. */
export const toastLifetimeMs: Record<Toast['level'], number> = {
  info: 6_000,
  warning: 10_000,
  error: 15_000,
};

/** One toast: it closes by itself, but not while the pointer or the focus is on it. */
function ToastItem({ toast }: { toast: Toast }) {
  const { dismiss } = useNotices((state) => state.actions);
  const { show } = useNavigation((state) => state.actions);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(() => dismiss(toast.id), toastLifetimeMs[toast.level]);
    return () => window.clearTimeout(timer);
  }, [held, toast.id, toast.level, dismiss]);
  return (
    <div
      className={cx(
        styles.toast,
        toast.level === 'error' && styles.error,
        toast.level === 'warning' && styles.warning,
      )}
      role={toast.level === 'error' ? 'alert' : 'status'}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
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
  );
}

export function ToastList() {
  const toasts = useNotices((state) => state.toasts);
  return (
    <div className={styles.toasts} role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
