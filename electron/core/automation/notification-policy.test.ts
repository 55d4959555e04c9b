import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import { defaultAutomationPreferences } from '../../../shared/domain/automation';
import type { Account } from '../../../shared/domain/accounts';
import type { DistributionTarget } from '../../../shared/domain/distribution';
import { noPosts } from '../../../shared/domain/config-runs';
import { silentLogger } from '../logging/file-logger';
import type { Notification } from '../ports';
import { NotificationGate } from './notification-gate';
import { NotificationPolicy } from './notification-policy';

function setup() {
  const sent: Notification[] = [];
  const preferences = structuredClone(defaultAutomationPreferences.notifications);
  const gate = new NotificationGate({ notify: (n) => void sent.push(n) }, silentLogger);
  gate.usePreferences(() => preferences);
  return { sent, preferences, gate, policy: new NotificationPolicy(gate) };
}

function target(overrides: Partial<DistributionTarget>): DistributionTarget {
  return {
    id: 'target-1',
    videoId: 'video-1',
    accountId: 'account-1',
    accountHandle: '@beachlife',
    platform: 'tiktok',
    state: 'processing',
    phase: null,
    sentBytes: 0,
    totalBytes: 0,
    remoteId: null,
    url: null,
    notices: [],
    errorKind: null,
    errorMessage: null,
    suggestedAction: null,
    attempts: 1,
    waitingUntil: null,
    publishedAt: null,
    latestMetrics: null,
    metricsAt: null,
    metricsNote: null,
    privacyNote: null,
    openUrl: null,
    post: { title: null, text: '', hashtags: [], privacy: 'public' },
    edit: { allowed: false, reason: null, restartsUpload: false },
    notBefore: null,
    editedAt: null,
    updatedAt: 0,
    ...overrides,
  };
}

function run(state: EventPayload<'configs:runUpdated'>['state']) {
  return {
    id: 'run-1',
    configId: 'config-1',
    configName: 'Beach days',
    trigger: 'schedule',
    scheduledFor: 0,
    missedCount: 0,
    state,
    error: state === 'failed' ? 'ffmpeg was not found.' : null,
    createdAt: 0,
    finishedAt: 1,
    videos: [],
    posts: noPosts,
  } satisfies EventPayload<'configs:runUpdated'>;
}

describe('notifications', () => {
  it('a post gives one notification when it fails for good, none for its retries', () => {
    const { sent, policy } = setup();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      policy.observe(
        'distribution:targetUpdated',
        target({
          state: 'pending',
          errorKind: 'transient',
          errorMessage: 'HTTP 503',
          attempts: attempt,
        }),
      );
    }
    expect(sent).toHaveLength(0);
    const failed = target({
      state: 'failed',
      errorKind: 'content',
      errorMessage: 'TikTok refused the video: it is longer than 10 minutes.',
      suggestedAction: 'Shorten the video, then retry.',
    });
    policy.observe('distribution:targetUpdated', failed);
    policy.observe('distribution:targetUpdated', { ...failed, updatedAt: 5 });
    expect(sent).toEqual([
      {
        kind: 'postFailed',
        causeKey: 'post-failed:target-1',
        level: 'error',
        title: 'A post to TikTok (@beachlife) failed',
        body: 'TikTok refused the video: it is longer than 10 minutes. Shorten the video, then retry.',
        target: { screen: 'distribution', itemId: 'target-1' },
      },
    ]);

    // Retried by hand and failing again is a new cause.
    policy.observe('distribution:targetUpdated', target({ state: 'pending' }));
    policy.observe('distribution:targetUpdated', failed);
    expect(sent).toHaveLength(2);
  });

  it('a failed or partial run notifies once and leads to its config', () => {
    const { sent, policy } = setup();
    policy.observe('configs:runUpdated', run('running'));
    policy.observe('configs:runUpdated', run('failed'));
    policy.observe('configs:runUpdated', run('failed'));
    expect(sent).toMatchObject([
      {
        kind: 'runFailed',
        title: '“Beach days” run failed',
        body: 'ffmpeg was not found.',
        target: { screen: 'configs', itemId: 'config-1' },
      },
    ]);
    policy.observe('configs:runUpdated', { ...run('partial'), id: 'run-2' });
    expect(sent.at(-1)?.title).toBe('“Beach days” run finished with 0 failed videos');
  });

  it('an account notifies once per loss of its sign-in, again after a reconnect', () => {
    const { sent, gate, policy } = setup();
    const reconnect = {
      kind: 'accountReconnect',
      causeKey: 'account-reconnect:account-1',
      level: 'error' as const,
      title: 'Reconnect TikTok account @beachlife',
      body: 'The sign-in was revoked.',
    };
    gate.notify(reconnect);
    const account = { status: 'needs_reconnect' } as Account;
    policy.observe('accounts:changed', { accountId: 'account-1', account });
    gate.notify(reconnect);
    expect(sent).toHaveLength(1);
    policy.observe('accounts:changed', {
      accountId: 'account-1',
      account: { ...account, status: 'active' },
    });
    gate.notify(reconnect);
    expect(sent).toHaveLength(2);
  });

  it('a kind switched off in Settings is not notified, and stays quiet for that cause', () => {
    const { sent, preferences, policy } = setup();
    preferences.postFailed = false;
    policy.observe('distribution:targetUpdated', target({ state: 'failed' }));
    preferences.postFailed = true;
    policy.observe('distribution:targetUpdated', target({ state: 'failed' }));
    expect(sent).toHaveLength(0);
    policy.observe('configs:runUpdated', run('failed'));
    expect(sent).toHaveLength(1);
  });

  it('warns once about low disk space, and again only after the space came back', () => {
    const { sent, policy } = setup();
    const GB = 1024 ** 3;
    policy.diskChecked(1.5 * GB, 2 * GB, '/data');
    policy.diskChecked(1.2 * GB, 2 * GB, '/data');
    // Just above the threshold is not "came back": no flapping around it.
    policy.diskChecked(2.1 * GB, 2 * GB, '/data');
    policy.diskChecked(1.9 * GB, 2 * GB, '/data');
    expect(sent).toMatchObject([
      {
        kind: 'lowDisk',
        title: 'Disk nearly full',
        body: expect.stringContaining('Only 1.5 GB is free'),
        target: { screen: 'settings' },
      },
    ]);
    policy.diskChecked(3 * GB, 2 * GB, '/data');
    policy.diskChecked(1 * GB, 2 * GB, '/data');
    expect(sent).toHaveLength(2);
  });

  it('passes notices without a cause or kind straight through', () => {
    const { sent, gate } = setup();
    gate.notify({ level: 'info', title: 'Hello', body: 'There' });
    gate.notify({ level: 'info', title: 'Hello', body: 'There' });
    expect(sent).toHaveLength(2);
  });
});
