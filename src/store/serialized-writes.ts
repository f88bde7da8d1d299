import { MongoNetworkError, type Collection, type Db } from 'mongodb';

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

/** Driver errors that say the server cannot be reached (as opposed to a refused write). */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);
const isUnreachable = (error: unknown) =>
  error instanceof Error &&
  (UNREACHABLE.has(error.name) ||
    ['EPIPE', 'ECONNRESET'].includes((error as NodeJS.ErrnoException).code ?? ''));

/** After a write found the server unreachable, the next ones in line fail at once for this long. */
const UNREACHABLE_FAIL_FAST_MS = 1000;

/**
 * One at a time. While the server is unreachable each write would wait out server selection (seconds) in single
 * file, and callers that do not wait for their last write (Agenda polls on a timer) would queue faster than the
 * line moves: a backlog that outlives the outage and holds up shutdown. So a write whose turn comes within a second
 * of one that found the server unreachable fails at once, as unreachable; one write per second still tries.
 */
function oneAtATime(): Queue {
  let tail: Promise<unknown> = Promise.resolve();
  let unreachableAt = 0;
  return (work) => {
    const attempt = async () => {
      if (Date.now() - unreachableAt < UNREACHABLE_FAIL_FAST_MS)
        throw new MongoNetworkError('the database was unreachable a moment ago; not tried');
      try {
        return await work();
      } catch (error) {
        if (isUnreachable(error)) unreachableAt = Date.now();
        throw error;
      }
    };
    const run = tail.then(attempt, attempt);
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
