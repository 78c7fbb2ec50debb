import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDndContext,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type Modifier,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { createContext, use, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import type { Step } from '../../../../common/procedure/model';
import { findStep, locateStep, moveStepToPlaceOf } from '../../../../common/procedure/step-tree';
import type { TreeContext } from './step-tree-editor';

// Steps move by drag (pointer, or Space and the arrow keys) among the steps of the list that holds
// them: the procedure, a step's sub-steps or a branch's steps. Moving to another list stays with
// indent and outdent. While a step is dragged, the steps of every other list stop being places to
// drop it, so the pointer and the arrow keys only ever offer its siblings.

const keepVertical: Modifier = ({ transform }) => ({ ...transform, x: 0 });

/**
 * The sibling a dragged step is over: the farthest one whose middle its leading edge has passed
 * (its bottom edge going down, its top edge going up), else the step itself. Steps differ in height
 * (a decision with its branches can fill the screen), so "the middle" is at most half the dragged
 * step's height in from the sibling's edge: a short step gets past a long one without crossing all
 * of it, and a keyboard move, which lines the step up with the far edge of the sibling it aims at,
 * lands on that sibling. (dnd-kit's closestCenter skips or sticks on steps of unequal height.)
 */
const leadingEdgeCollision: CollisionDetection = ({ active, collisionRect, droppableRects, droppableContainers }) => {
  const start = droppableRects.get(active.id);
  if (!start) return [];
  const list = active.data.current?.sortable?.containerId;
  let over = { id: active.id, distance: 0 };
  for (const container of droppableContainers) {
    const rect = droppableRects.get(container.id);
    if (!rect || container.id === active.id || container.data.current?.sortable?.containerId !== list) continue;
    const reach = Math.min(rect.height, collisionRect.height) / 2;
    const passed = rect.top > start.top ? collisionRect.bottom > rect.top + reach : collisionRect.top < rect.bottom - reach;
    const distance = Math.abs(rect.top - start.top);
    if (passed && distance > over.distance) over = { id: container.id, distance };
  }
  return [{ id: over.id }];
};

const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'To move this step among the steps of its list, press space to pick it up, the up and down arrow keys to move it, and space again to drop it. Press escape to put it back.',
};

/** A step's instruction in quotes, shortened to `most` characters, to read out or show after its number. */
export function quoted(text: string | undefined, most = 80): string {
  const words = (text ?? '').trim();
  return words ? `“${words.length > most ? `${words.slice(0, most - 1)}…` : words}”` : '';
}

/** What the screen reader says as a step is picked up, moved over its siblings and dropped. */
function useStepAnnouncements(ctx: TreeContext): Announcements {
  // Where the step was last said to be: a drag starts over the step itself, and saying so would
  // cut off "Picked up".
  const place = useRef<UniqueIdentifier | null>(null);
  const number = (id: UniqueIdentifier) => ctx.numbers.get(String(id)) ?? '';
  const instruction = (id: UniqueIdentifier) => quoted(findStep(ctx.steps, String(id))?.text);
  const named = (id: UniqueIdentifier) => [`step ${number(id)}`, instruction(id)].filter(Boolean).join(', ');
  // Moving down, a step lands after the sibling it is over; moving up, before it.
  const beside = (id: UniqueIdentifier, overId: UniqueIdentifier) => {
    const side = (locateStep(ctx.steps, String(id))?.index ?? 0) < (locateStep(ctx.steps, String(overId))?.index ?? 0) ? 'after' : 'before';
    return instruction(overId) ? `, ${side} ${instruction(overId)}` : '';
  };
  return {
    onDragStart: ({ active }) => {
      place.current = active.id;
      return `Picked up ${named(active.id)}.`;
    },
    onDragOver: ({ active, over }) => {
      if ((over?.id ?? null) === place.current) return undefined;
      place.current = over?.id ?? null;
      if (!over || over.id === active.id) return `Step ${number(active.id)} is back in its own place.`;
      return `Step ${number(active.id)} would become step ${number(over.id)}${beside(active.id, over.id)}.`;
    },
    onDragEnd: ({ active, over }) => {
      if (!over || over.id === active.id) return `Step ${number(active.id)} was put back in its place.`;
      return `Moved ${named(active.id)}: it is now step ${number(over.id)}.`;
    },
    onDragCancel: ({ active }) => `Moving step ${number(active.id)} was cancelled; it stays where it was.`,
  };
}

/** Lets the steps of the tree below be dragged; a drop goes through the same edit as any other. */
export function StepDragContext({ ctx, children }: { ctx: TreeContext; children: ReactNode }) {
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so that a click on the handle is only a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const announcements = useStepAnnouncements(ctx);
  const drop = ({ active, over }: DragEndEvent) => {
    if (!over || over.id === active.id) return;
    // No focus to move: after a keyboard drop dnd-kit gives it back to the handle, to move again.
    ctx.apply((steps) => moveStepToPlaceOf(steps, String(active.id), String(over.id)));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={leadingEdgeCollision}
      modifiers={[keepVertical]}
      accessibility={{ announcements, screenReaderInstructions }}
      onDragEnd={drop}
    >
      {children}
    </DndContext>
  );
}

/** One list of sibling steps, whose steps can be reordered by drag (when there are two or more). */
export function SortableSteps({ steps, children }: { steps: Step[]; children: ReactNode }) {
  const { active } = useDndContext();
  const ids = useMemo(() => steps.map((step) => step.id), [steps]);
  const draggedElsewhere = active !== null && !ids.includes(String(active.id));
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={{ draggable: ids.length < 2, droppable: draggedElsewhere }}>
      {children}
    </SortableContext>
  );
}

type Handle = Pick<ReturnType<typeof useSortable>, 'setActivatorNodeRef' | 'attributes' | 'listeners' | 'isDragging'>;

const HandleContext = createContext<Handle | null>(null);

/** A step's list item that follows the drag, with everything under it; its DragHandle starts the drag. */
export function SortableStepItem({ id, children }: { id: string; children: ReactNode }) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({ id, attributes: { roleDescription: 'movable step' } });
  const handle = useMemo(() => ({ setActivatorNodeRef, attributes, listeners, isDragging }), [setActivatorNodeRef, attributes, listeners, isDragging]);
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: 'relative',
    zIndex: isDragging ? 2 : undefined,
    // The shadow follows the rounded cards of the step and its sub-steps, lifted while they move.
    filter: isDragging ? 'drop-shadow(0 6px 12px rgba(0, 0, 0, 0.18))' : undefined,
  };
  return (
    <li ref={setNodeRef} style={style}>
      <HandleContext value={handle}>{children}</HandleContext>
    </li>
  );
}

export function DragHandle({ number }: { number: string }) {
  const handle = use(HandleContext);
  if (!handle) throw new Error('DragHandle belongs inside a SortableStepItem');
  const { setActivatorNodeRef, attributes, listeners, isDragging } = handle;
  return (
    <Tooltip label={`Drag to move step ${number} (or Space, then ↑/↓, then Space)`} openDelay={400} disabled={isDragging}>
      <ActionIcon
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        variant="subtle"
        color="gray.8"
        aria-label={`Drag to move step ${number}`}
        // A step alone in its list has nowhere to go.
        disabled={attributes['aria-disabled']}
        style={{ cursor: isDragging ? 'grabbing' : 'grab', touchAction: 'none' }}
      >
        <IconGripVertical size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
