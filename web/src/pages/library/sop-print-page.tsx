import './library-print.css';
import { Button, Divider, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { SopDetail, SopVersion } from '../../../../common/api/sops';
import { numberStepsById } from '../../../../common/procedure/step-tree';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/query-state';
import { AnchorLink } from '../../components/router-links';
import { defaultVersionId, useSop, useVersion } from './library-api';
import { ProcedureFlowchartView } from './procedure-flowchart-view';
import { ProcedureListView } from './procedure-list-view';
import { SopFacts } from './sop-page';
import { LeadingSections, Section, TrailingSections } from './sop-sections';

const route = getRouteApi('/signed-in/library/$sopId/print');

/** One SOP as a document to print: every section, the numbered steps, the flowchart and the signatures. */
export function SopPrintPage() {
  const { sopId } = route.useParams();
  const search = route.useSearch();
  const sop = useSop(sopId);
  const versionId = search.version ?? (sop.data ? defaultVersionId(sop.data) : undefined);
  const version = useVersion(sopId, versionId);
  return (
    <QueryState query={sop} loadingLabel="Loading the SOP…">
      {(detail) => <QueryState query={version}>{(shown) => <PrintableSop sop={detail} version={shown} />}</QueryState>}
    </QueryState>
  );
}

function PrintableSop({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  const steps = version.content.procedure;
  const numbers = useMemo(() => numberStepsById(steps), [steps]);
  return (
    <Stack gap="md" className="sop-print" maw={900}>
      <Group justify="space-between" className="no-print">
        <AnchorLink to="/library/$sopId" params={{ sopId: sop.id }} search={{ version: version.id }}>
          Back to the SOP
        </AnchorLink>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <div>
        <Text ff="monospace" fw={700}>
          {sop.key} · version {version.label}
        </Text>
        <Title order={1} size="h2">
          {sop.title}
        </Title>
      </div>
      <SopFacts sop={sop} version={version} />
      {version.signatures.length > 0 ? (
        <div>
          <Text size="sm" fw={700}>
            Approved by
          </Text>
          <List size="sm">
            {version.signatures.map((signature) => (
              <List.Item key={signature.id}>
                {signature.signer.name}, {signature.meaning.replace(/-/g, ' ')}, {formatDateTime(signature.signedAt)}
              </List.Item>
            ))}
          </List>
        </div>
      ) : (
        <Text size="sm">Not yet approved.</Text>
      )}
      <Divider />
      <LeadingSections content={version.content} />
      <Section id="procedure" title="Procedure">
        <ProcedureListView steps={steps} numbers={numbers} />
      </Section>
      <Section id="flowchart" title="Flowchart">
        <ProcedureFlowchartView steps={steps} numbers={numbers} title={`${sop.key} ${sop.title} (version ${version.label})`} fileName={`${sop.key}-${version.label}-flowchart.svg`} />
      </Section>
      <TrailingSections content={version.content} />
    </Stack>
  );
}
