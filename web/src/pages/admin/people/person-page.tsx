import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { Person } from '../../../../../common/api/people';
import { api } from '../../../api/client';
import { useSignedIn } from '../../../api/session';
import { formatDate, formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { personKey } from '../admin-queries';
import { AnchorLink, ButtonLink } from '../../../components/router-links';
import { PersonAccessPanel } from './person-access-panel';
import { PersonEditForm } from './person-edit-form';
import { StatusBadge } from './people-table';

function PersonSummary({ person }: { person: Person }) {
  return (
    <Paper withBorder p="lg">
      <Stack gap={6}>
        <Title order={2} size="h4">
          Summary
        </Title>
        <Group gap={6}>
          <Text size="sm">Status:</Text>
          <StatusBadge status={person.status} />
        </Group>
        <Text size="sm">Email: {person.email}</Text>
        <Group gap={6}>
          <Text size="sm">Roles:</Text>
          {person.roles.map((role) => (
            <Badge key={role.id} variant="light" tt="none">
              {role.name}
            </Badge>
          ))}
        </Group>
        <Text size="sm">Teams: {person.teams.map((team) => team.name).join(', ') || 'none'}</Text>
        <Text size="sm">Manager: {person.manager?.name ?? 'none'}</Text>
        <Text size="sm">Started: {person.startDate ? formatDate(person.startDate) : 'not recorded'}</Text>
        <Text size="sm">Password: {person.hasPassword ? 'set' : 'not set yet (they need their set-password link)'}</Text>
        <Text size="sm" c="dimmed">
          Added {formatDateTime(person.createdAt)}; last changed {formatDateTime(person.updatedAt)}.
        </Text>
      </Stack>
    </Paper>
  );
}

/** One person: their details, editing, sign-in access and a way into their audit trail. */
export function PersonPage({ personId }: { personId: string }) {
  const me = useSignedIn();
  const person = useQuery({ queryKey: personKey(personId), queryFn: ({ signal }) => api<Person>(`/people/${personId}`, { signal }) });
  return (
    <>
      <AnchorLink to="/people" size="sm" mb="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> All people
      </AnchorLink>
      <QueryState query={person} loadingLabel="Loading the person…">
        {(data) => (
          <>
            <PageHeader
              title={data.name}
              description={data.email}
              actions={
                me.can.readAudit ? (
                  <ButtonLink to="/audit" search={{ personId: data.id }} variant="default" leftSection={<IconShieldCheck size={18} aria-hidden />}>
                    Audit events
                  </ButtonLink>
                ) : null
              }
            />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" maw={1100}>
              {data.can.update ? <PersonEditForm key={`${data.id}:${data.version}`} person={data} /> : <PersonSummary person={data} />}
              <Stack gap="lg">
                {data.can.update ? <PersonSummary person={data} /> : null}
                <PersonAccessPanel person={data} />
              </Stack>
            </SimpleGrid>
          </>
        )}
      </QueryState>
    </>
  );
}

/** The /people/$personId route: keyed so that moving from one person to another starts from a clean page. */
export function PersonRoutePage() {
  const { personId } = useParams({ from: '/signed-in/people/$personId' });
  return <PersonPage key={personId} personId={personId} />;
}
