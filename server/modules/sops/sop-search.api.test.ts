import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { asSession } from '../../test/factories';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { buildLibraryCast, createSopViaApi, goodContent, publishViaApi } from '../../test/sop-factories';

type Segment = { text: string; match: boolean };
type Item = { sopId: string; key: string; title: string; titleHighlighted: Segment[]; snippet: Segment[]; status: string; versionLabel: string | null };

const marked = (segments: Segment[]) => segments.filter((segment) => segment.match).map((segment) => segment.text);
const textOf = (segments: Segment[]) => segments.map((segment) => segment.text).join('');

describe.each(TEST_DIALECTS)('SOP search API on %s', (dialect) => {
  let context: TestContext;
  let author: ReturnType<typeof asSession>;
  let approver: ReturnType<typeof asSession>;
  let reviewer: ReturnType<typeof asSession>;
  let agent: ReturnType<typeof asSession>;
  let approverPassword: string;
  let reviewerId: string;

  /** Publishes an SOP whose words no other test uses, so that each test counts its own results. */
  const publish = async (metadata: Record<string, unknown>, content = goodContent()) => {
    const { sopId, versionId, key } = await createSopViaApi(author, metadata);
    await publishViaApi(author, approver, approverPassword, sopId, versionId, reviewerId, reviewer, content);
    return { sopId, key };
  };
  const search = async (query: string): Promise<Item[]> => {
    const response = await agent({ method: 'GET', url: `/api/v1/search?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ({ author, approver, reviewer, agent, approverPassword, reviewerId } = await buildLibraryCast(context));
  });
  afterAll(() => context.close());

  it('ranks a title match above a body match, and marks the matched words', async () => {
    const inBody = await publish({ title: 'Greet a customer' }, goodContent({ tips: 'Offer a parasol when it rains.' }));
    const inTitle = await publish({ title: 'Lend a parasol' });
    const items = await search('q=parasol');
    expect(items.map((item) => item.sopId)).toEqual([inTitle.sopId, inBody.sopId]);
    // The order is the ranking; no score goes out (on SQLite it would carry other organisations' word counts).
    expect(Object.keys(items[0]!).sort()).toEqual(['category', 'channels', 'key', 'snippet', 'sopId', 'status', 'title', 'titleHighlighted', 'versionLabel']);
    expect(items[0]).toMatchObject({ key: inTitle.key, title: 'Lend a parasol', status: 'published', versionLabel: '1.0' });
    expect(marked(items[0]!.titleHighlighted)).toEqual(['parasol']);
    expect(textOf(items[0]!.titleHighlighted)).toBe('Lend a parasol');
    expect(marked(items[1]!.snippet)).toEqual(['parasol']);
    expect(textOf(items[1]!.snippet)).toContain('Offer a parasol when it rains');
  });

  it('finds other forms of a word and the start of the last one, and highlights them', async () => {
    const { sopId } = await publish({ title: 'Wrap fragile ornaments' }, goodContent({ tips: 'Wrapping takes two sheets; ornamental glass takes three.' }));
    const [item] = await search('q=wrapped%20orname');
    expect(item?.sopId).toBe(sopId);
    expect(marked(item!.titleHighlighted)).toEqual(['Wrap', 'ornaments']);
    expect(marked(item!.snippet)).toEqual(['Wrapping', 'ornamental']);
  });

  it('cuts the snippet around the matches, with an ellipsis where text is left out', async () => {
    const filler = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    await publish({ title: 'Store umbrellas' }, goodContent({ tips: `${filler} keep the spare galoshes dry ${filler}.` }));
    const [item] = await search('q=galoshes');
    const snippet = textOf(item!.snippet);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet.split(/\s+/).filter((word) => /\w/.test(word)).length).toBeLessThanOrEqual(24);
    expect(marked(item!.snippet)).toEqual(['galoshes']);
  });

  it('filters by channel, category, role and status, and follows metadata changes and retirement at once', async () => {
    const { sopId } = await publish({ title: 'Return a kayak', category: 'Returns', channels: ['email'], audience: ['Supervisor'] });
    const found = async (filters: string) => (await search(`q=kayak&${filters}`)).map((item) => item.sopId);
    expect(await found('channel=email')).toEqual([sopId]);
    expect(await found('channel=phone')).toEqual([]);
    expect(await found('category=Returns')).toEqual([sopId]);
    expect(await found('category=Refunds')).toEqual([]);
    expect(await found('role=Supervisor')).toEqual([sopId]);
    expect(await found('role=Agent')).toEqual([]);
    expect(await found('role=Supervisor&channel=email&category=Returns')).toEqual([sopId]);

    const current = (await author({ method: 'GET', url: `/api/v1/sops/${sopId}` })).json();
    const updated = await author({
      method: 'PATCH',
      url: `/api/v1/sops/${sopId}`,
      payload: { version: current.version, title: 'Return a canoe or kayak', category: 'Outdoor', channels: ['phone'], audience: ['Agent'] },
    });
    expect(updated.statusCode).toBe(200);
    expect(await found('channel=phone&category=Outdoor&role=Agent')).toEqual([sopId]);
    expect(await found('channel=email')).toEqual([]);
    expect((await search('q=canoe'))[0]).toMatchObject({ sopId, title: 'Return a canoe or kayak' });

    expect((await approver({ method: 'POST', url: `/api/v1/sops/${sopId}/retire`, payload: { reason: 'No more kayaks.' } })).statusCode).toBe(204);
    expect(await found('status=published')).toEqual([]);
    expect(await search('q=kayak&status=retired')).toMatchObject([{ sopId, status: 'retired' }]);
    expect((await search('q=kayak&status=any')).map((item) => item.sopId)).toEqual([sopId]);
  });

  it('matches a role or channel filter exactly: case, underscores and percent signs as written', async () => {
    const { sopId } = await publish({ title: 'Inflate a dinghy', audience: ['Pool_attendant', '100% volunteer'] });
    await publish({ title: 'Patch a dinghy', audience: ['PoolXattendant', '100 volunteers', 'pool_attendant'] });
    const found = async (filters: string) => (await search(`q=dinghy&${filters}`)).map((item) => item.sopId);
    expect(await found('role=Pool_attendant')).toEqual([sopId]);
    expect(await found(`role=${encodeURIComponent('100% volunteer')}`)).toEqual([sopId]);
    expect(await found(`role=${encodeURIComponent('100%')}`)).toEqual([]);
    expect(await found('role=Pool')).toEqual([]);
    expect(await found('channel=phone')).toHaveLength(2);
    expect(await found('channel=Phone')).toEqual([]);
  });

  it('shows the version now in use after a new one is published, never twice', async () => {
    const { sopId } = await publish({ title: 'Fold a tarpaulin' });
    const draft = (await author({ method: 'POST', url: `/api/v1/sops/${sopId}/drafts`, payload: { changeKind: 'minor', changeSummary: 'Clearer.' } })).json();
    await publishViaApi(author, approver, approverPassword, sopId, draft.id, reviewerId, reviewer, goodContent({ tips: 'Fold the tarpaulin in thirds.' }));
    const items = await search('q=tarpaulin');
    expect(items).toMatchObject([{ sopId, versionLabel: '1.1' }]);
    expect(marked(items[0]!.snippet)).toEqual(['tarpaulin']);
  });

  it('answers with the SOPs holding some of the words, most of them first, when none holds every word', async () => {
    const both = await publish({ title: 'Mend a torn hammock' }, goodContent({ tips: 'Hammock cord is on the second shelf.' }));
    const one = await publish({ title: 'Fold a hammock' });
    const every = await agent({ method: 'GET', url: '/api/v1/search?q=torn%20hammock' });
    expect(every.json()).toMatchObject({ everyWord: true, terms: ['torn', 'hammock'] });
    expect(every.json().items.map((item: Item) => item.sopId)).toEqual([both.sopId]);

    // No SOP says "zeppelin": rather than nothing, those with the other words, the one with both ranked first.
    const some = await agent({ method: 'GET', url: '/api/v1/search?q=torn%20hammock%20zeppelin' });
    expect(some.statusCode).toBe(200);
    expect(some.json().everyWord).toBe(false);
    const items: Item[] = some.json().items;
    expect(items.map((item) => item.sopId)).toEqual([both.sopId, one.sopId]);
    expect(marked(items[0]!.titleHighlighted)).toEqual(['torn', 'hammock']);
    expect(marked(items[1]!.titleHighlighted)).toEqual(['hammock']);

    // The filters still hold, and words found nowhere find nothing.
    expect((await search('q=torn%20hammock%20zeppelin&status=retired')).length).toBe(0);
    const nothing = (await agent({ method: 'GET', url: '/api/v1/search?q=zeppelin%20quokka' })).json();
    expect(nothing).toMatchObject({ everyWord: false, items: [] });
    expect((await agent({ method: 'GET', url: '/api/v1/search?q=zeppelin' })).json()).toMatchObject({ everyWord: true, items: [] });
  });

  it('leaves stop words unmarked where the index leaves them out', async () => {
    const { sopId } = await publish({ title: 'Polish the brass bell' });
    const [item] = await search('q=the%20brass');
    expect(item?.sopId).toBe(sopId);
    // PostgreSQL's english configuration drops "the" from documents and queries; FTS5 keeps every word.
    expect(marked(item!.titleHighlighted)).toEqual(dialect === 'postgres' ? ['brass'] : ['the', 'brass']);
  });
});
