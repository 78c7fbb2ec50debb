import { describe, expect, it } from 'vitest';
import { deletionOrder } from './organisation-removal';

describe('the order in which an organisation’s tables are emptied', () => {
  it('empties a table before every table it refers to', () => {
    const order = deletionOrder(
      ['people', 'sessions', 'sop_versions', 'sops', 'sop_signatures', 'audit_events'],
      [
        { child: 'sessions', parent: 'people' },
        { child: 'sops', parent: 'people' },
        { child: 'sop_versions', parent: 'sops' },
        { child: 'sop_signatures', parent: 'sop_versions' },
        { child: 'sop_signatures', parent: 'people' },
        { child: 'people', parent: 'organisations' },
      ],
    );
    expect(order).toHaveLength(6);
    const before = (first: string, second: string) => order.indexOf(first) < order.indexOf(second);
    expect(before('sessions', 'people')).toBe(true);
    expect(before('sop_signatures', 'sop_versions')).toBe(true);
    expect(before('sop_versions', 'sops')).toBe(true);
    expect(before('sops', 'people')).toBe(true);
  });

  it('removes a table that refers to itself (a person’s manager) in one go', () => {
    expect(deletionOrder(['people', 'sessions'], [{ child: 'people', parent: 'people' }, { child: 'sessions', parent: 'people' }])).toEqual(['sessions', 'people']);
  });

  it('refuses tables that refer to each other in a cycle, naming them', () => {
    expect(() => deletionOrder(['a', 'b', 'c'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toThrow(/a, b refer to each other in a cycle/);
  });
});
