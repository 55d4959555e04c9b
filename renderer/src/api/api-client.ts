import type { Api, AppErrorShape, Channel, InputOf, OutputOf } from '../../../shared/contract';
import { createHttpApi } from './http-api';

let current: Api | null = null;

/**
 * The transport in use: the preload's `window.api` in the desktop app, else the headless host
 * over HTTP. Both have the type `Api`, so the renderer cannot tell them apart. Chosen on first
 * use; only stores call it (components call store actions).
 */
export function api(): Api {
  current ??= window.api ?? createHttpApi();
  return current;
}

/** Puts another `Api` in place before anything uses it: component tests install a fake. */
export function installApi(next: Api): void {
  current = next;
}

/** The desktop app (native dialogs, real file paths) rather than a browser tab. */
export function isDesktop(): boolean {
  return api().transport === 'ipc';
}

/** An engine error with its code and the engine's words, ready to show to the person. */
export class ApiError extends Error {
  readonly code: AppErrorShape['code'];
  readonly details: unknown;
  constructor(error: AppErrorShape) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }

  /** Field messages from a BAD_INPUT error, keyed by the dotted path of the field. */
  fieldErrors(): Record<string, string> {
    const issues = (
      this.details as { issues?: Array<{ path: string; message: string }> } | undefined
    )?.issues;
    const result: Record<string, string> = {};
    for (const issue of issues ?? []) result[issue.path] ??= issue.message;
    return result;
  }
}

/** Field messages when the engine refused the input (BAD_INPUT), else null. */
export function fieldErrorsOf(error: unknown): Record<string, string> | null {
  return error instanceof ApiError && error.code === 'BAD_INPUT' ? error.fieldErrors() : null;
}

/** Calls a channel and returns its value; an engine error is thrown as an `ApiError`. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await api().invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
