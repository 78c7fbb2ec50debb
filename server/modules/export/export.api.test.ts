import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Dialect } from '../../db/database';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { createTestDatabase, problemOf, testConfig, TEST_DIALECTS } from '../../test/harness';
import { createSopViaApi, goodContent, publishViaApi } from '../../test/sop-factories';
import { hostileContent, XSS_PAYLOADS } from './export-fixtures';
import { countPdfPages, extractPdfText, findActiveContent, hasPdftotext, pdftotext } from './export-inspection';
import { registerExportRoutes } from './export.routes';
import { listSopsForExport } from './manual.repository';

/** The application with the export routes, whether or not server/app.ts registers them yet. */
async function createExportContext(dialect: Dialect) {
  const database = await createTestDatabase(dialect);
  const config = testConfig();
  const app = await buildApp({ config, db: database.db });
  if (!app.hasRoute({ method: 'GET', url: '/api/v1/manual.pdf' })) registerExportRoutes(app, { db: database.db, config });
  await app.ready();
  return { app, db: database.db, close: async () => (await app.close(), await database.close()) };
}

describe.each(TEST_DIALECTS)('manual and flowchart export API on %s', (dialect) => {
  let context: Awaited<ReturnType<typeof createExportContext>>;
  let author: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  let orgId: string;
  const published: Array<{ sopId: string; versionId: string; key: string; title: string }> = [];
  let draftOnly: { sopId: string; versionId: string; key: string };
  let hostile: { sopId: string; versionId: string; key: string };

  beforeAll(async () => {
    context = await createExportContext(dialect);
    ({ orgId } = await buildOrganisation(context.db));
    const authorPerson = await buildPerson(context.db, orgId, 'Quality manager', { name: 'Ana Author' });
    const approverPerson = await buildPerson(context.db, orgId, 'Quality manager', { name: 'Olu Approver' });
    const reviewerPerson = await buildPerson(context.db, orgId, 'Supervisor');
    author = asSession(context.app, await signInAs(context.app, authorPerson));
    const approver = asSession(context.app, await signInAs(context.app, approverPerson));
    const reviewer = asSession(context.app, await signInAs(context.app, reviewerPerson));
    agent = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Agent')));

    const publish = async (key: string, title: string, category: string, content = goodContent()) => {
      const created = await createSopViaApi(author, { key, title, category });
      await publishViaApi(author, approver, approverPerson.password, created.sopId, created.versionId, reviewerPerson.id, reviewer, content);
      return { ...created, title };
    };
    published.push(await publish('CS-REF-001', 'Refund a purchase', 'Refunds'));
    published.push(
      await publish(
        'CS-CMP-001',
        'Handle a complaint',
        'Complaints',
        goodContent({ procedure: [{ id: 'listen', kind: 'action', text: 'Listen to the complaint without interrupting.' }, ...goodContent().procedure] }),
      ),
    );
    draftOnly = await createSopViaApi(author, { key: 'CS-DRF-001', title: 'Unpublished procedure', category: 'Drafts' });

    // Content that reached the database by any route (an import, an older version) is still not trusted by the renderers.
    hostile = await publish('CS-XSS-001', `Hostile ${XSS_PAYLOADS.script}`, XSS_PAYLOADS.image);
    await context.db.updateTable('sop_versions').set({ content: JSON.stringify(hostileContent()) }).where('id', '=', hostile.versionId).execute();
  });
  afterAll(() => context?.close());

  it('serves the published manual as one inert HTML page with every SOP, its steps and its flowchart', async () => {
    const response = await agent({ method: 'GET', url: '/api/v1/manual.html' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="test-org-[\w-]+-customer-service-manual-\d{4}-\d{2}-\d{2}\.html"$/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const html = response.body;
    for (const sop of published) {
      expect(html).toContain(sop.key);
      expect(html).toContain(sop.title);
      expect(html).toContain(`aria-label="${sop.key} ${sop.title}"`);
    }
    expect(html).toContain('Listen to the complaint without interrupting.');
    expect(html).toContain('Refund the amount to the original payment method.');
    expect(html).toContain('Olu Approver');
    expect(html).toContain('Ana Author'); // the owner
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    // Drafts are not part of the manual.
    expect(html).not.toContain(draftOnly.key);
    // Hostile titles, categories, sections and steps are shown as text and run nothing.
    expect(findActiveContent(html)).toEqual([]);
    expect(html).toContain('Hostile &lt;script&gt;');
  });

  it('serves the manual as a PDF download with a page per SOP at least', async () => {
    const response = await agent({ method: 'GET', url: '/api/v1/manual.pdf' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="test-org-[\w-]+-customer-service-manual-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(countPdfPages(pdf)).toBeGreaterThanOrEqual(2 + 3);
    const text = extractPdfText(pdf);
    for (const sop of published) {
      expect(text).toContain(sop.key);
      expect(text).toContain(sop.title);
    }
    expect(text).toContain('Listen to the complaint without interrupting.');
    expect(text).toContain('3 SOPs');
    expect(text).not.toContain(draftOnly.key);
    if (hasPdftotext) expect(pdftotext(pdf)).toContain('Refund a purchase');
  });

  it('gives the flowchart of the published version as an SVG file', async () => {
    const { sopId, key } = published[0]!;
    const response = await agent({ method: 'GET', url: `/api/v1/sops/${sopId}/flowchart.svg` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${key}-v1.0-flowchart.svg"`);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toMatch(/^<svg\b/);
    expect(response.body).toContain('Check the receipt');
    expect(response.body).toContain(`${key} Refund a purchase, version 1.0`);
  });

  it('gives a draft’s flowchart only to people who may see the draft', async () => {
    const { sopId } = published[0]!;
    const draft = (await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Adds a greeting.' } })).json();
    const content = goodContent({ procedure: [{ id: 'greet', kind: 'action', text: 'Greet the customer by name.' }, ...goodContent().procedure] });
    await author({ method: 'PUT', url: `/api/v1/sops/${sopId}/versions/${draft.id}/content`, payload: { revision: draft.revision, content } });

    const own = await author({ method: 'GET', url: `/api/v1/sops/${sopId}/flowchart.svg?versionId=${draft.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Greet the customer');
    expect(own.headers['content-disposition']).toContain('-v1.1-flowchart.svg');
    expect(problemOf(await agent({ method: 'GET', url: `/api/v1/sops/${sopId}/flowchart.svg?versionId=${draft.id}` })).code).toBe('not_found');
    // The published flowchart is unchanged while the draft is written.
    expect((await agent({ method: 'GET', url: `/api/v1/sops/${sopId}/flowchart.svg` })).body).not.toContain('Greet the customer');
  });

  it('answers 404 for an SOP never published, another organisation’s SOP and an unknown id, and 400 for a bad id', async () => {
    expect(problemOf(await agent({ method: 'GET', url: `/api/v1/sops/${draftOnly.sopId}/flowchart.svg` })).code).toBe('not_found');
    expect(problemOf(await author({ method: 'GET', url: `/api/v1/sops/${draftOnly.sopId}/flowchart.svg` })).detail).toContain('published version');
    expect((await author({ method: 'GET', url: `/api/v1/sops/${draftOnly.sopId}/flowchart.svg?versionId=${draftOnly.versionId}` })).statusCode).toBe(200);

    const { orgId: otherOrgId } = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, otherOrgId, 'Administrator')));
    expect(problemOf(await outsider({ method: 'GET', url: `/api/v1/sops/${published[0]!.sopId}/flowchart.svg` })).code).toBe('not_found');
    const theirManual = await outsider({ method: 'GET', url: '/api/v1/manual.html' });
    expect(theirManual.body).toContain('No SOP is published yet.');
    expect(theirManual.body).not.toContain('CS-REF-001');

    expect(problemOf(await agent({ method: 'GET', url: '/api/v1/sops/0193a000-0000-7000-8000-000000000000/flowchart.svg' })).code).toBe('not_found');
    expect(problemOf(await agent({ method: 'GET', url: '/api/v1/sops/not-an-id/flowchart.svg' })).errors?.[0]?.field).toBe('params.id');
  });

  it('requires sign-in', async () => {
    for (const url of ['/api/v1/manual.html', '/api/v1/manual.pdf', `/api/v1/sops/${published[0]!.sopId}/flowchart.svg`]) {
      expect((await context.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('lists every SOP with its status and current version for `export list`', async () => {
    const list = await listSopsForExport(context.db, orgId);
    expect(list.map((sop) => sop.key)).toEqual(['CS-CMP-001', 'CS-DRF-001', 'CS-REF-001', 'CS-XSS-001']);
    expect(list.find((sop) => sop.key === 'CS-REF-001')).toMatchObject({ title: 'Refund a purchase', status: 'published', currentVersion: { label: '1.0', status: 'published' } });
    expect(list.find((sop) => sop.key === 'CS-DRF-001')).toMatchObject({ status: 'draft', currentVersion: { label: '1.0', status: 'draft', effectiveAt: null }, nextReviewDue: null });
  });
});
