import { Autocomplete, Button, Modal, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { createProcessBodySchema, type BusinessProcess } from '../../../../common/api/processes';
import { api, fieldErrorsOf, formLevelError } from '../../api/client';
import { FormActions } from '../../components/form-actions';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../components/version-conflict-alert';
import { useSignedIn } from '../../api/session';
import { notifySaved } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert';
import { useInvalidateLibrary } from './library-api';
import { PersonSelect } from './people-picker';
import { CHANNEL_SUGGESTIONS } from './sop-metadata-options';

type Values = { name: string; description: string; category: string; channels: string[]; ownerId: string | null; notes: string };

const valuesOf = (process: BusinessProcess | undefined): Values => ({
  name: process?.name ?? '',
  description: process?.description ?? '',
  category: process?.category ?? '',
  channels: process?.channels ?? [],
  ownerId: process?.owner?.id ?? null,
  notes: process?.notes ?? '',
});

/** "Add process" or "Edit" on a row: the same form; an edit sends the version it read. */
export function ProcessDialogButton({ process, categories }: { process?: BusinessProcess; categories: string[] }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      {process ? (
        <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={open} aria-label={`Edit process ${process.name}`}>
          Edit
        </Button>
      ) : (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
          Add process
        </Button>
      )}
      <Modal opened={opened} onClose={close} title={process ? `Edit “${process.name}”` : 'Add a process to the register'} size="lg">
        {opened ? <ProcessForm process={process} categories={categories} onDone={close} /> : null}
      </Modal>
    </>
  );
}

function ProcessForm({ process, categories, onDone }: { process?: BusinessProcess; categories: string[]; onDone: () => void }) {
  const me = useSignedIn();
  const invalidate = useInvalidateLibrary();
  const edit = useEditBase(process);
  const base = edit.base;
  const form = useForm<Values>({ initialValues: valuesOf(process), validate: zod4Resolver(createProcessBodySchema) });
  const save = useMutation({
    mutationFn: (values: Values) =>
      base ? api<BusinessProcess>(`/processes/${base.id}`, { method: 'PATCH', body: { ...values, version: base.version } }) : api<BusinessProcess>('/processes', { method: 'POST', body: values }),
    onSuccess: async () => {
      await invalidate();
      notifySaved(base ? 'Process saved.' : 'Process added to the register.');
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<BusinessProcess>(save.error);
  const known = [me.person, ...(base?.owner && base.owner.id !== me.person.id ? [base.owner] : [])];

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {conflict ? (
          <VersionConflictAlert
            current={conflict}
            fields={(current) => [
              ['Name', current.name],
              ['Description', current.description],
              ['Category', current.category],
              ['Channels', current.channels.join(', ')],
              ['Owner', current.owner?.name ?? ''],
              ['Notes', current.notes],
            ]}
            {...edit.choices((current) => form.setValues(valuesOf(current)), save.reset)}
          />
        ) : null}
        <ProblemAlert error={conflict ? null : formLevelError(save.error)} title="Could not save the process" />
        <TextInput label="Name" description="What the business does, e.g. “Handle a complaint”" required {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <Autocomplete label="Category" required data={categories} {...form.getInputProps('category')} />
        <TagsInput label="Channels" description="Press Enter after each" data={CHANNEL_SUGGESTIONS} {...form.getInputProps('channels')} />
        <PersonSelect label="Owner" known={known} clearable value={form.values.ownerId} onChange={(id) => form.setFieldValue('ownerId', id)} error={form.errors.ownerId} />
        <Textarea label="Notes" description="What the staff who do the work said" autosize minRows={3} {...form.getInputProps('notes')} />
        <FormActions onCancel={onDone} submitLabel={base ? 'Save process' : 'Add process'} pending={save.isPending} />
      </Stack>
    </form>
  );
}
