import SQLite from 'better-sqlite3';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, rawSql, type TestDatabase } from '../test/harness';
import type { Trx } from './database';
import { groupCommitStats, inTransaction } from './transaction';

let handle: TestDatabase;
let observer: SQLite.Database;

beforeEach(async () => {
  handle = await createTestDatabase('sqlite');
  await rawSql(handle.db, 'create table gc_notes (id integer primary key, body text not null unique)');
  await rawSql(handle.db, 'create table gc_parents (id integer primary key)');
  await rawSql(handle.db, 'create table gc_children (id integer primary key, parent_id integer not null references gc_parents (id))');
  if (handle.target.kind !== 'sqlite') throw new Error('SQLite only');
  // A second connection sees only what has been committed.
  observer = new SQLite(handle.target.file, { readonly: true });
});

afterEach(async () => {
  observer.close();
  await handle.close();
});

function committedNotes(): string[] {
  return (observer.prepare('select body from gc_notes order by id').all() as Array<{ body: string }>).map((row) => row.body);
}

async function addNote(trx: Trx, body: string): Promise<string> {
  await sql`insert into gc_notes (body) values (${body})`.execute(trx);
  return body;
}

describe('SQLite group commit', () => {
  it('commits use cases that arrive together in one transaction, and answers each only once it is committed', async () => {
    const before = groupCommitStats(handle.db);
    const seenWhenAnswered: string[][] = [];
    const bodies = Array.from({ length: 20 }, (_, index) => `note ${index}`);
    const results = await Promise.all(
      bodies.map((body) =>
        inTransaction(handle.db, (trx) => addNote(trx, body)).then((value) => {
          seenWhenAnswered.push(committedNotes());
          return value;
        }),
      ),
    );

    expect(results).toEqual(bodies);
    expect(committedNotes()).toEqual(bodies);
    for (const seen of seenWhenAnswered) expect(seen).toEqual(bodies);
    const after = groupCommitStats(handle.db);
    expect(after.units - before.units).toBe(20);
    expect(after.batches - before.batches).toBe(1);
  });

  it('runs use cases one after another, each seeing the writes of those before it', async () => {
    const counts = await Promise.all(
      [1, 2, 3].map((index) =>
        inTransaction(handle.db, async (trx) => {
          await addNote(trx, `ordered ${index}`);
          const { rows } = await sql<{ n: number }>`select count(*) as n from gc_notes`.execute(trx);
          return rows[0]!.n;
        }),
      ),
    );
    expect(counts).toEqual([1, 2, 3]);
  });

  it('rolls back a failing use case alone: its writes vanish, its error is its own, the others commit', async () => {
    const outcomes = await Promise.allSettled([
      inTransaction(handle.db, (trx) => addNote(trx, 'first')),
      inTransaction(handle.db, async (trx) => {
        await addNote(trx, 'written then refused');
        throw new Error('refused after writing');
      }),
      // A constraint error from SQLite itself, after an earlier write of the same use case.
      inTransaction(handle.db, async (trx) => {
        await addNote(trx, 'another written then refused');
        await addNote(trx, 'first');
      }),
      inTransaction(handle.db, (trx) => addNote(trx, 'last')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'refused after writing');
    expect((outcomes[2] as PromiseRejectedResult).reason).toHaveProperty('code', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(committedNotes()).toEqual(['first', 'last']);
  });

  it('fails every use case of a batch whose COMMIT fails, and leaves none of their writes', async () => {
    const before = groupCommitStats(handle.db);
    const outcomes = await Promise.allSettled([
      inTransaction(handle.db, (trx) => addNote(trx, 'lost with the batch')),
      inTransaction(handle.db, async (trx) => {
        // A deferred foreign key is checked only at COMMIT, so this use case itself succeeds.
        await trx.executeQuery(CompiledQuery.raw('pragma defer_foreign_keys = on'));
        await sql`insert into gc_children (id, parent_id) values (1, 999)`.execute(trx);
      }),
      inTransaction(handle.db, (trx) => addNote(trx, 'also lost')),
    ]);

    expect(groupCommitStats(handle.db).batches - before.batches).toBe(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNotes()).toEqual([]);
    expect(observer.prepare('select count(*) as n from gc_children').get()).toEqual({ n: 0 });

    // The connection is usable again afterwards.
    await expect(inTransaction(handle.db, (trx) => addNote(trx, 'after'))).resolves.toBe('after');
    expect(committedNotes()).toEqual(['after']);
  });

  it('runs a use case that lost a race again in a later batch', async () => {
    let attempts = 0;
    const result = await inTransaction(handle.db, async (trx) => {
      attempts += 1;
      await addNote(trx, `attempt ${attempts}`);
      if (attempts < 3) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return attempts;
    });
    expect(result).toBe(3);
    expect(committedNotes()).toEqual(['attempt 3']);
  });

  it('gives up on a conflict that keeps happening, with its error', async () => {
    let attempts = 0;
    await expect(
      inTransaction(handle.db, async () => {
        attempts += 1;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }),
    ).rejects.toThrow('database is locked');
    expect(attempts).toBe(5);
  });

  it('keeps a use case that arrives while a batch runs for the next batch', async () => {
    const before = groupCommitStats(handle.db);
    let late: Promise<string> | undefined;
    const first = inTransaction(handle.db, async (trx) => {
      late = inTransaction(handle.db, (inner) => addNote(inner, 'late'));
      return addNote(trx, 'early');
    });
    expect(await first).toBe('early');
    expect(committedNotes()).toEqual(['early']);
    expect(await late).toBe('late');
    expect(committedNotes()).toEqual(['early', 'late']);
    expect(groupCommitStats(handle.db).batches - before.batches).toBe(2);
  });
});
