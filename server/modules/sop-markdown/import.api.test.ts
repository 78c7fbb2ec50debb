import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import type { SopContent } from '../../../common/procedure/model';
import { verifyAuditChains } from '../audit/audit.service';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { isUnsafeUrl } from './hostile-content';
import { parseMarkdown } from './markdown-processor';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

function markdownFieldsOf(content: SopContent): string[] {
  const fields = [content.purpose, content.scope, content.healthAndSafety, content.equipment, content.tips, ...content.additionalSections.map((section) => section.body)];
  const visit = (steps: SopContent['procedure']) => {
    for (const step of steps) {
      if (step.detail) fields.push(step.detail);
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) visit(branch.steps);
    }
  };
  visit(content.procedure);
  return fields;
}

const REFUND_MARKDOWN = [
  '---',
  'key: CS-REF-210',
  'title: Refund a voucher purchase',
  'category: Refunds',
  'channels: [phone, email]',
  '---',
  '',
  '# Refund a voucher purchase',
  '',
  '## Purpose',
  '',
  'Voucher buyers get their money back without a second call.',
  '',
  '## Procedure',
  '',
  '1. Find the voucher number on the receipt.',
  '2. Check that the voucher has not been spent.',
  '3. Refund the amount to the card used.',
  '',
  '## Glossary',
  '',
  '- **Voucher**: A prepaid card sold in store.',
  '',
].join('\n');

describe.each(TEST_DIALECTS)('SOP import API on %s', (dialect) => {
  let context: TestContext;
  let orgId: string;
  let author: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  const post = (requester: ReturnType<typeof asSession>, payload: unknown) => requester({ method: 'POST', url: '/api/v1/sops/import', payload });

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ orgId } = await buildOrganisation(context.db));
    author = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Quality manager')));
    agent = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Agent')));
  });
  afterAll(() => context.close());

  it('imports Markdown as a draft SOP with its report, and records it in the SOP’s audit stream', async () => {
    const response = await post(author, { fileName: 'voucher-refund.md', contentBase64: base64(REFUND_MARKDOWN) });
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({
      fileName: 'voucher-refund.md',
      dryRun: false,
      sop: { key: 'CS-REF-210', title: 'Refund a voucher purchase' },
      metadata: { key: 'CS-REF-210', title: 'Refund a voucher purchase', category: 'Refunds' },
      stats: { steps: 3, decisions: 0 },
    });
    expect(result.report.summary).toMatch(/^3 steps \(0 decisions\)/);
    expect(result.report.items.length).toBeGreaterThan(0);

    const version = (await author({ method: 'GET', url: `/api/v1/sops/${result.sop.id}/versions/${result.sop.versionId}` })).json();
    expect(version).toMatchObject({ label: '1.0', status: 'draft', changeSummary: 'Imported from voucher-refund.md.' });
    expect(version.content.procedure.map((step: { text: string }) => step.text)).toEqual([
      'Find the voucher number on the receipt.',
      'Check that the voucher has not been spent.',
      'Refund the amount to the card used.',
    ]);
    expect(version.content.glossary).toEqual([{ term: 'Voucher', definition: 'A prepaid card sold in store.' }]);
    const sop = (await author({ method: 'GET', url: `/api/v1/sops/${result.sop.id}` })).json();
    expect(sop).toMatchObject({ category: 'Refunds', channels: ['phone', 'email'], status: 'draft' });

    const events = await context.db.selectFrom('audit_events').select(['type', 'seq']).where('stream', '=', `sop:${result.sop.id}`).orderBy('seq').execute();
    expect(events.map((event) => event.type)).toEqual(['sop.created', 'sop.draft-created', 'sop.imported']);
    expect((await verifyAuditChains(context.db, orgId, { stream: `sop:${result.sop.id}` })).ok).toBe(true);
  });

  it('gives a document without a key the next import key, and one whose key is taken a new key with a warning', async () => {
    const first = (await post(author, { fileName: 'no-key.md', contentBase64: base64('# Greet a caller\n\n## Steps\n\n1. Answer within three rings.\n') })).json();
    expect(first.sop.key).toMatch(/^CS-IMP-\d{3}$/);
    expect(first.metadata.category).toBe('Imported');
    const again = (await post(author, { fileName: 'voucher-refund.md', contentBase64: base64(REFUND_MARKDOWN) })).json();
    expect(again.sop.key).toMatch(/^CS-IMP-\d{3}$/);
    expect(again.sop.key).not.toBe(first.sop.key);
    expect(again.report.items).toContainEqual(expect.objectContaining({ kind: 'warning', message: expect.stringContaining('CS-REF-210 is already used') }));
  });

  it('imports a .docx', async () => {
    const response = await post(author, { fileName: 'parcel-replacement.docx', contentBase64: base64(fixture('parcel-replacement.docx')) });
    expect(response.statusCode).toBe(201);
    expect(response.json().stats.steps).toBeGreaterThan(0);
  });

  it('writes nothing on a dry run, and reports what it would create', async () => {
    const before = await countRows(context.db);
    const response = await post(author, { fileName: 'voucher-refund.md', contentBase64: base64(REFUND_MARKDOWN.replace('CS-REF-210', 'CS-REF-211')), dryRun: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: true, sop: null, metadata: { key: 'CS-REF-211' }, stats: { steps: 3 } });
    expect(await countRows(context.db)).toEqual(before);
  });

  it.each<[string, string, Uint8Array | string, RegExp]>([
    ['an empty file', 'empty.md', ' \n\n ', /empty/],
    ['a binary file', 'image.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), /binary/],
    ['text that is not UTF-8', 'latin.md', Uint8Array.from([0x23, 0x20, 0xe9, 0x74, 0xe9]), /not UTF-8/],
    ['malformed front matter', 'broken.md', '---\ntitle: [unclosed\n---\n\n# Broken\n', /front matter is not valid YAML/],
    ['a .docx that is not one', 'fake.docx', '# Markdown in disguise', /not a \.docx file/],
    // Just over the limit once decoded: the importer names both sizes.
    ['an oversized file', 'huge.md', `# Huge\n\n${'x'.repeat(2 * 1024 * 1024)}`, /the limit is 2\.0 MiB/],
  ])('refuses %s with a reason, writing nothing', async (_what, fileName, content, reason) => {
    const before = await countRows(context.db);
    const response = await post(author, { fileName, contentBase64: base64(content) });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.detail).toMatch(reason);
    expect(problem.detail).toContain(`${fileName} was refused`);
    expect(problem.errors?.[0]?.field).toBe('body.contentBase64');
    expect(await countRows(context.db)).toEqual(before);
  });

  it('refuses a body far beyond the limit with 413 before reading it', async () => {
    const before = await countRows(context.db);
    const response = await post(author, { fileName: 'huge.md', contentBase64: base64(`# Huge\n\n${'x'.repeat(3 * 1024 * 1024)}`) });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).code).toBe('body_too_large');
    expect(await countRows(context.db)).toEqual(before);
  });

  it('refuses another file type, and base64 that is not base64, before reading anything', async () => {
    const before = await countRows(context.db);
    expect(problemOf(await post(author, { fileName: 'manual.pdf', contentBase64: base64('%PDF-1.7') })).errors?.[0]?.field).toBe('body.fileName');
    expect(problemOf(await post(author, { fileName: 'refund.md', contentBase64: '#not base64!' })).errors?.[0]?.field).toBe('body.contentBase64');
    expect(await countRows(context.db)).toEqual(before);
  });

  it('neutralises script and HTML in the imported content', async () => {
    const response = await post(author, { fileName: 'hostile.md', contentBase64: base64(fixture('hostile.md')) });
    expect(response.statusCode).toBe(201);
    const { sop, report } = response.json();
    const version = (await author({ method: 'GET', url: `/api/v1/sops/${sop.id}/versions/${sop.versionId}` })).json();
    // What a Markdown renderer would turn into live HTML: raw HTML nodes and links or images to script.
    const live: string[] = [];
    const visit = (node: Nodes) => {
      if (node.type === 'html') live.push(node.value);
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && isUnsafeUrl(node.url)) live.push(node.url);
      if ('children' in node) for (const child of node.children) visit(child as Nodes);
    };
    for (const markdown of markdownFieldsOf(version.content)) visit(parseMarkdown(markdown));
    expect(live).toEqual([]);
    // The payloads are still there, as text to read, and the report says what was neutralised.
    expect(JSON.stringify(version.content)).toContain("alert('block')");
    expect(report.items.filter((item: { kind: string }) => item.kind === 'warning').length).toBeGreaterThan(3);
  });

  it('is refused with 403 for an agent, and 401 without sign-in, writing nothing', async () => {
    const before = await countRows(context.db);
    expect(problemOf(await post(agent, { fileName: 'voucher-refund.md', contentBase64: base64(REFUND_MARKDOWN) })).code).toBe('forbidden');
    expect((await post(agent, { fileName: 'voucher-refund.md', contentBase64: base64(REFUND_MARKDOWN), dryRun: true })).statusCode).toBe(403);
    expect((await context.app.inject({ method: 'POST', url: '/api/v1/sops/import', payload: { fileName: 'a.md', contentBase64: base64('# A') } })).statusCode).toBe(401);
    expect(await countRows(context.db)).toEqual(before);
  });
});
