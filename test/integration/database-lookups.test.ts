import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { openTestStore, testMongoUrl, uniqueDbName } from '../support/database.js';

/**
 * Conditional updates by id ({_id, status}) are how every callback transition stays atomic. On FerretDB v1
 * they read the whole table unless our build's patches are in (scripts/build-ferretdb.sh); on MongoDB
 * they use the _id index anyway. Asserted through the server's own query plan, not through timing.
 */
/** The server uses its `_id` index for `filter`: FerretDB's plan says so; MongoDB's is no collection scan. */
async function expectIdIndexFor(database: Database, filter: Record<string, unknown>): Promise<void> {
  const plan = await database.db.command({ explain: { find: 'probe', filter }, verbosity: 'queryPlanner' });
  if (plan.serverInfo?.ferretdbVersion) {
    expect(plan.filterPushdown).toBe(true);
    expect(JSON.stringify(plan.queryPlanner)).toMatch(/USING INDEX \S+__id_/);
  } else {
    expect(JSON.stringify(plan.queryPlanner.winningPlan)).not.toContain('COLLSCAN');
  }
}

describe('lookups by _id use the _id index', () => {
  let database: Database;
  beforeAll(async () => {
    ({ database } = await openTestStore('idlookups'));
    await database.db
      .collection<{ _id: string; status: string }>('probe')
      .insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `p${i}`, status: 'open' })));
  });
  afterAll(async () => {
    await database.db.dropDatabase();
    await database.close();
  });

  it('for a filter on _id and another field', async () => {
    await expectIdIndexFor(database, { _id: 'p42', status: 'open' });
  });

  it('for {_id: {$in: [...]}, status} (a batch assignment)', async () => {
    await expectIdIndexFor(database, { _id: { $in: ['p1', 'p7', 'p42'] }, status: 'open' });
    // And the answer is still exact: the pushed-down rows are filtered again.
    const found = await database.db
      .collection('probe')
      .find({ _id: { $in: ['p1', 'p7', 'nope'] } as never, status: 'open' })
      .toArray();
    expect(found.map((d) => d._id).sort()).toEqual(['p1', 'p7']);
  });

  it('a bulk write of many conditional updates completes (FerretDB used to hang past 100)', async () => {
    const result = await database.db.collection<{ _id: string; status: string }>('probe').bulkWrite(
      Array.from({ length: 150 }, (_, i) => ({
        updateOne: { filter: { _id: `p${i % 50}`, status: 'open' }, update: { $set: { status: 'taken' } } },
      })),
      { ordered: false },
    );
    expect(result.modifiedCount).toBe(50);
  });
});

describe('conditional updates racing within one process', () => {
  it('exactly one of 20 concurrent "take it if still open" updates wins, on FerretDB too', async () => {
    const database = await connectDatabase(testMongoUrl(), { dbName: uniqueDbName('race') });
    try {
      const col = database.db.collection<{ _id: string; status: string; by?: number }>('race');
      for (let round = 0; round < 5; round++) {
        await col.insertOne({ _id: `x${round}`, status: 'open' });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, by) =>
            col.updateOne({ _id: `x${round}`, status: 'open' }, { $set: { status: 'taken', by } }),
          ),
        );
        expect(results.reduce((n, r) => n + r.modifiedCount, 0)).toBe(1);
      }
    } finally {
      await database.db.dropDatabase();
      await database.close();
    }
  });
});

/**
 * The build's other patches make FerretDB faster at reading and writing documents (scripts/build-ferretdb.sh). They
 * must not change one answer: each test here states what MongoDB answers, and runs against whichever server the
 * suite has.
 */
describe('reads and writes answer as MongoDB does', () => {
  let database: Database;
  beforeAll(async () => {
    ({ database } = await openTestStore('patchedanswers'));
  });
  afterAll(async () => {
    await database.db.dropDatabase();
    await database.close();
  });

  it('equality to a string and $in of strings (pushed down to SQLite) still match arrays holding the string', async () => {
    type Doc = { _id: number; status?: unknown; tags?: unknown };
    const col = database.db.collection<Doc>('pushdown');
    await col.insertMany([
      { _id: 1, status: 'open', tags: 'vip' },
      { _id: 2, status: 'closed', tags: ['vip', 'late'] },
      { _id: 3, status: ['open', 'x'], tags: [] },
      { _id: 4, status: 5, tags: null },
      { _id: 5, tags: 'vip' },
      { _id: 6, status: 'Open', tags: { vip: true } },
      // FerretDB stores this as JSON with <, > and & escaped; SQLite must compare the decoded text.
      { _id: 7, status: '<대기 & "보류">', tags: ['é'] },
    ]);
    const ids = async (filter: Record<string, unknown>) =>
      (await col.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ status: 'open' })).toEqual([1, 3]);
    expect(await ids({ tags: 'vip' })).toEqual([1, 2, 5]);
    expect(await ids({ status: { $in: ['open', 'closed'] } })).toEqual([1, 2, 3]);
    expect(await ids({ status: 'open', tags: 'vip' })).toEqual([1]);
    expect(await ids({ status: { $in: ['open', 5] } })).toEqual([1, 3, 4]);
    expect(await ids({ status: 5 })).toEqual([4]);
    expect(await ids({ status: 'nobody' })).toEqual([]);
    expect(await ids({ status: '<대기 & "보류">' })).toEqual([7]);
    expect(await ids({ tags: { $in: ['é', 'late'] } })).toEqual([2, 7]);
    expect(await col.countDocuments({ tags: { $in: ['late'] } })).toBe(1);

    const plan = await database.db.command({
      explain: { find: 'pushdown', filter: { status: 'open' } },
      verbosity: 'queryPlanner',
    });
    if (plan.serverInfo?.ferretdbVersion) expect(plan.filterPushdown).toBe(true);
  });

  it('an updateMany of 2,500 documents (written a thousand per transaction) changes each once', async () => {
    const col = database.db.collection<{ _id: number; n: number; log: string[] }>('bigupdate');
    await col.insertMany(Array.from({ length: 2_500 }, (_, i) => ({ _id: i, n: i, log: [] })));
    const result = await col.updateMany({ n: { $gte: 0 } }, { $inc: { n: 1 }, $push: { log: 'done' } });
    expect(result.modifiedCount).toBe(2_500);
    const docs = await col.find().sort({ _id: 1 }).toArray();
    expect(docs.every((d) => d.n === d._id + 1 && d.log.length === 1)).toBe(true);
  });

  it('a deleteMany of more than 32,766 documents (one SQL variable each, before) deletes them all', async () => {
    const col = database.db.collection<{ _id: number; day: string }>('bigdelete');
    for (let from = 0; from < 33_000; from += 5_500)
      await col.insertMany(Array.from({ length: 5_500 }, (_, k) => ({ _id: from + k, day: 'old' })));
    await col.insertOne({ _id: -1, day: 'today' });
    expect((await col.deleteMany({ day: 'old' })).deletedCount).toBe(33_000);
    expect(await col.find().toArray()).toEqual([{ _id: -1, day: 'today' }]);
  });

  it('strings, keys, nesting and changing field types read back exactly (decoded by the fast path or not)', async () => {
    const tricky = [
      'plain',
      '김민지 — 콜백 요청',
      'quote " backslash \\ slash / tab \t newline \n',
      '<script>&amp;</script>',
      '\u0000\u001f control',
      'emoji 📞☎️',
      '',
      ' spaced ',
      '{"looks": ["like", "json"]}',
    ];
    const col = database.db.collection<Record<string, unknown>>('decoding');
    const docs: Record<string, unknown>[] = tricky.map((s, i) => ({
      _id: `d${i}`,
      text: s,
      [`키 ${i}`]: s,
      nested: { deeper: { text: s, list: [s, i, null, { s }] }, empty: {}, none: [] },
      history: [{ at: new Date(Date.UTC(2026, 0, i + 1)), detail: s }],
    }));
    // The same field with another type each time: documents of one collection with different schemas.
    docs.push({ _id: 'n1', text: 5 }, { _id: 'n2', text: null }, { _id: 'n3', text: ['a', { b: 'c' }] });
    docs.push({ _id: 'n4', text: 2.5, flag: true, big: 2 ** 40 });
    await col.insertMany(docs);
    const back = await col.find().sort({ _id: 1 }).toArray();
    expect(back).toEqual([...docs].sort((a, b) => String(a._id).localeCompare(String(b._id))));
  });
});
