import { MultiSelect, Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { optionsOf, usePeople, useRoles } from '../admin-queries';

/** What the add and edit forms hold; empty text stands for "not set" until it is sent. */
export type PersonFormValues = { name: string; email: string; roleIds: string[]; startDate: string; managerId: string | null };

/** Name, email, roles, start date and manager: the fields adding and editing a person share. */
export function PersonFormFields<T extends PersonFormValues>({ form, personId }: { form: UseFormReturnType<T>; personId?: string }) {
  const roles = useRoles();
  const people = usePeople();
  const managers = optionsOf(people.data?.items.filter((person) => person.id !== personId && person.status === 'active'));
  return (
    <>
      <TextInput label="Name" required autoComplete="off" {...form.getInputProps('name')} />
      <TextInput label="Email" type="email" required autoComplete="off" description="They sign in with it; it must be unique." {...form.getInputProps('email')} />
      <MultiSelect
        label="Roles"
        required
        description="What they may do in sopdesk."
        placeholder={roles.isPending ? 'Loading roles…' : 'Choose roles'}
        data={optionsOf(roles.data?.items)}
        searchable
        {...form.getInputProps('roleIds')}
      />
      <TextInput label="Start date" type="date" {...form.getInputProps('startDate')} />
      <Select
        label="Manager"
        placeholder="No manager"
        data={managers}
        searchable
        clearable
        nothingFoundMessage="Nobody matches"
        {...form.getInputProps('managerId')}
      />
    </>
  );
}
