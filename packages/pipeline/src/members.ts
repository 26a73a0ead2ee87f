/**
 * Loads ensemble members with `load`; `mismatch(member, first)` names what a member does not share
 * with the first (or undefined), and the error names the member. On any error all are disposed.
 */
export async function loadMembers<T extends { model: { store: { dispose(): void } } }>(
  dirs: readonly string[],
  load: (dir: string) => Promise<T>,
  mismatch: (member: T, first: T) => string | undefined,
): Promise<{ members: T[]; dispose: () => void }> {
  if (dirs.length === 0) throw new Error('no model given');
  const members: T[] = [];
  const dispose = () => members.forEach((m) => m.model.store.dispose());
  try {
    for (const dir of dirs) members.push(await load(dir));
    members.forEach((m, i) => {
      const what = mismatch(m, members[0]!);
      if (what) throw new Error(`ensemble member '${dirs[i]}' differs from '${dirs[0]}' in its ${what}`);
    });
    return { members, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
