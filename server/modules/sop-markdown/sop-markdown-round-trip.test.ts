import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../../common/procedure/templates';
import { sopContentSchema, sopMetadataSchema, type SopContent, type SopMetadata } from '../../../common/procedure/model';
import { importMarkdown } from './markdown-import';
import { SopImportError } from './sop-import-error';
import { exportSopMarkdown } from './sop-markdown-export';
import type { SopVersionInfo } from './sop-markdown-format';
import { isSopMarkdown, parseSopMarkdown } from './sop-markdown-parse';
import { randomSop, seededRandom } from './test-support/random-sop';

const metadata: SopMetadata = {
  key: 'CS-REF-001',
  title: 'Refund a purchase',
  category: 'Refunds',
  channels: ['phone', 'email'],
  owner: 'jane@example.com',
  audience: ['Agent'],
  reviewIntervalMonths: 12,
};
const version: SopVersionInfo = { label: '1.2', changeKind: 'minor', changeSummary: 'The refund limit is now £50.', status: 'published' };

describe('sopdesk Markdown round trip', () => {
  it.each(BUILT_IN_TEMPLATES.map((template) => [template.id, template.content] as const))('reads the %s template back exactly', (_id, content) => {
    const markdown = exportSopMarkdown(metadata, content, version);
    expect(isSopMarkdown(markdown)).toBe(true);
    const parsed = parseSopMarkdown(markdown);
    expect(parsed.content).toEqual(content);
    expect(parsed.metadata).toEqual(metadata);
    expect(parsed.version).toEqual(version);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads every field of the model back exactly, for 40 generated SOPs full of Markdown syntax', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const sop = randomSop(seededRandom(seed));
      // The generator only makes valid SOPs: parsing them through the schema changes nothing.
      expect(sopContentSchema.parse(sop.content), `seed ${seed}`).toEqual(sop.content);
      const markdown = exportSopMarkdown(sop.metadata, sop.content, sop.version);
      const parsed = parseSopMarkdown(markdown);
      expect(parsed.content, `seed ${seed}`).toEqual(sop.content);
      expect(parsed.metadata, `seed ${seed}`).toEqual(sop.metadata);
      expect(parsed.version, `seed ${seed}`).toEqual(sop.version);
    }
  });

  it('keeps ids, kinds, roles, referrals, actions, record fields, branches with outcomes and SOP links', () => {
    const content: SopContent = {
      ...sopContentSchema.parse({}),
      procedure: [
        {
          id: 'check_1',
          kind: 'decision',
          text: '1. Decide whether the refund is *within* the limit | or not',
          detail: 'Limits:\n\n| Role | Limit |\n|---|---|\n| Agent | £50 |\n\n```sh\necho `date`\n```\n\nSee [the policy](https://example.com/refunds?x=1&y=2).',
          role: 'Senior agent',
          branches: [
            { id: 'b-under', label: 'Under £50', steps: [{ id: 's2', kind: 'action', text: 'Refund the purchase.', action: { key: 'refund', hasAmount: true } }] },
            {
              id: 'b-over',
              label: 'Otherwise',
              end: { outcome: 'Referred to a supervisor' },
              steps: [{ id: 's3', kind: 'referral', text: 'Refer the case.', referTo: 'Supervisor', sopRef: 'CS-ESC-002' }],
            },
          ],
        },
        {
          id: 's4',
          kind: 'record',
          text: 'Record the outcome {#not-an-id}',
          record: {
            fields: [
              { key: 'outcome', label: 'Outcome', type: 'choice', required: true, options: ['Refunded', 'Referred', 'A "quoted" | piped one'] },
              { key: 'amount', label: 'Amount (£)', type: 'number', required: false },
              { key: 'paid_on', label: 'Paid on', type: 'date', required: false },
            ],
            note: true,
            attachment: false,
          },
          substeps: [{ id: 's5', kind: 'action', text: '# Not a heading, _not_ emphasis, `not` code, <b>not</b> HTML' }],
        },
        { id: 's6', kind: 'record', text: 'Capture a record with nothing to say.', record: { fields: [] } },
      ],
      glossary: [{ term: 'SLA', definition: 'Service-level agreement: 80% of tickets answered in 2 days.' }],
      references: [
        { kind: 'sop', target: 'CS-RET-001', label: 'Return a product' },
        { kind: 'link', target: 'https://example.com/a_b' },
      ],
      additionalSections: [{ title: 'Routing | table', body: '| Queue | Owner |\n|---|---|\n| Refunds | Team A |' }],
    };
    const parsed = parseSopMarkdown(exportSopMarkdown(metadata, content, version));
    expect(parsed.content).toEqual(content);
  });

  it('writes readable Markdown: numbered steps with a trailing attribute block, bold branch labels', () => {
    const markdown = exportSopMarkdown(metadata, BUILT_IN_TEMPLATES.find((template) => template.id === 'decision-flow')!.content, version);
    expect(markdown).toContain('---\nsopdesk: 1\nkey: CS-REF-001\n');
    expect(markdown).toContain('version: "1.2"');
    expect(markdown).toContain('1. Confirm the order number. {#s1}');
    expect(markdown).toContain('   - **If** Within authority: {#b1}');
    expect(markdown).toContain('     1. Refer the case to a supervisor. {#s2-2 kind=referral referTo=Supervisor}');
    expect(markdown).toContain('   - Outcome {field=outcome type=text required}');
  });

  it('reads the example in FORMAT.md, and writes it back byte for byte', () => {
    const format = readFileSync(new URL('./FORMAT.md', import.meta.url), 'utf8');
    const example = `${/```markdown\n([\s\S]*?)\n```\n/.exec(format)?.[1]}\n`;
    const parsed = parseSopMarkdown(example);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.content.procedure[1]?.branches?.[1]?.end).toEqual({ outcome: 'Referred to a supervisor' });
    expect(exportSopMarkdown(parsed.metadata, parsed.content, parsed.version)).toBe(example);
  });

  it('falls back to an exact form only for what plain Markdown cannot carry', () => {
    const content: SopContent = {
      ...sopContentSchema.parse({}),
      purpose: '## A heading of the wrong level\n\ntext',
      procedure: [{ id: 's1', kind: 'action', text: 'Open the form.', detail: '```\nan unclosed fence' }],
    };
    const markdown = exportSopMarkdown(metadata, content, version);
    expect(markdown).toContain('```sopdesk-json\n"## A heading of the wrong level\\n\\ntext"\n```');
    // The fence is longer than any run of backticks in the value.
    expect(markdown).toContain('   ````sopdesk-json\n   "```\\nan unclosed fence"\n   ````');
    expect(parseSopMarkdown(markdown).content).toEqual(content);
  });

  it('treats an empty list of sub-steps or branches, and an empty detail, as none', () => {
    const content: SopContent = { ...sopContentSchema.parse({}), procedure: [{ id: 's1', kind: 'action', text: 'Do it.', detail: '', substeps: [], branches: [] }] };
    expect(parseSopMarkdown(exportSopMarkdown(metadata, content, version)).content.procedure).toEqual([{ id: 's1', kind: 'action', text: 'Do it.' }]);
  });

  it('is what importMarkdown reads, exactly, with the version', () => {
    const content = BUILT_IN_TEMPLATES[2]!.content;
    const result = importMarkdown(exportSopMarkdown(metadata, content, version), { fileName: 'CS-REF-001.md' });
    expect(result.content).toEqual(content);
    expect(result.metadata).toEqual(metadata);
    expect(result.version).toEqual(version);
    expect(result.report.format).toBe('sopdesk-markdown');
    expect(result.report.items[0]).toMatchObject({ kind: 'mapped', target: 'sop' });
  });
});

describe('sopdesk Markdown edited by hand', () => {
  const exported = () => exportSopMarkdown(metadata, BUILT_IN_TEMPLATES.find((template) => template.id === 'decision-flow')!.content, version);

  it('gives a step typed without an attribute block the next free id', () => {
    const edited = exported().replace('3. Record the outcome. {#s3 kind=record note}', '3. Record the outcome. {#s3 kind=record note}\n\n4. Thank the customer.');
    const parsed = parseSopMarkdown(edited);
    expect(parsed.content.procedure[3]).toMatchObject({ kind: 'action', text: 'Thank the customer.' });
    expect(parsed.content.procedure[3]?.id).toMatch(/^s\d+$/);
    expect(new Set(collectIds(parsed.content)).size).toBe(collectIds(parsed.content).length);
  });

  it('warns about what it had to interpret, and keeps it', () => {
    const edited = exported()
      .replace('{#s1}', '{#s1 colour=blue}')
      .replace('## Health and safety', 'A paragraph someone typed under the steps.\n\n## Health and safety')
      .replace('reviewIntervalMonths: 12', 'reviewIntervalMonths: 12\nreviewer: Sam');
    const parsed = parseSopMarkdown(edited);
    expect(parsed.warnings.join('\n')).toMatch(/unknown step attribute "colour"/);
    expect(parsed.warnings.join('\n')).toMatch(/Front matter key "reviewer"/);
    expect(parsed.content.procedure[2]?.detail).toContain('A paragraph someone typed under the steps.');
  });

  it('accepts an unquoted version and a responsibilities table', () => {
    const edited = exported()
      .replace('version: "1.2"', 'version: 1.2')
      .replace('- **Agent**: Follows the procedure and records the outcome on the case.', '| Role | Duties |\n|---|---|\n| Agent | Follows the procedure. |');
    const parsed = parseSopMarkdown(edited);
    expect(parsed.version.label).toBe('1.2');
    expect(parsed.content.responsibilities).toEqual([{ role: 'Agent', duties: 'Follows the procedure.' }]);
  });

  it('refuses what the model does not allow, naming the field', () => {
    const edited = exported().replace('key: CS-REF-001', 'key: refunds');
    expect(() => parseSopMarkdown(edited)).toThrow(SopImportError);
    expect(() => parseSopMarkdown(edited)).toThrow(/key/);
    expect(() => parseSopMarkdown('# Just Markdown\n\n1. A step')).toThrow(/not sopdesk Markdown/);
    expect(() => parseSopMarkdown(exported().replace('sopdesk: 1', 'sopdesk: 2'))).toThrow(/version 2/);
  });
});

function collectIds(content: SopContent): string[] {
  const ids: string[] = [];
  const visit = (steps: SopContent['procedure']) => {
    for (const step of steps) {
      ids.push(step.id);
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) {
        ids.push(branch.id);
        visit(branch.steps);
      }
    }
  };
  visit(content.procedure);
  return ids;
}

// The metadata schema is the contract of the front matter: keep the test honest if it gains a field.
it('covers every metadata field', () => {
  expect(Object.keys(sopMetadataSchema.shape).sort()).toEqual(Object.keys(metadata).sort());
});
