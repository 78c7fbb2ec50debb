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
    const list = (await agent({ method: 'GET', url: '/api/v1/sops?limit=200' })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((item: { status: string }) => item.status !== 'draft')).toBe(true);
    expect(list.can.create).toBe(false);
    expect((await agent({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-X-001', title: 'Nope', category: 'X' } })).statusCode).toBe(403);

    const other = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, other.orgId, 'Quality manager')));
    expect((await outsider({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    expect((await outsider({ method: 'GET', url: '/api/v1/search?q=refund' })).json().items).toEqual([]);
  });

  it('shows a never-published SOP to the people named on its draft, and to nobody else without draft access', async () => {
    const { sopId, versionId, key } = await createSopViaApi(author, { title: 'Draft for a named reviewer' });
    await author({ method: 'PUT', url: `/api/v1/sops/${sopId}/versions/${versionId}/content`, payload: { revision: 1, content: goodContent() } });
    // A supervisor holds no draft permission: before being named, the SOP does not exist for them.
    expect((await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    const submitted = await author({ method: 'POST', url: `/api/v1/sops/${sopId}/versions/${versionId}/submit`, payload: { reviewerIds: [reviewerPerson.id] } });
    expect(submitted.statusCode).toBe(200);

    const detail = await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().draft).toMatchObject({ id: versionId, status: 'in_review' });
    expect(detail.json().versions.map((version: { id: string }) => version.id)).toEqual([versionId]);
    const listed = (await reviewer({ method: 'GET', url: `/api/v1/sops?keys=${key}` })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([sopId]);
    expect((await reviewer({ method: 'GET', url: `/api/v1/sops/${sopId}/versions/${versionId}` })).json().can.completeReview).toBe(true);

    // An agent who was not named still sees nothing of it.
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}` })).statusCode).toBe(404);
    expect((await agent({ method: 'GET', url: `/api/v1/sops?keys=${key}` })).json()).toMatchObject({ items: [], total: 0 });
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

  describe('pages of the library', () => {
    // A library of its own, so every page and total is known: who sees which SOP is in the comments.
    let pagesOrgId: string;
    let quality: ReturnType<typeof asSession>;
    let signer: ReturnType<typeof asSession>;
    let signerPassword: string;
    let supervisor: ReturnType<typeof asSession>;
    let supervisorId: string;
    let reader: ReturnType<typeof asSession>;
    const ALL_KEYS = Array.from({ length: 11 }, (_, index) => `CS-PAG-${String(index + 1).padStart(3, '0')}`);
    // Never published (002, 004), a draft retired unpublished (009) and one scheduled for later (011) are hidden;
    // 006 is a draft on which the reader was named for a trial.
    const READER_KEYS = ['CS-PAG-001', 'CS-PAG-003', 'CS-PAG-005', 'CS-PAG-006', 'CS-PAG-007', 'CS-PAG-008', 'CS-PAG-010'];

    type Page = { items: Array<{ key: string }>; total: number; nextCursor: string | null };
    /** Follows nextCursor from the first page to the last. */
    const walk = async (request: ReturnType<typeof asSession>, query: string): Promise<Page[]> => {
      const pages: Page[] = [];
      let after: string | null = null;
      do {
        const response = await request({ method: 'GET', url: `/api/v1/sops?${query}${after ? `&after=${after}` : ''}` });
        expect(response.statusCode).toBe(200);
        const page = response.json() as Page;
        pages.push(page);
        after = page.nextCursor;
        if (pages.length > 20) throw new Error('the cursor never ends');
      } while (after);
      return pages;
    };
    const keysOf = (pages: Page[]) => pages.map((page) => page.items.map((item) => item.key));

    beforeAll(async () => {
      ({ orgId: pagesOrgId } = await buildOrganisation(context.db));
      const signerPerson = await buildPerson(context.db, pagesOrgId, 'Quality manager');
      const supervisorPerson = await buildPerson(context.db, pagesOrgId, 'Supervisor');
      const readerPerson = await buildPerson(context.db, pagesOrgId, 'Agent');
      quality = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, pagesOrgId, 'Quality manager')));
      signer = asSession(context.app, await signInAs(context.app, signerPerson));
      supervisor = asSession(context.app, await signInAs(context.app, supervisorPerson));
      reader = asSession(context.app, await signInAs(context.app, readerPerson));
      signerPassword = signerPerson.password;
      supervisorId = supervisorPerson.id;

      const create = (number: number, category: string, channels: string[]) =>
        createSopViaApi(quality, { key: ALL_KEYS[number - 1], title: `Paged procedure ${number}`, category, channels });
      const publish = async (number: number, category: string, channels: string[]) => {
        const sop = await create(number, category, channels);
        await publishViaApi(quality, signer, signerPassword, sop.sopId, sop.versionId, supervisorId, supervisor);
        return sop;
      };
      // Created out of key order, so the order of a page is the query's, not the insertion's.
      const scheduled = await create(11, 'Scheduled', ['sms']);
      const scheduledBase = `/api/v1/sops/${scheduled.sopId}/versions/${scheduled.versionId}`;
      await quality({ method: 'PUT', url: `${scheduledBase}/content`, payload: { revision: 1, content: goodContent() } });
      await quality({ method: 'POST', url: `${scheduledBase}/submit`, payload: { reviewerIds: [supervisorId] } });
      await supervisor({ method: 'POST', url: `${scheduledBase}/review-complete`, payload: {} });
      await signer({ method: 'POST', url: `${scheduledBase}/approve`, payload: { password: signerPassword } });
      const later = await signer({ method: 'POST', url: `${scheduledBase}/publish`, payload: { effectiveAt: new Date(Date.now() + 86_400_000).toISOString() } });
      expect(later.json().status).toBe('scheduled');

      const withDraft = await publish(10, 'Deliveries', ['phone']);
      await quality({ method: 'POST', url: `/api/v1/sops/${withDraft.sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Clearer wording.' } });
      const retiredDraft = await create(9, 'Retired drafts', ['telex']);
      expect((await signer({ method: 'POST', url: `/api/v1/sops/${retiredDraft.sopId}/retire`, payload: { reason: 'Never needed.' } })).statusCode).toBe(204);
      const retired = await publish(8, 'Deliveries', ['email']);
      expect((await signer({ method: 'POST', url: `/api/v1/sops/${retired.sopId}/retire`, payload: { reason: 'Replaced.' } })).statusCode).toBe(204);
      await publish(7, 'Refunds', ['phone', 'email']);
      const trial = await create(6, 'Trials', ['pigeon']);
      await quality({ method: 'PUT', url: `/api/v1/sops/${trial.sopId}/versions/${trial.versionId}/content`, payload: { revision: 1, content: goodContent() } });
      const started = await quality({ method: 'POST', url: `/api/v1/sops/${trial.sopId}/versions/${trial.versionId}/trial`, payload: { personIds: [readerPerson.id] } });
      expect(started.json().status).toBe('trial');
      await publish(5, 'Refunds', ['chat']);
      await create(4, 'Refunds', ['phone']);
      await publish(3, 'Deliveries', ['email']);
      await create(2, 'Secret drafts', ['fax']);
      await publish(1, 'Refunds', ['phone']);
    });

    it('walks the whole library in pages of a small limit: key order, no gaps or repeats, total on every page', async () => {
      const pages = await walk(quality, 'limit=3');
      expect(keysOf(pages)).toEqual([ALL_KEYS.slice(0, 3), ALL_KEYS.slice(3, 6), ALL_KEYS.slice(6, 9), ALL_KEYS.slice(9)]);
      expect(pages.map((page) => page.total)).toEqual([11, 11, 11, 11]);
      expect(pages.map((page) => page.nextCursor)).toEqual(['CS-PAG-003', 'CS-PAG-006', 'CS-PAG-009', null]);
      // A page that holds exactly what is left is the last one.
      expect((await quality({ method: 'GET', url: '/api/v1/sops?limit=2&after=CS-PAG-009' })).json()).toMatchObject({ items: [{ key: 'CS-PAG-010' }, { key: 'CS-PAG-011' }], nextCursor: null });
      expect((await quality({ method: 'GET', url: '/api/v1/sops?limit=11' })).json()).toMatchObject({ total: 11, nextCursor: null });
      expect((await quality({ method: 'GET', url: '/api/v1/sops?after=CS-PAG-011' })).json()).toMatchObject({ items: [], total: 11, nextCursor: null });
    });

    it('pages through filtered results, the total counting what the filters keep', async () => {
      const refunds = await walk(quality, 'category=Refunds&limit=2');
      expect(keysOf(refunds)).toEqual([['CS-PAG-001', 'CS-PAG-004'], ['CS-PAG-005', 'CS-PAG-007']]);
      expect(refunds.map((page) => [page.total, page.nextCursor])).toEqual([[4, 'CS-PAG-004'], [4, null]]);

      const publishedByPhone = await walk(quality, 'status=published&channel=phone&limit=1');
      expect(keysOf(publishedByPhone)).toEqual([['CS-PAG-001'], ['CS-PAG-007'], ['CS-PAG-010']]);
      expect(publishedByPhone.map((page) => page.total)).toEqual([3, 3, 3]);

      const readerRefunds = await walk(reader, 'category=Refunds&limit=2');
      expect(keysOf(readerRefunds)).toEqual([['CS-PAG-001', 'CS-PAG-005'], ['CS-PAG-007']]);
      expect(readerRefunds.map((page) => page.total)).toEqual([3, 3]);

      const searched = await walk(quality, 'q=paged%20procedure%201&limit=1');
      expect(keysOf(searched)).toEqual([['CS-PAG-001'], ['CS-PAG-010'], ['CS-PAG-011']]);
    });

    it('filters by owner and by periodic review, as an owner looks for the reviews they have due', async () => {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      type Listed = { key: string; id: string; version: number; channels: string[]; audience: string[] };
      const listed = (await quality({ method: 'GET', url: '/api/v1/sops?keys=CS-PAG-003,CS-PAG-005,CS-PAG-007,CS-PAG-008' })).json().items as Listed[];
      const sopsByKey: Record<string, Listed> = Object.fromEntries(listed.map((sop) => [sop.key, sop]));
      // A retired SOP cannot be changed, owner included (008 keeps its own).
      expect((await quality({ method: 'PATCH', url: `/api/v1/sops/${sopsByKey['CS-PAG-008']!.id}`, payload: { version: sopsByKey['CS-PAG-008']!.version, ownerId: supervisorId } })).statusCode).toBe(409);
      for (const key of ['CS-PAG-003', 'CS-PAG-005']) {
        const sop = sopsByKey[key]!;
        const patched = await quality({ method: 'PATCH', url: `/api/v1/sops/${sop.id}`, payload: { version: sop.version, ownerId: supervisorId } });
        expect(patched.statusCode).toBe(200);
        // What was not sent stays as it was (channels and audience once became empty here).
        expect(patched.json()).toMatchObject({ owner: { id: supervisorId }, channels: sop.channels, audience: sop.audience });
        expect(sop.channels.length).toBeGreaterThan(0);
      }
      // Time passes: reviews fall due (the SOPs were published today, due a year from now).
      const dueOn = { 'CS-PAG-003': day(-1), 'CS-PAG-005': day(10), 'CS-PAG-007': day(40), 'CS-PAG-008': day(-5) };
      for (const [key, due] of Object.entries(dueOn)) {
        await context.db.updateTable('sops').set({ next_review_due: due }).where('org_id', '=', pagesOrgId).where('key', '=', key).execute();
      }
      const list = async (query: string) => {
        const page = (await quality({ method: 'GET', url: `/api/v1/sops?${query}` })).json() as { items: Array<{ key: string; reviewState: string }>; total: number };
        return { keys: page.items.map((item) => item.key), states: page.items.map((item) => item.reviewState), total: page.total };
      };

      // A retired SOP (008) has no review due, whatever its date said.
      expect(await list('review=overdue')).toEqual({ keys: ['CS-PAG-003'], states: ['overdue'], total: 1 });
      expect(await list('review=due-soon')).toEqual({ keys: ['CS-PAG-005'], states: ['due-soon'], total: 1 });
      expect((await list(`ownerId=${supervisorId}`)).keys).toEqual(['CS-PAG-003', 'CS-PAG-005']);
      expect(await list(`ownerId=${supervisorId}&review=overdue&limit=1`)).toEqual({ keys: ['CS-PAG-003'], states: ['overdue'], total: 1 });
      expect((await list(`ownerId=${supervisorId}&review=due-soon`)).keys).toEqual(['CS-PAG-005']);
      expect((await list('review=due-soon&category=Deliveries')).total).toBe(0);
      // Someone who owns nothing here, and a bad id.
      expect(await list(`ownerId=${supervisorId.replace(/.$/, (last) => (last === '0' ? '1' : '0'))}`)).toEqual({ keys: [], states: [], total: 0 });
      const bad = problemOf(await quality({ method: 'GET', url: '/api/v1/sops?ownerId=me' }));
      expect(bad.errors?.[0]?.field).toBe('querystring.ownerId');
    });

    it('returns only the SOPs named in keys, in key order; unknown and hidden keys are simply absent', async () => {
      const named = (await quality({ method: 'GET', url: '/api/v1/sops?keys=CS-PAG-007,CS-PAG-002,%20CS-NOPE-999,CS-PAG-007' })).json();
      expect(named).toMatchObject({ total: 2, nextCursor: null });
      expect(named.items.map((item: { key: string }) => item.key)).toEqual(['CS-PAG-002', 'CS-PAG-007']);

      const paged = (await quality({ method: 'GET', url: '/api/v1/sops?keys=CS-PAG-007,CS-PAG-002,CS-PAG-005&limit=2' })).json();
      expect(paged.items.map((item: { key: string }) => item.key)).toEqual(['CS-PAG-002', 'CS-PAG-005']);
      expect(paged).toMatchObject({ total: 3, nextCursor: 'CS-PAG-005' });

      // The reader may not see the draft 002: naming it does not reveal it.
      const forReader = (await reader({ method: 'GET', url: '/api/v1/sops?keys=CS-PAG-007,CS-PAG-002,CS-PAG-006' })).json();
      expect(forReader.items.map((item: { key: string }) => item.key)).toEqual(['CS-PAG-006', 'CS-PAG-007']);
      expect(forReader.total).toBe(2);
    });

    it('gives an agent full pages and a total without the drafts they may not see, with the draft they are named on', async () => {
      const pages = await walk(reader, 'limit=2');
      expect(keysOf(pages)).toEqual([READER_KEYS.slice(0, 2), READER_KEYS.slice(2, 4), READER_KEYS.slice(4, 6), READER_KEYS.slice(6)]);
      expect(pages.map((page) => page.total)).toEqual([7, 7, 7, 7]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      const trial = pages.flatMap((page) => page.items).find((item) => item.key === 'CS-PAG-006') as { draft: { status: string } | null } | undefined;
      expect(trial?.draft).toMatchObject({ status: 'trial' });
      // The open draft of 010 is not the reader's to see, though the SOP is.
      const withDraft = pages.flatMap((page) => page.items).find((item) => item.key === 'CS-PAG-010') as { draft: unknown; published: unknown } | undefined;
      expect(withDraft).toMatchObject({ draft: null, published: { label: '1.0' } });
    });

    it('lists exactly the SOPs whose page opens: the list’s visibility agrees with the SOP detail’s', async () => {
      const sops = await context.db.selectFrom('sops').select(['id', 'key']).where('org_id', '=', pagesOrgId).orderBy('key').execute();
      expect(sops.map((sop) => sop.key)).toEqual(ALL_KEYS);
      for (const [request, expected] of [
        [quality, ALL_KEYS],
        [reader, READER_KEYS],
        // The supervisor reviewed every published version and the scheduled one, and nothing else.
        [supervisor, ['CS-PAG-001', 'CS-PAG-003', 'CS-PAG-005', 'CS-PAG-007', 'CS-PAG-008', 'CS-PAG-010', 'CS-PAG-011']],
      ] as const) {
        const listed = (await request({ method: 'GET', url: '/api/v1/sops?limit=200' })).json().items.map((item: { key: string }) => item.key);
        const opening: string[] = [];
        for (const sop of sops) if ((await request({ method: 'GET', url: `/api/v1/sops/${sop.id}` })).statusCode === 200) opening.push(sop.key);
        expect(listed).toEqual(expected);
        expect(opening).toEqual(expected);
      }
    });

    it('offers as facets only the categories and channels of SOPs the caller may see', async () => {
      const forReader = await reader({ method: 'GET', url: '/api/v1/sops/facets' });
      expect(forReader.statusCode).toBe(200);
      expect(forReader.json()).toEqual({ categories: ['Deliveries', 'Refunds', 'Trials'], channels: ['chat', 'email', 'phone', 'pigeon'], total: 7, can: { create: false } });
      expect((await supervisor({ method: 'GET', url: '/api/v1/sops/facets' })).json()).toEqual({
        categories: ['Deliveries', 'Refunds', 'Scheduled'],
        channels: ['chat', 'email', 'phone', 'sms'],
        total: 7,
        can: { create: false },
      });
      expect((await quality({ method: 'GET', url: '/api/v1/sops/facets' })).json()).toEqual({
        categories: ['Deliveries', 'Refunds', 'Retired drafts', 'Scheduled', 'Secret drafts', 'Trials'],
        channels: ['chat', 'email', 'fax', 'phone', 'pigeon', 'sms', 'telex'],
        total: 11,
        can: { create: true },
      });
    });

    it('refuses a bad limit, cursor or key list with 400 naming the field', async () => {
      const tooMany = Array.from({ length: 51 }, (_, index) => `CS-MANY-${String(index + 1).padStart(3, '0')}`).join(',');
      const fieldsOf = async (query: string) => {
        const response = await quality({ method: 'GET', url: `/api/v1/sops?${query}` });
        expect(response.statusCode).toBe(400);
        return problemOf(response).errors?.map((error) => error.field);
      };
      expect(await fieldsOf('limit=0')).toEqual(['querystring.limit']);
      expect(await fieldsOf('limit=201')).toEqual(['querystring.limit']);
      expect(await fieldsOf('limit=ten')).toEqual(['querystring.limit']);
      expect(await fieldsOf(`after=${encodeURIComponent('not a key')}`)).toEqual(['querystring.after']);
      // The second key of the list is the bad one.
      expect(await fieldsOf(`keys=CS-PAG-001,${encodeURIComponent('bad key')}`)).toEqual(['querystring.keys.1']);
      expect(await fieldsOf('keys=%20,')).toEqual(['querystring.keys']);
      expect(await fieldsOf(`keys=${tooMany}`)).toEqual(['querystring.keys']);
      // Fifty keys is the most, and is fine.
      expect((await quality({ method: 'GET', url: `/api/v1/sops?keys=${tooMany.split(',').slice(0, 50).join(',')}` })).statusCode).toBe(200);
    });
  });
});
