import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { goodContent } from '../../test/sop-factories';

describe.each(TEST_DIALECTS)('SOP templates API on %s', (dialect) => {
  let context: TestContext;
  let orgId: string;
  let author: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ orgId } = await buildOrganisation(context.db));
    author = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Quality manager')));
    agent = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, orgId, 'Agent')));
  });
  afterAll(() => context.close());

  it('saves content as a template that a new SOP then starts from', async () => {
    const content = goodContent({ tips: 'Our own house tips.' });
    const created = await author({ method: 'POST', url: '/api/v1/sop-templates', payload: { name: 'Refund, house style', description: 'How we write refunds.', content } });
    expect(created.statusCode).toBe(201);
    const template = created.json();
    expect(template).toMatchObject({ name: 'Refund, house style', builtIn: false, can: { delete: true } });

    const list = (await author({ method: 'GET', url: '/api/v1/sop-templates' })).json();
    expect(list.can.create).toBe(true);
    expect(list.items.filter((item: { builtIn: boolean }) => item.builtIn).length).toBeGreaterThan(0);
    expect(list.items.map((item: { id: string }) => item.id)).toContain(template.id);

    const sop = (await author({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-TPL-001', title: 'Refund a voucher', category: 'Refunds', templateId: template.id } })).json();
    const version = (await author({ method: 'GET', url: `/api/v1/sops/${sop.id}/versions/${sop.draft.id}` })).json();
    expect(version.content).toEqual(content);

    const events = await context.db.selectFrom('audit_events').select('type').where('org_id', '=', orgId).where('type', '=', 'sop-template.created').execute();
    expect(events).toHaveLength(1);
  });

  it.each([
    ['a name already used', { name: 'Refund, house style', description: '', content: goodContent() }, 409, 'name_taken', 'body.name'],
    ['a built-in template’s name', { name: 'simple list', description: '', content: goodContent() }, 409, 'name_taken', 'body.name'],
    ['content that is not an SOP', { name: 'Broken', description: '', content: { ...goodContent(), procedure: [{ id: 'x', kind: 'dance', text: 'Dance.' }] } }, 400, 'validation_failed', 'body.content.procedure.0.kind'],
    ['an unknown field', { name: 'Extra', description: '', content: goodContent(), shared: true }, 400, 'validation_failed', 'body.shared'],
  ])('refuses %s, naming the field, and writes nothing', async (_case, payload, status, code, field) => {
    const before = await countRows(context.db);
    const response = await author({ method: 'POST', url: '/api/v1/sop-templates', payload });
    expect(response.statusCode).toBe(status);
    const problem = problemOf(response);
    expect(problem.code).toBe(code);
    expect(problem.errors?.map((error) => error.field)).toContain(field);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('lets agents see templates but not add or remove them', async () => {
    const list = (await agent({ method: 'GET', url: '/api/v1/sop-templates' })).json();
    expect(list.can.create).toBe(false);
    expect(list.items.every((item: { can: { delete: boolean } }) => !item.can.delete)).toBe(true);
    const before = await countRows(context.db);
    expect((await agent({ method: 'POST', url: '/api/v1/sop-templates', payload: { name: 'Mine', content: goodContent() } })).statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('removes a template, and never another organisation’s', async () => {
    const template = (await author({ method: 'POST', url: '/api/v1/sop-templates', payload: { name: 'Short-lived', content: goodContent() } })).json();
    const other = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, other.orgId, 'Quality manager')));
    expect((await outsider({ method: 'DELETE', url: `/api/v1/sop-templates/${template.id}` })).statusCode).toBe(404);
    const refused = await outsider({ method: 'POST', url: '/api/v1/sops', payload: { key: 'CS-TPL-009', title: 'Borrowed template', category: 'Refunds', templateId: template.id } });
    expect(problemOf(refused).errors?.map((error) => error.field)).toContain('body.templateId');

    expect((await author({ method: 'DELETE', url: `/api/v1/sop-templates/${template.id}` })).statusCode).toBe(204);
    expect((await author({ method: 'GET', url: '/api/v1/sop-templates' })).json().items.map((item: { id: string }) => item.id)).not.toContain(template.id);
    expect((await author({ method: 'DELETE', url: `/api/v1/sop-templates/${template.id}` })).statusCode).toBe(404);
  });
});
