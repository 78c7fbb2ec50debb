import type { Branch, Step } from '../../../common/procedure/model';
import { sopAnchor } from './manual-model';
import { markdownToPdfBlocks } from './pdf-markdown';
import { COLORS, FONTS, type PdfWriter } from './pdf-writer';
import { describeAction, describeRecordExtras, describeRecordField, type ProcedureContext } from './procedure-text';
import { branchLetter, numberSteps } from '../../../common/procedure/numbering';

// The procedure in print: numbered steps with hanging numbers, sub-steps indented under their
// parent's text, and each decision branch marked by a bar down its left side.

const STEP_SIZE = 10;
const NOTE_LABEL_WIDTH = 84;

type Frame = { writer: PdfWriter; numbers: ReturnType<typeof numberSteps>; context: ProcedureContext };

/** Writes the numbered steps of a procedure at the writer's position. */
export function writeProcedure(writer: PdfWriter, procedure: readonly Step[], context: ProcedureContext): void {
  writeSteps({ writer, numbers: numberSteps(procedure), context }, procedure, writer.left, [], null);
}

function writeSteps(frame: Frame, steps: readonly Step[], x: number, bars: readonly number[], after: string | null): void {
  steps.forEach((step, index) => {
    const next = steps[index + 1];
    writeStep(frame, step, x, bars, next ? frame.numbers.get(next)! : after);
  });
}

function writeStep(frame: Frame, step: Step, x: number, bars: readonly number[], after: string | null): void {
  const { writer } = frame;
  const number = frame.numbers.get(step)!;
  const numberWidth = Math.max(24, writer.widthOf(number, { font: FONTS.bold, size: STEP_SIZE }) + 9);
  const textX = x + numberWidth;
  const width = writer.right - textX;

  // Keep the number, the instruction and its first note together.
  writer.ensureSpace(writer.heightOf(step.text, width, { size: STEP_SIZE }) + 18);
  const start = writer.position();
  writer.textAt(number, x, writer.y, { font: FONTS.bold, size: STEP_SIZE, color: COLORS.accent });
  writer.text(step.text, textX, width, { size: STEP_SIZE, font: step.kind === 'decision' ? FONTS.bold : FONTS.regular });

  for (const [label, value, color] of stepNotes(step, frame.context)) {
    writer.space(2);
    writer.ensureSpace(12);
    writer.textAt(label.toUpperCase(), textX, writer.y + 1.2, { font: FONTS.bold, size: 6.8, color: COLORS.muted, characterSpacing: 0.5 });
    const valueY = writer.y;
    writer.text(value, textX + NOTE_LABEL_WIDTH, width - NOTE_LABEL_WIDTH, { size: 8.8, color: color ?? COLORS.ink, font: color ? FONTS.bold : FONTS.regular });
    // "See CS-REF-001" links to that SOP's first page when it is in the manual.
    if (label === 'See' && frame.context.keys.has(value)) writer.doc.goTo(textX + NOTE_LABEL_WIDTH, valueY, writer.widthOf(value, { size: 8.8 }), 11, sopAnchor(value));
  }
  if (step.detail) {
    writer.space(3);
    writer.markdown(markdownToPdfBlocks(step.detail), textX, width, { size: 9, color: COLORS.ink, lineGap: 1.8 });
  }
  writer.space(5);
  writer.bars(bars, start, writer.position());

  // A decision among the sub-steps rejoins at whatever follows this step.
  if (step.substeps?.length) writeSteps(frame, step.substeps, textX, bars, after);
  step.branches?.forEach((branch, index) => writeBranch(frame, branch, `${number}.${branchLetter(index)}`, textX, bars, after));
}

function writeBranch(frame: Frame, branch: Branch, number: string, x: number, bars: readonly number[], after: string | null): void {
  const { writer } = frame;
  const barX = x + 1;
  const innerX = x + 12;
  const ownBars = [...bars, barX];
  // The branch's label, its first step and the start of its bar stay together.
  writer.ensureSpace(64);
  const start = writer.position();
  writer.space(2);
  const numberWidth = Math.max(30, writer.widthOf(number, { font: FONTS.bold, size: 9.5 }) + 9);
  writer.textAt(number, innerX, writer.y, { font: FONTS.bold, size: 9.5, color: COLORS.accent });
  writer.text(branch.label, innerX + numberWidth, writer.right - innerX - numberWidth, { font: FONTS.bold, size: 9.5 });
  writer.space(5);
  writer.bars(ownBars, start, writer.position());

  if (branch.steps.length > 0) writeSteps(frame, branch.steps, innerX, ownBars, after);
  else writeBranchNote(writer, 'No steps.', innerX, ownBars, COLORS.muted);

  if (branch.end) writeBranchNote(writer, `End of procedure: ${branch.end.outcome}`, innerX, ownBars, COLORS.warn, FONTS.bold);
  else writeBranchNote(writer, after ? `Then continue with step ${after}.` : 'Then the procedure is complete.', innerX, ownBars, COLORS.muted);
}

function writeBranchNote(writer: PdfWriter, text: string, x: number, bars: readonly number[], color: string, font: string = FONTS.italic): void {
  writer.ensureSpace(14);
  const start = writer.position();
  writer.text(text, x, writer.right - x, { size: 8.8, color, font });
  writer.space(6);
  writer.bars(bars, start, writer.position());
}

/** The labelled facts under a step's instruction; a colour marks what needs attention. */
function stepNotes(step: Step, context: ProcedureContext): Array<[string, string, string?]> {
  const notes: Array<[string, string, string?]> = [];
  if (step.role) notes.push(['Performed by', step.role]);
  if (step.kind === 'referral') notes.push(['Refer to', step.referTo ?? 'the role named in the step', COLORS.warn]);
  if (step.action) notes.push(['Governed action', describeAction(step.action, context)]);
  if (step.record) {
    const extras = describeRecordExtras(step.record);
    const fields = step.record.fields.map(describeRecordField).join('; ');
    notes.push(['Record', [fields, extras && `also ${extras}`].filter(Boolean).join('; ') || 'the outcome']);
  }
  if (step.sopRef) notes.push(['See', step.sopRef]);
  return notes;
}
