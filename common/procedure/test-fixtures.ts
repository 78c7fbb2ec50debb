import type { SopContent } from './model';

/** A short, well-written SOP that passes every style and structure check: the tests' starting point. */
export function goodContent(overrides: Partial<SopContent> = {}): SopContent {
  return {
    purpose: 'Customers who are refunded quickly and fairly stay loyal; refunds above the limit need a second pair of eyes.',
    scope: 'Refunds requested in store, by phone or by email for goods bought in the last 90 days.',
    responsibilities: [
      { role: 'Agent', duties: 'Checks the purchase and refunds within the agent limit.' },
      { role: 'Supervisor', duties: 'Approves refunds above the agent limit.' },
    ],
    procedure: [
      { id: 'check', kind: 'action', text: 'Check the receipt or order number.' },
      {
        id: 'limit',
        kind: 'decision',
        text: 'Decide whether the amount is within the agent limit.',
        branches: [
          { id: 'within', label: 'Within the limit', steps: [{ id: 'refund', kind: 'action', text: 'Refund the amount to the original payment method.', action: { key: 'refund', hasAmount: true } }] },
          { id: 'above', label: 'Above the limit', steps: [{ id: 'refer', kind: 'referral', text: 'Refer the case to a supervisor.', referTo: 'Supervisor' }] },
        ],
      },
      { id: 'log', kind: 'record', text: 'Record the refund on the case.', record: { fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true }], note: true } },
    ],
    healthAndSafety: 'None.',
    equipment: 'The till or the order system.',
    glossary: [{ term: 'Original payment method', definition: 'The card, account or voucher the customer paid with.' }],
    tips: 'Thank the customer for their patience.',
    references: [],
    additionalSections: [],
    ...overrides,
  };
}
