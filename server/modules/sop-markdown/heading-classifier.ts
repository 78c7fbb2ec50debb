import type { SectionKey } from '../../../common/procedure/model';

// Headings are matched to the standard sections by meaning: each section has words and phrases that
// people use for it. A phrase in CONTAINS matches anywhere in the heading ("Out of scope", "Health and
// safety notes"); one in STARTS_WITH only at its start, because those words also appear in headings that
// mean something else ("Notes" is tips; "A note on escalations" is not).

type Rule = { key: SectionKey; contains?: string[]; startsWith?: string[] };

const RULES: Rule[] = [
  { key: 'healthAndSafety', contains: ['health and safety', 'safety', 'hazard', 'hazards', 'risk assessment'] },
  { key: 'scope', contains: ['scope', 'applies to', 'applicability'], startsWith: ['when to use', 'who this is for', 'coverage'] },
  { key: 'responsibilities', contains: ['responsibilities', 'responsibility', 'roles'], startsWith: ['who does what', 'who', 'role', 'owners'] },
  { key: 'glossary', contains: ['glossary', 'definitions', 'terminology', 'abbreviations', 'acronyms'], startsWith: ['terms', 'key terms', 'definition'] },
  { key: 'purpose', contains: ['purpose'], startsWith: ['why', 'overview', 'objective', 'objectives', 'introduction', 'background', 'summary', 'about', 'aim', 'aims', 'goal', 'goals'] },
  {
    key: 'procedure',
    contains: ['procedure', 'procedures', 'workflow', 'workflows', 'step by step'],
    startsWith: ['steps', 'process', 'how to', 'instructions', 'what to do', 'method'],
  },
  { key: 'equipment', contains: ['equipment', 'tools and systems', 'systems used'], startsWith: ['tools', 'systems', 'software', 'materials', 'resources needed', 'what you need'] },
  { key: 'tips', contains: ['hints', 'tips', 'faq', 'faqs', 'frequently asked questions'], startsWith: ['notes', 'note', 'good practice', 'best practice'] },
  { key: 'references', contains: ['references', 'see also', 'further reading'], startsWith: ['related', 'links', 'useful links', 'resources'] },
];

/** Lower case, punctuation as spaces, leading numbering ("2.", "A)") and articles removed. */
export function normaliseHeading(text: string): string {
  return text
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[A-Za-z][.)])\s+/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&+]+/gu, ' ')
    .trim()
    .replace(/^(?:the|a|an|our|your)\s+/, '');
}

/** The standard section a heading means, if any. */
export function classifyHeading(text: string): SectionKey | undefined {
  const heading = ` ${normaliseHeading(text)} `;
  for (const rule of RULES) {
    if (rule.contains?.some((phrase) => heading.includes(` ${phrase} `))) return rule.key;
    if (rule.startsWith?.some((phrase) => heading.startsWith(` ${phrase} `))) return rule.key;
  }
  return undefined;
}

export type StepHeading = {
  /** "Step 2a" as written. */
  label: string;
  number: number;
  /** "a" in "Step 2a"; empty when there is none. */
  letter: string;
  /** The heading after the label: "If the customer …". */
  rest: string;
};

const STEP_HEADING = /^\s*(step\s*(\d+)\s*([a-z])?)\b\s*[:.)\-–—]?\s*(.*)$/i;

/** "Step 2a: If the customer …" → its parts; undefined for any other heading. */
export function readStepHeading(text: string): StepHeading | undefined {
  const match = STEP_HEADING.exec(text);
  if (!match) return undefined;
  return { label: (match[1] ?? '').trim(), number: Number(match[2]), letter: (match[3] ?? '').toLowerCase(), rest: (match[4] ?? '').trim() };
}
