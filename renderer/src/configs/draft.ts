import { configInputSchema, type ConfigDraft } from '../../../shared/domain/configs';

/** Returns a copy of `value` with `path` replaced (plain objects and arrays only). */
export function setIn<T>(value: T, path: ReadonlyArray<string | number>, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const container = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  container[head] = setIn(container[head], rest, next);
  return container as T;
}

/** Validation messages keyed by dotted field path, as the engine would report them. */
export function validateDraft(draft: ConfigDraft): Record<string, string> {
  const parsed = configInputSchema.safeParse(draft);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Splits "a, b c" into ["a", "b", "c"] for tag and hashtag inputs. */
export function splitList(text: string, separators = /[,\n]/): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
