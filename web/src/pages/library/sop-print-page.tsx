export function SopPrintPage() {
  return null;
}
