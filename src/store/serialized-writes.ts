import type { Collection, Db } from 'mongodb';

/**
 * FerretDB v1 runs `update` and `findAndModify` as a read and then a write, so two connections can both read
 * "still unassigned" and both assign. On FerretDB our writes that read first therefore go through this process
 * one at a time, while reads and inserts (atomic there: a unique index decides) keep the whole connection pool.
 * That makes every conditional update of ours atomic again within a process. SQLite writes one transaction at a
 * time anyway, so little is lost. Several processes on one FerretDB still race: production runs on MongoDB.
 */
const READ_THEN_WRITE = new Set<string | symbol>([
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
]);

type Queue = <T>(work: () => Promise<T>) => Promise<T>;

function oneAtATime(): Queue {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** A bulk write that only inserts needs no turn; one with updates or deletes does. */
const onlyInserts = (operations: unknown): boolean =>
  Array.isArray(operations) && operations.every((op) => op && typeof op === 'object' && 'insertOne' in op);

function serializeCollection<T extends Collection<never>>(collection: T, queue: Queue): T {
  return new Proxy(collection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (READ_THEN_WRITE.has(property))
        return (...args: unknown[]) => queue(() => method.apply(target, args) as Promise<unknown>);
      if (property === 'bulkWrite')
        return (...args: unknown[]) =>
          onlyInserts(args[0])
            ? method.apply(target, args)
            : queue(() => method.apply(target, args) as Promise<unknown>);
      return method.bind(target);
    },
  });
}

/** The same database, whose collections take turns for the writes that read first (see above). */
export function serializeReadThenWrite(db: Db): Db {
  const queue = oneAtATime();
  return new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'collection')
        return (...args: unknown[]) =>
          serializeCollection(method.apply(target, args) as Collection<never>, queue);
      if (property === 'createCollection')
        return async (...args: unknown[]) =>
          serializeCollection((await method.apply(target, args)) as Collection<never>, queue);
      return method.bind(target);
    },
  });
}
