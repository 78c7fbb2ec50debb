import { MultiSelect, Text } from '@mantine/core';
import { usePeople } from './library-api';

type PeoplePickerProps = { label: string; description?: string; value: string[]; onChange: (ids: string[]) => void; error?: string; required?: boolean };

/** Names people from the directory (active people only). */
export function PeoplePicker({ label, description, value, onChange, error, required }: PeoplePickerProps) {
  const people = usePeople();
  if (!people.isFetching && !people.data) {
    return (
      <Text size="sm" c="red.8">
        {label}: you cannot see the people directory, so you cannot name anyone. Ask an administrator for the “See the people directory” permission.
      </Text>
    );
  }
  return (
    <MultiSelect
      label={label}
      description={description}
      data={(people.data?.items ?? []).map((person) => ({ value: person.id, label: person.name }))}
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
