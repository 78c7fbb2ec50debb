import { Checkbox, Code, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { createRoleBodySchema, type Role, type RolesList } from '../../../../../common/api/roles';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { FormActions } from '../../../components/form-actions';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { PEOPLE_KEY, ROLES_KEY } from '../admin-queries';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../../components/version-conflict-alert';

type RoleValues = { name: string; description: string; permissions: string[] };

const validate = zod4Resolver(createRoleBodySchema);

/**
 * Creates a role, or edits one against the version that was loaded.
 * Rendered only while open, so each opening starts from the role as it is now.
 */
export function RoleFormModal({ role, catalogue, onClose }: { role?: Role; catalogue: RolesList['permissions']; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<RoleValues>({
    initialValues: { name: role?.name ?? '', description: role?.description ?? '', permissions: role?.permissions ?? [] },
    validate,
  });
  // The version this edit is based on; loading someone else's save moves it forward.
  const edit = useEditBase(role);
  const version = edit.base?.version;
  const save = useMutation({
    mutationFn: (values: RoleValues) =>
      role ? api<Role>(`/roles/${role.id}`, { method: 'PATCH', body: { version, ...values } }) : api<Role>('/roles', { method: 'POST', body: values }),
    onSuccess: async (saved) => {
      notifySaved(role ? `Role “${saved.name}” saved.` : `Role “${saved.name}” created.`);
      // Permissions and role names show on people too.
      await Promise.all([client.invalidateQueries({ queryKey: ROLES_KEY }), client.invalidateQueries({ queryKey: PEOPLE_KEY })]);
      onClose();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<Role>(save.error);
  const otherError = conflict ? null : formLevelError(save.error);
  const labelOf = (key: string) => catalogue.find((permission) => permission.key === key)?.description ?? key;

  return (
    <Modal opened onClose={onClose} title={role ? `Edit role “${role.name}”` : 'Create a role'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          {conflict ? (
            <VersionConflictAlert
              current={conflict}
              fields={(current) => [
                ['Name', current.name],
                ['Description', current.description],
                ['Permissions', current.permissions.map(labelOf).join('; ')],
              ]}
              {...edit.choices((current) => form.setValues({ name: current.name, description: current.description, permissions: current.permissions }), save.reset)}
            />
          ) : null}
          {otherError ? <ProblemAlert error={otherError} title="Could not save the role" /> : null}
          <TextInput label="Role name" required {...form.getInputProps('name')} />
          <Textarea label="Description" description="Optional: who holds this role and what they do." autosize minRows={2} {...form.getInputProps('description')} />
          <Checkbox.Group label="Permissions" description="What people with this role may do." {...form.getInputProps('permissions')}>
            <Stack gap={8} mt="xs">
              {catalogue.map((permission) => (
                <Checkbox
                  key={permission.key}
                  value={permission.key}
                  label={
                    <Text size="sm" component="span">
                      {permission.description} <Code fz="xs">{permission.key}</Code>
                    </Text>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <FormActions onCancel={onClose} submitLabel={role ? 'Save role' : 'Create role'} pending={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
