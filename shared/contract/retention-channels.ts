import { retentionPolicyPatchSchema, retentionStatusSchema } from '../domain/retention';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const retentionChannels = defineChannels({
  /** The policy, the database size and free disk where the data lives, the last clean-up. */
  'retention:status': { input: emptyInput, output: retentionStatusSchema },
  'retention:update': { input: retentionPolicyPatchSchema, output: retentionStatusSchema },
  /** Queues a clean-up now (it is idempotent; the daily one still runs). */
  'retention:runNow': { input: emptyInput, output: retentionStatusSchema },
});
