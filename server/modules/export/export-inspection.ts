import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Element, Nodes } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

// Test support: what a PDF says and whether an HTML page could run anything, without a PDF library
// or a browser. pdfkit writes text as hex strings in (optionally deflated) content streams.

const WINDOWS_1252 = new TextDecoder('windows-1252');

function decodeHex(hex: string): string {
  return WINDOWS_1252.decode(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
}

/** The text drawn by a pdfkit PDF, one line per text object; deflated streams are inflated. */
export function extractPdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const contents: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const raw = Buffer.from(match[1]!, 'latin1');
    try {
      contents.push(inflateSync(raw).toString('latin1'));
    } catch {
      contents.push(match[1]!);
    }
  }
  const lines: string[] = [];
  for (const content of contents) {
    for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const text = [...block[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => decodeHex(hex[1]!)).join('');
      if (text.trim()) lines.push(text);
    }
  }
  return lines.join('\n');
}

/** The number of pages of a PDF. */
export function countPdfPages(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?![s\w])/g)].length;
}

/** pdftotext (poppler-utils) when this machine has it: tests that use it are skipped elsewhere. */
export const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

export function pdftotext(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-pdf-'));
  try {
    const file = path.join(dir, 'manual.pdf');
    fs.writeFileSync(file, pdf);
    const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What in an HTML document could run or fetch something: script elements, event-handler
 * attributes, script URLs, frames and external resources. Empty when the page is inert.
 */
export function findActiveContent(html: string): string[] {
  const findings: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') inspectElement(node, findings);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(unified().use(rehypeParse).parse(html));
  return findings;
}

const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'link', 'meta-refresh', 'base', 'form', 'foreignObject']);

function inspectElement(element: Element, findings: string[]): void {
  if (ACTIVE_ELEMENTS.has(element.tagName)) findings.push(`<${element.tagName}> element`);
  if (element.tagName === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase().includes('refresh')) findings.push('<meta http-equiv=refresh>');
  for (const [name, value] of Object.entries(element.properties)) {
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    if (/^on/i.test(name)) findings.push(`${name} handler on <${element.tagName}>`);
    if (/^(href|src|xLinkHref|action|formAction|data|poster)$/i.test(name) && /^\s*(javascript|vbscript|data):/i.test(text) && !(name === 'src' && /^data:image\//i.test(text))) {
      findings.push(`${name}="${text}" on <${element.tagName}>`);
    }
    if (/^(src|xLinkHref|poster)$/i.test(name) && /^\s*(https?:)?\/\//i.test(text)) findings.push(`external resource ${text} on <${element.tagName}>`);
    if (name === 'style' && /url\(|expression\(/i.test(text)) findings.push(`style with ${text} on <${element.tagName}>`);
  }
}
