import { describe, expect, it } from 'vitest';
import type { Step } from '../../../common/procedure/model';
import { buildManual, buildManualSop, complaintContent, hostileContent, XSS_PAYLOADS } from './export-fixtures';
import { countPdfPages, extractPdfText, findActiveContent, hasPdftotext, pdftotext } from './export-inspection';
import { renderManualPdf } from './manual-pdf';
import { toPdfText } from './pdf-text';

describe('manual as PDF', () => {
  it('has a title page, contents with page numbers, each SOP with its facts, steps and flowchart, and page numbers', async () => {
    const pdf = await renderManualPdf(buildManual(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = countPdfPages(pdf);
    // Title, contents, then at least one page per SOP.
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = extractPdfText(pdf);
    for (const expected of [
      'ACME RETAIL',
      'Customer service manual',
      '25 November 2025',
      '2 SOPs',
      'Contents',
      'Refund a purchase',
      'Handle a complaint',
      'Ana Silva',
      'Chloé Durand',
      'Approved for use',
      'a3f1c9e07b2d',
      'Greet the customer and confirm their name.',
      'Find the order in the order system.',
      'Above the limit',
      'Refund, with an amount',
      'End of procedure: Refund declined',
      'Then continue with step 4.',
      'Original payment method',
      'Flowchart',
      `Page 2 of ${pages}`,
      `Page ${pages} of ${pages}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    for (const number of ['1', '2.1', '3.a', '3.b.1', '3.c.1', '4']) expect(text.split('\n'), number).toContain(number);
    // The flowchart's own text, drawn by svg-to-pdfkit.
    expect(text).toMatch(/Start[\s\S]*End/);
    // The contents send the reader to the page where an SOP starts (complaints first: C before R).
    expect(text).toMatch(/CS-CMP-001\nHandle a complaint\n(\.+\n)?3\n/);
  });

  it('runs a flowchart taller than a page over several pages at a readable size', async () => {
    const steps: Step[] = Array.from({ length: 45 }, (_, index) => ({ id: `s${index + 1}`, kind: 'action', text: `Carry out check number ${index + 1} of the long procedure.` }));
    const manual = buildManual([buildManualSop({ content: { ...complaintContent(), procedure: steps } })]);
    const pdf = await renderManualPdf(manual, { compress: false });
    const text = extractPdfText(pdf);
    expect(text).toContain('Flowchart (continued)');
    expect(text).toContain('(continued on the next page)');
    expect(countPdfPages(pdf)).toBeGreaterThan(6);
  });

  it('prints hostile text literally and links only to safe addresses', async () => {
    const manual = buildManual([buildManualSop({ title: XSS_PAYLOADS.script, content: hostileContent() })]);
    const pdf = await renderManualPdf(manual, { compress: false });
    const source = pdf.toString('latin1');
    expect(source).not.toMatch(/\/S\s*\/JavaScript|\/JS\b/);
    expect(source).not.toMatch(/\/URI\s*\(javascript:/i);
    expect(extractPdfText(pdf)).toContain('<script>alert("title")</script>');
  });

  it('spells out what the standard fonts cannot show instead of printing garbage', async () => {
    expect(toPdfText('Réclamation → escalade ≥ 50 € “ok” – ő 日本')).toBe('Réclamation -> escalade >= 50 € “ok” – o ??');
    const pdf = await renderManualPdf(buildManual([buildManualSop({ title: 'Refund → supervisor ≥ £50' })]), { compress: false });
    expect(extractPdfText(pdf)).toContain('Refund -> supervisor >= £50');
  });

  it('is a valid document with no SOP published', async () => {
    const pdf = await renderManualPdf(buildManual([]), { compress: false });
    expect(countPdfPages(pdf)).toBe(2);
    expect(extractPdfText(pdf)).toContain('No SOP is published yet.');
  });

  it.runIf(hasPdftotext)('reads back with pdftotext (poppler-utils)', async () => {
    const text = pdftotext(await renderManualPdf(buildManual()));
    expect(text).toContain('Customer service manual');
    expect(text).toContain('Refund a purchase');
    expect(text).toContain('Greet the customer and confirm their name.');
  });
});

describe('the inspection used by these tests', () => {
  it('finds what could run in a page', () => {
    expect(findActiveContent('<p>ok</p><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><script>1</script><svg onload="x()"></svg>')).toEqual([
      'onError handler on <img>',
      'href="javascript:alert(1)" on <a>',
      '<script> element',
      'onLoad handler on <svg>',
    ]);
  });
});
