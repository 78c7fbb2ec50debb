import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { AUDIT_EVENT_TYPES } from '../../../../../common/audit-events';
import { useSignedIn } from '../../../api/session';
import { optionsOf, usePeople } from '../admin-queries';
import { isoToLocalInput, localInputToIso, type AuditSearch } from './audit-search';

type FilterValues = { stream: string; type: string | null; personId: string | null; from: string; to: string };

const TYPE_OPTIONS = [...AUDIT_EVENT_TYPES].sort().map((type) => ({ value: type, label: type }));

function valuesOf(search: AuditSearch): FilterValues {
  return { stream: search.stream ?? '', type: search.type ?? null, personId: search.personId ?? null, from: isoToLocalInput(search.from), to: isoToLocalInput(search.to) };
}

function searchOf(values: FilterValues): AuditSearch {
  return {
    stream: values.stream.trim() || undefined,
    type: values.type ?? undefined,
    personId: values.personId ?? undefined,
    from: localInputToIso(values.from),
    to: localInputToIso(values.to),
  };
}

/** Filters the trail by stream, event type, person and time; applying them changes the URL. The parent keys it by the search. */
export function AuditFilters({ search, onApply }: { search: AuditSearch; onApply: (search: AuditSearch) => void }) {
  const me = useSignedIn();
  const people = usePeople({}, { enabled: me.can.listPeople });
  const form = useForm<FilterValues>({
    initialValues: valuesOf(search),
    validate: {
      to: (value, values) => (value && values.from && value < values.from ? 'must be after “From”' : null),
    },
  });
  const any = Object.values(search).some(Boolean);
  return (
    <Paper withBorder p="md" mb="md">
      <form onSubmit={form.onSubmit((values) => onApply(searchOf(values)))} role="search" aria-label="Filter audit events">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Stream" placeholder="e.g. person:0193…" w={240} {...form.getInputProps('stream')} />
          <Select label="Event type" placeholder="Any type" data={TYPE_OPTIONS} searchable clearable w={240} {...form.getInputProps('type')} />
          {me.can.listPeople ? (
            <Select label="Person" description="About them or by them" placeholder="Anyone" data={optionsOf(people.data?.items)} searchable clearable w={220} {...form.getInputProps('personId')} />
          ) : null}
          <TextInput label="From" type="datetime-local" w={210} {...form.getInputProps('from')} />
          <TextInput label="To" type="datetime-local" w={210} {...form.getInputProps('to')} />
          <Button type="submit">Apply filters</Button>
          {any ? (
            <Button variant="subtle" onClick={() => onApply({})}>
              Clear filters
            </Button>
          ) : null}
        </Group>
      </form>
    </Paper>
  );
}
