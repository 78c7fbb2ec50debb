import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileTypePdf, IconFileTypeHtml, IconPrinter } from '@tabler/icons-react';
import { ImportSopButton } from './import-sop-dialog';
import { NewSopButton } from './new-sop-dialog';

/** The library's page actions: write, import, and print the whole published manual. */
export function LibraryActions({ categories, canCreate }: { categories: string[]; canCreate: boolean }) {
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
            Print the manual
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href="/api/v1/manual.html" target="_blank" rel="noopener" leftSection={<IconFileTypeHtml size={16} aria-hidden />}>
            Manual (HTML)
          </Menu.Item>
          <Menu.Item component="a" href="/api/v1/manual.pdf" download leftSection={<IconFileTypePdf size={16} aria-hidden />}>
            Manual (PDF)
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {canCreate ? <ImportSopButton /> : null}
      {canCreate ? <NewSopButton categories={categories} /> : null}
    </>
  );
}
