/**
 * What a click on a legend entry does to the set of hidden series. A plain click shows only the
 * entry's series (or everything again when they already are the only ones shown); shift-click
 * toggles the entry's series, all of them together.
 */
export function legendToggle(hidden: Set<number>, members: readonly number[], seriesCount: number, toggle: boolean): void {
  if (toggle) {
    const allHidden = members.every((i) => hidden.has(i));
    for (const i of members) (allHidden ? hidden.delete(i) : hidden.add(i));
    return;
  }
  let isolated = true;
  for (let i = 0; i < seriesCount && isolated; i++) isolated = members.includes(i) !== hidden.has(i);
  hidden.clear();
  if (isolated) return;
  for (let i = 0; i < seriesCount; i++) if (!members.includes(i)) hidden.add(i);
}
