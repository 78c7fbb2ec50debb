import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sopContentSchema, type Step } from '../../../common/procedure/model';
import { importMarkdown, type ImportResult } from './markdown-import';
import { findMissingWords } from './test-support/text-preservation';

// Fixtures are our own documents with the quirks of real support handbooks: front matter, mermaid,
// "Step 2a / 2b" headings, lazy "1." numbering, nested numbered sub-steps, AND/OR conditions, routing
// tables and SLA percentages.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function importFixture(name: string): { source: string; result: ImportResult } {
  const source = fixture(name);
  return { source, result: importMarkdown(source, { fileName: name }) };
}

const texts = (steps: Step[] | undefined) => (steps ?? []).map((step) => step.text);

describe.each(['damaged-order-refund.md', 'lettered-steps.md', 'no-procedure-heading.md', 'hostile.md'])('importing %s', (name) => {
  it('keeps every word of the source somewhere in the SOP', () => {
    const { source, result } = importFixture(name);
    expect(findMissingWords(source, result)).toEqual([]);
  });

  it('produces content the model accepts', () => {
    const { result } = importFixture(name);
    expect(sopContentSchema.parse(result.content)).toEqual(result.content);
  });

  it('reports lines that exist, and a summary', () => {
    const { source, result } = importFixture(name);
    const lines = source.split('\n').length;
    for (const item of result.report.items) {
      expect(item.line).toBeGreaterThanOrEqual(0);
      expect(item.endLine).toBeLessThanOrEqual(lines);
      expect(item.endLine).toBeGreaterThanOrEqual(item.line);
    }
    expect(result.report.fileName).toBe(name);
    expect(result.report.summary.text).toMatch(/steps? \(\d+ decisions?\)/);
  });
});

describe('a handbook page with front matter, a flowchart and a numbered process', () => {
  const { result } = importFixture('damaged-order-refund.md');
  const { metadata, content, report } = result;

  it('fills the metadata from the front matter and keeps the keys it cannot map', () => {
    expect(metadata).toEqual({
      title: 'Refund a damaged order',
      category: 'Refunds',
      owner: 'returns-lead@example.com',
      channels: ['phone', 'email', 'live chat'],
      reviewIntervalMonths: 6,
    });
    const properties = content.additionalSections.find((section) => section.title === 'Document properties');
    expect(properties?.body).toContain('- **tags**: refund, damage, courier');
    expect(properties?.body).toContain('- **categories**: Deliveries');
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'unmapped', line: 11, message: expect.stringContaining('"layout" matches no SOP field') }));
  });

  it('maps headings to sections by meaning', () => {
    expect(content.purpose).toMatch(/^How the service desk refunds orders that arrive damaged\n\nA damaged order costs the customer twice/);
    expect(content.responsibilities).toEqual([
      { role: 'Agent', duties: 'Checks the claim, refunds up to £40 and records the outcome.' },
      { role: 'Team lead', duties: 'Approves refunds above £40 and handles repeat claims.' },
    ]);
    expect(content.glossary.map((entry) => entry.term)).toEqual(['Damage claim', 'Courier reference']);
    expect(content.tips).toBe('Customers often send a video instead of a photo; a still taken from the video is fine.');
    expect(content.references).toEqual([
      { kind: 'sop', target: 'CS-RET-002', label: 'Return an unwanted item' },
      { kind: 'link', target: 'https://couriers.example.com/claims', label: 'Courier claims portal' },
      { kind: 'document', target: 'Damage claims policy, version 3' },
    ]);
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'mapped', target: 'purpose', message: 'Heading "Overview" → Purpose.' }));
  });

  it('keeps what fits no section as additional sections, in order, and says why', () => {
    expect(content.additionalSections.map((section) => section.title)).toEqual(['Diagram', 'Definitions', 'Service levels', 'Routing', 'Escalation contacts', 'Document properties']);
    expect(content.additionalSections.find((section) => section.title === 'Definitions')?.body).toBe('**Note:** Damage found after 30 days is handled as a warranty case, not a damage claim.');
    expect(content.additionalSections.find((section) => section.title === 'Service levels')?.body).toContain('- 85% of damage claims answered within 4 working hours');
    expect(report.items).toContainEqual(
      expect.objectContaining({ kind: 'unmapped', line: 87, target: 'additional section "Escalation contacts"', message: expect.stringContaining('matches no standard section') }),
    );
  });

  it('keeps tables as Markdown and the mermaid block verbatim, offering the flowchart as a basis for decisions', () => {
    expect(content.additionalSections.find((section) => section.title === 'Routing')?.body).toBe(
      '| Channel | Queue | Owner |\n|---------|-------|-------|\n| Phone | Refunds – voice | Agent |\n| Email | Refunds – written | Agent |\n| Live chat | Refunds – chat | Agent |',
    );
    expect(content.additionalSections[0]?.body).toBe(fixture('damaged-order-refund.md').split('## Diagram\n\n')[1]?.split('\n\n## Overview')[0]);
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'kept-as-content', message: 'Table (3 rows) kept as Markdown.' }));
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'warning', line: 16, message: expect.stringMatching(/flowchart with 2 decision nodes: a possible basis/) }));
  });

  it('turns the lazily numbered list into steps, one instruction each, the rest as detail', () => {
    expect(texts(content.procedure)).toEqual([
      'Find the order.',
      'Ask for a photo of the damage and of the outer box.',
      'Check the claim is eligible: the order was delivered in the last 30 days `AND` the customer has not claimed for it before `OR` a team lead has approved a second claim.',
      'Check whether the order total is under £40.',
      'Open the refund form and paste this note:',
      'Tell the customer when the money will arrive:',
    ]);
    expect(content.procedure[0]?.detail).toBe("Search by order number or by the customer's email address.");
    expect(texts(content.procedure[1]?.substeps)).toEqual(['Check that the photo shows the courier label.', 'Attach the photo to the case.']);
    expect(texts(content.procedure[5]?.substeps)).toEqual(['card payments: 3 to 5 working days', 'gift cards: straight away']);
  });

  it('keeps a link of the instruction and a code block of the item in the detail', () => {
    expect(content.procedure[4]?.detail).toBe('[refund form](https://example.com/refund-form)\n\n```text\nDamage claim for order [ORDER]\nCourier reference: [REFERENCE]\n```');
  });

  it('makes "If …" followed by "Otherwise …" a decision with two branches', () => {
    expect(content.procedure[3]).toEqual({
      id: 's6',
      kind: 'decision',
      text: 'Check whether the order total is under £40.',
      branches: [
        { id: 'b1', label: 'If the order total is under £40', steps: [{ id: 's7', kind: 'action', text: 'Refund it in full.' }] },
        { id: 'b2', label: 'Otherwise', steps: [{ id: 's8', kind: 'action', text: 'Refer the case to a team lead with the photo attached.' }] },
      ],
    });
  });

  it('takes ids from the caller, in document order', () => {
    let next = 0;
    const ids: string[] = [];
    const custom = importMarkdown(fixture('damaged-order-refund.md'), {
      newId: (kind) => {
        const id = `${kind}-${++next}`;
        ids.push(id);
        return id;
      },
    });
    expect(custom.content.procedure.map((step) => step.id)).toEqual(['step-1', 'step-2', 'step-5', 'step-6', 'step-11', 'step-12']);
    expect(custom.content.procedure[3]?.branches?.map((branch) => branch.id)).toEqual(['branch-7', 'branch-9']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('"Step N" headings', () => {
  const { result } = importFixture('lettered-steps.md');
  const { content, report } = result;

  it('become steps, and "Step 2a: If …" / "Step 2b: Otherwise" a decision whose branches hold their lists', () => {
    expect(texts(content.procedure)).toEqual([
      'Step 1: Greet the caller',
      'Step 2: Check identity',
      'Step 2: check whether the caller answers both questions correctly.',
      'Step 3: Close the call',
      'Step 4a: Send the summary by email',
      'Step 4b: Log the call in the CRM',
    ]);
    const decision = content.procedure[2];
    expect(decision?.kind).toBe('decision');
    expect(decision?.branches?.map((branch) => branch.label)).toEqual(['Step 2a: If the caller answers both questions correctly', 'Step 2b: Otherwise']);
    expect(texts(decision?.branches?.[0]?.steps)).toEqual(['Thank the caller.', 'Make the change they asked for.']);
    expect(decision?.branches?.[1]?.steps[0]?.detail).toBe('> **Note**: never tell the caller which answer was wrong.');
    expect(content.procedure[0]?.detail).toBe('Use the standard greeting and give your first name.');
  });

  it('leaves lettered steps without If/Otherwise as steps, with a warning', () => {
    expect(report.items).toContainEqual(expect.objectContaining({ kind: 'warning', line: 33, message: expect.stringContaining('Step 4a, Step 4b were kept as consecutive steps') }));
  });

  it('takes the only H1 as the title', () => {
    expect(result.metadata.title).toBe('Verify a caller before an account change');
  });
});

describe('a document without a procedure heading', () => {
  const { result } = importFixture('no-procedure-heading.md');

  it('takes its largest numbered list as the procedure, and says so', () => {
    expect(texts(result.content.procedure)).toEqual([
      'A customer asks for help.',
      'An agent takes the ticket.',
      'The agent replies within the target time.',
      'The agent works the problem.',
      'The agent confirms the fix.',
      'The agent solves the ticket.',
    ]);
    expect(result.content.procedure[2]?.detail).toBe('The target is 4 working hours for email; e.g. a ticket raised at 9:00 is answered by 13:00.');
    expect(texts(result.content.procedure[3]?.substeps)).toHaveLength(3);
    expect(result.content.procedure[4]?.detail).toBe('The customer says it works `OR` does not reply after two reminders.');
    expect(result.report.items).toContainEqual(expect.objectContaining({ kind: 'warning', line: 7, endLine: 17, message: expect.stringContaining('largest numbered list') }));
  });

  it('keeps the rest of that section, the smaller list and the text before the first heading', () => {
    expect(result.content.purpose).toBe('Every ticket has one owner from the first reply to the last.');
    expect(result.content.additionalSections).toEqual([
      { title: 'From first contact to a solved ticket', body: '### Ticket states\n\n- Open: someone is working on it.\n- Pending: waiting for the customer.\n- Solved: fixed; it closes by itself after 4 days.' },
      { title: 'Who may reopen a ticket', body: '1. The customer, by replying.\n2. The owner.\n3. A team lead.' },
    ]);
  });
});

describe('small documents', () => {
  it('takes the title from the file name when there is none, and reports that no procedure was found', () => {
    const result = importMarkdown('Some notes about refunds.\n', { fileName: 'refund_notes.md' });
    expect(result.metadata.title).toBe('Refund notes');
    expect(result.content.purpose).toBe('Some notes about refunds.');
    expect(result.report.items.map((item) => item.message)).toContainEqual(expect.stringContaining('No procedure found'));
  });

  it('reads a procedure written as bullets or as paragraphs', () => {
    expect(texts(importMarkdown('## Steps\n\n- Greet the customer.\n- Take the payment.\n').content.procedure)).toEqual(['Greet the customer.', 'Take the payment.']);
    expect(texts(importMarkdown('## Procedure\n\nGreet the customer. Smile.\n\nTake the payment.\n').content.procedure)).toEqual(['Greet the customer.', 'Take the payment.']);
  });

  it('makes "If …" / "If not …" a decision, and leaves a lone "If" alone', () => {
    const decision = importMarkdown('## Procedure\n\n1. If the customer has a receipt: refund the purchase.\n2. If not, offer a credit note.\n').content.procedure[0];
    expect(decision?.kind).toBe('decision');
    expect(decision?.branches?.map((branch) => [branch.label, texts(branch.steps)])).toEqual([
      ['If the customer has a receipt', ['Refund the purchase.']],
      ['If not', ['Offer a credit note.']],
    ]);
    const lone = importMarkdown('## Procedure\n\n1. If the line is busy, call back later.\n2. Log the call.\n').content.procedure;
    expect(lone.map((step) => step.kind)).toEqual(['action', 'action']);
  });

  it('keeps text before the first step of the procedure as a section named after its heading', () => {
    const result = importMarkdown('## How to take a payment\n\nHave the card reader ready.\n\n1. Enter the amount.\n2. Hand over the reader.\n');
    expect(texts(result.content.procedure)).toEqual(['Enter the amount.', 'Hand over the reader.']);
    expect(result.content.additionalSections).toEqual([{ title: 'How to take a payment', body: 'Have the card reader ready.' }]);
  });

  it('refers to CRLF sources by the same lines', () => {
    const result = importMarkdown('# Title of it\r\n\r\n## Steps\r\n\r\n1. One.\r\n2. Two.\r\n');
    expect(texts(result.content.procedure)).toEqual(['One.', 'Two.']);
    expect(result.report.items).toContainEqual(expect.objectContaining({ line: 5, endLine: 6, message: 'Numbered list → 2 steps.' }));
  });
});
