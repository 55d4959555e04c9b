import { useEffect } from 'react';
import { useConnection } from '../stores/connection-store';
import styles from './access-lost-notice.module.css';

/**
 * Over everything once the headless host stops accepting this tab (ReelPilot restarted and made
 * a new key): says what happened and where to go, instead of a screen of failing requests.
 */
export function AccessLostNotice() {
  const lost = useConnection((state) => state.lost);
  const { subscribe } = useConnection((state) => state.actions);
  useEffect(() => subscribe(), [subscribe]);
  if (!lost) return null;
  return (
    <div className={styles.scrim}>
      <section className={styles.notice} role="alertdialog" aria-labelledby="access-lost-title">
        <h2 id="access-lost-title">This page lost its connection to ReelPilot</h2>
        <p>{lost}</p>
        <p className="muted small">
          Nothing was lost: everything is kept in ReelPilot&apos;s data folder. This tab can be
          closed.
        </p>
      </section>
    </div>
  );
}
