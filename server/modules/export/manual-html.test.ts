import { describe, expect, it } from 'vitest';
import { buildManual, buildManualSop, hostileContent, XSS_PAYLOADS } from './export-fixtures';
import { findActiveContent } from './export-inspection';
import { renderManualHtml } from './manual-html';

describe('manual as HTML', () => {
  const manual = buildManual();
  const html = renderManualHtml(manual);

  it('is one self-contained, inert document: inline CSS, no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(findActiveContent(html)).toEqual([]);
    expect(html).not.toMatch(/<link\b|<script\b|https?:\/\/[^"]*\.(css|js|woff2?)\b/i);
  });

  it('has a title page and a table of contents by category linking to every SOP', () => {
    expect(html).toContain('Acme Retail');
    expect(html).toContain('Customer service manual');
    expect(html).toContain('25 November 2025');
    expect(html).toContain('2 SOPs');
    const contents = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    expect(contents.indexOf('Complaints')).toBeLessThan(contents.indexOf('Refunds'));
    expect(contents).toContain('href="#sop-CS-REF-001"');
    expect(contents).toContain('href="#sop-CS-CMP-001"');
    expect(html).toContain('id="sop-CS-REF-001"');
  });

  it('shows each SOP’s facts, approvals, sections, numbered steps, branches and flowchart', () => {
    for (const text of [
      'CS-REF-001',
      'Refund a purchase',
      'Ana Silva',
      '1 March 2025',
      '1 March 2026',
      'Ben Okafor',
      'Approved for use',
      'a3f1c9e07b2d',
      'Customers who are refunded <strong>quickly and fairly</strong>',
      'Checks the purchase and refunds within their limit.',
      'Greet the customer and confirm their name.',
      'Find the order in the order system.',
      'Refund, with an amount',
      'Goodwill gesture',
      'Amount (number, required)',
      'Reason (one of: Faulty, Changed mind, Late delivery, required)',
      'Also capture a note and an attachment.',
      'End of procedure: Refund declined',
      'Then continue with step 4.',
      'Original payment method',
      'Health and safety',
      'Equipment and systems',
      'Hints and tips',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).not.toContain('a3f1c9e07b2d4'); // only the first 12 characters of the hash
    expect(html).toMatch(/<span class="step-number">2\.1<\/span>/);
    expect(html).toMatch(/<span class="branch-letter">3\.b<\/span> Above the limit/);
    expect(html).toMatch(/<span class="step-number">3\.b\.1<\/span>/);
    expect(html).toMatch(/<span class="label">Refer to<\/span> <strong>Supervisor<\/strong>/);
    // References to SOPs in the manual become links; safe external links stay links.
    expect(html).toContain('<a href="#sop-CS-CMP-001">CS-CMP-001</a>');
    expect(html).toContain('href="https://example.com/policies/refunds"');
    // One inline flowchart per SOP, with its own marker ids.
    expect(html.match(/<svg\b/g)).toHaveLength(2);
    expect(html).toContain('aria-label="CS-REF-001 Refund a purchase"');
    expect(html).toContain('id="flow-CS-REF-001-arrow"');
    expect(html).not.toContain('<?xml');
  });

  it('neutralises scripts, handlers and javascript: links in titles, sections and steps', () => {
    const hostile = renderManualHtml(
      buildManual([
        buildManualSop({ title: XSS_PAYLOADS.script, category: XSS_PAYLOADS.image, ownerName: XSS_PAYLOADS.svg, channels: [XSS_PAYLOADS.image], content: hostileContent() }),
      ]),
    );
    expect(findActiveContent(hostile)).toEqual([]);
    expect(hostile).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    // Plain text is shown as written, not dropped.
    expect(hostile).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(hostile).toContain('Check the order &lt;script&gt;');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says where a branch rejoins, also from a decision among sub-steps', () => {
    const content = {
      ...buildManualSop().content,
      procedure: [
        {
          id: 'stage',
          kind: 'action' as const,
          text: 'Check the parcel.',
          substeps: [{ id: 'damaged', kind: 'decision' as const, text: 'Decide whether the parcel is damaged.', branches: [{ id: 'yes', label: 'Damaged', steps: [] }, { id: 'no', label: 'Intact', steps: [] }] }],
        },
        { id: 'close', kind: 'action' as const, text: 'Close the case.' },
      ],
    };
    const nested = renderManualHtml(buildManual([buildManualSop({ content })]));
    expect(nested).toMatch(/<span class="branch-letter">1\.1\.a<\/span> Damaged<\/h4><p class="muted">No steps.<\/p><p class="branch-rejoin">Then continue with step 2.<\/p>/);
  });

  it('says so when nothing is published', () => {
    const empty = renderManualHtml(buildManual([]));
    expect(empty).toContain('No SOP is published yet.');
    expect(empty).toContain('0 SOPs');
  });
});
