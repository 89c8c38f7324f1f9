/** The operator console's sentences, in English (the `console` section of the catalogue). */
export const consoleEn = {
  title: 'Operator console',
};
