import { Alert, Button, Grid, Group, Kbd, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlus } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { SopDetail, SopVersion, StyleFinding } from '../../../../common/api/sops';
import type { SopContent, Step } from '../../../../common/procedure/model';
import { checkSopContentStyle } from '../../../../common/procedure/style-check';
import { locateStep, nextFreeId, numberStepsById } from '../../../../common/procedure/step-tree';
import { useStyleRuleSettings } from '../../api/style-rules';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/query-state';
import { AnchorLink, ButtonLink } from '../../components/router-links';
import { ConflictDialog } from './conflict-dialog';
import { FindingsPanel, type FindingsSource } from './findings-panel';
import { useSop, useVersion } from './library-api';
import { LeadingSectionsEditor, sectionInputId, TrailingSectionsEditor } from './sections-editor';
import { Section } from './sop-sections';
import { StepList, stepInputId, useFocusStep, type TreeContext } from './step-tree-editor';
import { cleanForSave, useDraftAutosave, type SaveStatus } from './use-draft-autosave';

const route = getRouteApi('/signed-in/library/$sopId/edit');

/** The draft editor: the SOP's sections and its procedure as a tree, saved as you type. */
export function SopEditorPage() {
  const { sopId } = route.useParams();
  const sop = useSop(sopId);
  const version = useVersion(sopId, sop.data?.draft?.id);
  return (
    <QueryState query={sop} loadingLabel="Loading the SOP…">
      {(detail) =>
        detail.draft ? (
          <QueryState query={version} loadingLabel="Loading the draft…">
            {(draft) => (draft.can.edit ? <DraftEditor key={draft.id} sop={detail} version={draft} /> : <NotEditable sop={detail} version={draft} />)}
          </QueryState>
        ) : (
          <NotEditable sop={detail} />
        )
      }
    </QueryState>
  );
}

function NotEditable({ sop, version }: { sop: SopDetail; version?: SopVersion }) {
  return (
    <>
      <PageHeader title={`Edit ${sop.key} ${sop.title}`} />
      <Alert color="yellow" title="There is no draft you can edit">
        <Stack gap="xs">
          <Text size="sm">
            {version
              ? `Version ${version.label} is ${version.status.replace('_', ' ')}; only a draft or a version in staff trial can be edited, by an author.`
              : 'Start a new draft from the SOP page to change it.'}
          </Text>
          <AnchorLink to="/library/$sopId" params={{ sopId: sop.id }}>
            Back to {sop.key}
          </AnchorLink>
        </Stack>
      </Alert>
    </>
  );
}

const STATUS_TEXT: Record<SaveStatus, string> = { saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved changes', conflict: 'Not saved: someone else saved first', error: 'Not saved' };

function SaveIndicator({ status }: { status: SaveStatus }) {
  const icon = status === 'saving' ? <Loader size={14} aria-hidden /> : status === 'saved' ? <IconCheck size={16} aria-hidden color="var(--mantine-color-teal-8)" /> : status === 'unsaved' ? null : <IconAlertTriangle size={16} aria-hidden color="var(--mantine-color-red-8)" />;
  return (
    <Group gap={6} role="status" aria-live="polite" data-save-status={status}>
      {icon}
      <Text size="sm" fw={600} c={status === 'error' || status === 'conflict' ? 'red.9' : 'gray.8'}>
        {STATUS_TEXT[status]}
      </Text>
    </Group>
  );
}

function groupByStep(findings: StyleFinding[]): Map<string, StyleFinding[]> {
  const map = new Map<string, StyleFinding[]>();
  for (const finding of findings) if (finding.stepId) map.set(finding.stepId, [...(map.get(finding.stepId) ?? []), finding]);
  return map;
}

const CHECK_DELAY_MS = 300;

/**
 * The style checks of what is on screen, run in the browser under the organisation's rule settings
 * a moment after each edit, so findings move before the autosave. Until the settings are loaded,
 * the findings of the last save. The server checks again on submission, and its answer decides.
 */
function useLiveFindings(content: SopContent, saved: StyleFinding[]): { items: StyleFinding[]; source: FindingsSource } {
  const rules = useStyleRuleSettings();
  const [checked] = useDebouncedValue(content, CHECK_DELAY_MS);
  const settings = rules.data?.settings;
  return useMemo(() => (settings ? { items: checkSopContentStyle(cleanForSave(checked), settings), source: 'live' } : { items: saved, source: 'saved' }), [checked, settings, saved]);
}

function DraftEditor({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  const draft = useDraftAutosave(version);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const focusStep = useFocusStep();
  const steps = draft.content.procedure;
  const numbers = useMemo(() => numberStepsById(steps), [steps]);
  const findings = useLiveFindings(draft.content, draft.findings);
  const findingsByStep = useMemo(() => groupByStep(findings.items), [findings.items]);

  const ctx: TreeContext = {
    steps,
    sopKey: sop.key,
    numbers,
    findings: findingsByStep,
    expanded,
    toggle: (id) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    apply: (edit, focusId) => {
      if (focusId) focusStep(focusId);
      draft.edit((content) => ({ ...content, procedure: edit(content.procedure) }));
    },
  };
  const addStep = () => {
    const id = nextFreeId(steps, 's');
    ctx.apply((current) => [...current, { id, kind: 'action', text: 'New step.' } satisfies Step], id);
  };
  // A finding's "where" takes the author there: the step (details opened) or the section's field.
  const showFinding = (finding: StyleFinding) => {
    if (finding.stepId && locateStep(steps, finding.stepId)) {
      const stepId = finding.stepId;
      setExpanded((current) => new Set([...current, stepId]));
      document.getElementById(stepInputId(stepId))?.focus();
      return;
    }
    const field = document.getElementById(sectionInputId(finding.section)) ?? document.getElementById(`section-${finding.section === 'procedure' ? 'edit-procedure' : finding.section}`);
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  };

  return (
    <>
      <PageHeader
        title={`Edit ${sop.key} ${sop.title}`}
        description={`Draft version ${version.label} (${version.changeKind} change). Changes are saved automatically, and kept in this browser until they are.`}
        actions={
          <>
            <SaveIndicator status={draft.status} />
            <ButtonLink to="/library/$sopId" params={{ sopId: sop.id }} variant="default">
              Done editing
            </ButtonLink>
          </>
        }
      />
      {draft.conflict ? <ConflictDialog mine={draft.content} theirs={draft.conflict} onKeepMine={draft.keepMine} onTakeTheirs={draft.takeTheirs} /> : null}
      {draft.error ? (
        <Stack mb="md">
          <ProblemAlert error={draft.error} title="The draft could not be saved" />
          <Button variant="default" onClick={draft.retry} style={{ alignSelf: 'flex-start' }}>
            Try saving again
          </Button>
        </Stack>
      ) : null}
      {draft.restored ? (
        <Alert color="blue" variant="light" mb="md">
          Unsaved changes from your last visit were restored from this browser; they are being saved now.
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <TextInput label="Change summary" description="What changes in this version and why" value={draft.changeSummary} onChange={(event) => draft.edit({ changeSummary: event.currentTarget.value })} />
            <LeadingSectionsEditor content={draft.content} edit={(change) => draft.edit(change)} />
            <Section id="edit-procedure" title="Procedure">
              <Text size="xs" c="gray.7">
                In a step’s instruction: <Kbd>Enter</Kbd> adds a step after it, <Kbd>Alt</Kbd>+<Kbd>↑</Kbd>/<Kbd>↓</Kbd> moves it, <Kbd>Alt</Kbd>+<Kbd>→</Kbd> indents it under the step before, <Kbd>Alt</Kbd>+<Kbd>←</Kbd> outdents it. Drag a step by its handle to move it within its list (or focus the handle and press <Kbd>Space</Kbd>, <Kbd>↑</Kbd>/<Kbd>↓</Kbd>, <Kbd>Space</Kbd>); its “Move to another list” button takes it anywhere else, such as into a decision’s branch. Open a step’s details to change its kind (decision, referral, record), role and detail.
              </Text>
              {steps.length === 0 ? (
                <Text size="sm" c="gray.7">
                  No steps yet.
                </Text>
              ) : (
                <StepList steps={steps} ctx={ctx} label="Procedure steps" />
              )}
              <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={addStep} style={{ alignSelf: 'flex-start' }}>
                Add step
              </Button>
            </Section>
            <TrailingSectionsEditor content={draft.content} edit={(change) => draft.edit(change)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper style={{ position: 'sticky', top: 72 }}>
            <FindingsPanel findings={findings.items} numbers={numbers} onShow={showFinding} source={findings.source} />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
