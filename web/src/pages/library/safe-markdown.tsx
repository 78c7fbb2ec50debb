import { Text, Typography } from '@mantine/core';
import Markdown from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';

/**
 * User-written Markdown (purpose, detail, tips …). Raw HTML in the source is not rendered at all
 * (react-markdown skips it without rehype-raw) and rehype-sanitize strips what remains unsafe,
 * such as javascript: links.
 */
export function SafeMarkdown({ children, empty = 'Not written yet.' }: { children: string; empty?: string }) {
  if (!children.trim()) {
    return (
      <Text size="sm" c="gray.7" fs="italic">
        {empty}
      </Text>
    );
  }
  return (
    <Typography fz="sm" className="sop-markdown">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} skipHtml>
        {children}
      </Markdown>
    </Typography>
  );
}
