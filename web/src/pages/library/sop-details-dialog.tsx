import { Autocomplete, Button, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { ProcessRegister } from '../../../../common/api/processes';
import { updateSopBodySchema, type SopDetail, type UpdateSopBody } from '../../../../common/api/sops';
import { api, fieldErrorsOf, formLevelError } from '../../api/client';
import { useSignedIn } from '../../api/session';
import { FormActions } from '../../components/form-actions';
import { notifySaved } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../components/version-conflict-alert';
import { PROCESSES_KEY, sopKey, useInvalidateLibrary, useSopFacets } from './library-api';
import { PersonSelect } from './people-picker';
import { AUDIENCE_SUGGESTIONS, CHANNEL_SUGGESTIONS } from './sop-metadata-options';

type Values = Required<Omit<UpdateSopBody, 'version'>>;

const valuesOf = (sop: SopDetail): Values => ({
  title: sop.title,
  category: sop.category,
  channels: sop.channels,
  audience: sop.audience,
  ownerId: sop.owner?.id ?? null,
  reviewIntervalMonths: sop.reviewIntervalMonths,
  processId: sop.processId,
});

/** "Edit details": the SOP's metadata (not its content, which changes through a draft). */
export function EditSopDetailsButton({ sop }: { sop: SopDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={open}>
        Edit details
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit the details of ${sop.key}`} size="lg">
        {opened ? <SopDetailsForm sop={sop} onDone={close} /> : null}
      </Modal>
    </>
  );
}

function SopDetailsForm({ sop, onDone }: { sop: SopDetail; onDone: () => void }) {
  const me = useSignedIn();
  const client = useQueryClient();
  const invalidate = useInvalidateLibrary();
  const categories = useSopFacets().data?.categories ?? [];
  const processes = useQuery({ queryKey: PROCESSES_KEY, queryFn: ({ signal }) => api<ProcessRegister>('/processes', { signal }) });
  // The version this edit is based on; loading someone else's save moves it forward.
  const edit = useEditBase(sop);
  const base = edit.base;
  const form = useForm<Values>({ initialValues: valuesOf(sop), validate: (values) => zod4Resolver(updateSopBodySchema)({ ...values, version: base.version }) });
  const save = useMutation({
    mutationFn: (values: Values) => api<SopDetail>(`/sops/${sop.id}`, { method: 'PATCH', body: { ...values, version: base.version } }),
    onSuccess: async (saved) => {
      client.setQueryData(sopKey(saved.id), saved);
      await invalidate();
      notifySaved(`The details of ${saved.key} are saved.`);
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<SopDetail>(save.error);
  const known = [me.person, ...(base.owner && base.owner.id !== me.person.id ? [base.owner] : [])];
  const processName = (id: string | null) => (id ? (processes.data?.items.find((process) => process.id === id)?.name ?? 'A process you cannot see') : '');

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {conflict ? (
          <VersionConflictAlert
            current={conflict}
            fields={(current) => [
              ['Title', current.title],
              ['Category', current.category],
              ['Channels', current.channels.join(', ')],
              ['Audience', current.audience.join(', ')],
              ['Owner', current.owner?.name ?? ''],
              ['Review interval', `${current.reviewIntervalMonths} months`],
              ['Process', processName(current.processId)],
            ]}
            {...edit.choices((current) => form.setValues(valuesOf(current)), save.reset)}
          />
        ) : null}
        <ProblemAlert error={conflict ? null : formLevelError(save.error)} title="Could not save the details" />
        <TextInput label="Title" description="What the procedure achieves" required {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Autocomplete label="Category" required data={categories} {...form.getInputProps('category')} />
          <NumberInput label="Review every (months)" description="At most 12: every SOP is reviewed at least yearly" min={1} max={12} allowDecimal={false} {...form.getInputProps('reviewIntervalMonths')} />
        </SimpleGrid>
        <TagsInput label="Channels" description="Where it applies; press Enter after each" data={CHANNEL_SUGGESTIONS} {...form.getInputProps('channels')} />
        <TagsInput label="Audience" description="The roles who follow it" data={AUDIENCE_SUGGESTIONS} {...form.getInputProps('audience')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PersonSelect label="Owner" known={known} clearable value={form.values.ownerId} onChange={(id) => form.setFieldValue('ownerId', id)} error={form.errors.ownerId} />
          <Select
            label="Process"
            description="The process in the register this SOP documents"
            placeholder="None"
            data={(processes.data?.items ?? []).map((process) => ({ value: process.id, label: process.name }))}
            searchable
            clearable
            {...form.getInputProps('processId')}
          />
        </SimpleGrid>
        <FormActions onCancel={onDone} submitLabel="Save details" pending={save.isPending} />
      </Stack>
    </form>
  );
}
