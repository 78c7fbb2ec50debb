import { IconHourglass } from '@tabler/icons-react';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';

/** An area of sopdesk that is planned but not built yet: says what it will do, without pretending. */
export function ComingSoonPage({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={<IconHourglass size={24} />} title={`${title} is not available yet`}>
        {description} It is on the way; the procedures you publish in the Library now are what it will build on.
      </EmptyState>
    </>
  );
}
