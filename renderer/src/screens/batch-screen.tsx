import { useState } from 'react';
import { BatchDetailView } from '../batch/batch-detail';
import { BatchList } from '../batch/batch-list';
import { CsvImportDialog } from '../batch/csv-import-dialog';
import { DistributeDialog } from '../batch/distribute-dialog';
import { GenerateDialog } from '../batch/generate-dialog';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { useBatches } from '../stores/batch-store';
import { useDomain } from '../stores/domain-store';

/** Batch jobs: the list of batches, one batch's items, and the dialogs that create them. */
export function BatchScreen() {
  const batches = useBatches((state) => state.items);
  const status = useBatches((state) => state.status);
  const error = useBatches((state) => state.error);
  const openId = useBatches((state) => state.openId);
  const detail = useBatches((state) => state.detail);
  const detailError = useBatches((state) => state.detailError);
  const { load, open } = useBatches((state) => state.actions);
  const [dialog, setDialog] = useState<'csv' | 'distribute' | 'generate' | null>(null);
  // The ETA follows the clock as well as the events.
  useDomain(useBatches, 30_000);

  const createButtons = (
    <>
      <button type="button" onClick={() => setDialog('csv')}>
        Import CSV…
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('distribute')}>
        Distribute videos…
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('generate')}>
        Generate videos…
      </button>
    </>
  );

  let body;
  if (openId) {
    body = detail ? (
      <BatchDetailView detail={detail} />
    ) : detailError ? (
      <LoadFailure what="The batch" error={detailError} onRetry={() => void open(openId)} />
    ) : (
      <Loading>Loading the batch…</Loading>
    );
  } else if (!batches) {
    body =
      status === 'error' && error ? (
        <LoadFailure what="Batches" error={error} onRetry={() => void load()} />
      ) : (
        <Loading>Loading batches…</Loading>
      );
  } else if (batches.length === 0) {
    body = (
      <div className="card empty-state">
        <h2>No batches yet</h2>
        <p className="muted">
          Import a spreadsheet of posts, send a set of library videos to your accounts spread over
          days, or render many videos from a config (one per topic). Each post goes out once, within
          each account’s pacing.
        </p>
        <div className="row">{createButtons}</div>
      </div>
    );
  } else body = <BatchList batches={batches} />;

  return (
    <Screen labelledBy="batch-title" width="wide">
      {!openId && (
        <ScreenHeader
          id="batch-title"
          title="Batch"
          subtitle="Many posts in one go, each posted exactly once."
          actions={batches && batches.length > 0 ? createButtons : undefined}
        />
      )}
      {openId && batches && error && <p className="error-text">{error}</p>}
      {body}
      <CsvImportDialog open={dialog === 'csv'} onOpenChange={(o) => setDialog(o ? 'csv' : null)} />
      <DistributeDialog
        open={dialog === 'distribute'}
        onOpenChange={(o) => setDialog(o ? 'distribute' : null)}
      />
      <GenerateDialog
        open={dialog === 'generate'}
        onOpenChange={(o) => setDialog(o ? 'generate' : null)}
      />
    </Screen>
  );
}
