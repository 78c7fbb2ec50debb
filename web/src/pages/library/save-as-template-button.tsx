import { Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SopTemplateSummary } from '../../../../common/api/sop-templates';
import type { SopDetail, SopVersion } from '../../../../common/api/sops';
import { api, fieldErrorsOf } from '../../api/client';
import { SOP_TEMPLATES_KEY } from '../../api/library-settings';
import { notifySaved } from '../../components/notify';
import { DialogButton, succeeded } from './dialog-button';

/** Saves the content of the version in hand as one of the organisation's templates. */
export function SaveAsTemplateButton({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<SopTemplateSummary>('/sop-templates', { method: 'POST', body: { name, description, content: version.content } }),
    onSuccess: async (template) => {
      await client.invalidateQueries({ queryKey: SOP_TEMPLATES_KEY });
      notifySaved(`Template “${template.name}” saved: authors can start new SOPs from it.`);
    },
  });
  return (
    <DialogButton
      label="Save as template"
      title={`Save ${sop.key} version ${version.label} as a template`}
      submitLabel="Save the template"
      buttonProps={{ variant: 'default' }}
      pending={save.isPending}
      error={save.error}
      onOpen={() => {
        save.reset();
        setName(`${sop.title} (template)`.slice(0, 80));
        setDescription(`Starts from ${sop.key} version ${version.label}.`);
      }}
      onSubmit={() => succeeded(() => save.mutateAsync())}
    >
      <Text size="sm">New SOPs started from the template get a copy of this version’s sections and steps; the SOP itself is not changed.</Text>
      <TextInput label="Template name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldErrorsOf(save.error).name} required />
      <Textarea label="Description" description="When to use it" value={description} onChange={(event) => setDescription(event.currentTarget.value)} error={fieldErrorsOf(save.error).description} autosize minRows={2} />
    </DialogButton>
  );
}
