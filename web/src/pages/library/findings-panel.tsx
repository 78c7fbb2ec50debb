import { Alert, Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { StyleFinding } from '../../../../common/api/sops';
import { SECTION_TITLES } from '../../../../common/procedure/model';

function whereOf(finding: StyleFinding, numbers: Map<string, string>): string {
  if (finding.stepId) return `Step ${finding.stepNumber ?? numbers.get(finding.stepId) ?? '?'}`;
  return (SECTION_TITLES as Record<string, string>)[finding.section] ?? finding.section;
}

/** The style and structure checks of the last save, each naming where and why; errors block submission. */
export function FindingsPanel({ findings, numbers, onShow }: { findings: StyleFinding[]; numbers: Map<string, string>; onShow: (finding: StyleFinding) => void }) {
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
            No findings in the last saved version.
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
          Checked on every save. Errors block submission for review; warnings do not.
        </Text>
      </Stack>
    </Paper>
  );
}
