import { z } from 'zod';
import { connectStartSchema } from '../domain/accounts';
import { driveUploadSchema, storageStatusSchema } from '../domain/storage';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const storageChannels = defineChannels({
  /** The Drive connection, folders, usage (Drive, local disk, API) and recent uploads. */
  'storage:status': { input: emptyInput, output: storageStatusSchema },
  /** Starts the Google sign-in for Drive (the `drive.file` scope only). */
  'storage:connect': {
    input: z
      .object({
        /** Consent to store tokens although the secret store is not encrypted by the system. */
        allowInsecureStorage: z.boolean().optional(),
      })
      .strict(),
    output: connectStartSchema,
  },
  'storage:cancelConnect': {
    input: z.object({ flowId: z.string().min(1).max(200) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Forgets the Drive connection here; the files on Drive stay. */
  'storage:disconnect': { input: emptyInput, output: storageStatusSchema },
  /** Asks Drive for the storage figures now instead of on the next refresh. */
  'storage:refreshUsage': { input: emptyInput, output: storageStatusSchema },
  /** Tries a failed or waiting upload again. */
  'storage:retryUpload': {
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: driveUploadSchema,
  },
});
