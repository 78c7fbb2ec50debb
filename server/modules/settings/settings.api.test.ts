import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

describe.each(TEST_DIALECTS)('settings API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  describe('governed actions', () => {
    it('starts every organisation with the standard governed actions, and lets an administrator add one', async () => {
      const list = (await org.asAgent({ method: 'GET', url: '/api/v1/governed-actions' })).json();
      expect(list.items.map((item: { key: string }) => item.key).sort()).toEqual(['credit', 'fee-waiver', 'goodwill-gesture', 'refund', 'replacement']);
      expect(list.can.create).toBe(false);

      const created = await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'loyalty-points', label: 'Loyalty points', hasAmount: true } });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ key: 'loyalty-points', hasAmount: true });
    });

    it('rewords an action, changes its amount default, retires and restores it, keeping its key, each change recorded', async () => {
      type Action = { id: string; key: string; label: string; hasAmount: boolean; retiredAt: string | null; version: number };
      const list = (await org.asAdmin({ method: 'GET', url: '/api/v1/governed-actions' })).json();
      expect(list.can).toEqual({ create: true, update: true });
      const waiver = list.items.find((item: Action) => item.key === 'fee-waiver') as Action;
      expect(waiver).toMatchObject({ hasAmount: true, retiredAt: null, version: 1 });
      const url = `/api/v1/governed-actions/${waiver.id}`;

      const reworded = await org.asAdmin({ method: 'PATCH', url, payload: { version: 1, label: '  Late fee waiver ', hasAmount: false } });
      expect(reworded.statusCode).toBe(200);
      expect(reworded.json()).toMatchObject({ id: waiver.id, key: 'fee-waiver', label: 'Late fee waiver', hasAmount: false, retiredAt: null, version: 2 });
      const retired = (await org.asAdmin({ method: 'PATCH', url, payload: { version: 2, retired: true } })).json() as Action;
      expect(retired).toMatchObject({ key: 'fee-waiver', version: 3, retiredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      // Still listed, for the steps that name it, after those still offered.
      const keys = (await org.asAgent({ method: 'GET', url: '/api/v1/governed-actions' })).json().items.map((item: Action) => item.key);
      expect(keys.at(-1)).toBe('fee-waiver');
      expect(keys).toHaveLength(list.items.length);
      // Saying nothing new changes nothing and records nothing.
      const before = await countRows(context.db);
      expect((await org.asAdmin({ method: 'PATCH', url, payload: { version: 3, retired: true, label: 'Late fee waiver' } })).json()).toMatchObject({ version: 3, retiredAt: retired.retiredAt });
      expect(await countRows(context.db)).toEqual(before);
      expect((await org.asAdmin({ method: 'PATCH', url, payload: { version: 3, retired: false } })).json()).toMatchObject({ version: 4, retiredAt: null });

      const events = (await org.asAdmin({ method: 'GET', url: '/api/v1/audit/events?type=governed-action.updated' })).json().items;
      expect(events.map((event: { payload: unknown }) => event.payload)).toEqual(
        expect.arrayContaining([
          { key: 'fee-waiver', changes: { label: { from: 'Fee waiver', to: 'Late fee waiver' }, hasAmount: { from: true, to: false } } },
          { key: 'fee-waiver', changes: { retired: { from: false, to: true } } },
          { key: 'fee-waiver', changes: { retired: { from: true, to: false } } },
        ]),
      );
      expect(events).toHaveLength(3);
    });

    it('refuses a stale edit with the current action, bad input, agents and other organisations, changing nothing', async () => {
      const list = (await org.asAdmin({ method: 'GET', url: '/api/v1/governed-actions' })).json();
      const refund = list.items.find((item: { key: string }) => item.key === 'refund');
      const url = `/api/v1/governed-actions/${refund.id}`;
      expect((await org.asAdmin({ method: 'PATCH', url, payload: { version: refund.version, label: 'Refund to the original method' } })).statusCode).toBe(200);
      const other = await buildSignedInOrganisation(context.app, context.db);
      const before = await countRows(context.db);

      const stale = await org.asAdmin({ method: 'PATCH', url, payload: { version: refund.version, label: 'Cash refund' } });
      expect(stale.statusCode).toBe(409);
      expect(problemOf(stale).code).toBe('version_conflict');
      expect(stale.json().current).toMatchObject({ key: 'refund', label: 'Refund to the original method', version: refund.version + 1 });

      const current = refund.version + 1;
      const badLabel = problemOf(await org.asAdmin({ method: 'PATCH', url, payload: { version: current, label: '' } }));
      expect(badLabel.errors?.[0]?.field).toBe('body.label');
      // The key is what steps refer to: it cannot be changed.
      expect(problemOf(await org.asAdmin({ method: 'PATCH', url, payload: { version: current, key: 'money-back' } })).code).toBe('validation_failed');
      expect(problemOf(await org.asAdmin({ method: 'PATCH', url: '/api/v1/governed-actions/not-an-id', payload: { version: 1 } })).errors?.[0]?.field).toBe('params.id');
      expect((await org.asAgent({ method: 'PATCH', url, payload: { version: current, retired: true } })).statusCode).toBe(403);
      expect((await other.asAdmin({ method: 'PATCH', url, payload: { version: current, retired: true } })).statusCode).toBe(404);

      expect(await countRows(context.db)).toEqual(before);
      expect((await org.asAdmin({ method: 'GET', url: '/api/v1/governed-actions' })).json().items.find((item: { key: string }) => item.key === 'refund')).toMatchObject({
        label: 'Refund to the original method',
        retiredAt: null,
        version: current,
      });
    });

    it('refuses a duplicate or badly formed key, and agents, without writing anything', async () => {
      const before = await countRows(context.db);
      expect(problemOf(await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'refund', label: 'Refund again', hasAmount: true } })).code).toBe('name_taken');
      expect(problemOf(await org.asAdmin({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'Big Refund', label: 'X', hasAmount: true } })).errors?.[0]?.field).toBe('body.key');
      expect((await org.asAgent({ method: 'POST', url: '/api/v1/governed-actions', payload: { key: 'bribe', label: 'X', hasAmount: true } })).statusCode).toBe(403);
      expect(await countRows(context.db)).toEqual(before);
    });
  });

  describe('the organisation', () => {
    it('lets an administrator rename the organisation, keeping its slug, shown on /me and recorded once', async () => {
      const read = (await org.asAgent({ method: 'GET', url: '/api/v1/organisation' })).json();
      expect(read).toMatchObject({ id: org.orgId, version: 1, can: { update: false } });
      expect((await org.asAdmin({ method: 'GET', url: '/api/v1/organisation' })).json().can).toEqual({ update: true });

      const renamed = await org.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: 1, name: '  Harbour & Hill Outfitters Ltd ' } });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toEqual({ id: org.orgId, name: 'Harbour & Hill Outfitters Ltd', slug: read.slug, version: 2, can: { update: true } });
      expect((await org.asAgent({ method: 'GET', url: '/api/v1/me' })).json().organisation).toEqual({ id: org.orgId, name: 'Harbour & Hill Outfitters Ltd', slug: read.slug });

      // The same name again changes and records nothing.
      const before = await countRows(context.db);
      expect((await org.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: 2, name: 'Harbour & Hill Outfitters Ltd' } })).json().version).toBe(2);
      expect(await countRows(context.db)).toEqual(before);

      const events = (await org.asAdmin({ method: 'GET', url: '/api/v1/audit/events?type=organisation.renamed' })).json().items;
      expect(events.map((event: { stream: string; payload: unknown }) => [event.stream, event.payload])).toEqual([
        [`org:${org.orgId}`, { from: read.name, to: 'Harbour & Hill Outfitters Ltd' }],
      ]);
    });

    it('refuses a stale rename with the current name, bad input and agents, changing nothing', async () => {
      const current = (await org.asAdmin({ method: 'GET', url: '/api/v1/organisation' })).json();
      const other = await buildSignedInOrganisation(context.app, context.db);
      const before = await countRows(context.db);

      const stale = await org.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: current.version - 1, name: 'Someone else’s idea' } });
      expect(stale.statusCode).toBe(409);
      expect(problemOf(stale).code).toBe('version_conflict');
      expect(stale.json().current).toMatchObject({ name: current.name, version: current.version });

      for (const [name, reason] of [
        ['   ', 'must not be empty'],
        ['Line one\nLine two', 'must not contain control characters or line breaks'],
        ['x'.repeat(121), 'must be at most 120 characters'],
      ] as const) {
        const problem = problemOf(await org.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: current.version, name } }));
        expect(problem.code).toBe('validation_failed');
        expect(problem.errors?.[0]).toMatchObject({ field: 'body.name', message: reason });
      }
      // The slug is in addresses and never changes.
      const slug = problemOf(await org.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: current.version, name: 'New', slug: 'new' } }));
      expect(slug.code).toBe('validation_failed');
      expect((await org.asAgent({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: current.version, name: 'Agents Inc' } })).statusCode).toBe(403);
      expect((await context.app.inject({ method: 'GET', url: '/api/v1/organisation' })).statusCode).toBe(401);

      expect(await countRows(context.db)).toEqual(before);
      expect((await org.asAdmin({ method: 'GET', url: '/api/v1/organisation' })).json()).toEqual(current);

      // Another organisation's administrator renames their own organisation only.
      const theirs = (await other.asAdmin({ method: 'GET', url: '/api/v1/organisation' })).json();
      expect((await other.asAdmin({ method: 'PATCH', url: '/api/v1/organisation', payload: { version: theirs.version, name: 'Elsewhere' } })).json().id).toBe(other.orgId);
      expect((await org.asAdmin({ method: 'GET', url: '/api/v1/organisation' })).json()).toEqual(current);
    });
  });
});
