import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../test/factories';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../test/harness';
import { prepareQuery } from './prepared-query';
import { inTransaction } from './transaction';

const organisationBySlug = prepareQuery<{ slug: string }, { id: string; name: string }>((db, slot) =>
  db.selectFrom('organisations').select(['id', 'name']).where('slug', '=', slot.slug).where('name', '<>', 'never a name'),
);

describe.each(TEST_DIALECTS)('prepared queries on %s', (dialect) => {
  let database: TestDatabase;
  let first: { orgId: string };
  let second: { orgId: string };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    first = await buildOrganisation(database.db, 'First prepared');
    second = await buildOrganisation(database.db, 'Second prepared');
  });
  afterAll(() => database.close());

  async function slugOf(orgId: string): Promise<string> {
    return (await database.db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow()).slug;
  }

  it('runs with the values of each call, keeping the constants it was built with', async () => {
    const [a, b] = [await slugOf(first.orgId), await slugOf(second.orgId)];
    expect((await organisationBySlug(database.db, { slug: a })).rows).toEqual([{ id: first.orgId, name: 'First prepared' }]);
    // The second call reuses the compiled SQL: a stale value would return the first organisation.
    expect((await organisationBySlug(database.db, { slug: b })).rows).toEqual([{ id: second.orgId, name: 'Second prepared' }]);
    expect((await organisationBySlug(database.db, { slug: 'no-such-slug' })).rows).toEqual([]);
  });

  it('runs inside a transaction, on its connection', async () => {
    const a = await slugOf(first.orgId);
    const name = await inTransaction(database.db, async (trx) => {
      await trx.updateTable('organisations').set({ name: 'Renamed in the transaction' }).where('id', '=', first.orgId).execute();
      return (await organisationBySlug(trx, { slug: a })).rows[0]?.name;
    });
    expect(name).toBe('Renamed in the transaction');
  });

  it('refuses a call that leaves a value out', async () => {
    await expect(organisationBySlug(database.db, {} as { slug: string })).rejects.toThrow(/no value for "slug"/);
  });
});
