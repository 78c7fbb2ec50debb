import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Step } from '../../../../common/procedure/model';
import { ProblemAlert } from '../../components/problem-alert';
import type { FlowchartDrawing } from './flowchart-drawing';

type FlowchartProps = { steps: Step[]; numbers: Map<string, string>; title: string; fileName: string };

type WorkerAnswer = (FlowchartDrawing & { id: number }) | { id: number; error: string };

/** Draws the flowchart on a worker thread; when the steps change while it works, the latest request wins. */
function useFlowchartDrawing(steps: Step[], numbers: Map<string, string>, title: string) {
  const [state, setState] = useState<{ drawing: FlowchartDrawing | null; error: string | null }>({ drawing: null, error: null });
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const created = new Worker(new URL('./flowchart.worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      if (event.data.id !== latest.current) return;
      setState('error' in event.data ? { drawing: null, error: event.data.error } : { drawing: { svg: event.data.svg, nodes: event.data.nodes }, error: null });
    };
    worker.current = created;
    return () => {
      created.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    const request = { steps, numbers: [...numbers], title };
    latest.current += 1;
    worker.current?.postMessage({ id: latest.current, ...request });
  }, [steps, numbers, title]);

  return state;
}

/**
 * The procedure as a flowchart laid out by dagre. The SVG is shown as an image (its markup is
 * never put into the page, so nothing in it can run) and offered as a download.
 */
export function ProcedureFlowchartView({ steps, numbers, title, fileName }: FlowchartProps) {
  const { drawing, error } = useFlowchartDrawing(steps, numbers, title);
  const url = drawing ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(drawing.svg)}` : null;
  const nodes = drawing?.nodes ?? 0;

  if (steps.length === 0) return <Text c="gray.7">This procedure has no steps yet.</Text>;
  if (error) return <ProblemAlert error={new Error(`The flowchart could not be drawn: ${error}`)} />;
  if (!url) {
    return (
      <Group gap="xs" role="status" py="md">
        <Loader size="xs" aria-hidden />
        <Text size="sm">Laying out the flowchart…</Text>
      </Group>
    );
  }
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
