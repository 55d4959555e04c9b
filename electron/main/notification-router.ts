import { Notification as OsNotification } from 'electron';
import type { NavigationTarget } from '../../shared/domain/screens';
import type { Notification, Notifier } from '../core/ports';

/**
 * How a notification reaches the person. The engine already decided that it is worth telling
 * (once per cause, kinds switched off are dropped); here: an OS notification while the window is
 * not focused (clicking it opens the app on the screen and item), a notice inside the app while
 * it is, and inside the app too where the system has no notifications.
 */
export function createDesktopNotifier(deps: {
  windowFocused(): boolean;
  inApp(notification: Notification): void;
  open(target: NavigationTarget | null): void;
}): Notifier {
  // Kept until closed: on some systems a notification without a reference loses its click.
  const showing = new Set<OsNotification>();
  return {
    notify(notification) {
      if (deps.windowFocused() || !OsNotification.isSupported()) {
        deps.inApp(notification);
        return;
      }
      const os = new OsNotification({
        title: notification.title,
        body: notification.body,
        silent: notification.level === 'info',
      });
      showing.add(os);
      os.on('click', () => deps.open(notification.target ?? null));
      os.on('close', () => showing.delete(os));
      os.show();
    },
  };
}
