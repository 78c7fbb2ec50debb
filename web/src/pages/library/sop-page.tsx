import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconBinaryTree, IconList, IconListNumbers, IconPrinter } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import type { SopDetail, SopVersion } from '../../../../common/api/sops';
import { numberStepsById } from '../../../../common/procedure/step-tree';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { AnchorLink, ButtonLink } from '../../components/router-links';
import { CommentsPanel } from './comments-panel';
import { defaultVersionId, useSop, useVersion } from './library-api';
import { LifecyclePanel } from './lifecycle-panel';
import { ProcedureFlowchartView } from './procedure-flowchart-view';
import { ProcedureListView } from './procedure-list-view';
import { ProcedureOutlineView } from './procedure-outline-view';
import { LeadingSections, Section, TrailingSections } from './sop-sections';
import { ReviewDue, SopStatusBadge, VersionStatusBadge } from './status-badges';
import { VersionHistory } from './version-history';

const route = getRouteApi('/signed-in/library/$sopId');

type View = 'list' | 'outline' | 'flowchart';

/** One SOP: its metadata, the version in hand in three views, its sections, its lifecycle and history. */
export function SopPage() {
  const { sopId } = route.useParams();
  const search = route.useSearch();
  const sop = useSop(sopId);
  const versionId = search.version ?? (sop.data ? defaultVersionId(sop.data) : undefined);
  const version = useVersion(sopId, versionId);
  return (
    <QueryState query={sop} loadingLabel="Loading the SOP…">
      {(detail) =>
        versionId ? (
          <QueryState query={version} loadingLabel="Loading the version…">
            {(shown) => <SopView sop={detail} version={shown} view={search.view ?? 'list'} />}
          </QueryState>
        ) : (
          <>
            <PageHeader title={`${detail.key} ${detail.title}`} />
            <Alert color="gray">This SOP has no version you can see yet.</Alert>
          </>
        )
      }
    </QueryState>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" fw={600} tt="uppercase">
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)' }}>{children}</div>
    </div>
  );
}

export function SopFacts({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
      <Fact label="Status">
        <SopStatusBadge status={sop.status} />
      </Fact>
      <Fact label="Version">
        <Group gap={6}>
          <span>{version.label}</span>
          <VersionStatusBadge status={version.status} />
        </Group>
      </Fact>
      <Fact label="Owner">{sop.owner?.name ?? 'Nobody'}</Fact>
      <Fact label="Effective">{version.effectiveAt ? formatDate(version.effectiveAt) : 'Not yet'}</Fact>
      <Fact label="Next review">
        <ReviewDue sop={sop} />
      </Fact>
      <Fact label="Category">{sop.category}</Fact>
      <Fact label="Channels">{sop.channels.join(', ') || '—'}</Fact>
      <Fact label="Audience">{sop.audience.join(', ') || '—'}</Fact>
      <Fact label="Review interval">{sop.reviewIntervalMonths} months</Fact>
    </SimpleGrid>
  );
}

function SopView({ sop, version, view }: { sop: SopDetail; version: SopVersion; view: View }) {
  const navigate = useNavigate({ from: '/library/$sopId' });
  const steps = version.content.procedure;
  const numbers = useMemo(() => numberStepsById(steps), [steps]);
  const notInUse = sop.published && sop.published.id !== version.id;
  return (
    <>
      <PageHeader
        title={`${sop.key} ${sop.title}`}
        actions={
          <>
            <AnchorLink to="/library" size="sm">
              <Group gap={4} component="span">
                <IconArrowLeft size={16} aria-hidden />
                Library
              </Group>
            </AnchorLink>
            <ButtonLink to="/library/$sopId/print" params={{ sopId: sop.id }} search={{ version: version.id }} variant="default" leftSection={<IconPrinter size={16} aria-hidden />}>
              Print view
            </ButtonLink>
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <SopFacts sop={sop} version={version} />
        </Paper>
        {notInUse ? (
          <Alert color="yellow" variant="light" title={`You are looking at version ${version.label}, not the one in use`}>
            <Group gap="xs">
              <Text size="sm">Version {sop.published!.label} is published.</Text>
              <AnchorLink to="/library/$sopId" params={{ sopId: sop.id }} search={{ version: sop.published!.id }} size="sm">
                Show the published version
              </AnchorLink>
            </Group>
          </Alert>
        ) : null}
        {sop.status === 'retired' ? <Badge c="gray.9" variant="light" color="gray" size="lg">This SOP is retired; it is kept for the record.</Badge> : null}
        <LifecyclePanel sop={sop} version={version} />
        <LeadingSections content={version.content} />
        <Section id="procedure" title="Procedure">
          <Tabs value={view} onChange={(value) => void navigate({ search: (previous) => ({ ...previous, view: (value as View) ?? 'list' }), replace: true })} keepMounted={false}>
            <Tabs.List aria-label="How to show the procedure">
              <Tabs.Tab value="list" leftSection={<IconListNumbers size={16} aria-hidden />}>
                Numbered list
              </Tabs.Tab>
              <Tabs.Tab value="outline" leftSection={<IconList size={16} aria-hidden />}>
                Outline
              </Tabs.Tab>
              <Tabs.Tab value="flowchart" leftSection={<IconBinaryTree size={16} aria-hidden />}>
                Flowchart
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="list" pt="md">
              <ProcedureListView steps={steps} numbers={numbers} />
            </Tabs.Panel>
            <Tabs.Panel value="outline" pt="md">
              <ProcedureOutlineView steps={steps} numbers={numbers} />
            </Tabs.Panel>
            <Tabs.Panel value="flowchart" pt="md">
              <ProcedureFlowchartView steps={steps} numbers={numbers} title={`${sop.key} ${sop.title} (version ${version.label})`} fileName={`${sop.key}-${version.label}-flowchart.svg`} />
            </Tabs.Panel>
          </Tabs>
        </Section>
        <TrailingSections content={version.content} />
        <CommentsPanel version={version} numbers={numbers} />
        <VersionHistory sop={sop} currentVersionId={version.id} />
      </Stack>
    </>
  );
}
