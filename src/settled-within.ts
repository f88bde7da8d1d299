/**
 * `work`'s value, wrapped, if it settles within `ms`; undefined if it does not (it goes on regardless). A rejection
 * within the time rejects. One place for "wait, but not for ever": shutdowns, Slack's answer windows, lookups.
 */
export async function settledWithin<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
