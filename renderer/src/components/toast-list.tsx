import { navigateTo } from '../automation/navigation-requests';
import { useNotices } from '../stores/notices-store';

export function ToastList() {
  const toasts = useNotices((state) => state.toasts);
  const dismiss = useNotices((state) => state.dismiss);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.level}`}
          role={toast.level === 'error' ? 'alert' : 'status'}
        >
          <div>
            <strong>{toast.title}</strong>
            <p>{toast.body}</p>
            {toast.target && (
              <button
                type="button"
                className="secondary small toast-action"
                onClick={() => {
                  if (toast.target) navigateTo(toast.target);
                  dismiss(toast.id);
                }}
              >
                Show
              </button>
            )}
          </div>
          <button
            type="button"
            className="ghost"
            aria-label="Dismiss"
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
