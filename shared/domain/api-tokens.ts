import { z } from 'zod';

/** A long-lived token for scripts. The token itself is shown once, when it is created. */
export const apiTokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the token, so the person can tell tokens apart. */
  prefix: z.string(),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
});
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;

export const createApiTokenInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the token a name, such as the tool that will use it.')
      .max(60, 'Keep the name under 60 characters.'),
  })
  .strict();

export const createdApiTokenSchema = z.object({
  /** The secret: shown this once, stored only as a hash. */
  token: z.string(),
  info: apiTokenInfoSchema,
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const revokeApiTokenInputSchema = z.object({ id: z.string().min(1) }).strict();
