import { Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { SopDetail, SopVersion } from '../../../../common/api/sops';
import { api, fieldErrorsOf } from '../../api/client';
import { useSignedIn } from '../../api/session';
import { notifySaved } from '../../components/notify';
import { DialogButton, succeeded } from './dialog-button';
import { useInvalidateLibrary } from './library-api';
import { SaveAsTemplateButton } from './save-as-template-button';
import { EditSopDetailsButton } from './sop-details-dialog';

function NewDraftButton({ sop }: { sop: SopDetail }) {
  const [changeKind, setChangeKind] = useState<'major' | 'minor'>('minor');
  const [changeSummary, setChangeSummary] = useState('');
  const navigate = useNavigate();
  const invalidate = useInvalidateLibrary();
  const create = useMutation({
    mutationFn: () => api<SopVersion>(`/sops/${sop.id}/drafts`, { method: 'POST', body: { changeKind, changeSummary } }),
    onSuccess: async () => {
      await invalidate();
      await navigate({ to: '/library/$sopId/edit', params: { sopId: sop.id } });
    },
  });
  return (
    <DialogButton
      label="New draft"
      title={`Start the next version of ${sop.key}`}
      submitLabel="Start the draft"
      buttonProps={{ variant: 'default' }}
      pending={create.isPending}
      error={create.error}
      onOpen={() => create.reset()}
      onSubmit={() => succeeded(() => create.mutateAsync())}
    >
      <Text size="sm">The published version stays in use while you write the next one.</Text>
      <Radio.Group label="Kind of change" value={changeKind} onChange={(value) => setChangeKind(value as 'major' | 'minor')}>
        <Stack gap={6} mt={6}>
          <Radio value="minor" label="Minor: editorial; earlier sign-offs carry over" />
          <Radio value="major" label="Major: people must read and sign again" />
        </Stack>
      </Radio.Group>
      <Textarea label="Change summary" description="What changes and why" value={changeSummary} onChange={(event) => setChangeSummary(event.currentTarget.value)} error={fieldErrorsOf(create.error).changeSummary} autosize minRows={2} required />
    </DialogButton>
  );
}

function PeriodicReviewButton({ sop }: { sop: SopDetail }) {
  const [outcome, setOutcome] = useState<'still-correct' | 'new-draft'>('still-correct');
  const [note, setNote] = useState('');
  const navigate = useNavigate();
  const invalidate = useInvalidateLibrary();
  const review = useMutation({
    mutationFn: () => api<{ draft: SopVersion | null }>(`/sops/${sop.id}/periodic-reviews`, { method: 'POST', body: { outcome, note } }),
    onSuccess: async (answer) => {
      await invalidate();
      if (answer.draft) await navigate({ to: '/library/$sopId/edit', params: { sopId: sop.id } });
      else notifySaved('Review recorded: the next review is due one interval from today.');
    },
  });
  return (
    <DialogButton
      label="Record periodic review"
      title={`Periodic review of ${sop.key}`}
      submitLabel="Record the review"
      buttonProps={{ variant: 'default' }}
      pending={review.isPending}
      error={review.error}
      onOpen={() => review.reset()}
      onSubmit={() => succeeded(() => review.mutateAsync())}
    >
      <Radio.Group label="Outcome" value={outcome} onChange={(value) => setOutcome(value as 'still-correct' | 'new-draft')}>
        <Stack gap={6} mt={6}>
          <Radio value="still-correct" label="Still correct: restart the review clock" />
          <Radio value="new-draft" label="Needs changes: start a new draft" />
        </Stack>
      </Radio.Group>
      <Textarea label="Note" description="What you checked, or what must change" value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} />
    </DialogButton>
  );
}

function RetireButton({ sop }: { sop: SopDetail }) {
  const [reason, setReason] = useState('');
  const invalidate = useInvalidateLibrary();
  const retire = useMutation({
    mutationFn: () => api<null>(`/sops/${sop.id}/retire`, { method: 'POST', body: { reason } }),
    onSuccess: async () => {
      await invalidate();
      notifySaved(`${sop.key} is retired; its history stays readable.`);
    },
  });
  return (
    <DialogButton
      label="Retire SOP"
      title={`Retire ${sop.key}`}
      submitLabel="Retire"
      danger
      buttonProps={{ variant: 'subtle', color: 'red' }}
      pending={retire.isPending}
      error={retire.error}
      onOpen={() => retire.reset()}
      onSubmit={() => succeeded(() => retire.mutateAsync())}
    >
      <Text size="sm">The SOP leaves use: search no longer finds it and any open draft is retired with it. Its versions stay readable.</Text>
      <Textarea label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={fieldErrorsOf(retire.error).reason} autosize minRows={2} required />
    </DialogButton>
  );
}

/** What the caller may do with the SOP as a whole, as the server's `can` says. */
export function SopActions({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  const me = useSignedIn();
  return (
    <>
      {sop.can.update ? <EditSopDetailsButton sop={sop} /> : null}
      {sop.can.createDraft ? <NewDraftButton sop={sop} /> : null}
      {sop.can.recordReview ? <PeriodicReviewButton sop={sop} /> : null}
      {me.can.authorSops ? <SaveAsTemplateButton sop={sop} version={version} /> : null}
      {sop.can.retire ? <RetireButton sop={sop} /> : null}
    </>
  );
}
