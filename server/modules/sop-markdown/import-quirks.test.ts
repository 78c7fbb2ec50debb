import { describe, expect, it } from 'vitest';
import { sopContentSchema } from '../../../common/procedure/model';
import { importMarkdown } from './markdown-import';
import { findMissingWords } from './test-support/text-preservation';

// Quirks found by importing real support handbooks by hand, reproduced in our own words.

describe('a numbered list of checks before "Step N" headings', () => {
  const source = [
    '# Reset a loyalty card PIN',
    '',
    '## Procedure',
    '',
    '### Requests made by the cardholder',
    '',
    'The till runs these checks before the request reaches the desk:',
    '',
    '1. Is the card registered?',
    '1. Does the phone number match the card?',
    '',
    'When either check fails, the request is closed automatically.',
    '',
    '#### Step 1: Confirm the cardholder',
    '',
    '1. Ask for the postcode on the account.',
    '1. Compare it with the card record.',
    '',
    '#### Step 2: Issue the new PIN',
    '',
    '1. Send the PIN by text message.',
    '',
  ].join('\n');
  const result = importMarkdown(source, { fileName: 'pin-reset.md' });
  const group = result.content.procedure[0]!;

  it('keeps the checks as the detail of their step, not as extra steps', () => {
    expect(group.text).toBe('Requests made by the cardholder');
    expect(group.substeps?.map((step) => step.text)).toEqual(['Step 1: Confirm the cardholder', 'Step 2: Issue the new PIN']);
    expect(group.detail).toContain('1. Is the card registered?');
    expect(group.detail).toContain('When either check fails');
    expect(group.substeps?.[0]?.substeps?.map((step) => step.text)).toEqual(['Ask for the postcode on the account.', 'Compare it with the card record.']);
  });

  it('loses no word and stays valid', () => {
    expect(findMissingWords(source, result)).toEqual([]);
    expect(sopContentSchema.safeParse(result.content).success).toBe(true);
  });
});

describe('a document without a procedure whose only numbered list is a list of criteria', () => {
  const source = [
    '---',
    'title: Priority handling for store emergencies',
    '---',
    '',
    '## Introduction',
    '',
    'Store managers sometimes ask for priority help that the normal queue cannot give.',
    '',
    '### Qualifying criteria',
    '',
    'Priority handling may be granted when any of the following is true:',
    '',
    '1. The store cannot take payments, or',
    '1. The store has no working lighting, or',
    '1. The building is unsafe to open.',
    '',
  ].join('\n');

  it('keeps the criteria in their section instead of taking them for the procedure', () => {
    const result = importMarkdown(source, { fileName: 'priority.md' });
    expect(result.content.procedure).toEqual([]);
    expect(result.content.additionalSections.find((section) => section.title === 'Qualifying criteria')?.body).toContain('1. The store cannot take payments, or');
    expect(result.report.items).toContainEqual(expect.objectContaining({ kind: 'warning', message: expect.stringContaining('No procedure found') }));
    expect(findMissingWords(source, result)).toEqual([]);
  });

  it('still takes the largest numbered list as the procedure when nothing says it is criteria', () => {
    const plain = source.replace('### Qualifying criteria', '### What to do').replace('Priority handling may be granted when any of the following is true:', 'Work through these in order:');
    const result = importMarkdown(plain, { fileName: 'priority.md' });
    expect(result.content.procedure.map((step) => step.text)).toEqual(['The store cannot take payments, or', 'The store has no working lighting, or', 'The building is unsafe to open.']);
  });
});

describe('two "If …" items whose conditions are opposites', () => {
  const source = [
    '# Check a returned jacket',
    '',
    '## Procedure',
    '',
    '1. Inspect the seams and the zip.',
    '1. If the inspection passed: Put the jacket back on the rail.',
    '1. If the inspection failed: Send the jacket to the repairs box.',
    '1. Note the result on the returns slip.',
    '',
  ].join('\n');
  const result = importMarkdown(source, { fileName: 'jacket.md' });

  it('become a decision with one branch each, then the procedure goes on', () => {
    const [, decision, after] = result.content.procedure;
    expect(decision).toMatchObject({ kind: 'decision', text: 'Check whether the inspection passed.' });
    expect(decision?.branches?.map((branch) => [branch.label, branch.steps.map((step) => step.text)])).toEqual([
      ['If the inspection passed', ['Put the jacket back on the rail.']],
      ['If the inspection failed', ['Send the jacket to the repairs box.']],
    ]);
    expect(after?.text).toBe('Note the result on the returns slip.');
    expect(findMissingWords(source, result)).toEqual([]);
  });

  it('are told apart from "If …" items that do not cover each other', async () => {
    const { areComplementary } = await import('./import-procedure');
    expect(areComplementary('If the card is valid', 'If the card is invalid')).toBe(true);
    expect(areComplementary('If the customer is a member', 'If the customer is not a member')).toBe(true);
    expect(areComplementary('If the parcel is late', 'If the parcel is damaged')).toBe(false);
    expect(areComplementary('If the check passed', 'If the other check failed')).toBe(false);
    const unrelated = importMarkdown(source.replace('If the inspection failed', 'If the zip is stiff'), { fileName: 'jacket.md' });
    expect(unrelated.content.procedure.some((step) => step.kind === 'decision')).toBe(false);
  });
});
