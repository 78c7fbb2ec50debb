import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { buildFlowGraph, layoutFlowGraph } from '../../../../common/procedure/flowchart';
import { renderFlowchartSvg } from '../../../../common/procedure/flowchart-svg';
import type { Step } from '../../../../common/procedure/model';

type FlowchartProps = { steps: Step[]; numbers: Map<string, string>; title: string; fileName: string };

/**
 * The procedure as a flowchart laid out by dagre. The SVG is shown as an image (its markup is
 * never put into the page, so nothing in it can run) and offered as a download.
 */
export function ProcedureFlowchartView({ steps, numbers, title, fileName }: FlowchartProps) {
  const { url, nodes } = useMemo(() => {
    const layout = layoutFlowGraph(buildFlowGraph(steps, { numberOf: (id) => numbers.get(id) }));
    const svg = renderFlowchartSvg(layout, { title, legend: true });
    return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, nodes: layout.nodes.length };
  }, [steps, numbers, title]);

  if (steps.length === 0) return <Text c="gray.7">This procedure has no steps yet.</Text>;
  return (
    <Stack gap="xs">
      <Group justify="space-between" className="no-print">
        <Text size="xs" c="gray.7">
          {nodes} shapes. The numbers match the numbered list and the outline.
        </Text>
        <Anchor href={url} download={fileName} size="sm">
          <Group gap={4} component="span">
            <IconDownload size={16} aria-hidden />
            Download SVG
          </Group>
        </Anchor>
      </Group>
      <div tabIndex={0} role="region" aria-label="Flowchart (scroll to see all of it)" style={{ overflow: 'auto', maxHeight: '75vh', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white' }}>
        <img src={url} alt={`Flowchart of ${title}: the same steps and decisions as the numbered list.`} style={{ display: 'block', margin: '0 auto', maxWidth: 'none' }} />
      </div>
    </Stack>
  );
}
