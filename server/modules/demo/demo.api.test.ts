import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sopContentSchema } from '../../../common/procedure/model';
import { sql } from 'kysely';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { asSession, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { verifyAuditChains } from '../audit/audit.service';
import { listSopsForExport, loadPublishedManual } from '../export/manual.repository';
import { getProcessRegister } from '../processes/process.service';
import { checkSopStyle } from '../sops/sop-style';
import { DEMO_MANUAL } from './demo-library';
import { DEMO_ORG_SLUG, hasDemoOrganisation, loadDemoOrganisation, removeDemoOrganisation, type DemoAccount } from './demo.service';

describe.each(TEST_DIALECTS)('the demo organisation on %s', (dialect) => {
  let context: TestContext;
  let orgId: string;
  let accounts: DemoAccount[];

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ orgId, accounts } = await loadDemoOrganisation(context.db));
  }, 60_000);
  afterAll(() => context.close());

  it('publishes a manual of at least 12 SOPs that pass validation and the style checks', async () => {
    const manual = await loadPublishedManual(context.db, orgId);
    expect(manual.organisation.name).toBe('Harbour & Hill Outfitters');
    expect(manual.sops.length).toBeGreaterThanOrEqual(12);
    expect(manual.sops.map((sop) => sop.key).sort()).toEqual(DEMO_MANUAL.map((sop) => sop.key).sort());
    for (const sop of manual.sops) {
      expect(sopContentSchema.safeParse(sop.content).success, sop.key).toBe(true);
      expect(sop.versionLabel).toBe('1.0');
      expect(sop.approvals).toEqual([expect.objectContaining({ signerName: 'Alex Morgan', meaning: 'approved-for-use', contentHash: sop.contentHash })]);
      expect(sop.nextReviewDue).not.toBeNull();
      expect(await checkSopStyle(context.db, orgId, sop.content), sop.key).toEqual([]);
    }
    expect((await listSopsForExport(context.db, orgId)).every((sop) => sop.status === 'published')).toBe(true);
  });

  it('covers what the brief asks of the manual: decisions, referrals, records, the refund limit and safety', () => {
    const all = DEMO_MANUAL.map((sop) => sop.content);
    const steps = all.flatMap((content) => {
      const flat: (typeof content.procedure)[number][] = [];
      const visit = (list: typeof content.procedure) => {
        for (const step of list) {
          flat.push(step);
          visit(step.substeps ?? []);
          for (const branch of step.branches ?? []) visit(branch.steps);
        }
      };
      visit(content.procedure);
      return flat;
    });
    expect(steps.some((step) => step.kind === 'decision' && step.branches?.some((branch) => branch.end))).toBe(true);
    expect(steps.some((step) => step.kind === 'referral' && step.referTo === 'Supervisor')).toBe(true);
    expect(steps.some((step) => step.kind === 'record' && (step.record?.fields.length ?? 0) >= 5)).toBe(true);
    const refund = DEMO_MANUAL.find((sop) => sop.key === 'HH-REF-001')!;
    const amountDecision = refund.content.procedure.find((step) => step.id === 'amount')!;
    expect(amountDecision.branches?.some((branch) => branch.steps.some((step) => step.action?.key === 'refund' && step.action.hasAmount))).toBe(true);
    expect(amountDecision.branches?.some((branch) => branch.steps.some((step) => step.kind === 'referral' && step.referTo === 'Supervisor'))).toBe(true);
    for (const sop of DEMO_MANUAL) {
      expect(sop.content.purpose.length, sop.key).toBeGreaterThan(50);
      expect(sop.content.healthAndSafety, sop.key).not.toBe('');
      expect(sop.content.glossary.length, sop.key).toBeGreaterThan(0);
      expect(sop.content.responsibilities.length, sop.key).toBeGreaterThan(0);
    }
  });

  it('has a process register with gaps and a likely duplicate', async () => {
    const author = { personId: accounts[1]!.email, orgId, permissions: new Set(['sops.author' as const]), via: 'session' as const };
    const register = await getProcessRegister(context.db, author);
    expect(register.coverage.published).toBe(12);
    expect(register.coverage.noSop).toBeGreaterThanOrEqual(3);
    const duplicate = register.items.find((item) => item.name === 'Refunding a purchase');
    expect(duplicate?.likelyDuplicates.map((entry) => entry.name)).toContain('Refund a purchase');
  });

  it('leaves every audit chain intact', async () => {
    const result = await verifyAuditChains(context.db, orgId);
    expect(result.ok).toBe(true);
    expect(result.streamsChecked).toBeGreaterThan(12 + 16);
    const events = await context.db.selectFrom('audit_events').select('type').where('org_id', '=', orgId).where('type', 'like', 'sop.%').execute();
    const count = (type: string) => events.filter((event) => event.type === type).length;
    for (const type of ['sop.created', 'sop.submitted', 'sop.review-completed', 'sop.signed', 'sop.approved', 'sop.published']) expect(count(type), type).toBe(12);
  });

  it('lets the demo people sign in with the generated passwords', async () => {
    const agent = accounts.find((account) => account.role === 'Agent')!;
    const session = await signInAs(context.app, agent);
    const search = await context.app.inject({ method: 'GET', url: '/api/v1/search?q=refund%20limit', cookies: { sopdesk_session: session.cookie } });
    expect(search.statusCode).toBe(200);
    expect(JSON.stringify(search.json())).toContain('HH-REF-001');
  });
});

describe.each(TEST_DIALECTS)('removing the demo organisation on %s', (dialect) => {
  let context: TestContext;
  afterAll(() => context.close());
  beforeAll(async () => {
    context = await createTestContext(dialect);
  });

  /** Rows per table of one organisation, for the tables that hold most of what the demo writes. */
  async function rowsOf(orgId: string): Promise<Record<string, number>> {
    const tables = ['people', 'roles', 'person_roles', 'teams', 'team_members', 'sessions', 'audit_events', 'sops', 'sop_versions', 'sop_participants', 'sop_signatures', 'processes', 'sop_search'];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where org_id = ${orgId}`.execute(context.db);
      counts[table] = Number(result.rows[0]!.n);
    }
    return counts;
  }

  it('removes it with everything in it, leaves another organisation whole, and loads it afresh with new passwords', async () => {
    const other = await buildSignedInOrganisation(context.app, context.db);
    expect((await other.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Night shift', description: 'Stays' } })).statusCode).toBe(201);
    const first = await loadDemoOrganisation(context.db);
    const otherBefore = await rowsOf(other.orgId);
    const demoBefore = await rowsOf(first.orgId);
    expect(demoBefore.sops).toBeGreaterThanOrEqual(12);
    expect(demoBefore.sop_search).toBeGreaterThanOrEqual(12);
    const demoAgent = first.accounts.find((account) => account.role === 'Agent')!;
    const demoSession = await signInAs(context.app, demoAgent);

    expect(await removeDemoOrganisation(context.db)).toBe(true);
    expect(await hasDemoOrganisation(context.db)).toBe(false);
    expect(Object.values(await rowsOf(first.orgId)).every((count) => count === 0)).toBe(true);
    expect(await context.db.selectFrom('organisations').select('id').where('id', '=', first.orgId).executeTakeFirst()).toBeUndefined();
    // Its sessions went with it; the other organisation's did not.
    expect((await asSession(context.app, demoSession)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await other.asAgent({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect(await rowsOf(other.orgId)).toEqual(otherBefore);
    expect((await verifyAuditChains(context.db, other.orgId)).ok).toBe(true);

    const second = await loadDemoOrganisation(context.db);
    expect(second.orgId).not.toBe(first.orgId);
    expect(await rowsOf(second.orgId)).toEqual(demoBefore);
    expect((await verifyAuditChains(context.db, second.orgId)).ok).toBe(true);
    const response = await context.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: demoAgent.email, password: demoAgent.password } });
    expect(response.statusCode).toBe(401);
    await signInAs(context.app, second.accounts.find((account) => account.role === 'Agent')!);
  }, 120_000);

  it('removes what a load cut short left behind, and says when there is nothing to remove', async () => {
    await removeDemoOrganisation(context.db);
    expect(await removeDemoOrganisation(context.db)).toBe(false);
    // A load stopped after its first transactions: the organisation, its roles and one person.
    const { orgId } = await loadPartialDemo();
    expect(await hasDemoOrganisation(context.db)).toBe(true);
    expect(await removeDemoOrganisation(context.db)).toBe(true);
    expect(Object.values(await rowsOf(orgId)).every((count) => count === 0)).toBe(true);
    expect((await loadDemoOrganisation(context.db)).accounts.length).toBeGreaterThan(3);
  }, 120_000);

  async function loadPartialDemo(): Promise<{ orgId: string }> {
    const { createOrganisation } = await import('../organisations/organisation.service');
    const { addPersonWithPassword } = await import('../people/person-admin.service');
    const { organisation } = await createOrganisation(context.db, { name: 'Harbour & Hill Outfitters', slug: DEMO_ORG_SLUG });
    await addPersonWithPassword(context.db, { orgId: organisation.id, name: 'Alex Morgan', email: 'alex.morgan@harbourhill.example', roleName: 'Administrator', password: 'cut short before the passwords were printed' });
    return { orgId: organisation.id };
  }
});
