import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { SopComparison } from '../../../../common/api/sop-compare';
import type { SopContentDiff } from '../../../../common/procedure/diff';
import { api, queryString } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { AnchorLink } from '../../components/router-links';
import { ContentDiffView } from './content-diff-view';
import { LIBRARY_KEY, useSop } from './library-api';
import { versionStatusLabel } from './status-badges';

const route = getRouteApi('/signed-in/library/$sopId/compare');

/** Any two versions of an SOP side by side: what changed, by section and by step. */
export function SopComparePage() {
  const { sopId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/library/$sopId/compare' });
  const sop = useSop(sopId);
  const versions = sop.data?.versions ?? [];
  const from = search.from ?? versions[1]?.id;
  const to = search.to ?? versions[0]?.id;
  const comparison = useQuery({
    queryKey: [...LIBRARY_KEY, 'sop', sopId, 'compare', from, to],
    queryFn: () => api<SopComparison>(`/sops/${sopId}/compare${queryString({ from, to })}`),
    enabled: Boolean(from && to),
  });
  const options = versions.map((version) => ({ value: version.id, label: `${version.label} (${versionStatusLabel(version.status)})` }));
  return (
    <QueryState query={sop}>
      {(detail) => (
        <>
          <PageHeader
            title={`Compare versions of ${detail.key}`}
            description={detail.title}
            actions={
              <AnchorLink to="/library/$sopId" params={{ sopId }}>
                Back to {detail.key}
              </AnchorLink>
            }
          />
          <Stack gap="md">
            <Paper withBorder p="md" radius="md">
              <Group align="flex-end" wrap="wrap">
                <Select label="From (older)" data={options} value={from ?? null} onChange={(value) => void navigate({ search: { from: value ?? undefined, to } })} allowDeselect={false} w={240} />
                <Select label="To (newer)" data={options} value={to ?? null} onChange={(value) => void navigate({ search: { from, to: value ?? undefined } })} allowDeselect={false} w={240} />
                <Button variant="default" onClick={() => void navigate({ search: { from: to, to: from } })} disabled={!from || !to}>
                  Swap
                </Button>
              </Group>
            </Paper>
            {versions.length < 2 ? (
              <Text size="sm">This SOP has only one version you can see.</Text>
            ) : (
              <QueryState query={comparison} loadingLabel="Comparing…">
                {(result) => (
                  <Stack gap="xs">
                    <Text size="sm">
                      From {result.from.label} to {result.to.label}
                      {result.to.changeSummary ? ` — ${result.to.changeKind} change: ${result.to.changeSummary}` : ''}
                    </Text>
                    <ContentDiffView diff={result as unknown as SopContentDiff} />
                  </Stack>
                )}
              </QueryState>
            )}
          </Stack>
        </>
      )}
    </QueryState>
  );
}
