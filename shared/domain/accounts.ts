import { z } from 'zod';
import { platformIdSchema, type PlatformId } from './platforms';

export const accountStatuses = [
  'active',
  'needs_reconnect',
  'rate_limited',
  'disabled',
  'error',
] as const;
export const accountStatusSchema = z.enum(accountStatuses);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

const optionalLimit = (max: number, what: string) =>
  z
    .number()
    .int(`${what} must be a whole number.`)
    .min(1, `${what} must be at least 1, or left empty for no limit.`)
    .max(max, `${what} can be at most ${max}.`)
    .nullable();

/** The person's own pacing for one account, on top of the platform's caps. Null: no limit. */
export const accountLimitsSchema = z
  .object({
    postsPerHour: optionalLimit(100, 'Posts per hour'),
    postsPerDay: optionalLimit(1000, 'Posts per day'),
    minGapMinutes: optionalLimit(24 * 60, 'The minimum gap'),
  })
  .strict();
export type AccountLimits = z.infer<typeof accountLimitsSchema>;

export const defaultAccountLimits: AccountLimits = {
  postsPerHour: 2,
  postsPerDay: 10,
  minGapMinutes: 20,
};

/** Whether posts reach the public or stay private (TikTok's unaudited clients). */
export const audienceSchema = z.enum(['public', 'private_only', 'unknown']);
export type Audience = z.infer<typeof audienceSchema>;

export const postDecisionSchema = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true) }),
  z.object({
    allowed: z.literal(false),
    /** The earliest time a post could go out, or null when the person must act first. */
    at: z.number().int().nullable(),
    reason: z.string(),
  }),
]);
export type PostDecision = z.infer<typeof postDecisionSchema>;

/** What the renderer may know about an account's tokens: never the tokens themselves. */
export const tokenFactsSchema = z.object({
  scopes: z.array(z.string()),
  accessExpiresAt: z.number().int().nullable(),
  refreshExpiresAt: z.number().int().nullable(),
  protectedBy: z.string(),
  secure: z.boolean(),
});
export type TokenFacts = z.infer<typeof tokenFactsSchema>;

/**
 * An account's handle as people write it: "@name" where the platform has @-handles (the stored
 * handle may or may not carry the @ already), a Facebook Page by its name.
 */
export function displayHandle(platform: PlatformId, handle: string): string {
  const bare = handle.trim();
  if (platform === 'facebook' || bare.startsWith('@') || /\s/.test(bare) || bare === '')
    return bare;
  return `@${bare}`;
}

export const accountSchema = z.object({
  id: z.string(),
  platform: platformIdSchema,
  remoteId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  status: accountStatusSchema,
  statusReason: z.string().nullable(),
  audience: audienceSchema,
  limits: accountLimitsSchema,
  counters: z.object({
    postsTotal: z.number().int(),
    errorsTotal: z.number().int(),
    consecutiveErrors: z.number().int(),
    costTotalUsd: z.number(),
  }),
  token: tokenFactsSchema,
  nextPost: postDecisionSchema,
  rateLimitedUntil: z.number().int().nullable(),
  lastPostAt: z.number().int().nullable(),
  lastErrorAt: z.number().int().nullable(),
  lastTestedAt: z.number().int().nullable(),
  connectedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const errorKinds = ['auth', 'rate', 'transient', 'content'] as const;
export const errorKindSchema = z.enum(errorKinds);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export const postRecordSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  platform: platformIdSchema,
  accountHandle: z.string(),
  postedAt: z.number().int(),
  remotePostId: z.string().nullable(),
  costUsd: z.number(),
  note: z.string().nullable(),
});
export type PostRecord = z.infer<typeof postRecordSchema>;

export const errorRecordSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  platform: platformIdSchema,
  accountHandle: z.string(),
  occurredAt: z.number().int(),
  kind: errorKindSchema,
  code: z.string().nullable(),
  message: z.string(),
});
export type ErrorRecord = z.infer<typeof errorRecordSchema>;

export const accountHistorySchema = z.object({
  posts: z.array(postRecordSchema),
  errors: z.array(errorRecordSchema),
});
export type AccountHistory = z.infer<typeof accountHistorySchema>;

export const connectionCheckSchema = z.object({
  id: z.enum(['token', 'scopes', 'uploads', 'audience']),
  /** Null when the platform does not say (then `message` explains). */
  ok: z.boolean().nullable(),
  message: z.string(),
});
export const connectionTestSchema = z.object({
  accountId: z.string(),
  ok: z.boolean(),
  summary: z.string(),
  checks: z.array(connectionCheckSchema),
  testedAt: z.number().int(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const connectStages = ['waiting', 'exchanging', 'connected', 'failed', 'cancelled'] as const;
export const connectProgressSchema = z.object({
  flowId: z.string(),
  platform: platformIdSchema,
  stage: z.enum(connectStages),
  message: z.string(),
  accountIds: z.array(z.string()),
});
export type ConnectProgress = z.infer<typeof connectProgressSchema>;

export const connectStartSchema = z.object({
  flowId: z.string(),
  authorizeUrl: z.string(),
  /** True when the engine opened the system browser itself (desktop); else the UI opens it. */
  openedExternally: z.boolean(),
  expiresAt: z.number().int(),
});
export type ConnectStart = z.infer<typeof connectStartSchema>;

export const platformCredentialsSchema = z.object({
  platform: platformIdSchema,
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  secretRequired: z.boolean(),
  /** Where the developer app is made, for the help text. */
  consoleUrl: z.string(),
});
export type PlatformCredentials = z.infer<typeof platformCredentialsSchema>;

export const saveCredentialsSchema = z
  .object({
    platform: platformIdSchema,
    clientId: z
      .string()
      .trim()
      .min(1, 'Enter the client id of your developer app.')
      .max(512, 'That client id is too long.'),
    /** Undefined keeps the stored secret, null removes it. */
    clientSecret: z.string().trim().min(1).max(1024).nullable().optional(),
    /** Consent to store the secret although the secret store is not encrypted by the system. */
    allowInsecureStorage: z.boolean().optional(),
  })
  .strict();

const usd = z.number().min(0, 'Use 0 or more.').max(1000, 'That is too much per post.');
const cap = (max: number) =>
  z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(max, `Use at most ${max}.`);

/** Platform caps where the platforms' own pages disagree: the person decides. */
export const pacingConfigSchema = z
  .object({
    autoDisableAfterErrors: cap(100),
    instagramPostsPer24h: cap(1000),
    facebookReelsPer24h: cap(1000),
    tiktokInitsPerMinute: cap(100),
    tiktokUnauditedClient: z.boolean(),
    tiktokUnauditedUsersPer24h: cap(1000),
    youtubeDailyQuotaUnits: cap(10_000_000),
    youtubeUploadCostUnits: cap(1_000_000),
    xCostPerPostUsd: usd,
    xMonthlyBudgetUsd: z.number().min(0).max(1_000_000).nullable(),
  })
  .strict();
export type PacingConfig = z.infer<typeof pacingConfigSchema>;

export const defaultPacingConfig: PacingConfig = {
  autoDisableAfterErrors: 5,
  instagramPostsPer24h: 50,
  facebookReelsPer24h: 30,
  tiktokInitsPerMinute: 6,
  tiktokUnauditedClient: true,
  tiktokUnauditedUsersPer24h: 5,
  youtubeDailyQuotaUnits: 10_000,
  youtubeUploadCostUnits: 1_600,
  xCostPerPostUsd: 0,
  xMonthlyBudgetUsd: null,
};
