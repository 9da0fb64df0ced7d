/** `count` bind markers for a statement, comma-separated: `?, ?, ?`, or groups such as `(?, ?), (?, ?)`. */
export const placeholders = (count: number, marker = '?'): string => new Array(count).fill(marker).join(', ');
