import { z } from 'zod';
import {
  accountHistorySchema,
  accountLimitsSchema,
  accountSchema,
  connectionTestSchema,
  connectStartSchema,
  pacingConfigSchema,
  platformCredentialsSchema,
  saveCredentialsSchema,
} from '../domain/accounts';
import { platformIdSchema } from '../domain/platforms';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

const accountRef = z.object({ accountId: z.string().min(1).max(200) }).strict();

export const accountsChannels = defineChannels({
  'accounts:list': { input: emptyInput, output: z.array(accountSchema) },
  'accounts:connect': {
    input: z
      .object({
        platform: platformIdSchema,
        /** Consent to store tokens although the secret store is not encrypted by the system. */
        allowInsecureStorage: z.boolean().optional(),
      })
      .strict(),
    output: connectStartSchema,
  },
  'accounts:cancelConnect': {
    input: z.object({ flowId: z.string().min(1).max(200) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'accounts:test': { input: accountRef, output: connectionTestSchema },
  'accounts:updateLimits': {
    input: accountRef.extend({ limits: accountLimitsSchema }).strict(),
    output: accountSchema,
  },
  'accounts:setEnabled': {
    input: accountRef.extend({ enabled: z.boolean() }).strict(),
    output: accountSchema,
  },
  'accounts:remove': { input: accountRef, output: z.object({ removed: z.boolean() }) },
  'accounts:history': {
    input: accountRef.extend({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: accountHistorySchema,
  },
  'accounts:credentials': { input: emptyInput, output: z.array(platformCredentialsSchema) },
  'accounts:saveCredentials': { input: saveCredentialsSchema, output: platformCredentialsSchema },
  'accounts:pacing': { input: emptyInput, output: pacingConfigSchema },
  'accounts:updatePacing': {
    input: pacingConfigSchema.partial().strict(),
    output: pacingConfigSchema,
  },
});
