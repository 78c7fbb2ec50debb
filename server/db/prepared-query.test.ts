import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../test/factories';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../test/harness';
import { executePrepared, prepareQuery } from './prepared-query';
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

  // Registered on PostgreSQL only (a skipped test would read as something this machine could not run).
  if (dialect === 'postgres')
    it('is a named statement on PostgreSQL, parsed once per connection and reused', async () => {
    const [a, b] = [await slugOf(first.orgId), await slugOf(second.orgId)];
    // One transaction holds one connection, and pg_prepared_statements lists that connection's statements.
    const statements = await inTransaction(database.db, async (trx) => {
      const listed = () =>
        sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where statement like ${'%"slug" = $1%'}`.execute(trx);
      expect((await organisationBySlug(trx, { slug: a })).rows.map((row) => row.id)).toEqual([first.orgId]);
      const once = (await listed()).rows;
      expect((await organisationBySlug(trx, { slug: b })).rows.map((row) => row.id)).toEqual([second.orgId]);
      return { once, twice: (await listed()).rows };
    });
    expect(statements.once).toHaveLength(1);
    expect(statements.once[0]!.name).toMatch(/^sopdesk_prepared_\d+$/);
    expect(statements.twice).toEqual(statements.once);
    // Only prepared queries are: every other query still goes as text.
    const names = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(database.db);
    expect(names.rows.filter((row) => !/^sopdesk_prepared_\d+$/.test(row.name))).toEqual([]);
  });

  it('runs a query of varying shape as it is, each shape a named statement on PostgreSQL', async () => {
    const names = (extra: string[]) =>
      executePrepared(
        database.db,
        sql<{ name: string }>`select name from organisations where id in (${sql.join([first.orgId, ...extra])}) and name <> ${'never a shape'} order by name`,
      );
    expect((await names([])).rows).toHaveLength(1);
    expect((await names([second.orgId])).rows).toHaveLength(2);
    if (dialect === 'postgres') {
      const shapes = await inTransaction(database.db, async (trx) => {
        await executePrepared(trx, sql`select name from organisations where id in (${sql.join([first.orgId])}) and name <> ${'never a shape'} order by name`);
        await executePrepared(trx, sql`select name from organisations where id in (${sql.join([first.orgId, second.orgId])}) and name <> ${'never a shape'} order by name`);
        return (await sql<{ name: string }>`select name from pg_prepared_statements where statement like ${'%from "organisations" where id in%'} or statement like ${'%from organisations where id in%'}`.execute(trx)).rows;
      });
      expect(shapes).toHaveLength(2);
      expect(new Set(shapes.map((shape) => shape.name)).size).toBe(2);
    }
  });

  it('refuses a call that leaves a value out', async () => {
    await expect(organisationBySlug(database.db, {} as { slug: string })).rejects.toThrow(/no value for "slug"/);
  });
});
