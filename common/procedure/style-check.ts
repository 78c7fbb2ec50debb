import type { StyleFinding } from '../api/sops';
import type { SectionKey, SopContent, Step } from './model';
import { SECTION_TITLES } from './model';
import { walkSteps, type StepPlace } from './numbering';
import { DEFAULT_STYLE_RULE_SETTINGS, STYLE_RULES, type StyleRuleId, type StyleRuleSettings } from './style-rules';
import { fleschReadingEase, plainText, sentencesOf, withoutQuotations, wordsOf, type Readability } from './style-text';
import { checkStepStart } from './style-verbs';
import { TEMPLATE_PROMPTS } from './templates';
import { COMMON_ACRONYMS, EMPHASIS_WORDS, PERSONAL_PRONOUNS } from './style-words';

// The style and structure checks: pure, so the editor runs them on every keystroke and the server
// runs the same code when a draft is sent for review (where errors block it).

const WHY = new Map(STYLE_RULES.map((rule) => [rule.id, rule.why]));

type Emit = (ruleId: StyleRuleId, severity: StyleFinding['severity'], message: string, section: SectionKey, place?: StepPlace) => void;

const quote = (text: string, words = 8) => {
  const all = wordsOf(text);
  return `“${all.slice(0, words).join(' ')}${all.length > words ? ' …' : ''}”`;
};
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const isBlank = (markdown: string) => wordsOf(plainText(markdown)).length === 0;

/** Runs every enabled rule over the content; findings come in section order, then step order. */
export function checkSopContentStyle(content: SopContent, settings: StyleRuleSettings = DEFAULT_STYLE_RULE_SETTINGS): StyleFinding[] {
  const findings: StyleFinding[] = [];
  const emit: Emit = (ruleId, severity, message, section, place) => {
    if (!settings.rules[ruleId]) return;
    findings.push({
      ruleId,
      severity,
      message,
      why: WHY.get(ruleId),
      section,
      ...(place ? { stepId: place.step.id, stepNumber: place.number } : {}),
    });
  };
  const places = walkSteps(content.procedure);
  checkRequiredSections(content, emit);
  checkProse(content, settings, emit);
  checkReadability(content, settings, emit);
  for (const place of places) checkStep(place, settings, emit);
  checkGlossaryCoverage(content, places, settings, emit);
  checkStructure(content.procedure, places, emit);
  return findings;
}

function checkRequiredSections(content: SopContent, emit: Emit): void {
  const missing = (section: SectionKey, what: string) => emit('required-sections', 'error', `${SECTION_TITLES[section]} is empty: ${what}`, section);
  // A template's prompt left in place is no more an answer than a blank.
  const unwritten = (section: keyof typeof TEMPLATE_PROMPTS, what: string) => {
    const text = content[section];
    if (isBlank(text)) missing(section, what);
    else if (text.trim() === TEMPLATE_PROMPTS[section]) emit('required-sections', 'error', `${SECTION_TITLES[section]} still holds the template’s prompt: ${what}`, section);
  };
  unwritten('purpose', 'say why this procedure matters, for the customer and for the business.');
  unwritten('scope', 'say which cases, channels and people it covers, and what it does not.');
  if (content.responsibilities.length === 0) missing('responsibilities', 'name each role involved and its duties.');
  if (content.procedure.length === 0) missing('procedure', 'add the steps.');
  // These may honestly not apply, but the author must say so: "None." is an answer, blank is not.
  if (isBlank(content.healthAndSafety)) missing('healthAndSafety', 'describe the risks and precautions, or write “None.” if there are none.');
  if (isBlank(content.equipment)) missing('equipment', 'list the equipment and systems used, or write “None.”.');
  // A glossary is a list, and an empty list is how the editor says "no terms": only a warning,
  // since any acronym a step uses without an entry is already an error (glossary-coverage).
  if (content.glossary.length === 0) {
    emit('required-sections', 'warning', 'The glossary is empty: add the terms a newcomer might not know, or an entry “None” if there are none.', 'glossary');
  }
}

/** The prose of each section (not the procedure), for sentence length and readability. */
function sectionProse(content: SopContent): Array<{ section: SectionKey; text: string }> {
  return [
    { section: 'purpose', text: content.purpose },
    { section: 'scope', text: content.scope },
    { section: 'responsibilities', text: content.responsibilities.map((entry) => entry.duties).join('\n') },
    { section: 'healthAndSafety', text: content.healthAndSafety },
    { section: 'equipment', text: content.equipment },
    { section: 'glossary', text: content.glossary.map((entry) => entry.definition).join('\n') },
    { section: 'tips', text: content.tips },
  ];
}

function reportLongSentences(text: string, settings: StyleRuleSettings, emit: (message: string) => void): void {
  const max = settings.thresholds.maxSentenceWords;
  const long = sentencesOf(plainText(text)).filter((sentence) => wordsOf(sentence).length > max);
  if (long.length === 0) return;
  const longest = long.reduce((a, b) => (wordsOf(b).length > wordsOf(a).length ? b : a));
  emit(`${plural(long.length, 'sentence')} over ${max} words (the longest, ${quote(longest)}, has ${wordsOf(longest).length}): split ${long.length === 1 ? 'it' : 'them'}.`);
}

function checkProse(content: SopContent, settings: StyleRuleSettings, emit: Emit): void {
  for (const { section, text } of sectionProse(content)) {
    reportLongSentences(text, settings, (message) => emit('sentence-length', 'warning', message, section));
  }
}

/** Flesch reading ease of each section that has enough words to score; the editor shows these. */
export function readabilityBySection(content: SopContent): Array<{ section: SectionKey } & Readability> {
  const procedure = walkSteps(content.procedure)
    .flatMap(({ step }) => [step.text, step.detail ?? ''])
    .join('\n');
  return [...sectionProse(content).filter((entry) => entry.section !== 'glossary'), { section: 'procedure' as const, text: procedure }].map(({ section, text }) => ({
    section,
    ...fleschReadingEase(plainText(text)),
  }));
}

function checkReadability(content: SopContent, settings: StyleRuleSettings, emit: Emit): void {
  const { minReadingEase, minReadabilityWords } = settings.thresholds;
  for (const entry of readabilityBySection(content)) {
    if (entry.score === null || entry.words < minReadabilityWords || entry.score >= minReadingEase) continue;
    emit('readability', 'warning', `Reading ease is ${entry.score}, below ${minReadingEase}: use shorter sentences and everyday words.`, entry.section);
  }
}

function checkStep(place: StepPlace, settings: StyleRuleSettings, emit: Emit): void {
  const { step } = place;
  const start = checkStepStart(step.text, step.kind, settings.extraVerbs);
  if (start) emit('imperative-step', start.severity, start.message, 'procedure', place);

  const pronouns = new Set<string>();
  for (const word of wordsOf(withoutQuotations(plainText(step.text)))) {
    // "US" in capitals is the country; every other spelling of a pronoun counts.
    if (word !== 'US' && PERSONAL_PRONOUNS.has(word.toLowerCase())) pronouns.add(word.toLowerCase());
  }
  if (pronouns.size > 0) {
    const list = [...pronouns].map((word) => `“${word}”`).join(', ');
    emit('no-personal-pronouns', 'error', `Uses ${pronouns.size === 1 ? 'the personal pronoun' : 'the personal pronouns'} ${list}: name the role or the customer instead.`, 'procedure', place);
  }

  const words = wordsOf(plainText(step.text)).length;
  const max = settings.thresholds.maxStepWords;
  if (words > max) emit('step-length', 'warning', `The instruction has ${words} words (more than ${max}): keep the instruction short and move the explanation to the detail.`, 'procedure', place);
  const sentences = sentencesOf(plainText(step.text)).length;
  if (sentences > 1) emit('step-length', 'warning', `The instruction has ${sentences} sentences: keep one instruction per step (split the step, or move the rest to the detail).`, 'procedure', place);
  if (step.detail) reportLongSentences(step.detail, settings, (message) => emit('sentence-length', 'warning', `In the detail: ${message}`, 'procedure', place));

  if (step.kind === 'decision' && (step.branches?.length ?? 0) < 2) {
    emit('decision-branches', 'error', `The decision has ${plural(step.branches?.length ?? 0, 'branch', 'branches')}: give it at least two (for example “Yes” and “No”).`, 'procedure', place);
  }
  if (step.kind === 'referral' && !step.referTo?.trim()) {
    emit('referral-role', 'error', 'The referral does not say whom the case goes to: set the role to refer to (for example Supervisor).', 'procedure', place);
  }
}

// Capitalised codes such as SOP keys (CS-REF-001) are references, not acronyms.
const CODE_PATTERN = /[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/g;
const ACRONYM_PATTERN = /(?<![\p{L}\p{N}&])([A-Z][A-Z&]*[A-Z])(s?)(?![\p{L}\p{N}&])/gu;

/** Acronyms in text, leaving out emphasis ("Do NOT …", a run of capitalised words). */
export function acronymsIn(text: string): string[] {
  const clean = plainText(text).replace(CODE_PATTERN, ' ');
  const found: string[] = [];
  for (const match of clean.matchAll(ACRONYM_PATTERN)) {
    const term = match[1]!;
    if (EMPHASIS_WORDS.has(term)) continue;
    const before = clean.slice(0, match.index);
    const after = clean.slice(match.index + match[0].length);
    if (/[A-Z]{2,}[\s,]+$/.test(before) || /^[\s,]+[A-Z]{2,}(?![\p{Ll}])/u.test(after)) continue;
    found.push(term);
  }
  return found;
}

function checkGlossaryCoverage(content: SopContent, places: StepPlace[], settings: StyleRuleSettings, emit: Emit): void {
  const defined = new Set<string>([...COMMON_ACRONYMS, ...settings.knownAcronyms]);
  for (const entry of content.glossary) {
    defined.add(entry.term.trim().toUpperCase());
    for (const match of entry.term.matchAll(ACRONYM_PATTERN)) defined.add(match[1]!);
  }
  const uses = new Map<string, StepPlace[]>();
  for (const place of places) {
    const texts = [place.step.text, place.step.detail ?? '', ...(place.step.branches ?? []).map((branch) => branch.label)];
    for (const term of new Set(texts.flatMap(acronymsIn))) {
      if (defined.has(term)) continue;
      uses.set(term, [...(uses.get(term) ?? []), place]);
    }
  }
  for (const [term, where] of uses) {
    const more = where.length > 1 ? ` (and ${plural(where.length - 1, 'other step')})` : '';
    emit('glossary-coverage', 'error', `“${term}” is used in step ${where[0]!.number}${more} but is not in the glossary: add it, with what it stands for.`, 'procedure', where[0]);
  }
}

/** Whether following these steps can never continue after them: some step ends every way through. */
function endsProcedure(steps: readonly Step[]): boolean {
  return steps.some(stepEndsProcedure);
}

function stepEndsProcedure(step: Step): boolean {
  const branches = step.kind === 'decision' ? (step.branches ?? []) : [];
  if (branches.length > 0 && branches.every((branch) => branch.end !== undefined || endsProcedure(branch.steps))) return true;
  return endsProcedure(step.substeps ?? []);
}

function checkStructure(procedure: readonly Step[], places: StepPlace[], emit: Emit): void {
  const placeOf = new Map(places.map((place) => [place.step, place]));
  const firstById = new Map<string, StepPlace>();
  for (const place of places) {
    const first = firstById.get(place.step.id);
    if (first) {
      emit('procedure-structure', 'error', `The step id “${place.step.id}” is also used by step ${first.number}: each step needs its own id, so that comments and feedback follow the right step.`, 'procedure', place);
    } else {
      firstById.set(place.step.id, place);
    }
  }

  const visitList = (steps: readonly Step[]) => {
    const endIndex = steps.findIndex(stepEndsProcedure);
    if (endIndex >= 0 && endIndex < steps.length - 1) {
      const ender = placeOf.get(steps[endIndex]!)!;
      const unreachable = steps.length - endIndex - 1;
      emit(
        'procedure-structure',
        'error',
        `${unreachable === 1 ? 'This step comes' : `This step and ${plural(unreachable - 1, 'more')} come`} after step ${ender.number}, where every way through ends the procedure: ${unreachable === 1 ? 'it is' : 'they are'} never reached.`,
        'procedure',
        placeOf.get(steps[endIndex + 1]!),
      );
    }
    for (const step of steps) {
      const place = placeOf.get(step)!;
      if (step.kind !== 'decision' && (step.branches?.length ?? 0) > 0) {
        emit('procedure-structure', 'error', 'The step has branches but is not a decision: make it a decision, or turn the branch steps into sub-steps.', 'procedure', place);
      }
      for (const branch of step.branches ?? []) {
        if (branch.steps.length === 0 && !branch.end) {
          emit('procedure-structure', 'error', `The branch “${branch.label}” has no steps and no outcome: add its steps, or end the procedure there with an outcome.`, 'procedure', place);
        }
        visitList(branch.steps);
      }
      if (step.kind === 'record' && !step.record?.fields.length && !step.record?.note && !step.record?.attachment) {
        emit('procedure-structure', 'warning', 'The record step captures nothing: add the fields to fill in, a note or an attachment.', 'procedure', place);
      }
      visitList(step.substeps ?? []);
    }
  };
  visitList(procedure);
}
