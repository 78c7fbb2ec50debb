import { ActionIcon, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { REFERENCE_KINDS, SECTION_TITLES, type SopContent } from '../../../../common/procedure/model';
import { Section } from './sop-sections';

export const sectionInputId = (section: string) => `edit-section-${section}`;

type Edit = (change: (content: SopContent) => SopContent) => void;

type MarkdownSection = 'purpose' | 'scope' | 'healthAndSafety' | 'equipment' | 'tips';

const HELP: Record<MarkdownSection, string> = {
  purpose: 'Why this procedure matters: what goes wrong for the customer or the business without it.',
  scope: 'Which cases, channels and people it covers, and what it does not.',
  healthAndSafety: 'Hazards and precautions; write “None.” if there are none.',
  equipment: 'Systems, forms and tools needed; write “None.” if there are none.',
  tips: 'Hints from the people who do the work.',
};

/** One of the Markdown sections as a textarea. */
export function MarkdownSectionEditor({ section, content, edit }: { section: MarkdownSection; content: SopContent; edit: Edit }) {
  return (
    <Textarea
      id={sectionInputId(section)}
      label={SECTION_TITLES[section]}
      description={`${HELP[section]} Markdown.`}
      value={content[section]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        edit((current) => ({ ...current, [section]: value }));
      }}
      autosize
      minRows={2}
      maxRows={12}
    />
  );
}

type RowsProps<T> = {
  title: string;
  rows: T[];
  columns: { key: keyof T & string; label: string; wide?: boolean; options?: readonly string[] }[];
  blank: T;
  onChange: (rows: T[]) => void;
  noun: string;
  plural: string;
};

/** Editable rows (responsibilities, glossary, references): one line of inputs per row. */
function RowsEditor<T extends Record<string, string | undefined>>({ title, rows, columns, blank, onChange, noun, plural }: RowsProps<T>) {
  return (
    <Stack gap={6}>
      {rows.length === 0 ? (
        <Text size="sm" c="gray.7">
          No {plural} yet.
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          {columns.map((column) =>
            column.options ? (
              <Select
                key={column.key}
                label={`${column.label} ${index + 1}`}
                data={[...column.options]}
                value={row[column.key] ?? null}
                onChange={(value) => onChange(rows.map((item, at) => (at === index ? { ...item, [column.key]: value ?? column.options![0] } : item)))}
                allowDeselect={false}
                size="xs"
                w={120}
              />
            ) : (
              <TextInput
                key={column.key}
                label={`${column.label} ${index + 1}`}
                value={row[column.key] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  onChange(rows.map((item, at) => (at === index ? { ...item, [column.key]: value } : item)));
                }}
                size="xs"
                style={{ flex: column.wide ? 3 : 1 }}
              />
            ),
          )}
          <ActionIcon variant="subtle" color="red.8" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => onChange(rows.filter((_, at) => at !== index))} mb={2}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, { ...blank }])} style={{ alignSelf: 'flex-start' }} aria-label={`Add ${noun} to ${title}`}>
        Add {noun}
      </Button>
    </Stack>
  );
}

export function LeadingSectionsEditor({ content, edit }: { content: SopContent; edit: Edit }) {
  return (
    <Section id="edit-intro" title="Purpose, scope and responsibilities">
      <MarkdownSectionEditor section="purpose" content={content} edit={edit} />
      <MarkdownSectionEditor section="scope" content={content} edit={edit} />
      <Text size="sm" fw={500}>
        {SECTION_TITLES.responsibilities}
      </Text>
      <RowsEditor
        title={SECTION_TITLES.responsibilities}
        noun="responsibility"
        plural="responsibilities"
        rows={content.responsibilities}
        columns={[
          { key: 'role', label: 'Role' },
          { key: 'duties', label: 'Duties', wide: true },
        ]}
        blank={{ role: '', duties: '' }}
        onChange={(responsibilities) => edit((current) => ({ ...current, responsibilities }))}
      />
    </Section>
  );
}

export function TrailingSectionsEditor({ content, edit }: { content: SopContent; edit: Edit }) {
  return (
    <Section id="edit-more" title="Safety, equipment, glossary, tips and references">
      <MarkdownSectionEditor section="healthAndSafety" content={content} edit={edit} />
      <MarkdownSectionEditor section="equipment" content={content} edit={edit} />
      <Text size="sm" fw={500}>
        {SECTION_TITLES.glossary}
      </Text>
      <RowsEditor
        title={SECTION_TITLES.glossary}
        noun="term"
        plural="terms"
        rows={content.glossary}
        columns={[
          { key: 'term', label: 'Term' },
          { key: 'definition', label: 'Definition', wide: true },
        ]}
        blank={{ term: '', definition: '' }}
        onChange={(glossary) => edit((current) => ({ ...current, glossary }))}
      />
      <MarkdownSectionEditor section="tips" content={content} edit={edit} />
      <Text size="sm" fw={500}>
        {SECTION_TITLES.references}
      </Text>
      <RowsEditor
        title={SECTION_TITLES.references}
        noun="reference"
        plural="references"
        rows={content.references as Array<{ kind: string; target: string; label?: string }>}
        columns={[
          { key: 'kind', label: 'Kind', options: REFERENCE_KINDS },
          { key: 'target', label: 'SOP key, title or URL', wide: true },
          { key: 'label', label: 'Label' },
        ]}
        blank={{ kind: 'sop', target: '', label: '' }}
        onChange={(references) => edit((current) => ({ ...current, references: references as SopContent['references'] }))}
      />
      {content.additionalSections.map((section, index) => (
        <Textarea
          key={index}
          label={`${section.title} (additional section)`}
          value={section.body}
          onChange={(event) => {
            const body = event.currentTarget.value;
            edit((current) => ({ ...current, additionalSections: current.additionalSections.map((item, at) => (at === index ? { ...item, body } : item)) }));
          }}
          autosize
          minRows={2}
          maxRows={12}
        />
      ))}
    </Section>
  );
}
