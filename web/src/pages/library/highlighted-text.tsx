import { Mark } from '@mantine/core';
import type { Highlighted } from '../../../../common/api/search';

/** Search highlights as text nodes: the server sends segments, never HTML, and React escapes each one. */
export function HighlightedText({ segments }: { segments: Highlighted }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <Mark key={index} color="yellow">
            {segment.text}
          </Mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
