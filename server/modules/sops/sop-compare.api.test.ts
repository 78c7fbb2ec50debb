import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopComparison } from '../../../common/api/sop-compare';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { buildLibraryCast, createSopViaApi, goodContent, publishViaApi } from '../../test/sop-factories';

describe.each(TEST_DIALECTS)('comparing SOP versions on %s', (dialect) => {
  let context: TestContext;
  let author: ReturnType<typeof asSession>;
  let approver: ReturnType<typeof asSession>;
  let reviewer: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  let approverPassword: string;
  let reviewerId: string;
  let sopId: string;
  let first: string;
  let second: string;
  let draft: string;

  const revised = () => {
    const base = goodContent();
    const [check, limit, log] = base.procedure as [NonNullable<(typeof base.procedure)[number]>, NonNullable<(typeof base.procedure)[number]>, NonNullable<(typeof base.procedure)[number]>];
    return goodContent({
      scope: 'Refunds requested in store, by phone, by email or on live chat for goods bought in the last 90 days.',
      procedure: [
        { id: 'greet', kind: 'action', text: 'Greet the customer by name.' },
        { ...check, text: 'Check the receipt or the order confirmation email.' },
        log,
        { ...limit, branches: limit.branches!.map((branch) => (branch.id === 'above' ? { ...branch, steps: [{ ...branch.steps[0]!, referTo: 'Team lead' }] } : branch)) },
      ],
    });
  };

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ author, approver, reviewer, agent, approverPassword, reviewerId } = await buildLibraryCast(context));

    // 1.0 published, then 1.1 published with revisions (1.0 superseded), then a 1.2 draft.
    const created = await createSopViaApi(author);
    sopId = created.sopId;
    first = created.versionId;
    await publishViaApi(author, approver, approverPassword, sopId, first, reviewerId, reviewer);
    second = (await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Live chat and a greeting.' } })).json().id;
    await publishViaApi(author, approver, approverPassword, sopId, second, reviewerId, reviewer, revised());
    draft = (await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Tips.' } })).json().id;
    await author({ method: 'PUT', url: `/api/v1/sops/${sopId}/versions/${draft}/content`, payload: { revision: 1, content: { ...revised(), tips: 'Thank the customer warmly.' } } });
  });
  afterAll(() => context.close());

  const compare = (as: ReturnType<typeof asSession>, from: string, to: string, id = sopId) => as({ method: 'GET', url: `/api/v1/sops/${id}/compare?from=${from}&to=${to}` });

  it('compares two published versions for anyone who reads the library, section by section and step by step', async () => {
    const response = await compare(agent, first, second);
    expect(response.statusCode).toBe(200);
    const diff: SopComparison = response.json();
    expect(diff).toMatchObject({ sopId, changed: true, from: { id: first, label: '1.0', status: 'superseded' }, to: { id: second, label: '1.1', status: 'published' } });
    expect(diff.sections.filter((section) => section.changed).map((section) => section.section)).toEqual(['scope']);
    const scope = diff.sections.find((section) => section.section === 'scope')!;
    expect(scope.words.filter((part) => part.kind === 'added').map((part) => part.text).join('')).toContain('live chat');

    expect(diff.procedure.summary).toEqual({ added: 1, removed: 0, moved: 1, reworded: 1, attributesChanged: 1, unchanged: 2 });
    const byId = new Map(diff.procedure.steps.map((step) => [step.stepId, step]));
    expect(byId.get('greet')).toMatchObject({ change: 'added', to: { number: '1' } });
    expect(byId.get('check')).toMatchObject({ change: 'kept', reworded: true, moved: false, from: { number: '1' }, to: { number: '2' } });
    const words = byId.get('check')!.text!;
    expect(words.filter((part) => part.kind === 'added').map((part) => part.text.trim())).toEqual(expect.arrayContaining(['confirmation email']));
    expect(words.filter((part) => part.kind === 'removed').map((part) => part.text.trim())).toEqual(['number']);
    // "log" and the decision swapped places: one of the two moved relative to the other.
    expect([byId.get('log')!.moved, byId.get('limit')!.moved].filter(Boolean)).toHaveLength(1);
    expect(byId.get('log')).toMatchObject({ from: { number: '3' }, to: { number: '3' } });
    expect(byId.get('limit')).toMatchObject({ from: { number: '2' }, to: { number: '4' } });
    expect(byId.get('refer')!.attributes).toEqual([{ attribute: 'referTo', from: 'Supervisor', to: 'Team lead' }]);
  });

  it('compares in either order, and a version with itself as unchanged', async () => {
    const backwards: SopComparison = (await compare(agent, second, first)).json();
    expect(backwards.procedure.summary).toMatchObject({ added: 0, removed: 1 });
    expect(backwards.procedure.steps.find((step) => step.stepId === 'greet')).toMatchObject({ change: 'removed', from: { number: '1' }, to: null });
    const same: SopComparison = (await compare(agent, second, second)).json();
    expect(same.changed).toBe(false);
  });

  it('shows a draft only to those who may read drafts', async () => {
    const withDraft = await compare(author, second, draft);
    expect(withDraft.statusCode).toBe(200);
    expect((withDraft.json() as SopComparison).sections.filter((section) => section.changed).map((section) => section.section)).toEqual(['tips']);
    expect(problemOf(await compare(agent, second, draft)).code).toBe('not_found');
    expect(problemOf(await compare(agent, draft, first)).code).toBe('not_found');
  });

  it('answers 404 for an unknown version, another SOP’s version or another organisation’s SOP, and 400 for a malformed id', async () => {
    const other = await createSopViaApi(author);
    const otherOrg = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, otherOrg.orgId, 'Quality manager')));
    const before = await countRows(context.db);

    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(problemOf(await compare(author, first, unknown)).code).toBe('not_found');
    expect(problemOf(await compare(author, unknown, first)).code).toBe('not_found');
    expect(problemOf(await compare(author, first, other.versionId)).code).toBe('not_found');
    expect(problemOf(await compare(author, first, second, other.sopId)).code).toBe('not_found');
    expect(problemOf(await compare(outsider, first, second)).code).toBe('not_found');

    const malformed = problemOf(await compare(author, 'not-an-id', second));
    expect(malformed).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(malformed.errors?.map((error) => error.field)).toEqual(['querystring.from']);
    const missing = problemOf(await author({ method: 'GET', url: `/api/v1/sops/${sopId}/compare?from=${first}` }));
    expect(missing.errors?.map((error) => error.field)).toEqual(['querystring.to']);
    expect(await countRows(context.db)).toEqual(before);
  });
});
