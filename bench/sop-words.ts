/**
 * Generated SOP text for the benchmarks: customer-service procedures built from word lists, the
 * same for the same seed. Each SOP has a topic (refunds, deliveries …) whose words dominate it and
 * a sprinkling of words from other topics, so that a three-word query matches a few dozen to a few
 * hundred of 10,000 SOPs, as an agent's query would — not none, not all.
 */
import type { SopContent, Step } from '../common/procedure/model';
import { seededRandom } from '../common/seeded-random';

export type Topic = { code: string; category: string; subject: string; nouns: string[]; adjectives: string[] };

export const TOPICS: Topic[] = [
  { code: 'REF', category: 'Refunds', subject: 'refund', nouns: ['refund', 'receipt', 'payment', 'voucher', 'card', 'bank', 'statement', 'amount', 'chargeback', 'credit'], adjectives: ['partial', 'full', 'late', 'duplicate', 'pending'] },
  { code: 'RET', category: 'Returns', subject: 'return', nouns: ['return', 'label', 'parcel', 'item', 'box', 'collection', 'courier', 'warehouse', 'exchange', 'packaging'], adjectives: ['unwanted', 'unopened', 'faulty', 'wrong', 'bulky'] },
  { code: 'DEL', category: 'Deliveries', subject: 'delivery', nouns: ['delivery', 'parcel', 'courier', 'tracking', 'address', 'driver', 'slot', 'depot', 'signature', 'neighbour'], adjectives: ['late', 'missing', 'damaged', 'partial', 'redirected'] },
  { code: 'CMP', category: 'Complaints', subject: 'complaint', nouns: ['complaint', 'apology', 'escalation', 'ombudsman', 'resolution', 'letter', 'deadlock', 'investigation', 'redress', 'feedback'], adjectives: ['formal', 'repeat', 'serious', 'written', 'verbal'] },
  { code: 'HSE', category: 'Health and safety', subject: 'accident', nouns: ['accident', 'injury', 'first-aider', 'hazard', 'spill', 'witness', 'ambulance', 'floor', 'sign', 'logbook'], adjectives: ['minor', 'serious', 'wet', 'blocked', 'reportable'] },
  { code: 'LOY', category: 'Loyalty', subject: 'loyalty card', nouns: ['loyalty', 'points', 'card', 'membership', 'reward', 'tier', 'statement', 'balance', 'coupon', 'account'], adjectives: ['lost', 'expired', 'merged', 'frozen', 'premium'] },
  { code: 'BIL', category: 'Billing', subject: 'invoice', nouns: ['invoice', 'bill', 'overcharge', 'instalment', 'direct', 'debit', 'tariff', 'arrears', 'discount', 'fee'], adjectives: ['incorrect', 'overdue', 'estimated', 'final', 'disputed'] },
  { code: 'WAR', category: 'Warranty', subject: 'warranty claim', nouns: ['warranty', 'repair', 'engineer', 'fault', 'serial', 'manufacturer', 'replacement', 'diagnosis', 'spare', 'workshop'], adjectives: ['faulty', 'intermittent', 'cosmetic', 'covered', 'expired'] },
  { code: 'ACC', category: 'Accounts', subject: 'account', nouns: ['account', 'password', 'email', 'identity', 'login', 'profile', 'security', 'verification', 'closure', 'consent'], adjectives: ['locked', 'hacked', 'duplicate', 'dormant', 'verified'] },
  { code: 'DSP', category: 'Disputes', subject: 'dispute', nouns: ['dispute', 'evidence', 'chargeback', 'bank', 'transaction', 'fraud', 'statement', 'merchant', 'deadline', 'outcome'], adjectives: ['open', 'lost', 'won', 'suspicious', 'unauthorised'] },
  { code: 'STK', category: 'Stock', subject: 'stock check', nouns: ['stock', 'shelf', 'barcode', 'supplier', 'backorder', 'recall', 'batch', 'expiry', 'pallet', 'till'], adjectives: ['short', 'recalled', 'expired', 'mislabelled', 'seasonal'] },
  { code: 'BKG', category: 'Bookings', subject: 'booking', nouns: ['booking', 'appointment', 'reservation', 'deposit', 'calendar', 'reminder', 'cancellation', 'fitting', 'visit', 'waitlist'], adjectives: ['missed', 'double', 'cancelled', 'urgent', 'rescheduled'] },
];

export const CHANNELS = ['phone', 'email', 'live chat', 'social media', 'in person'];
export const ROLES = ['Agent', 'Senior agent', 'Team lead', 'Supervisor', 'Quality manager', 'Store manager'];
const GENERAL_NOUNS = [
  'customer', 'order', 'case', 'note', 'policy', 'system', 'record', 'manager', 'team', 'product', 'store', 'contact', 'reference', 'details', 'history',
  'reason', 'photo', 'form', 'queue', 'summary', 'colleague', 'shift', 'handover', 'script', 'template', 'outcome', 'date', 'time', 'number', 'name',
  'price', 'branch', 'region', 'supervisor', 'agent', 'promise', 'message', 'reply', 'call', 'chat', 'email', 'post', 'follow-up', 'target', 'rule',
  'exception', 'limit', 'approval', 'checklist', 'report', 'screen', 'field', 'status', 'priority', 'tag', 'link', 'attachment', 'survey', 'score', 'week',
];
const VERBS = ['Check', 'Confirm', 'Ask for', 'Record', 'Explain', 'Open', 'Update', 'Send', 'Verify', 'Review', 'Attach', 'Tell the customer about', 'Offer', 'Agree', 'Search for', 'Close', 'Print', 'Photograph', 'Escalate', 'Cancel'];
const LINKS = ['before you continue', 'on the case', 'in the order system', 'with the customer', 'within one working day', 'and note the outcome', 'if the customer asks', 'using the standard wording'];

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function someOf<T>(random: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  return [...new Set(Array.from({ length: count }, () => pick(random, items)))];
}

/** Distinct items, `count` of them (or all when there are fewer). */
function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/**
 * The words one SOP is about: a few of its topic's nouns and adjectives (a refund SOP about
 * vouchers and receipts, another about chargebacks), so that not every SOP of a topic holds every
 * word of it.
 */
export type Vocabulary = { topic: Topic; nouns: string[]; adjectives: string[]; general: string[] };

export function vocabularyOf(random: () => number, topic: Topic): Vocabulary {
  return { topic, nouns: sample(random, topic.nouns, 4), adjectives: sample(random, topic.adjectives, 2), general: sample(random, GENERAL_NOUNS, 15) };
}

/** A noun of the SOP's own words most of the time, now and then one from any topic. */
function noun(random: () => number, words: Vocabulary): string {
  const roll = random();
  if (roll < 0.45) return pick(random, words.nouns);
  if (roll < 0.97) return pick(random, words.general);
  return pick(random, pick(random, TOPICS).nouns);
}

/** "Check the damaged parcel and the receipt on the case." */
export function instruction(random: () => number, words: Vocabulary): string {
  const adjective = random() < 0.4 ? `${pick(random, words.adjectives)} ` : '';
  const second = random() < 0.5 ? ` and the ${noun(random, words)}` : '';
  return `${pick(random, VERBS)} the ${adjective}${noun(random, words)}${second} ${pick(random, LINKS)}.`;
}

export function sentence(random: () => number, words: Vocabulary): string {
  const parts = Array.from({ length: 8 + Math.floor(random() * 10) }, () => (random() < 0.2 ? pick(random, words.adjectives) : noun(random, words)));
  return `The ${parts.join(' ')}.`.replace(/ (\S+)\.$/, ' and $1.');
}

function paragraph(random: () => number, words: Vocabulary, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, words)).join(' ');
}

export type GeneratedSop = { key: string; title: string; category: string; channels: string[]; audience: string[]; topic: Topic; content: SopContent };

/** SOP number `index` (keys are unique across indexes): metadata and content that the model accepts. */
export function generateSop(index: number, seed = 1): GeneratedSop {
  const random = seededRandom(seed * 1_000_003 + index);
  const topic = TOPICS[index % TOPICS.length]!;
  const words = vocabularyOf(random, topic);
  const adjective = pick(random, words.adjectives);
  const title = `${pick(random, ['Handle', 'Resolve', 'Process', 'Log', 'Answer'])} a ${adjective} ${topic.subject} (${pick(random, words.general)} ${index})`;
  let counter = 0;
  const steps = (count: number, depth: number): Step[] =>
    Array.from({ length: count }, (): Step => {
      const id = `s${++counter}`;
      if (depth === 0 && random() < 0.15) {
        return {
          id,
          kind: 'decision',
          text: `Decide whether the ${noun(random, words)} is ${pick(random, words.adjectives)}.`,
          branches: [
            { id: `${id}-yes`, label: 'Yes', steps: steps(1 + Math.floor(random() * 2), depth + 1) },
            { id: `${id}-no`, label: 'No', steps: steps(1, depth + 1), end: { outcome: `Case closed: ${topic.subject} not needed` } },
          ],
        };
      }
      const step: Step = { id, kind: random() < 0.1 ? 'referral' : 'action', text: instruction(random, words) };
      if (step.kind === 'referral') step.referTo = pick(random, ROLES);
      if (random() < 0.25) step.detail = sentence(random, words);
      if (depth === 0 && random() < 0.2) step.substeps = steps(2, depth + 1);
      return step;
    });
  const content: SopContent = {
    purpose: paragraph(random, words, 2),
    scope: paragraph(random, words, 1),
    responsibilities: someOf(random, ROLES, 1, 3).map((role) => ({ role, duties: sentence(random, words) })),
    procedure: steps(6 + Math.floor(random() * 8), 0),
    healthAndSafety: random() < 0.7 ? 'None.' : sentence(random, words),
    equipment: `The ${pick(random, ['order system', 'case system', 'till', 'phone system', 'chat console'])}.`,
    glossary: someOf(random, words.nouns, 1, 3).map((term) => ({ term, definition: sentence(random, words) })),
    tips: random() < 0.5 ? sentence(random, words) : '',
    references: [],
    additionalSections: [],
  };
  return {
    key: `CS-${topic.code}-${String(index).padStart(5, '0')}`,
    title,
    category: topic.category,
    channels: someOf(random, CHANNELS, 1, 3),
    audience: someOf(random, ROLES, 1, 2),
    topic,
    content,
  };
}
