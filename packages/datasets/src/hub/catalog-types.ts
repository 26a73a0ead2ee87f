/** One upstream file: where it is, its SHA-256, and what it becomes in the dataset folder. */
export interface SourceFile {
  url: string;
  /** SHA-256 (hex) of the bytes the URL serves. */
  sha256: string;
  /** Size in bytes when known (progress and ETA). */
  bytes?: number;
  save: SaveStep;
}

/**
 * How verified bytes become files of the dataset folder (paths relative to it):
 * as they are; gzipped (our readers take the .gz our local copies use); or, for a zip, named
 * members gzipped, each checked against its own SHA-256 after unpacking.
 */
export type SaveStep =
  | { kind: 'as-is'; path: string }
  | { kind: 'gzip'; path: string }
  | { kind: 'zip-members'; members: { suffix: string; path: string; sha256: string }[] };

export type Obtain =
  | { kind: 'download'; files: () => SourceFile[] }
  /** No verifiable public copy of these bytes: `how` tells the user how to make the folder. */
  | { kind: 'manual'; how: string }
  /** Shipped with an npm dependency: always there after `npm install`. */
  | { kind: 'bundled'; locate: () => string | undefined; how: string };

export interface DatasetInfo {
  /** The name `--dataset` takes. */
  name: string;
  /** Folder name under a data directory. */
  folder: string;
  title: string;
  /** The apps that read it. */
  apps: string[];
  licence: string;
  /** Upstream repository and commit (or package and version), for people. */
  source: string;
  /** Files whose presence means the dataset is there. */
  required: string[];
  /** Approximate size on disk, bytes. */
  approxBytes: number;
  obtain: Obtain;
}
