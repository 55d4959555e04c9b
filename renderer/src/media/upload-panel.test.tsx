import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../../shared/domain/media';
import { aMediaItem } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { UploadPanel } from './upload-panel';

/**
 * The browser's XMLHttpRequest, driven by the test: each upload waits until the test makes it
 * progress, fail as a dropped connection does, or finish with the host's answer.
 */
class FakeUpload {
  static sent: FakeUpload[] = [];
  url = '';
  body: File | null = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send(body: File) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  progress(loaded: number) {
    this.upload.onprogress?.({ loaded });
  }
  dropConnection() {
    this.onerror?.();
  }
  answer(report: ImportReport) {
    this.status = 200;
    this.responseText = JSON.stringify({ ok: true, value: report });
    this.onload?.();
  }
}

afterEach(() => {
  FakeUpload.sent = [];
  vi.unstubAllGlobals();
});

function added(name: string): ImportReport {
  return {
    importId: name,
    imported: [aMediaItem({ id: name, name })],
    duplicates: [],
    failed: [],
    total: 1,
    skipped: 0,
    durationMs: 5,
  };
}

const upload = (index: number) =>
  waitFor(() => {
    const request = FakeUpload.sent[index];
    if (!request) throw new Error(`upload ${index} not sent yet`);
    return request;
  });

describe('the upload panel in a browser', () => {
  it('shows the bytes sent, and sends a cut-off upload again from the start', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
    installFakeApi({});
    render(<UploadPanel uploadLimitBytes={4 * 1024 ** 3} />);
    const big = new File([new Uint8Array(2 * 1024 * 1024)], 'harbour.mp4', { type: 'video/mp4' });
    const small = new File([new Uint8Array(1024)], 'sunset.jpg', { type: 'image/jpeg' });
    await userEvent.upload(screen.getByTestId('upload-input'), [big, small]);

    const first = await upload(0);
    expect(first.url).toBe('/api/media/upload?name=harbour.mp4');
    first.progress(512 * 1024);
    const status = await screen.findByText(
      /Uploading 1 of 2: harbour\.mp4 \(512 KB of 2(\.0)? MB\)/,
    );
    expect(status).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Upload of harbour.mp4' });
    expect(bar.getAttribute('value')).toBe(String(512 * 1024));
    first.dropConnection();

    (await upload(1)).answer(added('sunset.jpg'));
    await screen.findByText('1 added, 1 not added.');
    expect(
      screen.getByText(/The upload of harbour\.mp4 was cut off before it finished/),
    ).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Send 1 cut-off upload again' }));
    const again = await upload(2);
    expect(again.body).toBe(big);
    again.progress(2 * 1024 * 1024);
    again.answer(added('harbour.mp4'));
    await screen.findByText('1 added.');
    expect(screen.queryByRole('button', { name: /again/ })).toBeNull();
  });
});
