import { AnchorLink } from '../../components/router-links';
import { useSops } from './library-api';

/** A step's referenced SOP, by key: a link to it when the reader can see it in the library, else its key. */
export function SopRefLink({ sopKey }: { sopKey: string }) {
  const sops = useSops({});
  const target = sops.data?.items.find((sop) => sop.key === sopKey);
  if (!target) return <span>SOP {sopKey}</span>;
  return (
    <AnchorLink to="/library/$sopId" params={{ sopId: target.id }} size="xs">
      {target.key} {target.title}
    </AnchorLink>
  );
}

/** The library's SOPs as options for a step's "refers to SOP", keeping a key that is no longer listed. */
export function useSopRefOptions(current: string | undefined, ownKey?: string): Array<{ value: string; label: string }> {
  const sops = useSops({});
  const options = (sops.data?.items ?? []).filter((sop) => sop.key !== ownKey).map((sop) => ({ value: sop.key, label: `${sop.key} ${sop.title}` }));
  if (current && !options.some((option) => option.value === current)) options.unshift({ value: current, label: `${current} (not in the library)` });
  return options;
}
