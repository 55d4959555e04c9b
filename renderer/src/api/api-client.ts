import type { Api, Channel, InputOf, OutputOf, AppErrorShape } from '../../../shared/contract';
import { createHttpApi } from './http-api';

/** The same type whichever transport carries it: the renderer cannot tell them apart. */
export const api: Api = window.api ?? createHttpApi();

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

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
