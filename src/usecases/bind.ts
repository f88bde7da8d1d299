/** A use case with its first parameter (its dependencies) already given. */
export type Bound<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: A) => R : never;
export type BoundAll<T> = { [K in keyof T]: Bound<T[K]> };

export function bindAll<D, T extends Record<string, (deps: D, ...args: never[]) => unknown>>(
  deps: D,
  functions: T,
): BoundAll<T> {
  return Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => [name, (...args: never[]) => fn(deps, ...args)]),
  ) as BoundAll<T>;
}
