import { Badge, Group, Loader, Paper, Select, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useRef, type KeyboardEvent } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { HighlightedText } from './highlighted-text';
import { useSearch, type SearchParams } from './library-api';

const RESULT_SELECTOR = '[data-search-result]';

function focusResult(container: HTMLElement | null, index: number): void {
  const links = container ? Array.from(container.querySelectorAll<HTMLElement>(RESULT_SELECTOR)) : [];
  if (links.length === 0) return;
  links[Math.max(0, Math.min(index, links.length - 1))]!.focus();
}

type SearchBoxProps = {
  value: string;
  onChange: (value: string) => void;
  onOpenFirst: () => void;
  resultsRef: React.RefObject<HTMLDivElement | null>;
};

/** The big box an agent types into during a live contact: focused on arrival, ↓ moves into the results. */
export function SearchBox({ value, onChange, onOpenFirst, resultsRef }: SearchBoxProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(resultsRef.current, 0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpenFirst();
    } else if (event.key === 'Escape') {
      onChange('');
    }
  };
  return (
    <TextInput
      type="search"
      size="lg"
      label="Search the procedures"
      description="Type a few words, e.g. “refund damaged item”. Press ↓ to move through the results and Enter to open one."
      placeholder="What is the customer asking about?"
      leftSection={<IconSearch size={20} aria-hidden />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={onKeyDown}
      // An agent on a call starts typing at once.
      autoFocus
      autoComplete="off"
      spellCheck={false}
    />
  );
}

type SearchFiltersProps = {
  params: SearchParams;
  categories: string[];
  channels: string[];
  onChange: (params: SearchParams) => void;
};

export function SearchFilters({ params, categories, channels, onChange }: SearchFiltersProps) {
  return (
    <Group gap="sm" wrap="wrap">
      <Select label="Category" placeholder="Any category" data={categories} value={params.category ?? null} onChange={(value) => onChange({ ...params, category: value ?? undefined })} clearable w={200} size="xs" />
      <Select label="Channel" placeholder="Any channel" data={channels} value={params.channel ?? null} onChange={(value) => onChange({ ...params, channel: value ?? undefined })} clearable w={180} size="xs" />
      <Select
        label="Status"
        data={[
          { value: 'published', label: 'In use (published)' },
          { value: 'retired', label: 'Retired' },
          { value: 'any', label: 'Published or retired' },
        ]}
        value={params.status ?? 'published'}
        onChange={(value) => onChange({ ...params, status: (value as SearchParams['status']) ?? undefined })}
        allowDeselect={false}
        w={200}
        size="xs"
      />
    </Group>
  );
}

/** Ranked results with the matching words marked; arrow keys move between them. */
export function SearchResultsList({ params, resultsRef }: { params: SearchParams; resultsRef: React.RefObject<HTMLDivElement | null> }) {
  const search = useSearch(params);
  const listRef = useRef<HTMLOListElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(listRef.current?.querySelectorAll<HTMLElement>(RESULT_SELECTOR) ?? []);
    const current = links.indexOf(document.activeElement as HTMLElement);
    event.preventDefault();
    if (event.key === 'ArrowUp' && current <= 0) {
      document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
      return;
    }
    focusResult(resultsRef.current, current + (event.key === 'ArrowDown' ? 1 : -1));
  };

  if (search.isError) return <ProblemAlert error={search.error} title="The search did not work" />;
  const items = search.data?.items ?? [];
  const found = `${items.length} procedure${items.length === 1 ? '' : 's'}`;
  const summary = search.isPending
    ? 'Searching…'
    : items.length === 0
      ? `No published procedure matches “${params.q}”.`
      : search.data?.everyWord === false
        ? `No procedure has every word of “${params.q}”. ${found} with some of them, best match first`
        : `${found} found, best match first`;
  return (
    <div ref={resultsRef}>
      <Group gap="xs" mb="xs" aria-live="polite" role="status">
        {search.isFetching ? <Loader size="xs" aria-hidden /> : null}
        <Text size="sm" c="gray.7">
          {summary}
        </Text>
      </Group>
      {items.length > 0 ? (
        <ol aria-label="Search results" ref={listRef} onKeyDown={onKeyDown} style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {items.map((item) => (
            <li key={item.sopId}>
              <Link to="/library/$sopId" params={{ sopId: item.sopId }} data-search-result className="search-result" style={{ display: 'block', color: 'inherit', textDecoration: 'none', borderRadius: 8 }}>
              <Paper withBorder p="sm" radius="md">
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={700} ff="monospace">
                    {item.key}
                  </Text>
                  <Text fw={600}>
                    <HighlightedText segments={item.titleHighlighted} />
                  </Text>
                  {item.versionLabel ? (
                    <Text size="xs" c="gray.7">
                      version {item.versionLabel}
                    </Text>
                  ) : null}
                  {item.status === 'retired' ? (
                    <Badge c="gray.9" color="dark" variant="light" size="sm">
                      Retired
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm" mt={4} lineClamp={3}>
                  <HighlightedText segments={item.snippet} />
                </Text>
                <Text size="xs" c="gray.7" mt={4}>
                  {[item.category, ...item.channels].join(' · ')}
                </Text>
              </Paper>
              </Link>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
