import type { StepKind } from './model';
import { plainText } from './style-text';
import { CLAUSE_OPENERS, IMPERATIVE_VERBS, LEADING_ADVERBS, NON_IMPERATIVE_STARTS } from './style-words';

// Whether a step's instruction starts with an imperative verb. Known verbs pass; starts that are
// certainly not instructions (a pronoun, an article, "The customer …", "Checking …") are errors;
// a word the list does not know is only a warning, so an unusual verb never blocks a submission.

export type StartProblem = { severity: 'error' | 'warning'; message: string };

const FIRST_WORD = /^[^\p{L}]*([\p{L}][\p{L}'’-]*)/u;
const STEP_LABEL = /^step\s+\d+[a-z]?\s*[:.)–-]\s*/i;
const LABEL_BEFORE_COLON = /^[^:,.;!?]{1,60}?:\s+(?=\S)/u;

function makeVerbTest(extraVerbs: readonly string[]): (word: string) => boolean {
  const extra = new Set(extraVerbs);
  const known = (word: string) => IMPERATIVE_VERBS.has(word) || extra.has(word);
  return (word) => {
    if (known(word) || known(word.replaceAll('-', ''))) return true;
    // "double-check", "re-send": the last part carries the verb; "resend", "recheck" likewise.
    const last = word.split('-').at(-1)!;
    if (word.includes('-') && known(last)) return true;
    return word.startsWith('re') && word.length > 4 && known(word.slice(2));
  };
}

/** "Checking" → "check", "Refunds" → "refund", "Logged" → "log": the verb a non-imperative form comes from. */
function imperativeOf(word: string, isVerb: (word: string) => boolean): string | undefined {
  const candidates: string[] = [];
  const undouble = (stem: string) => (/([b-df-hj-np-tv-z])\1$/.test(stem) ? [stem.slice(0, -1)] : []);
  if (word.endsWith('ing') && word.length > 5) {
    const stem = word.slice(0, -3);
    candidates.push(stem, `${stem}e`, ...undouble(stem));
  }
  if (word.endsWith('ed') && word.length > 4) {
    const stem = word.slice(0, -2);
    candidates.push(stem, `${stem}e`, word.slice(0, -1), ...undouble(stem), word.endsWith('ied') ? `${word.slice(0, -3)}y` : '');
  }
  if (word.endsWith('s') && word.length > 3) {
    candidates.push(word.slice(0, -1));
    if (word.endsWith('es')) candidates.push(word.slice(0, -2));
    if (word.endsWith('ies')) candidates.push(`${word.slice(0, -3)}y`);
  }
  return candidates.find((candidate) => candidate && isVerb(candidate));
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The problem with how a step's instruction starts, or null when it starts with a verb. */
export function checkStepStart(text: string, kind: StepKind, extraVerbs: readonly string[] = []): StartProblem | null {
  const isVerb = makeVerbTest(extraVerbs);
  // "Step 2:" is numbering carried over from a document, not part of the instruction.
  let rest = plainText(text).trim().replace(STEP_LABEL, '');
  // A decision may be put as the question it asks: "Is the customer injured?"
  if (kind === 'decision' && rest.endsWith('?')) return null;
  // "Duplicate order found: close the new ticket." A short label before a colon leads to the instruction.
  const labelled = LABEL_BEFORE_COLON.exec(rest);
  if (labelled && !isVerb(FIRST_WORD.exec(rest)?.[1]?.toLowerCase() ?? '')) rest = rest.slice(labelled[0].length);
  let openedWithCondition = false;
  for (let skipped = 0; skipped < 4; skipped++) {
    const match = FIRST_WORD.exec(rest);
    if (!match) return { severity: 'error', message: 'The instruction has no words: start it with what to do (“Check …”, “Ask …”).' };
    const original = match[1]!;
    const word = original.toLowerCase().replaceAll('’', "'");
    if (word === "don't" || word === 'do') return null;
    if (isVerb(word)) return null;
    const after = rest.slice(match.index + match[0].length);
    if (LEADING_ADVERBS.has(word) || (word.endsWith('ly') && word.length > 4 && !NON_IMPERATIVE_STARTS.has(word))) {
      rest = after;
      continue;
    }
    if (CLAUSE_OPENERS.has(word) && !openedWithCondition) {
      const comma = after.search(/[,:]/);
      if (comma < 0) {
        return {
          severity: 'warning',
          message: `The instruction starts with a condition (“${capitalise(original)} …”) and no instruction follows a comma or colon: put what to do first, or make the step a decision.`,
        };
      }
      openedWithCondition = true;
      rest = after.slice(comma + 1);
      if (!FIRST_WORD.test(rest)) {
        return { severity: 'warning', message: `The step is a condition (“${capitalise(original)} …”) with no instruction: make it a decision with a branch for each answer.` };
      }
      continue;
    }
    // "It's", "We're", "You'll": a contraction of a subject is no more an instruction than the subject.
    if (NON_IMPERATIVE_STARTS.has(word) || NON_IMPERATIVE_STARTS.has(word.split("'")[0]!)) {
      const next = FIRST_WORD.exec(after)?.[1]?.toLowerCase();
      const subject = next && (word === 'the' || word === 'a' || word === 'an') ? `${capitalise(original)} ${next}` : capitalise(original);
      return {
        severity: 'error',
        message: `The instruction starts with “${subject} …”, which describes rather than instructs: start with what to do (for example “Ask the customer to …”).`,
      };
    }
    const imperative = imperativeOf(word, isVerb);
    if (imperative) {
      return { severity: 'error', message: `The instruction starts with “${capitalise(original)}”: use the imperative, “${capitalise(imperative)} …”.` };
    }
    return {
      severity: 'warning',
      message: `“${capitalise(original)}” is not a verb the checks know: start with what to do (“Check …”, “Refund …”). If it is a verb, add it to the organisation's verbs in the style rules.`,
    };
  }
  return { severity: 'warning', message: 'The instruction does not start with a verb the checks know: start with what to do (“Check …”, “Ask …”).' };
}
