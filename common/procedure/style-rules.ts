import { z } from 'zod';

// The style and structure rules an SOP is checked against, and the per-organisation settings that
// switch them off or change their thresholds. Pure data: the editor checks live with the same
// rules and defaults that the server applies when a draft is sent for review.

export const STYLE_RULE_IDS = [
  'required-sections',
  'imperative-step',
  'no-personal-pronouns',
  'sentence-length',
  'step-length',
  'glossary-coverage',
  'readability',
  'decision-branches',
  'referral-role',
  'procedure-structure',
] as const;

export type StyleRuleId = (typeof STYLE_RULE_IDS)[number];

export type StyleRuleDescription = {
  id: StyleRuleId;
  title: string;
  /** Why the rule matters: shown with every finding, so an author learns the reason, not just the rule. */
  why: string;
  /** What the rule can report: errors block sending a draft for review, warnings don't. */
  severities: ReadonlyArray<'error' | 'warning'>;
};

export const STYLE_RULES: readonly StyleRuleDescription[] = [
  {
    id: 'required-sections',
    title: 'Required sections are filled in',
    why: 'Readers rely on every SOP having the same parts: why it matters, what it covers, who does what and how. An empty section, or one that still holds a template’s prompt, reads as “forgotten”; an explicit “None.” as “checked”.',
    severities: ['error', 'warning'],
  },
  {
    id: 'imperative-step',
    title: 'Every step starts with a verb',
    why: 'A step that starts with what to do (“Check the receipt.”) is followed faster and more reliably on a live contact than a description of what happens.',
    severities: ['error', 'warning'],
  },
  {
    id: 'no-personal-pronouns',
    title: 'No personal pronouns in steps',
    why: '“You”, “he”, “they” leave open who acts and who is meant. Naming the role or the customer removes the doubt, and the step reads the same for everyone.',
    severities: ['error'],
  },
  {
    id: 'sentence-length',
    title: 'Sentences are short',
    why: 'Long sentences are misread under time pressure and are hard to translate; one idea per sentence is easier to follow.',
    severities: ['warning'],
  },
  {
    id: 'step-length',
    title: 'Steps are short single instructions',
    why: 'A step is ticked off as one action. Explanations, scripts and hints belong in the detail, where they do not hide the instruction.',
    severities: ['warning'],
  },
  {
    id: 'glossary-coverage',
    title: 'Acronyms used in steps are in the glossary',
    why: 'Newcomers do not know the team’s abbreviations; an undefined acronym in a step is a step they cannot follow.',
    severities: ['error'],
  },
  {
    id: 'readability',
    title: 'Sections are easy to read',
    why: 'Plain language (a Flesch reading ease of 50 or more) is understood by more people, faster, including those reading in a second language.',
    severities: ['warning'],
  },
  {
    id: 'decision-branches',
    title: 'A decision has at least two branches',
    why: 'A decision with one way out is not a decision: the reader is left without instructions for the other answer.',
    severities: ['error'],
  },
  {
    id: 'referral-role',
    title: 'Every referral names a role',
    why: 'A referral without a role cannot be routed: the case waits while someone works out who should take it.',
    severities: ['error'],
  },
  {
    id: 'procedure-structure',
    title: 'No empty branches or unreachable steps',
    why: 'A branch with no steps and no outcome leaves the reader stranded; steps after every branch has ended are never reached, so they mislead.',
    severities: ['error', 'warning'],
  },
];

const ruleSwitch = z.boolean().default(true);

const verbSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z-]{1,39}$/, 'must be one word of letters (and "-")');

const termSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9&]{1,19}$/, 'must be an acronym in capital letters, e.g. RMA');

/** What an organisation can change: which rules run, their thresholds, and words the checks should know. */
export const styleRuleSettingsSchema = z.strictObject({
  rules: z
    .strictObject({
      'required-sections': ruleSwitch,
      'imperative-step': ruleSwitch,
      'no-personal-pronouns': ruleSwitch,
      'sentence-length': ruleSwitch,
      'step-length': ruleSwitch,
      'glossary-coverage': ruleSwitch,
      readability: ruleSwitch,
      'decision-branches': ruleSwitch,
      'referral-role': ruleSwitch,
      'procedure-structure': ruleSwitch,
    })
    .prefault({}),
  thresholds: z
    .strictObject({
      /** A sentence with more words than this is reported. */
      maxSentenceWords: z.number().int('must be a whole number').min(8, 'must be at least 8').max(80, 'must be at most 80').default(25),
      /** A step instruction with more words than this is reported. */
      maxStepWords: z.number().int('must be a whole number').min(5, 'must be at least 5').max(80, 'must be at most 80').default(25),
      /** A section whose Flesch reading ease is below this is reported. */
      minReadingEase: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').default(50),
      /** Sections shorter than this are not scored: the formula means little on a sentence or two. */
      minReadabilityWords: z.number().int('must be a whole number').min(10, 'must be at least 10').max(1000, 'must be at most 1000').default(30),
    })
    .prefault({}),
  /** Verbs the organisation's steps start with that the built-in list does not know ("upsell"). */
  extraVerbs: z.array(verbSchema).max(200).default([]),
  /** Acronyms everyone in the organisation knows, which need no glossary entry. */
  knownAcronyms: z.array(termSchema).max(200).default([]),
});

export type StyleRuleSettings = z.infer<typeof styleRuleSettingsSchema>;
export type StyleRuleSettingsInput = z.input<typeof styleRuleSettingsSchema>;

export const DEFAULT_STYLE_RULE_SETTINGS: StyleRuleSettings = styleRuleSettingsSchema.parse({});
