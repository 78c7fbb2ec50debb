export function SopEditorPage() {
  return null;
}
