import type { en } from './en.js';

/** Strings stay strings and message functions keep their arguments: the shape every language fills. */
type Shape<T> = T extends string
  ? string
  : T extends (args: infer A) => string
    ? (args: A) => string
    : { readonly [K in keyof T]: Shape<T[K]> };

export type Messages = Shape<typeof en>;
