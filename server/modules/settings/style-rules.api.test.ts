import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STYLE_RULE_IDS } from '../../../common/procedure/style-rules';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

const url = '/api/v1/settings/style-rules';

describe.each(TEST_DIALECTS)('style-rule settings API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  it('starts every organisation on the defaults, readable by everyone, changeable by administrators only', async () => {
    const answer = await org.asAgent({ method: 'GET', url });
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ version: 0, updatedAt: null, can: { update: false } });
    expect(body.settings).toEqual(body.defaults);
    expect(body.settings.thresholds).toEqual({ maxSentenceWords: 25, maxStepWords: 25, minReadingEase: 50, minReadabilityWords: 30 });
    expect(body.rules.map((rule: { id: string }) => rule.id)).toEqual([...STYLE_RULE_IDS]);
    expect(body.rules.every((rule: { enabled: boolean; why: string }) => rule.enabled && rule.why.length > 20)).toBe(true);
    expect((await org.asAdmin({ method: 'GET', url })).json().can.update).toBe(true);
  });

  it('saves settings with optimistic concurrency, fills omitted fields with defaults and records the change', async () => {
    const saved = await org.asAdmin({ method: 'PUT', url, payload: { version: 0, rules: { readability: false }, thresholds: { maxSentenceWords: 30 }, extraVerbs: ['Upsell'] } });
    expect(saved.statusCode).toBe(200);
    const body = saved.json();
    expect(body).toMatchObject({ version: 1, settings: { rules: { readability: false, 'imperative-step': true }, thresholds: { maxSentenceWords: 30, maxStepWords: 25 }, extraVerbs: ['upsell'] } });
    expect(body.rules.find((rule: { id: string }) => rule.id === 'readability').enabled).toBe(false);
    expect((await org.asAgent({ method: 'GET', url })).json()).toMatchObject({ version: 1, settings: { thresholds: { maxSentenceWords: 30 } } });

    const event = await context.db.selectFrom('audit_events').select(['type', 'payload', 'actor_id']).where('stream', '=', `org:${org.orgId}`).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.type).toBe('settings.updated');
    expect(event.actor_id).toBe(org.admin.id);
    expect(JSON.parse(event.payload!)).toMatchObject({ key: 'style-rules', value: { rules: { readability: false }, thresholds: { maxSentenceWords: 30 } } });

    // Someone who loaded version 0 saves after that: refused with the stored settings.
    const before = await countRows(context.db);
    const stale = await org.asAdmin({ method: 'PUT', url, payload: { version: 0, thresholds: { maxSentenceWords: 40 } } });
    expect(problemOf(stale)).toMatchObject({ code: 'version_conflict', current: { version: 1, settings: { thresholds: { maxSentenceWords: 30 } } } });
    const staleUpdate = await org.asAdmin({ method: 'PUT', url, payload: { version: 7, thresholds: { maxSentenceWords: 40 } } });
    expect(problemOf(staleUpdate).code).toBe('version_conflict');
    expect(await countRows(context.db)).toEqual(before);

    const second = await org.asAdmin({ method: 'PUT', url, payload: { version: 1, thresholds: { maxSentenceWords: 40 } } });
    expect(second.json()).toMatchObject({ version: 2, settings: { rules: { readability: true }, thresholds: { maxSentenceWords: 40 }, extraVerbs: [] } });
    // Saving what is already stored writes nothing.
    const unchanged = await countRows(context.db);
    expect((await org.asAdmin({ method: 'PUT', url, payload: { version: 2, thresholds: { maxSentenceWords: 40 } } })).json().version).toBe(2);
    expect(await countRows(context.db)).toEqual(unchanged);
  });

  it('refuses invalid settings naming the field, and agents, writing nothing', async () => {
    const before = await countRows(context.db);
    const version = (await org.asAdmin({ method: 'GET', url })).json().version;
    const cases: Array<[unknown, string]> = [
      [{ version, thresholds: { maxSentenceWords: 2 } }, 'body.thresholds.maxSentenceWords'],
      [{ version, thresholds: { minReadingEase: 101 } }, 'body.thresholds.minReadingEase'],
      [{ version, thresholds: { maxStepWords: 12.5 } }, 'body.thresholds.maxStepWords'],
      [{ version, rules: { 'no-such-rule': false } }, 'body.rules.no-such-rule'],
      [{ version, rules: { readability: 'off' } }, 'body.rules.readability'],
      [{ version, knownAcronyms: ['rma'] }, 'body.knownAcronyms.0'],
      [{ thresholds: {} }, 'body.version'],
    ];
    for (const [payload, field] of cases) {
      const response = await org.asAdmin({ method: 'PUT', url, payload });
      expect(response.statusCode, field).toBe(400);
      expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
    }
    expect((await org.asAgent({ method: 'PUT', url, payload: { version, thresholds: { maxSentenceWords: 60 } } })).statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('keeps each organisation’s settings to itself', async () => {
    const other = await buildOrganisation(context.db);
    const outsider = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, other.orgId, 'Administrator')));
    expect((await outsider({ method: 'GET', url })).json()).toMatchObject({ version: 0, settings: { thresholds: { maxSentenceWords: 25 } } });
    expect((await outsider({ method: 'PUT', url, payload: { version: 0, thresholds: { maxStepWords: 10 } } })).json().version).toBe(1);
    expect((await org.asAgent({ method: 'GET', url })).json().settings.thresholds.maxStepWords).toBe(25);
  });
});
