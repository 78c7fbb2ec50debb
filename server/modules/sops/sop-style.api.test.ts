import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { createSopViaApi, goodContent } from '../../test/sop-factories';

describe.each(TEST_DIALECTS)('style checks on SOP versions on %s', (dialect) => {
  let context: TestContext;
  let author: ReturnType<typeof asSession>;
  let admin: ReturnType<typeof asSession>;
  let reviewerId: string;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    const { orgId } = await buildOrganisation(context.db);
    author = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Quality manager')));
    admin = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Administrator')));
    reviewerId = (await buildPerson(context.db, orgId, 'Supervisor')).id;
  });
  afterAll(() => context.close());

  const badContent = () =>
    goodContent({
      purpose: '',
      procedure: [
        { id: 'check', kind: 'action', text: 'You check the RMA on the receipt.' },
        { id: 'refer', kind: 'referral', text: 'Refer the case.' },
      ],
    });

  it('shows no findings on the well-written fixture SOP', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const saved = await author({ method: 'PUT', url: `/api/v1/sops/${sopId}/versions/${versionId}/content`, payload: { revision: 1, content: goodContent() } });
    expect(saved.json().findings).toEqual([]);
  });

  it('shows findings on a version, and errors block sending it for review with nothing written', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    const saved = (await author({ method: 'PUT', url: `${base}/content`, payload: { revision: 1, content: badContent() } })).json();
    const errors = saved.findings.filter((finding: { severity: string }) => finding.severity === 'error');
    expect(errors.map((finding: { ruleId: string; stepId?: string }) => `${finding.ruleId}:${finding.stepId ?? '-'}`).sort()).toEqual([
      'glossary-coverage:check',
      'imperative-step:check',
      'no-personal-pronouns:check',
      'referral-role:refer',
      'required-sections:-',
    ]);
    expect(errors.find((finding: { ruleId: string }) => finding.ruleId === 'referral-role')).toMatchObject({ section: 'procedure', stepNumber: '2', why: expect.any(String) });

    const before = await countRows(context.db);
    const blocked = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } });
    expect(blocked.statusCode).toBe(422);
    const problem = problemOf(blocked) as ReturnType<typeof problemOf> & { findings?: unknown[] };
    expect(problem.code).toBe('style_errors');
    expect(problem.detail).toContain('Fix 5 style or structure errors');
    expect(problem.findings).toHaveLength(5);
    expect(problem.errors).toContainEqual({ field: 'content.procedure.refer', message: expect.stringContaining('whom the case goes to') });
    expect(await countRows(context.db)).toEqual(before);
    expect((await author({ method: 'GET', url: base })).json().status).toBe('draft');
  });

  it('keeps an SOP started from a built-in template out of review until its purpose and scope are written', async () => {
    const { sopId, versionId } = await createSopViaApi(author, { templateId: 'decision-flow' });
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    const draft = (await author({ method: 'GET', url: base })).json();
    expect(draft.findings.filter((finding: { severity: string }) => finding.severity === 'error').map((finding: { section: string }) => finding.section)).toEqual(['purpose', 'scope']);
    const blocked = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } });
    expect(problemOf(blocked).code).toBe('style_errors');
    expect(problemOf(blocked).detail).toContain('Fix 2 style or structure errors');

    const written = { ...draft.content, purpose: 'Customers get an answer within the agent’s authority, or from a supervisor.', scope: 'Requests on every channel.' };
    const saved = await author({ method: 'PUT', url: `${base}/content`, payload: { revision: draft.revision, content: written } });
    expect(saved.json().findings.filter((finding: { severity: string }) => finding.severity === 'error')).toEqual([]);
    expect((await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } })).json().status).toBe('in_review');
  });

  it('applies the organisation’s settings: a rule switched off no longer finds or blocks', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    const content = goodContent({ procedure: [{ id: 'check', kind: 'action', text: 'Check the RMA on the receipt.' }] });
    const saved = (await author({ method: 'PUT', url: `${base}/content`, payload: { revision: 1, content } })).json();
    expect(saved.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['glossary-coverage']);
    expect(problemOf(await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } })).code).toBe('style_errors');

    const settings = (await admin({ method: 'GET', url: '/api/v1/settings/style-rules' })).json();
    const changed = await admin({ method: 'PUT', url: '/api/v1/settings/style-rules', payload: { version: settings.version, knownAcronyms: ['RMA'] } });
    expect(changed.statusCode).toBe(200);
    expect((await author({ method: 'GET', url: base })).json().findings).toEqual([]);
    const submitted = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('in_review');
  });

  it('lets warnings through: they are shown but do not block', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    const content = goodContent({ glossary: [], procedure: [...goodContent().procedure, { id: 'upsell', kind: 'action', text: 'Upsell the extended warranty.' }] });
    const saved = (await author({ method: 'PUT', url: `${base}/content`, payload: { revision: 1, content } })).json();
    expect(saved.findings.map((finding: { ruleId: string; severity: string }) => `${finding.severity}:${finding.ruleId}`)).toEqual(['warning:required-sections', 'warning:imperative-step']);
    expect((await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } })).json().status).toBe('in_review');
  });
});
