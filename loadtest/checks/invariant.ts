/** One line of the verdict: the CLI exits non-zero when any is not ok. */
export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}
