import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { SopVersion, StyleFinding } from '../../../../common/api/sops';
import type { SopContent } from '../../../../common/procedure/model';
import { api } from '../../api/client';
import { conflictOf } from '../../components/version-conflict-alert';
import { useInvalidateLibrary, versionKey } from './library-api';

// Autosave of a draft: edits are kept in localStorage at once (a reload or a crash loses
// nothing), and sent to the server a moment after the typing stops, with the revision they were
// made on. When someone else saved in between, the server refuses with 409 and its version, and
// the editor shows both.

const SAVE_DELAY_MS = 1200;

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'error';

type Stored = { baseRevision: number; content: SopContent; changeSummary: string; at: string };

type DraftState = {
  content: SopContent;
  changeSummary: string;
  revision: number;
  dirty: boolean;
  findings: StyleFinding[];
  conflict: SopVersion | null;
  error: unknown;
  /** True when the content on screen came from this browser's storage rather than the server. */
  restored: boolean;
};

/** Rows left entirely empty are not sent: an "Add" click must not make the draft unsavable. */
export function cleanForSave(content: SopContent): SopContent {
  const filled = (row: Record<string, string | undefined>) => Object.values(row).some((value) => value && value.trim() !== '');
  return {
    ...content,
    responsibilities: content.responsibilities.filter(filled),
    glossary: content.glossary.filter(filled),
    references: content.references.filter((reference) => reference.target.trim() !== '' || (reference.label ?? '').trim() !== ''),
  };
}

const storageKeyOf = (versionId: string) => `sopdesk:draft:${versionId}`;

function readStored(versionId: string): Stored | null {
  try {
    const text = localStorage.getItem(storageKeyOf(versionId));
    return text ? (JSON.parse(text) as Stored) : null;
  } catch {
    return null;
  }
}

function writeStored(versionId: string, stored: Stored | null): void {
  try {
    if (stored) localStorage.setItem(storageKeyOf(versionId), JSON.stringify(stored));
    else localStorage.removeItem(storageKeyOf(versionId));
  } catch {
    // Storage full or disabled: autosave to the server still works.
  }
}

function initialState(version: SopVersion): DraftState {
  const stored = readStored(version.id);
  const base = { findings: version.findings, conflict: null, error: null };
  if (stored && stored.baseRevision <= version.revision) {
    // Unsaved edits from before a reload. If they were made on an older revision, the first save
    // meets a 409 and the conflict dialog shows both.
    return { ...base, content: stored.content, changeSummary: stored.changeSummary, revision: stored.baseRevision, dirty: true, restored: true };
  }
  return { ...base, content: version.content, changeSummary: version.changeSummary, revision: version.revision, dirty: false, restored: false };
}

export function useDraftAutosave(version: SopVersion) {
  const client = useQueryClient();
  const invalidate = useInvalidateLibrary();
  const [state, setState] = useState<DraftState>(() => initialState(version));

  const save = useMutation({
    mutationFn: (payload: { revision: number; content: SopContent; changeSummary: string }) =>
      api<SopVersion>(`/sops/${version.sopId}/versions/${version.id}/content`, { method: 'PUT', body: { ...payload, content: cleanForSave(payload.content) } }),
  });
  const { mutate, isPending } = save;

  const send = useCallback(
    (payload: { revision: number; content: SopContent; changeSummary: string }) => {
      mutate(payload, {
        onSuccess: (saved) => {
          client.setQueryData(versionKey(saved.sopId, saved.id), saved);
          void invalidate();
          setState((current) => {
            // Edits made while the save was on its way stay unsaved, now on the new revision.
            const unchanged = current.content === payload.content && current.changeSummary === payload.changeSummary;
            if (unchanged) writeStored(version.id, null);
            else writeStored(version.id, { baseRevision: saved.revision, content: current.content, changeSummary: current.changeSummary, at: new Date().toISOString() });
            return { ...current, revision: saved.revision, dirty: !unchanged, findings: saved.findings, conflict: null, error: null, restored: current.restored && !unchanged };
          });
        },
        onError: (error) => {
          const current = conflictOf<SopVersion>(error);
          setState((state) => (current ? { ...state, conflict: current, error: null } : { ...state, error }));
        },
      });
    },
    [client, invalidate, mutate, version.id],
  );

  // Debounced: every edit restarts the wait.
  useEffect(() => {
    if (!state.dirty || state.conflict || state.error || isPending) return;
    const timer = setTimeout(() => send({ revision: state.revision, content: state.content, changeSummary: state.changeSummary }), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state.dirty, state.conflict, state.error, state.revision, state.content, state.changeSummary, isPending, send]);

  const edit = useCallback(
    (change: Partial<Pick<DraftState, 'content' | 'changeSummary'>> | ((content: SopContent) => SopContent)) => {
      setState((current) => {
        const next = typeof change === 'function' ? { content: change(current.content) } : change;
        const content = next.content ?? current.content;
        const changeSummary = next.changeSummary ?? current.changeSummary;
        writeStored(version.id, { baseRevision: current.revision, content, changeSummary, at: new Date().toISOString() });
        return { ...current, content, changeSummary, dirty: true, error: null };
      });
    },
    [version.id],
  );

  /** Conflict: overwrite the other person's save with this editor's content, on their revision. */
  const keepMine = useCallback(() => {
    const theirs = state.conflict;
    if (!theirs) return;
    setState((current) => ({ ...current, revision: theirs.revision, conflict: null }));
    send({ revision: theirs.revision, content: state.content, changeSummary: state.changeSummary });
  }, [send, state.conflict, state.content, state.changeSummary]);

  /** Conflict: drop this editor's changes and continue from the other person's save. */
  const takeTheirs = useCallback(() => {
    const theirs = state.conflict;
    if (!theirs) return;
    writeStored(version.id, null);
    client.setQueryData(versionKey(theirs.sopId, theirs.id), theirs);
    setState({ content: theirs.content, changeSummary: theirs.changeSummary, revision: theirs.revision, dirty: false, findings: theirs.findings, conflict: null, error: null, restored: false });
  }, [client, state.conflict, version.id]);

  const retry = useCallback(() => setState((current) => ({ ...current, error: null })), []);

  const status: SaveStatus = state.conflict ? 'conflict' : state.error ? 'error' : isPending ? 'saving' : state.dirty ? 'unsaved' : 'saved';
  return { ...state, status, edit, keepMine, takeTheirs, retry, saveNow: () => send({ revision: state.revision, content: state.content, changeSummary: state.changeSummary }) };
}
