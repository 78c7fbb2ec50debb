import { Alert, Badge, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { IMPORT_MAX_BYTES, type ImportResult } from '../../../../common/api/imports';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { useInvalidateLibrary } from './library-api';

const KIND_COLOUR: Record<ImportResult['report']['items'][number]['kind'], string> = {
  mapped: 'green',
  'kept-as-content': 'blue',
  unmapped: 'orange',
  warning: 'red',
};

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "Import Markdown or Word": a dry run shows the line-by-line report first, then the import makes a draft. */
export function ImportSopButton() {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={open}>
        Import Markdown or Word
      </Button>
      <Modal opened={opened} onClose={close} title="Import an SOP from Markdown or Word" size="xl">
        {opened ? <ImportForm onDone={close} /> : null}
      </Modal>
    </>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const navigate = useNavigate();
  const invalidate = useInvalidateLibrary();
  const send = useMutation({
    mutationFn: async ({ dryRun }: { dryRun: boolean }) => {
      if (!file) throw new Error('Choose a file first.');
      if (file.size > IMPORT_MAX_BYTES) throw new Error('The file is larger than 2 MiB.');
      return api<ImportResult>('/sops/import', { method: 'POST', body: { fileName: file.name, contentBase64: await toBase64(file), dryRun } });
    },
    onSuccess: async (result) => {
      if (result.dryRun || !result.sop) return;
      await invalidate();
      onDone();
      await navigate({ to: '/library/$sopId/edit', params: { sopId: result.sop.id } });
    },
  });
  const report = send.data?.dryRun ? send.data : null;

  return (
    <Stack>
      <Text size="sm">
        Headings become sections, numbered lists become steps, “If … / Otherwise …” becomes a decision where it is unambiguous. Nothing is dropped: what cannot be mapped stays in the SOP as content. You see the report before anything is created.
      </Text>
      <FileInput
        label="File"
        description=".md, .markdown, .txt or .docx, at most 2 MiB"
        accept=".md,.markdown,.txt,.docx,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        value={file}
        onChange={(next) => {
          setFile(next);
          send.reset();
        }}
        clearable
        clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
      />
      {send.error ? <ProblemAlert error={send.error} title="The file could not be imported" /> : null}
      {report ? <ImportReport result={report} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        {report ? (
          <Button onClick={() => send.mutate({ dryRun: false })} loading={send.isPending}>
            Import as a draft
          </Button>
        ) : (
          <Button onClick={() => send.mutate({ dryRun: true })} loading={send.isPending} disabled={!file}>
            Check the file
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  return (
    <Stack gap="xs">
      <Alert color="blue" variant="light" title={`${result.metadata.key || 'No key'} — ${result.metadata.title || 'untitled'}`}>
        {result.report.summary}
      </Alert>
      <ScrollArea.Autosize mah={320} viewportProps={{ tabIndex: 0, 'aria-label': 'Import report, scrollable' }}>
        <Table striped aria-label="Import report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Lines</Table.Th>
              <Table.Th scope="col">What happened</Table.Th>
              <Table.Th scope="col">Where it went</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.report.items.map((item, index) => (
              <Table.Tr key={index}>
                <Table.Td>{item.line === item.endLine ? item.line : `${item.line}–${item.endLine}`}</Table.Td>
                <Table.Td>
                  <Badge c="gray.9" color={KIND_COLOUR[item.kind]} variant="light" radius="sm">
                    {item.kind.replace(/-/g, ' ')}
                  </Badge>
                </Table.Td>
                <Table.Td>{item.target ?? '—'}</Table.Td>
                <Table.Td>{item.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
