import { diffArrays, diffWordsWithSpace } from 'diff';
import { SECTION_TITLES, type SopContent, type Step } from './model';
import { walkSteps, type StepPlace } from './numbering';

// What changed between two versions of an SOP, in the terms people review it in: sections with a
// word-level diff, and procedure steps matched by their stable id (added, removed, moved,
// reworded, attributes changed) rather than by line.

export type WordChange = { kind: 'same' | 'added' | 'removed'; text: string };

export type ItemDiff = { key: string; change: 'added' | 'removed' | 'changed' | 'unchanged'; words: WordChange[] };

export type DiffSectionKey = Exclude<keyof SopContent, 'procedure'>;

export type SectionDiff = {
  section: DiffSectionKey;
  title: string;
  changed: boolean;
  /** The whole section as text, word by word. */
  words: WordChange[];
  /** For list sections (responsibilities, glossary, references, additional sections): each entry, matched by its name. */
  items?: ItemDiff[];
};

export type StepLocation = { number: string; parentId: string | null; branchId: string | null; index: number };

export const STEP_ATTRIBUTES = ['kind', 'role', 'referTo', 'action', 'record', 'branches', 'sopRef'] as const;
export type StepAttribute = (typeof STEP_ATTRIBUTES)[number];

export type AttributeChange = { attribute: StepAttribute; from: unknown; to: unknown };

export type StepDiff = {
  stepId: string;
  change: 'added' | 'removed' | 'kept';
  /** In a different list (parent step or branch), or out of order among the steps it shared a list with. */
  moved: boolean;
  reworded: boolean;
  attributesChanged: boolean;
  from: (StepLocation & { text: string }) | null;
  to: (StepLocation & { text: string }) | null;
  /** Word-level diffs of the instruction and the detail; present when the step was kept. */
  text?: WordChange[];
  detail?: WordChange[];
  attributes: AttributeChange[];
};

export type ProcedureDiff = {
  changed: boolean;
  summary: { added: number; removed: number; moved: number; reworded: number; attributesChanged: number; unchanged: number };
  /** Steps of the newer version in document order, then the removed steps in their old order. */
  steps: StepDiff[];
};

export type SopContentDiff = { changed: boolean; sections: SectionDiff[]; procedure: ProcedureDiff };

// Very different long texts would cost a lot to align word by word; past this many edits the
// section is shown as replaced instead.
const MAX_EDIT_LENGTH = 1500;

/**
 * Word-level diff of two texts; joining the non-added parts gives `from`, the non-removed parts `to`.
 * jsdiff's diffWordsWithSpace rather than diffWords: diffWords redistributes whitespace, so its
 * parts do not rebuild the texts exactly, and a reviewer must see exactly what was signed.
 */
export function diffText(from: string, to: string): WordChange[] {
  if (from === to) return from ? [{ kind: 'same', text: from }] : [];
  const changes = diffWordsWithSpace(from, to, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: from, added: false, removed: true, count: 1 },
    { value: to, added: true, removed: false, count: 1 },
  ];
  return changes
    .filter((change) => change.value !== '')
    .map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }));
}

const TEXT_SECTIONS = ['purpose', 'scope', 'healthAndSafety', 'equipment', 'tips'] as const;

type Item = { key: string; text: string };

/** Entries of a list section as named text, keyed so that the same entry is matched across versions. */
function itemsOf(content: SopContent, section: Exclude<DiffSectionKey, (typeof TEXT_SECTIONS)[number]>): Item[] {
  switch (section) {
    case 'responsibilities':
      return content.responsibilities.map((entry) => ({ key: entry.role, text: `${entry.role}: ${entry.duties}` }));
    case 'glossary':
      return content.glossary.map((entry) => ({ key: entry.term, text: `${entry.term}: ${entry.definition}` }));
    case 'references':
      return content.references.map((entry) => ({ key: `${entry.kind}:${entry.target}`, text: `${entry.target}${entry.label ? ` (${entry.label})` : ''}` }));
    case 'additionalSections':
      return content.additionalSections.map((entry) => ({ key: entry.title, text: `${entry.title}\n${entry.body}` }));
  }
}

/** Keys made unique by occurrence ("Agent", "Agent#2"), so a repeated name still pairs up in order. */
function keyed(items: Item[]): Map<string, Item> {
  const seen = new Map<string, number>();
  return new Map(
    items.map((item) => {
      const count = (seen.get(item.key) ?? 0) + 1;
      seen.set(item.key, count);
      return [count === 1 ? item.key : `${item.key}#${count}`, item];
    }),
  );
}

function diffItems(from: Item[], to: Item[]): ItemDiff[] {
  const before = keyed(from);
  const after = keyed(to);
  const result: ItemDiff[] = [];
  for (const [key, item] of after) {
    const old = before.get(key);
    if (!old) result.push({ key: item.key, change: 'added', words: diffText('', item.text) });
    else result.push({ key: item.key, change: old.text === item.text ? 'unchanged' : 'changed', words: diffText(old.text, item.text) });
  }
  for (const [key, item] of before) if (!after.has(key)) result.push({ key: item.key, change: 'removed', words: diffText(item.text, '') });
  return result;
}

function diffSections(from: SopContent, to: SopContent): SectionDiff[] {
  const textual = TEXT_SECTIONS.map((section) => ({ section, changed: from[section] !== to[section], words: diffText(from[section], to[section]) }));
  const listed = (['responsibilities', 'glossary', 'references', 'additionalSections'] as const).map((section) => {
    const before = itemsOf(from, section);
    const after = itemsOf(to, section);
    const items = diffItems(before, after);
    const join = (list: Item[]) => list.map((item) => item.text).join('\n');
    return { section, changed: join(before) !== join(after), words: diffText(join(before), join(after)), items };
  });
  const bySection = new Map<DiffSectionKey, Omit<SectionDiff, 'title'>>([...textual, ...listed].map((entry) => [entry.section, entry]));
  const order: DiffSectionKey[] = [...(Object.keys(SECTION_TITLES) as Array<keyof typeof SECTION_TITLES>).filter((key) => key !== 'procedure'), 'additionalSections'];
  return order.map((section) => ({ ...bySection.get(section)!, title: section === 'additionalSections' ? 'Additional sections' : SECTION_TITLES[section] }));
}

const listKey = (place: StepPlace) => `${place.parentId ?? ''}/${place.branchId ?? ''}`;

/** The first place of each id (a repeated id in an imported draft pairs up by its first use). */
function placesById(procedure: readonly Step[]): Map<string, StepPlace> {
  const places = new Map<string, StepPlace>();
  for (const place of walkSteps(procedure)) if (!places.has(place.step.id)) places.set(place.step.id, place);
  return places;
}

/** A branch as an attribute of its decision: its name and ending; its steps are compared as steps. */
const branchSummary = (step: Step) => (step.branches ?? []).map((branch) => ({ id: branch.id, label: branch.label, end: branch.end?.outcome ?? null }));

function attributeValue(step: Step, attribute: StepAttribute): unknown {
  if (attribute === 'branches') return step.branches ? branchSummary(step) : null;
  return step[attribute] ?? null;
}

/** Ids that kept their list but changed order relative to the other steps that stayed in it. */
function reorderedIds(before: Map<string, StepPlace>, after: Map<string, StepPlace>): Set<string> {
  const lists = new Map<string, { from: string[]; to: string[] }>();
  const stayed = [...after.keys()].filter((id) => before.has(id) && listKey(before.get(id)!) === listKey(after.get(id)!));
  for (const id of stayed) {
    const key = listKey(after.get(id)!);
    if (!lists.has(key)) lists.set(key, { from: [], to: [] });
  }
  const byIndex = (places: Map<string, StepPlace>) => (a: string, b: string) => places.get(a)!.index - places.get(b)!.index;
  for (const id of stayed) lists.get(listKey(after.get(id)!))!.from.push(id);
  const moved = new Set<string>();
  for (const list of lists.values()) {
    list.to = [...list.from].sort(byIndex(after));
    list.from.sort(byIndex(before));
    // The longest run kept in order stays put; every other shared step is what moved.
    for (const part of diffArrays(list.from, list.to)) if (part.added) for (const id of part.value) moved.add(id);
  }
  return moved;
}

function diffProcedure(from: readonly Step[], to: readonly Step[]): ProcedureDiff {
  const before = placesById(from);
  const after = placesById(to);
  const reordered = reorderedIds(before, after);
  const location = (place: StepPlace) => ({ number: place.number, parentId: place.parentId, branchId: place.branchId, index: place.index, text: place.step.text });
  const steps: StepDiff[] = [];
  for (const [id, place] of after) {
    const old = before.get(id);
    if (!old) {
      steps.push({ stepId: id, change: 'added', moved: false, reworded: false, attributesChanged: false, from: null, to: location(place), attributes: [] });
      continue;
    }
    const attributes = STEP_ATTRIBUTES.flatMap((attribute) => {
      const fromValue = attributeValue(old.step, attribute);
      const toValue = attributeValue(place.step, attribute);
      return JSON.stringify(fromValue) === JSON.stringify(toValue) ? [] : [{ attribute, from: fromValue, to: toValue }];
    });
    const reworded = old.step.text !== place.step.text || (old.step.detail ?? '') !== (place.step.detail ?? '');
    steps.push({
      stepId: id,
      change: 'kept',
      moved: listKey(old) !== listKey(place) || reordered.has(id),
      reworded,
      attributesChanged: attributes.length > 0,
      from: location(old),
      to: location(place),
      text: diffText(old.step.text, place.step.text),
      detail: diffText(old.step.detail ?? '', place.step.detail ?? ''),
      attributes,
    });
  }
  for (const [id, place] of before) {
    if (!after.has(id)) steps.push({ stepId: id, change: 'removed', moved: false, reworded: false, attributesChanged: false, from: location(place), to: null, attributes: [] });
  }
  const count = (test: (step: StepDiff) => boolean) => steps.filter(test).length;
  const summary = {
    added: count((step) => step.change === 'added'),
    removed: count((step) => step.change === 'removed'),
    moved: count((step) => step.moved),
    reworded: count((step) => step.reworded),
    attributesChanged: count((step) => step.attributesChanged),
    unchanged: count((step) => step.change === 'kept' && !step.moved && !step.reworded && !step.attributesChanged),
  };
  return { changed: summary.unchanged !== steps.length, summary, steps };
}

/** Compares two versions' content: every section, and the procedure step by step. */
export function compareSopContent(from: SopContent, to: SopContent): SopContentDiff {
  const sections = diffSections(from, to);
  const procedure = diffProcedure(from.procedure, to.procedure);
  return { changed: procedure.changed || sections.some((section) => section.changed), sections, procedure };
}
