import type { FreeSlot, SlotPlanner, SlotRequest } from '../accounts/accounts-module';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository, WaitingTargetRow } from './distribution-repository';

export interface PlannedPost {
  row: WaitingTargetRow;
  /** When it is planned to go (null: held until the person acts) and why not earlier. */
  slot: FreeSlot;
}

export interface WaitingPlan {
  /** The pacing rules with every planned post counted, for further questions. */
  planner: SlotPlanner;
  posts: PlannedPost[];
}

/**
 * The earliest a waiting post can go: now, or later when the person moved it, a wait (pacing,
 * rate limit) was recorded, or its upload job sleeps until a retry.
 */
function earliestOf(row: WaitingTargetRow, now: number): number {
  if (row.state === 'processing') return now;
  return Math.max(
    now,
    row.not_before ?? 0,
    row.waiting_until ?? 0,
    row.job_state === 'queued' ? (row.job_not_before ?? 0) : 0,
  );
}

/**
 * Where every post not out yet is planned to go: uploads under way and resumed uploads at
 * their time (the runner checks pacing only before a fresh upload), the others at the first
 * time the pacing rules and the platform caps allow after the posts made and those planned
 * before them. `without` leaves one post out (the one being moved).
 */
export async function planWaitingPosts(
  repository: DistributionRepository,
  accounts: Pick<DistributionAccounts, 'slotPlanner'>,
  without?: string,
): Promise<WaitingPlan> {
  const rows = (await repository.waitingTargets()).filter((row) => row.id !== without);
  const planner = await accounts.slotPlanner();
  const requests: SlotRequest[] = rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    earliest: earliestOf(row, planner.now),
    fixed: row.state === 'processing' || row.upload_state !== null || row.tracking_id !== null,
  }));
  const slots = planner.plan(requests);
  return {
    planner,
    posts: rows.map((row) => {
      const slot = slots.get(row.id) ?? { at: null, reason: null };
      return { row, slot: { at: slot.at, reason: slot.reason ?? waitReason(row, slot.at) } };
    }),
  };
}

/** Why a post goes later than now when the rules did not say it: the move, or the wait recorded. */
function waitReason(row: WaitingTargetRow, at: number | null): string | null {
  if (row.state === 'processing' || at === null) return null;
  if (row.not_before !== null && at <= row.not_before) return 'You moved it to this time.';
  return row.error_message?.replace(/^Waiting: /, '') ?? null;
}
