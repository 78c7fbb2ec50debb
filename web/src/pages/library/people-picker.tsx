import { MultiSelect, Select, Stack, Text, type ComboboxItem } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { personOptions, usePeopleDirectory } from './library-api';

type Person = { id: string; name: string };

const NOBODY: Person[] = [];

/** The directory as options, and a renderer that shows each person's roles under their name. */
function useDirectoryOptions(fallback: Person[] = NOBODY) {
  const directory = usePeopleDirectory();
  const options = useMemo(() => {
    const all = personOptions(directory.data, fallback);
    // People already chosen stay nameable even when the directory leaves them out (e.g. suspended).
    for (const person of fallback) if (!all.some((option) => option.value === person.id)) all.push({ value: person.id, label: person.name, roles: [] });
    return all;
  }, [directory.data, fallback]);
  const rolesById = useMemo(() => new Map(options.map((option) => [option.value, option.roles])), [options]);
  const renderOption = ({ option }: { option: ComboboxItem }) => {
    const roles = rolesById.get(option.value) ?? [];
    return (
      <Stack gap={0}>
        <Text size="sm">{option.label}</Text>
        {roles.length > 0 ? (
          <Text size="xs" c="gray.7">
            {roles.join(', ')}
          </Text>
        ) : null}
      </Stack>
    );
  };
  const data = options.map(({ value, label }) => ({ value, label }));
  return { directory, data, renderOption };
}

type PeoplePickerProps = { label: string; description?: string; value: string[]; onChange: (ids: string[]) => void; error?: string; required?: boolean };

/** Names people from the directory (active people only), for trials, reviews and approvals. */
export function PeoplePicker({ label, description, value, onChange, error, required }: PeoplePickerProps) {
  const { directory, data, renderOption } = useDirectoryOptions();
  if (!directory.isFetching && !directory.data) {
    return (
      <Text size="sm" c="red.9">
        {label}: you cannot see the people directory, so you cannot name anyone. Ask an administrator for a role that authors or approves SOPs.
      </Text>
    );
  }
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      renderOption={renderOption}
      value={value}
      onChange={onChange}
      searchable
      clearable
      error={error}
      required={required}
      placeholder={value.length === 0 ? 'Type a name' : undefined}
      nothingFoundMessage="Nobody by that name"
    />
  );
}

type PersonSelectProps = { label: string; description?: string; value: string | null; onChange: (id: string | null) => void; error?: ReactNode; clearable?: boolean; known: Person[] };

/** Chooses one person (an owner) from the directory; `known` are shown even when the directory is not readable. */
export function PersonSelect({ label, description, value, onChange, error, clearable, known }: PersonSelectProps) {
  const { data, renderOption } = useDirectoryOptions(known);
  return <Select label={label} description={description} data={data} renderOption={renderOption} value={value} onChange={onChange} error={error} searchable clearable={clearable} nothingFoundMessage="Nobody by that name" />;
}
