import { hash, verify, type Options } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../common/password-rules';
import { invalidField } from '../../errors/app-error';

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane). The algorithm is given by
// value because the library exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Options['algorithm'];
const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
  graphs: zxcvbnCommon.adjacencyGraphs,
  translations: zxcvbnEnglish.translations,
});

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so that a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that no account has');
  await verifyPassword(await decoyHash, password);
}

/**
 * Refuses passwords shorter than the minimum or easy to guess (common passwords, names, keyboard
 * walks, the person's own name or email), following NIST SP 800-63B rather than composition rules.
 */
export function assertPasswordAcceptable(password: string, field: string, personalWords: string[] = []): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw invalidField(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`, 'weak_password');
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw invalidField(field, `must be at most ${PASSWORD_MAX_LENGTH} characters`, 'weak_password');
  }
  const result = zxcvbn.check(password, personalWords.filter(Boolean));
  if (result.score < 3) {
    const hint = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})` : '';
    throw invalidField(field, `is too common or easy to guess${hint}; try a longer phrase of unrelated words`, 'weak_password');
  }
}
