import { v7 as uuidv7 } from 'uuid';

/** A new time-sortable identifier (UUIDv7). */
export function newId(): string {
  return uuidv7();
}

/** The current time as an ISO 8601 UTC string, the form every timestamp is stored in. */
export function now(): string {
  return new Date().toISOString();
}
