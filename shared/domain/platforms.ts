import { z } from 'zod';

export const platformIds = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;
export const platformIdSchema = z.enum(platformIds);
export type PlatformId = z.infer<typeof platformIdSchema>;

export const platformNames: Record<PlatformId, string> = {
  tiktok: 'TikTok',
  youtube: 'YouTube',
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

/** Where a platform's services live. Real hosts by default; tests and the sandbox override them. */
export const platformEndpointsSchema = z.object({
  authorizeUrl: z.url(),
  tokenUrl: z.url(),
  apiBaseUrl: z.url(),
  uploadBaseUrl: z.url(),
});
export type PlatformEndpoints = z.infer<typeof platformEndpointsSchema>;

export const endpointOverridesSchema = z.partialRecord(
  z.enum([...platformIds, 'drive']),
  platformEndpointsSchema.partial(),
);
export type EndpointOverrides = z.infer<typeof endpointOverridesSchema>;
