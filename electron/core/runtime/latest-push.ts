/**
 * Reads a status and pushes it, where reads can overlap (a person's action and a job settling
 * both push). A read that began before the last one pushed is older than it: it is answered to
 * its caller but not pushed, or the screen would keep the older state for good (a clean-up
 * shown as running after it ended, Pause shown after Resume).
 */
export function latestPush<T>(read: () => Promise<T>, push: (value: T) => void): () => Promise<T> {
  let begun = 0;
  let pushed = 0;
  return async () => {
    const ticket = ++begun;
    const value = await read();
    if (ticket > pushed) {
      pushed = ticket;
      push(value);
    }
    return value;
  };
}
