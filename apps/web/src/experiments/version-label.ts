type VersionLike = { id: string; number: number; name: string | null };

/** "v3 · Shorter prompt" (or "v3" when `short`); a short id when the version is not in the list. */
export function versionLabel(
  list: readonly VersionLike[] | undefined,
  versionId: string,
  short = false,
): string {
  const version = list?.find((each) => each.id === versionId);
  if (!version) return versionId ? `version ${versionId.slice(0, 6)}` : '—';
  return !short && version.name ? `v${version.number} · ${version.name}` : `v${version.number}`;
}
