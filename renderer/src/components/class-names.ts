/** Joins the class names that apply: `cx(styles.cell, selected && styles.selected)`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
