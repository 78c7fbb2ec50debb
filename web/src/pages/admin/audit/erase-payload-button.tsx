import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { eraseAuditPayloadBodySchema, type AuditEventView } from '../../../../../common/api/audit';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { FormActions } from '../../../components/form-actions';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { AUDIT_KEY } from '../admin-queries';

/** Right to erasure: removes an event's payload, with a reason, while the chain keeps verifying. */
export function ErasePayloadButton({ event }: { event: AuditEventView }) {
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm({ initialValues: { reason: '' }, validate: zod4Resolver(eraseAuditPayloadBodySchema) });
  const erase = useMutation({
    mutationFn: (values: { reason: string }) => api<null>(`/audit/events/${event.id}/erase`, { method: 'POST', body: values }),
    onSuccess: async () => {
      closeModal();
      notifySaved(`Personal data erased from event ${event.seq} of ${event.stream}.`);
      await client.invalidateQueries({ queryKey: AUDIT_KEY });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  function closeModal() {
    form.reset();
    erase.reset();
    close();
  }
  return (
    <>
      <Button size="xs" variant="outline" color="red" onClick={open} aria-label={`Erase personal data of event ${event.seq} in ${event.stream}`}>
        Erase personal data
      </Button>
      <Modal opened={opened} onClose={closeModal} title="Erase personal data from this event?" centered>
        <form onSubmit={form.onSubmit((values) => erase.mutate(values))} noValidate>
          <Stack>
            <Text size="sm">
              The payload of <strong>{event.type}</strong> (event {event.seq} of {event.stream}) will be removed for good. The event itself, its time, actor and
              digest stay, so the chain still verifies. The erasure is recorded in the audit trail with your reason.
            </Text>
            <ProblemAlert error={formLevelError(erase.error)} title="Could not erase" />
            <Textarea label="Reason for erasure" description="E.g. the erasure request you are acting on." required autosize minRows={2} {...form.getInputProps('reason')} />
            <FormActions onCancel={closeModal} submitLabel="Erase" pending={erase.isPending} danger />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
