import { IconLock } from '@tabler/icons-react';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** Shown instead of a page the signed-in person's roles do not open. */
export function NoAccess({ title, permission }: { title: string; permission: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={<IconLock size={24} />} title="You do not have access to this page">
        It needs a role with the permission “{permission}”. Ask an administrator if you need it.
      </EmptyState>
    </>
  );
}
