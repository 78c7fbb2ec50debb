import { seededRandom } from '../seeded-random';
import type { Branch, Step, StepKind } from './model';

// Procedures for flowchart tests and benchmarks: a generated procedure of any size, the same for
// the same seed, and a realistic refund procedure for looking at the drawing.

const VERBS = ['Confirm', 'Check', 'Ask', 'Explain', 'Open', 'Update', 'Send', 'Verify', 'Agree', 'Review', 'Note', 'Tell'];
const OBJECTS = [
  'the order number',
  'the customer’s identity',
  'the delivery address on the account',
  'whether the product is under warranty',
  'the next step and when it will happen',
  'the payment method used for the purchase',
  'the case history for earlier contacts about the same problem',
  'the refund policy with the customer',
];
const ROLES = ['Agent', 'Senior agent', 'Supervisor', 'Quality manager'];
const LABELS = [['Yes', 'No'], ['Within 30 days', 'After 30 days', 'No receipt'], ['Under £50', '£50 or more']];

/**
 * A procedure of exactly `stepCount` steps (substeps and branch steps included) with actions,
 * decisions (branches that rejoin, end or are empty), referrals, records and substeps up to three
 * levels deep.
 */
export function generateLargeProcedure(stepCount: number, seed: number): Step[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let remaining = stepCount;
  let counter = 0;

  const makeStep = (kind: StepKind): Step => {
    remaining--;
    counter++;
    const id = `g${counter}`;
    const text = kind === 'decision' ? `Decide ${pick(OBJECTS).replace(/^the /, 'on the ')}.` : `${pick(VERBS)} ${pick(OBJECTS)}.`;
    const step: Step = { id, kind, text };
    if (random() < 0.3) step.role = pick(ROLES);
    if (kind === 'referral') step.referTo = pick(ROLES);
    if (kind === 'record') step.record = { fields: [{ key: 'outcome', label: 'Outcome', type: 'text', required: true }], note: random() < 0.5 };
    if (kind === 'action' && random() < 0.15) step.action = { key: 'refund', hasAmount: true };
    return step;
  };

  const sequence = (maxLength: number, depth: number): Step[] => {
    const steps: Step[] = [];
    const length = Math.floor(random() * (maxLength + 1));
    for (let i = 0; i < length && remaining > 0; i++) steps.push(nextStep(depth));
    return steps;
  };

  const nextStep = (depth: number): Step => {
    const roll = random();
    if (depth < 3 && remaining >= 3 && roll < 0.12) {
      const step = makeStep('decision');
      const labels = pick(LABELS);
      step.branches = labels.map((label, index): Branch => {
        const branch: Branch = { id: `${step.id}b${index + 1}`, label, steps: sequence(3, depth + 1) };
        if (random() < 0.25) branch.end = { outcome: `Case closed: ${label.toLowerCase()}` };
        return branch;
      });
      // Never all branches ending: the rest of the procedure must stay reachable.
      const lastBranch = step.branches[step.branches.length - 1]!;
      if (step.branches.every((branch) => branch.end)) delete lastBranch.end;
      return step;
    }
    const kind: StepKind = roll < 0.22 ? 'referral' : roll < 0.34 ? 'record' : 'action';
    const step = makeStep(kind);
    if (depth < 3 && remaining >= 2 && random() < 0.15) step.substeps = sequence(3, depth + 1);
    if (step.substeps?.length === 0) delete step.substeps;
    return step;
  };

  const procedure: Step[] = [];
  while (remaining > 0) procedure.push(nextStep(0));
  return procedure;
}

/** A realistic refund procedure: a receipt check, a 30-day decision, a referral above £50, the refund recorded. */
export function sampleRefundProcedure(): Step[] {
  return [
    { id: 'greet', kind: 'action', text: 'Greet the customer and ask what they bought and why they want a refund.', role: 'Agent' },
    {
      id: 'receipt',
      kind: 'action',
      text: 'Check the proof of purchase.',
      substeps: [
        { id: 'receipt-find', kind: 'action', text: 'Ask for the receipt, order confirmation or bank statement.' },
        { id: 'receipt-match', kind: 'action', text: 'Match the product, price and date against the till or order record.' },
      ],
    },
    {
      id: 'window',
      kind: 'decision',
      text: 'Was the item bought within the last 30 days?',
      branches: [
        { id: 'window-yes', label: 'Yes, within 30 days', steps: [] },
        {
          id: 'window-no',
          label: 'No, over 30 days',
          steps: [{ id: 'explain-policy', kind: 'action', text: 'Explain the refund policy and offer a repair or exchange instead.' }],
          end: { outcome: 'No refund; repair or exchange offered' },
        },
      ],
    },
    {
      id: 'amount',
      kind: 'decision',
      text: 'Is the refund more than £50?',
      branches: [
        {
          id: 'amount-over',
          label: 'Over £50',
          steps: [
            {
              id: 'refer',
              kind: 'referral',
              text: 'Refer the refund to a supervisor for approval, with the receipt details.',
              referTo: 'Supervisor',
            },
          ],
        },
        { id: 'amount-under', label: '£50 or less', steps: [] },
      ],
    },
    { id: 'refund', kind: 'action', text: 'Refund the amount to the original payment method.', action: { key: 'refund', hasAmount: true } },
    {
      id: 'record',
      kind: 'record',
      text: 'Record the refund on the case.',
      record: {
        fields: [
          { key: 'amount', label: 'Amount', type: 'number', required: true },
          { key: 'reason', label: 'Reason', type: 'choice', required: true, options: ['Faulty', 'Changed mind', 'Not as described'] },
          { key: 'approved_by', label: 'Approved by', type: 'text', required: false },
        ],
        attachment: true,
      },
    },
  ];
}
