import { useState } from 'react';
import type { StorageStatus } from '../../../shared/domain/storage';
import { Badge } from '../components/badge';
import { cx } from '../components/class-names';
import { ConfirmDialog } from '../components/confirm-dialog';
import { SignInProgress } from '../components/sign-in-progress';
import { formatAge, formatBytes, plural } from '../format';
import { useSettings } from '../stores/settings-store';
import { useStorage } from '../stores/storage-store';
import { uploadStates } from './labels';
import styles from './storage.module.css';
import { UsageBar } from './usage-bar';

/** The Drive connection: as whom, its folders, space and API use, and the recent uploads. */
export function DriveCard({ storage }: { storage: StorageStatus }) {
  const { connection } = storage;
  const connect = useStorage((state) => state.connect);
  const refreshing = useStorage((state) => state.refreshing);
  const { startConnect, cancelConnect, dismissConnect, disconnect, refreshUsage, retryUpload } =
    useStorage((state) => state.actions);
  const info = useSettings((state) => state.info);
  const [consent, setConsent] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const insecure = info !== null && !info.secretStore.secure;
  const who = connection.email ?? connection.displayName ?? 'your Google account';

  return (
    <section className="card" aria-labelledby="drive-title">
      <div className={styles.head}>
        <h2 id="drive-title">Google Drive</h2>
        {connection.state === 'connected' && <Badge tone="ok">Connected</Badge>}
        {connection.state === 'needs_reconnect' && <Badge tone="danger">Needs reconnecting</Badge>}
        {connection.state === 'disconnected' && <Badge tone="muted">Not connected</Badge>}
      </div>

      {connection.state === 'disconnected' ? (
        <p className="muted">
          Connect Google Drive to keep a copy of every backup (and, per config, of the rendered
          videos) in a ReelPilot folder of your Drive. ReelPilot asks only for the files it makes
          itself: it cannot see anything else in your Drive. It signs in with your Google Cloud app,
          the one YouTube uses (Accounts → Platform apps).
        </p>
      ) : (
        <div className={cx(styles.who, styles.spaced)}>
          <span className={styles.initial} aria-hidden="true">
            {who.slice(0, 1).toUpperCase()}
          </span>
          <div className={styles.names}>
            <strong data-testid="drive-account">{who}</strong>
            <span className="muted small">
              {connection.displayName && connection.email ? `${connection.displayName} · ` : ''}
              {connection.connectedAt ? `connected ${formatAge(connection.connectedAt)}` : ''}
            </span>
          </div>
        </div>
      )}
      {connection.state === 'needs_reconnect' && (
        <p className="error-text" role="alert">
          {connection.message ?? 'Google refused the sign-in.'}. Backups stay on this computer until
          you reconnect.
        </p>
      )}

      {connect ? (
        <div className={styles.progress}>
          <SignInProgress
            flow={connect}
            service="Google"
            testId="drive-connect-status"
            onCancel={() => void cancelConnect()}
            onDone={dismissConnect}
          />
        </div>
      ) : (
        <>
          {insecure && connection.state !== 'connected' && (
            <div className="warning-box" role="alert">
              <p>
                <strong>The Drive sign-in would not be encrypted.</strong> This system offers only{' '}
                {info?.secretStore.backend}. Installing a keyring (GNOME Keyring or KWallet) and
                restarting ReelPilot fixes this.
              </p>
              <label className="field checkbox">
                <input
                  type="checkbox"
                  checked={consent}
                  onChange={(event) => setConsent(event.target.checked)}
                />
                <span>I understand; store it anyway</span>
              </label>
            </div>
          )}
          <div className="form-actions">
            {connection.state === 'connected' ? (
              <button type="button" className="secondary" onClick={() => setConfirming(true)}>
                Disconnect
              </button>
            ) : (
              <button
                type="button"
                disabled={insecure && !consent}
                onClick={() => void startConnect(consent)}
              >
                {connection.state === 'needs_reconnect'
                  ? 'Reconnect Google Drive'
                  : 'Connect Google Drive'}
              </button>
            )}
          </div>
        </>
      )}

      {connection.state !== 'disconnected' && (
        <DriveDetails
          storage={storage}
          refreshing={refreshing}
          onRefresh={() => void refreshUsage()}
          onRetry={(id) => void retryUpload(id)}
        />
      )}

      <ConfirmDialog
        open={confirming}
        title="Disconnect Google Drive?"
        body={`ReelPilot stops copying backups and videos to ${who}'s Drive and forgets the sign-in on this computer. The files already in Drive stay there.`}
        confirmLabel="Disconnect"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void disconnect();
        }}
      />
    </section>
  );
}

function DriveDetails({
  storage,
  refreshing,
  onRefresh,
  onRetry,
}: {
  storage: StorageStatus;
  refreshing: boolean;
  onRefresh(): void;
  onRetry(id: string): void;
}) {
  const { quota, api, folders, uploads } = storage;
  const others = quota
    ? Math.max(0, quota.usageBytes - quota.reelpilotBytes - quota.trashBytes)
    : 0;
  return (
    <>
      {folders.length > 0 && (
        <ul className={styles.folders} aria-label="Folders on Drive">
          {folders.map((folder) => (
            <li key={folder.key}>
              {folder.url ? (
                <a href={folder.url} target="_blank" rel="noopener noreferrer">
                  {folder.path}
                </a>
              ) : (
                folder.path
              )}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.usage}>
        <div className={styles.usageLine}>
          <strong>
            {quota
              ? quota.limitBytes === null
                ? `${formatBytes(quota.usageBytes)} used (unlimited storage)`
                : `${formatBytes(quota.usageBytes)} of ${formatBytes(quota.limitBytes)} used`
              : 'Storage not read yet'}
          </strong>
          <span className="muted small">
            {quota && `Checked ${formatAge(quota.checkedAt)} · `}
            <button type="button" className="link" disabled={refreshing} onClick={onRefresh}>
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
          </span>
        </div>
        {quota && (
          <UsageBar
            label="Google Drive storage"
            totalBytes={quota.limitBytes ?? Math.max(quota.usageBytes, 1)}
            segments={[
              { label: 'ReelPilot', bytes: quota.reelpilotBytes, tone: 'accent' },
              { label: 'Other files', bytes: others, tone: 'others' },
              { label: 'Trash', bytes: quota.trashBytes, tone: 'trash' },
            ]}
          />
        )}
        {quota?.lowSpace && (
          <p className="error-text small" role="alert">
            Drive is almost full: empty its trash or free up space, or backups stop being copied
            there.
          </p>
        )}
        {storage.quotaError && (
          <p className="error-text small" role="alert">
            {storage.quotaError}
          </p>
        )}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Drive requests</dt>
          <dd>
            {plural(api.lastMinute, 'request')} in the last minute (limit{' '}
            {api.perMinuteLimit.toLocaleString()})
          </dd>
        </div>
        <div>
          <dt>Today</dt>
          <dd>
            {plural(api.today, 'request')}; {formatBytes(api.uploadedTodayBytes)} uploaded of{' '}
            {formatBytes(api.dailyUploadLimitBytes)} a day
          </dd>
        </div>
        <div>
          <dt>Uploads</dt>
          <dd>
            {uploads.active === 0 && uploads.failed === 0
              ? 'Nothing waiting'
              : [
                  uploads.active > 0 ? `${uploads.active} under way or waiting` : '',
                  uploads.failed > 0 ? `${uploads.failed} failed` : '',
                ]
                  .filter(Boolean)
                  .join(', ')}
          </dd>
        </div>
      </dl>
      {uploads.recent.length > 0 && (
        <details>
          <summary className="small">Recent uploads</summary>
          <ul className={styles.uploads}>
            {uploads.recent.map((upload) => {
              const look = uploadStates[upload.state];
              return (
                <li key={upload.id} className={styles.upload}>
                  <span>
                    {upload.url ? (
                      <a href={upload.url} target="_blank" rel="noopener noreferrer">
                        {upload.name}
                      </a>
                    ) : (
                      upload.name
                    )}{' '}
                    <span className="muted small">{formatBytes(upload.sizeBytes)}</span>
                  </span>
                  <span className="row">
                    <Badge tone={look.tone}>
                      {upload.state === 'uploading' && upload.sizeBytes > 0
                        ? `Uploading ${Math.round((upload.sentBytes / upload.sizeBytes) * 100)}%`
                        : look.label}
                    </Badge>
                    {(upload.state === 'failed' || upload.state === 'waiting') && (
                      <button
                        type="button"
                        className="small secondary"
                        onClick={() => onRetry(upload.id)}
                      >
                        Try again
                      </button>
                    )}
                  </span>
                  {upload.message && <span className={styles.message}>{upload.message}</span>}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </>
  );
}
