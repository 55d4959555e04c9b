import { z } from 'zod';
import { configDraftSchema, type ConfigDraft } from '../../../shared/domain/configs';

/**
 * Unsaved edits of a config, kept in the renderer's own storage as they are typed: a reload, a
 * closed window or "Leave and keep the draft" loses nothing, and the editor offers them back the
 * next time that config (or a new one) is opened.
 */
const keptSchema = z.object({ savedAt: z.number(), draft: configDraftSchema });
export type KeptDraft = z.infer<typeof keptSchema>;

const keyOf = (id: string | null) => `reelpilot.configDraft.${id ?? 'new'}`;

export function keepDraft(id: string | null, draft: ConfigDraft, now = Date.now()): void {
  try {
    window.localStorage.setItem(keyOf(id), JSON.stringify({ savedAt: now, draft }));
  } catch {
    // Storage full or refused: the editor still holds the draft; only the copy is lost.
  }
}

export function keptDraft(id: string | null): KeptDraft | null {
  const text = window.localStorage.getItem(keyOf(id));
  if (!text) return null;
  try {
    const parsed = keptSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetDraft(id: string | null): void {
  window.localStorage.removeItem(keyOf(id));
}

/** Whether two drafts say the same thing (the editor is "dirty" when they do not). */
export function sameDraft(a: ConfigDraft, b: ConfigDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
