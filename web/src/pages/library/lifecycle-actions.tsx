import { Button, PasswordInput, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { SopVersion } from '../../../../common/api/sops';
import { numberStepsById } from '../../../../common/procedure/step-tree';
import { api, ApiError, fieldErrorsOf } from '../../api/client';
import { notifyFailed, notifySaved } from '../../components/notify';
import { ButtonLink } from '../../components/router-links';
import { DialogButton, succeeded } from './dialog-button';
import { FindingsPanel } from './findings-panel';
import { useInvalidateLibrary, versionKey } from './library-api';
import { PeoplePicker } from './people-picker';

/** POSTs one lifecycle action of a version and puts the answer (the version as it now is) in the cache. */
export function useVersionAction<TBody>(version: SopVersion, action: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateLibrary();
  return useMutation({
    mutationFn: (body: TBody) => api<SopVersion>(`/sops/${version.sopId}/versions/${version.id}/${action}`, { method: 'POST', body }),
    onSuccess: async (next) => {
      client.setQueryData(versionKey(next.sopId, next.id), next);
      await invalidate();
    },
  });
}

function StartTrialButton({ version }: { version: SopVersion }) {
  const [people, setPeople] = useState<string[]>([]);
  const start = useVersionAction<{ personIds: string[] }>(version, 'trial');
  return (
    <DialogButton
      label="Start staff trial"
      title="Start a staff trial"
      submitLabel="Start the trial"
      buttonProps={{ variant: 'default' }}
      pending={start.isPending}
      error={start.error}
      onOpen={() => start.reset()}
      onSubmit={() => succeeded(async () => (await start.mutateAsync({ personIds: people }), notifySaved('Staff trial started: the people you named can comment on the draft.')))}
    >
      <Text size="sm">The people who will use the SOP try the draft and comment on sections and steps. You accept or decline each comment before review.</Text>
      <PeoplePicker label="Trial participants" value={people} onChange={setPeople} error={fieldErrorsOf(start.error).personIds} required />
    </DialogButton>
  );
}

function SubmitButton({ version }: { version: SopVersion }) {
  const [reviewers, setReviewers] = useState<string[]>([]);
  const [approvers, setApprovers] = useState<string[]>([]);
  const submit = useVersionAction<{ reviewerIds: string[]; approverIds: string[] }>(version, 'submit');
  const errors = fieldErrorsOf(submit.error);
  // The server checks the draft again under the organisation's rules; its findings are the ones that count.
  const styleErrors = submit.error instanceof ApiError && submit.error.code === 'style_errors' ? (submit.error.problem.findings ?? []) : null;
  const numbers = useMemo(() => numberStepsById(version.content.procedure), [version.content.procedure]);
  const navigate = useNavigate();
  const openEditor = () => void navigate({ to: '/library/$sopId/edit', params: { sopId: version.sopId } });
  return (
    <DialogButton
      label="Submit for review"
      title="Submit for expert review"
      submitLabel="Submit for review"
      pending={submit.isPending}
      error={styleErrors ? null : submit.error}
      onOpen={() => submit.reset()}
      onSubmit={() => succeeded(async () => (await submit.mutateAsync({ reviewerIds: reviewers, approverIds: approvers }), notifySaved('Sent for review.')))}
    >
      <Text size="sm">Subject experts review the draft and comment; every comment must be resolved before it can be approved. Style errors block submission.</Text>
      {styleErrors ? (
        <Stack gap="xs">
          <Text size="sm" fw={600} role="alert">
            {submit.error instanceof Error ? submit.error.message : 'Fix the style errors first.'}
          </Text>
          <FindingsPanel findings={styleErrors} numbers={numbers} onShow={openEditor} source="submission" />
          {version.can.edit ? (
            <Button variant="default" onClick={openEditor} style={{ alignSelf: 'flex-start' }}>
              Open the editor
            </Button>
          ) : null}
        </Stack>
      ) : null}
      <PeoplePicker label="Reviewers" description="Subject experts; at least one" value={reviewers} onChange={setReviewers} error={errors.reviewerIds} required />
      <PeoplePicker label="Approvers" description="Who must sign; if you name nobody, one approver’s signature is enough" value={approvers} onChange={setApprovers} error={errors.approverIds} />
    </DialogButton>
  );
}

const MEANINGS = [
  { value: 'approved-for-use', label: 'Approved for use' },
  { value: 'approved-as-reviewer', label: 'Approved as reviewer' },
  { value: 'approved-as-author', label: 'Approved as author' },
];

function ApproveButton({ version }: { version: SopVersion }) {
  const [password, setPassword] = useState('');
  const [meaning, setMeaning] = useState('approved-for-use');
  const approve = useVersionAction<{ password: string; meaning: string }>(version, 'approve');
  return (
    <DialogButton
      label="Approve and sign"
      title={`Sign version ${version.label}`}
      submitLabel="Sign"
      pending={approve.isPending}
      error={approve.error}
      onOpen={() => {
        approve.reset();
        setPassword('');
      }}
      onSubmit={() => succeeded(async () => (await approve.mutateAsync({ password, meaning }), setPassword(''), notifySaved('Signed.')))}
    >
      <Text size="sm">
        Your electronic signature records who you are, what it means and the content you saw (fingerprint <code>{version.contentHash.slice(0, 12)}</code>). Re-enter your password to sign.
      </Text>
      <Select label="Meaning of the signature" data={MEANINGS} value={meaning} onChange={(value) => setMeaning(value ?? 'approved-for-use')} allowDeselect={false} />
      <PasswordInput label="Your password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={fieldErrorsOf(approve.error).password} required />
    </DialogButton>
  );
}

function ReturnButton({ version }: { version: SopVersion }) {
  const [reason, setReason] = useState('');
  const back = useVersionAction<{ reason: string }>(version, 'return');
  return (
    <DialogButton
      label="Return to draft"
      title="Return to draft"
      submitLabel="Return to draft"
      buttonProps={{ variant: 'default' }}
      pending={back.isPending}
      error={back.error}
      onOpen={() => back.reset()}
      onSubmit={() => succeeded(async () => (await back.mutateAsync({ reason }), notifySaved('Returned to draft.')))}
    >
      <Text size="sm">Signatures given so far are withdrawn, because the content can change again.</Text>
      <Textarea label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={fieldErrorsOf(back.error).reason} autosize minRows={2} required />
    </DialogButton>
  );
}

function PublishButton({ version }: { version: SopVersion }) {
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const publish = useVersionAction<{ effectiveAt: string | null }>(version, 'publish');
  const effectiveAt = when === 'later' && at ? new Date(at).toISOString() : null;
  return (
    <DialogButton
      label="Publish"
      title={`Publish version ${version.label}`}
      submitLabel={when === 'now' ? 'Publish now' : 'Schedule'}
      pending={publish.isPending}
      error={publish.error}
      onOpen={() => publish.reset()}
      onSubmit={() => succeeded(async () => (await publish.mutateAsync({ effectiveAt }), notifySaved(effectiveAt ? 'Publication scheduled.' : 'Published: this version is now in use.')))}
    >
      <Radio.Group label="Effective" value={when} onChange={(value) => setWhen(value as 'now' | 'later')}>
        <Stack gap={6} mt={6}>
          <Radio value="now" label="Now: this version replaces the one in use at once" />
          <Radio value="later" label="At a date and time" />
        </Stack>
      </Radio.Group>
      {when === 'later' ? <TextInput type="datetime-local" label="Effective from" value={at} onChange={(event) => setAt(event.currentTarget.value)} required /> : null}
    </DialogButton>
  );
}

function CompleteReviewButton({ version }: { version: SopVersion }) {
  const complete = useVersionAction<undefined>(version, 'review-complete');
  return (
    <Button variant="default" loading={complete.isPending} onClick={() => complete.mutate(undefined, { onSuccess: () => notifySaved('Your review is recorded as finished.'), onError: (error) => notifyFailed(error, 'Could not finish the review') })}>
      Finish my review
    </Button>
  );
}

/** What the caller may do with this version now, exactly as the server's `can` says. */
export function VersionActions({ version }: { version: SopVersion }) {
  const { can } = version;
  return (
    <>
      {can.edit ? (
        <ButtonLink to="/library/$sopId/edit" params={{ sopId: version.sopId }} variant="filled">
          Edit draft
        </ButtonLink>
      ) : null}
      {can.startTrial ? <StartTrialButton version={version} /> : null}
      {can.submit ? <SubmitButton version={version} /> : null}
      {can.completeReview ? <CompleteReviewButton version={version} /> : null}
      {can.approve ? <ApproveButton version={version} /> : null}
      {can.publish ? <PublishButton version={version} /> : null}
      {can.returnToDraft ? <ReturnButton version={version} /> : null}
    </>
  );
}
