import { describe, expect, it } from 'vitest';
import { compareSopContent, diffText, type WordChange } from './diff';
import { emptySopContent, type SopContent, type Step } from './model';

const action = (id: string, text: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });
const content = (overrides: Partial<SopContent> = {}): SopContent => ({
  ...emptySopContent(),
  purpose: 'Customers who are refunded quickly stay loyal.',
  scope: 'Refunds in store and by phone.',
  responsibilities: [{ role: 'Agent', duties: 'Refunds within the limit.' }],
  procedure: [
    action('check', 'Check the receipt.'),
    {
      id: 'limit',
      kind: 'decision',
      text: 'Decide whether the amount is within the limit.',
      branches: [
        { id: 'within', label: 'Within the limit', steps: [action('refund', 'Refund the amount.')] },
        { id: 'above', label: 'Above the limit', steps: [{ id: 'refer', kind: 'referral', text: 'Refer the case to a supervisor.', referTo: 'Supervisor' }] },
      ],
    },
    action('log', 'Record the refund on the case.'),
  ],
  glossary: [{ term: 'RMA', definition: 'Returns merchandise authorisation.' }],
  healthAndSafety: 'None.',
  equipment: 'The till.',
  ...overrides,
});

const rebuild = (changes: WordChange[], side: 'from' | 'to') =>
  changes
    .filter((change) => change.kind !== (side === 'from' ? 'added' : 'removed'))
    .map((change) => change.text)
    .join('');

describe('version diff', () => {
  it('finds nothing between a version and itself', () => {
    const diff = compareSopContent(content(), content());
    expect(diff.changed).toBe(false);
    expect(diff.sections.every((section) => !section.changed)).toBe(true);
    expect(diff.procedure.summary).toEqual({ added: 0, removed: 0, moved: 0, reworded: 0, attributesChanged: 0, unchanged: 5 });
  });

  it('diffs text word by word, and the parts rebuild both texts', () => {
    const from = 'Refunds in store and by phone, within 30 days.';
    const to = 'Refunds in store, by phone and by email, within 90 days.';
    const words = diffText(from, to);
    expect(rebuild(words, 'from')).toBe(from);
    expect(rebuild(words, 'to')).toBe(to);
    expect(words.filter((change) => change.kind === 'removed').map((change) => change.text.trim())).toContain('30');
    expect(words.filter((change) => change.kind === 'added').map((change) => change.text.trim())).toContain('90');
  });

  it('reports each section as changed or unchanged, in the order sections are shown', () => {
    const diff = compareSopContent(content(), content({ scope: 'Refunds in store, by phone and by email.', tips: 'Thank the customer.' }));
    expect(diff.changed).toBe(true);
    expect(diff.sections.map((section) => section.section)).toEqual(['purpose', 'scope', 'responsibilities', 'healthAndSafety', 'equipment', 'glossary', 'tips', 'references', 'additionalSections']);
    expect(diff.sections.filter((section) => section.changed).map((section) => section.section)).toEqual(['scope', 'tips']);
    const scope = diff.sections.find((section) => section.section === 'scope')!;
    expect(scope.words.filter((change) => change.kind === 'added').map((change) => change.text.trim())).toEqual(expect.arrayContaining(['email']));
  });

  it('matches list entries by their name: added, removed, changed', () => {
    const diff = compareSopContent(
      content(),
      content({
        responsibilities: [
          { role: 'Agent', duties: 'Refunds within the agent limit.' },
          { role: 'Supervisor', duties: 'Approves refunds above the limit.' },
        ],
        glossary: [],
      }),
    );
    const responsibilities = diff.sections.find((section) => section.section === 'responsibilities')!;
    expect(responsibilities.items?.map((item) => `${item.key}:${item.change}`)).toEqual(['Agent:changed', 'Supervisor:added']);
    expect(diff.sections.find((section) => section.section === 'glossary')!.items).toEqual([expect.objectContaining({ key: 'RMA', change: 'removed' })]);
  });

  it('matches steps by id: added, removed, reworded with a word diff, and changed attributes', () => {
    const before = content();
    const after = content({
      procedure: [
        action('check', 'Check the receipt or the order email.', { detail: 'Most customers have an email.' }),
        {
          id: 'limit',
          kind: 'decision',
          text: 'Decide whether the amount is within the limit.',
          branches: [
            { id: 'within', label: 'Within the agent limit', steps: [action('refund', 'Refund the amount.', { action: { key: 'refund', hasAmount: true } })] },
            { id: 'above', label: 'Above the limit', steps: [{ id: 'refer', kind: 'referral', text: 'Refer the case to a supervisor.', referTo: 'Team lead' }], end: { outcome: 'Referred' } },
          ],
        },
        action('thank', 'Thank the customer.'),
      ],
    });
    const diff = compareSopContent(before, after);
    const byId = new Map(diff.procedure.steps.map((step) => [step.stepId, step]));
    expect(diff.procedure.summary).toEqual({ added: 1, removed: 1, moved: 0, reworded: 1, attributesChanged: 3, unchanged: 0 });

    const check = byId.get('check')!;
    expect(check).toMatchObject({ change: 'kept', reworded: true, moved: false, attributesChanged: false });
    expect(check.text?.filter((change) => change.kind === 'added').map((change) => change.text.trim()).join(' ')).toContain('order email');
    expect(rebuild(check.detail!, 'to')).toBe('Most customers have an email.');

    expect(byId.get('limit')!.attributes).toEqual([
      {
        attribute: 'branches',
        from: [
          { id: 'within', label: 'Within the limit', end: null },
          { id: 'above', label: 'Above the limit', end: null },
        ],
        to: [
          { id: 'within', label: 'Within the agent limit', end: null },
          { id: 'above', label: 'Above the limit', end: 'Referred' },
        ],
      },
    ]);
    expect(byId.get('refund')!.attributes).toEqual([{ attribute: 'action', from: null, to: { key: 'refund', hasAmount: true } }]);
    expect(byId.get('refer')!.attributes).toEqual([{ attribute: 'referTo', from: 'Supervisor', to: 'Team lead' }]);
    expect(byId.get('thank')).toMatchObject({ change: 'added', from: null, to: { number: '3', text: 'Thank the customer.' } });
    expect(byId.get('log')).toMatchObject({ change: 'removed', to: null, from: { number: '3' } });
    // The newer version's steps in document order, then what was removed.
    expect(diff.procedure.steps.map((step) => step.stepId)).toEqual(['check', 'limit', 'refund', 'refer', 'thank', 'log']);
  });

  it('calls a step moved when it changes list or order, but not when a step is inserted before it', () => {
    const before = content();
    const inserted = content({ procedure: [action('greet', 'Greet the customer.'), ...before.procedure] });
    const insertDiff = compareSopContent(before, inserted);
    expect(insertDiff.procedure.summary).toMatchObject({ added: 1, moved: 0, unchanged: 5 });

    const [check, limit, log] = before.procedure as [Step, Step, Step];
    const reordered = content({ procedure: [limit, check, log] });
    const reorderDiff = compareSopContent(before, reordered);
    expect(reorderDiff.procedure.steps.filter((step) => step.moved).map((step) => step.stepId)).toEqual(['check']);

    // "log" moves from the top level into the "within" branch of the decision.
    const nested = content({
      procedure: [check, { ...limit, branches: [{ ...limit.branches![0]!, steps: [...limit.branches![0]!.steps, log] }, limit.branches![1]!] }],
    });
    const moved = compareSopContent(before, nested).procedure.steps.find((step) => step.stepId === 'log')!;
    expect(moved).toMatchObject({ moved: true, reworded: false, from: { number: '3', parentId: null }, to: { number: '2.a.2', parentId: 'limit', branchId: 'within' } });
  });

  it('compares large, very different texts without hanging, as a replacement', () => {
    const words = (seed: number) => Array.from({ length: 6000 }, (_, index) => `w${(index * seed) % 9973}`).join(' ');
    const started = Date.now();
    const diff = compareSopContent(content({ tips: words(7) }), content({ tips: words(13) }));
    expect(Date.now() - started).toBeLessThan(5000);
    const tips = diff.sections.find((section) => section.section === 'tips')!;
    expect(rebuild(tips.words, 'from')).toBe(words(7));
    expect(rebuild(tips.words, 'to')).toBe(words(13));
  });
});
