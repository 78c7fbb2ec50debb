import { describe, expect, it } from 'vitest';
import type { SopContent, Step } from './model';
import { acronymsIn, checkSopContentStyle, readabilityBySection } from './style-check';
import { DEFAULT_STYLE_RULE_SETTINGS, STYLE_RULE_IDS, STYLE_RULES, styleRuleSettingsSchema } from './style-rules';
import { checkStepStart } from './style-verbs';
import { goodContent } from './test-fixtures';
import { BUILT_IN_TEMPLATES } from './templates';

const action = (id: string, text: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });
const withSteps = (procedure: Step[], extra: Partial<SopContent> = {}) => goodContent({ procedure, ...extra });
const findingsOf = (content: SopContent, ruleId: string, settings = DEFAULT_STYLE_RULE_SETTINGS) => checkSopContentStyle(content, settings).filter((finding) => finding.ruleId === ruleId);

describe('style and structure checks', () => {
  it('find nothing in a well-written SOP, and every finding carries its rule’s reason', () => {
    expect(checkSopContentStyle(goodContent())).toEqual([]);
    const findings = checkSopContentStyle(withSteps([action('a', 'The customer is asked for a receipt.')], { purpose: '' }));
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.why).toBe(STYLE_RULES.find((rule) => rule.id === finding.ruleId)?.why);
  });

  it('report every empty required section, and accept an explicit “None.”', () => {
    const empty = goodContent({ purpose: '  ', scope: '', responsibilities: [], procedure: [], healthAndSafety: '', equipment: '**  **', glossary: [] });
    const findings = findingsOf(empty, 'required-sections');
    expect(findings.map((finding) => `${finding.severity}:${finding.section}`)).toEqual([
      'error:purpose',
      'error:scope',
      'error:responsibilities',
      'error:procedure',
      'error:healthAndSafety',
      'error:equipment',
      'warning:glossary',
    ]);
    expect(findingsOf(goodContent({ healthAndSafety: 'None.', equipment: 'None' }), 'required-sections')).toEqual([]);
    expect(findingsOf(goodContent({ glossary: [{ term: 'None', definition: 'No special terms.' }] }), 'required-sections')).toEqual([]);
  });

  describe('imperative steps', () => {
    it.each([
      'Check the receipt or order number.',
      'Apologise for the delay.',
      'Do not promise a refund before the item is inspected.',
      'Don’t transfer the call without an introduction.',
      'Never share the password over the phone.',
      'Politely ask for the order number.',
      'If the customer is injured, call the first aider.',
      'Before the refund, check the receipt.',
      'Double-check the amount.',
      'Resend the confirmation email.',
      'Email the customer a copy.',
      'Step 2: Confirm the address.',
      'Duplicate order found: close the new ticket.',
      '**Escalate** the case to a supervisor.',
    ])('accept “%s”', (text) => {
      expect(checkStepStart(text, 'action')).toBeNull();
    });

    it.each([
      ['The customer is asked for the receipt.', 'The customer'],
      ['You should check the receipt.', 'You'],
      ['Agents must check the receipt.', 'Agents'],
      ['A refund is issued to the card.', 'A refund'],
      ['It is important to be polite.', 'It'],
      ['It’s fine to offer a callback.', 'It’s'],
      ['Checking the receipt.', 'use the imperative, “Check …”'],
      ['Refunds the amount.', 'use the imperative, “Refund …”'],
      ['Logged the call.', 'use the imperative, “Log …”'],
    ])('refuse “%s” as an error', (text, expected) => {
      const problem = checkStepStart(text, 'action');
      expect(problem?.severity).toBe('error');
      expect(problem?.message).toContain(expected);
    });

    it('only warn about a word it does not know, and learn the organisation’s own verbs', () => {
      expect(checkStepStart('Upsell the extended warranty.', 'action')).toMatchObject({ severity: 'warning', message: expect.stringContaining('“Upsell”') });
      expect(checkStepStart('Upsell the extended warranty.', 'action', ['upsell'])).toBeNull();
      expect(checkStepStart('If the customer is unhappy', 'action')?.severity).toBe('warning');
    });

    it('accept a decision phrased as its question, but not an action phrased as one', () => {
      expect(checkStepStart('Is the customer injured?', 'decision')).toBeNull();
      expect(checkStepStart('Is the customer injured?', 'action')?.severity).toBe('error');
    });

    it('report the step by id and printed number, including steps inside branches', () => {
      const content = withSteps([
        action('one', 'Check the order.'),
        {
          id: 'two',
          kind: 'decision',
          text: 'Decide whether the order arrived.',
          branches: [
            { id: 'yes', label: 'Arrived', steps: [action('close', 'Close the case.')] },
            { id: 'no', label: 'Not arrived', steps: [action('bad', 'The parcel is traced.')] },
          ],
        },
      ]);
      expect(findingsOf(content, 'imperative-step')).toEqual([expect.objectContaining({ severity: 'error', section: 'procedure', stepId: 'bad', stepNumber: '2.b.1' })]);
    });
  });

  it('find personal pronouns in instructions but not in quoted scripts or the country “US”', () => {
    const content = withSteps([
      action('a', 'Ask for their order number and tell him the delivery date.'),
      action('b', 'Say “How can I help you today?” to open the call.'),
      action('c', 'Check whether the parcel was sent to the US.'),
      action('d', 'Confirm we have received the item.'),
    ]);
    const findings = findingsOf(content, 'no-personal-pronouns');
    expect(findings.map((finding) => finding.stepId)).toEqual(['a', 'd']);
    expect(findings[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('“their”, “him”') });
  });

  it('warn about long sentences and long or multi-sentence steps, with thresholds the organisation sets', () => {
    const long = 'Check that the order number on the receipt matches the order number on the screen and that the amount and the date match as well before going on.';
    const content = withSteps([action('long', long), action('two', 'Greet the customer. Smile.')], { scope: `${long} ${long}` });
    expect(findingsOf(content, 'step-length').map((finding) => `${finding.stepId}:${finding.severity}`)).toEqual(['long:warning', 'two:warning']);
    expect(findingsOf(content, 'sentence-length')).toEqual([expect.objectContaining({ section: 'scope', severity: 'warning', message: expect.stringContaining('2 sentences over 25 words') })]);

    const relaxed = styleRuleSettingsSchema.parse({ thresholds: { maxSentenceWords: 40, maxStepWords: 40 } });
    expect(findingsOf(content, 'sentence-length', relaxed)).toEqual([]);
    expect(findingsOf(content, 'step-length', relaxed).map((finding) => finding.stepId)).toEqual(['two']);
  });

  it('require a glossary entry for acronyms used in steps, ignoring emphasis, SOP keys and known ones', () => {
    expect(acronymsIn('Issue an RMA and log it in the CRM. Do NOT refund. See CS-REF-001. Check the T&Cs.')).toEqual(['RMA', 'CRM', 'T&C']);
    expect(acronymsIn('READ THIS FIRST before calling.')).toEqual([]);

    const content = withSteps([action('rma', 'Issue an RMA number.'), action('again', 'Write the RMA on the parcel.', { detail: 'Quote the SLA.' }), action('ok', 'Say OK and check the ID.')]);
    const findings = findingsOf(content, 'glossary-coverage');
    expect(findings.map((finding) => [finding.stepId, finding.message])).toEqual([
      ['rma', expect.stringContaining('“RMA” is used in step 1 (and 1 other step)')],
      ['again', expect.stringContaining('“SLA” is used in step 2')],
    ]);
    const defined = { ...content, glossary: [{ term: 'Returns merchandise authorisation (RMA)', definition: 'The number that allows a return.' }] };
    expect(findingsOf(defined, 'glossary-coverage').map((finding) => finding.message)).toEqual([expect.stringContaining('“SLA”')]);
    expect(findingsOf(defined, 'glossary-coverage', styleRuleSettingsSchema.parse({ knownAcronyms: ['SLA'] }))).toEqual([]);
  });

  it('score readability per section and warn only on sections long enough to score', () => {
    const hard =
      'Organisational accountability necessitates comprehensive documentation. Administrative responsibilities encompass verification, authorisation and reconciliation. ' +
      'Discretionary remediation requires managerial authorisation. Unambiguous communication facilitates institutional consistency and operational effectiveness.';
    const content = goodContent({ scope: hard });
    const scope = readabilityBySection(content).find((entry) => entry.section === 'scope')!;
    expect(scope.words).toBeGreaterThanOrEqual(25);
    expect(scope.score).toBeLessThan(10);
    expect(findingsOf(content, 'readability', styleRuleSettingsSchema.parse({ thresholds: { minReadabilityWords: 20 } }))).toEqual([
      expect.objectContaining({ section: 'scope', severity: 'warning', message: expect.stringContaining('below 50') }),
    ]);
    // Too short to score with the default minimum of 30 words.
    expect(findingsOf(content, 'readability')).toEqual([]);
    expect(readabilityBySection(goodContent()).find((entry) => entry.section === 'scope')?.score).toBeGreaterThan(60);
  });

  it('require two branches per decision and a role on every referral', () => {
    const content = withSteps([
      { id: 'd', kind: 'decision', text: 'Decide whether the item is damaged.', branches: [{ id: 'y', label: 'Damaged', steps: [action('r', 'Replace the item.')] }] },
      { id: 'ref', kind: 'referral', text: 'Refer the case to the returns team.' },
      { id: 'ok', kind: 'referral', text: 'Refer the case to a supervisor.', referTo: 'Supervisor' },
    ]);
    expect(findingsOf(content, 'decision-branches')).toEqual([expect.objectContaining({ stepId: 'd', severity: 'error', message: expect.stringContaining('1 branch:') })]);
    expect(findingsOf(content, 'referral-role')).toEqual([expect.objectContaining({ stepId: 'ref', stepNumber: '2', severity: 'error' })]);
  });

  it('find empty branches, unreachable steps, duplicate ids and branches on a non-decision', () => {
    const content = withSteps([
      action('check', 'Check the order.'),
      {
        id: 'safe',
        kind: 'decision',
        text: 'Decide whether the customer is safe.',
        branches: [
          { id: 'injured', label: 'Injured', steps: [action('aid', 'Call the first aider.')], end: { outcome: 'Handed to first aid' } },
          { id: 'empty', label: 'Unsure', steps: [] },
          { id: 'fine', label: 'Safe', steps: [], end: { outcome: 'Nothing to do' } },
        ],
      },
      action('next', 'Log the contact.'),
      action('check', 'Check the order again.', { branches: [{ id: 'x', label: 'X', steps: [], end: { outcome: 'Done' } }] }),
    ]);
    const messages = findingsOf(content, 'procedure-structure').map((finding) => `${finding.stepId}: ${finding.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^check: The step id “check” is also used by step 1/),
      expect.stringMatching(/^safe: The branch “Unsure” has no steps and no outcome/),
      expect.stringMatching(/^check: The step has branches but is not a decision/),
    ]);

    const allEnd = withSteps([
      action('check', 'Check the order.'),
      {
        id: 'safe',
        kind: 'decision',
        text: 'Decide whether the customer is safe.',
        branches: [
          { id: 'injured', label: 'Injured', steps: [action('aid', 'Call the first aider.')], end: { outcome: 'Handed to first aid' } },
          {
            id: 'fine',
            label: 'Safe',
            steps: [
              {
                id: 'inner',
                kind: 'decision',
                text: 'Decide whether to refund.',
                branches: [
                  { id: 'yes', label: 'Yes', steps: [action('refund', 'Refund the amount.')], end: { outcome: 'Refunded' } },
                  { id: 'no', label: 'No', steps: [], end: { outcome: 'Refused' } },
                ],
              },
              action('dead', 'Thank the customer.'),
            ],
          },
        ],
      },
      action('never', 'Log the contact.'),
      action('never2', 'Close the case.'),
    ]);
    const unreachable = findingsOf(allEnd, 'procedure-structure');
    expect(unreachable.map((finding) => [finding.stepId, finding.stepNumber, finding.severity])).toEqual([
      ['never', '3', 'error'],
      ['dead', '2.b.2', 'error'],
    ]);
    expect(unreachable[0]?.message).toContain('This step and 1 more come after step 2');
  });

  it('switch rules off per organisation', () => {
    const content = withSteps([action('a', 'You check the RMA.')], { purpose: '' });
    const ruleIds = new Set(checkSopContentStyle(content).map((finding) => finding.ruleId));
    expect([...ruleIds].sort()).toEqual(['glossary-coverage', 'imperative-step', 'no-personal-pronouns', 'required-sections']);
    const off = styleRuleSettingsSchema.parse({ rules: Object.fromEntries(STYLE_RULE_IDS.map((id) => [id, false])) });
    expect(checkSopContentStyle(content, off)).toEqual([]);
    const onlyPronouns = styleRuleSettingsSchema.parse({ rules: { 'imperative-step': false, 'glossary-coverage': false, 'required-sections': false } });
    expect(checkSopContentStyle(content, onlyPronouns).map((finding) => finding.ruleId)).toEqual(['no-personal-pronouns']);
  });

  it('ask for the purpose and scope of a new SOP from a built-in template, and find nothing else wrong with it', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      const errors = checkSopContentStyle(template.content).filter((finding) => finding.severity === 'error');
      expect(errors.map((finding) => [finding.ruleId, finding.section, finding.message]), template.id).toEqual([
        ['required-sections', 'purpose', 'Purpose still holds the template’s prompt: say why this procedure matters, for the customer and for the business.'],
        ['required-sections', 'scope', 'Scope still holds the template’s prompt: say which cases, channels and people it covers, and what it does not.'],
      ]);
      const written = { ...template.content, purpose: 'Customers get an answer the same day.', scope: 'Every channel.' };
      expect(checkSopContentStyle(written).filter((finding) => finding.severity === 'error'), template.id).toEqual([]);
    }
    // The prompt with words of the author's own is the author's text.
    const extended = { ...BUILT_IN_TEMPLATES[0]!.content, purpose: `${BUILT_IN_TEMPLATES[0]!.content.purpose} A lost card costs the customer their points.` };
    expect(checkSopContentStyle(extended).filter((finding) => finding.section === 'purpose' && finding.severity === 'error')).toEqual([]);
  });

  it('refuse settings outside their bounds, naming the field', () => {
    const result = styleRuleSettingsSchema.safeParse({ thresholds: { maxSentenceWords: 3, minReadingEase: 140 }, extraVerbs: ['two words'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['extraVerbs.0', 'thresholds.maxSentenceWords', 'thresholds.minReadingEase']);
    expect(styleRuleSettingsSchema.safeParse({ rules: { 'no-such-rule': false } }).success).toBe(false);
  });
});
