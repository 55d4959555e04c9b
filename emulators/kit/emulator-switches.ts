import { z } from 'zod';
import type { TokenRegistry } from './emulator-kit';

/**
 * State switches every upload emulator understands over `POST /__emulator/switches`; each
 * platform adds its own (quota, audit status...). Faults on single requests go through
 * `/__emulator/faults` instead.
 */
export const commonSwitchesSchema = z.strictObject({
  /** Every access token issued so far expires now. */
  expireTokens: z.literal(true).optional(),
  /** Every token is revoked: the next refresh is an invalid grant. */
  revokeAll: z.literal(true).optional(),
  /** Status polls a new upload stays processing. */
  processingPolls: z.number().int().nonnegative().max(1000).optional(),
  /** The next upload is refused by the platform with this reason (null clears it). */
  rejectNext: z.string().min(1).nullable().optional(),
});
export type CommonSwitches = z.infer<typeof commonSwitchesSchema>;

export function applyTokenSwitches(tokens: TokenRegistry, switches: CommonSwitches): void {
  if (switches.expireTokens) tokens.expireAll();
  if (switches.revokeAll) tokens.revokeAll();
}
