/** Where the review screen marks the output of the item under review (the text selected there becomes a regex). */
export const itemOutputSelector = '[data-testid=item-output]';

/**
 * The text selected inside the first element matching `selector` (the part of a selection that falls
 * inside it), or '' when nothing there is selected.
 */
export function selectedTextWithin(selector: string): string {
  const selection = window.getSelection();
  const container = document.querySelector(selector);
  if (selection === null || container === null || selection.isCollapsed || selection.rangeCount === 0) return '';
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return '';
  const inside = document.createRange();
  inside.selectNodeContents(container);
  if (range.compareBoundaryPoints(Range.START_TO_START, inside) > 0) inside.setStart(range.startContainer, range.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, inside) < 0) inside.setEnd(range.endContainer, range.endOffset);
  return inside.toString();
}
