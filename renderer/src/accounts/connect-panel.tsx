import { useState } from 'react';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { cx } from '../components/class-names';
import { SignInProgress } from '../components/sign-in-progress';
import { useAccounts } from '../stores/accounts-store';
import { useSettings } from '../stores/settings-store';
import styles from './connect-panel.module.css';

/** Choosing a platform, consenting to weak storage if need be, and the flow's progress. */
export function ConnectPanel() {
  const info = useSettings((state) => state.info);
  const credentials = useAccounts((state) => state.credentials);
  const connect = useAccounts((state) => state.connect);
  const {
    startConnect,
    cancelConnect,
    dismissConnect,
    openConnect: setPlatform,
    closeConnect: onClose,
  } = useAccounts((state) => state.actions);
  const platform = useAccounts((state) => state.choosing) ?? 'youtube';
  const [consent, setConsent] = useState(false);
  const insecure = info !== null && !info.secretStore.secure;
  const app = credentials?.find((c) => c.platform === platform);
  const appReady = !!app?.clientId && (!app.secretRequired || app.hasSecret);

  if (connect) {
    const done = connect.stage === 'connected';
    const failed = connect.stage === 'failed' || connect.stage === 'cancelled';
    return (
      <section className="card" aria-label="Connect an account">
        <h2>
          {done
            ? `${platformNames[connect.platform]} connected`
            : failed
              ? `${platformNames[connect.platform]} not connected`
              : `Connecting ${platformNames[connect.platform]}`}
        </h2>
        <SignInProgress
          flow={connect}
          service={platformNames[connect.platform]}
          testId="connect-status"
          onCancel={() => void cancelConnect()}
          onDone={() => {
            dismissConnect();
            if (done) onClose();
          }}
        />
      </section>
    );
  }

  return (
    <section className="card" aria-label="Connect an account">
      <h2>Connect an account</h2>
      <fieldset className={styles.platformChoice}>
        <legend className="muted small">Platform</legend>
        {platformIds.map((id) => (
          <label key={id} className={cx(styles.choice, id === platform && styles.selected)}>
            <input
              type="radio"
              name="platform"
              value={id}
              checked={id === platform}
              onChange={() => setPlatform(id)}
            />
            {platformNames[id]}
          </label>
        ))}
      </fieldset>
      <p className="muted small">
        {platform === 'instagram'
          ? 'Instagram professional accounts are reached through the Facebook Page they are linked to: sign in with Facebook.'
          : platform === 'facebook'
            ? 'Every Page you allow is added as its own account.'
            : `Your browser opens ${platformNames[platform]}'s own sign-in page; ReelPilot never sees your password.`}
      </p>
      {!appReady && (
        <p className="error-text" role="alert">
          Set up your {platformNames[platform]} developer app under “Platform apps” below first.
        </p>
      )}
      {insecure && (
        <div className="warning-box" role="alert">
          <p>
            <strong>Your sign-ins would not be encrypted.</strong> This system offers only{' '}
            {info?.secretStore.backend}, which stores secrets without real encryption: anyone who
            can read your files could use your accounts. Installing a keyring (GNOME Keyring or
            KWallet) and restarting ReelPilot fixes this.
          </p>
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={consent}
              onChange={(event) => setConsent(event.target.checked)}
            />
            <span>I understand and want to store the sign-in anyway</span>
          </label>
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          disabled={!appReady || (insecure && !consent)}
          onClick={() => void startConnect(platform, insecure && consent)}
        >
          Continue to {platformNames[platform]}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
