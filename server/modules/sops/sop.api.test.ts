import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { createSopViaApi, goodContent, publishViaApi } from '../../test/sop-factories';
import { publishDueVersions } from './sop-lifecycle.service';

describe.each(TEST_DIALECTS)('SOP library API on %s', (dialect) => {
  let context: TestContext;
  let orgId: string;
  let author: ReturnType<typeof asSession>;
  let approver: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  let approverPerson: Awaited<ReturnType<typeof buildPerson>>;
  let reviewerPerson: Awaited<ReturnType<typeof buildPerson>>;
  let reviewer: ReturnType<typeof asSession>;
  let agentPerson: Awaited<ReturnType<typeof buildPerson>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ orgId } = await buildOrganisation(context.db));
    const authorPerson = await buildPerson(context.db, orgId, 'Quality manager');
    approverPerson = await buildPerson(context.db, orgId, 'Quality manager');
    reviewerPerson = await buildPerson(context.db, orgId, 'Supervisor');
    agentPerson = await buildPerson(context.db, orgId, 'Agent');
    author = asSession(context.app, await signInAs(context.app, authorPerson));
    approver = asSession(context.app, await signInAs(context.app, approverPerson));
    reviewer = asSession(context.app, await signInAs(context.app, reviewerPerson));
    agent = asSession(context.app, await signInAs(context.app, agentPerson));
  });
  afterAll(() => context.close());

  it('creates an SOP with a first draft from a template', async () => {
    const response = await author({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-CMP-001', title: 'Handle a complaint', category: 'Complaints', channels: ['email'], templateId: 'decision-flow' } });
    expect(response.statusCode).toBe(201);
    const sop = response.json();
    expect(sop).toMatchObject({ key: 'CS-CMP-001', status: 'draft', reviewIntervalMonths: 12, published: null });
    expect(sop.draft).toMatchObject({ label: '1.0', status: 'draft', changeKind: 'major' });
    const version = (await author({ method: 'GET', url: `/api/v1/sops/${sop.id}/versions/${sop.draft.id}` })).json();
    expect(version.content.procedure.map((step: { kind: string }) => step.kind)).toEqual(['action', 'decision', 'record']);
    expect(version.can).toMatchObject({ edit: true, submit: true, approve: false });
  });

  it('filters the library by a channel exactly: case, underscores and percent signs as written', async () => {
    const create = async (key: string, channels: string[]) =>
      (await author({ method: 'POST', url: '/api/v1/sops', payload: { key, title: `Channel test ${key}`, category: 'Channel tests', channels, templateId: 'simple-list' } })).json().id as string;
    const exact = await create('CS-CHN-901', ['live_chat', '100% online']);
    await create('CS-CHN-902', ['liveXchat', 'Live_chat', '100 online']);
    const keys = async (channel: string) =>
      ((await author({ method: 'GET', url: `/api/v1/sops?category=Channel%20tests&channel=${encodeURIComponent(channel)}` })).json().items as Array<{ id: string }>).map((sop) => sop.id);
    expect(await keys('live_chat')).toEqual([exact]);
    expect(await keys('100% online')).toEqual([exact]);
    expect(await keys('100%')).toEqual([]);
    expect(await keys('live')).toEqual([]);
  });

  it('refuses a duplicate key, a bad key and a review interval over 12 months, writing nothing', async () => {
    const before = await countRows(context.db);
    const duplicate = await author({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-CMP-001', title: 'Again', category: 'Complaints' } });
    expect(problemOf(duplicate)).toMatchObject({ code: 'name_taken', errors: [{ field: 'body.key', message: 'is already in use' }] });
    const badKey = await author({ method: 'POST', url: '/api/v1/sops', payload: { key: 'refund one', title: 'Refund', category: 'Refunds' } });
    expect(problemOf(badKey).errors?.[0]?.field).toBe('body.key');
    const tooLong = await author({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-REF-900', title: 'Refund', category: 'Refunds', reviewIntervalMonths: 18 } });
    expect(problemOf(tooLong).errors?.[0]?.field).toBe('body.reviewIntervalMonths');
    expect(await countRows(context.db)).toEqual(before);
  });

  it('autosaves with optimistic concurrency: a stale save gets 409 with the stored version', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const url = `/api/v1/sops/${sopId}/versions/${versionId}/content`;
    const first = await author({ method: 'PUT', url, payload: { revision: 1, content: goodContent({ tips: 'Mine.' }) } });
    expect(first.statusCode).toBe(200);
    expect(first.json().revision).toBe(2);
    const stale = await author({ method: 'PUT', url, payload: { revision: 1, content: goodContent({ tips: 'Theirs.' }) } });
    expect(stale.statusCode).toBe(409);
    const problem = problemOf(stale);
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({ revision: 2, content: { tips: 'Mine.' } });
  });

  it('refuses structurally invalid content naming the field', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const response = await author({
      method: 'PUT',
      url: `/api/v1/sops/${sopId}/versions/${versionId}/content`,
      payload: { revision: 1, content: { ...goodContent(), procedure: [{ id: 'bad id!', kind: 'action', text: 'Do it.' }] } },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.[0]?.field).toBe('body.content.procedure.0.id');
  });

  it('takes a draft through trial, review, signature and publication; search then finds it', async () => {
    const { sopId, versionId, key } = await createSopViaApi(author, { title: 'Refund a damaged purchase' });
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    await author({ method: 'PUT', url: `${base}/content`, payload: { revision: 1, content: goodContent() } });

    // Agents cannot see the draft until they are named in the trial.
    expect((await agent({ method: 'GET', url: base })).statusCode).toBe(404);
    const trial = await author({ method: 'POST', url: `${base}/trial`, payload: { personIds: [agentPerson.id] } });
    expect(trial.json().status).toBe('trial');
    const commented = await agent({ method: 'POST', url: `${base}/comments`, payload: { section: 'procedure', stepId: 'check', body: 'Customers often have an email receipt only.' } });
    expect(commented.statusCode).toBe(200);
    const commentId = commented.json().comments[0].id;

    // An open trial comment blocks submission; a decline needs a reason.
    const blocked = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerPerson.id] } });
    expect(problemOf(blocked).code).toBe('invalid_state');
    const noReason = await author({ method: 'POST', url: `${base}/comments/${commentId}/resolution`, payload: { status: 'declined', note: '' } });
    expect(problemOf(noReason).errors?.[0]?.field).toBe('body.note');
    await author({ method: 'POST', url: `${base}/comments/${commentId}/resolution`, payload: { status: 'accepted', note: 'Step now says receipt or order email.' } });

    const submitted = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerPerson.id], approverIds: [approverPerson.id] } });
    expect(submitted.json().status).toBe('in_review');
    // Review comments must be resolved and reviewers finished before anyone signs.
    await reviewer({ method: 'POST', url: `${base}/comments`, payload: { section: 'scope', stepId: null, body: 'Does this cover gift cards?' } });
    const early = await approver({ method: 'POST', url: `${base}/approve`, payload: { password: approverPerson.password } });
    expect(problemOf(early).code).toBe('invalid_state');
    const reviewComment = (await author({ method: 'GET', url: base })).json().comments.find((comment: { kind: string }) => comment.kind === 'review');
    await author({ method: 'POST', url: `${base}/comments/${reviewComment.id}/resolution`, payload: { status: 'resolved', note: 'Gift cards have their own SOP.' } });
    await reviewer({ method: 'POST', url: `${base}/review-complete`, payload: {} });

    const wrongPassword = await approver({ method: 'POST', url: `${base}/approve`, payload: { password: 'not my password at all' } });
    expect(wrongPassword.statusCode).toBe(401);
    expect(problemOf(wrongPassword).errors?.[0]?.field).toBe('body.password');
    const approved = await approver({ method: 'POST', url: `${base}/approve`, payload: { password: approverPerson.password, meaning: 'approved-for-use' } });
    expect(approved.json()).toMatchObject({ status: 'approved', signatures: [{ meaning: 'approved-for-use', signer: { id: approverPerson.id } }] });
    expect(approved.json().signatures[0].contentHash).toBe(approved.json().contentHash);

    // Approved versions are immutable.
    const edit = await author({ method: 'PUT', url: `${base}/content`, payload: { revision: approved.json().revision, content: goodContent({ tips: 'Changed after approval.' }) } });
    expect(problemOf(edit).code).toBe('invalid_state');

    const published = await approver({ method: 'POST', url: `${base}/publish`, payload: {} });
    expect(published.json().status).toBe('published');
    const sop = (await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json();
    expect(sop).toMatchObject({ status: 'published', published: { label: '1.0' }, reviewState: 'not-due' });
    expect(sop.nextReviewDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const search = await agent({ method: 'GET', url: '/api/v1/search?q=damaged%20refu' });
    expect(search.statusCode).toBe(200);
    const hit = search.json().items.find((item: { key: string }) => item.key === key);
    expect(hit).toBeDefined();
    expect(hit.titleHighlighted.some((segment: { match: boolean; text: string }) => segment.match && /damaged/i.test(segment.text))).toBe(true);

    const events = await context.db.selectFrom('audit_events').select('type').where('stream', '=', `sop:${sopId}`).orderBy('seq').execute();
    expect(events.map((event) => event.type)).toEqual([
      'sop.created',
      'sop.draft-created',
      'sop.draft-saved',
      'sop.trial-started',
      'sop.comment-added',
      'sop.comment-resolved',
      'sop.submitted',
      'sop.comment-added',
      'sop.comment-resolved',
      'sop.review-completed',
      'sop.signed',
      'sop.approved',
      'sop.published',
    ]);
  });

  it('keeps the published version in use while the next draft is written, then supersedes it', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    await publishViaApi(author, approver, approverPerson.password, sopId, versionId, reviewerPerson.id, reviewer);
    const draft = await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Clearer wording.' } });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ label: '1.1', changeKind: 'minor', status: 'draft' });
    const second = await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'major', changeSummary: 'Another.' } });
    expect(problemOf(second).code).toBe('invalid_state');
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json().published.label).toBe('1.0');

    await publishViaApi(author, approver, approverPerson.password, sopId, draft.json().id, reviewerPerson.id, reviewer, goodContent({ tips: 'Clearer.' }));
    const sop = (await author({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json();
    expect(sop.published.label).toBe('1.1');
    expect(sop.versions.map((version: { label: string; status: string }) => `${version.label}:${version.status}`)).toEqual(['1.1:published', '1.0:superseded']);
  });

  it('schedules a publication and the timed job publishes it when it is due', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
    await author({ method: 'PUT', url: `${base}/content`, payload: { revision: 1, content: goodContent() } });
    await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerPerson.id] } });
    await reviewer({ method: 'POST', url: `${base}/review-complete`, payload: {} });
    await approver({ method: 'POST', url: `${base}/approve`, payload: { password: approverPerson.password } });
    const effectiveAt = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await approver({ method: 'POST', url: `${base}/publish`, payload: { effectiveAt } });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', effectiveAt });
    expect(await publishDueVersions(context.db)).toBe(0);
    expect(await publishDueVersions(context.db, new Date(Date.now() + 2 * 3_600_000).toISOString())).toBe(1);
    expect((await author({ method: 'GET', url: base })).json().status).toBe('published');
    // Running the job again (another instance) publishes nothing twice.
    expect(await publishDueVersions(context.db, new Date(Date.now() + 2 * 3_600_000).toISOString())).toBe(0);
  });

  it('records a periodic review, and retires an SOP keeping its history readable', async () => {
    const { sopId, versionId } = await createSopViaApi(author);
    await publishViaApi(author, approver, approverPerson.password, sopId, versionId, reviewerPerson.id, reviewer);
    const review = await author({ method: 'POST', url: `/api/v1/sops/${sopId}/periodic-reviews`, payload: { outcome: 'still-correct', note: 'Checked with the store team.' } });
    expect(review.statusCode).toBe(200);
    const sop = (await author({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json();
    expect(sop.periodicReviews[0]).toMatchObject({ outcome: 'still-correct', note: 'Checked with the store team.' });

    const openDraft = (await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'major', changeSummary: 'Unreleased rework.' } })).json();
    expect((await agent({ method: 'POST', url: `/api/v1/sops/${sopId}/retire`, payload: { reason: 'Replaced.' } })).statusCode).toBe(403);
    expect((await approver({ method: 'POST', url: `/api/v1/sops/${sopId}/retire`, payload: { reason: 'Replaced by CS-REF-002.' } })).statusCode).toBe(204);
    const retired = (await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json();
    expect(retired.status).toBe('retired');
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}/versions/${versionId}` })).json().status).toBe('retired');
    // The draft closed by retiring was never published: it stays out of the public history.
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}/versions/${openDraft.id}` })).statusCode).toBe(404);
    expect(retired.versions.map((version: { id: string }) => version.id)).not.toContain(openDraft.id);
    expect((await author({ method: 'GET', url: `/api/v1/sops/${sopId}/versions/${openDraft.id}` })).json().status).toBe('retired');
  });

  it('lets agents read published SOPs only, and never another organisation’s', async () => {
    const { sopId } = await createSopViaApi(author, { title: 'Unpublished secret procedure' });
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    const list = (await agent({ method: 'GET', url: '/api/v1/sops' })).json();
    expect(list.items.every((item: { status: string }) => item.status !== 'draft')).toBe(true);
    expect(list.can.create).toBe(false);
    expect((await agent({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-X-001', title: 'Nope', category: 'X' } })).statusCode).toBe(403);

    const other = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, other.orgId, 'Quality manager')));
    expect((await outsider({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    expect((await outsider({ method: 'GET', url: '/api/v1/search?q=refund' })).json().items).toEqual([]);
  });

  it('shows a never-published SOP to the people named on its draft, and to nobody else without draft access', async () => {
    const { sopId, versionId } = await createSopViaApi(author, { title: 'Draft for a named reviewer' });
    await author({ method: 'PUT', url: `/api/v1/sops/${sopId}/versions/${versionId}/content`, payload: { revision: 1, content: goodContent() } });
    // A supervisor holds no draft permission: before being named, the SOP does not exist for them.
    expect((await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    const submitted = await author({ method: 'POST', url: `/api/v1/sops/${sopId}/versions/${versionId}/submit`, payload: { reviewerIds: [reviewerPerson.id] } });
    expect(submitted.statusCode).toBe(200);

    const detail = await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().draft).toMatchObject({ id: versionId, status: 'in_review' });
    expect(detail.json().versions.map((version: { id: string }) => version.id)).toEqual([versionId]);
    const listed = (await reviewer({ method: 'GET', url: '/api/v1/sops' })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(sopId);
    expect((await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}/versions/${versionId}` })).json().can.completeReview).toBe(true);

    // An agent who was not named still sees nothing of it.
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    expect((await agent({ method: 'GET', url: '/api/v1/sops' })).json().items.map((item: { id: string }) => item.id)).not.toContain(sopId);
  });

  it('stores hostile text as text, never as markup in search snippets', async () => {
    const { sopId, versionId } = await createSopViaApi(author, { title: 'Greet <script>alert(1)</script> visitors' });
    await publishViaApi(author, approver, approverPerson.password, sopId, versionId, reviewerPerson.id, reviewer, goodContent({ purpose: 'Visitors <img src=x onerror=alert(1)> matter.' }));
    const search = (await agent({ method: 'GET', url: '/api/v1/search?q=visitors' })).json();
    const hit = search.items.find((item: { sopId: string }) => item.sopId === sopId);
    expect(hit.title).toBe('Greet <script>alert(1)</script> visitors');
    // Segments carry text; the UI renders them as text nodes, so the markup stays inert.
    expect(hit.snippet.map((segment: { text: string }) => segment.text).join('')).toContain('<img src=x onerror=alert(1)>');
  });
});
