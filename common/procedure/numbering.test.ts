import { describe, expect, it } from 'vitest';
import { refundContent } from '../../server/modules/export/export-fixtures';
import { branchLetter, numberSteps, walkSteps } from './numbering';

describe('step numbering', () => {
  it('numbers steps 1, 2, sub-steps 2.1 and branch steps 3.a.1', () => {
    const procedure = refundContent().procedure;
    const numbers = numberSteps(procedure);
    const byId = new Map([...numbers].map(([step, number]) => [step.id, number]));
    expect(Object.fromEntries(byId)).toEqual({
      greet: '1',
      check: '2',
      'check-system': '2.1',
      'check-date': '2.2',
      limit: '3',
      refund: '3.a.1',
      refer: '3.b.1',
      explain: '3.c.1',
      log: '4',
    });
  });

  it('walks steps in document order with their parent and branch', () => {
    const places = walkSteps(refundContent().procedure);
    expect(places.map((place) => place.step.id)).toEqual(['greet', 'check', 'check-system', 'check-date', 'limit', 'refund', 'refer', 'explain', 'log']);
    const refund = places.find((place) => place.step.id === 'refund')!;
    expect(refund).toMatchObject({ parentId: 'limit', depth: 1, index: 0 });
    expect(refund.branchId).not.toBeNull();
    expect(places.find((place) => place.step.id === 'check-date')).toMatchObject({ parentId: 'check', branchId: null, index: 1 });
  });

  it('letters branches beyond z as aa, ab …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(branchLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});
