import { describe, expect, it } from 'vitest';
import { refundContent } from './export-fixtures';
import { branchLetter, numberSteps } from './step-numbering';

describe('step numbers in the export', () => {
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

  it('letters branches beyond z as aa, ab …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(branchLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});
