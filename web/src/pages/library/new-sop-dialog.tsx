import { Autocomplete, Button, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { createSopBodySchema, type CreateSopBody, type SopDetail } from '../../../../common/api/sops';
import { api, fieldErrorsOf, formLevelError } from '../../api/client';
import { useSignedIn } from '../../api/session';
import { FormActions } from '../../components/form-actions';
import { ProblemAlert } from '../../components/problem-alert';
import { useSopTemplates } from '../../api/library-settings';
import { defaultVersionId, useInvalidateLibrary } from './library-api';
import { PersonSelect } from './people-picker';
import { AUDIENCE_SUGGESTIONS, CHANNEL_SUGGESTIONS } from './sop-metadata-options';

type FormValues = {
  key: string;
  title: string;
  category: string;
  channels: string[];
  audience: string[];
  ownerId: string | null;
  reviewIntervalMonths: number;
  templateId: string;
  processId: string | null;
};

/** "New SOP": the metadata and a template to start from; opens the draft in the editor. */
type Initial = { processId?: string | null; title?: string; category?: string; channels?: string[] };

export function NewSopButton({ categories, initial = {}, label = 'New SOP', ariaLabel }: { categories: string[]; initial?: Initial; label?: string; ariaLabel?: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open} aria-label={ariaLabel} size={initial.processId ? 'xs' : undefined} variant={initial.processId ? 'default' : undefined}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title="New SOP" size="lg">
        {opened ? <NewSopForm categories={categories} initial={initial} onDone={close} /> : null}
      </Modal>
    </>
  );
}

function NewSopForm({ categories, initial, onDone }: { categories: string[]; initial: Initial; onDone: () => void }) {
  const me = useSignedIn();
  const templates = useSopTemplates();
  const navigate = useNavigate();
  const invalidate = useInvalidateLibrary();
  const form = useForm<FormValues>({
    initialValues: {
      key: '',
      title: initial.title ?? '',
      category: initial.category ?? '',
      channels: initial.channels ?? [],
      audience: ['Agent'],
      ownerId: me.person.id,
      reviewIntervalMonths: 12,
      templateId: 'simple-list',
      processId: initial.processId ?? null,
    },
    validate: zod4Resolver(createSopBodySchema),
  });
  const create = useMutation({
    mutationFn: (values: CreateSopBody) => api<SopDetail>('/sops', { method: 'POST', body: values }),
    onSuccess: async (sop) => {
      await invalidate();
      onDone();
      const versionId = defaultVersionId(sop);
      if (versionId) await navigate({ to: '/library/$sopId/edit', params: { sopId: sop.id } });
      else await navigate({ to: '/library/$sopId', params: { sopId: sop.id } });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <ProblemAlert error={formLevelError(create.error)} title="Could not create the SOP" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Key" description="Unique, e.g. CS-REF-001" required {...form.getInputProps('key')} onChange={(event) => form.setFieldValue('key', event.currentTarget.value.toUpperCase())} />
          <Autocomplete label="Category" description="e.g. Refunds, Complaints" required data={categories} {...form.getInputProps('category')} />
        </SimpleGrid>
        <TextInput label="Title" description="What the procedure achieves, e.g. “Refund a purchase”" required {...form.getInputProps('title')} />
        <TagsInput label="Channels" description="Where it applies; press Enter after each" data={CHANNEL_SUGGESTIONS} {...form.getInputProps('channels')} />
        <TagsInput label="Audience" description="The roles who follow it" data={AUDIENCE_SUGGESTIONS} {...form.getInputProps('audience')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PersonSelect label="Owner" known={[me.person]} value={form.values.ownerId} onChange={(id) => form.setFieldValue('ownerId', id)} error={form.errors.ownerId} />
          <NumberInput label="Review every (months)" description="At most 12: every SOP is reviewed at least yearly" min={1} max={12} allowDecimal={false} {...form.getInputProps('reviewIntervalMonths')} />
        </SimpleGrid>
        <Select
          label="Start from template"
          data={(templates.data?.items ?? [{ id: 'simple-list', name: 'Simple list', description: '', builtIn: true }]).map((template) => ({ value: template.id, label: template.name }))}
          allowDeselect={false}
          {...form.getInputProps('templateId')}
        />
        <Text size="xs" c="gray.7">
          {templates.data?.items.find((template) => template.id === form.values.templateId)?.description}
        </Text>
        <FormActions onCancel={onDone} submitLabel="Create SOP" pending={create.isPending} />
      </Stack>
    </form>
  );
}
