import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sopContentSchema } from '../../../common/procedure/model';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { signInAs } from '../../test/factories';
import { verifyAuditChains } from '../audit/audit.service';
import { listSopsForExport, loadPublishedManual } from '../export/manual.repository';
import { getProcessRegister } from '../processes/process.service';
import { checkSopStyle } from '../sops/sop-style';
import { DEMO_MANUAL } from './demo-library';
import { loadDemoOrganisation, type DemoAccount } from './demo.service';

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
