import { describe, expect, it } from 'vitest';
import type { AutomationStatus } from '../../shared/domain/automation';
import { sampleStatus } from '../../shared/testing/sample-status';
import { quitQuestion } from './quit-guard';

const status = (overrides: Partial<AutomationStatus>) =>
  sampleStatus({ state: 'working', at: 0, ...overrides });

const upload = (n: number) => ({
  jobId: `u${n}`,
  targetId: `t${n}`,
  platform: 'x' as const,
  accountHandle: null,
  title: 'Clip',
  progress: 0.3,
});

describe('quitting while work runs', () => {
  it('quits at once when nothing runs', () => {
    expect(quitQuestion(status({ state: 'idle', uploadsWaiting: 4 }))).toBeNull();
  });

  it('asks first while uploads run, and says what continues next time', () => {
    const question = quitQuestion(status({ uploads: [upload(1), upload(2)], uploadsWaiting: 3 }));
    expect(question).toMatchObject({
      type: 'question',
      message: '2 uploads are running. Quit anyway?',
      buttons: ['Quit', 'Keep running'],
      defaultId: 1,
      cancelId: 1,
    });
    expect(question?.detail).toContain(
      'The uploads continue from where they stopped; nothing is posted twice.',
    );
    expect(question?.detail).toContain('3 waiting posts are sent then.');
  });

  it('names renders too: they start again', () => {
    const question = quitQuestion(
      status({
        uploads: [upload(1)],
        renders: [{ jobId: 'r', runId: null, configId: null, configName: 'M', progress: 0.5 }],
      }),
    );
    expect(question?.detail).toContain('The render starts again from the beginning.');
    expect(question?.message).toBe('1 upload and 1 render are running. Quit anyway?');
  });
});
