import { ActionIcon, Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { StyleFinding } from '../../../../common/api/sops';
import { RECORD_FIELD_TYPES, STEP_KINDS, type RecordField, type Step } from '../../../../common/procedure/model';
import { useGovernedActions } from '../../api/library-settings';
import { KIND_LABEL } from './procedure-list-view';
import { SopRefSelect } from './sop-ref-link';

type DetailsProps = {
  step: Step;
  number: string;
  update: (change: (step: Step) => Step) => void;
  changeKind: (kind: Step['kind']) => void;
  findings: StyleFinding[];
  /** The key of the SOP being edited, which a step cannot refer to. */
  sopKey?: string;
};

const KIND_HELP: Record<Step['kind'], string> = {
  action: 'Something the performer does.',
  decision: 'A question with named answers (branches), each with its own steps; a branch rejoins or ends the procedure.',
  referral: 'Hand the case over to another role.',
  record: 'Evidence that must be captured: fields, a note, an attachment.',
};

/** An optional text field: empty means absent, so the saved step stays valid. */
function optional<K extends 'role' | 'referTo' | 'sopRef' | 'detail'>(step: Step, key: K, value: string): Step {
  if (value.trim() !== '') return { ...step, [key]: value };
  const { [key]: _old, ...rest } = step;
  return rest as Step;
}

/** lower_snake_case from a label, as the record field key must be. */
function fieldKeyOf(label: string, index: number): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key.slice(0, 60) : `field_${index + 1}${key ? `_${key}` : ''}`.slice(0, 60);
}

function RecordFields({ step, number, update }: Pick<DetailsProps, 'step' | 'number' | 'update'>) {
  const record = step.record ?? { fields: [] };
  const setFields = (fields: RecordField[]) => update((current) => ({ ...current, record: { ...record, fields } }));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        Evidence to record
      </Text>
      {record.fields.map((field, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            size="xs"
            label={`Field ${index + 1} label`}
            value={field.label}
            onChange={(event) => {
              const label = event.currentTarget.value;
              setFields(record.fields.map((item, at) => (at === index ? { ...item, label, key: fieldKeyOf(label, at) } : item)));
            }}
            w={200}
          />
          <Select
            size="xs"
            label={`Field ${index + 1} type`}
            data={[...RECORD_FIELD_TYPES]}
            value={field.type}
            onChange={(type) => setFields(record.fields.map((item, at) => (at === index ? { ...item, type: (type as RecordField['type']) ?? 'text' } : item)))}
            allowDeselect={false}
            w={120}
          />
          <Checkbox size="xs" label="Required" checked={field.required} onChange={(event) => {
            const required = event.currentTarget.checked;
            setFields(record.fields.map((item, at) => (at === index ? { ...item, required } : item)));
          }} mb={6} />
          <ActionIcon variant="subtle" color="red.8" aria-label={`Remove field ${index + 1} of step ${number}`} onClick={() => setFields(record.fields.filter((_, at) => at !== index))} mb={2}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group gap="md">
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setFields([...record.fields, { key: `field_${record.fields.length + 1}`, label: `Field ${record.fields.length + 1}`, type: 'text', required: false }])}>
          Add field
        </Button>
        <Checkbox size="xs" label="A note" checked={Boolean(record.note)} onChange={(event) => {
          const note = event.currentTarget.checked;
          update((current) => ({ ...current, record: { ...record, note } }));
        }} />
        <Checkbox size="xs" label="An attachment" checked={Boolean(record.attachment)} onChange={(event) => {
          const attachment = event.currentTarget.checked;
          update((current) => ({ ...current, record: { ...record, attachment } }));
        }} />
      </Group>
    </Stack>
  );
}

/** Everything about a step beyond its instruction: kind, role, detail, and what its kind needs. */
export function StepDetails({ step, number, update, changeKind, findings, sopKey }: DetailsProps) {
  const actions = useGovernedActions();
  const text = (key: 'role' | 'referTo' | 'detail') => ({
    value: step[key] ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.currentTarget.value;
      update((current) => optional(current, key, value));
    },
  });
  return (
    <Stack gap="xs" mt="xs" pl={28} pb={4}>
      {findings.map((finding, index) => (
        <Text key={index} size="xs" c={finding.severity === 'error' ? 'red.9' : '#8a4b00'}>
          {finding.severity === 'error' ? 'Error' : 'Warning'}: {finding.message}
          {finding.why ? ` — ${finding.why}` : ''}
        </Text>
      ))}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={`Kind of step ${number}`}
          description={KIND_HELP[step.kind]}
          data={STEP_KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] }))}
          value={step.kind}
          onChange={(kind) => kind && changeKind(kind as Step['kind'])}
          allowDeselect={false}
          size="xs"
        />
        <TextInput label="Performed by (role)" description="Empty: the SOP’s main role" size="xs" {...text('role')} />
        <SopRefSelect value={step.sopRef} ownKey={sopKey} onChange={(key) => update((current) => optional(current, 'sopRef', key ?? ''))} />
      </SimpleGrid>
      {step.kind === 'referral' ? <TextInput label="Refer to (role)" description="Who the case is handed over to" size="xs" w={300} {...text('referTo')} /> : null}
      {step.kind === 'action' ? (
        <Group gap="md" align="flex-end">
          <Select
            label="Governed action"
            description="Checked against the authority matrix on a case"
            placeholder="None"
            // A retired action is not offered, but a step that already names it keeps it, marked so.
            data={(actions.data?.items ?? [])
              .filter((action) => !action.retiredAt || action.key === step.action?.key)
              .map((action) => ({ value: action.key, label: action.retiredAt ? `${action.label} (retired)` : action.label }))}
            value={step.action?.key ?? null}
            onChange={(key) => {
              const known = actions.data?.items.find((action) => action.key === key);
              update(({ action: _action, ...rest }) => (key ? { ...rest, action: { key, hasAmount: known?.hasAmount ?? false } } : rest));
            }}
            clearable
            size="xs"
            w={260}
          />
          {step.action ? (
            <Checkbox label="Carries an amount" checked={step.action.hasAmount} onChange={(event) => {
              const hasAmount = event.currentTarget.checked;
              update((current) => (current.action ? { ...current, action: { ...current.action, hasAmount } } : current));
            }} size="xs" mb={6} />
          ) : null}
        </Group>
      ) : null}
      {step.kind === 'record' ? <RecordFields step={step} number={number} update={update} /> : null}
      <Textarea label="Detail (Markdown)" description="Why, hints, what to say to the customer" autosize minRows={2} maxRows={10} size="xs" {...text('detail')} />
    </Stack>
  );
}
