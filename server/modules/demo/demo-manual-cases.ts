import { act, branch, decide, field, optional, record, refer, type DemoSop } from './demo-steps';

// Harbour & Hill Outfitters: the procedures for customer matters (complaints, money back, goods back,
// disputes). Written for the demo; every step is an instruction that starts with a verb.

const ALL_CHANNELS = ['phone', 'email', 'live chat', 'social media', 'in person'];

export const complaintSop: DemoSop = {
  key: 'HH-CMP-001',
  title: 'Handle a customer complaint',
  category: 'Complaints',
  channels: ALL_CHANNELS,
  audience: ['Agent', 'Senior agent', 'Supervisor'],
  reviewIntervalMonths: 12,
  process: 'Handle a complaint',
  content: {
    purpose:
      'A complaint is a customer telling us where we fell short. Handled quickly and fairly, most complainants shop with us again; ignored, the same complaint comes back louder and costs more to put right.',
    scope:
      'Complaints about products, service, deliveries or staff, received on any channel. Requests for a refund, return or replacement follow their own SOPs once the complaint is logged. Complaints about an injury follow HH-HSE-001 first.',
    responsibilities: [
      { role: 'Agent', duties: 'Listens, logs the complaint, resolves it within the agent authority and refers it when it is serious.' },
      { role: 'Supervisor', duties: 'Takes referred complaints, offers remedies above the agent limit and calls the customer back within one working day.' },
      { role: 'Quality manager', duties: 'Reviews complaint trends every month and updates the SOPs that caused them.' },
    ],
    procedure: [
      act('listen', 'Listen to the whole complaint without interrupting.', { detail: 'Take notes while the customer speaks. Interrupting makes a customer repeat the story and raises the temperature.' }),
      act('apologise', 'Apologise for the experience and thank the customer for raising it.', { detail: 'Say: *"I am sorry this happened, and thank you for telling us."* An apology for the experience is not an admission of fault.' }),
      act('confirm', 'Confirm the order number, the product and what outcome the customer wants.'),
      decide('severity', 'Decide how serious the complaint is.', [
        branch('minor', 'Service or product issue the agent can put right', [
          act('resolve', 'Offer a remedy within the agent authority.', { detail: 'A remedy can be a repeat of the service, a replacement, or a goodwill gesture of up to £20.', action: { key: 'goodwill-gesture', hasAmount: true } }),
        ]),
        branch('serious', 'Injury, legal threat, discrimination or repeated failure', [
          refer('refer', 'Refer the complaint to the supervisor on duty.', 'Supervisor', { detail: 'Use **Escalate** on the case and add a two-line summary. Tell the customer that a supervisor calls back within one working day.' }),
        ], 'Referred to a supervisor'),
      ]),
      record('log', 'Record the complaint and the remedy on the case.', [
        field('category', 'Category', 'choice', ['Product', 'Service', 'Delivery', 'Staff', 'Other']),
        field('remedy', 'Remedy offered'),
        optional(field('goodwill_amount', 'Goodwill amount (£)', 'number')),
      ], { note: true }),
      act('close', 'Close the case once the customer accepts the remedy.', { detail: 'Leave the case open for 48 hours when the customer has not answered; close it after that with a note.' }),
    ],
    healthAndSafety: 'None for the complaint itself. When a complaint mentions an injury or a dangerous product, follow HH-HSE-001 before anything else.',
    equipment: 'The case system; the order system; the goodwill budget screen.',
    glossary: [
      { term: 'Complaint', definition: 'An expression of dissatisfaction about a product, a service or a member of staff, where the customer expects a response.' },
      { term: 'Goodwill gesture', definition: 'A voucher or credit offered to make up for a poor experience, without admitting liability.' },
    ],
    tips: 'Use the customer’s name once or twice. Promise only what the SOP allows; a broken promise turns one complaint into two.',
    references: [
      { kind: 'sop', target: 'HH-REF-001', label: 'Refund a purchase' },
      { kind: 'sop', target: 'HH-HSE-001', label: 'Log an accident or injury on the premises' },
      { kind: 'policy', target: 'Complaints policy' },
    ],
    additionalSections: [],
  },
};

export const refundSop: DemoSop = {
  key: 'HH-REF-001',
  title: 'Refund a purchase',
  category: 'Refunds and returns',
  channels: ['phone', 'email', 'live chat', 'in person'],
  audience: ['Agent', 'Senior agent', 'Supervisor'],
  reviewIntervalMonths: 6,
  process: 'Refund a purchase',
  content: {
    purpose:
      'Customers who are owed money get it back quickly, to the way they paid. Refunds above the agent limit of £75 are approved by a supervisor, so that large refunds always have a second pair of eyes.',
    scope: 'Refunds of goods bought in a Harbour & Hill store or online in the last 60 days. Gift cards and deliveries still in transit are out of scope.',
    responsibilities: [
      { role: 'Agent', duties: 'Checks the purchase, refunds up to £75 and records the refund.' },
      { role: 'Supervisor', duties: 'Approves or declines refunds above £75 within four working hours.' },
    ],
    procedure: [
      act('find-order', 'Find the order from the receipt, the order number or the card used.'),
      act('check-window', 'Check that the purchase date is within 60 days.', { detail: 'Faulty goods are refunded outside the window; follow HH-RPL-001 for those.', sopRef: 'HH-RPL-001' }),
      decide('amount', 'Decide whether the refund is within the agent limit of £75.', [
        branch('within', 'Up to £75', [act('refund-within', 'Refund the amount to the original payment method.', { action: { key: 'refund', hasAmount: true } })]),
        branch('above', 'Above £75', [
          refer('refer-supervisor', 'Refer the refund to a supervisor for approval.', 'Supervisor', { detail: 'Send the request from the case. Tell the customer that an answer follows within four working hours.' }),
          act('refund-approved', 'Refund the approved amount to the original payment method.', { role: 'Supervisor', action: { key: 'refund', hasAmount: true } }),
        ]),
        branch('outside', 'Bought more than 60 days ago and not faulty', [act('explain-policy', 'Explain the refund policy and offer an exchange instead.')], 'Refund declined'),
      ]),
      record('record-refund', 'Record the refund on the case.', [
        field('amount', 'Amount refunded (£)', 'number'),
        field('reason', 'Reason', 'choice', ['Changed mind', 'Faulty', 'Wrong item', 'Late delivery']),
        field('method', 'Refunded to', 'choice', ['Card', 'Cash', 'Store credit']),
      ]),
      act('confirm-refund', 'Tell the customer when the money arrives.', { detail: 'Card refunds take 3 to 5 working days; cash refunds are immediate.' }),
    ],
    healthAndSafety: 'None.',
    equipment: 'The till or the order system; the card terminal; the approvals queue.',
    glossary: [
      { term: 'Original payment method', definition: 'The card, account or voucher used to pay for the purchase.' },
      { term: 'Agent limit', definition: 'The largest refund an agent may give without a supervisor’s approval: £75.' },
    ],
    tips: 'Read the amount back before confirming it. A refund to a different card needs a supervisor, whatever the amount.',
    references: [
      { kind: 'sop', target: 'HH-RET-001', label: 'Accept a return' },
      { kind: 'policy', target: 'Refund policy' },
    ],
    additionalSections: [],
  },
};

export const returnSop: DemoSop = {
  key: 'HH-RET-001',
  title: 'Accept a return',
  category: 'Refunds and returns',
  channels: ['in person', 'email', 'phone'],
  audience: ['Agent', 'Senior agent'],
  reviewIntervalMonths: 12,
  process: 'Accept a return',
  content: {
    purpose: 'A smooth return keeps a customer who changed their mind. Checking the item on the spot stops worn or damaged goods going back on the shelf.',
    scope: 'Unwanted goods returned in store or by post within 60 days. Faulty goods follow HH-RPL-001.',
    responsibilities: [
      { role: 'Agent', duties: 'Checks the item and the proof of purchase, and accepts or declines the return.' },
      { role: 'Senior agent', duties: 'Decides borderline cases, such as worn items or missing tags.' },
    ],
    procedure: [
      act('proof', 'Ask for the receipt or the order confirmation.'),
      act('inspect', 'Inspect the item for wear, damage and missing tags.'),
      decide('condition', 'Is the item in a condition to resell?', [
        branch('resellable', 'Yes, unworn with tags', [act('accept', 'Accept the return and print the returns slip.')]),
        branch('borderline', 'Worn or tags missing', [refer('ask-senior', 'Refer the return to a senior agent.', 'Senior agent')]),
        branch('damaged', 'Damaged by use', [act('decline', 'Decline the return and explain why, politely.')], 'Return declined'),
      ]),
      act('refund-or-exchange', 'Offer a refund or an exchange.', { sopRef: 'HH-REF-001', detail: 'For a refund, follow HH-REF-001 from its first step.' }),
      record('record-return', 'Record the return on the case.', [field('condition', 'Condition', 'choice', ['As new', 'Worn', 'Damaged']), field('outcome', 'Outcome', 'choice', ['Refund', 'Exchange', 'Declined'])]),
    ],
    healthAndSafety: 'Lift boxes over 15 kg with a second person. Leave returned footwear and outdoor gear in the quarantine tub for 24 hours before restocking.',
    equipment: 'The till; the returns slip printer; the quarantine tub.',
    glossary: [{ term: 'Returns slip', definition: 'The printed slip that goes with a returned item to the stock room.' }],
    tips: 'Thank the customer for bringing the item back in good condition; it makes a decline easier to hear on the next visit.',
    references: [{ kind: 'sop', target: 'HH-REF-001', label: 'Refund a purchase' }, { kind: 'policy', target: 'Returns policy' }],
    additionalSections: [],
  },
};

export const replacementSop: DemoSop = {
  key: 'HH-RPL-001',
  title: 'Replace a faulty product',
  category: 'Refunds and returns',
  channels: ALL_CHANNELS,
  audience: ['Agent', 'Senior agent', 'Supervisor'],
  reviewIntervalMonths: 12,
  process: 'Replace a faulty product',
  content: {
    purpose: 'A customer with a faulty product gets a working one without a struggle, and the fault reaches the supplier so that it stops happening.',
    scope: 'Products that fail within 12 months of purchase under normal use. Damage by misuse is out of scope; accidents caused by a product follow HH-HSE-001.',
    responsibilities: [
      { role: 'Agent', duties: 'Confirms the fault, issues the RMA and arranges the replacement.' },
      { role: 'Supervisor', duties: 'Approves replacements when the product is no longer sold and a substitute is offered.' },
    ],
    procedure: [
      act('describe', 'Ask the customer to describe the fault and when it started.'),
      record('evidence', 'Request a photo of the fault.', [field('fault', 'Fault description')], { attachment: true }),
      decide('stock', 'Check whether the same product is in stock.', [
        branch('in-stock', 'In stock', [act('issue-rma', 'Issue an RMA and send the replacement.', { action: { key: 'replacement', hasAmount: false } })]),
        branch('not-stocked', 'No longer sold', [
          refer('substitute', 'Refer the case to a supervisor to agree a substitute.', 'Supervisor'),
          act('send-substitute', 'Send the agreed substitute.', { role: 'Supervisor', action: { key: 'replacement', hasAmount: false } }),
        ]),
        branch('refund-instead', 'Customer prefers a refund', [act('go-refund', 'Refund the purchase following HH-REF-001.', { sopRef: 'HH-REF-001' })], 'Refunded instead'),
      ]),
      act('collect', 'Arrange collection of the faulty item.', { detail: 'Book the courier from the RMA screen. Items under £15 are not collected.' }),
      record('record-replacement', 'Record the RMA number and the supplier fault code.', [field('rma', 'RMA number'), optional(field('fault_code', 'Supplier fault code'))]),
    ],
    healthAndSafety: 'Ask the customer to stop using a product that overheats, sparks or has sharp broken parts. Report any such fault to the quality manager the same day.',
    equipment: 'The order system; the RMA screen; the courier booking page.',
    glossary: [
      { term: 'RMA', definition: 'Return merchandise authorisation: the number that tracks a faulty item from the customer back to the supplier.' },
      { term: 'Substitute', definition: 'A different product of equal or higher value, offered when the original is no longer sold.' },
    ],
    tips: 'Send the replacement before the faulty item comes back when the customer has ordered from us before.',
    references: [{ kind: 'sop', target: 'HH-REF-001', label: 'Refund a purchase' }, { kind: 'policy', target: 'Product safety policy' }],
    additionalSections: [],
  },
};

export const disputeSop: DemoSop = {
  key: 'HH-DSP-001',
  title: 'Resolve a payment dispute',
  category: 'Complaints',
  channels: ['phone', 'email'],
  audience: ['Senior agent', 'Supervisor'],
  reviewIntervalMonths: 6,
  process: 'Resolve a payment dispute',
  content: {
    purpose: 'A disputed payment costs us the sale, a fee and the customer. Answering the bank in time with the right evidence wins the disputes that should be won, and settling early ends the rest.',
    scope: 'Chargebacks and disputes raised with a card issuer, and customers who say a charge is wrong. Fraud reports go to the fraud team.',
    responsibilities: [
      { role: 'Senior agent', duties: 'Gathers the evidence and contacts the customer.' },
      { role: 'Supervisor', duties: 'Decides whether to contest or accept the chargeback.' },
    ],
    procedure: [
      act('read-notice', 'Read the dispute notice and note the response deadline.'),
      act('gather', 'Gather the order, the delivery proof and the messages with the customer.'),
      act('contact', 'Contact the customer to understand the reason for the dispute.', { detail: 'Many disputes are a charge the customer did not recognise. Explain the charge before anything else.' }),
      decide('contest', 'Decide whether to contest the chargeback.', [
        branch('settle', 'The customer has a point', [act('accept-chargeback', 'Accept the chargeback and tell the customer.')], 'Dispute settled'),
        branch('contest-it', 'The evidence supports the charge', [refer('supervisor-contest', 'Refer the evidence pack to a supervisor.', 'Supervisor'), act('submit', 'Submit the evidence to the card issuer before the deadline.', { role: 'Supervisor' })]),
      ]),
      record('record-dispute', 'Record the dispute outcome.', [field('deadline', 'Response deadline', 'date'), field('outcome', 'Outcome', 'choice', ['Won', 'Lost', 'Accepted'])], { note: true }),
    ],
    healthAndSafety: 'None.',
    equipment: 'The payments portal; the case system; the delivery tracking site.',
    glossary: [
      { term: 'Chargeback', definition: 'A payment reversed by the card issuer at the customer’s request.' },
      { term: 'Evidence pack', definition: 'The order, proof of delivery and messages sent to the card issuer to contest a chargeback.' },
    ],
    tips: 'Set a reminder two days before the deadline. A late answer loses the dispute, whatever the evidence.',
    references: [{ kind: 'sop', target: 'HH-CMP-001', label: 'Handle a customer complaint' }],
    additionalSections: [],
  },
};

export const deliverySop: DemoSop = {
  key: 'HH-DEL-001',
  title: 'Trace a missing delivery',
  category: 'Deliveries',
  channels: ['phone', 'email', 'live chat'],
  audience: ['Agent'],
  reviewIntervalMonths: 12,
  process: 'Trace a missing delivery',
  content: {
    purpose: 'A parcel that does not arrive is the most common reason for contact. A quick trace answers most cases in one contact; a clear rule on resending stops double shipments.',
    scope: 'Online orders that have not arrived by the promised date. Damaged parcels follow HH-RPL-001.',
    responsibilities: [{ role: 'Agent', duties: 'Traces the parcel, opens a courier claim and resends the order when the trace fails.' }],
    procedure: [
      act('tracking', 'Check the tracking page for the last scan.'),
      decide('scan', 'Is the parcel marked as delivered?', [
        branch('delivered', 'Yes', [act('safe-place', 'Ask the customer to check safe places and neighbours.'), act('claim', 'Open a courier claim when the parcel is still missing after 24 hours.')]),
        branch('in-transit', 'No, still in transit', [act('wait', 'Explain the new delivery estimate and offer a call back.')], 'Customer waiting'),
      ]),
      act('resend', 'Resend the order once the courier claim is open.', { action: { key: 'replacement', hasAmount: false } }),
      record('record-trace', 'Record the tracking number and claim number.', [field('tracking', 'Tracking number'), optional(field('claim', 'Courier claim number'))]),
    ],
    healthAndSafety: 'None.',
    equipment: 'The courier tracking site; the order system.',
    glossary: [{ term: 'Safe place', definition: 'A spot the customer chose at checkout for parcels left without a signature.' }],
    tips: 'Read the delivery notes on the order before calling the courier; they often name the neighbour.',
    references: [{ kind: 'sop', target: 'HH-RPL-001', label: 'Replace a faulty product' }],
    additionalSections: [],
  },
};
