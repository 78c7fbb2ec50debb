import { Anchor, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { SECTION_TITLES, type SopContent } from '../../../../common/procedure/model';
import { AnchorLink } from '../../components/router-links';
import { SafeMarkdown } from './safe-markdown';

export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`section-${id}`} className="sop-section">
      <Stack gap="xs">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <Title order={2} size="h4" id={`section-${id}`}>
            {title}
          </Title>
          {actions}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Purpose, scope and responsibilities: what comes before the procedure. */
export function LeadingSections({ content }: { content: SopContent }) {
  return (
    <>
      <Section id="purpose" title={SECTION_TITLES.purpose}>
        <SafeMarkdown>{content.purpose}</SafeMarkdown>
      </Section>
      <Section id="scope" title={SECTION_TITLES.scope}>
        <SafeMarkdown>{content.scope}</SafeMarkdown>
      </Section>
      <Section id="responsibilities" title={SECTION_TITLES.responsibilities}>
        {content.responsibilities.length === 0 ? (
          <Text size="sm" c="gray.7" fs="italic">
            No responsibilities written yet.
          </Text>
        ) : (
          <Table aria-label="Responsibilities" withRowBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="25%">
                  Role
                </Table.Th>
                <Table.Th scope="col">Duties</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.responsibilities.map((row, index) => (
                <Table.Tr key={index}>
                  <Table.Td fw={600}>{row.role}</Table.Td>
                  <Table.Td>{row.duties}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </>
  );
}

/** Health and safety, equipment, glossary, tips, references and anything the importer kept. */
export function TrailingSections({ content }: { content: SopContent }) {
  return (
    <>
      <Section id="health-and-safety" title={SECTION_TITLES.healthAndSafety}>
        <SafeMarkdown>{content.healthAndSafety}</SafeMarkdown>
      </Section>
      <Section id="equipment" title={SECTION_TITLES.equipment}>
        <SafeMarkdown>{content.equipment}</SafeMarkdown>
      </Section>
      <Section id="glossary" title={SECTION_TITLES.glossary}>
        {content.glossary.length === 0 ? (
          <Text size="sm" c="gray.7" fs="italic">
            No terms defined.
          </Text>
        ) : (
          <dl style={{ margin: 0 }}>
            {content.glossary.map((entry, index) => (
              <div key={index} style={{ marginBottom: 6 }}>
                <Text component="dt" fw={700} size="sm">
                  {entry.term}
                </Text>
                <Text component="dd" size="sm" ml="md">
                  {entry.definition}
                </Text>
              </div>
            ))}
          </dl>
        )}
      </Section>
      <Section id="tips" title={SECTION_TITLES.tips}>
        <SafeMarkdown empty="No hints or tips.">{content.tips}</SafeMarkdown>
      </Section>
      <Section id="references" title={SECTION_TITLES.references}>
        {content.references.length === 0 ? (
          <Text size="sm" c="gray.7" fs="italic">
            No references.
          </Text>
        ) : (
          <List size="sm">
            {content.references.map((reference, index) => (
              <List.Item key={index}>
                {reference.kind === 'sop' ? (
                  <AnchorLink to="/library" search={{ q: reference.target }}>
                    SOP {reference.target}
                  </AnchorLink>
                ) : reference.kind === 'link' && isUrl(reference.target) ? (
                  <Anchor href={reference.target} target="_blank" rel="noopener noreferrer">
                    {reference.label || reference.target}
                  </Anchor>
                ) : (
                  <span>{reference.target}</span>
                )}
                {reference.label && reference.kind !== 'link' ? ` — ${reference.label}` : ''}
                <Text span size="xs" c="gray.7">
                  {' '}
                  ({reference.kind})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      {content.additionalSections.map((section, index) => (
        <Section key={index} id={`additional-${index}`} title={section.title}>
          <SafeMarkdown>{section.body}</SafeMarkdown>
        </Section>
      ))}
    </>
  );
}
