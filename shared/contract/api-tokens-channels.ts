import { z } from 'zod';
import {
  apiTokenInfoSchema,
  createApiTokenInputSchema,
  createdApiTokenSchema,
  revokeApiTokenInputSchema,
} from '../domain/api-tokens';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

/** Long-lived tokens for the headless host's API. Refused to callers holding such a token. */
export const apiTokensChannels = defineChannels({
  'apiTokens:list': { input: emptyInput, output: z.array(apiTokenInfoSchema) },
  'apiTokens:create': { input: createApiTokenInputSchema, output: createdApiTokenSchema },
  'apiTokens:revoke': {
    input: revokeApiTokenInputSchema,
    output: z.object({ revoked: z.boolean() }),
  },
});
