import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { createSopViaApi, publishViaApi } from '../../test/sop-factories';

describe.each(TEST_DIALECTS)('process register API on %s', (dialect) => {
  let context: TestContext;
  let author: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  let approver: ReturnType<typeof asSession>;
  let approverPerson: Awaited<ReturnType<typeof buildPerson>>;
  let reviewerPerson: Awaited<ReturnType<typeof buildPerson>>;
  let reviewer: ReturnType<typeof asSession>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    const { orgId } = await buildOrganisation(context.db);
    author = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Quality manager')));
    approverPerson = await buildPerson(context.db, orgId, 'Quality manager');
    approver = asSession(context.app, await signInAs(context.app, approverPerson));
    reviewerPerson = await buildPerson(context.db, orgId, 'Supervisor');
    reviewer = asSession(context.app, await signInAs(context.app, reviewerPerson));
    agent = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Agent')));
  });
  afterAll(() => context.close());

  it('keeps a register whose status and coverage follow the linked SOPs, flagging likely duplicates', async () => {
    const refund = (await author({ method: 'POST', url: '/api/v1/processes', payload: { name: 'Refund a purchase', category: 'Refunds', channels: ['phone'], notes: 'Store staff refund on the till.' } })).json();
    await author({ method: 'POST', url: '/api/v1/processes', payload: { name: 'Refunding purchases', category: 'Refunds' } });
    await author({ method: 'POST', url: '/api/v1/processes', payload: { name: 'Log an accident on the premises', category: 'Health and safety' } });

    let register = (await agent({ method: 'GET', url: '/api/v1/processes' })).json();
    expect(register.coverage).toEqual({ total: 3, published: 0, drafting: 0, noSop: 3 });
    expect(register.items.find((item: { id: string }) => item.id === refund.id).likelyDuplicates.map((d: { name: string }) => d.name)).toEqual(['Refunding purchases']);
    expect(register.can.create).toBe(false);

    const { sopId, versionId } = await createSopViaApi(author, { processId: refund.id });
    register = (await author({ method: 'GET', url: '/api/v1/processes' })).json();
    expect(register.items.find((item: { id: string }) => item.id === refund.id).status).toBe('drafting');
    await publishViaApi(author, approver, approverPerson.password, sopId, versionId, reviewerPerson.id, reviewer);
    register = (await author({ method: 'GET', url: '/api/v1/processes' })).json();
    expect(register.coverage).toEqual({ total: 3, published: 1, drafting: 0, noSop: 2 });
  });

  it('refuses duplicates by name, bad input and stale edits; agents may not change the register', async () => {
    const before = await countRows(context.db);
    expect(problemOf(await author({ method: 'POST', url: '/api/v1/processes', payload: { name: 'Refund a purchase', category: 'Refunds' } })).code).toBe('name_taken');
    expect(problemOf(await author({ method: 'POST', url: '/api/v1/processes', payload: { name: '', category: 'Refunds' } })).errors?.[0]?.field).toBe('body.name');
    expect((await agent({ method: 'POST', url: '/api/v1/processes', payload: { name: 'New', category: 'X' } })).statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);

    const created = (await author({ method: 'POST', url: '/api/v1/processes', payload: { name: 'Handle a dispute', category: 'Disputes' } })).json();
    expect((await author({ method: 'PATCH', url: `/api/v1/processes/${created.id}`, payload: { version: 1, notes: 'Agents escalate after two contacts.' } })).statusCode).toBe(200);
    const stale = await author({ method: 'PATCH', url: `/api/v1/processes/${created.id}`, payload: { version: 1, notes: 'Older note.' } });
    expect(problemOf(stale)).toMatchObject({ code: 'version_conflict', current: { notes: 'Agents escalate after two contacts.' } });
    expect((await author({ method: 'DELETE', url: `/api/v1/processes/${created.id}` })).statusCode).toBe(204);
  });
});
