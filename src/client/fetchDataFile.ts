/**
 * The text of one of the site's data files (a block's data, `core/report/blockDataFiles.ts`):
 * only from the page's own origin, whatever the URL in the page says.
 */
export async function fetchDataFile(url: string): Promise<string> {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) throw new Error(`data file ${url} is not on this site`);
  const response = await fetch(target);
  if (!response.ok) throw new Error(`data file ${url}: HTTP ${response.status}`);
  return response.text();
}
