import type { Branch, RecordField, SopContent, SopMetadata, Step } from '../../../../common/procedure/model';
import type { SopVersionInfo } from '../sop-markdown-format';

// A seeded generator of SOPs for the round-trip property test: every field of the model, with text that
// is hard for Markdown (syntax characters, leading numbers, unicode, braces that look like attributes).

export type Random = { next(): number; pick<T>(values: readonly T[]): T; chance(probability: number): boolean; int(min: number, max: number): number };

export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: small, deterministic, good enough for test data
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  return {
    next,
    pick: (values) => values[Math.floor(next() * values.length)] as (typeof values)[number],
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}

const WORDS = [
  'Confirm', 'the', 'order', 'number', 'refund', 'customer', '£50', '99.9%', 'AND', 'OR', 'naïve', 'Größe', '日本語', '🙂', 'e.g.',
  '*bold*', '_under_', '__init__', '#tag', '# heading', '|', 'a|b', '<b>', '<script>alert(1)</script>', '`code`', '``', '\\', '\\*',
  '[link](https://example.com)', '![img](x.png)', '&amp;', '&copy;', '{#s9}', '{#x kind=decision}', '{', '}', '"quoted"', "it's",
  '1.', '2)', '-', '+', '>', '~~', '~', '=', '---', '***', ':', '::', 'https://example.com/a_b?c=d&e=f', 'x@example.com', '<https://a.b>',
  '[^1]', '$', '%', '^', 'If', 'Otherwise', '-->', '<!--', '\u00a0', 'tab\there',
];

function phrase(random: Random, min: number, max: number): string {
  const count = random.int(min, max);
  const words: string[] = [];
  for (let index = 0; index < count; index++) words.push(random.pick(WORDS));
  return words.join(' ').trim() || 'text';
}

/** A single-line plain string, trimmed (as the model's schema stores it). */
function line(random: Random, min = 1, max = 8): string {
  return phrase(random, min, max).replace(/\s+/g, ' ').trim();
}

/** Short enough for a field limited to `limit` characters, still trimmed and not empty. */
function short(random: Random, limit: number): string {
  return line(random, 1, 3).slice(0, limit).trim() || 'x';
}

const MARKDOWN_BLOCKS = [
  (random: Random) => line(random, 3, 12),
  (random: Random) => `- ${line(random)}\n- ${line(random)}\n  - ${line(random)}`,
  (random: Random) => `1. ${line(random)}\n2. ${line(random)}`,
  (random: Random) => `1. ${line(random)} {#s1}\n1. ${line(random)}`,
  (random: Random) => `- **If** ${line(random)}: {#b1}`,
  () => '```js\nconst x = `1`;\n\n\nreturn x;\n```',
  () => '```\nunclosed fence',
  () => '    indented code\n    more',
  (random: Random) => `> ${line(random)}\n> ${line(random)}`,
  (random: Random) => `| a | b |\n|---|---|\n| ${line(random).replace(/\|/g, '\\|')} | 2 |`,
  (random: Random) => `See [the policy](https://example.com/p?q=1) and <https://example.com>. ${line(random)}`,
  (random: Random) => `### ${line(random)}`,
  (random: Random) => `## ${line(random)}`,
  (random: Random) => `${line(random)}\n---`,
  () => '<div>\n<script>alert(1)</script>\n</div>',
  () => '<!-- a comment',
  (random: Random) => `Line one  \nline two ${line(random)}`,
  (random: Random) => `  ${line(random)}`,
  (random: Random) => `${line(random)}   `,
  (random: Random) => `\n${line(random)}`,
  (random: Random) => `${line(random)}\r\n${line(random)}`,
  (random: Random) => `[ref]: https://example.com\n\n${line(random)}`,
];

/** Markdown text: a few blocks, sometimes with awkward starts and ends. */
function markdown(random: Random): string {
  const count = random.int(1, 4);
  const blocks: string[] = [];
  for (let index = 0; index < count; index++) blocks.push(random.pick(MARKDOWN_BLOCKS)(random));
  return blocks.join(random.chance(0.8) ? '\n\n' : '\n');
}

export function randomSop(random: Random): { metadata: SopMetadata; content: SopContent; version: SopVersionInfo } {
  let counter = 0;
  const id = (prefix: string) => `${prefix}${++counter}${random.chance(0.2) ? '_x-y' : ''}`;
  const field = (): RecordField => {
    const type = random.pick(['text', 'number', 'date', 'choice'] as const);
    const result: RecordField = { key: `f_${++counter}`, label: line(random, 1, 4), type, required: random.chance(0.5) };
    if (type === 'choice') result.options = [line(random, 1, 2), line(random, 1, 2), '"A" | B'];
    return result;
  };
  const step = (depth: number): Step => {
    const kind = random.pick(['action', 'decision', 'referral', 'record'] as const);
    const result: Step = { id: id('s'), kind, text: line(random, 1, 10) };
    if (random.chance(0.5)) result.detail = markdown(random);
    if (random.chance(0.4)) result.role = short(random, 80);
    if (kind === 'referral') result.referTo = short(random, 80);
    if (random.chance(0.3)) result.action = { key: random.pick(['refund', 'fee-waiver', 'goodwill']), hasAmount: random.chance(0.5) };
    if (random.chance(0.2)) result.sopRef = 'CS-REF-002';
    if (kind === 'record' || random.chance(0.1)) {
      result.record = { fields: random.chance(0.7) ? [field(), field()] : [] };
      if (random.chance(0.5)) result.record.note = random.chance(0.5);
      if (random.chance(0.5)) result.record.attachment = random.chance(0.5);
    }
    if (depth < 2 && random.chance(0.35)) result.substeps = steps(depth + 1, 1, 3);
    if (depth < 2 && (kind === 'decision' || random.chance(0.1))) {
      const branches: Branch[] = [];
      const count = random.int(1, 3);
      for (let index = 0; index < count; index++) {
        const branch: Branch = { id: id('b'), label: line(random, 1, 4), steps: random.chance(0.8) ? steps(depth + 1, 1, 2) : [] };
        if (random.chance(0.4)) branch.end = { outcome: line(random, 1, 4) };
        branches.push(branch);
      }
      result.branches = branches;
    }
    return result;
  };
  const steps = (depth: number, min: number, max: number): Step[] => {
    const list: Step[] = [];
    const count = random.int(min, max);
    for (let index = 0; index < count; index++) list.push(step(depth));
    return list;
  };
  const text = () => (random.chance(0.2) ? '' : markdown(random));
  const metadata: SopMetadata = {
    key: 'CS-REF-001',
    title: `${line(random, 2, 6)}`.padEnd(3, '.'),
    category: short(random, 80),
    channels: random.chance(0.7) ? ['phone', short(random, 40)] : [],
    audience: random.chance(0.7) ? ['Agent', short(random, 80)] : [],
    reviewIntervalMonths: random.int(1, 12),
  };
  if (random.chance(0.7)) metadata.owner = random.chance(0.5) ? 'owner@example.com' : short(random, 200);
  const content: SopContent = {
    purpose: text(),
    scope: text(),
    responsibilities: random.chance(0.8) ? [{ role: short(random, 80), duties: line(random, 2, 10) }, { role: 'Team lead', duties: line(random, 2, 6) + ' {role="x"}' }] : [],
    procedure: steps(0, 1, 4),
    healthAndSafety: text(),
    equipment: text(),
    glossary: random.chance(0.8) ? [{ term: line(random, 1, 2), definition: line(random, 2, 10) }, { term: 'SLA', definition: 'Service level: 80%: of tickets' }] : [],
    tips: text(),
    references: [
      { kind: 'sop', target: 'CS-REF-002', label: line(random, 1, 4) },
      { kind: 'policy', target: line(random, 1, 4) },
      { kind: 'link', target: 'https://example.com/a_b?x=1', label: 'A — B' },
      { kind: 'document', target: line(random, 1, 3) + ' — x' },
    ].slice(0, random.int(0, 4)) as SopContent['references'],
    additionalSections: random.chance(0.7) ? [{ title: line(random, 1, 4), body: markdown(random) }, { title: 'Purpose', body: '' }] : [],
  };
  const version: SopVersionInfo = { label: `${random.int(1, 9)}.${random.int(0, 9)}`, changeKind: random.pick(['major', 'minor'] as const), changeSummary: line(random, 0, 8) };
  if (random.chance(0.5)) version.status = random.pick(['draft', 'published', 'in_review'] as const);
  return { metadata, content, version };
}
