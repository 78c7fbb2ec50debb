import { emptySopContent, type SopContent, type Step } from './model';

export type SopTemplate = { id: string; name: string; description: string; content: SopContent };

const NONE = 'None.';

/**
 * What the built-in templates put in the purpose and scope: prompts for the author, not content.
 * The style checks treat a section that still reads so as empty.
 */
export const TEMPLATE_PROMPTS = {
  purpose: 'Why this procedure matters: what goes wrong for the customer or the business without it.',
  scope: 'Which cases, channels and people this procedure covers, and what it does not cover.',
} as const;

function withSections(procedure: Step[], extra: Partial<SopContent> = {}): SopContent {
  return {
    ...emptySopContent(),
    ...TEMPLATE_PROMPTS,
    responsibilities: [{ role: 'Agent', duties: 'Follows the procedure and records the outcome on the case.' }],
    procedure,
    healthAndSafety: NONE,
    equipment: NONE,
    ...extra,
  };
}

const step = (id: string, text: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });

/** Starting points for a new SOP; organisations can add their own (stored per organisation). */
export const BUILT_IN_TEMPLATES: SopTemplate[] = [
  {
    id: 'simple-list',
    name: 'Simple list',
    description: 'A short numbered list of steps, for routine tasks with no decisions.',
    content: withSections([step('s1', 'Greet the customer and ask for the name on the account.'), step('s2', 'Carry out the task.'), step('s3', 'Record the outcome on the case.')]),
  },
  {
    id: 'hierarchical',
    name: 'Hierarchical steps',
    description: 'Main steps with sub-steps, for longer tasks done in stages.',
    content: withSections([
      step('s1', 'Prepare the case.', { substeps: [step('s1-1', 'Open the customer record.'), step('s1-2', 'Check previous contacts.')] }),
      step('s2', 'Resolve the request.', { substeps: [step('s2-1', 'Agree the next action with the customer.'), step('s2-2', 'Carry out the action.')] }),
      step('s3', 'Close the case.', { substeps: [step('s3-1', 'Confirm the outcome with the customer.'), step('s3-2', 'Record the outcome.')] }),
    ]),
  },
  {
    id: 'decision-flow',
    name: 'Decision flow',
    description: 'Steps with a decision whose branches rejoin or end the procedure, and a referral.',
    content: withSections([
      step('s1', 'Confirm the order number.'),
      {
        id: 's2',
        kind: 'decision',
        text: 'Decide whether the request is within the agent’s authority.',
        branches: [
          { id: 'b1', label: 'Within authority', steps: [step('s2-1', 'Carry out the action.')] },
          { id: 'b2', label: 'Above authority', steps: [{ id: 's2-2', kind: 'referral', text: 'Refer the case to a supervisor.', referTo: 'Supervisor' }] },
        ],
      },
      { id: 's3', kind: 'record', text: 'Record the outcome.', record: { fields: [{ key: 'outcome', label: 'Outcome', type: 'text', required: true }], note: true } },
    ]),
  },
  ...(
    [
      ['phone', 'Phone call', 'Answer the call within the target time and give the greeting.'],
      ['email', 'Email', 'Acknowledge the email within the first-response target.'],
      ['live-chat', 'Live chat', 'Accept the chat and send the opening message.'],
      ['social-media', 'Social media', 'Reply publicly to acknowledge, then move the conversation to a private message.'],
      ['in-person', 'In person', 'Greet the customer at the desk and offer help.'],
    ] as const
  ).map(([id, name, opening]) => ({
    id: `channel-${id}`,
    name: `${name} contact`,
    description: `The shape of a contact on the ${name.toLowerCase()} channel: opening, identification, resolution, close.`,
    content: withSections([
      step('s1', opening),
      step('s2', 'Confirm the customer’s identity before discussing the account.'),
      step('s3', 'Resolve the request or agree the next step and when it will happen.'),
      step('s4', 'Summarise what was agreed and close the contact.'),
      { id: 's5', kind: 'record', text: 'Record the contact on the case.', record: { fields: [], note: true } },
    ]),
  })),
];

export function findBuiltInTemplate(id: string): SopTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((template) => template.id === id);
}
