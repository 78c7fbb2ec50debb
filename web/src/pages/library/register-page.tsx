import { Badge, Group, Paper, RingProgress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
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
      <Table.Td>
        <Text fw={600} size="sm">
          {process.name}
        </Text>
        {process.description ? (
          <Text size="xs" c="gray.7" lineClamp={2}>
            {process.description}
          </Text>
        ) : null}
        {process.likelyDuplicates.map((duplicate) => (
          <Badge key={duplicate.id} c="gray.9" color="orange" variant="light" size="sm" tt="none" mt={4} h="auto" py={2} styles={WRAP}>
            Looks like “{duplicate.name}” ({Math.round(duplicate.similarity * 100)}%)
          </Badge>
        ))}
      </Table.Td>
      <Table.Td>
        <Badge c="gray.9" color={status.color} variant="light" tt="none" h="auto" py={2} styles={WRAP}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td>{process.owner?.name ?? '—'}</Table.Td>
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
        <Text size="xs" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
          {process.notes || '—'}
        </Text>
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
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState icon={<IconListDetails size={24} />} title="The register is empty">
              List the processes of the business first; then write an SOP for each.
            </EmptyState>
          ) : (
            <>
              <Coverage coverage={data.coverage} />
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
                        <Table.Th scope="col">Notes</Table.Th>
                        <Table.Th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((process) => (
                        <ProcessRow key={process.id} process={process} categories={categories} canCreateSop={me.can.authorSops} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </SimpleGrid>
            </>
          )
        }
      </QueryState>
    </>
  );
}
