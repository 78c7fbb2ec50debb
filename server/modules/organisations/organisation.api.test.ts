import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

describe.each(TEST_DIALECTS)('organisation API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

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
