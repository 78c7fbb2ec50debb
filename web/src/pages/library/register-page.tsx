import { Badge, Group, Paper, RingProgress, SegmentedControl, SimpleGrid, Spoiler, Stack, Table, Text } from '@mantine/core';
import { IconCopy, IconListDetails } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { BusinessProcess, ProcessRegister } from '../../../../common/api/processes';
import { api } from '../../api/client';
import { useSignedIn } from '../../api/session';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { notifyFailed, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { AnchorLink } from '../../components/router-links';
import { PROCESSES_KEY, useInvalidateLibrary } from './library-api';
import { NewSopButton } from './new-sop-dialog';
import { ProcessDialogButton } from './process-dialog';

const WRAP = { label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

const STATUS: Record<BusinessProcess['status'], { label: string; color: string }> = {
  'no-sop': { label: 'No SOP yet', color: 'red' },
  drafting: { label: 'Drafting', color: 'yellow' },
  published: { label: 'Published', color: 'green' },
};

/** Which processes the table shows: all, those still without a published SOP, or the likely duplicates. */
export type RegisterView = 'all' | 'uncovered' | 'duplicates';

const VIEWS: Record<RegisterView, { label: string; keep: (process: BusinessProcess) => boolean; none: string }> = {
  all: { label: 'All', keep: () => true, none: '' },
  uncovered: { label: 'Without a published SOP', keep: (process) => process.status !== 'published', none: 'Every process has a published SOP.' },
  duplicates: { label: 'Likely duplicates', keep: (process) => process.likelyDuplicates.length > 0, none: 'No two processes look alike.' },
};

function Coverage({ coverage }: { coverage: ProcessRegister['coverage'] }) {
  const share = coverage.total === 0 ? 0 : Math.round((coverage.published / coverage.total) * 100);
  const lacking = coverage.total - coverage.published;
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-label="Coverage">
      <Group gap="xl" wrap="wrap">
        <RingProgress size={88} thickness={10} roundCaps sections={[{ value: share, color: 'green.7' }]} label={<Text ta="center" fw={700} size="sm">{share}%</Text>} aria-hidden />
        <Stack gap={2}>
          <Text fw={700}>
            {lacking === 0 ? 'Every process has a published SOP.' : `${lacking} of ${coverage.total} process${coverage.total === 1 ? '' : 'es'} lack a published SOP.`}
          </Text>
          <Text size="sm">
            {coverage.published} published · {coverage.drafting} drafting · {coverage.noSop} with no SOP yet
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function ProcessRow({ process, categories, canCreateSop }: { process: BusinessProcess; categories: string[]; canCreateSop: boolean }) {
  const invalidate = useInvalidateLibrary();
  const remove = useMutation({
    mutationFn: () => api<null>(`/processes/${process.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySaved(`“${process.name}” removed from the register; its SOPs stay.`);
      await invalidate();
    },
    onError: (error) => notifyFailed(error, 'Could not remove the process'),
  });
  const status = STATUS[process.status];
  return (
    <Table.Tr>
      <Table.Td miw={280}>
        <Text fw={600} size="sm">
          {process.name}
        </Text>
        {process.description || process.notes ? (
          // What it is, and what the staff who do the work said: both in full, a click away.
          <Spoiler
            // Two lines of extra-small text.
            maxHeight={34}
            showLabel="Show more"
            hideLabel="Show less"
            showAriaLabel={`Show all about ${process.name}`}
            hideAriaLabel={`Show less about ${process.name}`}
            styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
          >
            {process.description ? (
              <Text size="xs" c="gray.7">
                {process.description}
              </Text>
            ) : null}
            {process.notes ? (
              <Text size="xs" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                <Text span fw={600} size="xs">
                  Notes from the staff:{' '}
                </Text>
                {process.notes}
              </Text>
            ) : null}
          </Spoiler>
        ) : null}
        {process.likelyDuplicates.map((duplicate) => (
          <Group key={duplicate.id} gap={4} mt={4} wrap="nowrap" align="flex-start">
            <IconCopy size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2, color: 'var(--mantine-color-orange-8)' }} />
            <Text size="xs">
              Looks like “{duplicate.name}” ({Math.round(duplicate.similarity * 100)}% alike)
            </Text>
          </Group>
        ))}
      </Table.Td>
      <Table.Td>
        <Badge c="gray.9" color={status.color} variant="light" tt="none" h="auto" py={2} styles={WRAP}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{process.owner?.name ?? '—'}</Table.Td>
      <Table.Td>{process.category}</Table.Td>
      <Table.Td>{process.channels.join(', ') || '—'}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {process.sops.map((sop) => (
            <AnchorLink key={sop.id} to="/library/$sopId" params={{ sopId: sop.id }} size="sm">
              {sop.key} {sop.title}
            </AnchorLink>
          ))}
          {process.sops.length === 0 && canCreateSop ? (
            <NewSopButton categories={categories} initial={{ processId: process.id, title: process.name, category: process.category, channels: process.channels }} label="Write SOP" ariaLabel={`Write an SOP for ${process.name}`} />
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {process.can.update ? <ProcessDialogButton process={process} categories={categories} /> : null}
          {process.can.delete ? (
            <ConfirmButton size="xs" variant="subtle" color="red.8" title={`Remove “${process.name}”?`} message="The process leaves the register. Its SOPs stay in the library, unlinked." confirmLabel="Remove" onConfirm={() => remove.mutate()} aria-label={`Remove process ${process.name}`}>
              Remove
            </ConfirmButton>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The register of what the business does, with the SOP coverage of each process. */
export function RegisterPage() {
  const me = useSignedIn();
  const { show = 'all' } = useSearch({ from: '/signed-in/register' });
  const navigate = useNavigate({ from: '/register' });
  const register = useQuery({ queryKey: PROCESSES_KEY, queryFn: () => api<ProcessRegister>('/processes') });
  const categories = [...new Set((register.data?.items ?? []).map((process) => process.category))].sort();
  return (
    <>
      <PageHeader
        title="Process register"
        description="Everything the business does, whether each has a published SOP, and likely duplicates to clean up."
        actions={register.data?.can.create ? <ProcessDialogButton categories={categories} /> : null}
      />
      <QueryState query={register} loadingLabel="Loading the register…">
        {(data) => {
          if (data.items.length === 0) {
            return (
              <EmptyState icon={<IconListDetails size={24} />} title="The register is empty">
                List the processes of the business first; then write an SOP for each.
              </EmptyState>
            );
          }
          const shown = data.items.filter(VIEWS[show].keep);
          return (
            <>
              <Coverage coverage={data.coverage} />
              <SegmentedControl
                mb="sm"
                aria-label="Show processes"
                value={show}
                onChange={(value) => void navigate({ search: { show: value === 'uncovered' || value === 'duplicates' ? value : undefined } })}
                data={(Object.keys(VIEWS) as RegisterView[]).map((view) => ({ value: view, label: `${VIEWS[view].label} (${data.items.filter(VIEWS[view].keep).length})` }))}
              />
              {shown.length === 0 ? (
                <Text size="sm" role="status">
                  {VIEWS[show].none}
                </Text>
              ) : (
                <SimpleGrid cols={1}>
                  <Table.ScrollContainer minWidth={1000}>
                    <Table striped verticalSpacing="sm" aria-label="Processes">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Process</Table.Th>
                          <Table.Th scope="col">Status</Table.Th>
                          <Table.Th scope="col">Owner</Table.Th>
                          <Table.Th scope="col">Category</Table.Th>
                          <Table.Th scope="col">Channels</Table.Th>
                          <Table.Th scope="col">SOPs</Table.Th>
                          <Table.Th scope="col">
                            <span className="visually-hidden">Actions</span>
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {shown.map((process) => (
                          <ProcessRow key={process.id} process={process} categories={categories} canCreateSop={me.can.authorSops} />
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </SimpleGrid>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
