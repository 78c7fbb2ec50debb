import type { Nodes, Root } from 'mdast';
import YAML from 'yaml';
import type { SopContent, Step } from '../../../../common/procedure/model';
import type { ImportResult } from '../markdown-import';
import { parseMarkdown, plainText } from '../markdown-processor';

// The importer's promise, checked: every word of the source (outside front-matter keys and Markdown
// syntax) is somewhere in the imported SOP, as often as the source has it. Headings the report names as
// mapped onto a standard section are structure ("## Overview" → Purpose), not content.

const WORD = /[\p{L}\p{N}]+/gu;

/** Words of the source missing from the import, with how many are missing; empty when nothing was lost. */
export function findMissingWords(source: string, result: ImportResult): Array<{ word: string; missing: number }> {
  const sectionHeadingLines = new Set(
    result.report.items
      .filter((item) => item.kind === 'mapped' && /^Heading "/.test(item.message) && item.target !== undefined && !item.target.startsWith('step '))
      .map((item) => item.line),
  );
  const sourceWords = countWords(sourceText(parseMarkdown(source.replace(/\r\n?/g, '\n')), sectionHeadingLines));
  const resultWords = countWords(importedText(result));
  const missing: Array<{ word: string; missing: number }> = [];
  for (const [word, count] of sourceWords) {
    const found = resultWords.get(word) ?? 0;
    if (found < count) missing.push({ word, missing: count - found });
  }
  return missing;
}

function sourceText(root: Root, skipHeadingLines: Set<number>): string {
  const parts: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'yaml') {
      collectValues(YAML.parse(node.value), parts);
      return;
    }
    if (node.type === 'heading' && skipHeadingLines.has(node.position?.start.line ?? -1)) return;
    if (node.type === 'link') {
      const label = plainText(node.children);
      const url = node.url.replace(/^mailto:/, '');
      if (!label.includes(url)) parts.push(url);
    }
    if (node.type === 'image' || node.type === 'definition') parts.push(node.url);
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.title) parts.push(node.title);
    if (node.type === 'image' && node.alt) parts.push(node.alt);
    if ('value' in node && typeof node.value === 'string') parts.push(node.value);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(root);
  return parts.join(' ');
}

function collectValues(value: unknown, into: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) for (const entry of value) collectValues(entry, into);
  else if (typeof value === 'object') for (const entry of Object.values(value)) collectValues(entry, into);
  else into.push(String(value));
}

/** Every string the imported SOP holds. */
export function importedText(result: Pick<ImportResult, 'metadata' | 'content'>): string {
  const parts: string[] = [];
  collectValues(result.metadata, parts);
  const content: SopContent = result.content;
  parts.push(content.purpose, content.scope, content.healthAndSafety, content.equipment, content.tips);
  for (const entry of content.responsibilities) parts.push(entry.role, entry.duties);
  for (const entry of content.glossary) parts.push(entry.term, entry.definition);
  for (const entry of content.references) parts.push(entry.target, entry.label ?? '');
  for (const section of content.additionalSections) parts.push(section.title, section.body);
  const visit = (steps: Step[]) => {
    for (const step of steps) {
      parts.push(step.text, step.detail ?? '', step.role ?? '', step.referTo ?? '');
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) {
        parts.push(branch.label, branch.end?.outcome ?? '');
        visit(branch.steps);
      }
    }
  };
  visit(content.procedure);
  return parts.join(' ');
}

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.toLowerCase().matchAll(WORD)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}
