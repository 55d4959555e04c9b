import { useState } from 'react';
import type { PlatformCredentials } from '../../../shared/domain/accounts';
import { platformNames } from '../../../shared/domain/platforms';
import { useAccounts } from '../stores/accounts-store';
import { notify } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';
import styles from './platform-apps-section.module.css';

const help: Record<PlatformCredentials['platform'], string> = {
  youtube:
    'Google Cloud console: create a project, enable “YouTube Data API v3”, configure the OAuth consent screen, then create an OAuth client of type “Desktop app”.',
  tiktok:
    'TikTok for Developers: create an app, add Login Kit and Content Posting API (Direct Post), and use its client key and secret. Until TikTok audits the app, posts are private.',
  instagram:
    'Meta for Developers: create a Business app with Facebook Login and the Instagram Graph API; the Instagram account must be professional and linked to a Facebook Page.',
  facebook:
    'Meta for Developers: create a Business app with Facebook Login; ask for pages_manage_posts and publish_video. The same app may serve Instagram.',
  x: 'X developer portal: in your project’s app, turn on OAuth 2.0 (type “Native App” for a public client) with the callback http://127.0.0.1. A secret is only needed for confidential clients.',
};

function AppForm({ credentials }: { credentials: PlatformCredentials }) {
  const { saveCredentials } = useAccounts((state) => state.actions);
  const [clientId, setClientId] = useState(credentials.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [consent, setConsent] = useState(false);
  const info = useSettings((state) => state.info);
  const insecure = info !== null && !info.secretStore.secure;
  const name = platformNames[credentials.platform];
  const needsConsent = insecure && secret.trim() !== '' && !consent;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const outcome = await saveCredentials({
      platform: credentials.platform,
      clientId,
      ...(secret.trim() ? { clientSecret: secret, allowInsecureStorage: insecure && consent } : {}),
    });
    setSaving(false);
    if (!outcome.ok) return setErrors(outcome.fields);
    setSecret('');
    notify(`${name} app saved`, 'You can connect accounts now.');
  };

  return (
    <form className={styles.appForm} onSubmit={save} aria-label={`${name} developer app`}>
      <h3>{name}</h3>
      <p className="muted small">
        {help[credentials.platform]}{' '}
        <a href={credentials.consoleUrl} target="_blank" rel="noopener noreferrer">
          Open the console
        </a>
      </p>
      <label className="field">
        <span>{credentials.platform === 'tiktok' ? 'Client key' : 'Client id'}</span>
        <input
          value={clientId}
          spellCheck={false}
          aria-invalid={errors.clientId ? true : undefined}
          onChange={(event) => setClientId(event.target.value)}
        />
        {errors.clientId && <small className="error-text">{errors.clientId}</small>}
      </label>
      <label className="field">
        <span>
          Client secret{' '}
          {credentials.secretRequired ? '(required)' : '(only for confidential clients)'}
        </span>
        <input
          type="password"
          value={secret}
          autoComplete="off"
          placeholder={credentials.hasSecret ? 'Stored — type to replace' : 'Not set'}
          onChange={(event) => setSecret(event.target.value)}
        />
      </label>
      {insecure && secret.trim() !== '' && (
        <label className="field checkbox warning-box">
          <input
            type="checkbox"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
          />
          <span>
            This system only offers {info?.secretStore.backend}, which does not encrypt the secret.
            Store it anyway.
          </span>
        </label>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving || clientId.trim() === '' || needsConsent}>
          {saving ? 'Saving…' : 'Save app'}
        </button>
        <span className={credentials.clientId ? 'ok-text small' : 'muted small'}>
          {credentials.clientId
            ? credentials.secretRequired && !credentials.hasSecret
              ? 'Secret missing'
              : 'Ready'
            : 'Not set up'}
        </span>
      </div>
    </form>
  );
}

/** Bring your own developer app: ReelPilot signs in with the person's own client ids. */
export function PlatformAppsSection() {
  const credentials = useAccounts((state) => state.credentials);
  if (!credentials) return null;
  return (
    <details className="card" id="platform-apps">
      <summary>
        <h2>Platform apps</h2>
        <span className="muted small">
          {credentials.filter((c) => c.clientId).length} of {credentials.length} set up
        </span>
      </summary>
      <p className="muted">
        Each platform only lets registered apps post. Create your own developer app on each platform
        you use and enter its credentials here. Secrets go to the secret store; the redirect address
        is http://127.0.0.1 on a random port.
      </p>
      <div className={styles.appsGrid}>
        {credentials.map((c) => (
          <AppForm key={c.platform} credentials={c} />
        ))}
      </div>
    </details>
  );
}
