import type {
  EndpointOverrides,
  PlatformEndpoints,
  PlatformId,
} from '../../../shared/domain/platforms';

export type ServiceId = PlatformId | 'drive';

const google = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
};
const meta = {
  authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
  tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
  apiBaseUrl: 'https://graph.facebook.com/v21.0',
};

/** The real services. Every adapter reads its URLs from here, never from a literal of its own. */
export const defaultEndpoints: Record<ServiceId, PlatformEndpoints> = {
  youtube: {
    ...google,
    apiBaseUrl: 'https://www.googleapis.com',
    uploadBaseUrl: 'https://www.googleapis.com',
  },
  drive: {
    ...google,
    apiBaseUrl: 'https://www.googleapis.com',
    uploadBaseUrl: 'https://www.googleapis.com',
  },
  tiktok: {
    authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/',
    tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
    apiBaseUrl: 'https://open.tiktokapis.com',
    uploadBaseUrl: 'https://open-upload.tiktokapis.com',
  },
  instagram: { ...meta, uploadBaseUrl: 'https://rupload.facebook.com' },
  facebook: { ...meta, uploadBaseUrl: 'https://rupload.facebook.com' },
  x: {
    authorizeUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    apiBaseUrl: 'https://api.x.com',
    uploadBaseUrl: 'https://api.x.com',
  },
};

/** A service's endpoints with the user's (or a test's) overrides applied. */
export function endpointsFor(
  service: ServiceId,
  overrides: EndpointOverrides = {},
): PlatformEndpoints {
  return { ...defaultEndpoints[service], ...overrides[service] };
}
