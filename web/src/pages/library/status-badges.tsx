import { Badge } from '@mantine/core';
import type { SopSummary, VersionStatus } from '../../../../common/api/sops';
import { formatDate } from '../../components/format';

const VERSION_STATUS: Record<VersionStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  trial: { label: 'Staff trial', color: 'cyan' },
  in_review: { label: 'In review', color: 'violet' },
  approved: { label: 'Approved', color: 'teal' },
  scheduled: { label: 'Scheduled', color: 'indigo' },
  published: { label: 'Published', color: 'green' },
  superseded: { label: 'Superseded', color: 'gray' },
  retired: { label: 'Retired', color: 'dark' },
};

export function versionStatusLabel(status: VersionStatus): string {
  return VERSION_STATUS[status].label;
}

/** The state of one version: draft, staff trial, in review … */
export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { label, color } = VERSION_STATUS[status];
  return (
    <Badge c="gray.9" color={color} variant="light" radius="sm" tt="none" h="auto" py={2} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}

const SOP_STATUS: Record<SopSummary['status'], { label: string; color: string }> = {
  draft: { label: 'Not yet published', color: 'gray' },
  published: { label: 'Published', color: 'green' },
  retired: { label: 'Retired', color: 'dark' },
};

/** Whether an SOP is in use. */
export function SopStatusBadge({ status }: { status: SopSummary['status'] }) {
  const { label, color } = SOP_STATUS[status];
  return (
    <Badge c="gray.9" color={color} variant="light" radius="sm" tt="none" h="auto" py={2} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}

/** The next periodic review, with a badge when it is due within 30 days or overdue. */
export function ReviewDue({ sop }: { sop: Pick<SopSummary, 'nextReviewDue' | 'reviewState'> }) {
  if (!sop.nextReviewDue) return <span>—</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <span>{formatDate(sop.nextReviewDue)}</span>
      {sop.reviewState === 'overdue' ? (
        <Badge color="red" variant="filled" radius="sm">
          Overdue
        </Badge>
      ) : sop.reviewState === 'due-soon' ? (
        <Badge c="gray.9" color="orange" variant="light" radius="sm">
          Due soon
        </Badge>
      ) : null}
    </span>
  );
}
