import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

describe.each(TEST_DIALECTS)('governed actions API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  it('starts every organisation with the standard governed actions, and lets an administrator add one', async () => {
    const list = (await org.asAgent({ method: 'GET', url: '/api/v1/governed-actions' })).json();
    expect(list.items.map((item: { key: string }) => item.key).sort()).toEqual(['credit', 'fee-waiver', 'goodwill-gesture', 'refund', 'replacement']);
    expect(list.can.create).toBe(false);

    const created = await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'loyalty-points', label: 'Loyalty points', hasAmount: true } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'loyalty-points', hasAmount: true });
  });

  it('refuses a duplicate or badly formed key, and agents, without writing anything', async () => {
    const before = await countRows(context.db);
    expect(problemOf(await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'refund', label: 'Refund again', hasAmount: true } })).code).toBe('name_taken');
    expect(problemOf(await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'Big Refund', label: 'X', hasAmount: true } })).errors?.[0]?.field).toBe('body.key');
    expect((await org.asAgent({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'bribe', label: 'X', hasAmount: true } })).statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);
  });
});
