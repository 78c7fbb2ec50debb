import { Alert, Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { StyleFinding } from '../../../../common/api/sops';
import { SECTION_TITLES } from '../../../../common/procedure/model';

function whereOf(finding: StyleFinding, numbers: Map<string, string>): string {
  if (finding.stepId) return `Step ${finding.stepNumber ?? numbers.get(finding.stepId) ?? '?'}`;
  return (SECTION_TITLES as Record<string, string>)[finding.section] ?? finding.section;
}

/** Where the findings come from: the browser's check of the screen, the last save, or a refused submission. */
export type FindingsSource = 'live' | 'saved' | 'submission';

const NONE: Record<FindingsSource, string> = { live: 'No findings in what you have written.', saved: 'No findings in the last saved version.', submission: 'No findings.' };
const FOOTNOTE: Record<FindingsSource, string> = {
  live: 'Checked as you type, under your organisation’s rules. Errors block submission for review (checked again then); warnings do not.',
  saved: 'Checked on every save. Errors block submission for review; warnings do not.',
  submission: 'The server checked the draft when you submitted it. Fix the errors in the editor, then submit again.',
};

type FindingsPanelProps = { findings: StyleFinding[]; numbers: Map<string, string>; onShow: (finding: StyleFinding) => void; source?: FindingsSource };

/** The style and structure findings, each naming where and why; errors block submission. */
export function FindingsPanel({ findings, numbers, onShow, source = 'saved' }: FindingsPanelProps) {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="findings-heading">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5" id="findings-heading">
            Style and structure
          </Title>
          {findings.length > 0 ? (
            <Badge c="gray.9" variant="light" color={errors > 0 ? 'red' : 'yellow'}>
              {errors} error{errors === 1 ? '' : 's'}, {findings.length - errors} warning{findings.length - errors === 1 ? '' : 's'}
            </Badge>
          ) : null}
        </Group>
        {findings.length === 0 ? (
          <Alert color="teal" variant="light">
            {NONE[source]}
          </Alert>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Findings">
            {findings.map((finding, index) => (
              <li key={`${finding.ruleId}-${index}`}>
                <Paper withBorder p="xs" radius="sm" bg={finding.severity === 'error' ? 'red.0' : 'yellow.0'}>
                  <Text size="xs" fw={700} c={finding.severity === 'error' ? 'red.9' : '#8a4b00'}>
                    {finding.severity === 'error' ? 'Error' : 'Warning'} ·{' '}
                    <UnstyledButton onClick={() => onShow(finding)} style={{ textDecoration: 'underline', fontSize: 'inherit', fontWeight: 'inherit', color: 'inherit' }}>
                      {whereOf(finding, numbers)}
                    </UnstyledButton>
                  </Text>
                  <Text size="sm">{finding.message}</Text>
                  {finding.why ? (
                    <Text size="xs" c="gray.7">
                      Why: {finding.why}
                    </Text>
                  ) : null}
                </Paper>
              </li>
            ))}
          </Stack>
        )}
        <Text size="xs" c="gray.7">
          {FOOTNOTE[source]}
        </Text>
      </Stack>
    </Paper>
  );
}
