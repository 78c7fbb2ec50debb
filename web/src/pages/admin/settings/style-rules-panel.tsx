import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { updateStyleRuleSettingsBodySchema, type StyleRuleSettingsAnswer } from '../../../../../common/api/style-rules';
import { STYLE_RULE_IDS, type StyleRuleSettings } from '../../../../../common/procedure/style-rules';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { STYLE_RULES_KEY, useStyleRuleSettings } from '../../../api/style-rules';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../../components/version-conflict-alert';

type Thresholds = StyleRuleSettings['thresholds'];

const THRESHOLDS: Array<{ key: keyof Thresholds; label: string; description: string; min: number; max: number; rule: string }> = [
  { key: 'maxSentenceWords', label: 'Longest sentence (words)', description: 'Longer sentences in a section are reported', min: 8, max: 80, rule: 'sentence-length' },
  { key: 'maxStepWords', label: 'Longest step instruction (words)', description: 'Longer instructions are reported', min: 5, max: 80, rule: 'step-length' },
  { key: 'minReadingEase', label: 'Lowest reading ease (0–100)', description: 'Sections scoring below this are reported', min: 0, max: 100, rule: 'readability' },
  { key: 'minReadabilityWords', label: 'Shortest section scored (words)', description: 'Shorter sections are not scored', min: 10, max: 1000, rule: 'readability' },
];

const validateBody = zod4Resolver(updateStyleRuleSettingsBodySchema);

/** Errors on one tag of a list ("extraVerbs.2") shown on the list's field, naming the tag. */
function foldListErrors(errors: FormErrors, values: StyleRuleSettings): FormErrors {
  const folded: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^(extraVerbs|knownAcronyms)\.(\d+)/.exec(path);
    if (!match) folded[path] = message;
    else folded[match[1]!] ??= `“${values[match[1] as 'extraVerbs' | 'knownAcronyms'][Number(match[2])] ?? ''}” ${String(message)}`;
  }
  return folded;
}

const onOff = (settings: StyleRuleSettings) => STYLE_RULE_IDS.filter((id) => !settings.rules[id]).join(', ') || 'all on';

function StyleRulesForm({ answer }: { answer: StyleRuleSettingsAnswer }) {
  const client = useQueryClient();
  // The version this edit is based on; loading someone else's save moves it forward.
  const edit = useEditBase(answer);
  const version = edit.base.version;
  const form = useForm<StyleRuleSettings>({ initialValues: answer.settings, validate: (values) => foldListErrors(validateBody({ ...values, version }), values) });
  const save = useMutation({
    mutationFn: (values: StyleRuleSettings) => api<StyleRuleSettingsAnswer>('/settings/style-rules', { method: 'PUT', body: { ...values, version } }),
    onSuccess: (saved) => {
      client.setQueryData(STYLE_RULES_KEY, saved);
      edit.choices((current) => form.setValues(current.settings), () => undefined).onLoad(saved);
      notifySaved('Style rules saved: editors check against them from now on.');
    },
    onError: (error) => form.setErrors(foldListErrors(fieldErrorsOf(error), form.values)),
  });
  const conflict = conflictOf<StyleRuleSettingsAnswer>(save.error);
  const editable = answer.can.update;

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        {conflict ? (
          <VersionConflictAlert
            current={conflict}
            fields={(current) => [
              ['Switched off', onOff(current.settings)],
              ...THRESHOLDS.map(({ key, label }): [string, string] => [label, String(current.settings.thresholds[key])]),
              ['Extra verbs', current.settings.extraVerbs.join(', ')],
              ['Known acronyms', current.settings.knownAcronyms.join(', ')],
            ]}
            {...edit.choices((current) => form.setValues(current.settings), save.reset)}
          />
        ) : null}
        <ProblemAlert error={conflict ? null : formLevelError(save.error)} title="Could not save the style rules" />
        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend" mb="xs">
            Rules
          </Title>
          {answer.rules.map((rule) => (
            <Switch
              key={rule.id}
              label={
                <Group gap={6} component="span">
                  <span>{rule.title}</span>
                  {rule.severities.includes('error') ? (
                    <Badge c="gray.9" color="red" variant="light" size="xs" radius="sm" tt="none">
                      can block submission
                    </Badge>
                  ) : null}
                </Group>
              }
              description={rule.why}
              disabled={!editable}
              {...form.getInputProps(`rules.${rule.id}`, { type: 'checkbox' })}
            />
          ))}
        </Stack>
        <Title order={3} size="h5">
          Thresholds
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {THRESHOLDS.map((threshold) => (
            <NumberInput
              key={threshold.key}
              label={threshold.label}
              description={`${threshold.description}${form.values.rules[threshold.rule as keyof StyleRuleSettings['rules']] ? '' : ' (the rule is off)'}; default ${answer.defaults.thresholds[threshold.key]}`}
              min={threshold.min}
              max={threshold.max}
              allowDecimal={threshold.key === 'minReadingEase'}
              disabled={!editable}
              {...form.getInputProps(`thresholds.${threshold.key}`)}
            />
          ))}
        </SimpleGrid>
        <TagsInput
          label="Extra verbs"
          description="Verbs your steps start with that the built-in list does not know, e.g. upsell; press Enter after each"
          disabled={!editable}
          clearable
          {...form.getInputProps('extraVerbs')}
        />
        <TagsInput
          label="Known acronyms"
          description="Acronyms everyone in the organisation knows, which need no glossary entry, e.g. RMA; press Enter after each"
          disabled={!editable}
          clearable
          {...form.getInputProps('knownAcronyms')}
        />
        {editable ? (
          <Group justify="space-between">
            <Button variant="default" onClick={() => form.setValues(answer.defaults)}>
              Back to the defaults
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save style rules
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

/** Which style and structure checks run on every SOP, and how strict they are. */
export function StyleRulesPanel() {
  const rules = useStyleRuleSettings();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="style-rules-heading">
      <Stack>
        <Stack gap={4}>
          <Title order={2} size="h4" id="style-rules-heading">
            Style rules
          </Title>
          <Text size="sm" c="dimmed">
            The checks every SOP is held to: the editor runs them as authors type, and a draft with errors cannot be sent for review. Switching a rule off
            or changing a threshold applies to every draft from the next check.
          </Text>
        </Stack>
        <QueryState query={rules} loadingLabel="Loading the style rules…">
          {(answer) => <StyleRulesForm answer={answer} />}
        </QueryState>
      </Stack>
    </Paper>
  );
}
