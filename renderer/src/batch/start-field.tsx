/** "2026-03-01T14:30" in the browser's zone to an instant; null when blank. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

/** An instant as a datetime-local value in the browser's zone. */
export function toLocalInput(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/** When a batch may start: blank for now. */
export function StartField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <label className="field">
      <span>Start</span>
      <input
        type="datetime-local"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby="batch-start-hint"
      />
      <small id="batch-start-hint" className="muted">
        Blank: now.
      </small>
    </label>
  );
}
