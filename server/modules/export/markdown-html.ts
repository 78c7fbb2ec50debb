import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// SOP text is written by people and imported from documents: it is data, never markup. Plain
// fields are escaped; Markdown fields go through a sanitiser (GitHub's allow-list), which drops
// raw HTML, event handlers and `javascript:` URLs.

const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Markdown rendered to sanitised HTML; empty for blank input. */
export function markdownToSafeHtml(markdown: string): string {
  if (markdown.trim() === '') return '';
  return String(markdownProcessor.processSync(markdown));
}

/** A URL safe to put in an href: http(s) and mailto only; anything else (javascript:, data:) is not linked. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
