import { Button, Group, Modal, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { SopVersion } from '../../../../common/api/sops';
import { SECTION_TITLES, type SopContent } from '../../../../common/procedure/model';
import { numberStepsById } from '../../../../common/procedure/step-tree';
import { compareSopContent } from '../../../../common/procedure/diff';
import { ContentDiffView } from './content-diff-view';
import { ProcedureListView } from './procedure-list-view';

const TEXT_SECTIONS = ['purpose', 'scope', 'healthAndSafety', 'equipment', 'tips'] as const;

function changedSections(mine: SopContent, theirs: SopContent): string[] {
  const changed: string[] = TEXT_SECTIONS.filter((key) => mine[key] !== theirs[key]).map((key) => SECTION_TITLES[key]);
  for (const key of ['responsibilities', 'procedure', 'glossary', 'references'] as const) {
    if (JSON.stringify(mine[key]) !== JSON.stringify(theirs[key])) changed.push(SECTION_TITLES[key]);
  }
  return changed;
}

function Side({ title, content }: { title: string; content: SopContent }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <ScrollArea.Autosize mah={360} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': `${title}, scrollable` }}>
        <ProcedureListView steps={content.procedure} numbers={numberStepsById(content.procedure)} />
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** Someone else saved this draft first: show both and let the author choose. */
export function ConflictDialog({ mine, theirs, onKeepMine, onTakeTheirs }: { mine: SopContent; theirs: SopVersion; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const changed = changedSections(mine, theirs.content);
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnClickOutside={false} closeOnEscape={false} title="Someone else saved this draft" size="xl">
      <Stack>
        <Text size="sm">
          Another save (revision {theirs.revision}) reached the server after you opened the draft. Your changes are not lost; choose which version to continue from.
          {changed.length > 0 ? ` The two differ in: ${changed.join(', ')}.` : ' The two have the same content.'}
        </Text>
        <Title order={3} size="h5">
          What your version changes in theirs
        </Title>
        <ScrollArea.Autosize mah={260} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Differences, scrollable' }}>
          <ContentDiffView diff={compareSopContent(theirs.content, mine)} />
        </ScrollArea.Autosize>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Side title="Your version" content={mine} />
          <Side title="Their version (saved)" content={theirs.content} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onTakeTheirs}>
            Take theirs
          </Button>
          <Button onClick={onKeepMine}>Keep mine (overwrite with the new revision)</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
