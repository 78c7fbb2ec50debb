import { emptySopContent, type SopContent, type Step } from '../../../common/procedure/model';
import type { Manual, ManualSop } from './manual-model';

// Manuals for the renderer tests (no database needed): realistic SOPs, and one written by an
// attacker, whose every field carries a script or an event handler.

export const XSS_PAYLOADS = {
  script: '<script>alert("title")</script>',
  image: '<img src=x onerror=alert(1)>',
  link: '[click me](javascript:alert(document.cookie))',
  svg: '<svg onload=alert(1)><circle r=5></circle></svg>',
} as const;

const step = (id: string, text: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });

export function refundContent(): SopContent {
  return {
    ...emptySopContent(),
    purpose: 'Customers who are refunded **quickly and fairly** stay loyal; refunds above the limit need a second pair of eyes.',
    scope: 'Refunds requested in store, by phone or by email for goods bought in the last 90 days.\n\n- Gift cards are out of scope.\n- Deliveries not yet received follow CS-DEL-001.',
    responsibilities: [
      { role: 'Agent', duties: 'Checks the purchase and refunds within their limit.' },
      { role: 'Supervisor', duties: 'Approves refunds above the agent limit and reviews disputed cases.' },
    ],
    procedure: [
      step('greet', 'Greet the customer and confirm their name.', { detail: 'Say: *"Thank you for calling, my name is … How can I help?"*' }),
      step('check', 'Check the receipt or order number.', {
        substeps: [step('check-system', 'Find the order in the order system.'), step('check-date', 'Confirm the purchase date is within 90 days.')],
      }),
      {
        id: 'limit',
        kind: 'decision',
        text: 'Decide whether the amount is within the agent limit of £50.',
        branches: [
          { id: 'within', label: 'Within the limit', steps: [step('refund', 'Refund the amount to the original payment method.', { action: { key: 'refund', hasAmount: true } })] },
          {
            id: 'above',
            label: 'Above the limit',
            steps: [step('refer', 'Refer the case to a supervisor.', { kind: 'referral', referTo: 'Supervisor', detail: 'Use the **Escalate** button; add a one-line summary.' })],
          },
          { id: 'outside', label: 'Bought more than 90 days ago', steps: [step('explain', 'Explain the returns policy and offer a goodwill gesture.', { action: { key: 'goodwill', hasAmount: false }, sopRef: 'CS-CMP-001' })], end: { outcome: 'Refund declined' } },
        ],
      },
      step('log', 'Record the refund on the case.', {
        kind: 'record',
        record: { fields: [{ key: 'amount', label: 'Amount', type: 'number', required: true }, { key: 'reason', label: 'Reason', type: 'choice', required: true, options: ['Faulty', 'Changed mind', 'Late delivery'] }], note: true, attachment: true },
      }),
    ],
    healthAndSafety: 'None.',
    equipment: 'The till or the order system; the card terminal.',
    glossary: [{ term: 'Original payment method', definition: 'The card, account or voucher the customer paid with.' }],
    tips: 'Thank the customer for their patience. See the [refund policy](https://example.com/policies/refunds).',
    references: [
      { kind: 'sop', target: 'CS-CMP-001', label: 'Handle a complaint' },
      { kind: 'policy', target: 'Refund policy' },
      { kind: 'link', target: 'https://example.com/policies/refunds', label: 'Refund policy online' },
    ],
  };
}

export function complaintContent(): SopContent {
  return {
    ...emptySopContent(),
    purpose: 'A complaint handled well keeps a customer; one handled badly loses them and their friends.',
    scope: 'Complaints by any channel.',
    responsibilities: [{ role: 'Agent', duties: 'Listens, logs and resolves or refers the complaint.' }],
    procedure: [
      step('listen', 'Listen to the complaint without interrupting.'),
      step('apologise', 'Apologise for the experience.'),
      {
        id: 'severity',
        kind: 'decision',
        text: 'Decide how serious the complaint is.',
        branches: [
          { id: 'minor', label: 'Minor', steps: [step('resolve', 'Resolve the complaint on the call.')] },
          { id: 'serious', label: 'Serious or legal', steps: [step('escalate', 'Refer the complaint to the complaints team.', { kind: 'referral', referTo: 'Complaints team' })], end: { outcome: 'Referred' } },
        ],
      },
      step('record', 'Record the complaint and its outcome.', { kind: 'record', record: { fields: [{ key: 'category', label: 'Category', type: 'text', required: true }] } }),
    ],
    healthAndSafety: 'None.',
    equipment: 'The case system.',
    glossary: [{ term: 'Complaint', definition: 'An expression of dissatisfaction that expects a response.' }],
  };
}

/** Content whose every text field is hostile. */
export function hostileContent(): SopContent {
  const all = Object.values(XSS_PAYLOADS).join(' ');
  return {
    ...emptySopContent(),
    purpose: `Purpose ${all}`,
    scope: `Scope ${all}`,
    responsibilities: [{ role: XSS_PAYLOADS.script, duties: XSS_PAYLOADS.image }],
    procedure: [
      step('one', `Check the order ${XSS_PAYLOADS.script}`, { detail: `Detail ${all}`, role: XSS_PAYLOADS.image }),
      {
        id: 'two',
        kind: 'decision',
        text: `Decide ${XSS_PAYLOADS.image}`,
        branches: [
          { id: 'yes', label: XSS_PAYLOADS.script, steps: [step('three', `Refer ${XSS_PAYLOADS.svg}`, { kind: 'referral', referTo: XSS_PAYLOADS.image })] },
          { id: 'no', label: 'No', steps: [], end: { outcome: XSS_PAYLOADS.script } },
        ],
      },
    ],
    healthAndSafety: all,
    equipment: all,
    glossary: [{ term: XSS_PAYLOADS.script, definition: XSS_PAYLOADS.image }],
    tips: all,
    references: [
      { kind: 'link', target: 'javascript:alert(1)', label: XSS_PAYLOADS.script },
      { kind: 'sop', target: XSS_PAYLOADS.image },
    ],
    additionalSections: [{ title: XSS_PAYLOADS.script, body: all }],
  };
}

export function buildManualSop(overrides: Partial<ManualSop> = {}): ManualSop {
  return {
    id: '0193a000-0000-7000-8000-000000000001',
    key: 'CS-REF-001',
    title: 'Refund a purchase',
    category: 'Refunds',
    channels: ['phone', 'email', 'in person'],
    audience: ['Agent', 'Supervisor'],
    ownerName: 'Ana Silva',
    versionLabel: '2.1',
    changeSummary: 'Clarified the limit.',
    effectiveAt: '2025-03-01T09:00:00.000Z',
    nextReviewDue: '2026-03-01',
    contentHash: 'a3f1c9e07b2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab',
    approvals: [
      { signerName: 'Ben Okafor', meaning: 'approved-as-reviewer', signedAt: '2025-02-26T14:12:00.000Z', contentHash: 'a3f1c9e07b2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab' },
      { signerName: 'Chloé Durand', meaning: 'approved-for-use', signedAt: '2025-02-28T10:03:00.000Z', contentHash: 'a3f1c9e07b2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab' },
    ],
    content: refundContent(),
    ...overrides,
  };
}

export function buildManual(sops: ManualSop[] = [buildManualSop(), buildManualSop({ id: '0193a000-0000-7000-8000-000000000002', key: 'CS-CMP-001', title: 'Handle a complaint', category: 'Complaints', versionLabel: '1.0', content: complaintContent() })]): Manual {
  return {
    organisation: { name: 'Acme Retail', slug: 'acme' },
    generatedAt: '2025-11-25T10:00:00.000Z',
    sops,
    governedActions: new Map([
      ['refund', 'Refund'],
      ['goodwill', 'Goodwill gesture'],
    ]),
  };
}
