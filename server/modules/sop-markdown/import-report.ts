// What an import did with each part of the source, line by line, so that a person can check it: what was
// mapped onto the SOP's structure, what was kept as content, what could not be mapped and why.

export type ImportReportItemKind = 'mapped' | 'kept-as-content' | 'unmapped' | 'warning';

export type ImportReportItem = {
  /** 1-based source lines (for a .docx: lines of the Markdown converted from it). */
  line: number;
  endLine: number;
  kind: ImportReportItemKind;
  /** Where it went: "metadata.title", "purpose", "procedure", "step s4", "additional section \"Timeline\"" … */
  target?: string;
  message: string;
};

export type ImportReportSummary = {
  steps: number;
  decisions: number;
  /** Standard sections that received content, by key. */
  sections: string[];
  additionalSections: number;
  /** Source lines whose content was mapped onto the structure / kept as content / kept but not mapped. */
  mappedLines: number;
  keptLines: number;
  unmappedLines: number;
  warnings: number;
  /** One sentence for people. */
  text: string;
};

export type ImportReport = {
  fileName?: string;
  format: 'markdown' | 'sopdesk-markdown' | 'docx';
  items: ImportReportItem[];
  summary: ImportReportSummary;
};

export class ImportReportBuilder {
  readonly items: ImportReportItem[] = [];

  add(kind: ImportReportItemKind, range: { line: number; endLine: number }, message: string, target?: string): ImportReportItem {
    const item: ImportReportItem = { line: range.line, endLine: Math.max(range.line, range.endLine), kind, message };
    if (target !== undefined) item.target = target;
    this.items.push(item);
    return item;
  }

  /** Sorted by line; counts lines by what happened to them (a line counts once, under its most specific fate). */
  finish(facts: Omit<ImportReportSummary, 'mappedLines' | 'keptLines' | 'unmappedLines' | 'warnings' | 'text'>): { items: ImportReportItem[]; summary: ImportReportSummary } {
    const items = [...this.items].sort((a, b) => a.line - b.line || a.endLine - b.endLine);
    const lines = { mapped: new Set<number>(), kept: new Set<number>(), unmapped: new Set<number>() };
    for (const item of items) {
      const set = item.kind === 'mapped' ? lines.mapped : item.kind === 'kept-as-content' ? lines.kept : item.kind === 'unmapped' ? lines.unmapped : undefined;
      if (!set) continue;
      for (let line = item.line; line <= item.endLine; line++) set.add(line);
    }
    for (const line of lines.unmapped) {
      lines.mapped.delete(line);
      lines.kept.delete(line);
    }
    for (const line of lines.kept) lines.mapped.delete(line);
    const warnings = items.filter((item) => item.kind === 'warning').length;
    const text =
      `${facts.steps} step${facts.steps === 1 ? '' : 's'} (${facts.decisions} decision${facts.decisions === 1 ? '' : 's'}), ` +
      `${facts.sections.length} standard section${facts.sections.length === 1 ? '' : 's'}, ${facts.additionalSections} additional section${facts.additionalSections === 1 ? '' : 's'}; ` +
      `${lines.unmapped.size} line${lines.unmapped.size === 1 ? '' : 's'} kept but not mapped; ${warnings} warning${warnings === 1 ? '' : 's'}.`;
    return {
      items,
      summary: { ...facts, mappedLines: lines.mapped.size, keptLines: lines.kept.size, unmappedLines: lines.unmapped.size, warnings, text },
    };
  }
}
