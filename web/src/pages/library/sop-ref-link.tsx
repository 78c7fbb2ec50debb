import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { AnchorLink } from '../../components/router-links';
import { useSopByKey, useSopMatches } from './library-api';

/** A step's referenced SOP, by key: a link to it when the reader can see it in the library, else its key. */
export function SopRefLink({ sopKey }: { sopKey: string }) {
  const target = useSopByKey(sopKey).data;
  if (!target) return <span>SOP {sopKey}</span>;
  return (
    <AnchorLink to="/library/$sopId" params={{ sopId: target.id }} size="xs">
      {target.key} {target.title}
    </AnchorLink>
  );
}

type SopRefSelectProps = {
  /** The key the step refers to now, if any. */
  value: string | undefined;
  onChange: (key: string | null) => void;
  /** The key of the SOP being edited, which a step cannot refer to. */
  ownKey?: string;
};

/**
 * "Refers to SOP": the library searched by key or title as the author types (a library can hold
 * thousands), keeping a key that is no longer listed.
 */
export function SopRefSelect({ value, onChange, ownKey }: SopRefSelectProps) {
  const [search, setSearch] = useState('');
  const current = useSopByKey(value);
  const currentSop = current.data;
  // While the look-up runs, the key alone: "not in the library" only once the library has said so.
  const missing = current.isPending ? value : `${value} (not in the library)`;
  const currentLabel = value ? (currentSop ? `${currentSop.key} ${currentSop.title}` : missing) : undefined;
  // The search box shows the chosen SOP's label: that is not a search, so every SOP is offered then.
  const [text] = useDebouncedValue(search === currentLabel ? '' : search, 200);
  const matches = useSopMatches(text);
  const options = (matches.data?.items ?? []).filter((sop) => sop.key !== ownKey).map((sop) => ({ value: sop.key, label: `${sop.key} ${sop.title}` }));
  if (value && currentLabel && !options.some((option) => option.value === value)) options.unshift({ value, label: currentLabel });
  return (
    <Select
      label="Refers to SOP"
      description="Another SOP this step points to"
      placeholder="Search by key or title"
      data={options}
      value={value ?? null}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the text against keys and titles.
      filter={({ options: shown }) => shown}
      clearable
      nothingFoundMessage={matches.isFetching ? 'Searching…' : 'No SOP by that key or title'}
      size="xs"
    />
  );
}
